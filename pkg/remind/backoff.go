package remind

import (
	"hash/fnv"
	"strconv"
	"time"
)

// Backoff spaces the retries of a failing message: Base after the first
// failure, doubling each time, never more than Max, spread by up to a
// tenth either way so that messages that failed together do not retry
// together. The spread comes from the key, so a delay can be reproduced.
type Backoff struct {
	Base, Max time.Duration
}

// DefaultBackoff waits 30 seconds after the first failure and at most an
// hour.
var DefaultBackoff = Backoff{Base: 30 * time.Second, Max: time.Hour}

// Delay returns the wait after the given failed attempt (1 for the first)
// of the message with key.
func (b Backoff) Delay(attempt int, key string) time.Duration {
	if b.Base <= 0 {
		b = DefaultBackoff
	}
	if b.Max < b.Base {
		b.Max = b.Base
	}
	d := b.Base
	for i := 1; i < attempt && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	h := fnv.New32a()
	h.Write([]byte(key))
	h.Write([]byte(strconv.Itoa(attempt)))
	spread := float64(h.Sum32())/float64(1<<32)*0.2 - 0.1 // in [-0.1, 0.1)
	return d + time.Duration(float64(d)*spread)
}
