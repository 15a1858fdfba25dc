package sqlite_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// eventDay parses a YYYY-MM-DD date as event.Event.Day holds it.
func eventDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCreateEvent(t *testing.T) {
	f := newCFPFixture(t)
	e := &event.Event{Name: "  Dev   Day ", Day: eventDay(t, "2026-04-15"), Start: 9*60 + 30, End: 17 * 60, TZ: "Europe/Paris",
		Rooms: []event.Room{{Name: "Main", Capacity: 120}, {Name: "Lab", Capacity: 30}}}
	if err := f.events.CreateEvent(as(context.Background(), f.olga), e); err != nil {
		t.Fatal(err)
	}
	if e.ID == 0 || e.Name != "Dev Day" || e.CreatedBy.ID != f.olga.ID || !e.CreatedAt.Equal(t0) {
		t.Errorf("CreateEvent = {id %d, name %q, by %v, at %v}, want {≠0, \"Dev Day\", Olga, %v}", e.ID, e.Name, e.CreatedBy, e.CreatedAt, t0)
	}
	for _, name := range []string{"Dev Day", "dev day", "  DEV   DAY  "} {
		got, err := f.events.FindEvent(context.Background(), name)
		if err != nil {
			t.Fatalf("FindEvent(%q): %v", name, err)
		}
		if got.ID != e.ID || got.Name != "Dev Day" || !got.Day.Equal(e.Day) || got.Start != e.Start || got.End != e.End || got.TZ != "Europe/Paris" {
			t.Errorf("FindEvent(%q) = %+v, want %+v", name, got, e)
		}
		if !reflect.DeepEqual(got.Rooms, e.Rooms) || got.CreatedBy.ID != f.olga.ID || got.CreatedBy.Name != "Olga" || !got.CreatedAt.Equal(t0) {
			t.Errorf("FindEvent(%q) = {rooms %+v, by %v, at %v}, want {%+v, Olga, %v}", name, got.Rooms, got.CreatedBy, got.CreatedAt, e.Rooms, t0)
		}
		if want := time.Date(2026, 4, 15, 7, 30, 0, 0, time.UTC); !got.StartsAt().Equal(want) {
			t.Errorf("FindEvent(%q).StartsAt() = %v, want %v", name, got.StartsAt(), want)
		}
	}
	_, err := f.events.FindEvent(context.Background(), "Ops Day")
	wantCode(t, "FindEvent(unknown)", err, guild.ENOTFOUND)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, `"Ops Day"`) {
		t.Errorf("FindEvent(unknown) message = %q, want it to name the event", msg)
	}
}

