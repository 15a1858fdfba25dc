package cfp

import "github.com/guildhall/guildhall/pkg/guild"

// NoticeKind says why a message is sent.
type NoticeKind string

// The messages a call for proposals sends.
const (
	NoticeAccepted      NoticeKind = "accepted"       // your talk is in
	NoticeRejected      NoticeKind = "rejected"       // not this time
	NoticeBackup        NoticeKind = "backup"         // you are on standby
	NoticeOffered       NoticeKind = "offered"        // a slot opened for your backup talk
	NoticeDeclined      NoticeKind = "declined"       // to organisers: a speaker dropped out
	NoticeReviewerAdded NoticeKind = "reviewer-added" // you may review the call's talks
)

// Notice is a message the call sends to someone, rendered by a Composer
// and queued in the outbox in the same transaction as the change.
type Notice struct {
	Kind NoticeKind
	To   *guild.User
	Call *Call
	// Submission is the talk concerned; nil for NoticeReviewerAdded.
	Submission *Submission
	// By is who caused the notice.
	By *guild.User
	// Offered is the backup offered the slot, for NoticeDeclined.
	Offered *Submission
}

// Composer writes the text of a notice. The store calls it inside the
// transaction that queues the message, so it must not touch the store.
type Composer func(n *Notice) (string, error)
