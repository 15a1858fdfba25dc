package bot_test

import (
	"strings"
	"testing"
)

// devDay is an event 114 days after the pinned clock, in London.
const devDay = `/event create DevDay date=2027-03-18 start=09:00 end=17:30 tz=Europe/London rooms="Main:120, Lab:30"`

func TestEventCreate(t *testing.T) {
	e := newEnv(t, "olga")
	r := e.do("olga", devDay)
	contains(t, "create", r.Text,
		"✓ DevDay is on Thursday 18 March 2027, 09:00–17:30 (Europe/London).",
		"Rooms: Main (120 seats), Lab (30 seats)",
		"/cfp open DevDay closes=YYYY-MM-DD",
		"/event role DevDay ROLE @someone")

	e.refuse("bob", `/event create Other date=2027-03-18 start=09:00 end=17:30 rooms="Main:120"`, "Only organisers create events")
	e.refuse("olga", devDay, "There is already an event called DevDay", "/event show DevDay")

	tests := []struct {
		name  string // what is wrong
		opts  string
		wants []string
	}{
		{"bad date", `date=2027-13-18 start=09:00 end=17:30 rooms="Main:120"`, []string{"date=2027-13-18 is not a date", "YYYY-MM-DD"}},
		{"date in words", `date="18 March" start=09:00 end=17:30 rooms="Main:120"`, []string{`date="18 March" is not a date`}},
		{"past date", `date=2026-11-23 start=09:00 end=17:30 rooms="Main:120"`, []string{"2026-11-23 is in the past", "today is 2026-11-24"}},
		{"bad start", `date=2027-03-18 start=9am end=17:30 rooms="Main:120"`, []string{"start=9am is not a time of day", "HH:MM in 24 hours"}},
		{"bad end", `date=2027-03-18 start=09:00 end=25:00 rooms="Main:120"`, []string{"end=25:00 is not a time of day"}},
		{"end before start", `date=2027-03-18 start=18:00 end=17:30 rooms="Main:120"`, []string{"must end after it starts: start=18:00, end=17:30"}},
		{"room without seats", `date=2027-03-18 start=09:00 end=17:30 rooms="Main"`, []string{`Room "Main" has no capacity`, "Name:seats"}},
		{"room with bad seats", `date=2027-03-18 start=09:00 end=17:30 rooms="Main:lots"`, []string{`Room "Main" needs a number of seats`, `not "lots"`}},
		{"room twice", `date=2027-03-18 start=09:00 end=17:30 rooms="Main:10, main:20"`, []string{"Room main is named twice"}},
		{"no rooms", `date=2027-03-18 start=09:00 end=17:30 rooms=","`, []string{"rooms=", "Main:120"}},
		{"bad tz", `date=2027-03-18 start=09:00 end=17:30 rooms="Main:120" tz=Mars/Olympus`, []string{`"Mars/Olympus" is not a time zone I know`}},
		{"missing rooms", `date=2027-03-18 start=09:00 end=17:30`, []string{`rooms="Main:120, Lab:30"`}},
	}
	for _, tt := range tests {
		line := "/event create Autumn " + tt.opts
		r := e.refuse("olga", line, tt.wants...)
		contains(t, tt.name, r.Text, "You typed: "+line)
	}

	r = e.do("olga", "/event list")
	lacks(t, "list after refusals", r.Text, "Autumn")
}

func TestEventListAndShow(t *testing.T) {
	e := newEnv(t, "olga")
	r := e.do("bob", "/event list")
	contains(t, "empty list", r.Text, "No events are coming up.", "/event create NAME date=YYYY-MM-DD")

	e.do("olga", devDay)
	e.do("olga", `/event create Spring date=2027-04-18 start=10:00 end=12:00 rooms="Main:50"`)
	r = e.do("bob", "/event list")
	contains(t, "list", r.Text, "Coming up:",
		"DevDay · Thursday 18 March 2027, 09:00–17:30 (Europe/London) · 2 rooms",
		"Spring · Sunday 18 April 2027, 10:00–12:00 (UTC) · 1 room")
	if i, j := strings.Index(r.Text, "DevDay"), strings.Index(r.Text, "Spring"); i > j {
		t.Errorf("list:\n%s\nwant DevDay (sooner) before Spring", r.Text)
	}

	r = e.do("olga", "/event show devday")
	contains(t, "show to an organiser", r.Text,
		"DevDay · Thursday 18 March 2027, 09:00–17:30 (Europe/London)",
		"Call for proposals\n  Not open yet. /cfp open DevDay",
		"Roles on the day\n  Nobody yet.",
		"Still to fill:",
		"stage manager (stage-manager): the chief worrier",
		"timekeeper (timekeeper)", "scribe (scribe)", "mic runner (mic-runner)",
		"channel watcher (channel-watcher)", "war room (war-room)",
		"Assign with /event role DevDay ROLE @someone")
	r = e.do("bob", "/event show DevDay")
	contains(t, "show to a member", r.Text, "Not open yet.", "Still to fill:")
	lacks(t, "show to a member", r.Text, "/cfp open", "Assign with")

	e.refuse("bob", "/event show Nope", `There is no event called "Nope"`)
}

