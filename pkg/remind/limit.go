package remind

import (
	"math"
	"time"

	"golang.org/x/time/rate"
)

// Limit is how fast the runner sends to one platform: a token bucket for
// every send to the platform (the workspace-wide rate) and one per
// recipient. A zero rate means no limit.
type Limit struct {
	// Rate is messages per second across the platform, Burst how many may
	// go at once.
	Rate  float64
	Burst int
	// PerRecipient is messages per second to one recipient (a person or a
	// channel), RecipientBurst how many may go at once.
	PerRecipient   float64
	RecipientBurst int
}

// maxRecipientLimiters bounds the per-recipient buckets kept in memory;
// beyond it, buckets that are full again are forgotten.
const maxRecipientLimiters = 10000

// limiter keeps one platform's buckets, and the pauses its platform asked
// for (429s), in pace time.
type limiter struct {
	limit  Limit
	all    *rate.Limiter
	each   map[string]*rate.Limiter
	paused map[string]time.Time // recipient key, or "" for the platform
}

func newLimiter(l Limit) *limiter {
	return &limiter{limit: l, all: bucket(l.Rate, l.Burst), each: map[string]*rate.Limiter{}, paused: map[string]time.Time{}}
}

func bucket(r float64, burst int) *rate.Limiter {
	if r <= 0 {
		return nil
	}
	if burst < 1 {
		burst = max(1, int(math.Ceil(r/10))) // a tenth of a second's worth
	}
	return rate.NewLimiter(rate.Limit(r), burst)
}

// pausedFor returns how long sends to recipient must still wait at now
// because the platform asked to slow down.
func (l *limiter) pausedFor(recipient string, now time.Time) time.Duration {
	d := max(l.paused[""].Sub(now), l.paused[recipient].Sub(now))
	return max(d, 0)
}

// pause records a platform's request to send nothing in scope until now
// plus d.
func (l *limiter) pause(recipient string, scope Scope, now time.Time, d time.Duration) {
	if scope == ScopePlatform {
		recipient = ""
	}
	if until := now.Add(d); until.After(l.paused[recipient]) {
		l.paused[recipient] = until
	}
}

// recipient reserves a send to recipient at now and returns how long it
// must wait; cancel gives the token back when the send is not made.
func (l *limiter) recipient(key string, now time.Time) (wait time.Duration, cancel func()) {
	b := l.each[key]
	if b == nil {
		b = bucket(l.limit.PerRecipient, l.limit.RecipientBurst)
		if b == nil {
			return 0, func() {}
		}
		if len(l.each) >= maxRecipientLimiters {
			l.forgetFull(now)
		}
		l.each[key] = b
	}
	r := b.ReserveN(now, 1)
	return r.DelayFrom(now), func() { r.CancelAt(now) }
}

// platform reserves a send to the platform at now and returns how long it
// must wait.
func (l *limiter) platform(now time.Time) time.Duration {
	if l.all == nil {
		return 0
	}
	return l.all.ReserveN(now, 1).DelayFrom(now)
}

func (l *limiter) forgetFull(now time.Time) {
	for k, b := range l.each {
		if b.TokensAt(now) >= float64(b.Burst()) {
			delete(l.each, k)
		}
	}
	for k, until := range l.paused {
		if !until.After(now) {
			delete(l.paused, k)
		}
	}
}
