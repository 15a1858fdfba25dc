package remind

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Reminders are what falls due by the clock: Fire queues the messages of
// every reminder due at now in the outbox.
type Reminders interface {
	// Fire fires every reminder due at now and returns how many fired.
	Fire(ctx context.Context, now time.Time) (int, error)
	// NextDue returns when the next reminder falls due, and false when none
	// will.
	NextDue(ctx context.Context) (time.Time, bool, error)
}

// Runner delivers the outbox. Tick delivers what is due and returns; Run
// keeps delivering, waking at the next due time. Fields must be set before
// the first call; Outbox, Senders, Now and Pace are required.
type Runner struct {
	Outbox Outbox
	// Reminders, when set, are fired before each delivery round.
	Reminders Reminders
	// Senders deliver, by platform: a runner claims only messages for the
	// platforms it has a Sender for.
	Senders map[string]Sender
	// Now decides what is due; Pace paces sends in real time.
	Now  guild.Clock
	Pace Pacer
	// Limits are the rate limits by platform; Limit applies to platforms
	// without their own.
	Limits map[string]Limit
	Limit  Limit
	// MaxAttempts is how many failed sends make a message dead (default 8).
	MaxAttempts int
	Backoff     Backoff
	// Lease is how long a claim holds (default a minute); a message not
	// sent by the time its lease is nearly over is given back unsent.
	Lease time.Duration
	// Batch is how many messages one claim takes (default 64).
	Batch int
	// MaxHold is the longest a per-recipient limit may hold a message
	// before it is deferred, so one busy recipient does not hold up the
	// rest (default 2 seconds).
	MaxHold time.Duration
	// Idle is the longest Run sleeps between rounds, so that messages
	// queued by other processes are not left waiting (default a minute).
	Idle time.Duration
	Log  *slog.Logger

	once     sync.Once
	mu       sync.Mutex // serialises rounds
	limiters map[string]*limiter
	wake     chan struct{}
	held     time.Duration // waited for per-recipient limits this round
}

// minRetryAfter is the least a 429 defers a message, even when the
// platform gave no wait: sending again at once would hammer a platform
// that asked to slow down.
const minRetryAfter = time.Second

// Stats counts what one Tick did.
type Stats struct {
	Fired    int // reminders fired
	Sent     int // messages delivered
	Skipped  int // messages found already delivered after a crash
	Deferred int // messages put back because of rate limits
	Retried  int // messages that failed and will be retried
	Dead     int // messages given up
}

// Add adds o to s.
func (s *Stats) Add(o Stats) {
	s.Fired += o.Fired
	s.Sent += o.Sent
	s.Skipped += o.Skipped
	s.Deferred += o.Deferred
	s.Retried += o.Retried
	s.Dead += o.Dead
}

func (r *Runner) init() {
	r.once.Do(func() {
		if r.MaxAttempts <= 0 {
			r.MaxAttempts = 8
		}
		if r.Lease <= 0 {
			r.Lease = time.Minute
		}
		if r.Batch <= 0 {
			r.Batch = 64
		}
		if r.MaxHold <= 0 {
			r.MaxHold = 2 * time.Second
		}
		if r.Idle <= 0 {
			r.Idle = time.Minute
		}
		if r.Log == nil {
			r.Log = slog.New(slog.DiscardHandler)
		}
		r.limiters = map[string]*limiter{}
		for p := range r.Senders {
			l, ok := r.Limits[p]
			if !ok {
				l = r.Limit
			}
			r.limiters[p] = newLimiter(l)
		}
		r.wake = make(chan struct{}, 1)
	})
}

