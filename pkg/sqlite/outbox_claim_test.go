package sqlite_test

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// settableClock is a guild.Clock a test moves by hand.
type settableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *settableClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *settableClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// deliveryStore is a store whose clock is clock, with Olga as the
// organiser told of dead messages.
type deliveryStore struct {
	path      string
	clock     *settableClock
	db        *sqlite.DB
	users     *sqlite.UserService
	outbox    *sqlite.OutboxService
	reminders *sqlite.ReminderService
	olga      *guild.User
}

func newDeliveryStore(t *testing.T) *deliveryStore {
	t.Helper()
	s := &deliveryStore{path: filepath.Join(t.TempDir(), "g.db"), clock: &settableClock{t: t0}}
	s.db = sqlite.NewDB(s.path)
	s.db.Now = s.clock.Now
	s.db.Organisers = []string{"olga"}
	if err := s.db.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	s.users = sqlite.NewUserService(s.db)
	s.outbox = sqlite.NewOutboxService(s.db, templates.Render)
	s.reminders = sqlite.NewReminderService(s.db, templates.Render)
	s.olga = mustUser(t, s.users, "olga")
	return s
}

// resolve resolves u, failing the test on error.
func (s *deliveryStore) resolve(t *testing.T, u *guild.User) *guild.User {
	t.Helper()
	got, err := s.users.Resolve(context.Background(), u)
	if err != nil {
		t.Fatalf("Resolve(%+v): %v", u, err)
	}
	return got
}

func (s *deliveryStore) queue(t *testing.T, ms ...*remind.Message) {
	t.Helper()
	if err := s.outbox.Queue(context.Background(), ms); err != nil {
		t.Fatalf("Queue: %v", err)
	}
}

func (s *deliveryStore) claim(t *testing.T, now time.Time, platforms []string, limit int, lease time.Duration) []*remind.Message {
	t.Helper()
	ms, err := s.outbox.Claim(context.Background(), now, platforms, limit, lease)
	if err != nil {
		t.Fatalf("Claim(%v, %v): %v", now, platforms, err)
	}
	return ms
}

func (s *deliveryStore) list(t *testing.T, f remind.Filter) []*remind.Message {
	t.Helper()
	ms, err := s.outbox.List(context.Background(), f)
	if err != nil {
		t.Fatalf("List(%+v): %v", f, err)
	}
	return ms
}

// message returns the stored message with key, whatever its status.
func (s *deliveryStore) message(t *testing.T, key string) *remind.Message {
	t.Helper()
	for _, m := range s.list(t, remind.Filter{Statuses: []remind.Status{remind.Pending, remind.Sent, remind.Dead}}) {
		if m.Key == key {
			return m
		}
	}
	t.Fatalf("no message %s", key)
	return nil
}

func (s *deliveryStore) nextDue(t *testing.T, platforms ...string) (time.Time, bool) {
	t.Helper()
	at, ok, err := s.outbox.NextDue(context.Background(), platforms)
	if err != nil {
		t.Fatalf("NextDue(%v): %v", platforms, err)
	}
	return at, ok
}

func messageKeys(ms []*remind.Message) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Key)
	}
	return out
}

func dm(key string, to *guild.User, due time.Time) *remind.Message {
	return &remind.Message{Key: key, Kind: "test", To: to, Body: "about " + key, DueAt: due}
}

func TestOutboxClaimByPlatform(t *testing.T) {
	tests := []struct {
		platforms []string
		want      []string
	}{
		{[]string{"console"}, []string{"ann-1"}},
		{[]string{"slack"}, []string{"sam-1", "general-1"}},
		{[]string{"console", "slack"}, []string{"ann-1", "sam-1", "general-1"}},
		{[]string{"discord"}, []string{}},
		{nil, []string{}},
	}
	for _, tt := range tests {
		s := newDeliveryStore(t)
		ann := mustUser(t, s.users, "ann")
		sam := s.resolve(t, &guild.User{Platform: guild.PlatformSlack, PlatformID: "U123", Name: "Sam"})
		s.queue(t, dm("ann-1", ann, t0), dm("sam-1", sam, t0.Add(time.Minute)),
			&remind.Message{Key: "general-1", Platform: guild.PlatformSlack, Channel: "general", Body: "hello all", DueAt: t0.Add(2 * time.Minute)})

		got := s.claim(t, t0.Add(time.Hour), tt.platforms, 0, time.Minute)
		if keys := messageKeys(got); !slices.Equal(keys, tt.want) {
			t.Errorf("Claim(%q) = %q, want %q", tt.platforms, keys, tt.want)
		}
		for _, m := range got {
			if !slices.Contains(tt.platforms, m.Platform) {
				t.Errorf("Claim(%q) gave %s for platform %q", tt.platforms, m.Key, m.Platform)
			}
		}
		if _, ok := s.nextDue(t, "discord"); ok {
			t.Errorf("NextDue(discord) found a message, want none")
		}
	}
}

