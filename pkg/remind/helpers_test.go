package remind_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // zones load even where the system has no zoneinfo

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// T is when every test's domain clock starts: a Monday morning.
var T = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// farFuture is late enough for every queued message to be due.
var farFuture = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

// domainClock is a settable guild.Clock: what decides what is due.
type domainClock struct {
	mu sync.Mutex
	t  time.Time
}

func newDomainClock(t time.Time) *domainClock { return &domainClock{t: t} }

// Now is the clock; pass the method value as a guild.Clock.
func (c *domainClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *domainClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// fakePacer is a manual remind.Pacer: After(d) moves its time on by d and
// returns a channel that has already fired, so a paced runner never waits.
type fakePacer struct {
	mu         sync.Mutex
	start, now time.Time
	slept      time.Duration // the sum of every After
}

func newFakePacer() *fakePacer {
	t := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	return &fakePacer{start: t, now: t}
}

func (p *fakePacer) Now() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.now
}

func (p *fakePacer) After(d time.Duration) <-chan time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	if d > 0 {
		p.now = p.now.Add(d)
		p.slept += d
	}
	ch := make(chan time.Time, 1)
	ch <- p.now
	return ch
}

// Advance moves the pacer on by d, as real time passing between rounds.
func (p *fakePacer) Advance(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.now = p.now.Add(d)
}

// Elapsed is how far the pacer has moved since it was made.
func (p *fakePacer) Elapsed() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.now.Sub(p.start)
}

// Slept is how long the runner waited on the pacer.
func (p *fakePacer) Slept() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.slept
}

var _ remind.Pacer = (*fakePacer)(nil)

// world is the domain clock and the pacer of one test, moved on together
// between rounds, as real time moves both.
type world struct {
	clock *domainClock
	pace  *fakePacer
}

func newWorld() *world { return &world{clock: newDomainClock(T), pace: newFakePacer()} }

// advanceTo moves both clocks on to t; it never moves them back.
func (w *world) advanceTo(t time.Time) {
	if d := t.Sub(w.clock.Now()); d > 0 {
		w.clock.Set(t)
		w.pace.Advance(d)
	}
}

// store is a real SQLite store whose clock is a domainClock, with Olga as
// the organiser told of dead messages.
type store struct {
	path   string
	db     *sqlite.DB
	outbox *sqlite.OutboxService
	users  *sqlite.UserService
}

// openStore opens a fresh store in a temporary directory.
func openStore(t *testing.T, clock *domainClock) *store {
	t.Helper()
	return openStoreAt(t, filepath.Join(t.TempDir(), "g.db"), clock)
}

// openStoreAt opens the store at path (another handle, when it is open
// already) and closes it when the test ends.
func openStoreAt(t *testing.T, path string, clock *domainClock) *store {
	t.Helper()
	db := sqlite.NewDB(path)
	db.Now = clock.Now
	db.Organisers = []string{"olga"}
	if err := db.Open(); err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close(%s): %v", path, err)
		}
	})
	return &store{path: path, db: db, outbox: sqlite.NewOutboxService(db, templates.Render), users: sqlite.NewUserService(db)}
}

// user resolves the console user called name.
func (s *store) user(t *testing.T, name string) *guild.User {
	t.Helper()
	u, err := s.users.Resolve(context.Background(), &guild.User{Platform: guild.PlatformConsole, PlatformID: guild.ConsoleID(name), Name: name})
	if err != nil {
		t.Fatalf("Resolve(%q): %v", name, err)
	}
	return u
}

// queue queues ms, failing the test on error.
func (s *store) queue(t *testing.T, ms ...*remind.Message) {
	t.Helper()
	if err := s.outbox.Queue(context.Background(), ms); err != nil {
		t.Fatalf("Queue(%d messages): %v", len(ms), err)
	}
}

// list lists the messages with the given statuses.
func (s *store) list(t *testing.T, statuses ...remind.Status) []*remind.Message {
	t.Helper()
	ms, err := s.outbox.List(context.Background(), remind.Filter{Statuses: statuses})
	if err != nil {
		t.Fatalf("List(%v): %v", statuses, err)
	}
	return ms
}

// byKey indexes ms by key.
func byKey(ms []*remind.Message) map[string]*remind.Message {
	out := make(map[string]*remind.Message, len(ms))
	for _, m := range ms {
		out[m.Key] = m
	}
	return out
}

// msg is a direct message to u, due at due.
func msg(key string, to *guild.User, due time.Time) *remind.Message {
	return &remind.Message{Key: key, Kind: "test", To: to, Body: "body of " + key, DueAt: due}
}

// attempt is one call of Send.
type attempt struct {
	Key, Kind, To string
	At            time.Time // the domain clock
	Pace          time.Time // the pacer
	Err           error
}

