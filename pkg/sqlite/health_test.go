package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/pkg/survey"
)

// composeHealth is a Composer that renders health-check messages with
// fmt, so tests can assert on the outbox without the templates.
func composeHealth(kind string, data any) (string, error) {
	n, ok := data.(*survey.HealthNotice)
	if !ok {
		return composeSurvey(kind, data)
	}
	body := fmt.Sprintf("%s to %s: round %d of %s", kind, n.To.Name, n.Round.Round, n.Round.Name())
	if r := n.Report; r != nil {
		body += fmt.Sprintf(", %d scored rounds, %d weak", len(r.Scored), len(r.Weak))
	}
	if n.Late {
		body += " (late)"
	}
	return body, nil
}

// The kinds of message health checks send.
const (
	kindHealthRequest  = "health_notice_request"
	kindHealthReminder = "health_notice_reminder"
	kindHealthClosed   = "health_notice_closed"
)

// healthFixture is a store whose clock the test moves, with the community
// Test Automation coordinated by Ann, with members Ben, Cat and Dan; Eve
// is no member and Olga an organiser.
type healthFixture struct {
	path        string
	clock       *settableClock
	db          *sqlite.DB
	users       *sqlite.UserService
	communities *sqlite.CommunityService
	health      *sqlite.HealthService
	reminders   *sqlite.ReminderService
	outbox      *sqlite.OutboxService

	ann, ben, cat, dan, eve, olga *guild.User
}

const testers = "Test Automation"

func newHealthFixture(t testing.TB) *healthFixture {
	t.Helper()
	f := &healthFixture{path: filepath.Join(t.TempDir(), "g.db"), clock: &settableClock{t: t0}}
	f.open(t)
	ctx := context.Background()
	for _, p := range []struct {
		to   **guild.User
		name string
	}{{&f.ann, "Ann"}, {&f.ben, "Ben"}, {&f.cat, "Cat"}, {&f.dan, "Dan"}, {&f.eve, "Eve"}, {&f.olga, "Olga"}} {
		*p.to = f.user(t, p.name)
	}
	if err := f.communities.CreateCommunity(as(ctx, f.ann), &community.Community{Name: testers}); err != nil {
		t.Fatalf("CreateCommunity: %v", err)
	}
	f.join(t, f.ben, f.cat, f.dan)
	return f
}

// open opens the database file and the services on it; a second call is
// a restart.
func (f *healthFixture) open(t testing.TB) {
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
	f.communities = sqlite.NewCommunityService(f.db)
	f.health = sqlite.NewHealthService(f.db, composeHealth)
	f.reminders = sqlite.NewReminderService(f.db, composeHealth)
	f.outbox = sqlite.NewOutboxService(f.db, nil)
}

// restart closes the database and opens it again.
func (f *healthFixture) restart(t *testing.T) {
	t.Helper()
	if err := f.db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	f.open(t)
}

func (f *healthFixture) user(t testing.TB, name string) *guild.User {
	t.Helper()
	u, err := f.users.Resolve(context.Background(), consoleUser(name))
	if err != nil {
		t.Fatalf("Resolve(%q): %v", name, err)
	}
	return u
}

func (f *healthFixture) join(t testing.TB, us ...*guild.User) {
	t.Helper()
	for _, u := range us {
		if _, err := f.communities.JoinCommunity(as(context.Background(), u), testers); err != nil {
			t.Fatalf("JoinCommunity as %s: %v", u.Name, err)
		}
	}
}

// at moves the clock to now.
func (f *healthFixture) at(now time.Time) { f.clock.Set(now) }

// fire fires the reminders due at now, with the clock there.
func (f *healthFixture) fire(t testing.TB, now time.Time) int {
	t.Helper()
	f.at(now)
	n, err := f.reminders.Fire(context.Background(), now)
	if err != nil {
		t.Fatalf("Fire(%v): %v", now, err)
	}
	return n
}

// send sends the next round as u, failing the test on an error.
func (f *healthFixture) send(t testing.TB, u *guild.User) *survey.Survey {
	t.Helper()
	sv, err := f.health.Send(as(context.Background(), u), testers, survey.HealthOptions{})
	if err != nil {
		t.Fatalf("Send as %s: %v", u.Name, err)
	}
	return sv
}

