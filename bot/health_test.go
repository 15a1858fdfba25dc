package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/remind"
)

// healthEnv is a bot whose clock the test moves, with the community
// Testers: alice coordinates it, bob and carol are members; dave is not,
// and olga is an organiser.
type healthEnv struct{ *timedEnv }

func newHealthEnv(t *testing.T) *healthEnv {
	t.Helper()
	e := &healthEnv{newTimedEnv(t, "olga")}
	e.do("alice", "/community create Testers")
	e.do("bob", "/community join Testers")
	e.do("carol", "/community join Testers")
	return e
}

// at moves the clock to t and fires the reminders due then, as guildhall
// tick does, failing the test if they fail.
func (e *healthEnv) at(t time.Time) {
	e.t.Helper()
	if err := e.timedEnv.at(t); err != nil {
		e.t.Fatal(err)
	}
}

// sent returns the messages of kind queued, by recipient's name.
func (e *healthEnv) sent(kind string) map[string]*remind.Message {
	e.t.Helper()
	ms, err := e.outbox.List(context.Background(), remind.Filter{Statuses: []remind.Status{remind.Pending}})
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]*remind.Message{}
	for _, m := range ms {
		if m.Kind == kind {
			out[m.To.Name] = m
		}
	}
	return out
}

func TestCommunityHealthSendRateAndReport(t *testing.T) {
	e := newHealthEnv(t)
	r := e.do("bob", "/community health Testers")
	contains(t, "report before any round", r.Text, "No health check of Testers has gone out yet", "Its coordinator @alice sends one with /community health Testers")

	r = e.do("alice", "/community health Testers")
	contains(t, "send", r.Text, "✓ Round 1 of the health check of Testers went to 3 members",
		"reminded Thu 26 Nov 2026, 09:00 UTC; it closes Tue 1 Dec 2026, 09:00 UTC")
	reqs := e.sent("health_notice_request")
	if len(reqs) != 3 || reqs["bob"] == nil {
		t.Fatalf("requests went to %v, want alice, bob and carol", reqs)
	}
	contains(t, "request to bob", reqs["bob"].Body, "Round 1 of the health check of Testers", "Does the community have good leadership",
		"/community rate Testers leadership=N engagement=N sharing=N skills=N support=N")
	if a := reqs["bob"].Actions; len(a) != 1 || a[0].Command != "/community rate Testers" {
		t.Errorf("request to bob offers %+v, want a button running /community rate Testers", a)
	}

	// While it is open, the coordinator is shown the report; asking to send
	// again, with options, is refused, saying when it went out.
	r = e.do("alice", "/community health Testers")
	contains(t, "report while open", r.Text, "Round 1 is open until Tue 1 Dec 2026, 09:00 UTC: 0 of 3 members answered so far",
		"You have not answered yet", "One round is open at a time")
	e.refuse("alice", "/community health Testers close=3d",
		"Round 1 of the health check of Testers went out on Tue 24 Nov 2026, 09:00 UTC, by @alice, and is open until Tue 1 Dec 2026, 09:00 UTC; one round goes out at a time.",
		"Usage: /community health NAME", "You typed: /community health Testers close=3d")

	// Bad answers say what was wrong, with the usage, and change nothing.
	rate := "/community rate Testers leadership=4 engagement=3 sharing=5 skills=2 support=1"
	usage := "Usage: /community rate NAME leadership=1..5 engagement=1..5 sharing=1..5 skills=1..5 support=1..5 [comment=\"..\"]"
	e.refuse("bob", strings.Replace(rate, "leadership=4", "leadership=6", 1), "leadership=6 is out of range: rate each element from 1 (weak) to 5 (strong).", usage)
	e.refuse("bob", strings.Replace(rate, "skills=2", "skills=0", 1), "skills=0", usage)
	e.refuse("bob", strings.Replace(rate, "sharing=5", "sharing=lots", 1), "sharing=lots is not a score", usage)
	e.refuse("bob", strings.Replace(rate, " support=1", "", 1), "/community rate needs support=1..5.", usage)
	e.refuse("dave", rate, "Only members of Testers answer its health check, and you are not one: /community join Testers")
	e.refuse("bob", "/community rate Nowhere leadership=4 engagement=3 sharing=5 skills=2 support=1", `There is no community called "Nowhere"`)

	r = e.do("bob", rate+` comment="More pairing, please."`)
	contains(t, "first answer", r.Text, "✓ Thank you! Your answer to round 1 of the health check of Testers is in. It is anonymous",
		"Your scores: leadership 4, engagement 3, sharing 5, skills 2, support 1.", "“More pairing, please.”")
	r = e.do("bob", strings.Replace(rate, "support=1", "support=2", 1))
	contains(t, "second answer", r.Text, "is updated: it replaces the one you gave before", "support 2")
	r = e.do("bob", "/community health Testers")
	contains(t, "report as bob", r.Text, "1 of 3 members answered so far", "You have answered")
	lacks(t, "report as bob", r.Text, "One round is open at a time", "support 2")

	// Only the coordinator or an organiser sends or schedules.
	e.refuse("bob", "/community health Testers close=3d", "Only its coordinator @alice or an organiser may send the health checks of Testers.")
	e.refuse("bob", "/community health Testers every=@monthly", "Only its coordinator @alice or an organiser may schedule the health checks of Testers.")
	e.refuse("dave", "/community health Testers", "Only members of Testers, its coordinator and organisers read its health checks")

	// The reminder reaches those yet to answer; after closing, answers are
	// refused, saying when it closed.
	e.at(now.Add(48 * time.Hour))
	if got := e.sent("health_notice_reminder"); len(got) != 2 || got["bob"] != nil {
		t.Errorf("reminders went to %v, want alice and carol only", got)
	}
	e.at(now.Add(7 * 24 * time.Hour))
	e.refuse("carol", rate, "Round 1 of the health check of Testers closed on Tue 1 Dec 2026, 09:00 UTC; it no longer takes answers.")
	if got := e.sent("health_notice_closed"); got["alice"] == nil || !strings.Contains(got["alice"].Body, "1 of 3 members answered (33%)") {
		t.Errorf("closed notices = %v, want one to alice saying 1 of 3 answered", got)
	}
	r = e.do("olga", "/community health Testers results=yes")
	contains(t, "report as an organiser", r.Text, "🩺 Health of Testers · potential stage · 1 round", "Round 1 closed Tue 1 Dec 2026, 09:00 UTC: 1 of 3 members answered (33%).",
		"Leadership    4.0", "Support       2.0", "⚠ Support (2.0, below 3.0): Ask for organisational sponsorship",
		"/community health Testers sends round 2 now.")
	lacks(t, "report as an organiser", r.Text, "More pairing", "Comments from round 1") // bob's second answer had no comment

	// A plain member reads the report; the coordinator sends round 2.
	r = e.do("carol", "/community health Testers")
	contains(t, "report as carol", r.Text, "Health of Testers")
	lacks(t, "report as carol", r.Text, "sends round 2 now")
	r = e.do("alice", "/community health Testers remind=1d close=3d")
	contains(t, "round 2", r.Text, "✓ Round 2 of the health check of Testers went to 3 members", "reminded Wed 2 Dec 2026, 09:00 UTC; it closes Fri 4 Dec 2026, 09:00 UTC")
}

