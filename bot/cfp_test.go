package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// openDevDay creates DevDay with a call for proposals closing on 1 February
// 2027, and gives each of speakers a department so they may submit.
func openDevDay(t *testing.T, speakers ...string) *env {
	t.Helper()
	e := newEnv(t, "olga")
	e.do("olga", devDay)
	e.do("olga", `/cfp open DevDay closes=2027-02-01 formats="lightning:5, talk:30, workshop:90"`)
	for _, u := range speakers {
		e.do(u, "/profile department=Payments")
	}
	return e
}

// outbox returns the messages queued for user, in the order queued.
func outbox(t *testing.T, e *env, user string) []string {
	t.Helper()
	ms, err := sqlite.NewOutboxService(e.db, templates.Render).Due(context.Background(), now, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		if m.To != nil && m.To.Name == user {
			out = append(out, m.Body)
		}
	}
	return out
}

// inOrder checks that wants occur in got in this order.
func inOrder(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	at := 0
	for _, w := range wants {
		i := strings.Index(got[at:], w)
		if i < 0 {
			t.Errorf("%s:\n%s\nwant %q after position %d, in the order %q", what, got, w, at, wants)
			return
		}
		at += i + len(w)
	}
}

func TestCFPOpen(t *testing.T) {
	e := newEnv(t, "olga")
	e.do("olga", devDay)
	e.do("olga", "/community create Testers")

	r := e.do("olga", `/cfp open DevDay closes=2027-02-01 formats="lightning:5, talk:30"`)
	contains(t, "dated call", r.Text,
		"✓ The call for proposals for DevDay is open until Mon 1 Feb 2027, 23:59 GMT.",
		"Formats: lightning (5 min), talk (30 min)",
		`/cfp submit DevDay title="..." format=lightning abstract="..."`,
		"/cfp reviewers add DevDay @someone")
	lacks(t, "dated call", r.Text, "anonymised")
	r = e.do("bob", "/event show DevDay")
	contains(t, "event show with a call", r.Text, "Open until Mon 1 Feb 2027, 23:59 GMT; formats: lightning (5 min), talk (30 min)", `/cfp submit DevDay title="..."`)

	r = e.do("olga", `/cfp open community=testers formats="talk:30"`)
	contains(t, "standing call", r.Text, "✓ Testers has a standing call for proposals", "every member sees every proposal", "Formats: talk (30 min)")
	lacks(t, "standing call", r.Text, "open until")

	tests := []struct {
		user, line string
		wants      []string
	}{
		{"olga", `/cfp open DevDay community=Testers formats="talk:30"`, []string{"Name an event or community=NAME, not both"}},
		{"olga", `/cfp open community=Testers closes=2027-02-01 formats="talk:30"`, []string{"A community's standing call never closes; leave out closes="}},
		{"olga", `/cfp open Nope closes=2027-02-01 formats="talk:30"`, []string{`There is no event called "Nope"`}},
		{"olga", `/cfp open community=Nope formats="talk:30"`, []string{"Nope"}},
		{"olga", `/cfp open formats="talk:30"`, []string{"Name the event, or give community=NAME"}},
		{"olga", `/cfp open DevDay closes=2027-02-01 formats="talk:30"`, []string{"already open until Monday 1 February 2027"}},
		{"olga", `/cfp open community=Testers formats="talk:30"`, []string{"Testers already has a standing call"}},
		{"olga", `/cfp open DevDay closes=1/2/2027 formats="talk:30"`, []string{"closes=1/2/2027 is not a date"}},
		{"olga", `/cfp open DevDay formats="talk"`, []string{`Format "talk" has no length`, "talk:30"}},
		{"bob", `/cfp open DevDay closes=2027-02-01 formats="talk:30"`, []string{"Only organisers open calls for proposals"}},
	}
	for _, tt := range tests {
		r := e.refuse(tt.user, tt.line, tt.wants...)
		contains(t, "refusal", r.Text, "You typed: "+tt.line)
	}

	e.do("olga", `/event create Spring date=2027-04-18 start=09:00 end=17:30 rooms="Main:120"`)
	e.refuse("olga", `/cfp open Spring formats="talk:30"`, "Say the last day for submissions, such as closes=2027-03-21")
	e.refuse("olga", `/cfp open Spring closes=2026-11-23 formats="talk:30"`, "closes= must be today or later")
	e.refuse("olga", `/cfp open Spring closes=2027-04-19 formats="talk:30"`, "The call must close before Spring begins")
	r = e.do("olga", `/cfp open Spring closes=2027-03-01 formats="talk:30" anonymous=yes`)
	contains(t, "anonymous call", r.Text, "Reviews are anonymised: reviewers who are not organisers do not see speakers' names.")
}

