package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/pkg/survey"
)

// devDayEnd is when DevDay, on Wednesday 15 April 2026 from 09:00 to
// 17:00 UTC, ends: its survey goes out by itself then.
var devDayEnd = time.Date(2026, 4, 15, 17, 0, 0, 0, time.UTC)

// composeSurvey is a Composer that renders survey messages with fmt, so
// tests can assert on the outbox without the templates.
func composeSurvey(kind string, data any) (string, error) {
	switch n := data.(type) {
	case *survey.Notice:
		body := fmt.Sprintf("%s to %s: %s", kind, n.To.Name, n.Survey.Name())
		if f := n.Feedback; f != nil {
			var comments []string
			for _, c := range f.Comments {
				comments = append(comments, c.Text)
			}
			body += fmt.Sprintf(" %s rated %d times, average %.1f, comments %q", f.Talk.Ref(), f.Count(), f.Average(), comments)
		}
		if n.Late {
			body += " (late)"
		}
		return body, nil
	case *survey.IdeaNotice:
		body := fmt.Sprintf("%s to %s: %s after %d weeks", kind, n.To.Name, n.Idea.Ref(), n.Weeks)
		if n.Late {
			body += " (late)"
		}
		return body, nil
	}
	return "", fmt.Errorf("compose %s: unexpected %T", kind, data)
}

// surveyFixture is a store whose clock the test moves, with DevDay, its
// accepted talks (Ann's and Ben's) and an organiser, Olga.
type surveyFixture struct {
	path        string
	clock       *settableClock
	db          *sqlite.DB
	users       *sqlite.UserService
	events      *sqlite.EventService
	calls       *sqlite.CallService
	communities *sqlite.CommunityService
	surveys     *sqlite.SurveyService
	reminders   *sqlite.ReminderService
	outbox      *sqlite.OutboxService

	olga, ann, ben, cat, dan, eve *guild.User
	ev                            *event.Event
	annTalk, benTalk              int64
}

func newSurveyFixture(t testing.TB) *surveyFixture {
	t.Helper()
	f := &surveyFixture{path: filepath.Join(t.TempDir(), "g.db"), clock: &settableClock{t: t0}}
	f.open(t)
	ctx := context.Background()
	f.olga = f.user(t, "Olga")
	for _, p := range []struct {
		to   **guild.User
		name string
	}{{&f.ann, "Ann"}, {&f.ben, "Ben"}, {&f.cat, "Cat"}, {&f.dan, "Dan"}, {&f.eve, "Eve"}} {
		u, err := f.users.UpdateProfile(as(ctx, f.user(t, p.name)), guild.Profile{Department: strPtr("Engineering")})
		if err != nil {
			t.Fatalf("UpdateProfile(%s): %v", p.name, err)
		}
		*p.to = u
	}
	f.ev = &event.Event{Name: "DevDay", Day: time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC), Start: 9 * 60, End: 17 * 60,
		Rooms: []event.Room{{Name: "Main", Capacity: 100}}}
	if err := f.events.CreateEvent(as(ctx, f.olga), f.ev); err != nil {
		t.Fatalf("CreateEvent: %v", err)
	}
	fs, err := cfp.ParseFormats("talk:30")
	if err != nil {
		t.Fatal(err)
	}
	closes := cfp.Deadline(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), time.UTC)
	if err := f.calls.OpenCall(as(ctx, f.olga), &cfp.Call{Event: f.ev, Formats: fs, ClosesAt: closes}); err != nil {
		t.Fatalf("OpenCall: %v", err)
	}
	for _, p := range []struct {
		to *int64
		by *guild.User
	}{{&f.annTalk, f.ann}, {&f.benTalk, f.ben}} {
		s := newSubmission(p.by, p.by.Name+"'s talk", "talk")
		if err := f.calls.Submit(as(ctx, p.by), "DevDay", s); err != nil {
			t.Fatalf("Submit: %v", err)
		}
		if _, _, err := f.calls.Act(as(ctx, f.olga), s.ID, cfp.Accept); err != nil {
			t.Fatalf("Act(accept): %v", err)
		}
		*p.to = s.ID
	}
	return f
}

// open opens the database file and the services on it, as a process does
// when it starts; a second call is a restart.
func (f *surveyFixture) open(t testing.TB) {
	t.Helper()
	f.db = sqlite.NewDB(f.path)
	f.db.Now = f.clock.Now
	if err := f.db.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	db := f.db
	t.Cleanup(func() { db.Close() })
	f.users = sqlite.NewUserService(f.db)
	f.users.Organisers = []string{"olga"}
	f.events = sqlite.NewEventService(f.db)
	f.calls = sqlite.NewCallService(f.db, composeNotice)
	f.communities = sqlite.NewCommunityService(f.db)
	f.surveys = sqlite.NewSurveyService(f.db, composeSurvey)
	f.reminders = sqlite.NewReminderService(f.db, composeSurvey)
	f.outbox = sqlite.NewOutboxService(f.db, nil)
	if f.olga != nil {
		f.olga = f.user(t, "Olga")
	}
}

// user resolves the console user called name.
func (f *surveyFixture) user(t testing.TB, name string) *guild.User {
	t.Helper()
	u, err := f.users.Resolve(context.Background(), consoleUser(name))
	if err != nil {
		t.Fatalf("Resolve(%q): %v", name, err)
	}
	return u
}

