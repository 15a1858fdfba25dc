package remind

import (
	"context"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Status is where a message stands in the outbox.
type Status string

// The states of an outbox message.
const (
	Pending Status = "pending" // waiting to be sent, or being sent
	Sent    Status = "sent"    // delivered
	Dead    Status = "dead"    // given up after too many failures
)

// Message is one row of the outbox: a rendered text for one recipient.
type Message struct {
	ID int64
	// Key is unique: queuing a second message with the same key does
	// nothing, so a retried change never queues a message twice. Adapters
	// carry it with the message, so a send can be checked after a crash.
	Key string
	// Kind names the template the body was rendered from.
	Kind string
	// Platform is the recipient's platform, such as "console" or "slack".
	Platform string
	// To is the recipient of a direct message; Channel is set instead for a
	// channel post.
	To      *guild.User
	Channel string
	Body    string
	// Actions are buttons offered with the message.
	Actions []guild.Action
	// DueAt is when the message may first be sent; NextAttemptAt is when it
	// may be sent next, after a failure or a request to slow down.
	DueAt         time.Time
	NextAttemptAt time.Time
	Status        Status
	// Attempts counts the sends that failed, and the one that succeeded.
	Attempts  int
	LastError string
	// Late is true for a reminder that fell due while guildhall was not
	// running.
	Late      bool
	CreatedAt time.Time
	SentAt    time.Time

	// Claim is the token of the runner's lease, and LeaseUntil when the
	// lease ends.
	Claim      string
	LeaseUntil time.Time
	// InFlight is true when an earlier claim ended without an outcome (the
	// runner crashed, say): the message may have been delivered already.
	InFlight bool
}

// Recipient describes who the message is for: "@alex" or "#general".
func (m *Message) Recipient() string {
	if m.To != nil {
		return m.To.Handle()
	}
	return "#" + m.Channel
}

// recipientKey identifies the recipient for per-recipient rate limits.
func (m *Message) recipientKey() string {
	if m.To != nil {
		return "u:" + m.To.PlatformID
	}
	return "c:" + m.Channel
}

// Outbox is where messages wait to be delivered. Every method that records
// an outcome applies only while the caller's claim holds: a runner whose
// lease ran out and was taken over gets guild.ECONFLICT.
type Outbox interface {
	// Claim leases up to limit pending messages for platforms that are due
	// at now, oldest due first, until now plus lease.
	Claim(ctx context.Context, now time.Time, platforms []string, limit int, lease time.Duration) ([]*Message, error)
	// Sent records that a claimed message was delivered.
	Sent(ctx context.Context, m *Message) error
	// Retry records a failed attempt and makes the message due again at at.
	Retry(ctx context.Context, m *Message, at time.Time, reason string) error
	// Defer gives a claimed message back, due again at at, without counting
	// an attempt: the platform asked to slow down, or the runner's own
	// rate limit would hold it too long.
	Defer(ctx context.Context, m *Message, at time.Time, reason string) error
	// Kill marks a claimed message dead and tells the organisers, in the
	// same transaction.
	Kill(ctx context.Context, m *Message, reason string) error
	// NextDue returns when the next pending message for platforms falls
	// due, and false when none is pending.
	NextDue(ctx context.Context, platforms []string) (time.Time, bool, error)
	// List returns messages matching f, for people to inspect.
	List(ctx context.Context, f Filter) ([]*Message, error)
}

// Filter selects messages for Outbox.List.
type Filter struct {
	// Statuses selects by status; none means pending and dead.
	Statuses []Status
	// Now and LateAfter define late messages: pending and due more than
	// LateAfter before Now. OnlyLate keeps only those.
	Now       time.Time
	LateAfter time.Duration
	OnlyLate  bool
	Limit     int
}

// IsLate reports whether m is pending and more than after overdue at now.
func (m *Message) IsLate(now time.Time, after time.Duration) bool {
	return m.Status == Pending && now.Sub(m.DueAt) > after
}

// Composer renders the text of a message of the given kind from its data;
// templates.Render is one. The store takes one, so it imports no templates.
type Composer func(kind string, data any) (string, error)

// DeadNotice is what organisers are told when a message is given up.
type DeadNotice struct {
	To      *guild.User
	Message *Message
	Reason  string
}

// KindDead is the kind of the message telling organisers a message died;
// such messages are never themselves reported when they die, so a broken
// platform cannot start a loop.
const KindDead = "remind_dead"