func TestCreateEventRefused(t *testing.T) {
	f := newCFPFixture(t)
	f.event(t, "DevDay", "2026-04-15", "")
	good := func() event.Event {
		return event.Event{Name: "Ops Day", Day: eventDay(t, "2026-05-01"), Start: 9 * 60, End: 17 * 60, Rooms: []event.Room{{Name: "Main", Capacity: 50}}}
	}
	tests := []struct {
		name  string
		as    *guild.User
		edit  func(e *event.Event)
		code  string
		field string
		msg   string
	}{
		{"not an organiser", f.ann, nil, guild.EFORBIDDEN, "", "Only organisers"},
		{"no acting user", nil, nil, guild.EFORBIDDEN, "", ""},
		{"yesterday", f.olga, func(e *event.Event) { e.Day = eventDay(t, "2026-03-01") }, guild.EINVALID, "date", "2026-03-01 is in the past (today is 2026-03-02 in UTC)"},
		{"last year", f.olga, func(e *event.Event) { e.Day = eventDay(t, "2025-12-31") }, guild.EINVALID, "date", "in the past"},
		{"yesterday west of UTC", f.olga, func(e *event.Event) { e.Day, e.TZ = eventDay(t, "2026-02-28"), "Pacific/Pago_Pago" }, guild.EINVALID, "date",
			"today is 2026-03-01 in Pacific/Pago_Pago"},
		{"ends before it starts", f.olga, func(e *event.Event) { e.End = e.Start }, guild.EINVALID, "end", ""},
		{"no rooms", f.olga, func(e *event.Event) { e.Rooms = nil }, guild.EINVALID, "rooms", ""},
		{"unknown zone", f.olga, func(e *event.Event) { e.TZ = "Mars/Olympus" }, guild.EINVALID, "tz", ""},
		{"no name", f.olga, func(e *event.Event) { e.Name = "  " }, guild.EINVALID, "name", ""},
		{"channel-like name", f.olga, func(e *event.Event) { e.Name = "#devday" }, guild.EINVALID, "name", ""},
	}
	for _, tt := range tests {
		e := good()
		if tt.edit != nil {
			tt.edit(&e)
		}
		ctx := context.Background()
		if tt.as != nil {
			ctx = as(ctx, tt.as)
		}
		err := f.events.CreateEvent(ctx, &e)
		wantCode(t, "CreateEvent("+tt.name+")", err, tt.code)
		if got := guild.ErrorField(err); got != tt.field {
			t.Errorf("CreateEvent(%s) field = %q, want %q", tt.name, got, tt.field)
		}
		if !strings.Contains(guild.ErrorMessage(err), tt.msg) {
			t.Errorf("CreateEvent(%s) message = %q, want it to contain %q", tt.name, guild.ErrorMessage(err), tt.msg)
		}
	}

	for _, name := range []string{"DevDay", "devday", "DEVDAY", "  DevDay  "} {
		e := good()
		e.Name = name
		err := f.events.CreateEvent(as(context.Background(), f.olga), &e)
		if code := guild.ErrorCode(err); code == "" || code == guild.EINTERNAL {
			t.Errorf("CreateEvent(%q) after DevDay = %v, want a user error", name, err)
		}
		if msg := guild.ErrorMessage(err); !strings.Contains(strings.ToLower(msg), "already an event called devday") {
			t.Errorf("CreateEvent(%q) message = %q, want it to say DevDay exists", name, msg)
		}
	}
	all, err := f.events.FindEvents(context.Background(), t0)
	if err != nil || len(all) != 1 || all[0].Name != "DevDay" {
		t.Errorf("FindEvents after refused creates = %d events, %v, want DevDay alone", len(all), err)
	}
}

// "Today" is the date in the event's own zone.
func TestCreateEventTodayInItsZone(t *testing.T) {
	evening := t0.Add(12 * time.Hour) // 21:00Z on 2 March
	tests := []struct {
		now     time.Time
		day, tz string
		ok      bool
	}{
		{t0, "2026-03-02", "", true},
		{t0, "2026-03-01", "", false},
		{t0, "2026-03-01", "Pacific/Pago_Pago", true}, // 22:00 on 1 March there
		{t0, "2026-02-28", "Pacific/Pago_Pago", false},
		{t0, "2026-03-02", "Pacific/Kiritimati", true}, // 23:00 on 2 March there
		{t0, "2026-03-01", "Pacific/Kiritimati", false},
		{evening, "2026-03-02", "", true},
		{evening, "2026-03-02", "Pacific/Kiritimati", false}, // 11:00 on 3 March there
		{evening, "2026-03-03", "Pacific/Kiritimati", true},
	}
	f := newCFPFixture(t)
	for i, tt := range tests {
		f.now = tt.now
		e := &event.Event{Name: fmt.Sprintf("Day %d", i), Day: eventDay(t, tt.day), Start: 540, End: 1020, TZ: tt.tz, Rooms: []event.Room{{Name: "Main", Capacity: 9}}}
		err := f.events.CreateEvent(as(context.Background(), f.olga), e)
		if tt.ok && err != nil {
			t.Errorf("CreateEvent(%s in %q) at %v = %v, want nil", tt.day, tt.tz, tt.now, err)
		}
		if !tt.ok && guild.ErrorField(err) != "date" {
			t.Errorf("CreateEvent(%s in %q) at %v = %v, want a refusal of the date", tt.day, tt.tz, tt.now, err)
		}
	}
}

