package cfp_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones load even where the system has no zoneinfo

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

func london(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatalf("LoadLocation(Europe/London) error = %v", err)
	}
	return loc
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// londonCall returns a call for a London event that closes at the end of
// closing day (a date).
func londonCall(t *testing.T, closing time.Time) *cfp.Call {
	t.Helper()
	e := &event.Event{Name: "DevDay", Day: day(2027, 9, 16), Start: 9 * 60, End: 17 * 60, TZ: "Europe/London"}
	return &cfp.Call{
		Name:     e.Name,
		Event:    e,
		Formats:  []cfp.Format{{"lightning", 5}, {"talk", 30}, {"deep-dive", 90}},
		ClosesAt: cfp.Deadline(closing, e.Location()),
	}
}

func TestDeadline(t *testing.T) {
	lon := london(t)
	tests := []struct {
		name string
		day  time.Time
		loc  *time.Location
		want time.Time
	}{
		{"winter London is UTC", day(2027, 1, 15), lon, time.Date(2027, 1, 16, 0, 0, 0, 0, time.UTC)},
		{"summer London is UTC+1", day(2027, 6, 30), lon, time.Date(2027, 6, 30, 23, 0, 0, 0, time.UTC)},
		{"day before clocks go forward", day(2027, 3, 27), lon, time.Date(2027, 3, 28, 0, 0, 0, 0, time.UTC)},
		{"day clocks go forward", day(2027, 3, 28), lon, time.Date(2027, 3, 28, 23, 0, 0, 0, time.UTC)},
		{"day clocks go back", day(2027, 10, 31), lon, time.Date(2027, 11, 1, 0, 0, 0, 0, time.UTC)},
		{"end of month", day(2027, 2, 28), time.UTC, time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"end of year", day(2027, 12, 31), time.UTC, time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"leap day", day(2028, 2, 29), time.UTC, time.Date(2028, 3, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got := cfp.Deadline(tt.day, tt.loc)
		if !got.Equal(tt.want) {
			t.Errorf("%s: Deadline(%s, %s) = %s, want %s", tt.name, tt.day.Format(time.DateOnly), tt.loc, got.UTC(), tt.want)
		}
		if got.Location() != tt.loc {
			t.Errorf("%s: Deadline(%s, %s) location = %s, want %s", tt.name, tt.day.Format(time.DateOnly), tt.loc, got.Location(), tt.loc)
		}
	}
}

func TestCallClosedAroundDeadline(t *testing.T) {
	c := londonCall(t, day(2027, 6, 30))
	// The end of 30 June in London (BST) is 23:00 UTC.
	deadline := time.Date(2027, 6, 30, 23, 0, 0, 0, time.UTC)
	if !c.ClosesAt.Equal(deadline) {
		t.Fatalf("ClosesAt = %s, want %s", c.ClosesAt.UTC(), deadline)
	}
	tests := []struct {
		name       string
		now        time.Time
		wantClosed bool
	}{
		{"a month before", deadline.AddDate(0, -1, 0), false},
		{"22:59 UTC, 23:59 in London", deadline.Add(-time.Minute), false},
		{"one instant before", deadline.Add(-time.Nanosecond), false},
		{"at the deadline", deadline, true},
		{"one instant after", deadline.Add(time.Nanosecond), true},
		{"a year after", deadline.AddDate(1, 0, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Closed(tt.now); got != tt.wantClosed {
				t.Errorf("Closed(%s) = %v, want %v", tt.now, got, tt.wantClosed)
			}
			on := c.ClosedOn(tt.now)
			err := c.CheckOpen(tt.now, "submissions")
			if !tt.wantClosed {
				if !on.IsZero() {
					t.Errorf("ClosedOn(%s) = %s, want zero", tt.now, on)
				}
				if err != nil {
					t.Errorf("CheckOpen(%s) = %v, want nil", tt.now, err)
				}
				return
			}
			if !on.Equal(deadline) {
				t.Errorf("ClosedOn(%s) = %s, want %s", tt.now, on, deadline)
			}
			if code := guild.ErrorCode(err); code != guild.ECONFLICT {
				t.Fatalf("CheckOpen(%s) code = %q (%v), want %q", tt.now, code, err, guild.ECONFLICT)
			}
			want := "The call for proposals for DevDay closed at the end of Wednesday 30 June 2027 (Europe/London); it no longer takes submissions."
			if got := guild.ErrorMessage(err); got != want {
				t.Errorf("CheckOpen(%s) message = %q, want %q", tt.now, got, want)
			}
		})
	}
}

func TestCallClosedEarly(t *testing.T) {
	c := londonCall(t, day(2027, 6, 30))
	deadline := c.ClosesAt
	closedAt := time.Date(2027, 6, 20, 13, 45, 0, 0, time.UTC) // 14:45 BST
	c.ClosedAt = closedAt

	tests := []struct {
		name       string
		now        time.Time
		wantClosed bool
		wantOn     time.Time
	}{
		{"before closing", closedAt.Add(-time.Nanosecond), false, time.Time{}},
		{"as it closed", closedAt, true, closedAt},
		{"between closing and deadline", closedAt.Add(24 * time.Hour), true, closedAt},
		{"after the deadline", deadline.Add(time.Hour), true, closedAt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Closed(tt.now); got != tt.wantClosed {
				t.Errorf("Closed(%s) = %v, want %v", tt.now, got, tt.wantClosed)
			}
			if got := c.ClosedOn(tt.now); !got.Equal(tt.wantOn) {
				t.Errorf("ClosedOn(%s) = %s, want %s", tt.now, got, tt.wantOn)
			}
			err := c.CheckOpen(tt.now, "changes")
			if !tt.wantClosed {
				if err != nil {
					t.Errorf("CheckOpen(%s) = %v, want nil", tt.now, err)
				}
				return
			}
			want := "The call for proposals for DevDay closed on Sunday 20 June 2027 at 14:45 (Europe/London); it no longer takes changes."
			if got := guild.ErrorMessage(err); got != want {
				t.Errorf("CheckOpen(%s) message = %q, want %q", tt.now, got, want)
			}
		})
	}
}

func TestCallClosedAfterDeadlineReportsDeadline(t *testing.T) {
	c := londonCall(t, day(2027, 6, 30))
	deadline := c.ClosesAt
	c.ClosedAt = deadline.Add(48 * time.Hour) // closed by hand after it had closed by itself
	now := deadline.Add(72 * time.Hour)
	if got := c.ClosedOn(now); !got.Equal(deadline) {
		t.Errorf("ClosedOn(%s) = %s, want the deadline %s", now, got, deadline)
	}
	now = deadline.Add(time.Hour) // past the deadline, before ClosedAt
	if !c.Closed(now) {
		t.Errorf("Closed(%s) = false, want true: the deadline passed", now)
	}
	if got := c.ClosedOn(now); !got.Equal(deadline) {
		t.Errorf("ClosedOn(%s) = %s, want %s", now, got, deadline)
	}
}

func TestCallClosedInWinterSaysGMT(t *testing.T) {
	c := londonCall(t, day(2027, 1, 15))
	err := c.CheckOpen(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), "proposals")
	want := "The call for proposals for DevDay closed at the end of Friday 15 January 2027 (Europe/London); it no longer takes proposals."
	if got := guild.ErrorMessage(err); got != want {
		t.Errorf("CheckOpen message = %q, want %q", got, want)
	}
}