// A claimed row is not claimed again while its lease holds; after it, the
// next claim takes it in flight, under a new token.
func TestOutboxLease(t *testing.T) {
	s := newDeliveryStore(t)
	ann := mustUser(t, s.users, "ann")
	s.queue(t, dm("ann-1", ann, t0), dm("ann-2", ann, t0.Add(time.Minute)), dm("ann-3", ann, t0.Add(2*time.Minute)))
	console := []string{"console"}

	// Oldest due first, up to the limit.
	first := s.claim(t, t0.Add(time.Hour), console, 2, 10*time.Minute)
	if keys := messageKeys(first); !slices.Equal(keys, []string{"ann-1", "ann-2"}) {
		t.Fatalf("Claim(limit 2) = %q, want [ann-1 ann-2]", keys)
	}
	m := first[0]
	if m.InFlight || m.Claim == "" || !m.LeaseUntil.Equal(t0.Add(time.Hour+10*time.Minute)) {
		t.Errorf("first claim: InFlight %t, Claim %q, LeaseUntil %v, want false, a token, %v", m.InFlight, m.Claim, m.LeaseUntil, t0.Add(time.Hour+10*time.Minute))
	}
	if first[1].Claim != m.Claim {
		t.Errorf("one claim gave tokens %q and %q, want one token", m.Claim, first[1].Claim)
	}

	leaseEnd := t0.Add(time.Hour + 10*time.Minute)
	// The next claim takes only the row not leased.
	rest := s.claim(t, t0.Add(time.Hour), console, 0, time.Minute)
	if keys := messageKeys(rest); !slices.Equal(keys, []string{"ann-3"}) {
		t.Fatalf("Claim while ann-1 and ann-2 are leased = %q, want [ann-3]", keys)
	}
	if err := s.outbox.Sent(context.Background(), rest[0]); err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{t0.Add(time.Hour + 5*time.Minute), leaseEnd.Add(-time.Nanosecond)} {
		if got := s.claim(t, at, console, 0, time.Minute); len(got) != 0 {
			t.Errorf("Claim at %v = %q, want nothing: the lease holds until %v", at, messageKeys(got), leaseEnd)
		}
	}

	again := s.claim(t, leaseEnd, console, 0, time.Minute)
	if keys := messageKeys(again); !slices.Equal(keys, []string{"ann-1", "ann-2"}) {
		t.Fatalf("Claim at the end of the lease = %q, want [ann-1 ann-2]", keys)
	}
	for _, m2 := range again {
		if !m2.InFlight {
			t.Errorf("%s reclaimed with InFlight false, want true: the earlier claim ended without an outcome", m2.Key)
		}
		if m2.Claim == m.Claim || m2.Claim == "" {
			t.Errorf("%s reclaimed under token %q, want a new one (was %q)", m2.Key, m2.Claim, m.Claim)
		}
	}
	// The first claim lost the rows.
	wantCode(t, "Sent under the lost claim", s.outbox.Sent(context.Background(), m), guild.ECONFLICT)
	if err := s.outbox.Sent(context.Background(), again[0]); err != nil {
		t.Fatalf("Sent under the new claim: %v", err)
	}
	// A sent message cannot be settled again, even under its own claim.
	wantCode(t, "Sent twice", s.outbox.Sent(context.Background(), again[0]), guild.ECONFLICT)
	if got := s.message(t, "ann-1"); got.Status != remind.Sent || got.Attempts != 1 || got.Claim != "" || !got.LeaseUntil.IsZero() {
		t.Errorf("ann-1 = {%s, %d attempts, claim %q, lease %v}, want {sent, 1, \"\", zero}", got.Status, got.Attempts, got.Claim, got.LeaseUntil)
	}
}

