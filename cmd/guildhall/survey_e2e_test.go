package main_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/guildhall -run %s -update to write it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("got output unlike %s (run with -update to accept it):\n%s", path, got)
	}
}

// TestEventToItsEndThroughChat runs an event to its end and past it with
// the clock pinned, one process per step: the survey goes out by itself
// when the day ends, to every attendee and the event's channel; answers
// come in, one of them anonymous; the one reminder reaches only those yet
// to answer; the results and the write-up render; an answer after closing
// is refused, saying when it closed; and the owner of an idea is asked
// about it two and six weeks on, the owner of an anonymous idea never.
func TestEventToItsEndThroughChat(t *testing.T) {
	c := newCLI(t, "GUILDHALL_ORGANISERS=olga")
	before := c.at("2026-12-01T09:00:00Z")
	before.chat("olga", `/event create DevDay date=2026-12-10 start=09:00 end=17:00 rooms="Main:100, Lab:30" channel=#devday`, 0)
	before.chat("olga", `/cfp open DevDay closes=2026-12-05 formats="lightning:5, talk:30"`, 0)
	for _, s := range []struct{ who, dept, title string }{{"ann", "Platform", "Trunk-based development"}, {"ben", "QA", "Testing in production"}} {
		before.chat(s.who, "/profile department="+s.dept, 0)
		before.chat(s.who, `/cfp submit DevDay title="`+s.title+`" format=talk abstract="How we do it."`, 0)
	}
	before.chat("olga", "/cfp decide 1 accept", 0)
	before.chat("olga", "/cfp decide 2 accept", 0)
	before.chat("olga", "/cfp notify DevDay", 0)
	before.chat("ann", "/cfp confirm 1", 0)
	before.chat("ben", "/cfp confirm 2", 0)
	for _, u := range []string{"cat", "dan", "eve", "fay"} {
		before.chat(u, "/profile department=Engineering", 0)
		before.chat(u, "/event attend DevDay", 0, "the survey goes out Thu 10 Dec 2026, 17:00 UTC")
	}
	before.chat("cat", `/survey answer DevDay rating=5 different="Too soon"`, 1, "has not gone out yet")

	// A minute before the end, nothing; at the end, the survey by itself.
	c.at("2026-12-10T16:59:00Z").tick(nil, "📝")
	out := c.at("2026-12-10T17:00:00Z").tick([]string{"→ #devday (channel post):", "DevDay is over: thank you all!"})
	for _, u := range []string{"cat", "dan", "eve", "fay"} {
		if !strings.Contains(out, "→ @"+u+" (direct message):\n    📝 Thank you for coming to DevDay!") {
			t.Errorf("tick at the end:\n%s\nwant the survey sent to @%s", out, u)
		}
	}
	c.at("2026-12-10T17:30:00Z").chat("olga", "/survey send DevDay", 1, "went out already, on Thu 10 Dec 2026, 17:00 UTC, by itself when DevDay ended")

	evening := c.at("2026-12-10T18:00:00Z")
	evening.chat("cat", `/survey answer DevDay rating=5 different="Pair on the flaky tests every week" helped=1 idea="A testing guild" ratings="#1=5 #2=4" comments="#1: clear and short; #2: slower, please"`, 0,
		"Your answer to the survey of DevDay is in", `Your idea #1 "A testing guild" is yours to carry forward`)
	evening.chat("dan", `/survey answer DevDay rating=3 different="Quarantine flaky tests instead of retrying them" anonymous=yes idea="A flaky-test wall" ratings="#2=3"`, 0,
		"It is anonymous", "on the list anonymously")
	evening.chat("eve", `/survey answer DevDay rating=9 different="x"`, 1, "rating=9 is out of range")
	evening.chat("eve", `/survey answer DevDay rating=4 different=""`, 1, `needs different="..."`)
	evening.chat("eve", `/survey answer DevDay rating=4 different="Ask the ops team to the next dry run" ratings="#1=4"`, 0)
	evening.chat("eve", `/survey answer DevDay rating=4 different="Bring the ops team to the next dry run" ratings="#1=4 #2=5"`, 0, "is updated: it replaces the one you gave before")
	evening.chat("cat", "/survey results DevDay", 1, "Only organisers see a survey's results")

	// The one reminder: to fay, who has not answered, and nobody else.
	out = c.at("2026-12-12T17:00:00Z").tick([]string{"→ @fay (direct message):\n    Reminder: the survey of DevDay closes Thu 17 Dec 2026, 17:00 UTC"})
	for _, u := range []string{"cat", "dan", "eve"} {
		if strings.Contains(out, "→ @"+u+" ") {
			t.Errorf("tick at the reminder:\n%s\nwant nothing for @%s, who answered", out, u)
		}
	}
	c.at("2026-12-13T17:00:00Z").tick(nil, "Reminder: the survey")

	later := c.at("2026-12-13T18:00:00Z")
	golden(t, "survey_results.golden", later.chat("olga", "/survey results DevDay", 0))
	golden(t, "survey_writeup.golden", later.chat("olga", "/survey writeup DevDay", 0))
	withWeb := &cli{t: t, db: c.db, env: append(append([]string{}, later.env...), "GUILDHALL_WEB_URL=https://guildhall.example.com")}
	withWeb.chat("olga", "/survey results DevDay", 0, "Charts and every comment, for you alone until Mon 14 Dec 2026, 18:00 UTC: https://guildhall.example.com/events/DevDay/feedback?exp=",
		"CSV of every answer: https://guildhall.example.com/events/DevDay/feedback.csv?exp=")
	later.chat("olga", "/survey release DevDay", 0, "→ @ann (direct message):", `The feedback on your talk #1 "Trunk-based development" at DevDay is in`)
	later.chat("ann", "/survey feedback DevDay", 0, "4.5 ★ from 2 ratings", "clear and short")

	// Closed a week after it went out.
	c.at("2026-12-17T17:00:00Z").tick(nil)
	c.at("2026-12-17T17:01:00Z").chat("fay", `/survey answer DevDay rating=4 different="Too late"`, 1,
		"The survey of DevDay closed on Thu 17 Dec 2026, 17:00 UTC; it no longer takes answers")

	// Follow-ups on cat's idea two and six weeks on; none on dan's
	// anonymous one.
	out = c.at("2026-12-24T18:00:00Z").tick([]string{"→ @cat (direct message):\n    Two weeks ago, after DevDay, you raised an idea: \"A testing guild\" (#1). Did you take it forward?",
		"▸ Done: /idea done #1"}, "A flaky-test wall")
	c.at("2026-12-28T10:00:00Z").chat("cat", "/idea progress #1", 0, "is in progress")
	c.at("2027-01-21T18:00:00Z").tick([]string{"→ @cat (direct message):\n    Six weeks on from DevDay: how is your idea \"A testing guild\" (#1) going? It is in progress."}, "A flaky-test wall")
	c.at("2027-01-22T09:00:00Z").chat("eve", "/idea list DevDay", 0, `#1 "A testing guild" · @cat · in progress`, `#2 "A flaky-test wall" · raised anonymously · open`)
	c.at("2027-03-01T09:00:00Z").tick(nil, "idea")
}