// restart closes the database and opens it again.
func (f *surveyFixture) restart(t *testing.T) {
	t.Helper()
	if err := f.db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	f.open(t)
}

// at moves the clock to now.
func (f *surveyFixture) at(now time.Time) { f.clock.Set(now) }

// fire fires the reminders due at now, with the clock there.
func (f *surveyFixture) fire(t testing.TB, now time.Time) int {
	t.Helper()
	f.at(now)
	n, err := f.reminders.Fire(context.Background(), now)
	if err != nil {
		t.Fatalf("Fire(%v): %v", now, err)
	}
	return n
}

// attend makes each of us an attendee of DevDay.
func (f *surveyFixture) attend(t testing.TB, us ...*guild.User) {
	t.Helper()
	for _, u := range us {
		if _, err := f.surveys.Attend(as(context.Background(), u), "DevDay"); err != nil {
			t.Fatalf("Attend as %s: %v", u.Name, err)
		}
	}
}

// answer answers DevDay's survey as u, failing the test on an error.
func (f *surveyFixture) answer(t testing.TB, u *guild.User, a survey.Answer) *survey.Receipt {
	t.Helper()
	rc, err := f.surveys.Answer(as(context.Background(), u), "DevDay", &a)
	if err != nil {
		t.Fatalf("Answer as %s: %v", u.Name, err)
	}
	return rc
}

// find returns DevDay's survey.
func (f *surveyFixture) find(t *testing.T) *survey.Survey {
	t.Helper()
	sv, err := f.surveys.Find(as(context.Background(), f.olga), "DevDay")
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	return sv
}

// messages returns every message of kind queued, in queue order.
func (f *surveyFixture) messages(t *testing.T, kind string) []*remind.Message {
	t.Helper()
	ms, err := f.outbox.List(context.Background(), remind.Filter{Statuses: []remind.Status{remind.Pending, remind.Sent, remind.Dead}})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	var out []*remind.Message
	for _, m := range ms {
		if m.Kind == kind {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b *remind.Message) int { return int(a.ID - b.ID) })
	return out
}

// recipients returns the names the messages of kind went to, sorted.
func (f *surveyFixture) recipients(t *testing.T, kind string) []string {
	t.Helper()
	var out []string
	for _, m := range f.messages(t, kind) {
		out = append(out, m.To.Name)
	}
	slices.Sort(out)
	return out
}

// wantMessage fails the test unless err is a *guild.Error with code whose
// message contains every one of subs.
func wantMessage(t *testing.T, what string, err error, code string, subs ...string) {
	t.Helper()
	wantCode(t, what, err, code)
	msg := guild.ErrorMessage(err)
	for _, s := range subs {
		if !strings.Contains(msg, s) {
			t.Errorf("%s: message = %q, want it to contain %q", what, msg, s)
		}
	}
}

const (
	kindRequest  = "survey_notice_request"
	kindReminder = "survey_notice_reminder"
	kindFeedback = "survey_notice_feedback"
	kindFollowup = "idea_notice_followup"
)

// The survey is scheduled for the event's end when the first attendee
// says so, and goes out by itself then, once, to every attendee.
func TestSurveySendsItselfAtTheEnd(t *testing.T) {
	f := newSurveyFixture(t)
	ctx := context.Background()
	f.attend(t, f.ann, f.ben, f.cat, f.dan)
	at, err := f.surveys.Attend(as(ctx, f.dan), "devday")
	if err != nil || !at.Already || at.Attendees != 4 || at.Sent {
		t.Fatalf("Attend again = %+v, %v, want already, 4 attendees, not sent", at, err)
	}
	sv := f.find(t)
	key := fmt.Sprintf("survey-send:%d", sv.ID)
	r, err := f.reminders.Find(ctx, key)
	if err != nil || r == nil || !r.NextDue.Equal(devDayEnd) || r.Kind != "survey-send" {
		t.Fatalf("reminder %s = %+v, %v, want survey-send due %v", key, r, err, devDayEnd)
	}
	if sv.State != survey.Scheduled || !sv.SendAt.Equal(devDayEnd) || sv.Sent() {
		t.Errorf("survey = {%s, send at %v, sent %t}, want scheduled for %v", sv.State, sv.SendAt, sv.Sent(), devDayEnd)
	}

	if n := f.fire(t, devDayEnd.Add(-time.Second)); n != 0 {
		t.Errorf("Fire a second before the end = %d, want 0", n)
	}
	if got := f.messages(t, kindRequest); len(got) != 0 {
		t.Errorf("requests before the end = %d, want none", len(got))
	}
	if n := f.fire(t, devDayEnd); n != 1 {
		t.Errorf("Fire at the end = %d, want 1", n)
	}
	if got, want := f.recipients(t, kindRequest), []string{"Ann", "Ben", "Cat", "Dan"}; !slices.Equal(got, want) {
		t.Errorf("requests went to %q, want %q", got, want)
	}
	for _, m := range f.messages(t, kindRequest) {
		if want := fmt.Sprintf("survey:%d:request:%d", sv.ID, m.To.ID); m.Key != want || m.Late || !m.DueAt.Equal(devDayEnd) {
			t.Errorf("request to %s: key %s, late %t, due %v, want %s, on time, due %v", m.To.Name, m.Key, m.Late, m.DueAt, want, devDayEnd)
		}
		if len(m.Actions) != 1 || m.Actions[0].Command != "/survey answer DevDay" {
			t.Errorf("request to %s offers %+v, want the button /survey answer DevDay", m.To.Name, m.Actions)
		}
	}
	sv = f.find(t)
	if sv.State != survey.Open || !sv.SentAt.Equal(devDayEnd) || sv.SentBy != nil || sv.Recipients != 4 ||
		!sv.RemindAt.Equal(devDayEnd.Add(48*time.Hour)) || !sv.ClosesAt.Equal(devDayEnd.Add(7*24*time.Hour)) {
		t.Errorf("sent survey = %+v, want open, sent by itself at %v to 4, reminding 2 days and closing 7 days later", sv, devDayEnd)
	}
	if r, _ := f.reminders.Find(ctx, key); r == nil || !r.NextDue.IsZero() || r.Fired != 1 {
		t.Errorf("send reminder after firing = %+v, want fired once, not due again", r)
	}

	// Firing again, or sending by hand, sends nothing more.
	if n := f.fire(t, devDayEnd.Add(time.Hour)); n != 0 {
		t.Errorf("Fire an hour later = %d, want 0", n)
	}
	_, err = f.surveys.Send(as(ctx, f.olga), "DevDay", survey.Options{})
	wantMessage(t, "Send after it went out", err, guild.ECONFLICT, "went out already, on Wed 15 Apr 2026, 17:00 UTC, by itself when DevDay ended")
	if got := f.messages(t, kindRequest); len(got) != 4 {
		t.Errorf("requests after firing again and sending by hand = %d, want 4", len(got))
	}
}