func TestCFPClose(t *testing.T) {
	e := openDevDay(t, "alice")
	e.do("alice", `/cfp submit DevDay title="Before the close" format=talk abstract="A"`)
	e.refuse("alice", "/cfp close DevDay", "Only organisers close calls for proposals")

	r := e.do("olga", "/cfp close DevDay")
	contains(t, "close", r.Text, "✓ The call for proposals for DevDay is closed: no more submissions or changes.", "/cfp list DevDay", "/cfp balance DevDay")

	line := `/cfp submit DevDay title="Too late" format=talk abstract="A"`
	r = e.refuse("alice", line, "The call for proposals for DevDay closed on Tuesday 24 November 2026 at 09:00 (Europe/London); it no longer takes submissions.")
	contains(t, "late submission", r.Text, "You typed: "+line)
	e.refuse("alice", `/cfp edit 1 title="Changed late"`, "closed on Tuesday 24 November 2026 at 09:00", "no longer takes changes")
	e.refuse("olga", "/cfp close DevDay", "nothing to close")

	r = e.do("bob", "/event show DevDay")
	contains(t, "event show after close", r.Text, "Closed. /cfp list DevDay ranks the talks.")
	r = e.do("alice", "/cfp mine")
	contains(t, "mine after close", r.Text, "Before the close")
	lacks(t, "mine after close", r.Text, "Too late")

	// Opening it again reopens it.
	r = e.do("olga", `/cfp open DevDay closes=2027-02-08 formats="talk:30"`)
	contains(t, "reopen", r.Text, "open until Mon 8 Feb 2027, 23:59 GMT")
	e.do("alice", `/cfp submit DevDay title="After reopening" format=talk abstract="A"`)
}

func TestCFPSubmit(t *testing.T) {
	e := openDevDay(t, "alice", "bob", "carol")
	r := e.do("alice", `/cfp submit DevDay title="Trunk-based development" format=Talk abstract="What we learned" cospeakers="@bob @carol" first=yes`)
	contains(t, "submit", r.Text,
		"✓ Submitted as #1. Thank you!",
		"#1 Trunk-based development",
		"talk (30 min) · @alice (Payments) with @bob (Payments), @carol (Payments) · first-time speaker",
		"State: submitted · call: DevDay",
		"What we learned",
		"/cfp edit #1", "/cfp withdraw #1")

	r = e.do("bob", "/cfp mine")
	contains(t, "co-speaker's list", r.Text, "Your talks (1):", "#1 Trunk-based development · talk · @alice (Payments) with @bob (Payments), @carol (Payments) · first time", "submitted · DevDay")

	r = e.do("bob", `/cfp submit devday title="Lightning fast" format=lightning abstract="B" cospeakers="@alice, @carol"`)
	contains(t, "second submission", r.Text, "✓ Submitted as #2.", "lightning (5 min) · @bob (Payments) with @alice (Payments), @carol (Payments)")
	lacks(t, "second submission", r.Text, "first-time")

	long := strings.Repeat("x", 121)
	tests := []struct {
		user, line string
		wants      []string
	}{
		{"alice", `/cfp submit DevDay title="Keynote" format=keynote abstract="A"`, []string{`DevDay does not offer "keynote"; it offers lightning (5 min), talk (30 min), workshop (90 min).`}},
		{"alice", `/cfp submit DevDay title="` + long + `" format=talk abstract="A"`, []string{"title is 121 characters long; the limit is 120."}},
		{"alice", `/cfp submit DevDay title="Trunk-based development" format=talk abstract="again"`, []string{`You already submitted "Trunk-based development" to DevDay as #1`, "/cfp edit #1"}},
		{"alice", `/cfp submit DevDay title="Solo" format=talk abstract="A" cospeakers="@nobody"`, []string{"I don't know anyone called @nobody"}},
		{"alice", `/cfp submit DevDay title="Solo" format=talk abstract="A" cospeakers="@alice"`, []string{"You are the lead speaker already"}},
		{"alice", `/cfp submit DevDay title="Solo" format=talk abstract="A" cospeakers="@bob @bob"`, []string{"@bob is named twice"}},
		{"alice", `/cfp submit DevDay title="Solo" format=talk abstract="A" first=maybe`, []string{`first= takes yes or no, not "maybe"`}},
		{"alice", `/cfp submit Nope title="Solo" format=talk abstract="A"`, []string{`There is no call for proposals for "Nope"`}},
		{"dave", `/cfp submit DevDay title="No department" format=talk abstract="A"`, []string{"Say which department you are in first", "/profile department=NAME"}},
	}
	for _, tt := range tests {
		r := e.refuse(tt.user, tt.line, tt.wants...)
		contains(t, "refusal", r.Text, "You typed: "+tt.line)
	}

	// Nothing refused was stored.
	r = e.do("alice", "/cfp mine")
	contains(t, "mine after refusals", r.Text, "Your talks (2):", "#1 Trunk-based development", "#2 Lightning fast")
	lacks(t, "mine after refusals", r.Text, "xxxx", "Keynote", "Solo")
	r = e.do("dave", "/cfp mine")
	contains(t, "mine without a department", r.Text, "Your talks (0):", "None yet.")
	r = e.do("olga", "/cfp list DevDay")
	contains(t, "organiser's list", r.Text, "Submissions to DevDay, best first (2):")

	// With a department, dave may submit.
	e.do("dave", "/profile department=Risk")
	r = e.do("dave", `/cfp submit DevDay title="No department" format=workshop abstract="A"`)
	contains(t, "submit with a department", r.Text, "✓ Submitted as #3.", "workshop (90 min) · @dave (Risk)")
}

func TestCFPSubmitTitleAtTheLimit(t *testing.T) {
	e := openDevDay(t, "alice")
	title := strings.Repeat("é", 120)
	r := e.do("alice", `/cfp submit DevDay title="`+title+`" format=talk abstract="A"`)
	contains(t, "120-character title", r.Text, "#1 "+title)
}