// rate answers the open round as u with scores.
func (f *healthFixture) rate(t testing.TB, u *guild.User, scores [5]int, comment string) *survey.Receipt {
	t.Helper()
	rc, err := f.health.Answer(as(context.Background(), u), testers, &survey.HealthAnswer{Scores: scores, Comment: comment})
	if err != nil {
		t.Fatalf("Answer as %s: %v", u.Name, err)
	}
	return rc
}

func (f *healthFixture) report(t testing.TB, u *guild.User) *survey.HealthReport {
	t.Helper()
	r, err := f.health.Report(as(context.Background(), u), testers)
	if err != nil {
		t.Fatalf("Report as %s: %v", u.Name, err)
	}
	return r
}

// messages returns every message of kind queued, in queue order.
func (f *healthFixture) messages(t *testing.T, kind string) []*remind.Message {
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

// names returns who the messages went to, sorted.
func names(ms []*remind.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.To.Name)
	}
	slices.Sort(out)
	return out
}

// The coordinator sends a round to every member, once; each is asked with
// a button to answer; nobody else may send it, and a second send while it
// is open is refused, saying when it went out.
func TestHealthSend(t *testing.T) {
	f := newHealthFixture(t)
	ctx := context.Background()
	_, err := f.health.Send(as(ctx, f.ben), testers, survey.HealthOptions{})
	wantMessage(t, "Send as a member", err, guild.EFORBIDDEN, "Only its coordinator @Ann or an organiser may send the health checks of Test Automation.")
	_, err = f.health.Send(as(ctx, f.ann), "Nobody", survey.HealthOptions{})
	wantMessage(t, "Send for an unknown community", err, guild.ENOTFOUND, `There is no community called "Nobody"`)
	day := 24 * time.Hour
	_, err = f.health.Send(as(ctx, f.ann), testers, survey.HealthOptions{RemindAfter: &day, CloseAfter: &day})
	wantMessage(t, "Send with remind= as late as close=", err, guild.EINVALID, "remind=1d must fall after the survey goes out and before it closes")
	if got := f.messages(t, kindHealthRequest); len(got) != 0 {
		t.Fatalf("refused sends queued %d requests, want none", len(got))
	}

	sv := f.send(t, f.ann)
	if sv.Kind != survey.KindHealth || sv.Round != 1 || sv.Community != testers || !sv.Anonymous || sv.State != survey.Open ||
		sv.Recipients != 4 || !sv.SentAt.Equal(t0) || sv.SentBy == nil || sv.SentBy.ID != f.ann.ID ||
		!sv.RemindAt.Equal(t0.Add(48*time.Hour)) || !sv.ClosesAt.Equal(t0.Add(7*24*time.Hour)) {
		t.Errorf("Send = %+v, want round 1, open, anonymous, sent by Ann at %v to 4, reminding after 2 days and closing after 7", sv, t0)
	}
	reqs := f.messages(t, kindHealthRequest)
	if got, want := names(reqs), []string{"Ann", "Ben", "Cat", "Dan"}; !slices.Equal(got, want) {
		t.Errorf("requests went to %q, want %q", got, want)
	}
	for _, m := range reqs {
		if want := fmt.Sprintf("health:%d:request:%d", sv.ID, m.To.ID); m.Key != want || m.Late || !m.DueAt.Equal(t0) {
			t.Errorf("request to %s: key %s, late %t, due %v; want %s, on time, due %v", m.To.Name, m.Key, m.Late, m.DueAt, want, t0)
		}
		if len(m.Actions) != 1 || m.Actions[0].Command != `/community rate "Test Automation"` {
			t.Errorf("request to %s offers %+v, want the button /community rate \"Test Automation\"", m.To.Name, m.Actions)
		}
	}
	for _, key := range []string{fmt.Sprintf("health-remind:%d", sv.ID), fmt.Sprintf("health-close:%d", sv.ID)} {
		if r, err := f.reminders.Find(ctx, key); err != nil || r == nil || r.NextDue.IsZero() {
			t.Errorf("reminder %s = %+v, %v, want it set", key, r, err)
		}
	}

	f.at(t0.Add(time.Hour))
	for _, u := range []*guild.User{f.ann, f.olga} {
		_, err = f.health.Send(as(ctx, u), testers, survey.HealthOptions{})
		wantMessage(t, "Send again as "+u.Name, err, guild.ECONFLICT,
			"Round 1 of the health check of Test Automation went out on Mon 2 Mar 2026, 09:00 UTC, by @Ann, and is open until Mon 9 Mar 2026, 09:00 UTC; one round goes out at a time.")
	}
	if got := f.messages(t, kindHealthRequest); len(got) != 4 {
		t.Errorf("requests after a refused second send = %d, want 4", len(got))
	}

	// An organiser who is not a member sends the next round once this one
	// closed; it goes to the members, not to her.
	f.at(sv.ClosesAt)
	sv2, err := f.health.Send(as(ctx, f.olga), testers, survey.HealthOptions{})
	if err != nil || sv2.Round != 2 || sv2.Recipients != 4 || sv2.SentBy.ID != f.olga.ID {
		t.Fatalf("Send round 2 as Olga = %+v, %v, want round 2 to 4", sv2, err)
	}
	// Round 1, past its closing, was closed on the way and its coordinator told.
	if got := names(f.messages(t, kindHealthClosed)); !slices.Equal(got, []string{"Ann"}) {
		t.Errorf("closed notices went to %q, want Ann", got)
	}
}

