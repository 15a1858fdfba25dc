package main_test

import (
	"strings"
	"testing"
)

// at returns a copy of c whose commands run with the clock pinned at now.
func (c *cli) at(now string) *cli {
	return &cli{t: c.t, db: c.db, env: append(append([]string{}, c.env...), "GUILDHALL_NOW="+now)}
}

// tick runs guildhall tick and checks its output holds wants and none of
// unwanted.
func (c *cli) tick(wants []string, unwanted ...string) string {
	c.t.Helper()
	out, errOut, code := c.run("", "tick")
	if code != 0 {
		c.t.Fatalf("guildhall tick: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	for _, w := range wants {
		if !strings.Contains(out, w) {
			c.t.Errorf("guildhall tick:\n%s\nwant it to contain %q", out, w)
		}
	}
	for _, u := range unwanted {
		if strings.Contains(out, u) {
			c.t.Errorf("guildhall tick:\n%s\nwant it not to contain %q", out, u)
		}
	}
	return out
}

// TestSpeakerFromAcceptanceToFinalCheck walks a first-time speaker from
// acceptance to the final check the day before the event, one process per
// step with the clock pinned at each: chased to confirm, given a mentor,
// reminded of each milestone with the mentor, an overdue deck escalated to
// the organisers, a dry run over the slot answered kindly but firmly, and
// nothing more once every milestone is done.
func TestSpeakerFromAcceptanceToFinalCheck(t *testing.T) {
	c := newCLI(t, "GUILDHALL_ORGANISERS=olga")
	setup := c.at("2026-11-23T09:00:00Z")
	setup.chat("olga", `/event create DevDay date=2027-01-20 start=09:00 end=17:00 tz=Europe/London rooms="Main:100"`, 0)
	setup.chat("olga", `/cfp open DevDay closes=2026-12-10 formats="talk:30, lightning:5"`, 0)
	setup.chat("ann", "/profile department=QA tz=Europe/Paris", 0)
	setup.chat("sam", "/profile department=Engineering", 0)
	setup.chat("ann", `/cfp submit DevDay title="Testing in production" format=talk abstract="How we test safely in prod." first=yes`, 0, "Submitted as #1")

	c.at("2026-12-11T09:00:00Z").chat("olga", "/cfp decide 1 accept", 0)
	c.at("2026-12-11T09:05:00Z").chat("olga", "/cfp notify DevDay", 0, "→ @ann (direct message):", "is accepted for DevDay")

	// A first-time speaker without a mentor is flagged, then given one.
	day := c.at("2026-12-11T10:00:00Z")
	day.chat("olga", "/mentor status DevDay", 0, "⚠ 1 talk by a first-time speaker has no mentor yet", "Mentor: none ⚠ first-time speaker",
		"outline  due Wed 6 Jan 2027, 09:00 UTC", "final    due Tue 19 Jan 2027, 09:00 UTC")
	day.chat("ann", "/mentor assign 1 @sam", 1, "Only organisers assign mentors")
	day.chat("olga", "/mentor assign 1 @ann", 1, "@ann speaks in #1 and cannot mentor it")
	day.chat("olga", "/mentor assign #1 @sam", 0, "@sam now mentors #1", "→ @sam (direct message):", "about 30 slides",
		"→ @ann (direct message):", "@sam will mentor your talk #1")
	day.tick(nil, "→ @ann") // nothing due yet

	// Not confirmed after three days: chased; after confirming, never again.
	c.at("2026-12-14T09:06:00Z").tick([]string{"→ @ann (direct message):", "I have not heard from you", "/cfp confirm #1"})
	c.at("2026-12-14T09:30:00Z").tick(nil, "→ @ann")
	c.at("2026-12-15T09:00:00Z").chat("ann", "/cfp confirm 1", 0)
	c.at("2026-12-20T09:00:00Z").tick(nil, "I have not heard from you", "still not confirmed")

	// The outline: reminded two days ahead, speaker and mentor; marking it
	// done tells the mentor.
	c.at("2027-01-04T09:00:00Z").tick([]string{"→ @ann (direct message):", "the outline is due Wed 6 Jan 2027, 10:00 CET",
		"→ @sam (direct message):", "For your mentee @ann: the outline of #1"})
	c.at("2027-01-05T16:00:00Z").chat("ann", "/mentor done 1 outline", 0, "The outline of #1", "is done",
		"Next: the slide deck, due Wed 13 Jan 2027, 10:00 CET", "→ @sam (direct message):", "@ann marked the outline of #1")
	c.at("2027-01-05T16:00:00Z").chat("ann", "/mentor done 1 outline", 1, "was marked done already")

	// The deck: the reminder speaks of one slide a minute; left undone,
	// it is escalated to the organisers a day after it was due.
	c.at("2027-01-11T09:00:00Z").tick([]string{"the slide deck is due", "aim for about 30 slides: about one slide per minute"})
	c.at("2027-01-13T09:30:00Z").tick(nil, "Overdue")
	c.at("2027-01-14T09:00:00Z").tick([]string{"→ @olga (direct message):", "Overdue at DevDay: the slide deck of #1", "Its mentor is @sam"})
	c.at("2027-01-14T09:00:00Z").chat("olga", "/mentor status DevDay", 0, "✗ deck     overdue since Wed 13 Jan 2027, 09:00 UTC, organisers told")
	c.at("2027-01-14T12:00:00Z").chat("ann", "/mentor done 1 deck", 0, "(it was due Wed 13 Jan 2027, 10:00 CET)",
		"Next: the dry run, due Sun 17 Jan 2027, 10:00 CET")

	// The dry run: too long, kindly but firmly told to trim; then it fits.
	c.at("2027-01-15T09:00:00Z").tick([]string{"Give the whole talk to your mentor @sam, timed"})
	c.at("2027-01-16T18:00:00Z").chat("sam", "/mentor done 1 dryrun minutes=38", 0,
		"38 minutes for a 30-minute slot: 8 minutes over", "the talk needs trimming by about 11 minutes", "→ @ann (direct message):")
	c.at("2027-01-16T18:00:00Z").chat("ann", "/mentor done 1 dryrun minutes=abc", 1, "not a whole number of minutes")
	c.at("2027-01-16T19:00:00Z").chat("ann", "/mentor done 1 dryrun minutes=26", 0, "it fits, with time left for questions")
	c.at("2027-01-16T19:00:00Z").chat("ann", "/mentor done 1 deck minutes=26", 1, "minutes= is how long the dry run took")

	// The final check, the day before; then nothing more is sent.
	c.at("2027-01-17T09:00:00Z").tick([]string{"the final check is due Tue 19 Jan 2027, 10:00 CET", "The timekeeper will hold you to 30 minutes"})
	c.at("2027-01-19T08:00:00Z").chat("ann", "/mentor done 1 final", 0, "Every milestone is done: see you on the day.")
	c.at("2027-01-19T08:00:00Z").chat("olga", "/mentor status DevDay", 0, "✓ outline", "✓ deck", "✓ dryrun", "done Sat 16 Jan 2027 (26 min)", "✓ final")
	c.at("2027-01-25T09:00:00Z").tick(nil, "→")
	if out, _, _ := c.at("2027-01-25T09:00:00Z").run("", "outbox"); !strings.Contains(out, "The outbox is empty") {
		t.Errorf("guildhall outbox after the event:\n%s\nwant it empty", out)
	}
}