func TestCFPSubmitForm(t *testing.T) {
	e := openDevDay(t, "alice")
	ctx := context.Background()
	msg := bot.Message{From: console.Identity("alice"), Text: "/cfp submit", Forms: true}
	r := e.bot.Handle(ctx, msg)
	if r.Form == nil || r.Form.Command != "cfp submit" {
		t.Fatalf("bare /cfp submit with forms: got %+v, want the cfp submit form", r)
	}

	abstract := "A long abstract that must not be lost\nover two lines"
	values := map[string]string{"EVENT": "DevDay", "title": "Formed talk", "format": "keynote", "abstract": abstract}
	r = e.bot.Submit(ctx, msg, "cfp submit", values)
	if !r.Refused || r.Form == nil {
		t.Fatalf("submission with a bad format: got %+v, want a refusal with the form", r)
	}
	fields := map[string]bot.Field{}
	for _, f := range r.Form.Fields {
		fields[f.Key] = f
	}
	for key, want := range values {
		if got := fields[key].Value; got != want {
			t.Errorf("field %s = %q after a refusal, want %q", key, got, want)
		}
	}
	if got := fields["format"].Error; !strings.Contains(got, `DevDay does not offer "keynote"; it offers lightning (5 min), talk (30 min), workshop (90 min).`) {
		t.Errorf("format field error = %q, want it to list the formats offered", got)
	}
	for _, key := range []string{"EVENT", "title", "abstract"} {
		if fields[key].Error != "" {
			t.Errorf("field %s error = %q, want none", key, fields[key].Error)
		}
	}
	if r.Form.Error != "" {
		t.Errorf("form error = %q, want the error on the format field only", r.Form.Error)
	}
	contains(t, "form refusal", r.Text, `does not offer "keynote"`)
	contains(t, "mine after the refused form", e.do("alice", "/cfp mine").Text, "Your talks (0):")

	values["format"] = "talk"
	r = e.bot.Submit(ctx, msg, "cfp submit", values)
	if r.Refused {
		t.Fatalf("corrected form refused: %s", r.Text)
	}
	contains(t, "form submission", r.Text, "✓ Submitted as #1.", "#1 Formed talk", abstract)
}

func TestCFPEdit(t *testing.T) {
	e := openDevDay(t, "alice", "bob", "mallory")
	e.do("alice", `/cfp submit DevDay title="First title" format=talk abstract="First abstract"`)

	r := e.do("alice", `/cfp edit #1 title="Second title" format=workshop`)
	contains(t, "edit", r.Text, "✓ Changed #1.", "#1 Second title", "workshop (90 min)", "First abstract")
	lacks(t, "edit", r.Text, "Submitted as")
	r = e.do("alice", `/cfp edit 1 cospeakers="@bob" first=yes`)
	contains(t, "edit speakers", r.Text, "@alice (Payments) with @bob (Payments) · first-time speaker")

	// A co-speaker may change the words, not the speakers.
	r = e.do("bob", `/cfp edit 1 abstract="Bob's abstract"`)
	contains(t, "co-speaker's edit", r.Text, "Bob's abstract")
	e.refuse("bob", `/cfp edit 1 cospeakers=""`, "Only the lead speaker @alice may change the co-speakers")

	tests := []struct {
		user, line string
		wants      []string
	}{
		{"mallory", `/cfp edit 1 title="Mine now"`, []string{"There is no submission #1 that you can see"}},
		{"olga", `/cfp edit 1 title="Organiser's title"`, []string{"Only its speakers may change #1"}},
		{"alice", `/cfp edit 1`, []string{"title="}},
		{"alice", `/cfp edit 1 format=keynote`, []string{`DevDay does not offer "keynote"`}},
		{"alice", `/cfp edit 99 title="x"`, []string{"There is no submission #99"}},
		{"alice", `/cfp edit twelve title="x"`, []string{`"twelve" is not a submission number`, "#12"}},
	}
	for _, tt := range tests {
		r := e.refuse(tt.user, tt.line, tt.wants...)
		contains(t, "refusal", r.Text, "You typed: "+tt.line)
	}
	r = e.do("alice", "/cfp show 1")
	contains(t, "after refused edits", r.Text, "#1 Second title", "workshop (90 min)", "Bob's abstract")
}