func TestCommunityHealthCadence(t *testing.T) {
	e := newHealthEnv(t)
	e.do("alice", "/profile tz=Europe/London")
	r := e.do("alice", `/community health Testers every="0 9 1 */3 *" tz=Europe/Paris close=5d`)
	contains(t, "every=", r.Text, `✓ The health check of Testers goes out by itself on "0 9 1 */3 *" in Europe/Paris. The next rounds, in your time zone (Europe/London):`,
		"Fri 1 Jan 2027, 08:00 GMT", "Thu 1 Apr 2027, 08:00 BST", "closes after 5 days")
	r = e.do("bob", "/community health Testers")
	contains(t, "report with a cadence", r.Text, `Rounds go out by themselves on "0 9 1 */3 *" in Europe/Paris; the next Fri 1 Jan 2027, 08:00 UTC.`)

	e.refuse("alice", `/community health Testers every="0 9 * * *"`, `"0 9 * * *" sends a health check more than once a week`, "Usage: /community health NAME")
	e.refuse("alice", `/community health Testers every="0 9 * *"`, "is not a cron expression I can read")
	e.refuse("alice", "/community health Testers every=@weekly close=2w", "close=2w is longer than the 1w between two rounds")
	e.refuse("alice", "/community health Testers every=@monthly tz=Mars/Olympus", `"Mars/Olympus" is not a time zone I know`)
	e.refuse("alice", "/community health Testers tz=Europe/Paris", "tz= is the time zone of every=")
	e.refuse("alice", "/community health Testers results=yes close=3d", "results=yes shows the results without sending")
	e.refuse("alice", "/community health Testers every=@monthly results=yes", "give one or the other")
	e.refuse("alice", "/community health Testers results=maybe", "results= takes yes or no")
	e.refuse("alice", "/community health Testers remind=soon", "remind=soon is not a length of time")

	e.refuse("alice", "/community health Testers every=off close=3d", "every=off stops the rounds, so close= has nothing to apply to")
	r = e.do("olga", "/community health Testers every=off")
	contains(t, "every=off", r.Text, "✓ The health check of Testers no longer goes out by itself")
	r = e.do("bob", "/community health Testers")
	lacks(t, "report after every=off", r.Text, "by themselves")
}

