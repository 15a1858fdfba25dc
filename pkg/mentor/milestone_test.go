package mentor_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/mentor"
)

func TestKindsOrder(t *testing.T) {
	want := []mentor.Kind{mentor.Outline, mentor.Deck, mentor.DryRun, mentor.Final}
	if !slices.Equal(mentor.Kinds, want) {
		t.Errorf("Kinds = %v, want %v", mentor.Kinds, want)
	}
}

func TestParseKind(t *testing.T) {
	tests := []struct {
		in   string
		want mentor.Kind
	}{
		{"outline", mentor.Outline},
		{"Outline", mentor.Outline},
		{"  OUTLINE ", mentor.Outline},
		{"deck", mentor.Deck},
		{"Deck", mentor.Deck},
		{"slides", mentor.Deck},
		{"SLIDES", mentor.Deck},
		{"slide deck", mentor.Deck},
		{"dryrun", mentor.DryRun},
		{"DryRun", mentor.DryRun},
		{"dry-run", mentor.DryRun},
		{"Dry-Run", mentor.DryRun},
		{"dry run", mentor.DryRun},
		{"dry   run", mentor.DryRun},
		{"dry_run", mentor.DryRun},
		{"rehearsal", mentor.DryRun},
		{"Rehearsal", mentor.DryRun},
		{"final", mentor.Final},
		{"FINAL", mentor.Final},
		{"final-check", mentor.Final},
		{"final check", mentor.Final},
		{"Final Check", mentor.Final},
		{"check", mentor.Final},
	}
	for _, tt := range tests {
		got, err := mentor.ParseKind(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseKind(%q) = %q, %v, want %q, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseKindEveryKind(t *testing.T) {
	for _, k := range mentor.Kinds {
		got, err := mentor.ParseKind(string(k))
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v, want %q, nil", k, got, err, k)
		}
	}
}

func TestParseKindErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"abstract", `"abstract" is not a milestone`},
		{"Abstract", `"Abstract" is not a milestone`},
		{"talk", `"talk" is not a milestone`},
		{"dry", `"dry" is not a milestone`},
		{"run", `"run" is not a milestone`},
		{"dryruns", `"dryruns" is not a milestone`},
		{"finalcheck", `"finalcheck" is not a milestone`},
		{"deck!", `"deck!" is not a milestone`},
		{"12", `"12" is not a milestone`},
		{"", "Name the milestone"},
		{"   ", "Name the milestone"},
		{"-", "Name the milestone"},
		{strings.Repeat("x", 200), "That is not a milestone"},
	}
	for _, tt := range tests {
		got, err := mentor.ParseKind(tt.in)
		if got != "" {
			t.Errorf("ParseKind(%q) = %q, want \"\"", tt.in, got)
		}
		checkFieldError(t, "ParseKind("+tt.in+")", err, "milestone", tt.want)
		checkFieldError(t, "ParseKind("+tt.in+")", err, "milestone", "outline, deck, dryrun or final")
	}
}

func TestKindTitle(t *testing.T) {
	tests := []struct {
		k    mentor.Kind
		want string
	}{
		{mentor.Outline, "outline"},
		{mentor.Deck, "slide deck"},
		{mentor.DryRun, "dry run with your mentor"},
		{mentor.Final, "final check"},
		{mentor.Kind("other"), "other"},
	}
	for _, tt := range tests {
		if got := tt.k.Title(); got != tt.want {
			t.Errorf("Kind(%q).Title() = %q, want %q", tt.k, got, tt.want)
		}
	}
}