func TestCFPReview(t *testing.T) {
	e := openDevDay(t, "alice", "bob", "carol", "rita")
	e.do("alice", `/cfp submit DevDay title="Alpha" format=talk abstract="A"`)
	e.do("bob", `/cfp submit DevDay title="Bravo" format=talk abstract="B"`)
	e.do("carol", `/cfp submit DevDay title="Charlie" format=talk abstract="C"`)
	e.do("olga", "/cfp reviewers add DevDay @rita")

	tests := []struct {
		user, line string
		wants      []string
	}{
		{"olga", "/cfp review 1 score=0", []string{"A score is a whole number from 1 (weak) to 5 (outstanding)."}},
		{"olga", "/cfp review 1 score=6", []string{"A score is a whole number from 1 (weak) to 5 (outstanding)."}},
		{"olga", "/cfp review 1 score=abc", []string{`score= takes a whole number from 1 (weak) to 5 (outstanding), not "abc".`}},
		{"olga", "/cfp review 1 score=3.5", []string{`not "3.5"`}},
		{"olga", "/cfp review 1", []string{"score="}},
		{"olga", "/cfp review 99 score=3", []string{"There is no submission #99"}},
		{"bob", "/cfp review 2 score=5", []string{"Only organisers and the reviewers of DevDay review its talks", "/cfp reviewers add DevDay @you"}},
		{"bob", "/cfp review 1 score=5", []string{"There is no submission #1 that you can see"}},
	}
	for _, tt := range tests {
		r := e.refuse(tt.user, tt.line, tt.wants...)
		contains(t, "refusal", r.Text, "You typed: "+tt.line)
	}

	r := e.do("olga", `/cfp review #1 score=2 comment="Needs focus"`)
	contains(t, "first review", r.Text, "✓ Reviewed #1 Alpha: 2/5. It has 1 review now, mean 2.0.", "Next, where a review is needed most: #2 (0 reviews), #3 (0 reviews)")
	r = e.do("olga", `/cfp review 1 score=3 comment="Better on a second read"`)
	contains(t, "second review", r.Text, "✓ Updated your review", "#1 Alpha: 3/5. It has 1 review now, mean 3.0.")
	e.do("olga", "/cfp review 2 score=5")
	e.do("rita", "/cfp review 2 score=4")
	e.do("rita", "/cfp review 1 score=4")

	// Organisers see every review; reviewers their own.
	r = e.do("olga", "/cfp show 1")
	contains(t, "organiser's show", r.Text, "Reviews: 2, mean 3.5 (yours: 3)", "3/5 by @olga: Better on a second read", "4/5 by @rita")
	lacks(t, "organiser's show", r.Text, "Needs focus")
	r = e.do("rita", "/cfp show 1")
	contains(t, "reviewer's show", r.Text, "Reviews: 2, mean 3.5 (yours: 4)", "4/5 by @rita")
	lacks(t, "reviewer's show", r.Text, "by @olga")

	// A reviewer who speaks cannot review their own talk.
	e.do("olga", "/cfp reviewers add DevDay @alice")
	e.refuse("alice", "/cfp review 1 score=5", "You speak in #1, so you cannot review it.")
	e.do("alice", "/cfp review 3 score=1")

	r = e.do("olga", "/cfp list DevDay")
	contains(t, "ranked list", r.Text,
		"Submissions to DevDay, best first (3):",
		"#2 Bravo · talk · @bob (Payments)\n      submitted · 2 reviews, mean 4.5 · yours 5",
		"#1 Alpha · talk · @alice (Payments)\n      submitted · 2 reviews, mean 3.5 · yours 3",
		"#3 Charlie · talk · @carol (Payments)\n      submitted · 1 review, mean 1.0",
		"Where your review is needed most (fewest reviews): #3 (1)",
		"/cfp review ID score=1..5")
	inOrder(t, "ranked list", r.Text, "#2 Bravo", "#1 Alpha", "#3 Charlie")

	r = e.do("rita", "/cfp list DevDay")
	contains(t, "reviewer's list", r.Text, "best first (3):", "Where your review is needed most (fewest reviews): #3 (1)")
	r = e.do("alice", "/cfp list DevDay")
	contains(t, "reviewer-speaker's list", r.Text, "best first (3):", "Where your review is needed most (fewest reviews): #2 (2)")
	lacks(t, "reviewer-speaker's list", r.Text, "#1 (")

	// A speaker who does not review sees only their own talk, without scores.
	r = e.do("bob", "/cfp list DevDay")
	contains(t, "speaker's list", r.Text, "Submissions to DevDay (1):", "#2 Bravo", "You see your own submissions; organisers and reviewers see them all.")
	lacks(t, "speaker's list", r.Text, "Alpha", "mean", "review is needed")
	r = e.do("bob", "/cfp show 2")
	lacks(t, "speaker's show", r.Text, "Reviews:", "mean", "/5 by")
	e.refuse("bob", "/cfp show 1", "There is no submission #1 that you can see")

	// Reviews are for talks still waiting for a decision.
	e.do("olga", "/cfp decide 2 accept")
	e.refuse("rita", "/cfp review 2 score=1", "#2 is already accepted; reviews are for talks still waiting for a decision.")
}

func TestCFPAnonymousReview(t *testing.T) {
	e := newEnv(t, "olga")
	e.do("olga", devDay)
	e.do("olga", `/cfp open DevDay closes=2027-02-01 formats="talk:30" anonymous=yes`)
	for _, u := range []string{"alice", "bob", "rita"} {
		e.do(u, "/profile department=Payments")
	}
	e.do("alice", `/cfp submit DevDay title="Alpha" format=talk abstract="A" cospeakers="@bob"`)
	e.do("olga", "/cfp reviewers add DevDay @rita")
	contains(t, "reviewer notice", strings.Join(outbox(t, e, "rita"), "\n"), "Reviews are anonymised: you will not see who speaks.")

	for _, line := range []string{"/cfp list DevDay", "/cfp show 1", "/cfp review 1 score=4"} {
		r := e.do("rita", line)
		lacks(t, "reviewer's "+line, r.Text, "@alice", "@bob")
		if line != "/cfp review 1 score=4" {
			contains(t, "reviewer's "+line, r.Text, "speakers hidden for review")
		}
	}
	r := e.do("olga", "/cfp list DevDay")
	contains(t, "organiser's list", r.Text, "@alice (Payments) with @bob (Payments)")
	r = e.do("bob", "/cfp show 1")
	contains(t, "co-speaker's show", r.Text, "@alice (Payments) with @bob (Payments)")
}

