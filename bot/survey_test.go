package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/guild"
)

// surveyEnv is a bot whose clock the test moves, with DevDay's two
// accepted talks: ann's #1 and ben's #2; olga is an organiser.
type surveyEnv = timedEnv

// The DevDay of the survey tests: Thursday 10 December 2026, 09:00 to
// 17:00 UTC. Its survey goes out when it ends.
var (
	surveyDay = `/event create DevDay date=2026-12-10 start=09:00 end=17:00 rooms="Main:120, Lab:30"`
	dayEnd    = time.Date(2026, 12, 10, 17, 0, 0, 0, time.UTC)
)

func newSurveyEnv(t testing.TB) *surveyEnv {
	t.Helper()
	e := newTimedEnv(t, "olga")
	e.run(t, "olga", surveyDay)
	e.run(t, "olga", `/cfp open DevDay closes=2026-12-01 formats="lightning:5, talk:30"`)
	for _, p := range []struct{ who, title string }{{"ann", "Trunk-based development"}, {"ben", "Testing in production"}} {
		e.run(t, p.who, "/profile department=Platform")
		e.run(t, p.who, `/cfp submit DevDay title="`+p.title+`" format=talk abstract="How."`)
	}
	e.run(t, "olga", "/cfp decide 1 accept")
	e.run(t, "olga", "/cfp decide 2 accept")
	return e
}

