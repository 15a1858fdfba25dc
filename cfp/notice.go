package cfp

import (
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

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
	NoticeChase         NoticeKind = "chase"          // please confirm your talk
	NoticeUnconfirmed   NoticeKind = "unconfirmed"    // to organisers: a speaker has not confirmed
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
	// Deadline is when the speaker should confirm by, for NoticeChase and
	// NoticeUnconfirmed; Late is true when the reminder was due while
	// guildhall was not running.
	Deadline time.Time
	Late     bool
}

// Composer writes the text of a notice. The store calls it inside the
// transaction that queues the message, so it must not touch the store.
type Composer func(n *Notice) (string, error)

// ChaseEvery is how often a speaker who has not confirmed is reminded.
func (n *Notice) ChaseEvery() time.Duration { return ChaseEvery }

// Actions are the buttons the notice offers its recipient: a speaker told
// their talk is in, offered a slot or chased may confirm or decline it
// there and then.
func (n *Notice) Actions() []guild.Action {
	if n.Submission == nil {
		return nil
	}
	switch n.Kind {
	case NoticeAccepted, NoticeOffered, NoticeChase:
		if lead := n.Submission.Lead(); lead == nil || n.To == nil || lead.ID != n.To.ID {
			return nil // only the lead speaker confirms
		}
		ref := n.Submission.Ref()
		return []guild.Action{
			{Label: "Confirm", Command: "/cfp confirm " + ref, Primary: true},
			{Label: "Decline", Command: "/cfp decline " + ref, Danger: true},
		}
	}
	return nil
}