func TestEventRoles(t *testing.T) {
	e := newEnv(t, "olga")
	e.do("olga", devDay)
	e.do("sam", "/profile")

	r := e.do("olga", "/event role DevDay stage-manager @sam")
	contains(t, "assign", r.Text, "✓ @sam is stage manager at DevDay.", "Still to fill: timekeeper, scribe")
	lacks(t, "assign", r.Text, "Still to fill: stage manager")
	if len(r.Notices) != 1 || r.Notices[0].To.User == nil || r.Notices[0].To.User.Name != "sam" {
		t.Fatalf("role notices = %+v, want one direct message to sam", r.Notices)
	}
	contains(t, "role notice", r.Notices[0].Text, "@olga asked you to be stage manager at DevDay on Thursday 18 March 2027", "the chief worrier")

	r = e.do("olga", `/event role DevDay "Time Keeper" @sam`)
	contains(t, "second role", r.Text, "✓ @sam is timekeeper at DevDay.")

	r = e.do("bob", "/event show DevDay")
	contains(t, "show after roles", r.Text, "Roles on the day\n  stage manager: @sam\n  timekeeper: @sam", "Still to fill:\n  scribe (scribe)")
	lacks(t, "show after roles", r.Text, "stage manager (stage-manager)", "timekeeper (timekeeper)", "Nobody yet.")

	r = e.do("olga", "/event role DevDay timekeeper @sam remove=yes")
	contains(t, "remove", r.Text, "✓ @sam is no longer timekeeper at DevDay.", "Still to fill: timekeeper, scribe")
	if len(r.Notices) != 0 {
		t.Errorf("remove notices = %+v, want none", r.Notices)
	}
	r = e.do("bob", "/event show DevDay")
	contains(t, "show after remove", r.Text, "stage manager: @sam", "timekeeper (timekeeper): signals time left")
	lacks(t, "show after remove", r.Text, "timekeeper: @sam")

	tests := []struct {
		user, line string
		wants      []string
	}{
		{"olga", "/event role DevDay asker @sam", []string{"A prepared asker is ready for one talk: add talk=ID"}},
		{"olga", "/event role DevDay asker @sam talk=99", []string{"#99 is not a talk submitted to DevDay"}},
		{"olga", "/event role DevDay asker @sam talk=abc", []string{`"abc" is not a submission number`}},
		{"olga", "/event role DevDay scribe @sam talk=1", []string{"A scribe serves the whole day; leave out talk="}},
		{"olga", "/event role DevDay juggler @sam", []string{`"juggler" is not a role on the day`, "stage-manager, timekeeper"}},
		{"olga", "/event role DevDay stage-manager @sam", []string{"@sam is already a stage manager at DevDay"}},
		{"olga", "/event role DevDay timekeeper @sam remove=yes", []string{"@sam is not a timekeeper at DevDay"}},
		{"olga", "/event role DevDay scribe @sam remove=maybe", []string{`remove= takes yes or no, not "maybe"`}},
		{"olga", "/event role DevDay scribe @nobody", []string{"I don't know anyone called @nobody"}},
		{"olga", "/event role Nope scribe @sam", []string{`There is no event called "Nope"`}},
		{"sam", "/event role DevDay scribe @sam", []string{"Only organisers hand out the roles on the day"}},
	}
	for _, tt := range tests {
		r := e.refuse(tt.user, tt.line, tt.wants...)
		contains(t, "refusal", r.Text, "You typed: "+tt.line)
	}
}

// A prepared asker is needed for every talk in the line-up: the role stays
// unfilled, in /event show and in /event role's reply, until each has one.
func TestEventPreparedAskers(t *testing.T) {
	e := newEnv(t, "olga")
	e.do("olga", devDay)
	e.do("olga", `/cfp open DevDay closes=2027-02-01 formats="talk:30"`)
	for _, u := range []string{"alice", "bob", "sam"} {
		e.do(u, "/profile department=Payments")
	}
	e.do("alice", `/cfp submit DevDay title="Alice's talk" format=talk abstract="A"`)
	e.do("bob", `/cfp submit DevDay title="Bob's talk" format=talk abstract="B"`)
	e.do("olga", "/cfp decide 1 accept")
	e.do("olga", "/cfp decide 2 accept")
	for _, role := range []string{"stage-manager", "timekeeper", "scribe", "mic-runner", "channel-watcher", "war-room"} {
		e.do("olga", "/event role DevDay "+role+" @sam")
	}

	r := e.do("olga", "/event show DevDay")
	contains(t, "show before askers", r.Text, "prepared asker (prepared-asker)", "Talks without a prepared asker: #1, #2")

	r = e.do("olga", "/event role DevDay asker @sam talk=#1")
	contains(t, "one asker", r.Text, "✓ @sam is prepared asker for #1 at DevDay.", "Still to fill: prepared asker.")
	lacks(t, "one asker", r.Text, "Every role is filled")
	contains(t, "one asker notice", r.Notices[0].Text, "prepared asker for talk #1 at DevDay")
	r = e.do("olga", "/event show DevDay")
	contains(t, "show with one asker", r.Text, "prepared asker: @sam for #1", "Talks without a prepared asker: #2")

	r = e.do("olga", "/event role DevDay asker @sam talk=2")
	contains(t, "both askers", r.Text, "Every role is filled.")
	r = e.do("olga", "/event show DevDay")
	contains(t, "show with both askers", r.Text, "prepared asker: @sam for #1", "prepared asker: @sam for #2", "Every role is filled.")
	lacks(t, "show with both askers", r.Text, "Still to fill", "Talks without")
}

func TestEventHelp(t *testing.T) {
	e := newEnv(t)
	r := e.do("alice", "/help event")
	contains(t, "/help event", r.Text,
		"/event create NAME date=YYYY-MM-DD start=HH:MM end=HH:MM [tz=Area/City] rooms=\"Main:120, Lab:30\"",
		"/event list", "/event show NAME", "/event role NAME ROLE @user [talk=ID] [remove=yes]")
	r = e.do("alice", "/help event role")
	contains(t, "/help event role", r.Text, "stage-manager (the chief worrier", "talk=ID", "remove=yes")
}
