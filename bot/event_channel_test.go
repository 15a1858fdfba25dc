package bot_test

import (
	"strings"
	"testing"
)

func TestEventCreateWithChannel(t *testing.T) {
	e := newEnv(t, "olga")
	r := e.do("olga", devDay+" channel=#DevDay")
	contains(t, "create with a channel", r.Text, "News and the schedule are posted in #devday.")
	lacks(t, "create with a channel", r.Text, "/event channel")
	contains(t, "show", e.do("bob", "/event show DevDay").Text, "News and the schedule are posted in #devday.")

	r = e.do("olga", `/event create Spring date=2027-04-18 start=10:00 end=12:00 rooms="Main:50" channel=<#C0123ABC|spring>`)
	contains(t, "create with a Slack channel mention", r.Text, "News and the schedule are posted in <#C0123ABC>.")
	contains(t, "show a channel kept by its id", e.do("bob", "/event show Spring").Text, "News and the schedule are posted in <#C0123ABC>.")

	r = e.do("olga", `/event create Summer date=2027-06-18 start=10:00 end=12:00 rooms="Main:50" channel=none`)
	contains(t, "create with channel=none", r.Text, `Choose the channel where the schedule is posted: /event channel Summer #CHANNEL`)
	contains(t, "show to an organiser with no channel", e.do("olga", "/event show Summer").Text,
		"No channel for its news and schedule yet: /event channel Summer #CHANNEL")
	lacks(t, "show to a member with no channel", e.do("bob", "/event show Summer").Text, "channel Summer", "News and the schedule")

	tests := []struct {
		name    string
		channel string
		wants   []string
	}{
		{"spaces", `channel="dev day"`, []string{`"dev day" is not a channel: a channel's name has no spaces`, "#devday"}},
		{"only a hash", `channel=#`, []string{"Name the channel, such as #devday"}},
		{"two hashes", `channel=##autumn`, []string{`"#autumn" is not a channel's name`}},
		{"an unfinished mention", `channel=<#C0123`, []string{"is not a channel's name"}},
		{"too long", "channel=#" + strings.Repeat("a", 81), []string{"81 characters long; the limit is 80"}},
	}
	for _, tt := range tests {
		line := `/event create Autumn date=2027-09-18 start=09:00 end=17:30 rooms="Main:120" ` + tt.channel
		r := e.refuse("olga", line, tt.wants...)
		contains(t, tt.name, r.Text, "You typed: "+line, "/event create NAME date=YYYY-MM-DD")
	}
	lacks(t, "list after refusals", e.do("olga", "/event list").Text, "Autumn")
}