func TestDueAt(t *testing.T) {
	london := loadLoc(t, "Europe/London")
	newYork := loadLoc(t, "America/New_York")
	sydney := loadLoc(t, "Australia/Sydney")
	tests := []struct {
		name string
		ev   *event.Event
		k    mentor.Kind
		o    mentor.Offsets
		want time.Time
	}{
		// Europe/London moves to BST at 01:00 UTC on 2026-03-29.
		{"london after the change, outline", conf(day(2026, 3, 30), 9*60, "Europe/London"), mentor.Outline, mentor.DefaultOffsets,
			time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)},
		{"london after the change, deck", conf(day(2026, 3, 30), 9*60, "Europe/London"), mentor.Deck, mentor.DefaultOffsets,
			time.Date(2026, 3, 23, 9, 0, 0, 0, time.UTC)},
		{"london after the change, dry run", conf(day(2026, 3, 30), 9*60, "Europe/London"), mentor.DryRun, mentor.DefaultOffsets,
			time.Date(2026, 3, 27, 9, 0, 0, 0, time.UTC)},
		{"london, final on the day of the change", conf(day(2026, 3, 30), 9*60, "Europe/London"), mentor.Final, mentor.DefaultOffsets,
			time.Date(2026, 3, 29, 8, 0, 0, 0, time.UTC)},
		{"london, change in between", conf(day(2026, 4, 2), 9*60, "Europe/London"), mentor.Deck, mentor.DefaultOffsets,
			time.Date(2026, 3, 26, 9, 0, 0, 0, time.UTC)},
		{"london, change in between, final", conf(day(2026, 4, 2), 9*60, "Europe/London"), mentor.Final, mentor.DefaultOffsets,
			time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)},
		// Europe/London moves back to GMT at 01:00 UTC on 2026-10-25.
		{"london, autumn change in between", conf(day(2026, 10, 27), 9*60+30, "Europe/London"), mentor.DryRun, mentor.DefaultOffsets,
			time.Date(2026, 10, 24, 8, 30, 0, 0, time.UTC)},
		// America/New_York moves to EDT on 2026-03-08.
		{"new york, change in between", conf(day(2026, 3, 10), 10*60+30, "America/New_York"), mentor.Deck, mentor.DefaultOffsets,
			time.Date(2026, 3, 3, 15, 30, 0, 0, time.UTC)},
		// Australia/Sydney leaves daylight saving on 2026-04-05.
		{"sydney, change in between", conf(day(2026, 4, 7), 9*60, "Australia/Sydney"), mentor.Deck, mentor.DefaultOffsets,
			time.Date(2026, 3, 31, 9, 0, 0, 0, sydney)},
		{"utc", conf(day(2026, 6, 10), 9*60, ""), mentor.Deck, mentor.DefaultOffsets,
			time.Date(2026, 6, 3, 9, 0, 0, 0, time.UTC)},
		{"across a year", conf(day(2026, 1, 5), 13*60, ""), mentor.Outline, mentor.DefaultOffsets,
			time.Date(2025, 12, 22, 13, 0, 0, 0, time.UTC)},
		{"across a leap day", conf(day(2028, 3, 2), 9*60, ""), mentor.DryRun, mentor.DefaultOffsets,
			time.Date(2028, 2, 28, 9, 0, 0, 0, time.UTC)},
		{"on the day", conf(day(2026, 3, 30), 9*60, "Europe/London"), mentor.Final, mentor.Offsets{Outline: 3, Deck: 2, DryRun: 1, Final: 0},
			time.Date(2026, 3, 30, 9, 0, 0, 0, london)},
		{"new york, far ahead", conf(day(2026, 7, 1), 9*60, "America/New_York"), mentor.Outline, mentor.Offsets{Outline: 120, Deck: 7, DryRun: 3, Final: 1},
			time.Date(2026, 3, 3, 9, 0, 0, 0, newYork)},
	}
	for _, tt := range tests {
		got := mentor.DueAt(tt.ev, tt.k, tt.o)
		if !got.Equal(tt.want) {
			t.Errorf("%s: DueAt(%s %s, %s) = %v, want %v", tt.name, tt.ev.Day.Format(time.DateOnly), tt.ev.TZ, tt.k, got, tt.want)
		}
		if got.Location().String() != tt.ev.Location().String() {
			t.Errorf("%s: DueAt(…).Location() = %v, want %v", tt.name, got.Location(), tt.ev.Location())
		}
		if h, m, _ := got.Clock(); h*60+m != tt.ev.Start {
			t.Errorf("%s: DueAt(…) wall clock = %02d:%02d, want %s", tt.name, h, m, event.Clock(tt.ev.Start))
		}
	}
}

func TestDueAtKeepsWallClockAcrossDST(t *testing.T) {
	london := loadLoc(t, "Europe/London")
	ev := conf(day(2026, 4, 2), 9*60, "Europe/London")
	start := ev.StartsAt()
	deck := mentor.DueAt(ev, mentor.Deck, mentor.DefaultOffsets)

	if _, off := start.In(london).Zone(); off != 3600 {
		t.Errorf("event start offset = %d, want 3600 (BST)", off)
	}
	if _, off := deck.In(london).Zone(); off != 0 {
		t.Errorf("deck due offset = %d, want 0 (GMT)", off)
	}
	for name, tm := range map[string]time.Time{"event start": start, "deck due": deck} {
		if h, m, _ := tm.In(london).Clock(); h != 9 || m != 0 {
			t.Errorf("%s wall clock = %02d:%02d, want 09:00", name, h, m)
		}
	}
	if got, want := start.Sub(deck), 7*24*time.Hour-time.Hour; got != want {
		t.Errorf("event start - deck due = %v, want %v", got, want)
	}
}

