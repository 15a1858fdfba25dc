package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
)

// farFuture is late enough for every queued message to be due.
var farFuture = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

// composeNotice is a Composer whose bodies name the kind, the recipient and
// the submission (and, for a decline, the backup offered), so tests can
// assert on the outbox.
func composeNotice(n *cfp.Notice) (string, error) {
	ref := "-"
	if n.Submission != nil {
		ref = n.Submission.Ref()
	}
	body := fmt.Sprintf("%s to %s on %s", n.Kind, n.To.Name, ref)
	if n.Kind == cfp.NoticeDeclined {
		if n.Offered != nil {
			body += " offering " + n.Offered.Ref()
		} else {
			body += " offering nobody"
		}
	}
	return body, nil
}

// errCompose is what a failing Composer returns.
var errCompose = errors.New("template exploded")

// failingCompose returns a Composer that fails for the notices fail
// matches and composes the others as composeNotice does.
func failingCompose(fail func(n *cfp.Notice) bool) cfp.Composer {
	return func(n *cfp.Notice) (string, error) {
		if fail(n) {
			return "", errCompose
		}
		return composeNotice(n)
	}
}

// cfpFixture is a store whose clock is f.now, with an organiser (Olga),
// two people who may be made reviewers (Rita, Ray), speakers with
// departments (Ann and Ben in Engineering, Cat and Eve in Marketing, Dan in
// Finance) and Nick, who has no department.
type cfpFixture struct {
	path        string
	db          *sqlite.DB
	now         time.Time
	users       *sqlite.UserService
	communities *sqlite.CommunityService
	events      *sqlite.EventService
	calls       *sqlite.CallService
	outbox      *sqlite.OutboxService

	olga, rita, ray, ann, ben, cat, dan, eve, nick *guild.User
}

func newCFPFixture(t *testing.T) *cfpFixture {
	t.Helper()
	f := &cfpFixture{path: filepath.Join(t.TempDir(), "g.db"), now: t0}
	f.db = openAt(t, f.path, t0)
	f.db.Now = func() time.Time { return f.now }
	f.users = sqlite.NewUserService(f.db)
	f.users.Organisers = []string{"Olga"}
	f.communities = sqlite.NewCommunityService(f.db)
	f.events = sqlite.NewEventService(f.db)
	f.calls = sqlite.NewCallService(f.db, composeNotice)
	f.outbox = sqlite.NewOutboxService(f.db, nil)

	f.olga = mustUser(t, f.users, "Olga")
	if !f.olga.Organiser {
		t.Fatalf("Olga resolved with Organiser false, want true")
	}
	f.rita = mustUser(t, f.users, "Rita")
	f.ray = mustUser(t, f.users, "Ray")
	f.ann = f.profile(t, mustUser(t, f.users, "Ann"), "Engineering", "Payments")
	f.ben = f.profile(t, mustUser(t, f.users, "Ben"), "Engineering", "Search")
	f.cat = f.profile(t, mustUser(t, f.users, "Cat"), "Marketing", "Brand")
	f.dan = f.profile(t, mustUser(t, f.users, "Dan"), "Finance", "")
	f.eve = f.profile(t, mustUser(t, f.users, "Eve"), "Marketing", "Events")
	f.nick = mustUser(t, f.users, "Nick")
	return f
}

func strPtr(s string) *string { return &s }

// profile sets u's department and team and returns u as stored.
func (f *cfpFixture) profile(t *testing.T, u *guild.User, dept, team string) *guild.User {
	t.Helper()
	got, err := f.users.UpdateProfile(as(context.Background(), u), guild.Profile{Department: strPtr(dept), Team: strPtr(team)})
	if err != nil {
		t.Fatalf("UpdateProfile(%s): %v", u.Name, err)
	}
	return got
}

// event creates, as Olga, an event on day (YYYY-MM-DD) from 09:00 to 17:00
// in tz.
func (f *cfpFixture) event(t *testing.T, name, day, tz string) *event.Event {
	t.Helper()
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	e := &event.Event{Name: name, Day: d, Start: 9 * 60, End: 17 * 60, TZ: tz, Rooms: []event.Room{{Name: "Main", Capacity: 100}}}
	if err := f.events.CreateEvent(as(context.Background(), f.olga), e); err != nil {
		t.Fatalf("CreateEvent(%s): %v", name, err)
	}
	return e
}

// datedCall returns, unopened, a call for the event called name that
// closes at the end of closes (YYYY-MM-DD) in the event's zone, as the bot
// builds it.
func (f *cfpFixture) datedCall(t *testing.T, name, closes, formats string) *cfp.Call {
	t.Helper()
	e, err := f.events.FindEvent(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := cfp.ParseFormats(formats)
	if err != nil {
		t.Fatal(err)
	}
	c := &cfp.Call{Event: e, Formats: fs}
	if closes != "" {
		day, err := time.Parse(time.DateOnly, closes)
		if err != nil {
			t.Fatal(err)
		}
		c.ClosesAt = cfp.Deadline(day, e.Location())
	}
	return c
}

// open opens c as Olga.
func (f *cfpFixture) open(t *testing.T, c *cfp.Call) *cfp.Call {
	t.Helper()
	if err := f.calls.OpenCall(as(context.Background(), f.olga), c); err != nil {
		t.Fatalf("OpenCall(%s): %v", c.Name, err)
	}
	return c
}

// devDay creates the event DevDay on 15 April 2026 in UTC and opens its
// call, closing at the end of 31 March, for lightning talks and talks.
func (f *cfpFixture) devDay(t *testing.T, anonymous bool) *cfp.Call {
	t.Helper()
	f.event(t, "DevDay", "2026-04-15", "")
	c := f.datedCall(t, "DevDay", "2026-03-31", "lightning:5, talk:30")
	c.Anonymous = anonymous
	return f.open(t, c)
}

// submit proposes a talk as u with co-speakers co.
func (f *cfpFixture) submit(t *testing.T, u *guild.User, call, title, format string, co ...*guild.User) *cfp.Submission {
	t.Helper()
	s := newSubmission(u, title, format, co...)
	if err := f.calls.Submit(as(context.Background(), u), call, s); err != nil {
		t.Fatalf("Submit(%s, %q) as %s: %v", call, title, u.Name, err)
	}
	return s
}

func newSubmission(u *guild.User, title, format string, co ...*guild.User) *cfp.Submission {
	s := &cfp.Submission{Title: title, Abstract: "What " + title + " is about.", Format: cfp.Format{Name: format},
		Speakers: []*cfp.Speaker{{User: u}}}
	for _, c := range co {
		s.Speakers = append(s.Speakers, &cfp.Speaker{User: c})
	}
	return s
}

// act applies a as u and fails the test on an error.
func (f *cfpFixture) act(t *testing.T, u *guild.User, id int64, a cfp.Action) (*cfp.Submission, *cfp.Submission) {
	t.Helper()
	s, offered, err := f.calls.Act(as(context.Background(), u), id, a)
	if err != nil {
		t.Fatalf("Act(#%d, %s) as %s: %v", id, a, u.Name, err)
	}
	return s, offered
}

func (f *cfpFixture) review(t *testing.T, u *guild.User, id int64, score int) (*cfp.Submission, bool) {
	t.Helper()
	s, updated, err := f.calls.Review(as(context.Background(), u), &cfp.Review{SubmissionID: id, Score: score})
	if err != nil {
		t.Fatalf("Review(#%d, %d) as %s: %v", id, score, u.Name, err)
	}
	return s, updated
}

func (f *cfpFixture) addReviewer(t *testing.T, call string, u *guild.User) {
	t.Helper()
	if _, err := f.calls.AddReviewer(as(context.Background(), f.olga), call, u); err != nil {
		t.Fatalf("AddReviewer(%s, %s): %v", call, u.Name, err)
	}
}

// due returns the bodies of every pending message, in the outbox's order.
func (f *cfpFixture) due(t *testing.T) []string {
	t.Helper()
	ms, err := f.outbox.Due(context.Background(), farFuture, 0)
	if err != nil {
		t.Fatalf("Due: %v", err)
	}
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Body)
	}
	return out
}

// allStates lists every state, withdrawn included.
var allStates = []cfp.State{cfp.Submitted, cfp.Withdrawn, cfp.Accepted, cfp.Rejected, cfp.Backup, cfp.Offered, cfp.Confirmed, cfp.Declined}

// states describes every submission of call as Olga sees it, by id:
// "#1 accepted notified".
func (f *cfpFixture) states(t *testing.T, call string) []string {
	t.Helper()
	subs, _, err := f.calls.FindSubmissions(as(context.Background(), f.olga), cfp.Filter{Call: call, States: allStates})
	if err != nil {
		t.Fatalf("FindSubmissions(%s): %v", call, err)
	}
	byID := map[int64]string{}
	var ids []int64
	for _, s := range subs {
		d := s.Ref() + " " + string(s.State)
		if s.Notified {
			d += " notified"
		}
		byID[s.ID] = d
		ids = append(ids, s.ID)
	}
	out := []string{}
	for id := int64(1); len(out) < len(ids); id++ {
		if d, ok := byID[id]; ok {
			out = append(out, d)
		}
	}
	return out
}