func TestCFPReviewers(t *testing.T) {
	e := openDevDay(t)
	e.do("rita", "/profile")
	e.do("sam", "/profile")

	r := e.do("olga", "/cfp reviewers list DevDay")
	contains(t, "no reviewers", r.Text, "Reviewers of DevDay: organisers.")

	r = e.do("olga", "/cfp reviewers add DevDay @rita")
	contains(t, "add", r.Text, "✓ @rita now reviews DevDay; I have told them.", "Reviewers of DevDay: organisers, @rita.")
	if len(r.Notices) != 0 {
		t.Errorf("add notices = %+v, want none: the message goes through the outbox", r.Notices)
	}
	got := outbox(t, e, "rita")
	if len(got) != 1 {
		t.Fatalf("outbox for rita = %q, want one message", got)
	}
	contains(t, "reviewer message", got[0], "@olga asked you to review the talks proposed to DevDay", "/cfp list DevDay", "/cfp review ID score=1..5", "You cannot review talks you speak in.")
	lacks(t, "reviewer message", got[0], "anonymised")

	e.do("olga", "/cfp reviewers add DevDay @sam")
	r = e.do("rita", "/cfp reviewers list devday")
	contains(t, "list", r.Text, "Reviewers of DevDay: organisers, @rita, @sam.")

	tests := []struct {
		user, line string
		wants      []string
	}{
		{"olga", "/cfp reviewers add DevDay @rita", []string{"@rita already reviews DevDay."}},
		{"rita", "/cfp reviewers add DevDay @sam", []string{"Only organisers add reviewers"}},
		{"olga", "/cfp reviewers add DevDay @nobody", []string{"I don't know anyone called @nobody"}},
		{"olga", "/cfp reviewers add Nope @rita", []string{`There is no call for proposals for "Nope"`}},
		{"olga", "/cfp reviewers drop DevDay @rita", []string{`/cfp reviewers takes add or list, not "drop".`}},
		{"olga", "/cfp reviewers list DevDay @rita", []string{"/cfp reviewers list takes no @user", "/cfp reviewers add DevDay @rita"}},
	}
	for _, tt := range tests {
		r := e.refuse(tt.user, tt.line, tt.wants...)
		contains(t, "refusal", r.Text, "You typed: "+tt.line)
	}
	if got := outbox(t, e, "rita"); len(got) != 1 {
		t.Errorf("outbox for rita after a second add = %d messages, want still 1", len(got))
	}
}