// The cadence sends a round by itself, and the button in its request
// opens the form on a platform with forms.
func TestCommunityHealthCadenceSendsAndFormOpens(t *testing.T) {
	e := newHealthEnv(t)
	e.do("alice", "/community health Testers every=@monthly")
	e.at(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	reqs := e.sent("health_notice_request")
	if len(reqs) != 3 {
		t.Fatalf("requests after the cadence fired = %d, want 3", len(reqs))
	}
	press := reqs["carol"].Actions[0].Command
	resp := e.bot.Handle(context.Background(), bot.Message{From: console.Identity("carol"), Text: press, Forms: true})
	if resp.Form == nil || resp.Form.Command != "community rate" {
		t.Fatalf("pressing %q on a platform with forms: %+v, want the form of /community rate", press, resp)
	}
	if len(resp.Form.Fields) != 7 || resp.Form.Fields[0].Value != "Testers" || resp.Form.Fields[1].Key != "leadership" || !resp.Form.Fields[1].Required ||
		resp.Form.Fields[6].Key != "comment" || !resp.Form.Fields[6].Multiline {
		t.Errorf("form fields = %+v, want NAME filled in, the five scores required and a comment", resp.Form.Fields)
	}
	// Submitting the form answers.
	resp = e.bot.Submit(context.Background(), bot.Message{From: console.Identity("carol"), Forms: true}, "community rate",
		map[string]string{"NAME": "Testers", "leadership": "4", "engagement": "4", "sharing": "3", "skills": "3", "support": "9"})
	if !resp.Refused || resp.Form == nil || !strings.Contains(resp.Form.Fields[5].Error, "support=9 is out of range") {
		t.Errorf("form with support=9: %+v, want it back with the error on support", resp.Form)
	}
	resp = e.bot.Submit(context.Background(), bot.Message{From: console.Identity("carol"), Forms: true}, "community rate",
		map[string]string{"NAME": "Testers", "leadership": "4", "engagement": "4", "sharing": "3", "skills": "3", "support": "2"})
	if resp.Refused || !strings.Contains(resp.Text, "Your answer to round 1 of the health check of Testers is in") {
		t.Errorf("form submitted: %s, want the answer in", resp.Text)
	}
	if h := e.do("alice", "/help community health"); !strings.Contains(h.Text, "every=\"CRON\"") {
		t.Errorf("/help community health:\n%s\nwant the usage", h.Text)
	}
}