// An organiser may send the survey by hand, anonymous, before its time;
// it is refused a second time, saying when it went out, and it no longer
// goes out by itself.
func TestSurveySendByHand(t *testing.T) {
	f := newSurveyFixture(t)
	ctx := context.Background()
	f.attend(t, f.ann, f.ben)
	early := devDayEnd.Add(-30 * time.Minute)
	f.at(early)
	_, err := f.surveys.Send(as(ctx, f.ann), "DevDay", survey.Options{})
	wantMessage(t, "Send as a speaker", err, guild.EFORBIDDEN, "Only organisers send surveys.")
	_, err = f.surveys.Send(as(ctx, f.olga), "NoSuchDay", survey.Options{})
	wantMessage(t, "Send for an unknown event", err, guild.ENOTFOUND, `There is no event called "NoSuchDay"`)
	yes := true
	sv, err := f.surveys.Send(as(ctx, f.olga), "DevDay", survey.Options{Anonymous: &yes})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if !sv.Anonymous || sv.SentBy == nil || sv.SentBy.ID != f.olga.ID || !sv.SentAt.Equal(early) || sv.Recipients != 2 {
		t.Errorf("Send = %+v, want anonymous, sent by Olga at %v to 2", sv, early)
	}
	f.at(early.Add(time.Hour))
	_, err = f.surveys.Send(as(ctx, f.olga), "DevDay", survey.Options{})
	wantMessage(t, "Send twice", err, guild.ECONFLICT, "The survey of DevDay went out already, on Wed 15 Apr 2026, 16:30 UTC, by @Olga")
	_, err = f.surveys.Schedule(as(ctx, f.olga), "DevDay", survey.Options{Anonymous: new(false)})
	wantMessage(t, "Schedule once sent", err, guild.ECONFLICT, "went out on Wed 15 Apr 2026, 16:30 UTC, by @Olga, so its settings can no longer change")
	if n := f.fire(t, devDayEnd.Add(time.Hour)); n != 0 {
		t.Errorf("Fire after the end = %d, want 0: the survey went by hand", n)
	}
	if got := f.recipients(t, kindRequest); !slices.Equal(got, []string{"Ann", "Ben"}) {
		t.Errorf("requests = %q, want Ann and Ben once each", got)
	}
}