func TestCFPDecisions(t *testing.T) {
	e := openDevDay(t, "alice", "bob", "carol", "dave", "erin")
	e.do("alice", `/cfp submit DevDay title="Alpha" format=talk abstract="A" cospeakers="@bob"`)
	e.do("carol", `/cfp submit DevDay title="Charlie" format=talk abstract="C"`)
	e.do("dave", `/cfp submit DevDay title="Delta" format=talk abstract="D"`)
	e.do("erin", `/cfp submit DevDay title="Echo" format=talk abstract="E"`)
	e.do("olga", "/cfp review 2 score=3")
	e.do("olga", "/cfp review 3 score=5")

	e.refuse("olga", "/cfp notify DevDay", "Nothing is decided on DevDay yet, so there is nobody to tell", "/cfp decide ID accept|reject|backup")

	// Only organisers decide, notify and see the balance, and they are told so.
	for line, want := range map[string]string{
		"/cfp decide 1 accept": "Only organisers decide on talks such as #1.",
		"/cfp notify DevDay":   "Only organisers send decisions.",
		"/cfp balance DevDay":  "Only organisers see the balance of a line-up.",
	} {
		r := e.refuse("alice", line, want, "You typed: "+line)
		if r.Code != "forbidden" {
			t.Errorf("%s by a speaker: code %q, want forbidden", line, r.Code)
		}
	}

	r := e.do("olga", "/cfp decide #1 accept")
	contains(t, "accept", r.Text, "✓ #1 Alpha is accepted. Its speakers hear of it with /cfp notify DevDay.")
	r = e.do("olga", "/cfp decide 2 backup")
	contains(t, "backup", r.Text, "✓ #2 Charlie is a backup.")
	r = e.do("olga", "/cfp decide 3 backup")
	contains(t, "backup", r.Text, "✓ #3 Delta is a backup.")
	r = e.do("olga", "/cfp decide 4 reject")
	contains(t, "reject", r.Text, "✓ #4 Echo is rejected.")
	e.refuse("olga", "/cfp decide 1 maybe", `"maybe" is not a decision; decide accept, reject or backup.`)

	r = e.refuse("olga", "/cfp decide 1 accept", "#1: It is already accepted", "it can only be: reject (organiser), backup (organiser).")
	if r.Code != "conflict" {
		t.Errorf("deciding twice: code %q, want conflict", r.Code)
	}
	// Organisers may change their minds until the speakers are told.
	e.do("olga", "/cfp decide 4 backup")
	e.do("olga", "/cfp decide 4 reject")

	// Speakers see a decision only once told of it.
	r = e.do("alice", "/cfp mine")
	contains(t, "mine before notify", r.Text, "#1 Alpha", "submitted · DevDay")
	lacks(t, "mine before notify", r.Text, "accepted")
	r = e.do("alice", "/cfp show 1")
	contains(t, "show before notify", r.Text, "State: submitted")
	r = e.do("erin", "/cfp list DevDay")
	contains(t, "list before notify", r.Text, "#4 Echo", "submitted")
	lacks(t, "list before notify", r.Text, "rejected")
	e.refuse("alice", "/cfp confirm 1", "#1: A submission that is accepted cannot be confirmed before its speaker has been told of the decision")
	if n := len(outbox(t, e, "alice")); n != 0 {
		t.Errorf("alice has %d messages before notify, want none", n)
	}

	r = e.do("olga", "/cfp notify DevDay")
	contains(t, "notify", r.Text, "✓ Queued 5 messages to the speakers of 4 talks in DevDay: 1 accepted, 2 backup, 1 rejected.")
	for user, want := range map[string]string{
		"alice": `🎉 Your talk #1 "Alpha" is accepted for DevDay on Thursday 18 March 2027!`,
		"bob":   `🎉 Your talk #1 "Alpha" is accepted for DevDay on Thursday 18 March 2027!`,
		"carol": `Your talk #2 "Charlie" is a backup for DevDay: you are on standby`,
		"dave":  `Your talk #3 "Delta" is a backup for DevDay`,
		"erin":  `Thank you for proposing "Echo" (#4) to DevDay. We could not fit it in this time`,
	} {
		got := outbox(t, e, user)
		if len(got) != 1 {
			t.Errorf("outbox for %s = %q, want one message", user, got)
			continue
		}
		contains(t, "message to "+user, got[0], want)
	}
	contains(t, "accepted message", outbox(t, e, "alice")[0], "/cfp confirm #1", "/cfp decline #1")
	e.refuse("olga", "/cfp notify DevDay", "Every decision on DevDay has been sent already")

	r = e.do("alice", "/cfp mine")
	contains(t, "mine after notify", r.Text, "accepted · DevDay")
	r = e.do("alice", "/cfp show 1")
	contains(t, "show after notify", r.Text, "State: accepted — please /cfp confirm #1 or /cfp decline #1")
	r = e.do("erin", "/cfp mine")
	contains(t, "rejected after notify", r.Text, "rejected · DevDay")
	e.refuse("olga", "/cfp decide 1 reject", "cannot be rejected now that its speaker has been told")

	// Only the lead speaker confirms or declines; to those who cannot see
	// the talk, it does not exist.
	r = e.refuse("bob", "/cfp confirm 1", "Only the lead speaker of #1 may confirm it.")
	if r.Code != "forbidden" {
		t.Errorf("confirm by a co-speaker: code %q, want forbidden", r.Code)
	}
	e.refuse("olga", "/cfp confirm 1", "Only the lead speaker of #1 may confirm it.")
	r = e.refuse("carol", "/cfp confirm 1", "There is no submission #1 that you can see.")
	if r.Code != "not_found" {
		t.Errorf("confirm by another speaker: code %q, want not_found", r.Code)
	}
	e.refuse("carol", "/cfp confirm 2", "cannot be confirmed", "accept (organiser), withdraw (speaker)")

	// A decline offers the slot to the best-scored backup: Delta (5) over Charlie (3).
	r = e.do("alice", "/cfp decline #1")
	contains(t, "decline", r.Text, "✓ Declined #1 Alpha; I have told the organisers.", "The slot goes to backup #3 Delta, whose speakers are asked to confirm.")
	got := outbox(t, e, "dave")
	if len(got) != 2 {
		t.Fatalf("outbox for dave = %q, want the backup notice and the offer", got)
	}
	contains(t, "offer", got[1], `A slot opened at DevDay on Thursday 18 March 2027 and your backup talk #3 "Delta" is next in line.`, "/cfp confirm #3")
	if n := len(outbox(t, e, "carol")); n != 1 {
		t.Errorf("carol (the lower-scored backup) has %d messages, want only the backup notice", n)
	}
	contains(t, "message to the organiser", strings.Join(outbox(t, e, "olga"), "\n"), `@alice declined #1 "Alpha" at DevDay.`, `I offered the slot to backup #3 "Delta"`)

	e.refuse("carol", "/cfp confirm 3", "There is no submission #3 that you can see.")
	r = e.do("dave", "/cfp confirm 3")
	contains(t, "confirm", r.Text, "✓ Confirmed: #3 Delta is in the line-up of DevDay. Thank you!")
	r = e.do("dave", "/cfp mine")
	contains(t, "mine after confirm", r.Text, "#3 Delta", "confirmed · DevDay")
	r = e.do("olga", "/cfp list DevDay state=confirmed")
	contains(t, "confirmed list", r.Text, "Submissions to DevDay that are confirmed, best first (1):", "#3 Delta")
	r = e.do("olga", "/cfp list DevDay state=declined")
	contains(t, "declined list", r.Text, "#1 Alpha", "declined")
	e.refuse("olga", "/cfp list DevDay state=maybe", `"maybe" is not a state`)
	e.refuse("alice", "/cfp decline 1", "It is already declined")
}