// script says how a recordingSender answers one recipient.
type script struct {
	// RateLimitUntil: a 429 with Retry-After RetryAfter while the domain
	// clock is before it.
	RateLimitUntil time.Time
	RetryAfter     time.Duration
	// FailFirst: the first FailFirst attempts fail with Err (all of them
	// when FailFirst is negative).
	FailFirst int
	Err       error
	// Permanent: every attempt fails with remind.Permanent(Err).
	Permanent bool
}

// recordingSender records every Send and answers as its scripts say, by
// the recipient's platform id (or "#channel").
type recordingSender struct {
	clock func() time.Time
	pace  func() time.Time
	// OnSend, when set, runs at the start of every Send, outside the lock.
	OnSend func(m *remind.Message)

	mu       sync.Mutex
	scripts  map[string]*script
	tries    map[string]int
	attempts []attempt
}

func newRecordingSender(w *world) *recordingSender {
	return &recordingSender{clock: w.clock.Now, pace: w.pace.Now, scripts: map[string]*script{}, tries: map[string]int{}}
}

func recipientOf(m *remind.Message) string {
	if m.To != nil {
		return m.To.PlatformID
	}
	return "#" + m.Channel
}

// Script sets how the sender answers recipient.
func (s *recordingSender) Script(recipient string, sc script) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scripts[recipient] = &sc
}

func (s *recordingSender) Send(ctx context.Context, m *remind.Message) error {
	if s.OnSend != nil {
		s.OnSend(m)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	to := recipientOf(m)
	now := s.clock()
	s.tries[to]++
	var err error
	if sc := s.scripts[to]; sc != nil {
		switch {
		case now.Before(sc.RateLimitUntil):
			err = &remind.RateLimitError{After: sc.RetryAfter}
		case sc.Permanent:
			err = remind.Permanent(sc.Err)
		case sc.FailFirst < 0 || s.tries[to] <= sc.FailFirst:
			err = sc.Err
		}
	}
	s.attempts = append(s.attempts, attempt{Key: m.Key, Kind: m.Kind, To: to, At: now, Pace: s.pace(), Err: err})
	return err
}

// Attempts returns every Send so far, in order.
func (s *recordingSender) Attempts() []attempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]attempt(nil), s.attempts...)
}

// Delivered returns the keys of the successful sends, with how many times
// each was delivered.
func (s *recordingSender) Delivered() map[string]int {
	out := map[string]int{}
	for _, a := range s.Attempts() {
		if a.Err == nil {
			out[a.Key]++
		}
	}
	return out
}

// AttemptsTo returns the Sends to recipient, in order.
func (s *recordingSender) AttemptsTo(recipient string) []attempt {
	var out []attempt
	for _, a := range s.Attempts() {
		if a.To == recipient {
			out = append(out, a)
		}
	}
	return out
}

// checkingSender is a recordingSender that is also a remind.Checker,
// answering Delivered with delivered and err, and recording the keys
// checked.
type checkingSender struct {
	*recordingSender
	delivered bool
	err       error

	mu      sync.Mutex
	checked []string
}

func (c *checkingSender) Delivered(ctx context.Context, m *remind.Message) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.checked = append(c.checked, m.Key)
	return c.delivered, c.err
}

func (c *checkingSender) Checked() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.checked...)
}

var (
	_ remind.Sender  = (*recordingSender)(nil)
	_ remind.Checker = (*checkingSender)(nil)
)

// errBoom is what a failing sender returns.
var errBoom = errors.New("boom: platform unavailable")

// round is what one Tick of drain did.
type round struct {
	At    time.Time
	Stats remind.Stats
}

// drain ticks r until nothing it can send is pending, moving both clocks
// on to the outbox's next due time between ticks. It fails the test after
// maxRounds.
func drain(t *testing.T, r *remind.Runner, w *world, maxRounds int) []round {
	t.Helper()
	ctx := context.Background()
	var rounds []round
	for i := 0; ; i++ {
		if i == maxRounds {
			t.Fatalf("still pending after %d rounds", maxRounds)
		}
		st, err := r.Tick(ctx)
		if err != nil {
			t.Fatalf("Tick %d at %v: %v", i, w.clock.Now(), err)
		}
		rounds = append(rounds, round{At: w.clock.Now(), Stats: st})
		next, ok, err := r.Outbox.NextDue(ctx, r.Platforms())
		if err != nil {
			t.Fatalf("NextDue: %v", err)
		}
		if !ok {
			return rounds
		}
		w.advanceTo(next)
	}
}

// total adds up the stats of rounds.
func total(rounds []round) remind.Stats {
	var st remind.Stats
	for _, r := range rounds {
		st.Add(r.Stats)
	}
	return st
}

// keys returns n keys "prefix-000".
func keys(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%03d", prefix, i)
	}
	return out
}