// Defer gives a message back without counting an attempt; Retry counts
// one. Either way the claim ends, so the next claim is not in flight.
func TestOutboxDeferAndRetry(t *testing.T) {
	tests := []struct {
		name         string
		settle       func(o *sqlite.OutboxService, m *remind.Message, at time.Time) error
		wantAttempts int
		wantError    string
	}{
		{"Defer", func(o *sqlite.OutboxService, m *remind.Message, at time.Time) error {
			return o.Defer(context.Background(), m, at, "")
		}, 0, "earlier failure"},
		{"Defer with a reason", func(o *sqlite.OutboxService, m *remind.Message, at time.Time) error {
			return o.Defer(context.Background(), m, at, "rate limited")
		}, 0, "rate limited"},
		{"Retry", func(o *sqlite.OutboxService, m *remind.Message, at time.Time) error {
			return o.Retry(context.Background(), m, at, "timeout")
		}, 1, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newDeliveryStore(t)
			s.queue(t, dm("ann-1", mustUser(t, s.users, "ann"), t0))
			console := []string{"console"}
			// An earlier failure leaves an attempt and an error behind.
			m := s.claim(t, t0, console, 0, time.Minute)[0]
			if err := s.outbox.Retry(context.Background(), m, t0, "earlier failure"); err != nil {
				t.Fatal(err)
			}
			m = s.claim(t, t0, console, 0, time.Minute)[0]

			at := t0.Add(time.Hour)
			if err := tt.settle(s.outbox, m, at); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			got := s.message(t, "ann-1")
			if got.Status != remind.Pending || got.Attempts != 1+tt.wantAttempts || got.LastError != tt.wantError ||
				!got.NextAttemptAt.Equal(at) || got.Claim != "" || !got.DueAt.Equal(t0) {
				t.Errorf("after %s: {%s, %d attempts, %q, next %v, claim %q, due %v}, want {pending, %d, %q, %v, \"\", %v}",
					tt.name, got.Status, got.Attempts, got.LastError, got.NextAttemptAt, got.Claim, got.DueAt,
					1+tt.wantAttempts, tt.wantError, at, t0)
			}
			if early := s.claim(t, at.Add(-time.Nanosecond), console, 0, time.Minute); len(early) != 0 {
				t.Errorf("Claim before the new attempt time = %q, want none", messageKeys(early))
			}
			if next, ok := s.nextDue(t, "console"); !ok || !next.Equal(at) {
				t.Errorf("NextDue = %v, %t, want %v", next, ok, at)
			}
			back := s.claim(t, at, console, 0, time.Minute)
			if len(back) != 1 || back[0].InFlight {
				t.Errorf("Claim at the new attempt time = %d messages (in flight %t), want ann-1, not in flight", len(back), len(back) == 1 && back[0].InFlight)
			}
		})
	}
}