func TestEventChannel(t *testing.T) {
	e := newEnv(t, "olga")
	e.do("olga", devDay)

	r := e.do("olga", "/event channel DevDay #devday")
	contains(t, "set", r.Text, "✓ DevDay's news goes to #devday now: its schedule is posted there each time it is published.",
		"Make sure I am a member of #devday")
	contains(t, "show after set", e.do("bob", "/event show DevDay").Text, "News and the schedule are posted in #devday.")

	r = e.do("olga", "/event channel devday devday")
	contains(t, "set again", r.Text, "✓ DevDay's news already goes to #devday.")

	r = e.do("olga", "/event channel DevDay <#C0123ABC|devday-2027>")
	contains(t, "set by a Slack mention", r.Text, "✓ DevDay's news goes to <#C0123ABC> now (it went to #devday)")

	r = e.do("olga", "/event channel DevDay <#80351110224678912>")
	contains(t, "set by a Discord mention", r.Text, "✓ DevDay's news goes to <#80351110224678912> now (it went to <#C0123ABC>)")

	r = e.do("olga", "/event channel DevDay NONE")
	contains(t, "clear", r.Text, "✓ DevDay has no channel now (it was <#80351110224678912>), so its schedule is posted nowhere",
		"Choose one with /event channel DevDay #CHANNEL")
	lacks(t, "show after clear", e.do("bob", "/event show DevDay").Text, "News and the schedule")

	e.do("olga", "/event channel DevDay #devday")
	e.do("olga", `/event create "Dev Day Two" date=2027-04-18 start=10:00 end=12:00 rooms="Main:50"`)
	r = e.do("olga", `/event channel "Dev Day Two" #dev-day-two`)
	contains(t, "quoted name", r.Text, "✓ Dev Day Two's news goes to #dev-day-two now")
	long := strings.Repeat("a", 80)
	r = e.do("olga", `/event channel "Dev Day Two" <#C0123ABC|`+long+`>`)
	contains(t, "a mention of a long name", r.Text, "✓ Dev Day Two's news goes to <#C0123ABC> now")
	r = e.do("olga", `/event channel "Dev Day Two" #`+long)
	contains(t, "80 characters", r.Text, "✓ Dev Day Two's news goes to #"+long+" now")
	r = e.do("olga", `/event channel "Dev Day Two" #dev-day-two`)
	contains(t, "quoted name", r.Text, "✓ Dev Day Two's news goes to #dev-day-two now")

	tests := []struct {
		user, line string
		wants      []string
	}{
		{"bob", "/event channel DevDay #general", []string{"Only organisers set an event's channel."}},
		{"olga", `/event channel DevDay "dev day"`, []string{`"dev day" is not a channel: a channel's name has no spaces`, "#devday, or none to clear it"}},
		{"olga", "/event channel DevDay #", []string{"Name the channel, such as #devday"}},
		{"olga", "/event channel DevDay @olga", []string{`CHANNEL is a name, not a mention`}},
		{"olga", "/event channel DevDay", []string{"/event channel needs CHANNEL."}},
		{"olga", "/event channel", []string{"/event channel needs NAME."}},
		{"olga", "/event channel Nope #nope", []string{`There is no event called "Nope"`}},
		{"olga", "/event channel Dev Day Two #x", []string{`I didn't expect "Two" there`, "put the name in quotes"}},
		{"olga", "/event channel DevDay #devday at=10:00", []string{"/event channel takes no key=value options"}},
	}
	for _, tt := range tests {
		r := e.refuse(tt.user, tt.line, tt.wants...)
		contains(t, "refusal", r.Text, "You typed: "+tt.line)
		if tt.user == "olga" && !strings.Contains(tt.line, "Nope") {
			contains(t, "refusal of bad input", r.Text, "Usage: /event channel NAME CHANNEL")
		}
	}
	contains(t, "show after refusals", e.do("bob", "/event show DevDay").Text, "News and the schedule are posted in #devday.")
	contains(t, "show the other after refusals", e.do("bob", `/event show "Dev Day Two"`).Text, "News and the schedule are posted in #dev-day-two.")

	r = e.do("alice", "/help event")
	contains(t, "/help event", r.Text, "/event channel NAME CHANNEL", "[channel=#CHANNEL]")
	r = e.do("alice", "/help event channel")
	contains(t, "/help event channel", r.Text, "none clears it", "(organisers)")
}

func TestEventRoomsWithFormats(t *testing.T) {
	e := newEnv(t, "olga")
	r := e.do("olga", `/event create DevDay date=2027-03-18 start=09:00 end=17:30 tz=Europe/London rooms="Main:120, Lab:30 Workshop talk, Studio:40 keynote"`)
	contains(t, "create", r.Text, "Rooms: Main (120 seats), Lab (30 seats, workshop and talk only), Studio (40 seats, keynote only)")

	r = e.do("bob", "/event show DevDay")
	contains(t, "show", r.Text, "Rooms:\n  Main — 120 seats\n  Lab — 30 seats, workshop and talk only\n  Studio — 40 seats, keynote only")
	lacks(t, "show without a call", r.Text, "⚠")

	e.do("olga", `/cfp open DevDay closes=2027-02-01 formats="lightning:5, talk:30"`)
	r = e.do("olga", "/event show DevDay")
	contains(t, "show with a call", r.Text,
		"⚠ Lab allows workshop, which the call does not offer.",
		"⚠ Studio allows keynote, which the call does not offer: no talk can be held there.")

	tests := []struct {
		name, rooms string
		wants       []string
	}{
		{"letters after the seats", "Lab:30x", []string{`Room "Lab" needs a number of seats between 1 and 100000 after the colon, not "30x".`}},
		{"formats but no seats", "Lab: workshop", []string{`not "workshop"`, `The formats a room allows come after its seats, as in rooms="Main:120, Lab:30 workshop talk".`}},
		{"thirteen formats", "Lab:30 a b c d e f g h i j k l m", []string{"Room Lab allows 13 formats; name at most 12"}},
	}
	for _, tt := range tests {
		line := `/event create Autumn date=2027-09-18 start=09:00 end=17:30 rooms="` + tt.rooms + `"`
		r := e.refuse("olga", line, tt.wants...)
		contains(t, tt.name, r.Text, "You typed: "+line)
	}
	lacks(t, "list after refusals", e.do("olga", "/event list").Text, "Autumn")
}