func TestCFPWithdraw(t *testing.T) {
	e := openDevDay(t, "alice", "bob")
	e.do("alice", `/cfp submit DevDay title="Alpha" format=talk abstract="A" cospeakers="@bob"`)
	e.refuse("bob", "/cfp withdraw 1", "Only the lead speaker of #1 may withdraw it.")
	r := e.do("alice", "/cfp withdraw 1")
	contains(t, "withdraw", r.Text, "✓ Withdrew #1 Alpha.")
	r = e.do("olga", "/cfp list DevDay")
	contains(t, "list after withdraw", r.Text, "(0):", "None yet.")
	r = e.do("alice", "/cfp mine")
	contains(t, "mine after withdraw", r.Text, "#1 Alpha", "withdrawn")
	// The same title may be proposed again.
	e.do("alice", `/cfp submit DevDay title="Alpha" format=talk abstract="A again"`)
}

func TestCFPBalance(t *testing.T) {
	e := openDevDay(t)
	for user, dept := range map[string]string{"alice": "Payments", "bob": "Payments", "carol": "Payments", "rita": "Risk", "ravi": "risk", "lena": "Legal"} {
		e.do(user, "/profile department="+dept)
	}
	r := e.do("olga", "/cfp balance DevDay")
	contains(t, "empty balance", r.Text, "Balance of DevDay: 0 talks accepted or on standby, 0 speakers.", "Nothing is accepted yet")

	e.do("alice", `/cfp submit DevDay title="Payments at scale" format=talk abstract="A" first=yes`)
	e.do("bob", `/cfp submit DevDay title="Ledgers" format=lightning abstract="B"`)
	e.do("rita", `/cfp submit DevDay title="Risk models" format=talk abstract="R"`)
	e.do("ravi", `/cfp submit DevDay title="Fraud rules" format=talk abstract="F"`)
	e.do("olga", "/cfp review 3 score=2")
	e.do("olga", "/cfp review 4 score=4")
	e.do("olga", "/cfp decide 1 accept")
	e.do("olga", "/cfp decide 2 backup")

	r = e.do("olga", "/cfp balance DevDay")
	contains(t, "balance", r.Text,
		"Balance of DevDay: 2 talks accepted or on standby (1 backup), 2 speakers.",
		"Payments: 2 / 3", "Risk: 0 / 2", "Legal: 0 / 1",
		"First-time speakers: 1 · experienced: 1",
		"By format: lightning 1, talk 1",
		"Who is missing: Risk, Legal",
		"Risk (2 people): #4 Fraud rules (mean 4.0); #3 Risk models (mean 2.0)",
		"Legal (1 person): no pending submission — go and ask them.")
	inOrder(t, "suggestions best first", r.Text, "#4 Fraud rules", "#3 Risk models")

	// Once Risk has a speaker, only Legal is missing.
	e.do("olga", "/cfp decide 4 accept")
	r = e.do("olga", "/cfp balance DevDay")
	contains(t, "balance with Risk", r.Text, "Risk: 1 / 2", "Who is missing: Legal")
	lacks(t, "balance with Risk", r.Text, "Risk (2 people)")
	e.refuse("olga", "/cfp balance Nope", `There is no call for proposals for "Nope"`)
}

func TestCFPMove(t *testing.T) {
	e := newEnv(t, "olga")
	e.do("olga", devDay)
	e.do("olga", `/cfp open DevDay closes=2027-02-01 formats="talk:30, workshop:90"`)
	e.do("olga", "/community create Testers")
	e.do("olga", `/cfp open community=Testers formats="lightning:5, talk:30"`)
	for _, u := range []string{"alice", "bob"} {
		e.do(u, "/profile department=Payments")
		e.do(u, "/community join Testers")
	}
	e.refuse("carol", `/cfp submit Testers title="Outsider" format=talk abstract="O"`, "The standing call of Testers is for its members: /community join Testers")

	r := e.do("alice", `/cfp submit Testers title="Flaky tests" format=talk abstract="F"`)
	contains(t, "standing submission", r.Text, "✓ Submitted as #1.", "call: Testers")
	e.do("alice", `/cfp submit Testers title="Quick tip" format=lightning abstract="Q"`)
	r = e.do("bob", "/cfp list Testers")
	contains(t, "member's list", r.Text, "Submissions to Testers (2):", "#1 Flaky tests", "#2 Quick tip")
	lacks(t, "member's list", r.Text, "You see your own submissions")

	e.refuse("alice", "/cfp move 1 DevDay", "Only organisers move proposals")
	e.refuse("olga", "/cfp move 2 DevDay", "DevDay does not offer the format of #2 (lightning)", "it offers talk (30 min), workshop (90 min)")
	e.refuse("olga", "/cfp move 1 Testers", "#1 is already in Testers")
	e.refuse("olga", "/cfp move 1 Nope", `There is no call for proposals for "Nope"`)

	r = e.do("olga", "/cfp move #1 DevDay")
	contains(t, "move", r.Text, "✓ Moved #1 Flaky tests from Testers to DevDay.")
	r = e.do("olga", "/cfp list DevDay")
	contains(t, "event list after move", r.Text, "Submissions to DevDay, best first (1):", "#1 Flaky tests · talk · @alice (Payments)")
	r = e.do("olga", "/cfp list Testers")
	contains(t, "community list after move", r.Text, "(1):", "#2 Quick tip")
	lacks(t, "community list after move", r.Text, "Flaky tests")
	r = e.do("alice", "/cfp mine")
	contains(t, "mine after move", r.Text, "#1 Flaky tests", "submitted · DevDay")
	e.refuse("olga", "/cfp move 1 Testers", "#1 was submitted to DevDay; only proposals of a community's standing call are moved.")
}

