package remind

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Sender is an adapter's delivery capability: it sends one message to its
// recipient. A Sender declares how it makes a send idempotent by carrying
// Message.Key with the message (Slack message metadata, a Discord nonce, a
// line of the console's transcript); the runner hands it a message more
// than once only after a crash or a failure it reported.
//
// Send reports a platform's request to slow down as a *RateLimitError, a
// failure that no retry can mend as a *PermanentError, and anything else as
// an ordinary error, retried with backoff.
type Sender interface {
	Send(ctx context.Context, m *Message) error
}

// Checker is a Sender that can tell whether a message with m's key already
// reached its recipient. The runner asks before sending a message found in
// flight after a crash; without a Checker, such a message is sent again
// (at least once, rather than exactly once).
type Checker interface {
	Delivered(ctx context.Context, m *Message) (bool, error)
}

// Scope is what a platform's rate limit applies to.
type Scope int

// The scopes of a rate limit.
const (
	ScopeRecipient Scope = iota // this recipient (a channel, a DM)
	ScopePlatform               // every send to the platform
)

// RateLimitError is a platform's answer "too many requests": nothing is to
// be sent in Scope for After.
type RateLimitError struct {
	After time.Duration
	Scope Scope
	// Reason, when set, says why the message waits, where a rate limit
	// is not the reason: a recipient who has not agreed to direct
	// messages yet, say.
	Reason string
}

// Error implements error.
func (e *RateLimitError) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("%s: retry after %s", e.Reason, e.After)
	}
	return fmt.Sprintf("rate limited: retry after %s", e.After)
}

// PermanentError is a failure no retry can mend, such as a user who does
// not accept messages: the message is marked dead at once.
type PermanentError struct{ Err error }

// Error implements error.
func (e *PermanentError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent wraps err as a PermanentError.
func Permanent(err error) error { return &PermanentError{Err: err} }

// IsPermanent reports whether err is a PermanentError.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}
