package main_test

import (
	"strings"
	"testing"
)

// rate is the /community rate line scoring Test Automation's five
// elements as scores says, in the order leadership, engagement, sharing,
// skills and support.
func rate(scores string) string {
	f := strings.Fields(scores)
	return `/community rate "Test Automation" leadership=` + f[0] + " engagement=" + f[1] + " sharing=" + f[2] + " skills=" + f[3] + " support=" + f[4]
}

// TestCommunityHealthOverThreeRoundsThroughChat checks a community's
// health three times with the clock pinned, one process per step: the
// first round sent by its coordinator, the next two by a cadence; members
// answer; the one reminder reaches only those yet to answer; an answer
// after closing, a second round while one is open, a non-member's answer,
// a member's send and a score out of range are refused and change nothing;
// and the third round's report shows the trend over the three rounds and
// a note that the community looks ready for the next stage. After
// downtime, the cadence sends one late round, not a burst.
func TestCommunityHealthOverThreeRoundsThroughChat(t *testing.T) {
	c := newCLI(t, "GUILDHALL_ORGANISERS=olga")
	const name = `"Test Automation"`
	setup := c.at("2026-11-02T09:00:00Z")
	setup.chat("alice", `/community create "Test Automation" about="People who automate their tests"`, 0)
	setup.chat("alice", `/community stage "Test Automation" forming reason="charter written"`, 0)
	for _, u := range []string{"bob", "carol", "dave"} {
		setup.chat(u, "/community join Test Automation", 0)
	}
	setup.chat("bob", "/community health "+name, 0, "No health check of Test Automation has gone out yet", "Its coordinator @alice sends one")
	setup.chat("bob", "/community health "+name+" close=3d", 1, "Only its coordinator @alice or an organiser may send the health checks of Test Automation.",
		`You typed: /community health "Test Automation" close=3d`)

	// Round 1, sent by the coordinator: every member is asked, with a button.
	out := setup.chat("alice", "/community health "+name, 0, "✓ Round 1 of the health check of Test Automation went to 4 members",
		"reminded Wed 4 Nov 2026, 09:00 UTC; it closes Mon 9 Nov 2026, 09:00 UTC")
	for _, u := range []string{"alice", "bob", "carol", "dave"} {
		if !strings.Contains(out, "→ @"+u+" (direct message):\n    🩺 Round 1 of the health check of Test Automation") {
			t.Errorf("round 1 request to @%s missing:\n%s", u, out)
		}
	}
	if !strings.Contains(out, `▸ Answer the health check: /community rate "Test Automation"`) {
		t.Errorf("round 1 request offers no button:\n%s", out)
	}
	answer := c.at("2026-11-02T10:00:00Z")
	answer.chat("alice", rate("3 4 4 4 3"), 0, "Your answer to round 1 of the health check of Test Automation is in")
	answer.chat("bob", rate("3 4 4 3 4"), 0)
	answer.chat("carol", rate("2 4 4 4 4"), 0)
	answer.chat("carol", rate("3 4 4 4 4"), 0, "is updated: it replaces the one you gave before")
	answer.chat("bob", rate("3 4 9 3 4"), 1, "sharing=9 is out of range: rate each element from 1 (weak) to 5 (strong).", "Usage: /community rate NAME leadership=1..5")
	answer.chat("erin", rate("5 5 5 5 5"), 1, "Only members of Test Automation answer its health check")
	answer.chat("alice", "/community health "+name+" close=3d", 1,
		"Round 1 of the health check of Test Automation went out on Mon 2 Nov 2026, 09:00 UTC, by @alice, and is open until Mon 9 Nov 2026, 09:00 UTC; one round goes out at a time.")
	answer.chat("alice", "/community health "+name, 0, "Round 1 is open until Mon 9 Nov 2026, 09:00 UTC: 3 of 4 members answered so far", "Its scores show once it closes")

	// The one reminder goes to dave alone; then the round closes and the
	// coordinator is told; dave is too late.
	c.at("2026-11-04T09:00:00Z").tick([]string{"→ @dave (direct message):", "Reminder: round 1 of the health check of Test Automation closes Mon 9 Nov 2026, 09:00 UTC"},
		"→ @alice", "→ @bob", "→ @carol")
	c.at("2026-11-04T09:30:00Z").tick(nil, "→")
	c.at("2026-11-09T09:00:00Z").tick([]string{"→ @alice (direct message):", "🩺 Round 1 of the health check of Test Automation closed Mon 9 Nov 2026, 09:00 UTC: 3 of 4 members answered (75%)"},
		"→ @dave")
	c.at("2026-11-09T10:00:00Z").chat("dave", rate("4 4 4 4 4"), 1,
		"Round 1 of the health check of Test Automation closed on Mon 9 Nov 2026, 09:00 UTC; it no longer takes answers.")

	// Rounds 2 and 3 go out by themselves on the first of each month.
	c.at("2026-11-10T09:00:00Z").chat("alice", `/community health "Test Automation" every="0 9 1 * *"`, 0,
		`✓ The health check of Test Automation goes out by itself on "0 9 1 * *" in UTC.`, "Tue 1 Dec 2026, 09:00 UTC", "Fri 1 Jan 2027, 09:00 UTC")
	c.at("2026-11-30T09:00:00Z").tick(nil, "→")
	out = c.at("2026-12-01T09:00:00Z").tick([]string{"→ @bob (direct message):", "🩺 Round 2 of the health check of Test Automation"})
	if n := strings.Count(out, "🩺 Round 2 of the health check"); n != 4 {
		t.Errorf("round 2 went out %d times, want once to each of 4 members:\n%s", n, out)
	}
	answer = c.at("2026-12-01T10:00:00Z")
	answer.chat("alice", rate("4 4 4 4 4"), 0, "round 2")
	answer.chat("bob", rate("4 4 4 4 4"), 0)
	answer.chat("carol", rate("3 4 4 4 3"), 0)
	answer.chat("alice", "/community health "+name+" close=3d", 1, "Round 2 of the health check of Test Automation went out on Tue 1 Dec 2026, 09:00 UTC, by itself")
	c.at("2026-12-03T09:00:00Z").tick([]string{"→ @dave (direct message):", "Reminder: round 2"}, "→ @alice", "→ @bob", "→ @carol")
	c.at("2026-12-04T09:00:00Z").chat("dave", rate("4 4 4 3 4"), 0, "round 2")
	c.at("2026-12-08T09:00:00Z").tick([]string{"Round 2 of the health check of Test Automation closed", "4 of 4 members answered (100%)"})

	c.at("2027-01-01T09:00:00Z").tick([]string{"→ @carol (direct message):", "🩺 Round 3 of the health check of Test Automation"})
	answer = c.at("2027-01-01T11:00:00Z")
	answer.chat("alice", rate("5 4 4 4 4"), 0)
	answer.chat("bob", rate("4 3 4 4 4"), 0)
	answer.chat("carol", rate("5 4 4 4 4"), 0)
	c.at("2027-01-03T09:00:00Z").tick([]string{"→ @dave (direct message):", "Reminder: round 3"}, "→ @alice", "→ @bob", "→ @carol")
	c.at("2027-01-08T09:00:00Z").tick([]string{"→ @alice (direct message):", "Round 3 of the health check of Test Automation closed",
		"3 of 4 members answered (75%)", "The trend suggests Test Automation has reached the maturing stage."})

	// The third round's report: the trend over three rounds and the note.
	report := c.at("2027-01-08T10:00:00Z").chat("bob", "/community health "+name, 0,
		"🩺 Health of Test Automation · forming stage · 3 rounds",
		"Round 3 closed Fri 8 Jan 2027, 09:00 UTC: 3 of 4 members answered (75%).",
		"R1   R2   R3",
		"Leadership    3.0  3.8  4.7",
		"↑ +0.9",
		"Engagement    4.0  4.0  3.7",
		"↓ −0.3",
		"Sharing       4.0  4.0  4.0",
		"→ steady",
		"📈 Stage: the overall score was 3.5 or more and held steady over the last 2 rounds",
		"which suggests Test Automation has moved from forming to maturing",
		`Rounds go out by themselves on "0 9 1 * *" in UTC; the next Mon 1 Feb 2027, 09:00 UTC.`,
	)
	if strings.Contains(report, "Needs attention") || strings.Contains(report, "records it") {
		t.Errorf("bob's report flags a weak element or offers him the stage change:\n%s", report)
	}
	c.at("2027-01-08T10:00:00Z").chat("alice", "/community health "+name+" results=yes", 0,
		`/community stage "Test Automation" maturing reason="health checks" records it.`, "/community health \"Test Automation\" sends round 4 now.")
	c.at("2027-01-08T10:05:00Z").chat("alice", `/community stage "Test Automation" maturing reason="health checks"`, 0, "moved from forming to maturing")

	// Down over the first of February and March: one late round on restart.
	out = c.at("2027-03-03T12:00:00Z").tick([]string{"(Sent late: guildhall was offline when this was due.)", "🩺 Round 4 of the health check of Test Automation"})
	if n := strings.Count(out, "of the health check of Test Automation: how well"); n != 4 {
		t.Errorf("after downtime, %d requests went out, want round 4 once to each of 4 members:\n%s", n, out)
	}
	c.at("2027-03-03T12:05:00Z").tick(nil, "→")
	c.at("2027-03-03T12:05:00Z").chat("alice", "/community health "+name, 0, "Round 4 is open until Wed 10 Mar 2027, 12:00 UTC")
}