// rows counts the rows of the tables a change writes, read straight from
// the file.
func (f *cfpFixture) rows(t *testing.T) map[string]int {
	t.Helper()
	raw := rawDB(t, f.path)
	out := map[string]int{}
	for _, table := range []string{"submissions", "submission_speakers", "submission_changes", "reviews", "call_reviewers", "outbox"} {
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}

// refs lists the submissions' refs in order.
func refs(subs []*cfp.Submission) []string {
	out := []string{}
	for _, s := range subs {
		out = append(out, s.Ref())
	}
	return out
}

// speakerNames lists a submission's speakers as "Name (Department/Team)",
// lead first.
func speakerNames(s *cfp.Submission) []string {
	out := []string{}
	for _, sp := range s.Speakers {
		out = append(out, fmt.Sprintf("%s (%s/%s)", sp.User.Name, sp.Department, sp.Team))
	}
	return out
}

func TestOpenDatedCall(t *testing.T) {
	f := newCFPFixture(t)
	e := f.event(t, "DevDay", "2026-04-15", "Europe/Paris")
	octx := as(context.Background(), f.olga)

	// The event starts at 09:00 Paris time on 15 April.
	tests := []struct {
		name   string
		call   func() *cfp.Call
		as     *guild.User
		code   string
		field  string
		substr string
	}{
		{"closes the day the event is held", func() *cfp.Call { return f.datedCall(t, "DevDay", "2026-04-15", "talk:30") },
			f.olga, guild.EINVALID, "closes", "before DevDay begins"},
		{"closes after the event", func() *cfp.Call { return f.datedCall(t, "DevDay", "2026-05-01", "talk:30") },
			f.olga, guild.EINVALID, "closes", "before DevDay begins"},
		{"closed yesterday", func() *cfp.Call { return f.datedCall(t, "DevDay", "2026-03-01", "talk:30") },
			f.olga, guild.EINVALID, "closes", "today or later"},
		{"closes at an instant already past", func() *cfp.Call {
			c := f.datedCall(t, "DevDay", "", "talk:30")
			c.ClosesAt = t0.Add(-time.Second)
			return c
		}, f.olga, guild.EINVALID, "closes", "today or later"},
		{"no closing date", func() *cfp.Call { return f.datedCall(t, "DevDay", "", "talk:30") },
			f.olga, guild.EINVALID, "closes", "closes=2026-03-18"},
		{"no formats", func() *cfp.Call {
			c := f.datedCall(t, "DevDay", "2026-03-31", "talk:30")
			c.Formats = nil
			return c
		}, f.olga, guild.EINVALID, "formats", ""},
		{"not an organiser", func() *cfp.Call { return f.datedCall(t, "DevDay", "2026-03-31", "talk:30") },
			f.ann, guild.EFORBIDDEN, "", "Only organisers"},
		{"unknown event", func() *cfp.Call {
			c := f.datedCall(t, "DevDay", "2026-03-31", "talk:30")
			c.Event = &event.Event{Name: "NoSuchDay"}
			return c
		}, f.olga, guild.ENOTFOUND, "", "NoSuchDay"},
	}
	for _, tt := range tests {
		err := f.calls.OpenCall(as(context.Background(), tt.as), tt.call())
		wantCode(t, "OpenCall("+tt.name+")", err, tt.code)
		if got := guild.ErrorField(err); got != tt.field {
			t.Errorf("OpenCall(%s) field = %q, want %q", tt.name, got, tt.field)
		}
		if !strings.Contains(guild.ErrorMessage(err), tt.substr) {
			t.Errorf("OpenCall(%s) message = %q, want it to contain %q", tt.name, guild.ErrorMessage(err), tt.substr)
		}
	}
	if _, err := f.calls.FindCall(context.Background(), "DevDay"); guild.ErrorCode(err) != guild.ENOTFOUND {
		t.Fatalf("FindCall after refused opens: %v, want ENOTFOUND", err)
	}

	// The day before the event is the last day allowed; the deadline is
	// midnight ending it in Paris, 22:00Z (summer time).
	c := f.datedCall(t, "devday", "2026-04-14", "lightning:5, talk:30")
	c.Anonymous = true
	f.open(t, c)
	wantCloses := time.Date(2026, 4, 14, 22, 0, 0, 0, time.UTC)
	if c.ID == 0 || c.Name != "DevDay" || c.Event.ID != e.ID || c.OpenedBy.ID != f.olga.ID || !c.CreatedAt.Equal(t0) {
		t.Errorf("OpenCall = {id %d, name %q, event %d, opener %v, created %v}, want {≠0, DevDay, %d, Olga, %v}",
			c.ID, c.Name, c.Event.ID, c.OpenedBy, c.CreatedAt, e.ID, t0)
	}
	got, err := f.calls.FindCall(context.Background(), "DEVDAY")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != c.ID || got.Name != "DevDay" || got.Standing() || got.Event == nil || got.Event.TZ != "Europe/Paris" {
		t.Errorf("FindCall = {id %d, name %q, standing %v, event %+v}, want {%d, DevDay, false, DevDay in Europe/Paris}", got.ID, got.Name, got.Standing(), got.Event, c.ID)
	}
	if !got.ClosesAt.Equal(wantCloses) || !got.ClosedAt.IsZero() || !got.Anonymous || got.OpenedBy.ID != f.olga.ID {
		t.Errorf("FindCall = {closes %v, closed %v, anonymous %v, opener %v}, want {%v, zero, true, Olga}", got.ClosesAt, got.ClosedAt, got.Anonymous, got.OpenedBy, wantCloses)
	}
	if want := []cfp.Format{{Name: "lightning", Minutes: 5}, {Name: "talk", Minutes: 30}}; !reflect.DeepEqual(got.Formats, want) {
		t.Errorf("FindCall formats = %+v, want %+v", got.Formats, want)
	}

	err = f.calls.OpenCall(octx, f.datedCall(t, "DevDay", "2026-04-01", "talk:45"))
	wantCode(t, "OpenCall while it is open", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "already open until Tuesday 14 April 2026") {
		t.Errorf("second OpenCall message = %q, want it to say it is open until Tuesday 14 April 2026", msg)
	}
	if got, _ := f.calls.FindCall(context.Background(), "DevDay"); !got.ClosesAt.Equal(wantCloses) || len(got.Formats) != 2 {
		t.Errorf("after a refused second open: closes %v, %d formats; want it unchanged", got.ClosesAt, len(got.Formats))
	}
	_, err = f.calls.FindCall(context.Background(), "Nowhere")
	wantCode(t, "FindCall(unknown)", err, guild.ENOTFOUND)
}

func TestOpenStandingCall(t *testing.T) {
	f := newCFPFixture(t)
	octx := as(context.Background(), f.olga)
	if err := f.communities.CreateCommunity(as(context.Background(), f.ann), &community.Community{Name: "Test Automation"}); err != nil {
		t.Fatal(err)
	}
	fs, _ := cfp.ParseFormats("talk:30")
	c := &cfp.Call{CommunityName: "test   automation", Formats: fs, ClosesAt: t0.Add(time.Hour)}
	if err := f.calls.OpenCall(octx, c); err != nil {
		t.Fatal(err)
	}
	if !c.Standing() || c.Name != "Test Automation" || c.CommunityName != "Test Automation" || c.CommunityID == 0 || !c.ClosesAt.IsZero() {
		t.Errorf("OpenCall(standing) = {standing %v, name %q, community %q/%d, closes %v}, want a standing call for Test Automation that never closes",
			c.Standing(), c.Name, c.CommunityName, c.CommunityID, c.ClosesAt)
	}
	got, err := f.calls.FindCall(context.Background(), "Test Automation")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Standing() || got.CommunityID != c.CommunityID || got.CommunityName != "Test Automation" || !got.ClosesAt.IsZero() || got.Closed(farFuture) {
		t.Errorf("FindCall(standing) = %+v, want an open standing call for Test Automation", got)
	}

	err = f.calls.OpenCall(octx, &cfp.Call{CommunityName: "Test Automation", Formats: fs})
	wantCode(t, "OpenCall(standing) twice", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "already has a standing call") {
		t.Errorf("second standing OpenCall message = %q, want it to say there is one", msg)
	}
	err = f.calls.OpenCall(octx, &cfp.Call{CommunityName: "Nobody", Formats: fs})
	wantCode(t, "OpenCall(standing) for an unknown community", err, guild.ENOTFOUND)
	err = f.calls.OpenCall(as(context.Background(), f.ann), &cfp.Call{CommunityName: "Test Automation", Formats: fs})
	wantCode(t, "OpenCall(standing) by the coordinator", err, guild.EFORBIDDEN)
}

func TestCloseAndReopenCall(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	octx := as(context.Background(), f.olga)
	s := f.submit(t, f.ann, "DevDay", "Payments at scale", "lightning")

	_, err := f.calls.CloseCall(as(context.Background(), f.ann), "DevDay")
	wantCode(t, "CloseCall by a speaker", err, guild.EFORBIDDEN)
	_, err = f.calls.CloseCall(octx, "Nowhere")
	wantCode(t, "CloseCall(unknown)", err, guild.ENOTFOUND)

	f.now = t0.Add(2 * time.Hour)
	c, err := f.calls.CloseCall(octx, "devday")
	if err != nil {
		t.Fatal(err)
	}
	if !c.ClosedAt.Equal(f.now) {
		t.Errorf("CloseCall ClosedAt = %v, want %v", c.ClosedAt, f.now)
	}
	if got, _ := f.calls.FindCall(context.Background(), "DevDay"); !got.ClosedAt.Equal(f.now) || !got.Closed(f.now) {
		t.Errorf("FindCall after close: closed at %v, want %v", got.ClosedAt, f.now)
	}
	_, err = f.calls.CloseCall(octx, "DevDay")
	wantCode(t, "CloseCall twice", err, guild.ECONFLICT)
	err = f.calls.Submit(as(context.Background(), f.cat), "DevDay", newSubmission(f.cat, "Brand voice", "talk"))
	wantCode(t, "Submit to a closed call", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "closed on Monday 2 March 2026 at 11:00") {
		t.Errorf("Submit to a closed call message = %q, want it to say it closed on Monday 2 March 2026 at 11:00", msg)
	}

	// Reopening keeps the call and its submissions; a format in use must
	// stay on offer.
	err = f.calls.OpenCall(octx, f.datedCall(t, "DevDay", "2026-04-07", "talk:45"))
	wantCode(t, "reopen without a format in use", err, guild.EINVALID)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "lightning") {
		t.Errorf("reopen without lightning message = %q, want it to name lightning", msg)
	}
	f.now = t0.Add(3 * time.Hour)
	re := f.open(t, f.datedCall(t, "DevDay", "2026-04-07", "lightning:10, talk:45"))
	first, _ := f.calls.FindCall(context.Background(), "DevDay")
	if re.ID != first.ID || !first.ClosedAt.IsZero() || first.Closed(f.now) || !first.CreatedAt.Equal(t0) || len(first.Formats) != 2 || first.Formats[1].Minutes != 45 {
		t.Errorf("reopened call = %+v, want the same call, open, created %v, offering lightning:10 and talk:45", first, t0)
	}
	if want := time.Date(2026, 4, 8, 0, 0, 0, 0, time.UTC); !first.ClosesAt.Equal(want) {
		t.Errorf("reopened call closes at %v, want %v", first.ClosesAt, want)
	}
	f.submit(t, f.cat, "DevDay", "Brand voice", "talk")
	if got, err := f.calls.FindSubmission(as(context.Background(), f.ann), s.ID); err != nil || got.CallID != re.ID {
		t.Errorf("submission after reopen = %v, %v, want it still in the call", got, err)
	}
}