func TestStandingCall(t *testing.T) {
	c := &cfp.Call{Name: "Testers", CommunityID: 3, CommunityName: "Testers", Formats: []cfp.Format{{"talk", 30}}}
	if !c.Standing() {
		t.Errorf("Standing() = false for a call with no event, want true")
	}
	if got := c.Location(); got != time.UTC {
		t.Errorf("Location() = %s for a standing call, want UTC", got)
	}
	for _, now := range []time.Time{time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2999, 12, 31, 23, 59, 0, 0, time.UTC)} {
		if c.Closed(now) {
			t.Errorf("Closed(%s) = true for a standing call, want false", now)
		}
		if got := c.ClosedOn(now); !got.IsZero() {
			t.Errorf("ClosedOn(%s) = %s for a standing call, want zero", now, got)
		}
		if err := c.CheckOpen(now, "submissions"); err != nil {
			t.Errorf("CheckOpen(%s) = %v for a standing call, want nil", now, err)
		}
	}

	// An organiser may still close a standing call; it then reports in UTC.
	c.ClosedAt = time.Date(2027, 5, 4, 16, 20, 0, 0, time.UTC)
	now := c.ClosedAt.Add(time.Hour)
	if got := c.ClosedOn(now); !got.Equal(c.ClosedAt) {
		t.Errorf("ClosedOn(%s) = %s, want %s", now, got, c.ClosedAt)
	}
	want := "The call for proposals for Testers closed on Tuesday 4 May 2027 at 16:20 (UTC); it no longer takes submissions."
	if got := guild.ErrorMessage(c.CheckOpen(now, "submissions")); got != want {
		t.Errorf("CheckOpen(%s) message = %q, want %q", now, got, want)
	}

	dated := londonCall(t, day(2027, 6, 30))
	if dated.Standing() {
		t.Errorf("Standing() = true for an event's call, want false")
	}
	if got := dated.Location().String(); got != "Europe/London" {
		t.Errorf("Location() = %s for a London event's call, want Europe/London", got)
	}
}