// Platforms lists the platforms the runner sends to.
func (r *Runner) Platforms() []string {
	ps := make([]string, 0, len(r.Senders))
	for p := range r.Senders {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// Wake makes a running Run start a round now, because something was
// queued. It never blocks.
func (r *Runner) Wake() {
	r.init()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Tick fires the reminders that are due, then delivers every message due
// now, and returns. Messages held back by rate limits are left for later.
func (r *Runner) Tick(ctx context.Context) (Stats, error) {
	r.init()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.held = 0
	var st Stats
	if r.Reminders != nil {
		n, err := r.Reminders.Fire(ctx, r.Now())
		st.Fired = n
		if err != nil {
			return st, fmt.Errorf("remind: fire reminders: %w", err)
		}
	}
	platforms := r.Platforms()
	for {
		ms, err := r.Outbox.Claim(ctx, r.Now(), platforms, r.Batch, r.Lease)
		if err != nil {
			return st, fmt.Errorf("remind: claim: %w", err)
		}
		for i, m := range ms {
			if err := r.deliver(ctx, m, &st); err != nil {
				r.release(ms[i+1:], &st)
				return st, err
			}
		}
		if len(ms) < r.Batch {
			return st, nil
		}
	}
}

// release gives back messages claimed but not tried, as when the context
// ends mid-batch.
func (r *Runner) release(ms []*Message, st *Stats) {
	ctx := context.WithoutCancel(context.Background())
	for _, m := range ms {
		if err := r.Outbox.Defer(ctx, m, r.Now(), ""); err == nil {
			st.Deferred++
		}
	}
}

// deliver sends one claimed message and records the outcome. It returns an
// error only when the round must stop: the context ended or the outbox
// failed.
func (r *Runner) deliver(ctx context.Context, m *Message, st *Stats) error {
	if err := ctx.Err(); err != nil {
		r.release([]*Message{m}, st)
		return err
	}
	// Outcomes are recorded even when ctx ends meanwhile, so that what is
	// known (a 429, a failure) is not lost to a shutdown.
	rec := context.WithoutCancel(ctx)
	s, lim := r.Senders[m.Platform], r.limiters[m.Platform]
	defer_ := func(d time.Duration, reason string) error {
		st.Deferred++
		return r.record(r.Outbox.Defer(rec, m, r.Now().Add(d), reason), m)
	}
	if d := lim.pausedFor(m.recipientKey(), r.Pace.Now()); d > 0 {
		// A millisecond past the pause, so that a recipient's messages
		// held by it go after the one that caused it, in their order,
		// whatever the two clocks read in between.
		return defer_(d+time.Millisecond, "")
	}
	if m.InFlight {
		if c, ok := s.(Checker); ok {
			done, err := c.Delivered(ctx, m)
			if err != nil {
				return r.failed(rec, m, fmt.Errorf("check an earlier send: %w", err), st)
			}
			if done {
				st.Skipped++
				return r.record(r.Outbox.Sent(rec, m), m)
			}
		}
	}
	// A recipient's limit may hold the round up for MaxHold in all; past
	// that, its messages are deferred, so one busy recipient does not
	// hold up the rest.
	wait, cancel := lim.recipient(m.recipientKey(), r.Pace.Now())
	if wait > 0 && r.held+wait > r.MaxHold {
		cancel()
		return defer_(wait, "")
	}
	r.held += wait
	if err := r.sleep(ctx, max(wait, lim.platform(r.Pace.Now()))); err != nil {
		r.release([]*Message{m}, st)
		return err
	}
	if m.LeaseUntil.Sub(r.Now()) < r.Lease/10 {
		// The lease is nearly over: another runner may take the message
		// any moment, so give it back rather than risk sending it twice.
		return defer_(0, "")
	}
	err := s.Send(ctx, m)
	var rl *RateLimitError
	switch {
	case err == nil:
		st.Sent++
		return r.record(r.Outbox.Sent(rec, m), m)
	case errors.As(err, &rl):
		after := max(rl.After, minRetryAfter)
		lim.pause(m.recipientKey(), rl.Scope, r.Pace.Now(), after)
		return defer_(after, err.Error())
	case ctx.Err() != nil:
		// Cancelled mid-send: whether it went out is unknown, so the claim
		// is left to expire and the message will be checked as in flight.
		return ctx.Err()
	default:
		return r.failed(rec, m, err, st)
	}
}

// failed records a failed attempt: a retry after backoff, or a dead
// message after the last attempt or a permanent failure.
func (r *Runner) failed(ctx context.Context, m *Message, err error, st *Stats) error {
	attempt := m.Attempts + 1
	r.Log.Warn("send failed", "key", m.Key, "to", m.Recipient(), "attempt", attempt, "err", err)
	if IsPermanent(err) || attempt >= r.MaxAttempts {
		st.Dead++
		return r.record(r.Outbox.Kill(ctx, m, err.Error()), m)
	}
	st.Retried++
	return r.record(r.Outbox.Retry(ctx, m, r.Now().Add(r.Backoff.Delay(attempt, m.Key)), err.Error()), m)
}

// record reports an outbox failure. A lost claim is not one: another
// runner took the message over, and records its outcome.
func (r *Runner) record(err error, m *Message) error {
	if err == nil || guild.ErrorCode(err) == guild.ECONFLICT {
		if err != nil {
			r.Log.Warn("claim lost", "key", m.Key)
		}
		return nil
	}
	return fmt.Errorf("remind: record %s: %w", m.Key, err)
}

func (r *Runner) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-r.Pace.After(d):
		return nil
	}
}

// Run delivers until ctx is done: a round now, then one at the next due
// time, when Wake is called, or after Idle at the latest. A failing round
// is logged and tried again, never fatal.
func (r *Runner) Run(ctx context.Context) error {
	r.init()
	failures := 0
	for {
		st, err := r.Tick(ctx)
		if ctx.Err() != nil {
			return nil
		}
		wait := r.Idle
		if err != nil {
			failures++
			wait = min(r.Idle, r.Backoff.Delay(failures, "runner"))
			r.Log.Error("delivery round failed", "err", err, "retry in", wait)
		} else {
			failures = 0
			if st != (Stats{}) {
				r.Log.Info("delivery round", "fired", st.Fired, "sent", st.Sent, "deferred", st.Deferred, "retried", st.Retried, "dead", st.Dead)
			}
			if next, ok := r.nextDue(ctx); ok {
				wait = min(wait, max(next.Sub(r.Now()), 0))
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-r.wake:
		case <-r.Pace.After(wait):
		}
	}
}

// nextDue returns the earliest time something falls due.
func (r *Runner) nextDue(ctx context.Context) (time.Time, bool) {
	var next time.Time
	found := false
	if t, ok, err := r.Outbox.NextDue(ctx, r.Platforms()); err == nil && ok {
		next, found = t, true
	}
	if r.Reminders != nil {
		if t, ok, err := r.Reminders.NextDue(ctx); err == nil && ok && (!found || t.Before(next)) {
			next, found = t, true
		}
	}
	return next, found
}