func TestFindEventsOrder(t *testing.T) {
	f := newCFPFixture(t)
	create := func(name, d string, start int) {
		t.Helper()
		e := &event.Event{Name: name, Day: eventDay(t, d), Start: start, End: 20 * 60, Rooms: []event.Room{{Name: "Main", Capacity: 9}}}
		if err := f.events.CreateEvent(as(context.Background(), f.olga), e); err != nil {
			t.Fatalf("CreateEvent(%s): %v", name, err)
		}
	}
	create("May Day", "2026-05-01", 9*60)
	create("April Afternoon", "2026-04-01", 13*60)
	create("April Morning", "2026-04-01", 9*60)
	create("April Morning Too", "2026-04-01", 9*60)
	create("Today", "2026-03-02", 18*60)

	names := func(es []*event.Event) []string {
		out := []string{}
		for _, e := range es {
			out = append(out, e.Name)
		}
		return out
	}
	tests := []struct {
		from time.Time
		want []string
	}{
		{t0, []string{"Today", "April Morning", "April Morning Too", "April Afternoon", "May Day"}},
		{time.Date(2026, 4, 1, 23, 59, 0, 0, time.UTC), []string{"April Morning", "April Morning Too", "April Afternoon", "May Day"}},
		{time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), []string{"May Day"}},
		{time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC), []string{}},
	}
	for _, tt := range tests {
		got, err := f.events.FindEvents(context.Background(), tt.from)
		if err != nil {
			t.Fatal(err)
		}
		if g := names(got); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("FindEvents(%v) = %q, want %q", tt.from, g, tt.want)
		}
	}
	got, _ := f.events.FindEvents(context.Background(), t0)
	if got[0].CreatedBy == nil || got[0].CreatedBy.ID != f.olga.ID {
		t.Errorf("FindEvents creator = %v, want Olga", got[0].CreatedBy)
	}
}