// The deadline is the midnight that ends the closing day in the event's
// zone, whatever its offset that night.
func TestCallDeadlineInEventZone(t *testing.T) {
	tests := []struct {
		closes   string
		lastOK   time.Time // the last instant a submission is taken
		deadline time.Time
		// The refusal says when the call closed, naming the zone and either
		// the day that ended or the midnight that ended it.
		lastDay, midnight string
	}{
		// Eastern standard time, UTC-5.
		{"2026-03-05", time.Date(2026, 3, 6, 4, 59, 0, 0, time.UTC), time.Date(2026, 3, 6, 5, 0, 0, 0, time.UTC),
			"end of Thursday 5 March 2026", "Friday 6 March 2026 at 00:00"},
		// The night before the clocks go forward (2am on 8 March).
		{"2026-03-07", time.Date(2026, 3, 8, 4, 59, 59, 0, time.UTC), time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC),
			"end of Saturday 7 March 2026", "Sunday 8 March 2026 at 00:00"},
		// Eastern daylight time, UTC-4.
		{"2026-03-08", time.Date(2026, 3, 9, 3, 59, 0, 0, time.UTC), time.Date(2026, 3, 9, 4, 0, 0, 0, time.UTC),
			"end of Sunday 8 March 2026", "Monday 9 March 2026 at 00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.closes, func(t *testing.T) {
			f := newCFPFixture(t)
			f.event(t, "NYC Day", "2026-04-15", "America/New_York")
			c := f.open(t, f.datedCall(t, "NYC Day", tt.closes, "talk:30"))
			got, err := f.calls.FindCall(context.Background(), "NYC Day")
			if err != nil {
				t.Fatal(err)
			}
			if !c.ClosesAt.Equal(tt.deadline) || !got.ClosesAt.Equal(tt.deadline) {
				t.Errorf("ClosesAt = %v (stored %v), want %v", c.ClosesAt, got.ClosesAt, tt.deadline)
			}

			f.now = tt.lastOK
			s := f.submit(t, f.ann, "NYC Day", "Just in time", "talk")
			if _, err := f.calls.UpdateSubmission(as(context.Background(), f.ann), s.ID, cfp.Update{Abstract: strPtr("Edited at the wire.")}); err != nil {
				t.Errorf("UpdateSubmission at %v = %v, want nil", f.now, err)
			}

			f.now = tt.deadline
			err = f.calls.Submit(as(context.Background(), f.cat), "NYC Day", newSubmission(f.cat, "Too late", "talk"))
			wantCode(t, fmt.Sprintf("Submit at %v", f.now), err, guild.ECONFLICT)
			saysWhen := func(msg, what string) bool {
				return strings.Contains(msg, "(America/New_York)") && strings.Contains(msg, what) &&
					(strings.Contains(msg, tt.lastDay) || strings.Contains(msg, tt.midnight))
			}
			if msg := guild.ErrorMessage(err); !saysWhen(msg, "submissions") {
				t.Errorf("Submit at the deadline message = %q, want it to say it closed at the %s or on %s (America/New_York)", msg, tt.lastDay, tt.midnight)
			}
			_, err = f.calls.UpdateSubmission(as(context.Background(), f.ann), s.ID, cfp.Update{Abstract: strPtr("Too late.")})
			wantCode(t, "UpdateSubmission at the deadline", err, guild.ECONFLICT)
			if msg := guild.ErrorMessage(err); !saysWhen(msg, "changes") {
				t.Errorf("UpdateSubmission at the deadline message = %q, want it to say it closed at the %s or on %s (America/New_York)", msg, tt.lastDay, tt.midnight)
			}
			if n := f.rows(t)["submissions"]; n != 1 {
				t.Errorf("%d submissions stored, want 1 (the one in time)", n)
			}
		})
	}
}

func TestSubmit(t *testing.T) {
	f := newCFPFixture(t)
	c := f.devDay(t, false)

	s := newSubmission(f.ann, "  Payments   at scale ", "Talk", f.ben, f.dan)
	s.Speakers[0] = &cfp.Speaker{User: f.cat, Department: "Forged"} // ignored: the acting user leads
	s.FirstTime = true
	if err := f.calls.Submit(as(context.Background(), f.ann), "devday", s); err != nil {
		t.Fatal(err)
	}
	if s.ID == 0 || s.CallID != c.ID || s.CallName != "DevDay" || s.Title != "Payments at scale" || s.State != cfp.Submitted || !s.CreatedAt.Equal(t0) {
		t.Errorf("Submit = {id %d, call %d %q, title %q, state %q, created %v}, want {≠0, %d DevDay, \"Payments at scale\", submitted, %v}",
			s.ID, s.CallID, s.CallName, s.Title, s.State, s.CreatedAt, c.ID, t0)
	}
	if s.Format != (cfp.Format{Name: "talk", Minutes: 30}) {
		t.Errorf("Submit format = %+v, want talk (30 min)", s.Format)
	}
	want := []string{"Ann (Engineering/Payments)", "Ben (Engineering/Search)", "Dan (Finance/)"}
	if got := speakerNames(s); !reflect.DeepEqual(got, want) {
		t.Errorf("Submit speakers = %q, want %q", got, want)
	}

	// Departments are snapshotted: a later profile change does not move the
	// talk to another department until it is saved again.
	f.ben = f.profile(t, f.ben, "Research", "Lab")
	got, err := f.calls.FindSubmission(as(context.Background(), f.ann), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if names := speakerNames(got); !reflect.DeepEqual(names, want) {
		t.Errorf("FindSubmission speakers after Ben moved = %q, want %q", names, want)
	}
	if !got.Speakers[0].Lead || got.Speakers[1].Lead || got.Lead().ID != f.ann.ID || !got.FirstTime || got.Abstract != "What   Payments   at scale  is about." {
		t.Errorf("FindSubmission = {lead flags %v/%v, lead %v, first %v, abstract %q}", got.Speakers[0].Lead, got.Speakers[1].Lead, got.Lead(), got.FirstTime, got.Abstract)
	}
	if _, err := f.calls.UpdateSubmission(as(context.Background(), f.ann), s.ID, cfp.Update{Title: strPtr("Payments at scale, again")}); err != nil {
		t.Fatal(err)
	}
	got, _ = f.calls.FindSubmission(as(context.Background(), f.ann), s.ID)
	if names := speakerNames(got); names[1] != "Ben (Research/Lab)" {
		t.Errorf("speakers after an edit = %q, want Ben's new department", names)
	}

	before := f.rows(t)
	tests := []struct {
		name   string
		as     *guild.User
		call   string // DevDay when empty
		sub    *cfp.Submission
		code   string
		field  string
		substr string
	}{
		{"no department", f.nick, "", newSubmission(f.nick, "Nick's talk", "talk"), guild.EINVALID, "", "/profile department="},
		{"unknown format", f.cat, "", newSubmission(f.cat, "Brand voice", "keynote"), guild.EINVALID, "format",
			`DevDay does not offer "keynote"; it offers lightning (5 min), talk (30 min)`},
		{"no format", f.cat, "", newSubmission(f.cat, "Brand voice", " "), guild.EINVALID, "format", "lightning (5 min), talk (30 min)"},
		{"title of 121 characters", f.cat, "", newSubmission(f.cat, strings.Repeat("é", 121), "talk"), guild.EINVALID, "title", "121 characters"},
		{"empty title", f.cat, "", newSubmission(f.cat, "   ", "talk"), guild.EINVALID, "title", ""},
		{"empty abstract", f.cat, "", &cfp.Submission{Title: "Brand voice", Format: cfp.Format{Name: "talk"}}, guild.EINVALID, "abstract", ""},
		{"lead as co-speaker", f.cat, "", newSubmission(f.cat, "Brand voice", "talk", f.cat), guild.EINVALID, "cospeakers", ""},
		{"co-speaker twice", f.cat, "", newSubmission(f.cat, "Brand voice", "talk", f.eve, f.eve), guild.EINVALID, "cospeakers", "@Eve"},
		{"five co-speakers", f.cat, "", newSubmission(f.cat, "Brand voice", "talk", f.ann, f.ben, f.dan, f.eve, f.rita), guild.EINVALID, "cospeakers", "at most 4"},
		{"unknown co-speaker", f.cat, "", newSubmission(f.cat, "Brand voice", "talk", consoleUser("Ghost")), guild.ENOTFOUND, "", ""},
		{"unknown call", f.cat, "Nowhere", newSubmission(f.cat, "Brand voice", "talk"), guild.ENOTFOUND, "", "Nowhere"},
		{"no acting user", nil, "", newSubmission(f.cat, "Brand voice", "talk"), guild.EFORBIDDEN, "", ""},
	}
	for _, tt := range tests {
		ctx := context.Background()
		if tt.as != nil {
			ctx = as(ctx, tt.as)
		}
		call := tt.call
		if call == "" {
			call = "DevDay"
		}
		err := f.calls.Submit(ctx, call, tt.sub)
		wantCode(t, "Submit("+tt.name+")", err, tt.code)
		if got := guild.ErrorField(err); got != tt.field {
			t.Errorf("Submit(%s) field = %q, want %q", tt.name, got, tt.field)
		}
		if !strings.Contains(guild.ErrorMessage(err), tt.substr) {
			t.Errorf("Submit(%s) message = %q, want it to contain %q", tt.name, guild.ErrorMessage(err), tt.substr)
		}
	}
	if after := f.rows(t); !reflect.DeepEqual(after, before) {
		t.Errorf("rows after refused submissions = %v, want %v", after, before)
	}

	// 120 characters is the limit, not over it.
	f.submit(t, f.cat, "DevDay", strings.Repeat("é", 120), "lightning")
}

func TestSubmitDuplicateTitle(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	first := f.submit(t, f.ann, "DevDay", "Payments at scale", "talk")
	for _, title := range []string{"Payments at scale", "PAYMENTS AT SCALE", "  payments  at   scale "} {
		err := f.calls.Submit(as(context.Background(), f.ann), "DevDay", newSubmission(f.ann, title, "lightning"))
		wantCode(t, fmt.Sprintf("Submit(%q) again", title), err, guild.ECONFLICT)
		if msg := guild.ErrorMessage(err); !strings.Contains(msg, first.Ref()) {
			t.Errorf("duplicate Submit message = %q, want it to name %s", msg, first.Ref())
		}
	}
	// Another speaker may use the title, and so may Ann once she withdrew.
	f.submit(t, f.cat, "DevDay", "Payments at scale", "talk")
	f.act(t, f.ann, first.ID, cfp.Withdraw)
	f.submit(t, f.ann, "DevDay", "Payments at scale", "talk")
	if n := f.rows(t)["submissions"]; n != 3 {
		t.Errorf("%d submissions stored, want 3", n)
	}
}

func TestSubmitStandingCallNeedsMembership(t *testing.T) {
	f := newCFPFixture(t)
	if err := f.communities.CreateCommunity(as(context.Background(), f.ann), &community.Community{Name: "Testers"}); err != nil {
		t.Fatal(err)
	}
	fs, _ := cfp.ParseFormats("talk:30")
	f.open(t, &cfp.Call{CommunityName: "Testers", Formats: fs})

	err := f.calls.Submit(as(context.Background(), f.cat), "Testers", newSubmission(f.cat, "Flaky tests", "talk"))
	wantCode(t, "Submit to a standing call by a non-member", err, guild.EFORBIDDEN)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "/community join Testers") {
		t.Errorf("non-member Submit message = %q, want it to say how to join", msg)
	}
	if _, err := f.communities.JoinCommunity(as(context.Background(), f.cat), "Testers"); err != nil {
		t.Fatal(err)
	}
	s := f.submit(t, f.cat, "testers", "Flaky tests", "talk")
	if s.CallName != "Testers" {
		t.Errorf("Submit to a standing call: call %q, want Testers", s.CallName)
	}
	f.submit(t, f.ann, "Testers", "Mutation testing", "talk") // the coordinator is a member
}

