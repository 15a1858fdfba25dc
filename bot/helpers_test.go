package bot_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// now is the pinned time every bot test runs at: Tuesday 24 November 2026.
var now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// env is a bot on a fresh database.
type env struct {
	t     *testing.T
	bot   *bot.Bot
	db    *sqlite.DB
	users *sqlite.UserService
	log   *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newEnv(t testing.TB, organisers ...string) *env {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "guildhall.db"))
	db.Now = guild.FixedClock(now)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	users := sqlite.NewUserService(db)
	users.Organisers = organisers
	log := &syncBuffer{}
	b := bot.New(bot.Services{Users: users, Communities: sqlite.NewCommunityService(db),
		Events: sqlite.NewEventService(db), Calls: sqlite.NewCallService(db, templates.Compose),
		Mentors: sqlite.NewMentorService(db, templates.Render), Schedules: sqlite.NewScheduleService(db, templates.Render),
		Surveys: sqlite.NewSurveyService(db, templates.Render),
		Health:  sqlite.NewHealthService(db, templates.Render),
		Inbox:   sqlite.NewInboxService(db)}, db.Now,
		slog.New(slog.NewTextHandler(log, nil)))
	tt, _ := t.(*testing.T)
	return &env{t: tt, bot: b, db: db, users: users, log: log}
}

// do runs line as user and fails the test unless it succeeds.
func (e *env) do(user, line string) *bot.Response {
	e.t.Helper()
	r := e.bot.Handle(context.Background(), bot.Message{From: console.Identity(user), Text: line})
	if r.Refused {
		e.t.Fatalf("%s: %s\nrefused: %s", user, line, r.Text)
	}
	return r
}

// refuse runs line as user and fails the test unless it is refused with
// a reply containing every one of wants.
func (e *env) refuse(user, line string, wants ...string) *bot.Response {
	e.t.Helper()
	r := e.bot.Handle(context.Background(), bot.Message{From: console.Identity(user), Text: line})
	if !r.Refused {
		e.t.Fatalf("%s: %s\ngot success: %s\nwant a refusal", user, line, r.Text)
	}
	for _, w := range wants {
		if !strings.Contains(r.Text, w) {
			e.t.Errorf("%s: %s\nreply:\n%s\nwant it to contain %q", user, line, r.Text, w)
		}
	}
	return r
}

func contains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s:\n%s\nwant it to contain %q", what, got, w)
		}
	}
}

func lacks(t *testing.T, what, got string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			t.Errorf("%s:\n%s\nwant it not to contain %q", what, got, w)
		}
	}
}

// clock is a clock a test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// timedEnv is a bot on a fresh database whose clock the test moves, with
// every service, the reminders that fire as time passes and the outbox
// they fill.
type timedEnv struct {
	*env
	clock     *clock
	reminders *sqlite.ReminderService
	outbox    *sqlite.OutboxService
}

func newTimedEnv(t testing.TB, organisers ...string) *timedEnv {
	t.Helper()
	c := &clock{t: now}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "guildhall.db"))
	db.Now = c.Now
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	users := sqlite.NewUserService(db)
	users.Organisers = organisers
	log := &syncBuffer{}
	b := bot.New(bot.Services{Users: users, Communities: sqlite.NewCommunityService(db),
		Events: sqlite.NewEventService(db), Calls: sqlite.NewCallService(db, templates.Compose),
		Mentors: sqlite.NewMentorService(db, templates.Render), Schedules: sqlite.NewScheduleService(db, templates.Render),
		Surveys: sqlite.NewSurveyService(db, templates.Render), Health: sqlite.NewHealthService(db, templates.Render),
		Inbox: sqlite.NewInboxService(db)}, c.Now, slog.New(slog.NewTextHandler(log, nil)))
	tt, _ := t.(*testing.T)
	return &timedEnv{env: &env{t: tt, bot: b, db: db, users: users, log: log}, clock: c,
		reminders: sqlite.NewReminderService(db, templates.Render), outbox: sqlite.NewOutboxService(db, templates.Render)}
}

// at moves the clock to t and fires the reminders due then, as guildhall
// tick does.
func (e *timedEnv) at(t time.Time) error {
	e.clock.set(t)
	_, err := e.reminders.Fire(context.Background(), t)
	return err
}

// run runs line as user and fails tb unless it succeeds; unlike do, it
// serves benchmarks too.
func (e *timedEnv) run(tb testing.TB, user, line string) *bot.Response {
	tb.Helper()
	r := e.bot.Handle(context.Background(), bot.Message{From: console.Identity(user), Text: line})
	if r.Refused {
		tb.Fatalf("%s: %s: %s", user, line, r.Text)
	}
	return r
}