// A decision is kept from everyone but organisers and reviewers until its
// speakers are told: a reviewer who speaks, or a member of a community
// with a standing call, must not learn it from /cfp list or /cfp show.
func TestCFPUntoldDecisionsStayHidden(t *testing.T) {
	e := newEnv(t, "olga")
	e.do("olga", devDay)
	e.do("olga", `/cfp open DevDay closes=2027-02-01 formats="talk:30"`)
	e.do("olga", "/community create Testers")
	e.do("olga", `/cfp open community=Testers formats="talk:30"`)
	for _, u := range []string{"alice", "bob"} {
		e.do(u, "/profile department=Payments")
		e.do(u, "/community join Testers")
	}

	// A reviewer who also speaks.
	e.do("olga", "/cfp reviewers add DevDay @bob")
	e.do("bob", `/cfp submit DevDay title="Bob's talk" format=talk abstract="B"`)
	e.do("olga", "/cfp decide 1 reject")
	for _, line := range []string{"/cfp list DevDay", "/cfp mine", "/cfp show 1"} {
		r := e.do("bob", line)
		lacks(t, "reviewer-speaker's "+line, r.Text, "rejected")
		contains(t, "reviewer-speaker's "+line, r.Text, "submitted")
	}

	// A member of the community, about another member's talk.
	e.do("alice", `/cfp submit Testers title="Alice's talk" format=talk abstract="A"`)
	e.do("olga", "/cfp review 2 score=2")
	e.do("olga", "/cfp decide 2 reject")
	for _, line := range []string{"/cfp list Testers", "/cfp show 2"} {
		r := e.do("bob", line)
		contains(t, "member's "+line, r.Text, "Alice's talk", "submitted")
		lacks(t, "member's "+line, r.Text, "rejected", "mean", "2/5")
	}
	r := e.do("alice", "/cfp list Testers")
	contains(t, "speaker's list", r.Text, "submitted")
	lacks(t, "speaker's list", r.Text, "rejected")

	e.do("olga", "/cfp notify Testers")
	r = e.do("bob", "/cfp list Testers")
	contains(t, "member's list after notify", r.Text, "rejected")
	r = e.do("olga", "/cfp list Testers")
	contains(t, "organiser's list", r.Text, "rejected", "mean 2.0")
}

// /cfp show is not a submission: the speaker looking at their talk later
// must not be thanked for submitting it again.
func TestCFPShowIsNotASubmissionReceipt(t *testing.T) {
	e := openDevDay(t, "alice")
	r := e.do("alice", `/cfp submit DevDay title="Alpha" format=talk abstract="A"`)
	contains(t, "submit", r.Text, "✓ Submitted as #1. Thank you!")
	r = e.do("alice", "/cfp show 1")
	contains(t, "show", r.Text, "#1 Alpha", "State: submitted")
	lacks(t, "show", r.Text, "Submitted as")
}

func TestCFPHelp(t *testing.T) {
	e := newEnv(t)
	r := e.do("alice", "/help cfp")
	contains(t, "/help cfp", r.Text,
		`/cfp open [EVENT] [closes=YYYY-MM-DD] formats="lightning:5, talk:30" [community=NAME] [anonymous=yes]`,
		"/cfp close EVENT",
		"/cfp reviewers add|list EVENT [@user]",
		`/cfp submit EVENT title=".." format=NAME abstract=".." [cospeakers="@a @b"] [first=yes]`,
		"/cfp edit ID", "/cfp mine", "/cfp list EVENT", "/cfp show ID", "/cfp withdraw ID",
		`/cfp review ID score=1..5 [comment=".."]`,
		"/cfp decide ID accept|reject|backup",
		"/cfp notify EVENT", "/cfp balance EVENT", "/cfp confirm ID", "/cfp decline ID", "/cfp move ID EVENT")
	r = e.do("alice", "/help")
	contains(t, "/help", r.Text, "/cfp", "/event")
}

// A speaker cannot learn an untold decision by filtering on it.
func TestCFPListStateFilterHidesUntoldDecisions(t *testing.T) {
	e := openDevDay(t, "alice")
	e.do("alice", `/cfp submit DevDay title="Alpha" format=talk abstract="a"`)
	e.do("olga", "/cfp decide 1 reject")
	r := e.do("alice", "/cfp list DevDay state=rejected")
	lacks(t, "/cfp list state=rejected before notify", r.Text, "#1")
	r = e.do("alice", "/cfp list DevDay state=submitted")
	contains(t, "/cfp list state=submitted before notify", r.Text, "#1 Alpha")
	e.do("olga", "/cfp notify DevDay")
	r = e.do("alice", "/cfp list DevDay state=rejected")
	contains(t, "/cfp list state=rejected after notify", r.Text, "#1 Alpha")
}

// A member who is neither organiser nor reviewer is told which talks of
// the line-up still lack a prepared asker.
func TestEventShowCountsWholeLineUpForMembers(t *testing.T) {
	e := openDevDay(t, "alice", "bob")
	e.do("alice", `/cfp submit DevDay title="Alpha" format=talk abstract="a"`)
	e.do("olga", "/cfp decide 1 accept")
	r := e.do("bob", "/event show DevDay")
	lacks(t, "/event show before notify", r.Text, "#1")
	e.do("olga", "/cfp notify DevDay")
	r = e.do("bob", "/event show DevDay")
	contains(t, "/event show after notify", r.Text, "Talks without a prepared asker: #1")
}
