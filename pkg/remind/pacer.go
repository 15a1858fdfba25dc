package remind

import "time"

// Pacer is the real passage of time the runner paces its sends by: rate
// limits are kept in real seconds even when the clock that decides what is
// due is pinned. cmd/guildhall passes the wall clock; tests pass a fake.
type Pacer interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}