// Schedule moves the survey's sending, asks a community's members too, and
// checks what it is given.
func TestSurveySchedule(t *testing.T) {
	f := newSurveyFixture(t)
	ctx := context.Background()
	if err := f.communities.CreateCommunity(as(ctx, f.cat), &community.Community{Name: "Testers"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.communities.JoinCommunity(as(ctx, f.dan), "Testers"); err != nil {
		t.Fatal(err)
	}
	f.attend(t, f.ann)
	_, err := f.surveys.Schedule(as(ctx, f.ann), "DevDay", survey.Options{})
	wantMessage(t, "Schedule as a speaker", err, guild.EFORBIDDEN, "Only organisers schedule surveys.")
	name, bad := "Testers", "Nobody"
	delay := 2 * time.Hour
	_, err = f.surveys.Schedule(as(ctx, f.olga), "DevDay", survey.Options{Community: &bad})
	wantCode(t, "Schedule with an unknown community", err, guild.ENOTFOUND)
	short := 30 * time.Minute
	_, err = f.surveys.Schedule(as(ctx, f.olga), "DevDay", survey.Options{CloseAfter: &short})
	wantMessage(t, "Schedule closing too soon", err, guild.EINVALID, "close=30m is out of range")
	sv, err := f.surveys.Schedule(as(ctx, f.olga), "DevDay", survey.Options{Delay: &delay, Community: &name})
	if err != nil {
		t.Fatalf("Schedule: %v", err)
	}
	want := devDayEnd.Add(delay)
	if !sv.SendAt.Equal(want) || sv.Community != "Testers" || sv.CommunityID == 0 {
		t.Errorf("Schedule = %+v, want sending at %v to Testers too", sv, want)
	}
	if got := f.find(t); got.Delay != delay || got.Community != "Testers" || !got.SendAt.Equal(want) {
		t.Errorf("stored survey = %+v, want the 2h delay and Testers", got)
	}
	if n := f.fire(t, devDayEnd); n != 0 {
		t.Errorf("Fire at the end with a 2h delay = %d, want 0", n)
	}
	if n := f.fire(t, want); n != 1 {
		t.Errorf("Fire 2h after the end = %d, want 1", n)
	}
	// Ann attended; Cat and Dan are the community's members.
	if got := f.recipients(t, kindRequest); !slices.Equal(got, []string{"Ann", "Cat", "Dan"}) {
		t.Errorf("requests = %q, want Ann, Cat and Dan", got)
	}
}

// Creating an event sets its survey to go out by itself when it ends.
func TestSurveyScheduledWithTheEvent(t *testing.T) {
	f := newSurveyFixture(t)
	sv, err := f.surveys.Find(as(context.Background(), f.ann), "DevDay")
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	if sv.State != survey.Scheduled || !sv.SendAt.Equal(devDayEnd) || sv.Anonymous {
		t.Errorf("survey = %s at %v, anonymous %v; want scheduled at %v, named", sv.State, sv.SendAt, sv.Anonymous, devDayEnd)
	}
}

// forgetSurvey removes DevDay's survey, as for an event created before
// surveys existed.
func (f *surveyFixture) forgetSurvey(t *testing.T) {
	t.Helper()
	db := rawDB(t, f.path)
	for _, q := range []string{`DELETE FROM reminders WHERE kind LIKE 'survey-%'`, `DELETE FROM surveys`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSurveyFindUnknown(t *testing.T) {
	f := newSurveyFixture(t)
	f.forgetSurvey(t)
	_, err := f.surveys.Find(as(context.Background(), f.olga), "DevDay")
	wantMessage(t, "Find before anyone attends", err, guild.ENOTFOUND, "DevDay has no survey yet", "/event attend DevDay")
	_, err = f.surveys.Answer(as(context.Background(), f.ann), "DevDay", &survey.Answer{Rating: 4, Different: "x"})
	wantMessage(t, "Answer before it is set up", err, guild.ECONFLICT, "has not gone out yet: it goes out on Wed 15 Apr 2026, 17:00 UTC")
}

// sentFixture is DevDay's survey sent by itself to Ann, Ben, Cat and Dan,
// with the clock an hour later.
func sentFixture(t testing.TB, o survey.Options) *surveyFixture {
	t.Helper()
	f := newSurveyFixture(t)
	f.attend(t, f.ann, f.ben, f.cat, f.dan)
	if !o.IsZero() {
		if _, err := f.surveys.Schedule(as(context.Background(), f.olga), "DevDay", o); err != nil {
			t.Fatalf("Schedule: %v", err)
		}
	}
	if n := f.fire(t, devDayEnd); n != 1 {
		t.Fatalf("Fire at the end = %d, want 1", n)
	}
	f.at(devDayEnd.Add(time.Hour))
	return f
}

// answerRow is a stored answer as the table holds it.
type answerRow struct {
	voter     string
	user      any
	rating    int
	different string
	at        string
}

func (f *surveyFixture) answerRows(t *testing.T) []answerRow {
	t.Helper()
	rows, err := rawDB(t, f.path).Query(`SELECT voter, user_id, rating, different, answered_at FROM survey_answers ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []answerRow
	for rows.Next() {
		var r answerRow
		if err := rows.Scan(&r.voter, &r.user, &r.rating, &r.different, &r.at); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestSurveyAnswer(t *testing.T) {
	f := sentFixture(t, survey.Options{})
	ctx := context.Background()
	bad := []struct {
		name  string
		as    *guild.User
		a     survey.Answer
		code  string
		field string
		want  string
	}{
		{"rating 0", f.cat, survey.Answer{Different: "x"}, guild.EINVALID, "rating", "Rate DevDay as a whole from 1 (poor) to 5 (excellent)"},
		{"rating 6", f.cat, survey.Answer{Rating: 6, Different: "x"}, guild.EINVALID, "rating", "rating=6 is out of range"},
		{"empty different", f.cat, survey.Answer{Rating: 4, Different: "   "}, guild.EINVALID, "different", "Say what you will do differently after DevDay"},
		{"unknown talk", f.cat, survey.Answer{Rating: 4, Different: "x", Ratings: map[int64]int{999: 3}}, guild.EINVALID, "ratings",
			fmt.Sprintf("#999 is not a talk at DevDay; rate the talks you attended, one of #%d and #%d.", f.annTalk, f.benTalk)},
		{"talk rated 9", f.cat, survey.Answer{Rating: 4, Different: "x", Ratings: map[int64]int{f.annTalk: 9}}, guild.EINVALID, "ratings", "9 is out of range"},
		{"own talk", f.ann, survey.Answer{Rating: 4, Different: "x", Ratings: map[int64]int{f.annTalk: 5}}, guild.EINVALID, "ratings", "You speak in"},
		{"unknown event", f.cat, survey.Answer{Rating: 4, Different: "x"}, guild.ENOTFOUND, "", "There is no event called"},
	}
	for _, tt := range bad {
		event := "DevDay"
		if tt.code == guild.ENOTFOUND {
			event = "Nope"
		}
		_, err := f.surveys.Answer(as(ctx, tt.as), event, &tt.a)
		wantMessage(t, tt.name, err, tt.code, tt.want)
		if got := guild.ErrorField(err); got != tt.field {
			t.Errorf("%s: field = %q, want %q", tt.name, got, tt.field)
		}
	}
	if rows := f.answerRows(t); len(rows) != 0 {
		t.Fatalf("refused answers stored %d rows, want none", len(rows))
	}

	rc := f.answer(t, f.cat, survey.Answer{Rating: 4, Different: " Write the test first. ", Helped: f.annTalk, Idea: "A testing guild",
		Ratings: map[int64]int{f.annTalk: 5, f.benTalk: 3}, Comments: map[int64]string{f.benTalk: "Too fast"}})
	if rc.Updated || !rc.IdeaNew || rc.Idea == nil || rc.Idea.Owner == nil || rc.Idea.Owner.ID != f.cat.ID || rc.Survey.Answers != 1 {
		t.Fatalf("first answer = %+v, want new, raising an idea Cat owns, 1 answer", rc)
	}
	idea := rc.Idea
	rc = f.answer(t, f.cat, survey.Answer{Rating: 2, Different: "Ask for help sooner.", Idea: "A testing guild, monthly",
		Ratings: map[int64]int{f.benTalk: 4}})
	if !rc.Updated || rc.IdeaNew || rc.Idea == nil || rc.Idea.ID != idea.ID || rc.Idea.Text != "A testing guild, monthly" || rc.Survey.Answers != 1 {
		t.Fatalf("second answer = %+v (idea %+v), want updated, the same idea #%d with the new text, still 1 answer", rc, rc.Idea, idea.ID)
	}
	rc = f.answer(t, f.cat, survey.Answer{Rating: 3, Different: "Pair more."})
	if !rc.Updated || rc.Idea == nil || rc.Idea.ID != idea.ID {
		t.Errorf("third answer, with no idea = %+v, want updated, the idea kept", rc)
	}
	rows := f.answerRows(t)
	if len(rows) != 1 || rows[0].user != f.cat.ID || rows[0].rating != 3 || rows[0].different != "Pair more." || rows[0].at == "" {
		t.Errorf("stored answers = %+v, want Cat's one answer, as last given, with her id and time", rows)
	}
	var ratings int
	if err := rawDB(t, f.path).QueryRow(`SELECT count(*) FROM survey_talk_ratings`).Scan(&ratings); err != nil || ratings != 0 {
		t.Errorf("talk ratings after an answer that rates none = %d, %v, want 0", ratings, err)
	}
	_, ideas, err := f.surveys.Ideas(as(ctx, f.dan), "DevDay")
	if err != nil || len(ideas) != 1 || ideas[0].Text != "A testing guild, monthly" || ideas[0].Event != "DevDay" {
		t.Errorf("Ideas = %+v, %v, want the one idea", ideas, err)
	}
}

// An anonymous survey stores no user with an answer, only a voter key that
// stops double answers; the key cannot be traced once the survey closes,
// since its salt is wiped.
func TestSurveyAnonymous(t *testing.T) {
	yes := true
	f := sentFixture(t, survey.Options{Anonymous: &yes})
	ctx := context.Background()
	f.answer(t, f.ann, survey.Answer{Rating: 5, Different: "Demo more.", Idea: "Lunch talks", Ratings: map[int64]int{f.benTalk: 5}})
	f.at(devDayEnd.Add(2 * time.Hour))
	f.answer(t, f.cat, survey.Answer{Rating: 3, Different: "Test more."})
	rc := f.answer(t, f.ann, survey.Answer{Rating: 4, Different: "Demo more often.", Idea: "Lunch talks", Ratings: map[int64]int{f.benTalk: 4}})
	if !rc.Updated || rc.Idea == nil || rc.Idea.Owner != nil || !rc.Idea.RaisedAt.Equal(devDayEnd) {
		t.Errorf("anonymous answer again = %+v (idea %+v), want updated, an idea with no owner dated when the survey went out", rc, rc.Idea)
	}
	rows := f.answerRows(t)
	if len(rows) != 2 {
		t.Fatalf("stored answers = %d, want 2", len(rows))
	}
	for _, r := range rows {
		if r.user != nil || r.at != "" || len(r.voter) != 64 {
			t.Errorf("anonymous answer %+v: want no user, no time, a 64-digit voter key", r)
		}
	}
	raw := rawDB(t, f.path)
	var owners, followups, marked int
	if err := raw.QueryRow(`SELECT count(*) FROM ideas WHERE owner_id IS NOT NULL`).Scan(&owners); err != nil || owners != 0 {
		t.Errorf("ideas with an owner = %d, %v, want 0", owners, err)
	}
	if err := raw.QueryRow(`SELECT count(*) FROM reminders WHERE kind = 'idea-followup'`).Scan(&followups); err != nil || followups != 0 {
		t.Errorf("follow-ups of anonymous ideas = %d, %v, want 0: nobody owns them", followups, err)
	}
	if err := raw.QueryRow(`SELECT count(*) FROM survey_recipients WHERE answered = 1`).Scan(&marked); err != nil || marked != 2 {
		t.Errorf("recipients marked answered = %d, %v, want 2", marked, err)
	}
	res, err := f.surveys.Results(as(ctx, f.olga), "DevDay")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range res.Different {
		if q.By != nil {
			t.Errorf("quote %q is by %s, want nobody in an anonymous survey", q.Text, q.By.Name)
		}
	}
	if res.Answers != 2 || res.Recipients != 4 || res.Talk(f.benTalk).Average() != 4 {
		t.Errorf("results: %d of %d, talk average %v, want 2 of 4, 4", res.Answers, res.Recipients, res.Talk(f.benTalk).Average())
	}

	f.fire(t, devDayEnd.Add(7*24*time.Hour))
	var salt []byte
	var state string
	if err := raw.QueryRow(`SELECT salt, state FROM surveys`).Scan(&salt, &state); err != nil || salt != nil || state != "closed" {
		t.Errorf("closed survey: salt %x, state %s, %v, want no salt, closed", salt, state, err)
	}
}

// The one reminder reaches only those yet to answer, once.
func TestSurveyReminderOnlyToNonResponders(t *testing.T) {
	for _, anonymous := range []bool{false, true} {
		t.Run(fmt.Sprintf("anonymous=%t", anonymous), func(t *testing.T) {
			f := sentFixture(t, survey.Options{Anonymous: &anonymous})
			f.answer(t, f.ann, survey.Answer{Rating: 5, Different: "x"})
			f.answer(t, f.cat, survey.Answer{Rating: 4, Different: "y"})
			f.answer(t, f.eve, survey.Answer{Rating: 3, Different: "z"}) // came without saying so
			if sv := f.find(t); sv.Recipients != 5 || sv.Answers != 3 {
				t.Errorf("survey: %d answers of %d recipients, want 3 of 5", sv.Answers, sv.Recipients)
			}
			remindAt := devDayEnd.Add(48 * time.Hour)
			if n := f.fire(t, remindAt.Add(-time.Minute)); n != 0 {
				t.Errorf("Fire before the reminder = %d, want 0", n)
			}
			if n := f.fire(t, remindAt); n != 1 {
				t.Errorf("Fire at the reminder = %d, want 1", n)
			}
			if got := f.recipients(t, kindReminder); !slices.Equal(got, []string{"Ben", "Dan"}) {
				t.Errorf("reminders went to %q, want Ben and Dan only", got)
			}
			f.answer(t, f.ben, survey.Answer{Rating: 4, Different: "w"})
			if n := f.fire(t, remindAt.Add(time.Hour)); n != 0 {
				t.Errorf("Fire after the reminder = %d, want 0", n)
			}
			if got := f.messages(t, kindReminder); len(got) != 2 {
				t.Errorf("reminders in all = %d, want 2", len(got))
			}
		})
	}
}

// An answer after closing is refused, saying when it closed, whether or
// not the closing has been recorded yet.
func TestSurveyClosed(t *testing.T) {
	f := sentFixture(t, survey.Options{})
	ctx := context.Background()
	closes := devDayEnd.Add(7 * 24 * time.Hour)
	f.at(closes.Add(-time.Second))
	f.answer(t, f.ann, survey.Answer{Rating: 5, Different: "x"})
	f.at(closes)
	_, err := f.surveys.Answer(as(ctx, f.ben), "DevDay", &survey.Answer{Rating: 4, Different: "y"})
	wantMessage(t, "Answer at closing, not yet recorded", err, guild.ECONFLICT, "The survey of DevDay closed on Wed 22 Apr 2026, 17:00 UTC")
	if n := f.fire(t, closes.Add(time.Minute)); n != 2 {
		t.Errorf("Fire at closing = %d, want 2 (the overdue reminder, the closing)", n)
	}
	if got := f.messages(t, kindReminder); len(got) != 0 {
		t.Errorf("reminders fired after closing = %d, want none", len(got))
	}
	sv := f.find(t)
	if sv.State != survey.Closed || !sv.ClosedAt.Equal(closes.Add(time.Minute)) {
		t.Errorf("survey after closing = {%s, closed at %v}, want closed at %v", sv.State, sv.ClosedAt, closes.Add(time.Minute))
	}
	nina, err := f.users.UpdateProfile(as(ctx, f.ann), guild.Profile{TZ: strPtr("America/New_York")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.surveys.Answer(as(ctx, nina), "DevDay", &survey.Answer{Rating: 4, Different: "again"})
	wantMessage(t, "Answer again after closing, in New York", err, guild.ECONFLICT, "closed on Wed 22 Apr 2026, 13:00 EDT; it no longer takes answers.")
	_, err = f.surveys.Attend(as(ctx, f.eve), "DevDay")
	wantMessage(t, "Attend after closing", err, guild.ECONFLICT, "closed on Wed 22 Apr 2026, 17:00 UTC; it is too late")
	if rows := f.answerRows(t); len(rows) != 1 || rows[0].different != "x" {
		t.Errorf("stored answers = %+v, want Ann's first only", rows)
	}
}

// Someone who says they attend once the survey is out is sent it at once.
func TestSurveyAttendWhileOpen(t *testing.T) {
	f := sentFixture(t, survey.Options{})
	at, err := f.surveys.Attend(as(context.Background(), f.eve), "DevDay")
	if err != nil || at.Already || !at.Sent || at.Attendees != 5 || at.Survey.Recipients != 5 {
		t.Fatalf("Attend while open = %+v, %v, want sent at once, 5 attendees and recipients", at, err)
	}
	if got := f.recipients(t, kindRequest); !slices.Equal(got, []string{"Ann", "Ben", "Cat", "Dan", "Eve"}) {
		t.Errorf("requests = %q, want Eve's too", got)
	}
}

func TestSurveyAttendLongAfter(t *testing.T) {
	f := newSurveyFixture(t)
	f.forgetSurvey(t)
	f.at(devDayEnd.Add(8 * 24 * time.Hour))
	_, err := f.surveys.Attend(as(context.Background(), f.ann), "DevDay")
	wantMessage(t, "Attend a week after an event with no survey", err, guild.ECONFLICT, "DevDay ended on Wed 15 Apr 2026; it is too late")
}

// Results are for organisers; speakers get their talk's feedback once an
// organiser releases it, without the comments hidden first.
func TestSurveyResultsAndRelease(t *testing.T) {
	f := sentFixture(t, survey.Options{})
	ctx := context.Background()
	f.answer(t, f.cat, survey.Answer{Rating: 5, Different: "Pair more.", Helped: f.benTalk,
		Ratings: map[int64]int{f.annTalk: 4, f.benTalk: 5}, Comments: map[int64]string{f.benTalk: "Great demo"}})
	f.answer(t, f.dan, survey.Answer{Rating: 2, Different: "Sleep more.", Ratings: map[int64]int{f.benTalk: 2},
		Comments: map[int64]string{f.benTalk: "You are rubbish"}})
	f.answer(t, f.ann, survey.Answer{Rating: 4, Different: "Test first.", Ratings: map[int64]int{f.benTalk: 5}})

	_, err := f.surveys.Results(as(ctx, f.ben), "DevDay")
	wantMessage(t, "Results as a speaker", err, guild.EFORBIDDEN, "Only organisers see a survey's results")
	res, err := f.surveys.Results(as(ctx, f.olga), "DevDay")
	if err != nil {
		t.Fatalf("Results: %v", err)
	}
	if res.Answers != 3 || res.Recipients != 4 || res.Percent() != 75 || res.Ratings != (survey.Distribution{0, 1, 0, 1, 1}) {
		t.Errorf("results: %d of %d (%d%%), ratings %v, want 3 of 4 (75%%), {0 1 0 1 1}", res.Answers, res.Recipients, res.Percent(), res.Ratings)
	}
	ben := res.Talk(f.benTalk)
	if ben == nil || ben.Count() != 3 || ben.Average() != 4 || ben.Helped != 1 || len(ben.Comments) != 2 || ben.Talk.Title != "Ben's talk" {
		t.Fatalf("Ben's talk = %+v, want 3 ratings averaging 4, helped 1, 2 comments", ben)
	}
	var quotes []string
	for _, q := range res.Different {
		quotes = append(quotes, q.By.Name+": "+q.Text)
	}
	if want := []string{"Cat: Pair more.", "Dan: Sleep more.", "Ann: Test first."}; !slices.Equal(quotes, want) {
		t.Errorf("Different = %q, want %q", quotes, want)
	}

	_, err = f.surveys.Feedback(as(ctx, f.ben), "DevDay")
	wantMessage(t, "Feedback before release", err, guild.ECONFLICT, "has not been released yet")
	_, err = f.surveys.Feedback(as(ctx, f.cat), "DevDay")
	wantMessage(t, "Feedback for someone with no talk", err, guild.ENOTFOUND, "You have no talk at DevDay")

	rude := ben.Comments[1]
	_, err = f.surveys.Hide(as(ctx, f.ben), rude.ID, true)
	wantCode(t, "Hide as the speaker", err, guild.EFORBIDDEN)
	_, err = f.surveys.Hide(as(ctx, f.olga), 9999, true)
	wantMessage(t, "Hide an unknown comment", err, guild.ENOTFOUND, "There is no comment #c9999")
	c, err := f.surveys.Hide(as(ctx, f.olga), rude.ID, true)
	if err != nil || !c.Hidden || c.Text != "You are rubbish" || c.Released {
		t.Fatalf("Hide = %+v, %v, want it hidden, not released", c, err)
	}
	_, err = f.surveys.Hide(as(ctx, f.olga), rude.ID, true)
	wantMessage(t, "Hide twice", err, guild.ECONFLICT, fmt.Sprintf("Comment #c%d is hidden already.", rude.ID))

	_, err = f.surveys.Release(as(ctx, f.ben), "DevDay", f.benTalk)
	wantCode(t, "Release as a speaker", err, guild.EFORBIDDEN)
	_, err = f.surveys.Release(as(ctx, f.olga), "DevDay", 999)
	wantMessage(t, "Release an unknown talk", err, guild.EINVALID, "#999 is not a talk at DevDay")
	out, err := f.surveys.Release(as(ctx, f.olga), "DevDay", f.benTalk)
	if err != nil || len(out) != 1 || !out[0].Released || out[0].Talk.ID != f.benTalk {
		t.Fatalf("Release(Ben's talk) = %+v, %v, want it released", out, err)
	}
	ms := f.messages(t, kindFeedback)
	want := fmt.Sprintf(`survey_notice_feedback to Ben: DevDay #%d rated 3 times, average 4.0, comments ["Great demo"]`, f.benTalk)
	if len(ms) != 1 || ms[0].Body != want || ms[0].To.ID != f.ben.ID {
		t.Errorf("feedback messages = %d, first %q, want one to Ben: %q", len(ms), ms[0].Body, want)
	}
	_, err = f.surveys.Release(as(ctx, f.olga), "DevDay", f.benTalk)
	wantMessage(t, "Release twice", err, guild.ECONFLICT, "went to its speakers already, on Wed 15 Apr 2026, 18:00 UTC, released by @Olga")
	fb, err := f.surveys.Feedback(as(ctx, f.ben), "DevDay")
	if err != nil || len(fb) != 1 || len(fb[0].Comments) != 1 || fb[0].Comments[0].Text != "Great demo" {
		t.Errorf("Feedback as Ben = %+v, %v, want his talk with the visible comment only", fb, err)
	}
	_, err = f.surveys.Feedback(as(ctx, f.ann), "DevDay")
	wantMessage(t, "Feedback on an unreleased talk", err, guild.ECONFLICT, "has not been released yet")
	out, err = f.surveys.Release(as(ctx, f.olga), "DevDay", 0)
	if err != nil || len(out) != 1 || out[0].Talk.ID != f.annTalk {
		t.Errorf("Release(every talk) = %+v, %v, want Ann's, the one left", out, err)
	}
	_, err = f.surveys.Release(as(ctx, f.olga), "DevDay", 0)
	wantMessage(t, "Release every talk again", err, guild.ECONFLICT, "every talk at DevDay went to its speakers already")
	if got := f.recipients(t, kindFeedback); !slices.Equal(got, []string{"Ann", "Ben"}) {
		t.Errorf("feedback went to %q, want Ann and Ben once each", got)
	}
}

func TestSurveyResultsBeforeSending(t *testing.T) {
	f := newSurveyFixture(t)
	f.attend(t, f.ann)
	_, err := f.surveys.Results(as(context.Background(), f.olga), "DevDay")
	wantMessage(t, "Results before sending", err, guild.ECONFLICT, "has not gone out yet", "it goes out on Wed 15 Apr 2026, 17:00 UTC")
}

// A restart catches up what fell due while guildhall was down, once: the
// survey goes out late, and firing again in a new process sends nothing
// twice.
func TestSurveyCatchUpAfterRestart(t *testing.T) {
	f := newSurveyFixture(t)
	f.attend(t, f.ann, f.ben)
	f.restart(t)
	up := devDayEnd.Add(3 * time.Hour)
	f.at(up)
	f.restart(t) // down over the event's end
	if n := f.fire(t, up); n != 1 {
		t.Fatalf("Fire after the restart = %d, want 1", n)
	}
	ms := f.messages(t, kindRequest)
	if len(ms) != 2 || !ms[0].Late || !strings.HasSuffix(ms[0].Body, "(late)") {
		t.Fatalf("requests after downtime = %d, first %+v, want 2, late", len(ms), ms[0])
	}
	sv := f.find(t)
	if !sv.SentAt.Equal(up) || !sv.ClosesAt.Equal(up.Add(7*24*time.Hour)) {
		t.Errorf("late survey sent %v closing %v, want sent %v and open a full week", sv.SentAt, sv.ClosesAt, up)
	}
	f.restart(t)
	if n := f.fire(t, up.Add(time.Minute)); n != 0 {
		t.Errorf("Fire in a new process = %d, want 0", n)
	}
	// Down past both the reminder and the closing: the reminder is not sent
	// after the survey closed; the closing is recorded.
	f.answer(t, f.ann, survey.Answer{Rating: 4, Different: "x"})
	f.restart(t)
	if n := f.fire(t, up.Add(10*24*time.Hour)); n != 2 {
		t.Errorf("Fire after ten days down = %d, want 2 (reminder, closing)", n)
	}
	if got := f.messages(t, kindReminder); len(got) != 0 {
		t.Errorf("reminders after the survey closed = %d, want none", len(got))
	}
	if sv := f.find(t); sv.State != survey.Closed {
		t.Errorf("state after ten days down = %s, want closed", sv.State)
	}
	if got := f.messages(t, kindRequest); len(got) != 2 {
		t.Errorf("requests in all = %d, want 2", len(got))
	}
}