func TestSubmissionVisibilityDatedCall(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	f.addReviewer(t, "DevDay", f.rita)
	a := f.submit(t, f.ann, "DevDay", "Payments at scale", "talk", f.ben)
	c := f.submit(t, f.cat, "DevDay", "Brand voice", "talk")

	tests := []struct {
		who  *guild.User
		sees []string
	}{
		{f.ann, []string{a.Ref()}},
		{f.ben, []string{a.Ref()}}, // a co-speaker
		{f.cat, []string{c.Ref()}},
		{f.dan, []string{}},
		{f.olga, []string{a.Ref(), c.Ref()}},
		{f.rita, []string{a.Ref(), c.Ref()}},
	}
	for _, tt := range tests {
		ctx := as(context.Background(), tt.who)
		subs, total, err := f.calls.FindSubmissions(ctx, cfp.Filter{Call: "DevDay"})
		if err != nil {
			t.Fatalf("FindSubmissions as %s: %v", tt.who.Name, err)
		}
		if got := refs(subs); !reflect.DeepEqual(got, tt.sees) || total != len(tt.sees) {
			t.Errorf("FindSubmissions as %s = %q (total %d), want %q", tt.who.Name, got, total, tt.sees)
		}
		for _, s := range []*cfp.Submission{a, c} {
			visible := false
			for _, r := range tt.sees {
				visible = visible || r == s.Ref()
			}
			got, err := f.calls.FindSubmission(ctx, s.ID)
			switch {
			case visible && err != nil:
				t.Errorf("FindSubmission(%s) as %s = %v, want it", s.Ref(), tt.who.Name, err)
			case visible && (got.ID != s.ID || got.Anonymous || len(got.Speakers) == 0):
				t.Errorf("FindSubmission(%s) as %s = {id %d, anonymous %v, speakers %q}, want it with its speakers", s.Ref(), tt.who.Name, got.ID, got.Anonymous, speakerNames(got))
			case !visible:
				wantCode(t, fmt.Sprintf("FindSubmission(%s) as %s", s.Ref(), tt.who.Name), err, guild.ENOTFOUND)
			}
		}
	}
	_, err := f.calls.FindSubmission(as(context.Background(), f.olga), 999)
	wantCode(t, "FindSubmission(999)", err, guild.ENOTFOUND)
	_, err = f.calls.FindSubmission(context.Background(), a.ID)
	wantCode(t, "FindSubmission with no acting user", err, guild.EFORBIDDEN)

	// Mine lists the reader's talks in every call, newest first.
	mine, _, err := f.calls.FindSubmissions(as(context.Background(), f.ben), cfp.Filter{Mine: true})
	if err != nil || !reflect.DeepEqual(refs(mine), []string{a.Ref()}) {
		t.Errorf("FindSubmissions(mine) as Ben = %q, %v, want [%s]", refs(mine), err, a.Ref())
	}
}

func TestSubmissionVisibilityStandingCall(t *testing.T) {
	f := newCFPFixture(t)
	if err := f.communities.CreateCommunity(as(context.Background(), f.ann), &community.Community{Name: "Testers"}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []*guild.User{f.cat, f.eve} {
		if _, err := f.communities.JoinCommunity(as(context.Background(), u), "Testers"); err != nil {
			t.Fatal(err)
		}
	}
	fs, _ := cfp.ParseFormats("talk:30")
	f.open(t, &cfp.Call{CommunityName: "Testers", Formats: fs})
	a := f.submit(t, f.ann, "Testers", "Mutation testing", "talk")
	c := f.submit(t, f.cat, "Testers", "Flaky tests", "talk")
	all := []string{a.Ref(), c.Ref()}

	for _, u := range []*guild.User{f.ann, f.cat, f.eve, f.olga} {
		subs, total, err := f.calls.FindSubmissions(as(context.Background(), u), cfp.Filter{Call: "Testers"})
		if err != nil || !reflect.DeepEqual(refs(subs), all) || total != 2 {
			t.Errorf("FindSubmissions(Testers) as %s = %q (total %d), %v, want %q", u.Name, refs(subs), total, err, all)
		}
		if got, err := f.calls.FindSubmission(as(context.Background(), u), c.ID); err != nil || got.Lead().ID != f.cat.ID {
			t.Errorf("FindSubmission(%s) as %s = %v, want Cat's proposal with its speaker", c.Ref(), u.Name, err)
		}
	}
	subs, total, err := f.calls.FindSubmissions(as(context.Background(), f.dan), cfp.Filter{Call: "Testers"})
	if err != nil || len(subs) != 0 || total != 0 {
		t.Errorf("FindSubmissions(Testers) as a non-member = %q (total %d), %v, want none", refs(subs), total, err)
	}
	_, err = f.calls.FindSubmission(as(context.Background(), f.dan), a.ID)
	wantCode(t, "FindSubmission by a non-member", err, guild.ENOTFOUND)
}

func TestAnonymousCall(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, true)
	f.addReviewer(t, "DevDay", f.rita)
	f.addReviewer(t, "DevDay", f.ben)
	a := f.submit(t, f.ann, "DevDay", "Payments at scale", "talk", f.ben)
	c := f.submit(t, f.cat, "DevDay", "Brand voice", "talk")

	tests := []struct {
		who    *guild.User
		hidden map[int64]bool // the submissions whose speakers are hidden
	}{
		{f.olga, map[int64]bool{}},
		{f.rita, map[int64]bool{a.ID: true, c.ID: true}},
		{f.ben, map[int64]bool{c.ID: true}}, // a reviewer sees the speakers of their own talk
		{f.ann, map[int64]bool{}},
	}
	for _, tt := range tests {
		ctx := as(context.Background(), tt.who)
		subs, _, err := f.calls.FindSubmissions(ctx, cfp.Filter{Call: "DevDay"})
		if err != nil {
			t.Fatal(err)
		}
		if len(subs) == 0 {
			t.Fatalf("FindSubmissions as %s = none", tt.who.Name)
		}
		for _, s := range subs {
			one, err := f.calls.FindSubmission(ctx, s.ID)
			if err != nil {
				t.Fatalf("FindSubmission(%s) as %s: %v", s.Ref(), tt.who.Name, err)
			}
			for _, got := range []*cfp.Submission{s, one} {
				hidden := tt.hidden[s.ID]
				if got.Anonymous != hidden || (len(got.Speakers) == 0) != hidden {
					t.Errorf("%s as %s: anonymous %v with speakers %q, want anonymous %v", s.Ref(), tt.who.Name, got.Anonymous, speakerNames(got), hidden)
				}
			}
		}
	}

	// Reviewing does not reveal the speakers either.
	got, _ := f.review(t, f.rita, a.ID, 4)
	if !got.Anonymous || len(got.Speakers) != 0 {
		t.Errorf("Review as Rita returned speakers %q, anonymous %v; want them hidden", speakerNames(got), got.Anonymous)
	}
}

// A page past the end still reports how many submissions match.
func TestFindSubmissionsPages(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	var all []string
	for i := range 5 {
		all = append(all, f.submit(t, f.ann, "DevDay", fmt.Sprintf("Talk %d", i), "talk").Ref())
	}
	tests := []struct {
		offset, limit int
		want          []string
	}{
		{0, 0, all},
		{0, 2, all[:2]},
		{2, 2, all[2:4]},
		{4, 2, all[4:]},
		{3, 0, all[3:]},
		{5, 2, []string{}},
		{10, 2, []string{}},
		{10, 0, []string{}},
		{-3, 0, all},
		{-3, 2, all[:2]},
	}
	for _, tt := range tests {
		subs, total, err := f.calls.FindSubmissions(as(context.Background(), f.olga), cfp.Filter{Call: "DevDay", Offset: tt.offset, Limit: tt.limit})
		if err != nil {
			t.Fatal(err)
		}
		if got := refs(subs); !reflect.DeepEqual(got, tt.want) || total != 5 {
			t.Errorf("FindSubmissions(offset %d, limit %d) = %q, total %d; want %q, total 5", tt.offset, tt.limit, got, total, tt.want)
		}
	}
	// /cfp mine page=3 with ten to a page, for a speaker with five talks.
	subs, total, err := f.calls.FindSubmissions(as(context.Background(), f.ann), cfp.Filter{Mine: true, Offset: 20, Limit: 10})
	if err != nil || len(subs) != 0 || total != 5 {
		t.Errorf("FindSubmissions(mine, page 3) = %q, total %d, %v; want none, total 5", refs(subs), total, err)
	}
}