func TestAssignRoles(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	talk := f.submit(t, f.ann, "DevDay", "Payments at scale", "talk")
	f.event(t, "OpsDay", "2026-05-01", "")
	f.open(t, f.datedCall(t, "OpsDay", "2026-04-01", "talk:30"))
	elsewhere := f.submit(t, f.cat, "OpsDay", "Runbooks", "talk")
	octx := as(context.Background(), f.olga)

	assign := func(u *guild.User, role event.Role, talk int64) {
		t.Helper()
		e, err := f.events.AssignRole(octx, "devday", &event.Assignment{Role: role, User: u, Talk: talk})
		if err != nil {
			t.Fatalf("AssignRole(%s, %s): %v", u.Name, role, err)
		}
		if e.Name != "DevDay" {
			t.Errorf("AssignRole returned event %q, want DevDay", e.Name)
		}
	}
	assign(f.dan, event.Scribe, 0)
	assign(f.cat, event.Scribe, 0) // at the same time as Dan, so listed by name: Cat first
	assign(f.ben, event.PreparedAsker, talk.ID)
	f.now = t0.Add(time.Minute)
	assign(f.eve, event.Timekeeper, 0)
	assign(f.rita, event.StageManager, 0)
	f.now = t0.Add(time.Hour)
	assign(f.ann, event.Scribe, 0) // assigned last, listed last among scribes despite her name
	assign(f.ben, event.StageManager, 0)

	refusals := []struct {
		name   string
		as     *guild.User
		event  string
		a      event.Assignment
		code   string
		field  string
		substr string
	}{
		{"twice", f.olga, "DevDay", event.Assignment{Role: event.Scribe, User: f.dan}, guild.ECONFLICT, "", "@Dan is already a scribe at DevDay"},
		{"prepared asker twice", f.olga, "DevDay", event.Assignment{Role: event.PreparedAsker, User: f.ben, Talk: talk.ID}, guild.ECONFLICT, "", "already a prepared asker"},
		{"not an organiser", f.ann, "DevDay", event.Assignment{Role: event.Scribe, User: f.nick}, guild.EFORBIDDEN, "", "Only organisers"},
		{"no acting user", nil, "DevDay", event.Assignment{Role: event.Scribe, User: f.nick}, guild.EFORBIDDEN, "", ""},
		{"nobody", f.olga, "DevDay", event.Assignment{Role: event.Scribe}, guild.EINVALID, "@user", ""},
		{"unknown event", f.olga, "NoDay", event.Assignment{Role: event.Scribe, User: f.nick}, guild.ENOTFOUND, "", "NoDay"},
		{"prepared asker without a talk", f.olga, "DevDay", event.Assignment{Role: event.PreparedAsker, User: f.nick}, guild.EINVALID, "talk", "talk=ID"},
		{"prepared asker for another event's talk", f.olga, "DevDay", event.Assignment{Role: event.PreparedAsker, User: f.nick, Talk: elsewhere.ID}, guild.EINVALID, "talk",
			fmt.Sprintf("#%d is not a talk submitted to DevDay", elsewhere.ID)},
		{"prepared asker for no talk", f.olga, "DevDay", event.Assignment{Role: event.PreparedAsker, User: f.nick, Talk: 999}, guild.EINVALID, "talk", "#999"},
		{"timekeeper for a talk", f.olga, "DevDay", event.Assignment{Role: event.Timekeeper, User: f.nick, Talk: talk.ID}, guild.EINVALID, "talk", "leave out talk="},
		{"war room for a talk", f.olga, "DevDay", event.Assignment{Role: event.WarRoom, User: f.nick, Talk: talk.ID}, guild.EINVALID, "talk", ""},
	}
	for _, tt := range refusals {
		ctx := context.Background()
		if tt.as != nil {
			ctx = as(ctx, tt.as)
		}
		a := tt.a
		_, err := f.events.AssignRole(ctx, tt.event, &a)
		wantCode(t, "AssignRole("+tt.name+")", err, tt.code)
		if got := guild.ErrorField(err); got != tt.field {
			t.Errorf("AssignRole(%s) field = %q, want %q", tt.name, got, tt.field)
		}
		if !strings.Contains(guild.ErrorMessage(err), tt.substr) {
			t.Errorf("AssignRole(%s) message = %q, want it to contain %q", tt.name, guild.ErrorMessage(err), tt.substr)
		}
	}

	e, _ := f.events.FindEvent(context.Background(), "DevDay")
	list := func() []string {
		t.Helper()
		as, err := f.events.FindAssignments(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, a := range as {
			s := fmt.Sprintf("%s %s", a.Role, a.User.Name)
			if a.Talk != 0 {
				s += fmt.Sprintf(" #%d", a.Talk)
			}
			if a.EventID != e.ID {
				s += " (wrong event)"
			}
			out = append(out, s)
		}
		return out
	}
	want := []string{
		"stage-manager Rita", "stage-manager Ben",
		"timekeeper Eve",
		"scribe Cat", "scribe Dan", "scribe Ann",
		fmt.Sprintf("prepared-asker Ben #%d", talk.ID),
	}
	if got := list(); !reflect.DeepEqual(got, want) {
		t.Errorf("FindAssignments = %q, want %q", got, want)
	}
	other, _ := f.events.FindEvent(context.Background(), "OpsDay")
	if got, err := f.events.FindAssignments(context.Background(), other.ID); err != nil || len(got) != 0 {
		t.Errorf("FindAssignments(OpsDay) = %d, %v, want none", len(got), err)
	}

	// Unassigning.
	_, err := f.events.UnassignRole(as(context.Background(), f.ann), "DevDay", &event.Assignment{Role: event.Scribe, User: f.dan})
	wantCode(t, "UnassignRole by a speaker", err, guild.EFORBIDDEN)
	if _, err := f.events.UnassignRole(octx, "DevDay", &event.Assignment{Role: event.Scribe, User: f.dan}); err != nil {
		t.Fatal(err)
	}
	_, err = f.events.UnassignRole(octx, "DevDay", &event.Assignment{Role: event.Scribe, User: f.dan})
	wantCode(t, "UnassignRole twice", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "@Dan is not a scribe at DevDay") {
		t.Errorf("UnassignRole twice message = %q", msg)
	}
	_, err = f.events.UnassignRole(octx, "DevDay", &event.Assignment{Role: event.PreparedAsker, User: f.ben})
	wantCode(t, "UnassignRole of a prepared asker without the talk", err, guild.EINVALID)
	if _, err := f.events.UnassignRole(octx, "DevDay", &event.Assignment{Role: event.PreparedAsker, User: f.ben, Talk: talk.ID}); err != nil {
		t.Fatal(err)
	}
	want = []string{"stage-manager Rita", "stage-manager Ben", "timekeeper Eve", "scribe Cat", "scribe Ann"}
	if got := list(); !reflect.DeepEqual(got, want) {
		t.Errorf("FindAssignments after unassigning = %q, want %q", got, want)
	}
	// A role given back can be given again.
	assign(f.dan, event.Scribe, 0)
}
