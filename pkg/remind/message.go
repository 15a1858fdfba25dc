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
	Pending Status = "pending" // waiting to be sent
	Sent    Status = "sent"    // delivered
	Dead    Status = "dead"    // given up after too many failures
)

// Message is one row of the outbox: a rendered text for one recipient.
type Message struct {
	ID int64
	// Key is unique: queuing a second message with the same key does
	// nothing, so a retried change never queues a message twice.
	Key string
	// To is the recipient of a direct message; Channel is set instead for a
	// channel post.
	To      *guild.User
	Channel string
	Body    string
	// DueAt is when the message may be sent.
	DueAt     time.Time
	Status    Status
	Attempts  int
	CreatedAt time.Time
	SentAt    time.Time
}

// Outbox hands out the messages that are due and records their delivery.
type Outbox interface {
	// Due returns up to limit pending messages due at or before now,
	// oldest first.
	Due(ctx context.Context, now time.Time, limit int) ([]*Message, error)
	// MarkSent records that a message was delivered.
	MarkSent(ctx context.Context, id int64) error
}