// NextDue counts a leased row from the end of its lease, and ignores sent
// and dead rows.
func TestOutboxNextDueLeased(t *testing.T) {
	s := newDeliveryStore(t)
	ann := mustUser(t, s.users, "ann")
	console := []string{"console"}
	if _, ok := s.nextDue(t, "console"); ok {
		t.Errorf("NextDue of an empty outbox found a message, want none")
	}
	s.queue(t, dm("ann-1", ann, t0))
	if next, ok := s.nextDue(t, "console"); !ok || !next.Equal(t0) {
		t.Errorf("NextDue = %v, %t, want %v", next, ok, t0)
	}
	s.claim(t, t0, console, 0, 20*time.Minute)
	if next, ok := s.nextDue(t, "console"); !ok || !next.Equal(t0.Add(20*time.Minute)) {
		t.Errorf("NextDue of a leased row = %v, %t, want its lease end %v", next, ok, t0.Add(20*time.Minute))
	}
	s.queue(t, dm("ann-2", ann, t0.Add(10*time.Minute)))
	if next, ok := s.nextDue(t, "console"); !ok || !next.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("NextDue = %v, %t, want %v (the unleased row, before the lease ends)", next, ok, t0.Add(10*time.Minute))
	}
	for _, m := range s.claim(t, t0.Add(time.Hour), console, 0, time.Minute) {
		if err := s.outbox.Sent(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	if next, ok := s.nextDue(t, "console"); ok {
		t.Errorf("NextDue after sending everything = %v, want none", next)
	}
}

// List shows pending messages by next attempt, then dead ones, the most
// recently queued first; OnlyLate keeps pending messages due more than
// LateAfter ago.
func TestOutboxList(t *testing.T) {
	s := newDeliveryStore(t)
	ann := mustUser(t, s.users, "ann")
	ctx := context.Background()
	now := t0.Add(24 * time.Hour)
	s.clock.Set(now)
	// Queued in this order (so ids ascend), due at these times.
	due := []struct {
		key string
		at  time.Time
	}{
		{"late-1h", now.Add(-time.Hour)},
		{"dies-first", now.Add(-3 * time.Hour)},
		{"due-later", now.Add(time.Hour)},
		{"late-16m", now.Add(-16 * time.Minute)},
		{"dies-second", now.Add(-2 * time.Hour)},
		{"exactly-15m", now.Add(-15 * time.Minute)},
		{"sent", now.Add(-5 * time.Hour)},
		{"due-now", now},
	}
	for _, d := range due {
		s.queue(t, dm(d.key, ann, d.at))
	}
	// Kill two, in the order they were queued, and send one.
	for _, key := range []string{"dies-first", "dies-second", "sent"} {
		var m *remind.Message
		for _, c := range s.claim(t, farFuture, []string{"console"}, 0, time.Minute) {
			if c.Key == key {
				m = c
			} else if err := s.outbox.Defer(ctx, c, c.NextAttemptAt, ""); err != nil {
				t.Fatal(err)
			}
		}
		if key == "sent" {
			if err := s.outbox.Sent(ctx, m); err != nil {
				t.Fatal(err)
			}
		} else if err := s.outbox.Kill(ctx, m, "gone"); err != nil {
			t.Fatal(err)
		}
	}
	// Each death told Olga, in a message due now.
	notices := []string{}
	for _, m := range s.list(t, remind.Filter{Statuses: []remind.Status{remind.Pending}}) {
		if m.Kind == remind.KindDead {
			notices = append(notices, m.Key)
			if m.To == nil || m.To.ID != s.olga.ID {
				t.Errorf("dead notice %s goes to %v, want olga", m.Key, m.To)
			}
		}
	}
	if len(notices) != 2 {
		t.Fatalf("dead notices = %q, want 2", notices)
	}

	tests := []struct {
		name string
		f    remind.Filter
		want []string
	}{
		{"default", remind.Filter{}, []string{"late-1h", "late-16m", "exactly-15m", "due-now", notices[0], notices[1], "due-later", "dies-second", "dies-first"}},
		{"limit", remind.Filter{Limit: 3}, []string{"late-1h", "late-16m", "exactly-15m"}},
		{"dead", remind.Filter{Statuses: []remind.Status{remind.Dead}}, []string{"dies-second", "dies-first"}},
		{"sent", remind.Filter{Statuses: []remind.Status{remind.Sent}}, []string{"sent"}},
		{"only late", remind.Filter{Now: now, LateAfter: remind.LateAfter, OnlyLate: true}, []string{"late-1h", "late-16m"}},
		{"only late, later", remind.Filter{Now: now.Add(time.Hour + 16*time.Minute), LateAfter: remind.LateAfter, OnlyLate: true},
			[]string{"late-1h", "late-16m", "exactly-15m", "due-now", notices[0], notices[1], "due-later"}},
		{"only late among dead", remind.Filter{Statuses: []remind.Status{remind.Dead}, Now: now, LateAfter: remind.LateAfter, OnlyLate: true}, []string{}},
	}
	for _, tt := range tests {
		got := s.list(t, tt.f)
		if keys := messageKeys(got); !slices.Equal(keys, tt.want) {
			t.Errorf("List(%s) = %q, want %q", tt.name, keys, tt.want)
		}
		if tt.f.OnlyLate {
			for _, m := range got {
				if !m.IsLate(tt.f.Now, tt.f.LateAfter) {
					t.Errorf("List(%s) gave %s (due %v), which IsLate denies", tt.name, m.Key, m.DueAt)
				}
			}
		}
	}
}

// Queue refuses a message it could not deliver, and queues nothing of a
// batch holding one; a key already queued keeps its first message.
func TestOutboxQueue(t *testing.T) {
	s := newDeliveryStore(t)
	ann := mustUser(t, s.users, "ann")
	good := dm("good", ann, t0)
	tests := []struct {
		name string
		m    *remind.Message
	}{
		{"no key", &remind.Message{To: ann, Body: "hi"}},
		{"no body", &remind.Message{Key: "k", To: ann}},
		{"no recipient", &remind.Message{Key: "k", Body: "hi"}},
		{"both a user and a channel", &remind.Message{Key: "k", To: ann, Channel: "general", Body: "hi"}},
	}
	for _, tt := range tests {
		err := s.outbox.Queue(context.Background(), []*remind.Message{good, tt.m})
		wantCode(t, "Queue with "+tt.name, err, guild.EINVALID)
	}
	if got := s.list(t, remind.Filter{}); len(got) != 0 {
		t.Fatalf("after refused batches the outbox holds %q, want nothing", messageKeys(got))
	}

	s.queue(t, good)
	s.queue(t, &remind.Message{Key: "good", Kind: "test", To: ann, Body: "second body", DueAt: t0.Add(time.Hour)})
	got := s.list(t, remind.Filter{})
	if len(got) != 1 || got[0].Body != good.Body || !got[0].DueAt.Equal(t0) {
		t.Errorf("after queueing a key twice: %q, want one message with the first body and due time", messageKeys(got))
	}
	// A message with no due time is due now.
	s.clock.Set(t0.Add(time.Hour))
	s.queue(t, &remind.Message{Key: "now", To: ann, Body: "hi"})
	if m := s.message(t, "now"); !m.DueAt.Equal(t0.Add(time.Hour)) || !m.NextAttemptAt.Equal(t0.Add(time.Hour)) || m.Platform != guild.PlatformConsole {
		t.Errorf("message with no due time: due %v, next %v, platform %q, want %v, %v, console", m.DueAt, m.NextAttemptAt, m.Platform, t0.Add(time.Hour), t0.Add(time.Hour))
	}
}
