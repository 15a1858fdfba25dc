package guild

import "time"

// Clock returns the current time. Every package that needs the time takes a
// Clock instead of calling time.Now, so that tests and demos can pin it; only
// cmd/guildhall reads the wall clock.
type Clock func() time.Time

// FixedClock returns a Clock that always returns t.
func FixedClock(t time.Time) Clock {
	return func() time.Time { return t }
}
