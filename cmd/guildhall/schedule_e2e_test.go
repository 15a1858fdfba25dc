package main_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestScheduleThroughChatAndWeb drives the schedule through guildhall
// chat, one process per command: talks accepted and confirmed, a draft
// built, a refused and a good move, release 1 published and announced, a
// withdrawal rebuilt and published as release 2; then the console serves
// the release as a web page, an iCalendar file and pretalx JSON.
func TestScheduleThroughChatAndWeb(t *testing.T) {
	c := newCLI(t, "GUILDHALL_ORGANISERS=olga")
	c.chat("olga", `/event create "Dev Day" date=2027-03-18 start=09:00 end=17:00 tz=Europe/London rooms="Main:120, Lab:30 workshop talk, Side:60" channel=#devday`, 0)
	c.chat("olga", `/cfp open "Dev Day" closes=2027-01-31 formats="keynote:45, talk:30, lightning:5, workshop:90"`, 0)
	speakers := []string{"ann", "bo", "cy", "di", "ed", "flo", "gus", "hal", "ivy", "jo"}
	for i, s := range speakers {
		c.chat(s, "/profile department="+[]string{"Data", "Platform", "Mobile"}[i%3], 0)
	}
	c.chat("ann", `/cfp submit "Dev Day" title="Why guilds" format=keynote abstract="Opening."`, 0, "#1")
	for i, s := range speakers[1:7] {
		c.chat(s, fmt.Sprintf(`/cfp submit "Dev Day" title="Talk by %s" format=talk abstract="About it." tags="%s"`, s, []string{"go", "ops"}[i%2]), 0)
	}
	c.chat("hal", `/cfp submit "Dev Day" title="Fuzz it" format=workshop abstract="Hands on."`, 0, "#8")
	c.chat("ivy", `/cfp submit "Dev Day" title="Tiny tip" format=lightning abstract="Quick."`, 0, "#9")
	c.chat("jo", `/cfp submit "Dev Day" title="Tinier tip" format=lightning abstract="Quicker."`, 0, "#10")
	c.chat("bo", `/cfp available 2 "13:30-17:00"`, 0)
	for id := 1; id <= 10; id++ {
		c.chat("olga", fmt.Sprintf("/cfp decide %d accept", id), 0)
	}
	c.chat("olga", `/cfp notify "Dev Day"`, 0)
	for id, s := range []string{"ann", "bo", "cy", "di", "ed", "flo", "gus", "hal", "ivy", "jo"} {
		c.chat(s, fmt.Sprintf("/cfp confirm %d", id+1), 0)
	}

	c.chat("ann", `/schedule build "Dev Day"`, 1, "Only organisers build schedules")
	c.chat("olga", `/schedule build "Dev Day"`, 0, "Draft schedule for Dev Day: 10 talks")
	show := c.chat("olga", `/schedule show "Dev Day"`, 0, "draft, not yet published", "Main (120)", "Lab (30)", "Side (60)",
		"Why guilds (keynote, every room)", "— lunch —", "Fuzz it")
	if i := strings.Index(show, "#2 Talk by bo"); i < 0 || strings.Contains(show[:i], "12:30-13:30") == false {
		t.Errorf("bo's talk must come after lunch (available 13:30-17:00):\n%s", show)
	}
	c.chat("olga", `/schedule move 2 at=09:45 room=Main`, 1, "#2's speakers can give it only 13:30-17:00")
	c.chat("olga", `/schedule move 8 at=10:45 room=Side`, 0, "Moved #8 Fuzz it in Side, 10:45-12:15")
	c.chat("ann", `/schedule show "Dev Day"`, 1, "No schedule has been published for Dev Day yet")

	out := c.chat("olga", `/schedule publish "Dev Day"`, 0, "Published release 1 of Dev Day's schedule: 10 talks", "Posted to #devday",
		"10 speakers were sent their new slot", "→ #devday (channel post)", "The schedule for Dev Day (Thursday 18 March 2027) is out")
	if n := strings.Count(out, "(direct message)"); n != 10 {
		t.Errorf("publish sent %d direct messages, want 10:\n%s", n, out)
	}
	c.chat("olga", `/schedule publish "Dev Day"`, 1, "Release 1 of Dev Day already has this schedule")

	c.chat("cy", "/cfp decline 3", 0)
	c.chat("olga", `/schedule publish "Dev Day"`, 1, "The draft is out of date: #3 left the line-up but is still on it")
	c.chat("olga", `/schedule build "Dev Day"`, 0, "from the draft")
	out = c.chat("olga", `/schedule publish "Dev Day"`, 0, "Published release 2", "#3 Talk by cy (@cy) is off the schedule")
	if strings.Contains(out, "→ @ann") {
		t.Errorf("release 2 messaged ann, whose keynote did not move:\n%s", out)
	}
	c.chat("ann", `/schedule show "Dev Day"`, 0, "release 2, published", "Why guilds")
	c.chat("ann", `/schedule show "Dev Day" version=1`, 0, "release 1", "(release 2 is newer)", "Talk by cy")

	w := startConsoleWeb(t, c, "olga")
	status, ctype, page := w.get("/events/Dev%20Day/")
	for _, want := range []string{"Dev Day", "Why guilds", "Fuzz it", "Release 2"} {
		if status != 200 || !strings.Contains(page, want) {
			t.Errorf("GET /events/Dev%%20Day/: got %d (%s), want 200 with %q:\n%s", status, ctype, want, page)
		}
	}
	if strings.Contains(page, "Talk by cy") {
		t.Errorf("the page shows the withdrawn talk:\n%s", page)
	}
	status, ctype, ics := w.get("/events/Dev%20Day/schedule.ics")
	if status != 200 || !strings.HasPrefix(ctype, "text/calendar") || strings.Count(ics, "BEGIN:VEVENT") < 9 ||
		!strings.Contains(ics, "SUMMARY:Why guilds") || !strings.Contains(ics, "SEQUENCE:2") {
		t.Errorf("GET schedule.ics: got %d %s\n%s\nwant a calendar of release 2", status, ctype, ics)
	}
	status, ctype, js := w.get("/events/Dev%20Day/schedule.json")
	if status != 200 || !strings.HasPrefix(ctype, "application/json") || !strings.Contains(js, `"title": "Fuzz it"`) {
		t.Errorf("GET schedule.json: got %d %s\n%s\nwant pretalx JSON", status, ctype, js)
	}
	w.stop("")
}