func TestCallFormat(t *testing.T) {
	c := londonCall(t, day(2027, 6, 30))
	tests := []struct {
		in   string
		want cfp.Format
	}{
		{"talk", cfp.Format{"talk", 30}},
		{"TALK", cfp.Format{"talk", 30}},
		{"  Talk ", cfp.Format{"talk", 30}},
		{"Lightning", cfp.Format{"lightning", 5}},
		{"deep-dive", cfp.Format{"deep-dive", 90}},
		{"Deep Dive", cfp.Format{"deep-dive", 90}},
		{"deep   dive", cfp.Format{"deep-dive", 90}},
	}
	for _, tt := range tests {
		got, err := c.Format(tt.in)
		if err != nil {
			t.Errorf("Format(%q) error = %v, want %v", tt.in, err, tt.want)
			continue
		}
		if got != tt.want {
			t.Errorf("Format(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}

	offered := "lightning (5 min), talk (30 min), deep-dive (90 min)"
	bad := []struct {
		in   string
		want string
	}{
		{"keynote", `DevDay does not offer "keynote"; it offers ` + offered + "."},
		{"talks", `DevDay does not offer "talks"; it offers ` + offered + "."},
		{"deepdive", `DevDay does not offer "deepdive"; it offers ` + offered + "."},
		{"", "Choose a format: DevDay offers " + offered + "."},
		{"   ", "Choose a format: DevDay offers " + offered + "."},
	}
	for _, tt := range bad {
		got, err := c.Format(tt.in)
		if err == nil {
			t.Errorf("Format(%q) = %v, want an error", tt.in, got)
			continue
		}
		if code := guild.ErrorCode(err); code != guild.EINVALID {
			t.Errorf("Format(%q) code = %q, want %q", tt.in, code, guild.EINVALID)
		}
		if field := guild.ErrorField(err); field != "format" {
			t.Errorf("Format(%q) field = %q, want %q", tt.in, field, "format")
		}
		if msg := guild.ErrorMessage(err); msg != tt.want {
			t.Errorf("Format(%q) message = %q, want %q", tt.in, msg, tt.want)
		}
	}
}

func TestCallFormatMatchesParseFormats(t *testing.T) {
	// Whatever an organiser typed for a format, the same words find it.
	for _, name := range []string{"Lightning Talk", "WORKSHOP", "Fire  Side  Chat"} {
		fs, err := cfp.ParseFormats(name + ":20")
		if err != nil {
			t.Fatalf("ParseFormats(%q) error = %v", name+":20", err)
		}
		c := &cfp.Call{Name: "DevDay", Formats: fs}
		got, err := c.Format(name)
		if err != nil || got != fs[0] {
			t.Errorf("Format(%q) = %v, %v, want %v, nil", name, got, err, fs[0])
		}
		if !strings.Contains(cfp.FormatList(fs), fs[0].Name) {
			t.Errorf("FormatList(%v) = %q, want it to name %q", fs, cfp.FormatList(fs), fs[0].Name)
		}
	}
}