func TestDueAtZeroDaysIsEventStart(t *testing.T) {
	for _, tz := range []string{"", "Europe/London", "America/New_York", "Asia/Kolkata"} {
		ev := conf(day(2026, 3, 29), 10*60, tz)
		o := mentor.Offsets{Outline: 3, Deck: 2, DryRun: 1, Final: 0}
		if got, want := mentor.DueAt(ev, mentor.Final, o), ev.StartsAt(); !got.Equal(want) {
			t.Errorf("DueAt(%q, final=0) = %v, want the event start %v", tz, got, want)
		}
	}
}

func TestPlan(t *testing.T) {
	ev := conf(day(2026, 4, 2), 9*60, "Europe/London")
	got := mentor.Plan(ev, 42, mentor.DefaultOffsets)
	if len(got) != len(mentor.Kinds) {
		t.Fatalf("len(Plan(…)) = %d, want %d", len(got), len(mentor.Kinds))
	}
	for i, m := range got {
		if m.Kind != mentor.Kinds[i] {
			t.Errorf("Plan(…)[%d].Kind = %q, want %q", i, m.Kind, mentor.Kinds[i])
		}
		if m.Submission != 42 {
			t.Errorf("Plan(…)[%d].Submission = %d, want 42", i, m.Submission)
		}
		if want := mentor.DueAt(ev, m.Kind, mentor.DefaultOffsets); !m.DueAt.Equal(want) {
			t.Errorf("Plan(…)[%d].DueAt = %v, want %v", i, m.DueAt, want)
		}
		if m.Done() || m.DoneBy != nil || m.Minutes != 0 || m.Escalated {
			t.Errorf("Plan(…)[%d] = %+v, want not done, not escalated", i, m)
		}
		if i > 0 && !got[i-1].DueAt.Before(m.DueAt) {
			t.Errorf("Plan(…)[%d].DueAt = %v, want after %v", i, m.DueAt, got[i-1].DueAt)
		}
	}
	if again := mentor.Plan(ev, 42, mentor.DefaultOffsets); again[0] == got[0] {
		t.Errorf("Plan(…) returned the same *Milestone twice, want fresh milestones")
	}
}

func TestMilestoneDone(t *testing.T) {
	m := &mentor.Milestone{Kind: mentor.Deck}
	if m.Done() {
		t.Errorf("Done() = true with zero DoneAt, want false")
	}
	m.DoneAt = time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	if !m.Done() {
		t.Errorf("Done() = false with DoneAt set, want true")
	}
}

func TestMilestoneStatus(t *testing.T) {
	due := time.Date(2026, 3, 23, 9, 0, 0, 0, time.UTC)
	o := mentor.DefaultOffsets // Lead 2
	lead0 := mentor.DefaultOffsets
	lead0.Lead = 0
	doneAt := due.Add(-time.Hour)
	tests := []struct {
		name   string
		doneAt time.Time
		now    time.Time
		o      mentor.Offsets
		want   mentor.Status
	}{
		{"long before", time.Time{}, due.AddDate(0, 0, -10), o, mentor.StatusUpcoming},
		{"just before the reminder", time.Time{}, due.AddDate(0, 0, -2).Add(-time.Nanosecond), o, mentor.StatusUpcoming},
		{"at the reminder", time.Time{}, due.AddDate(0, 0, -2), o, mentor.StatusDueSoon},
		{"a day before", time.Time{}, due.AddDate(0, 0, -1), o, mentor.StatusDueSoon},
		{"just before due", time.Time{}, due.Add(-time.Nanosecond), o, mentor.StatusDueSoon},
		{"at due", time.Time{}, due, o, mentor.StatusDueSoon},
		{"just after due", time.Time{}, due.Add(time.Nanosecond), o, mentor.StatusOverdue},
		{"long after", time.Time{}, due.AddDate(0, 1, 0), o, mentor.StatusOverdue},
		{"lead 0, just before due", time.Time{}, due.Add(-time.Nanosecond), lead0, mentor.StatusUpcoming},
		{"lead 0, at due", time.Time{}, due, lead0, mentor.StatusDueSoon},
		{"lead 0, after due", time.Time{}, due.Add(time.Second), lead0, mentor.StatusOverdue},
		{"done early", doneAt, due.AddDate(0, 0, -10), o, mentor.StatusDone},
		{"done, due soon", doneAt, due.Add(-time.Minute), o, mentor.StatusDone},
		{"done, past due", doneAt, due.AddDate(0, 0, 3), o, mentor.StatusDone},
		{"done late", due.AddDate(0, 0, 1), due.AddDate(0, 0, 2), o, mentor.StatusDone},
	}
	for _, tt := range tests {
		m := &mentor.Milestone{Kind: mentor.Deck, DueAt: due, DoneAt: tt.doneAt}
		if got := m.Status(tt.now, tt.o); got != tt.want {
			t.Errorf("%s: Status(%v) = %q, want %q", tt.name, tt.now, got, tt.want)
		}
	}
}