// messages returns the bodies of the messages due for user (or channel,
// as "#name"), in the order queued, whose kind starts with kind.
func (e *timedEnv) messages(to, kind string) []string {
	e.t.Helper()
	ms, err := e.outbox.Due(context.Background(), e.clock.Now(), 0)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		name := "#" + m.Channel
		if m.To != nil {
			name = m.To.Name
		}
		if name == to && strings.HasPrefix(m.Kind, kind) {
			out = append(out, m.Body)
		}
	}
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSurveyThroughTheBot(t *testing.T) {
	e := newSurveyEnv(t)
	for _, u := range []string{"cat", "dan", "eve"} {
		contains(t, "/event attend", e.do(u, "/event attend DevDay").Text, "You attend DevDay", "the survey goes out Thu 10 Dec 2026, 17:00 UTC")
	}
	contains(t, "/event attend twice", e.do("cat", "/event attend DevDay").Text, "You had already said you attend DevDay; 3 people attend.")
	e.refuse("cat", `/survey answer DevDay rating=4 different="x"`, "has not gone out yet: it goes out on Thu 10 Dec 2026, 17:00 UTC")
	e.refuse("cat", "/survey send DevDay", "Only organisers send surveys")
	contains(t, "/survey schedule", e.do("olga", "/survey schedule DevDay remind=1d").Text, "is updated", "Reminder: 1 day later")

	must(t, e.at(dayEnd))
	for _, u := range []string{"cat", "dan", "eve"} {
		if got := e.messages(u, "survey_notice_request"); len(got) != 1 || !strings.Contains(got[0], "what will you do differently?") {
			t.Errorf("requests to %s = %q, want one", u, got)
		}
	}
	must(t, e.at(dayEnd.Add(time.Hour)))
	contains(t, "a late attendee is sent it at once", e.do("fay", "/event attend DevDay").Text, "I have just sent it to you")
	e.refuse("olga", "/survey send DevDay", "went out already, on Thu 10 Dec 2026, 17:00 UTC, by itself when DevDay ended")

	bad := []struct {
		line  string
		wants []string
	}{
		{`/survey answer DevDay rating=6 different="Pair more"`, []string{"rating=6 is out of range", "Usage: /survey answer EVENT rating=1..5"}},
		{`/survey answer DevDay rating=four different="Pair more"`, []string{`rating=four is not a rating`}},
		{`/survey answer DevDay rating=4 different="  "`, []string{`/survey answer needs different="..."`}},
		{`/survey answer DevDay rating=4`, []string{"different="}},
		{`/survey answer DevDay rating=4 different="Pair" ratings="#1=7"`, []string{"out of range for #1"}},
		{`/survey answer DevDay rating=4 different="Pair" ratings="#9=4"`, []string{"#9 is not a talk at DevDay", "one of #1 and #2"}},
		{`/survey answer DevDay rating=4 different="Pair" helped=nine`, []string{`nine is not a talk's number`}},
		{`/survey answer DevDay rating=4 different="Pair" comments="great"`, []string{"does not say which talk it is for"}},
		{`/survey answer DevDay rating=4 different="Pair" anonymous=maybe`, []string{"anonymous= takes yes or no"}},
		{`/survey answer DevDay rating=4 different="` + strings.Repeat("x", guild.MaxText+1) + `"`, []string{"2000"}},
		{`/survey answer NoDay rating=4 different="Pair"`, []string{`There is no event called "NoDay"`}},
	}
	for _, b := range bad {
		e.refuse("cat", b.line, b.wants...)
	}
	contains(t, "/survey answer", e.do("cat", `/survey answer DevDay rating=4 different="Pair on the flaky tests" helped=#2 idea="A testing guild" ratings="#1=5 #2=4" comments="#1: clear and short; #2: slower, please"`).Text,
		"Your answer to the survey of DevDay is in", "Your idea #1 \"A testing guild\" is yours to carry forward", "Thu 24 Dec 2026 and Thu 21 Jan 2027")
	contains(t, "/survey answer again", e.do("cat", `/survey answer DevDay rating=5 different="Pair on the flaky tests every week" ratings="#1=5" comments="#1: clear and short"`).Text,
		"is updated: it replaces the one you gave before", `Your idea #1 "A testing guild"`)
	contains(t, "an anonymous answer", e.do("dan", `/survey answer DevDay rating=2 different="Fix the flaky tests first" anonymous=yes idea="A flaky wall"`).Text,
		"It is anonymous", "on the list anonymously")
	e.refuse("ann", `/survey answer DevDay rating=5 different="Talk less" ratings="#1=5"`, "You speak in #1")

	e.refuse("cat", "/survey results DevDay", "Only organisers see a survey's results")
	r := e.do("olga", "/survey results DevDay")
	contains(t, "/survey results", r.Text, "2 of 4 people answered (50%)", "Overall: 3.5 ★ from 2 answers", `#1 "Trunk-based development"`, "5.0 ★ from 1",
		`"Pair on the flaky tests every week" — @cat (5 ★)`, `"Fix the flaky tests first" — anonymous (2 ★)`, "2 ideas were raised")
	lacks(t, "/survey results", r.Text, "slower, please", "#c2") // cat's second answer dropped her comment on #2 and its number

	// The reminder goes to those yet to answer only.
	must(t, e.at(dayEnd.Add(24*time.Hour)))
	for u, want := range map[string]int{"cat": 0, "dan": 0, "eve": 1, "fay": 1} {
		if got := e.messages(u, "survey_notice_reminder"); len(got) != want {
			t.Errorf("reminders to %s = %d, want %d", u, len(got), want)
		}
	}

	// Feedback to speakers, once released, without hidden comments.
	e.do("eve", `/survey answer DevDay rating=3 different="Ask ops along" ratings="#1=2" comments="#1: rubbish"`)
	e.refuse("ann", "/survey feedback DevDay", "has not been released yet")
	e.refuse("ann", "/survey hide #c1", "Only organisers hide or show comments")
	e.refuse("olga", "/survey hide #c99", "There is no comment #c99")
	e.refuse("olga", "/survey hide c-1", "is not a comment's number")
	contains(t, "/survey hide", e.do("olga", "/survey hide #c4").Text, "Comment #c4 on #1 is hidden")
	e.refuse("olga", "/survey hide 4", "Comment #c4 is hidden already")
	contains(t, "/survey release", e.do("olga", "/survey release DevDay talk=#1").Text, `#1 "Trunk-based development" to @ann: 3.5 ★ from 2, 1 comment (1 hidden, not sent)`)
	e.refuse("olga", "/survey release DevDay talk=1", "went to its speakers already")
	if got := e.messages("ann", "survey_notice_feedback"); len(got) != 1 || !strings.Contains(got[0], "clear and short") || strings.Contains(got[0], "rubbish") {
		t.Errorf("feedback to ann = %q, want one, with the shown comment only", got)
	}
	contains(t, "/survey feedback", e.do("ann", "/survey feedback DevDay").Text, "clear and short")
	lacks(t, "/survey feedback", e.do("ann", "/survey feedback DevDay").Text, "rubbish")
	e.refuse("cat", "/survey feedback DevDay", "You have no talk at DevDay")

	// Ideas.
	contains(t, "/idea list", e.do("eve", "/idea list DevDay").Text, `#1 "A testing guild" · @cat · open`, `#2 "A flaky wall" · raised anonymously · open`)
	e.refuse("eve", "/idea done 1", "Only @cat, who raised #1, and organisers")
	e.refuse("cat", "/idea done x", "is not an idea's number")
	contains(t, "/idea progress", e.do("cat", "/idea progress #1").Text, "#1 \"A testing guild\" is in progress")
	e.refuse("cat", "/idea progress 1", "#1 is in progress already")
	contains(t, "/idea list state=", e.do("eve", "/idea list DevDay state=in-progress").Text, "that are in progress (1 of 2)")
	e.refuse("eve", "/idea list DevDay state=sideways", `"sideways" is not a state of an idea`)
	contains(t, "/idea drop by an organiser", e.do("olga", "/idea drop 2").Text, "is dropped")

	// The write-up.
	e.refuse("cat", "/survey writeup DevDay", "Only organisers")
	w := e.do("olga", "/survey writeup DevDay").Text
	contains(t, "/survey writeup", w, "# DevDay: what we will do differently", "**flaky tests** (2 answers)", "— cat", "A testing guild, carried by cat (in progress)")
	lacks(t, "/survey writeup", w, "— dan", "A flaky wall")

	// After closing.
	must(t, e.at(dayEnd.Add(7*24*time.Hour)))
	e.refuse("cat", `/survey answer DevDay rating=4 different="Too late"`, "The survey of DevDay closed on Thu 17 Dec 2026, 17:00 UTC; it no longer takes answers")
	e.refuse("gus", "/event attend DevDay", "closed on Thu 17 Dec 2026, 17:00 UTC; it is too late to say you attended")
	contains(t, "/survey schedule after closing", e.do("cat", "/survey schedule DevDay").Text, "Closed:   Thu 17 Dec 2026, 17:00 UTC", "Answers:  3")
}

// The survey's button carries "/survey answer DevDay": on a platform with
// forms it opens the survey's form with the event filled in.
func TestSurveyButtonOpensTheForm(t *testing.T) {
	e := newSurveyEnv(t)
	r := e.bot.Handle(context.Background(), bot.Message{From: console.Identity("cat"), Text: "/survey answer DevDay", Forms: true})
	if r.Form == nil || r.Refused {
		t.Fatalf("got %+v, want the survey form", r)
	}
	values := map[string]string{}
	for _, f := range r.Form.Fields {
		values[f.Key] = f.Value
	}
	if values["EVENT"] != "DevDay" || r.Form.Title != "What will you do differently?" {
		t.Errorf("form %q with values %v, want the event filled in", r.Form.Title, values)
	}
	// Without forms, the same line is refused with the usage.
	e.refuse("cat", "/survey answer DevDay", "/survey answer needs rating=")
	// A command that is complete without options still runs on a
	// platform with forms.
	if r := e.bot.Handle(context.Background(), bot.Message{From: console.Identity("cat"), Text: "/event attend DevDay", Forms: true}); r.Refused || r.Form != nil {
		t.Errorf("/event attend with forms = %+v, want it run", r)
	}
}