// A member answers the open round, anonymously; answering again replaces
// the answer. Non-members and bad scores are refused and change nothing.
func TestHealthAnswer(t *testing.T) {
	f := newHealthFixture(t)
	ctx := context.Background()
	_, err := f.health.Answer(as(ctx, f.ben), testers, &survey.HealthAnswer{Scores: [5]int{4, 4, 4, 4, 4}})
	wantMessage(t, "Answer before any round", err, guild.ECONFLICT, `No health check of Test Automation is open`, `/community health "Test Automation"`)
	sv := f.send(t, f.ann)

	rc := f.rate(t, f.ben, [5]int{4, 3, 5, 2, 1}, "  More pairing.  ")
	if rc.Updated || !rc.Anonymous || rc.Survey.ID != sv.ID || rc.Survey.Answers != 1 {
		t.Errorf("first answer = %+v, want new, anonymous, round 1 with 1 answer", rc)
	}
	rc = f.rate(t, f.ben, [5]int{5, 3, 5, 2, 1}, "")
	if !rc.Updated || rc.Survey.Answers != 1 {
		t.Errorf("second answer = %+v, want updated, still 1 answer", rc)
	}
	tests := []struct {
		name       string
		u          *guild.User
		a          *survey.HealthAnswer
		code, want string
	}{
		{"a non-member", f.eve, &survey.HealthAnswer{Scores: [5]int{4, 4, 4, 4, 4}}, guild.EFORBIDDEN,
			`Only members of Test Automation answer its health check, and you are not one: /community join "Test Automation"`},
		{"an organiser who is no member", f.olga, &survey.HealthAnswer{Scores: [5]int{4, 4, 4, 4, 4}}, guild.EFORBIDDEN, "Only members of Test Automation"},
		{"a score of 6", f.cat, &survey.HealthAnswer{Scores: [5]int{4, 6, 4, 4, 4}}, guild.EINVALID, "engagement=6 is out of range"},
		{"a score missing", f.cat, &survey.HealthAnswer{Scores: [5]int{4, 4, 4, 4, 0}}, guild.EINVALID, "Rate visibility and support from the organisation too"},
		{"nothing at all", f.cat, nil, guild.EINVALID, "Rate leadership with a clear vision and goals too"},
		{"a comment too long", f.cat, &survey.HealthAnswer{Scores: [5]int{4, 4, 4, 4, 4}, Comment: strings.Repeat("x", guild.MaxText+1)}, guild.EINVALID, "the limit is 2000"},
	}
	for _, tt := range tests {
		_, err := f.health.Answer(as(ctx, tt.u), testers, tt.a)
		wantMessage(t, tt.name, err, tt.code, tt.want)
	}

	f.at(sv.ClosesAt.Add(-time.Minute))
	r := f.report(t, f.ben)
	if r.Open == nil || r.Open.Answers != 1 || !r.Answered {
		t.Errorf("report as Ben = open %+v, answered %t, want 1 answer so far and Ben answered", r.Open, r.Answered)
	}
	if r := f.report(t, f.cat); r.Answered {
		t.Errorf("report as Cat says she answered, want not: her answers were refused")
	}

	// The stored answer names no one and carries no time.
	raw := rawDB(t, f.path)
	var n, user int
	if err := raw.QueryRow(`SELECT count(*) FROM pragma_table_info('health_answers') WHERE name LIKE '%user%' OR name LIKE '%_at'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("health_answers has %d columns for a user or a time (%v), want none", n, err)
	}
	var comment string
	var scores [5]int
	if err := raw.QueryRow(`SELECT leadership, engagement, sharing, skills, support, comment FROM health_answers`).Scan(&scores[0], &scores[1], &scores[2], &scores[3], &scores[4], &comment); err != nil ||
		scores != [5]int{5, 3, 5, 2, 1} || comment != "" {
		t.Errorf("stored answer = %v %q (%v), want Ben's second answer, which dropped the comment", scores, comment, err)
	}
	if err := raw.QueryRow(`SELECT answered FROM survey_recipients WHERE survey_id = ? AND user_id = ?`, sv.ID, f.ben.ID).Scan(&user); err != nil || user != 1 {
		t.Errorf("Ben's answered flag = %d (%v), want 1", user, err)
	}

	// After closing: refused, saying when it closed.
	f.fire(t, sv.ClosesAt)
	_, err = f.health.Answer(as(ctx, f.cat), testers, &survey.HealthAnswer{Scores: [5]int{4, 4, 4, 4, 4}})
	wantMessage(t, "Answer after closing", err, guild.ECONFLICT, "Round 1 of the health check of Test Automation closed on Mon 9 Mar 2026, 09:00 UTC; it no longer takes answers.")
	var salt []byte
	if err := raw.QueryRow(`SELECT salt FROM surveys WHERE id = ?`, sv.ID).Scan(&salt); err != nil || salt != nil {
		t.Errorf("salt after closing = %x (%v), want it wiped", salt, err)
	}
	if r := f.report(t, f.cat); r.Latest() == nil || r.Latest().Answers != 1 {
		t.Errorf("report after closing: latest %+v, want round 1 with Ben's one answer", r.Latest())
	}
}

// Two days after it goes out, the members yet to answer are reminded, once;
// a member who left is not. Seven days after, it closes and the
// coordinator is told.
func TestHealthReminderAndClose(t *testing.T) {
	f := newHealthFixture(t)
	ctx := context.Background()
	sv := f.send(t, f.ann)
	f.rate(t, f.ben, [5]int{4, 4, 4, 4, 4}, "")
	if _, err := f.communities.LeaveCommunity(as(ctx, f.dan), testers); err != nil {
		t.Fatalf("LeaveCommunity: %v", err)
	}
	if n := f.fire(t, sv.RemindAt.Add(-time.Second)); n != 0 {
		t.Errorf("Fire before the reminder = %d, want 0", n)
	}
	if n := f.fire(t, sv.RemindAt); n != 1 {
		t.Errorf("Fire at the reminder = %d, want 1", n)
	}
	rems := f.messages(t, kindHealthReminder)
	if got, want := names(rems), []string{"Ann", "Cat"}; !slices.Equal(got, want) {
		t.Errorf("reminders went to %q, want %q: not Ben, who answered, nor Dan, who left", got, want)
	}
	for _, m := range rems {
		if want := fmt.Sprintf("health:%d:reminder:%d", sv.ID, m.To.ID); m.Key != want || len(m.Actions) != 1 {
			t.Errorf("reminder to %s: key %s, actions %+v, want %s and the button", m.To.Name, m.Key, m.Actions, want)
		}
	}
	if n := f.fire(t, sv.RemindAt.Add(time.Hour)); n != 0 || len(f.messages(t, kindHealthReminder)) != 2 {
		t.Errorf("Fire an hour later = %d, %d reminders; want nothing more", n, len(f.messages(t, kindHealthReminder)))
	}
	f.rate(t, f.cat, [5]int{3, 3, 3, 3, 3}, "")
	if n := f.fire(t, sv.ClosesAt); n != 1 {
		t.Errorf("Fire at closing = %d, want 1", n)
	}
	closed := f.messages(t, kindHealthClosed)
	if len(closed) != 1 || closed[0].To.ID != f.ann.ID || closed[0].Body != "health_notice_closed to Ann: round 1 of Test Automation, 1 scored rounds, 0 weak" {
		t.Errorf("closed notices = %+v, want one to Ann with the report", closed)
	}
	r := f.report(t, f.ann)
	if r.Open != nil || len(r.Scored) != 1 || r.Latest().Answers != 2 || r.Latest().Recipients != 4 || r.Latest().Survey.ClosedAt.IsZero() {
		t.Errorf("report after closing = %+v, want round 1 closed, 2 of 4 answered", r)
	}
}

// Three rounds: the report shows each element's trend over them, the weak
// elements and a stage note; members, the coordinator and organisers read
// it, others not.
func TestHealthReportTrendOverThreeRounds(t *testing.T) {
	f := newHealthFixture(t)
	ctx := context.Background()
	rounds := [][4][5]int{ // Ann, Ben, Cat, Dan
		{{3, 5, 3, 4, 3}, {3, 4, 4, 3, 3}, {3, 4, 3, 4, 3}, {3, 5, 4, 3, 3}},
		{{4, 4, 4, 4, 3}, {3, 4, 3, 4, 3}, {4, 4, 4, 3, 3}, {3, 4, 3, 4, 3}},
		{{5, 3, 4, 4, 4}, {4, 3, 3, 4, 3}, {5, 4, 4, 4, 4}, {4, 4, 3, 4, 3}},
	}
	at := t0
	for i, scores := range rounds {
		f.at(at)
		sv := f.send(t, f.ann)
		if sv.Round != i+1 {
			t.Fatalf("round sent = %d, want %d", sv.Round, i+1)
		}
		for j, u := range []*guild.User{f.ann, f.ben, f.cat, f.dan} {
			f.rate(t, u, scores[j], fmt.Sprintf("comment %d from %d", i+1, j))
		}
		f.fire(t, sv.ClosesAt)
		at = at.AddDate(0, 1, 0)
	}
	_, err := f.health.Report(as(ctx, f.eve), testers)
	wantMessage(t, "Report as a non-member", err, guild.EFORBIDDEN, "Only members of Test Automation, its coordinator and organisers read its health checks")
	for _, u := range []*guild.User{f.ben, f.olga} {
		r := f.report(t, u)
		if len(r.Rounds) != 3 || len(r.Scored) != 3 || r.Open != nil || r.Stage != community.StagePotential || r.NextRound() != 4 {
			t.Fatalf("report as %s: %d rounds, %d scored, open %v, want 3 closed rounds", u.Name, len(r.Rounds), len(r.Scored), r.Open)
		}
		lead, eng := r.Series(survey.Leadership), r.Series(survey.Engagement)
		if !slices.Equal(lead.Values, []float64{3, 3.5, 4.5}) || lead.Trend() != survey.TrendUp || lead.Across() != survey.TrendUp {
			t.Errorf("leadership = %v, trend %s, want 3, 3.5, 4.5, up", lead.Values, lead.Trend())
		}
		if !slices.Equal(eng.Values, []float64{4.5, 4, 3.5}) || eng.Trend() != survey.TrendDown || eng.Falling() != 2 {
			t.Errorf("engagement = %v, trend %s, falling %d, want 4.5, 4, 3.5, down twice", eng.Values, eng.Trend(), eng.Falling())
		}
		if len(r.Weak) != 1 || r.Weak[0].Element != survey.Engagement || !r.Weak[0].Falling {
			t.Errorf("weak = %+v, want engagement, falling", r.Weak)
		}
		if got := r.Latest().Comments; len(got) != 4 || got[0] != "comment 3 from 0" {
			t.Errorf("latest comments = %q, want round 3's four", got)
		}
		if r.Latest().Distribution(survey.Leadership) != (survey.Distribution{0, 0, 0, 2, 2}) {
			t.Errorf("round 3 leadership scores = %v, want two 4s and two 5s", r.Latest().Distribution(survey.Leadership))
		}
	}
}

// Health checks suggest a change of stage: a forming community scoring
// high and steady looks ready to mature.
func TestHealthStageNote(t *testing.T) {
	f := newHealthFixture(t)
	ctx := context.Background()
	if _, _, err := f.communities.ChangeStage(as(ctx, f.ann), testers, community.StageForming, "charter written"); err != nil {
		t.Fatalf("ChangeStage: %v", err)
	}
	at := t0
	for range 2 {
		f.at(at)
		sv := f.send(t, f.ann)
		for _, u := range []*guild.User{f.ann, f.ben, f.cat} {
			f.rate(t, u, [5]int{4, 4, 4, 4, 3}, "")
		}
		f.fire(t, sv.ClosesAt)
		at = at.AddDate(0, 1, 0)
	}
	r := f.report(t, f.dan)
	if r.Note == nil || r.Note.Kind != survey.NoteAdvance || r.Note.From != community.StageForming || r.Note.To != community.StageMaturing {
		t.Errorf("note = %+v, want forming → maturing", r.Note)
	}
	if got := r.Latest().Percent(); got != 75 {
		t.Errorf("response rate = %d%%, want 75%%", got)
	}
}

// A cadence sends rounds by itself, on time and once each; after downtime
// it sends one late round, never a burst; it survives a restart and stops
// when cleared. Only the coordinator or an organiser sets it.
func TestHealthCadence(t *testing.T) {
	f := newHealthFixture(t)
	ctx := context.Background()
	weekly, err := survey.ParseHealthCadence("0 9 * * MON", "Europe/London", survey.HealthOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.health.SetCadence(as(ctx, f.ben), testers, weekly)
	wantMessage(t, "SetCadence as a member", err, guild.EFORBIDDEN, "Only its coordinator @Ann or an organiser may schedule the health checks of Test Automation.")
	cad, err := f.health.SetCadence(as(ctx, f.ann), testers, weekly)
	if err != nil || cad.Spec != "0 9 * * MON" || cad.SetBy.ID != f.ann.ID || !cad.SetAt.Equal(t0) {
		t.Fatalf("SetCadence = %+v, %v, want weekly, set by Ann", cad, err)
	}
	key := fmt.Sprintf("health-round:%d", f.community(t).ID)
	first := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC) // Monday; London is on GMT until 29 March
	if r, err := f.reminders.Find(ctx, key); err != nil || r == nil || r.Kind != "health-round" || !r.NextDue.Equal(first) {
		t.Fatalf("reminder %s = %+v, %v, want health-round due %v", key, r, err, first)
	}
	if got := f.report(t, f.ben).Cadence; got.Spec != weekly.Spec || got.TZ != "Europe/London" || got.CloseAfter != 7*24*time.Hour {
		t.Errorf("report's cadence = %+v, want the weekly one", got)
	}

	if n := f.fire(t, first); n != 1 {
		t.Errorf("Fire on the first Monday = %d, want 1", n)
	}
	sv1 := f.latest(t)
	if sv1.Round != 1 || sv1.SentBy != nil || !sv1.SentAt.Equal(first) || len(f.messages(t, kindHealthRequest)) != 4 {
		t.Errorf("first round = %+v, want round 1 sent by itself at %v to 4", sv1, first)
	}
	_, err = f.health.Send(as(ctx, f.ann), testers, survey.HealthOptions{})
	wantMessage(t, "Send while the cadence's round is open", err, guild.ECONFLICT, "went out on Mon 9 Mar 2026, 09:00 UTC, by itself")
	f.rate(t, f.ben, [5]int{4, 4, 4, 4, 4}, "")

	// A week later, round 1 closes as round 2 goes out: one round at a time.
	second := first.AddDate(0, 0, 7)
	f.fire(t, second)
	sv2 := f.latest(t)
	if sv2.Round != 2 || !sv2.SentAt.Equal(second) {
		t.Errorf("second round = %+v, want round 2 at %v", sv2, second)
	}
	if r := f.report(t, f.ann); r.Open == nil || r.Open.Number() != 2 || len(r.Scored) != 1 {
		t.Errorf("after the second Monday: open %v, %d scored, want round 2 open and round 1 scored", r.Open, len(r.Scored))
	}

	// guildhall is down for three weeks, then restarts: one late round.
	f.restart(t)
	back := second.AddDate(0, 0, 22).Add(3 * time.Hour) // Tue 7 Apr 2026, 12:00 UTC
	f.fire(t, back)
	sv3 := f.latest(t)
	if sv3.Round != 3 || !sv3.SentAt.Equal(back) {
		t.Errorf("after downtime: latest round %+v, want round 3 sent at %v", sv3, back)
	}
	late := 0
	for _, m := range f.messages(t, kindHealthRequest) {
		if m.Late {
			late++
			if !strings.HasSuffix(m.Body, "(late)") {
				t.Errorf("late request body = %q, want it marked late", m.Body)
			}
		}
	}
	if late != 4 {
		t.Errorf("late requests = %d, want 4 (round 3, one per member)", late)
	}
	// The next is the Monday after, at 9:00 in London, now on BST.
	next := time.Date(2026, 4, 13, 8, 0, 0, 0, time.UTC)
	if r, _ := f.reminders.Find(ctx, key); r == nil || !r.NextDue.Equal(next) {
		t.Errorf("after catching up, reminder due %v, want %v", r.NextDue, next)
	}

	// Cleared: no more rounds.
	if _, err := f.health.SetCadence(as(ctx, f.olga), testers, survey.HealthCadence{}); err != nil {
		t.Fatalf("SetCadence(off) as Olga: %v", err)
	}
	if r, _ := f.reminders.Find(ctx, key); r != nil {
		t.Errorf("reminder after clearing = %+v, want none", r)
	}
	f.fire(t, next.AddDate(0, 0, 14))
	if got := f.latest(t).Round; got != 3 {
		t.Errorf("latest round after clearing = %d, want 3", got)
	}
	if got := f.report(t, f.ann).Cadence; !got.IsZero() {
		t.Errorf("report's cadence after clearing = %+v, want none", got)
	}
}

// An ended community's health is no longer checked: sending and setting
// a cadence are refused, and a cadence set before stops.
func TestHealthEndedCommunity(t *testing.T) {
	f := newHealthFixture(t)
	ctx := context.Background()
	monthly, err := survey.ParseHealthCadence("@monthly", "", survey.HealthOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.health.SetCadence(as(ctx, f.ann), testers, monthly); err != nil {
		t.Fatalf("SetCadence: %v", err)
	}
	if _, _, err := f.communities.ChangeStage(as(ctx, f.ann), testers, community.StageEnded, "merged"); err != nil {
		t.Fatalf("ChangeStage: %v", err)
	}
	_, err = f.health.Send(as(ctx, f.ann), testers, survey.HealthOptions{})
	wantMessage(t, "Send for an ended community", err, guild.ECONFLICT, "Test Automation has ended, so its health is no longer checked.")
	_, err = f.health.SetCadence(as(ctx, f.ann), testers, monthly)
	wantMessage(t, "SetCadence for an ended community", err, guild.ECONFLICT, "has ended")
	if n := f.fire(t, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)); n != 1 || f.latest(t) != nil {
		t.Errorf("Fire on the first of the month = %d, round %v, want the reminder to fire and send nothing", n, f.latest(t))
	}
	if r, _ := f.reminders.Find(ctx, fmt.Sprintf("health-round:%d", f.community(t).ID)); r == nil || !r.NextDue.IsZero() {
		t.Errorf("cadence reminder after the community ended = %+v, want it stopped", r)
	}
}

func (f *healthFixture) community(t *testing.T) *community.Community {
	t.Helper()
	c, err := f.communities.FindCommunity(context.Background(), testers)
	if err != nil {
		t.Fatalf("FindCommunity: %v", err)
	}
	return c
}

// latest returns the latest round, nil when none.
func (f *healthFixture) latest(t *testing.T) *survey.Survey {
	t.Helper()
	r := f.report(t, f.ann).Last()
	if r == nil {
		return nil
	}
	return r.Survey
}