func TestMilestoneStatusInOtherZone(t *testing.T) {
	// now given in another zone than DueAt compares as an instant.
	london := loadLoc(t, "Europe/London")
	tokyo := loadLoc(t, "Asia/Tokyo")
	due := time.Date(2026, 3, 30, 9, 0, 0, 0, london) // 08:00 UTC, 17:00 in Tokyo
	m := &mentor.Milestone{Kind: mentor.DryRun, DueAt: due}
	if got := m.Status(time.Date(2026, 3, 30, 17, 0, 0, 0, tokyo), mentor.DefaultOffsets); got != mentor.StatusDueSoon {
		t.Errorf("Status(17:00 Tokyo) = %q, want %q", got, mentor.StatusDueSoon)
	}
	if got := m.Status(time.Date(2026, 3, 30, 17, 1, 0, 0, tokyo), mentor.DefaultOffsets); got != mentor.StatusOverdue {
		t.Errorf("Status(17:01 Tokyo) = %q, want %q", got, mentor.StatusOverdue)
	}
}

func TestRemindAndEscalateAt(t *testing.T) {
	london := loadLoc(t, "Europe/London")
	tests := []struct {
		name          string
		due           time.Time
		o             mentor.Offsets
		remind, escal time.Time
	}{
		{"utc defaults", time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC), mentor.DefaultOffsets,
			time.Date(2026, 6, 8, 9, 0, 0, 0, time.UTC), time.Date(2026, 6, 11, 9, 0, 0, 0, time.UTC)},
		{"zero lead and grace", time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC), mentor.Offsets{Outline: 3, Deck: 2, DryRun: 1},
			time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC), time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)},
		// The clocks go forward in London on 2026-03-29: wall clock kept.
		{"london, reminder before the change", time.Date(2026, 3, 30, 9, 0, 0, 0, london), mentor.DefaultOffsets,
			time.Date(2026, 3, 28, 9, 0, 0, 0, london), time.Date(2026, 3, 31, 9, 0, 0, 0, london)},
		{"london, escalation after the change", time.Date(2026, 3, 28, 9, 0, 0, 0, london), mentor.Offsets{Grace: 2, Lead: 14},
			time.Date(2026, 3, 14, 9, 0, 0, 0, london), time.Date(2026, 3, 30, 9, 0, 0, 0, london)},
	}
	for _, tt := range tests {
		m := &mentor.Milestone{Kind: mentor.Deck, DueAt: tt.due}
		if got := m.RemindAt(tt.o); !got.Equal(tt.remind) {
			t.Errorf("%s: RemindAt = %v, want %v", tt.name, got, tt.remind)
		}
		if got := m.EscalateAt(tt.o); !got.Equal(tt.escal) {
			t.Errorf("%s: EscalateAt = %v, want %v", tt.name, got, tt.escal)
		}
	}
	// Across the change the gap is not a whole number of 24 hours.
	m := &mentor.Milestone{DueAt: time.Date(2026, 3, 30, 9, 0, 0, 0, london)}
	if got, want := m.DueAt.Sub(m.RemindAt(mentor.DefaultOffsets)), 47*time.Hour; got != want {
		t.Errorf("DueAt - RemindAt across the change = %v, want %v", got, want)
	}
}

func TestStatusValues(t *testing.T) {
	// Templates and the store spell statuses this way.
	for s, want := range map[mentor.Status]string{
		mentor.StatusDone: "done", mentor.StatusUpcoming: "upcoming",
		mentor.StatusDueSoon: "due soon", mentor.StatusOverdue: "overdue",
	} {
		if string(s) != want {
			t.Errorf("status = %q, want %q", s, want)
		}
	}
}