func TestUpdateSubmission(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	s := f.submit(t, f.ann, "DevDay", "Payments at scale", "talk", f.ben)

	f.now = t0.Add(time.Hour)
	got, err := f.calls.UpdateSubmission(as(context.Background(), f.ben), s.ID, cfp.Update{Title: strPtr(" Payments   at  scale, revised "), Format: strPtr("LIGHTNING")})
	if err != nil {
		t.Fatalf("UpdateSubmission by a co-speaker: %v", err)
	}
	if got.Title != "Payments at scale, revised" || got.Format != (cfp.Format{Name: "lightning", Minutes: 5}) || !got.UpdatedAt.Equal(f.now) {
		t.Errorf("UpdateSubmission = {%q, %+v, updated %v}, want {\"Payments at scale, revised\", lightning 5, %v}", got.Title, got.Format, got.UpdatedAt, f.now)
	}
	stored, _ := f.calls.FindSubmission(as(context.Background(), f.ann), s.ID)
	if stored.Title != got.Title || stored.Format != got.Format || !stored.CreatedAt.Equal(t0) || !stored.UpdatedAt.Equal(f.now) {
		t.Errorf("stored after update = {%q, %+v, created %v, updated %v}", stored.Title, stored.Format, stored.CreatedAt, stored.UpdatedAt)
	}
	got, err = f.calls.UpdateSubmission(as(context.Background(), f.ann), s.ID, cfp.Update{CoSpeakers: &[]*guild.User{f.dan}, FirstTime: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	if names := speakerNames(got); !reflect.DeepEqual(names, []string{"Ann (Engineering/Payments)", "Dan (Finance/)"}) || !got.FirstTime {
		t.Errorf("UpdateSubmission(co-speakers) = %q, first %v; want Ann and Dan, first true", names, got.FirstTime)
	}

	before := f.rows(t)
	beforeSub, _ := f.calls.FindSubmission(as(context.Background(), f.ann), s.ID)
	tests := []struct {
		name   string
		as     *guild.User
		u      cfp.Update
		code   string
		substr string
	}{
		{"nothing", f.ann, cfp.Update{}, guild.EINVALID, "Say what to change"},
		{"format not offered", f.ann, cfp.Update{Format: strPtr("keynote")}, guild.EINVALID, "lightning (5 min), talk (30 min)"},
		{"title too long", f.ann, cfp.Update{Title: strPtr(strings.Repeat("x", 121))}, guild.EINVALID, "121"},
		{"co-speaker changes co-speakers", f.dan, cfp.Update{CoSpeakers: &[]*guild.User{f.ben}}, guild.EFORBIDDEN, "Only the lead speaker @Ann"},
		{"co-speaker changes first time", f.dan, cfp.Update{FirstTime: new(false)}, guild.EFORBIDDEN, "Only the lead speaker"},
		{"no longer a co-speaker", f.ben, cfp.Update{Title: strPtr("Mine now")}, guild.ENOTFOUND, ""},
		{"someone else", f.cat, cfp.Update{Title: strPtr("Mine now")}, guild.ENOTFOUND, ""},
		{"an organiser", f.olga, cfp.Update{Title: strPtr("Better title")}, guild.EFORBIDDEN, "Only its speakers"},
		{"five co-speakers", f.ann, cfp.Update{CoSpeakers: &[]*guild.User{f.ben, f.cat, f.dan, f.eve, f.rita}}, guild.EINVALID, "at most 4"},
	}
	for _, tt := range tests {
		_, err := f.calls.UpdateSubmission(as(context.Background(), tt.as), s.ID, tt.u)
		wantCode(t, "UpdateSubmission("+tt.name+")", err, tt.code)
		if !strings.Contains(guild.ErrorMessage(err), tt.substr) {
			t.Errorf("UpdateSubmission(%s) message = %q, want it to contain %q", tt.name, guild.ErrorMessage(err), tt.substr)
		}
	}
	after, _ := f.calls.FindSubmission(as(context.Background(), f.ann), s.ID)
	if !reflect.DeepEqual(after, beforeSub) || !reflect.DeepEqual(f.rows(t), before) {
		t.Errorf("refused updates changed the submission: %+v, want %+v", after, beforeSub)
	}

	// Once decided it is no longer edited, even while the call is open.
	f.act(t, f.olga, s.ID, cfp.Accept)
	_, err = f.calls.UpdateSubmission(as(context.Background(), f.ann), s.ID, cfp.Update{Title: strPtr("Late change")})
	wantCode(t, "UpdateSubmission of an accepted talk", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "accepted") {
		t.Errorf("UpdateSubmission of an accepted talk message = %q, want it to say accepted", msg)
	}

	// And a closed call takes no edits.
	other := f.submit(t, f.cat, "DevDay", "Brand voice", "talk")
	if _, err := f.calls.CloseCall(as(context.Background(), f.olga), "DevDay"); err != nil {
		t.Fatal(err)
	}
	_, err = f.calls.UpdateSubmission(as(context.Background(), f.cat), other.ID, cfp.Update{Title: strPtr("Brand voice 2")})
	wantCode(t, "UpdateSubmission after CloseCall", err, guild.ECONFLICT)
}

func TestReview(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	f.addReviewer(t, "DevDay", f.rita)
	f.addReviewer(t, "DevDay", f.ben)
	a := f.submit(t, f.ann, "DevDay", "Payments at scale", "talk", f.ben)
	c := f.submit(t, f.cat, "DevDay", "Brand voice", "talk")
	d := f.submit(t, f.dan, "DevDay", "Budgets", "talk")
	e := f.submit(t, f.eve, "DevDay", "Events", "talk") // never reviewed

	refusals := []struct {
		name  string
		as    *guild.User
		id    int64
		score int
		code  string
	}{
		{"lead speaker who is no reviewer", f.ann, a.ID, 5, guild.EFORBIDDEN},
		{"co-speaker reviewer reviews own", f.ben, a.ID, 5, guild.EFORBIDDEN},
		{"speaker who is no reviewer", f.cat, c.ID, 5, guild.EFORBIDDEN},
		{"member who is no reviewer", f.cat, d.ID, 3, guild.ENOTFOUND},
		{"score 0", f.rita, a.ID, 0, guild.EINVALID},
		{"score 6", f.rita, a.ID, 6, guild.EINVALID},
		{"score -1", f.olga, a.ID, -1, guild.EINVALID},
		{"unknown submission", f.olga, 999, 3, guild.ENOTFOUND},
	}
	for _, tt := range refusals {
		_, _, err := f.calls.Review(as(context.Background(), tt.as), &cfp.Review{SubmissionID: tt.id, Score: tt.score})
		wantCode(t, "Review("+tt.name+")", err, tt.code)
		if tt.code == guild.EINVALID && guild.ErrorField(err) != "score" {
			t.Errorf("Review(%s) field = %q, want score", tt.name, guild.ErrorField(err))
		}
	}
	// Even a reviewer may not review her own talk.
	f.addReviewer(t, "DevDay", f.ann)
	_, _, err := f.calls.Review(as(context.Background(), f.ann), &cfp.Review{SubmissionID: a.ID, Score: 5})
	wantCode(t, "Review of her own talk by a lead speaker who reviews", err, guild.EFORBIDDEN)
	if n := f.rows(t)["reviews"]; n != 0 {
		t.Fatalf("%d reviews stored after refusals, want 0", n)
	}

	type step struct {
		who         *guild.User
		id          int64
		score       int
		wantUpdated bool
		wantSum     int
		wantCount   int
	}
	for _, st := range []step{
		{f.rita, a.ID, 2, false, 2, 1},
		{f.olga, a.ID, 5, false, 7, 2},
		{f.rita, a.ID, 4, true, 9, 2}, // Rita changes her mind
		{f.rita, c.ID, 4, false, 4, 1},
		{f.olga, c.ID, 4, false, 8, 2},
		{f.ben, c.ID, 1, false, 9, 3},
		{f.ben, c.ID, 4, true, 12, 3},
		{f.olga, d.ID, 5, false, 5, 1},
		{f.olga, d.ID, 3, true, 3, 1},
	} {
		got, updated := f.review(t, st.who, st.id, st.score)
		if updated != st.wantUpdated || got.ScoreSum != st.wantSum || got.Reviews != st.wantCount || got.MyScore != st.score {
			t.Errorf("Review(#%d, %d) as %s = {updated %v, sum %d, count %d, mine %d}, want {%v, %d, %d, %d}",
				st.id, st.score, st.who.Name, updated, got.ScoreSum, got.Reviews, got.MyScore, st.wantUpdated, st.wantSum, st.wantCount, st.score)
		}
	}

	// a: 9/2 = 4.5, c: 12/3 = 4, d: 3/1, e: unreviewed, last.
	subs, _, err := f.calls.FindSubmissions(as(context.Background(), f.olga), cfp.Filter{Call: "DevDay"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := refs(subs), []string{a.Ref(), c.Ref(), d.Ref(), e.Ref()}; !reflect.DeepEqual(got, want) {
		t.Errorf("ranking = %q, want %q", got, want)
	}
	wantScores := map[int64][3]int{a.ID: {9, 2, 5}, c.ID: {12, 3, 4}, d.ID: {3, 1, 3}, e.ID: {0, 0, 0}}
	for _, s := range subs {
		if w := wantScores[s.ID]; s.ScoreSum != w[0] || s.Reviews != w[1] || s.MyScore != w[2] {
			t.Errorf("%s as Olga = {sum %d, reviews %d, mine %d}, want %v", s.Ref(), s.ScoreSum, s.Reviews, s.MyScore, w)
		}
	}
	if m := subs[0].Mean(); m != 4.5 {
		t.Errorf("%s mean = %v, want 4.5", a.Ref(), m)
	}
	raw := rawDB(t, f.path)
	for id, w := range wantScores {
		var sum, n int
		if err := raw.QueryRow(`SELECT coalesce(sum(score), 0), count(*) FROM reviews WHERE submission_id = ?`, id).Scan(&sum, &n); err != nil {
			t.Fatal(err)
		}
		if sum != w[0] || n != w[1] {
			t.Errorf("reviews of #%d add up to %d over %d, but the submission says %d over %d", id, sum, n, w[0], w[1])
		}
	}

	// Rita's view: her own scores, and what is left for her to review.
	subs, _, _ = f.calls.FindSubmissions(as(context.Background(), f.rita), cfp.Filter{Call: "DevDay"})
	for _, s := range subs {
		want := map[int64]int{a.ID: 4, c.ID: 4}[s.ID]
		if s.MyScore != want {
			t.Errorf("%s MyScore for Rita = %d, want %d", s.Ref(), s.MyScore, want)
		}
	}
	todo, _, _ := f.calls.FindSubmissions(as(context.Background(), f.rita), cfp.Filter{Call: "DevDay", ToReview: true})
	if got, want := refs(todo), []string{e.Ref(), d.Ref()}; !reflect.DeepEqual(got, want) {
		t.Errorf("ToReview for Rita = %q, want %q (fewest reviews first)", got, want)
	}
	todo, _, _ = f.calls.FindSubmissions(as(context.Background(), f.ben), cfp.Filter{Call: "DevDay", ToReview: true})
	if got, want := refs(todo), []string{e.Ref(), d.Ref()}; !reflect.DeepEqual(got, want) {
		t.Errorf("ToReview for Ben = %q, want %q (not his own talk)", got, want)
	}

	reviews, err := f.calls.FindReviews(as(context.Background(), f.olga), c.ID)
	if err != nil || len(reviews) != 3 {
		t.Errorf("FindReviews(%s) as Olga = %d reviews, %v; want 3", c.Ref(), len(reviews), err)
	}
	reviews, err = f.calls.FindReviews(as(context.Background(), f.rita), c.ID)
	if err != nil || len(reviews) != 1 || reviews[0].Reviewer.ID != f.rita.ID || reviews[0].Score != 4 {
		t.Errorf("FindReviews(%s) as Rita = %+v, %v; want her own review of 4", c.Ref(), reviews, err)
	}

	// Reviews are for talks still waiting for a decision.
	f.act(t, f.olga, d.ID, cfp.Reject)
	_, _, err = f.calls.Review(as(context.Background(), f.rita), &cfp.Review{SubmissionID: d.ID, Score: 2})
	wantCode(t, "Review of a rejected talk", err, guild.ECONFLICT)
}

func TestAddReviewer(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	octx := as(context.Background(), f.olga)

	c, err := f.calls.AddReviewer(octx, "devday", f.rita)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "DevDay" {
		t.Errorf("AddReviewer returned call %q, want DevDay", c.Name)
	}
	ms, err := f.outbox.Due(context.Background(), f.now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Body != "reviewer-added to Rita on -" || ms[0].To == nil || ms[0].To.ID != f.rita.ID || ms[0].Status != remind.Pending {
		t.Fatalf("outbox after AddReviewer = %+v, want one pending message to Rita", ms)
	}

	_, err = f.calls.AddReviewer(octx, "DevDay", f.rita)
	wantCode(t, "AddReviewer twice", err, guild.ECONFLICT)
	_, err = f.calls.AddReviewer(as(context.Background(), f.ann), "DevDay", f.ray)
	wantCode(t, "AddReviewer by a speaker", err, guild.EFORBIDDEN)
	_, err = f.calls.AddReviewer(octx, "Nowhere", f.ray)
	wantCode(t, "AddReviewer to an unknown call", err, guild.ENOTFOUND)
	if got := f.due(t); !reflect.DeepEqual(got, []string{"reviewer-added to Rita on -"}) {
		t.Errorf("outbox after refused AddReviewer = %q, want Rita's message alone", got)
	}

	f.addReviewer(t, "DevDay", f.ray)
	rs, err := f.calls.FindReviewers(context.Background(), "DevDay")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range rs {
		names = append(names, u.Name)
	}
	if !reflect.DeepEqual(names, []string{"Ray", "Rita"}) {
		t.Errorf("FindReviewers = %q, want [Ray Rita]", names)
	}
}

// decisionFixture opens DevDay with four talks, scored so that the ranking
// is b (5), c (3), a (2), d (unreviewed). Ann leads a with Ben.
type decisionFixture struct {
	*cfpFixture
	a, b, c, d *cfp.Submission
}

func newDecisionFixture(t *testing.T) *decisionFixture {
	f := &decisionFixture{cfpFixture: newCFPFixture(t)}
	f.devDay(t, false)
	f.a = f.submit(t, f.ann, "DevDay", "Payments at scale", "talk", f.ben)
	f.b = f.submit(t, f.cat, "DevDay", "Brand voice", "talk", f.eve)
	f.c = f.submit(t, f.dan, "DevDay", "Budgets", "lightning")
	f.d = f.submit(t, f.eve, "DevDay", "Events", "talk")
	f.review(t, f.olga, f.a.ID, 2)
	f.review(t, f.olga, f.b.ID, 5)
	f.review(t, f.olga, f.c.ID, 3)
	return f
}

func TestDecide(t *testing.T) {
	f := newDecisionFixture(t)
	octx := as(context.Background(), f.olga)

	// Only organisers decide: a speaker is told so, anyone else cannot see it.
	_, _, err := f.calls.Act(as(context.Background(), f.ann), f.a.ID, cfp.Accept)
	wantCode(t, "Accept by its lead speaker", err, guild.EFORBIDDEN)
	_, _, err = f.calls.Act(as(context.Background(), f.cat), f.a.ID, cfp.Accept)
	wantCode(t, "Accept by another speaker", err, guild.ENOTFOUND)
	f.addReviewer(t, "DevDay", f.rita)
	_, _, err = f.calls.Act(as(context.Background(), f.rita), f.a.ID, cfp.Reject)
	wantCode(t, "Reject by a reviewer", err, guild.EFORBIDDEN)

	s, offered := f.act(t, f.olga, f.a.ID, cfp.Accept)
	if s.State != cfp.Accepted || s.Notified || offered != nil {
		t.Errorf("Accept = {%s, notified %v, offered %v}, want {accepted, false, nil}", s.State, s.Notified, offered)
	}
	before := f.rows(t)
	_, _, err = f.calls.Act(octx, f.a.ID, cfp.Accept)
	wantCode(t, "Accept twice", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "already accepted") {
		t.Errorf("Accept twice message = %q, want it to say already accepted", msg)
	}
	if after := f.rows(t); !reflect.DeepEqual(after, before) {
		t.Errorf("rows after a repeated decision = %v, want %v", after, before)
	}

	// Organisers change their minds until the speakers are told.
	f.act(t, f.olga, f.a.ID, cfp.Reject)
	f.act(t, f.olga, f.a.ID, cfp.MakeBackup)
	f.act(t, f.olga, f.a.ID, cfp.Accept)
	f.act(t, f.olga, f.b.ID, cfp.MakeBackup)
	f.act(t, f.olga, f.c.ID, cfp.Reject)

	// Speakers answer only once told; co-speakers and organisers never do.
	_, _, err = f.calls.Act(as(context.Background(), f.ann), f.a.ID, cfp.Confirm)
	wantCode(t, "Confirm before notify", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "before its speaker has been told") {
		t.Errorf("Confirm before notify message = %q, want it to say the speaker has not been told", msg)
	}
	_, _, err = f.calls.Act(as(context.Background(), f.ann), f.a.ID, cfp.Decline)
	wantCode(t, "Decline before notify", err, guild.ECONFLICT)
	if _, err := f.calls.Notify(octx, "DevDay"); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name string
		as   *guild.User
		id   int64
		a    cfp.Action
		code string
	}{
		{"Reject after notify", f.olga, f.a.ID, cfp.Reject, guild.ECONFLICT},
		{"Backup after notify", f.olga, f.a.ID, cfp.MakeBackup, guild.ECONFLICT},
		{"Accept a rejected talk after notify", f.olga, f.c.ID, cfp.Accept, guild.ECONFLICT},
		{"Confirm by a co-speaker", f.ben, f.a.ID, cfp.Confirm, guild.EFORBIDDEN},
		{"Decline by a co-speaker", f.ben, f.a.ID, cfp.Decline, guild.EFORBIDDEN},
		{"Confirm by an organiser", f.olga, f.a.ID, cfp.Confirm, guild.EFORBIDDEN},
		{"Withdraw by another speaker", f.dan, f.a.ID, cfp.Withdraw, guild.ENOTFOUND},
		{"Withdraw an accepted talk", f.ann, f.a.ID, cfp.Withdraw, guild.ECONFLICT},
		{"Confirm a backup", f.cat, f.b.ID, cfp.Confirm, guild.ECONFLICT},
		{"Offer by an organiser", f.olga, f.b.ID, cfp.Offer, guild.EINTERNAL},
		{"unknown submission", f.olga, 999, cfp.Accept, guild.ENOTFOUND},
		{"no acting user", nil, f.a.ID, cfp.Accept, guild.EFORBIDDEN},
	} {
		ctx := context.Background()
		if tt.as != nil {
			ctx = as(ctx, tt.as)
		}
		_, _, err := f.calls.Act(ctx, tt.id, tt.a)
		wantCode(t, tt.name, err, tt.code)
	}
	want := []string{f.a.Ref() + " accepted notified", f.b.Ref() + " backup notified", f.c.Ref() + " rejected notified", f.d.Ref() + " submitted"}
	if got := f.states(t, "DevDay"); !reflect.DeepEqual(got, want) {
		t.Errorf("states after refused actions = %q, want %q", got, want)
	}

	// A backup may still be accepted after notify: a new decision to tell.
	s, _ = f.act(t, f.olga, f.b.ID, cfp.Accept)
	if s.State != cfp.Accepted || s.Notified {
		t.Errorf("Accept a told backup = {%s, notified %v}, want {accepted, false}", s.State, s.Notified)
	}
	s, _ = f.act(t, f.ann, f.a.ID, cfp.Confirm)
	if s.State != cfp.Confirmed {
		t.Errorf("Confirm by the lead speaker = %s, want confirmed", s.State)
	}
	s, _ = f.act(t, f.eve, f.d.ID, cfp.Withdraw)
	if s.State != cfp.Withdrawn {
		t.Errorf("Withdraw by the lead speaker = %s, want withdrawn", s.State)
	}
	if subs, _, _ := f.calls.FindSubmissions(octx, cfp.Filter{Call: "DevDay"}); len(subs) != 3 {
		t.Errorf("FindSubmissions lists %q, want the 3 not withdrawn", refs(subs))
	}
}

func TestNotify(t *testing.T) {
	f := newDecisionFixture(t)
	octx := as(context.Background(), f.olga)

	_, err := f.calls.Notify(octx, "DevDay")
	wantCode(t, "Notify with nothing decided", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "Nothing is decided") {
		t.Errorf("Notify with nothing decided message = %q", msg)
	}
	_, err = f.calls.Notify(as(context.Background(), f.ann), "DevDay")
	wantCode(t, "Notify by a speaker", err, guild.EFORBIDDEN)
	_, err = f.calls.Notify(octx, "Nowhere")
	wantCode(t, "Notify an unknown call", err, guild.ENOTFOUND)

	f.act(t, f.olga, f.a.ID, cfp.Accept)
	f.act(t, f.olga, f.b.ID, cfp.MakeBackup)
	f.act(t, f.olga, f.c.ID, cfp.Reject)
	told, err := f.calls.Notify(octx, "devday")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := refs(told), []string{f.a.Ref(), f.b.Ref(), f.c.Ref()}; !reflect.DeepEqual(got, want) {
		t.Errorf("Notify = %q, want %q", got, want)
	}
	for _, s := range told {
		if !s.Notified || len(s.Speakers) == 0 {
			t.Errorf("Notify returned %s notified %v with %d speakers, want notified with its speakers", s.Ref(), s.Notified, len(s.Speakers))
		}
	}
	want := []string{
		"accepted to Ann on " + f.a.Ref(), "accepted to Ben on " + f.a.Ref(),
		"backup to Cat on " + f.b.Ref(), "backup to Eve on " + f.b.Ref(),
		"rejected to Dan on " + f.c.Ref(),
	}
	if got := f.due(t); !reflect.DeepEqual(got, want) {
		t.Errorf("outbox after Notify = %q, want %q", got, want)
	}
	wantStates := []string{f.a.Ref() + " accepted notified", f.b.Ref() + " backup notified", f.c.Ref() + " rejected notified", f.d.Ref() + " submitted"}
	if got := f.states(t, "DevDay"); !reflect.DeepEqual(got, wantStates) {
		t.Errorf("states after Notify = %q, want %q", got, wantStates)
	}

	_, err = f.calls.Notify(octx, "DevDay")
	wantCode(t, "Notify twice", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "has been sent already") {
		t.Errorf("second Notify message = %q, want it to say everything was sent", msg)
	}
	if got := f.due(t); len(got) != len(want) {
		t.Errorf("outbox after a second Notify has %d messages, want %d", len(got), len(want))
	}

	// A new decision is told on its own.
	f.act(t, f.olga, f.d.ID, cfp.Accept)
	told, err = f.calls.Notify(octx, "DevDay")
	if err != nil || !reflect.DeepEqual(refs(told), []string{f.d.Ref()}) {
		t.Errorf("Notify after one more decision = %q, %v, want [%s]", refs(told), err, f.d.Ref())
	}
	if got := f.due(t); len(got) != len(want)+1 || got[len(got)-1] != "accepted to Eve on "+f.d.Ref() {
		t.Errorf("outbox after the second round = %q, want one more message to Eve", got)
	}
}

func TestDeclineOffersBestBackup(t *testing.T) {
	f := newDecisionFixture(t)
	octx := as(context.Background(), f.olga)
	// Rescore so that the best backup is the newest: d 4, b (5+2)/2 = 3.5,
	// c 3.
	f.addReviewer(t, "DevDay", f.rita)
	f.review(t, f.rita, f.b.ID, 2)
	f.review(t, f.olga, f.d.ID, 4)
	f.act(t, f.olga, f.a.ID, cfp.Accept)
	f.act(t, f.olga, f.b.ID, cfp.MakeBackup)
	f.act(t, f.olga, f.c.ID, cfp.MakeBackup)
	f.act(t, f.olga, f.d.ID, cfp.MakeBackup)
	if _, err := f.calls.Notify(octx, "DevDay"); err != nil {
		t.Fatal(err)
	}
	told := len(f.due(t))

	f.now = t0.Add(24 * time.Hour)
	s, offered := f.act(t, f.ann, f.a.ID, cfp.Decline)
	if s.State != cfp.Declined {
		t.Errorf("Decline = %s, want declined", s.State)
	}
	if offered == nil || offered.ID != f.d.ID || offered.State != cfp.Offered {
		t.Fatalf("Decline offered %+v, want %s (the best-scored backup) in state offered", offered, f.d.Ref())
	}
	want := []string{
		"offered to Eve on " + f.d.Ref(),
		"declined to Olga on " + f.a.Ref() + " offering " + f.d.Ref(),
	}
	if got := f.due(t)[told:]; !reflect.DeepEqual(got, want) {
		t.Errorf("messages queued by the decline = %q, want %q", got, want)
	}
	wantStates := []string{f.a.Ref() + " declined notified", f.b.Ref() + " backup notified", f.c.Ref() + " backup notified", f.d.Ref() + " offered notified"}
	if got := f.states(t, "DevDay"); !reflect.DeepEqual(got, wantStates) {
		t.Errorf("states after the decline = %q, want %q", got, wantStates)
	}
	s, _ = f.act(t, f.eve, f.d.ID, cfp.Confirm)
	if s.State != cfp.Confirmed {
		t.Errorf("Confirm an offer = %s, want confirmed", s.State)
	}

	// When the confirmed speaker drops out too, the next backup is offered,
	// to all its speakers.
	told = len(f.due(t))
	_, offered = f.act(t, f.eve, f.d.ID, cfp.Decline)
	if offered == nil || offered.ID != f.b.ID {
		t.Fatalf("second Decline offered %v, want %s", offered, f.b.Ref())
	}
	want = []string{
		"offered to Cat on " + f.b.Ref(), "offered to Eve on " + f.b.Ref(),
		"declined to Olga on " + f.d.Ref() + " offering " + f.b.Ref(),
	}
	if got := f.due(t)[told:]; !reflect.DeepEqual(got, want) {
		t.Errorf("messages queued by the second decline = %q, want %q", got, want)
	}

	// The offered backup's lead confirms; a co-speaker may not.
	_, _, err := f.calls.Act(as(context.Background(), f.eve), f.b.ID, cfp.Confirm)
	wantCode(t, "Confirm an offer by a co-speaker", err, guild.EFORBIDDEN)
	s, _ = f.act(t, f.cat, f.b.ID, cfp.Confirm)
	if s.State != cfp.Confirmed {
		t.Errorf("Confirm an offer = %s, want confirmed", s.State)
	}
	wantStates = []string{f.a.Ref() + " declined notified", f.b.Ref() + " confirmed notified", f.c.Ref() + " backup notified", f.d.Ref() + " declined notified"}
	if got := f.states(t, "DevDay"); !reflect.DeepEqual(got, wantStates) {
		t.Errorf("final states = %q, want %q", got, wantStates)
	}
}

func TestDeclineWithoutBackup(t *testing.T) {
	f := newDecisionFixture(t)
	f.act(t, f.olga, f.a.ID, cfp.Accept)
	f.act(t, f.olga, f.b.ID, cfp.Reject)
	if _, err := f.calls.Notify(as(context.Background(), f.olga), "DevDay"); err != nil {
		t.Fatal(err)
	}
	told := len(f.due(t))
	s, offered := f.act(t, f.ann, f.a.ID, cfp.Decline)
	if s.State != cfp.Declined || offered != nil {
		t.Errorf("Decline with no backup = {%s, offered %v}, want {declined, nil}", s.State, offered)
	}
	if got, want := f.due(t)[told:], []string{"declined to Olga on " + f.a.Ref() + " offering nobody"}; !reflect.DeepEqual(got, want) {
		t.Errorf("messages queued by the decline = %q, want %q", got, want)
	}
	_, _, err := f.calls.Act(as(context.Background(), f.ann), f.a.ID, cfp.Decline)
	wantCode(t, "Decline twice", err, guild.ECONFLICT)
}

// A change whose message cannot be written changes nothing.
func TestFailingComposerChangesNothing(t *testing.T) {
	f := newDecisionFixture(t)
	octx := as(context.Background(), f.olga)
	snapshot := func() ([]string, []string, map[string]int) {
		return f.states(t, "DevDay"), f.due(t), f.rows(t)
	}
	same := func(what string, states, due []string, rows map[string]int) {
		t.Helper()
		s2, d2, r2 := snapshot()
		if !reflect.DeepEqual(s2, states) {
			t.Errorf("%s: states = %q, want them unchanged: %q", what, s2, states)
		}
		if !reflect.DeepEqual(d2, due) {
			t.Errorf("%s: outbox = %q, want it unchanged: %q", what, d2, due)
		}
		if !reflect.DeepEqual(r2, rows) {
			t.Errorf("%s: rows = %v, want them unchanged: %v", what, r2, rows)
		}
	}
	internal := func(what string, err error) {
		t.Helper()
		wantCode(t, what, err, guild.EINTERNAL)
		if !errors.Is(err, errCompose) {
			t.Errorf("%s = %v, want it to wrap the composer's error", what, err)
		}
	}

	// AddReviewer.
	broken := sqlite.NewCallService(f.db, failingCompose(func(*cfp.Notice) bool { return true }))
	states, due, rows := snapshot()
	_, err := broken.AddReviewer(octx, "DevDay", f.rita)
	internal("AddReviewer with a failing composer", err)
	same("AddReviewer", states, due, rows)
	if rs, _ := f.calls.FindReviewers(context.Background(), "DevDay"); len(rs) != 0 {
		t.Errorf("reviewers after a failed AddReviewer = %d, want 0", len(rs))
	}

	// Notify fails on the last speaker, after the others were queued.
	f.act(t, f.olga, f.a.ID, cfp.Accept)
	f.act(t, f.olga, f.b.ID, cfp.MakeBackup)
	f.act(t, f.olga, f.c.ID, cfp.Reject)
	broken.Compose = failingCompose(func(n *cfp.Notice) bool { return n.Submission.ID == f.c.ID })
	states, due, rows = snapshot()
	_, err = broken.Notify(octx, "DevDay")
	internal("Notify with a failing composer", err)
	same("Notify", states, due, rows)
	if _, err := f.calls.Notify(octx, "DevDay"); err != nil {
		t.Fatalf("Notify with a working composer after a failed one: %v", err)
	}

	// A decline fails on the organisers' notice, after the backup was
	// offered and its speakers' messages queued.
	broken.Compose = failingCompose(func(n *cfp.Notice) bool { return n.Kind == cfp.NoticeDeclined })
	states, due, rows = snapshot()
	_, _, err = broken.Act(as(context.Background(), f.ann), f.a.ID, cfp.Decline)
	internal("Decline with a failing composer", err)
	same("Decline", states, due, rows)

	// With no composer at all, nothing is queued either.
	_, err = sqlite.NewCallService(f.db, nil).AddReviewer(octx, "DevDay", f.rita)
	wantCode(t, "AddReviewer with no composer", err, guild.EINTERNAL)
	same("AddReviewer with no composer", states, due, rows)
}

func TestBalance(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	octx := as(context.Background(), f.olga)
	a := f.submit(t, f.ann, "DevDay", "Payments at scale", "talk")
	b := f.submit(t, f.ben, "DevDay", "Search ranking", "lightning")
	m1 := f.submit(t, f.cat, "DevDay", "Brand voice", "talk")
	m2 := f.submit(t, f.eve, "DevDay", "Events", "talk")
	m3 := f.submit(t, f.cat, "DevDay", "Campaigns", "talk") // never reviewed
	m4 := f.submit(t, f.eve, "DevDay", "Sponsors", "talk")
	m5 := f.submit(t, f.cat, "DevDay", "Slogans", "talk") // rejected: no suggestion
	fin := f.submit(t, f.dan, "DevDay", "Budgets", "lightning")
	for id, score := range map[int64]int{m1.ID: 2, m2.ID: 5, m4.ID: 4, m5.ID: 5, fin.ID: 1} {
		f.review(t, f.olga, id, score)
	}
	f.act(t, f.olga, a.ID, cfp.Accept)
	f.act(t, f.olga, b.ID, cfp.MakeBackup)
	f.act(t, f.olga, m5.ID, cfp.Reject)
	_, err := f.calls.Balance(as(context.Background(), f.ann), "DevDay")
	wantCode(t, "Balance by a speaker", err, guild.EFORBIDDEN)
	bal, err := f.calls.Balance(octx, "DevDay")
	if err != nil {
		t.Fatal(err)
	}
	if bal.Talks != 2 || bal.Backups != 1 || bal.Speakers != 2 || bal.Experienced != 2 || bal.NoDepartment != 0 {
		t.Errorf("Balance = {talks %d, backups %d, speakers %d, experienced %d, no department %d}, want {2, 1, 2, 2, 0}",
			bal.Talks, bal.Backups, bal.Speakers, bal.Experienced, bal.NoDepartment)
	}
	if want := (cfp.Count{Name: "Engineering", Count: 2, Members: 2}); len(bal.Departments) == 0 || bal.Departments[0] != want {
		t.Errorf("Balance departments = %+v, want %+v first", bal.Departments, want)
	}
	type gap struct {
		Department  string
		Members     int
		Suggestions []string
	}
	var got []gap
	for _, g := range bal.Missing {
		got = append(got, gap{g.Department, g.Members, refs(g.Suggestions)})
	}
	want := []gap{
		{"Marketing", 2, []string{m2.Ref(), m4.Ref(), m1.Ref()}},
		{"Finance", 1, []string{fin.Ref()}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Balance missing = %+v, want %+v", got, want)
	}

	// Accepting a Marketing talk fills that gap.
	f.act(t, f.olga, m3.ID, cfp.Accept)
	bal, _ = f.calls.Balance(octx, "DevDay")
	if len(bal.Missing) != 1 || bal.Missing[0].Department != "Finance" {
		t.Errorf("Balance missing after accepting %s = %+v, want Finance alone", m3.Ref(), bal.Missing)
	}
}

func TestMove(t *testing.T) {
	f := newCFPFixture(t)
	octx := as(context.Background(), f.olga)
	if err := f.communities.CreateCommunity(as(context.Background(), f.cat), &community.Community{Name: "Testers"}); err != nil {
		t.Fatal(err)
	}
	fs, _ := cfp.ParseFormats("talk:30, workshop:90")
	standing := f.open(t, &cfp.Call{CommunityName: "Testers", Formats: fs})
	f.event(t, "DevDay", "2026-04-15", "")
	dev := f.open(t, f.datedCall(t, "DevDay", "2026-03-31", "lightning:5, talk:45"))
	f.event(t, "TinyDay", "2026-04-20", "")
	f.open(t, f.datedCall(t, "TinyDay", "2026-03-31", "lightning:5"))
	f.event(t, "PastDay", "2026-04-22", "")
	f.open(t, f.datedCall(t, "PastDay", "2026-03-31", "talk:30"))
	if _, err := f.calls.CloseCall(octx, "PastDay"); err != nil {
		t.Fatal(err)
	}

	s := f.submit(t, f.cat, "Testers", "Flaky tests", "talk")
	w := f.submit(t, f.cat, "Testers", "Test design", "workshop")
	d := f.submit(t, f.ann, "DevDay", "Payments at scale", "talk")

	refusals := []struct {
		name   string
		as     *guild.User
		id     int64
		to     string
		code   string
		substr string
	}{
		{"format not offered", f.olga, s.ID, "TinyDay", guild.EINVALID, "it offers lightning (5 min)"},
		{"workshop to DevDay", f.olga, w.ID, "DevDay", guild.EINVALID, "lightning (5 min), talk (45 min)"},
		{"closed call", f.olga, s.ID, "PastDay", guild.ECONFLICT, "closed"},
		{"same call", f.olga, s.ID, "Testers", guild.ECONFLICT, "already in"},
		{"unknown call", f.olga, s.ID, "Nowhere", guild.ENOTFOUND, ""},
		{"dated-call talk", f.olga, d.ID, "TinyDay", guild.ECONFLICT, "only proposals of a community's standing call"},
		{"by its speaker", f.cat, s.ID, "DevDay", guild.EFORBIDDEN, ""},
		{"unknown submission", f.olga, 999, "DevDay", guild.ENOTFOUND, ""},
	}
	for _, tt := range refusals {
		_, err := f.calls.Move(as(context.Background(), tt.as), tt.id, tt.to)
		wantCode(t, "Move("+tt.name+")", err, tt.code)
		if !strings.Contains(guild.ErrorMessage(err), tt.substr) {
			t.Errorf("Move(%s) message = %q, want it to contain %q", tt.name, guild.ErrorMessage(err), tt.substr)
		}
	}

	f.now = t0.Add(time.Hour)
	moved, err := f.calls.Move(octx, s.ID, "devday")
	if err != nil {
		t.Fatal(err)
	}
	if moved.CallID != dev.ID || moved.CallName != "DevDay" || moved.Format != (cfp.Format{Name: "talk", Minutes: 45}) || moved.State != cfp.Submitted {
		t.Errorf("Move = {call %d %q, format %+v, state %s}, want {%d DevDay, talk 45, submitted}", moved.CallID, moved.CallName, moved.Format, moved.State, dev.ID)
	}
	got, err := f.calls.FindSubmission(octx, s.ID)
	if err != nil || got.CallID != dev.ID || got.Format.Minutes != 45 || got.Lead().ID != f.cat.ID {
		t.Errorf("FindSubmission after Move = %+v, %v, want it in DevDay as a 45-minute talk by Cat", got, err)
	}
	if subs, _, _ := f.calls.FindSubmissions(octx, cfp.Filter{Call: "Testers"}); !reflect.DeepEqual(refs(subs), []string{w.Ref()}) {
		t.Errorf("Testers after the move lists %q, want [%s]", refs(subs), w.Ref())
	}
	_, err = f.calls.Move(octx, s.ID, "TinyDay")
	wantCode(t, "Move a moved proposal again", err, guild.ECONFLICT)
	if standing.ID == dev.ID {
		t.Fatal("the standing call and DevDay share an id")
	}
}

// Departments spelt with different case are one department, accents
// included, as guild.NameKey compares names.
func TestBalanceDepartmentSpelling(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	f.profile(t, f.rita, "Ingénierie", "")
	f.profile(t, f.ray, "INGÉNIERIE", "")
	f.profile(t, f.nick, "ingénierie", "")
	f.act(t, f.olga, f.submit(t, f.ann, "DevDay", "Payments at scale", "talk").ID, cfp.Accept)

	bal, err := f.calls.Balance(as(context.Background(), f.olga), "DevDay")
	if err != nil {
		t.Fatal(err)
	}
	members := map[string]int{}
	for _, d := range bal.Departments {
		members[guild.NameKey(d.Name)] += d.Members
	}
	want := map[string]int{"engineering": 2, "marketing": 2, "finance": 1, "ingénierie": 3}
	if !reflect.DeepEqual(members, want) {
		t.Errorf("Balance department members = %v, want %v", members, want)
	}
	var gaps []string
	for _, g := range bal.Missing {
		gaps = append(gaps, fmt.Sprintf("%s %d", guild.NameKey(g.Department), g.Members))
	}
	if want := []string{"ingénierie 3", "marketing 2", "finance 1"}; !reflect.DeepEqual(gaps, want) {
		t.Errorf("Balance missing = %q, want %q", gaps, want)
	}
}
