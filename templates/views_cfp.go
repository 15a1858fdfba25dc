package templates

import (
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

// CallOpened is the reply to /cfp open.
type CallOpened struct {
	Call *cfp.Call
}

// CallClosed is the reply to /cfp close.
type CallClosed struct {
	Call *cfp.Call
}

// Reviewers is the reply to /cfp reviewers.
type Reviewers struct {
	Call      *cfp.Call
	Reviewers []*guild.User
	// Added is the reviewer just added, if any.
	Added *guild.User
}

// SubmissionView is the reply to /cfp submit, edit and show.
type SubmissionView struct {
	Submission *cfp.Submission
	Call       *cfp.Call
	Reader     *guild.User
	// Reviews are the reviews the reader may see.
	Reviews []*cfp.Review
	// Submitted is true in the reply to /cfp submit; Edited after /cfp edit.
	Submitted bool
	Edited    bool
	Now       time.Time
}

// SubmissionList is the reply to /cfp list and /cfp mine.
type SubmissionList struct {
	// Call is the call listed; nil for /cfp mine.
	Call        *cfp.Call
	Submissions []*cfp.Submission
	Total       int
	Page, Pages int
	// State is the state the list was limited to, if any.
	State string
	// ToReview are the talks that most need the reader's review.
	ToReview  []*cfp.Submission
	Reviewer  bool
	Organiser bool
}

// Reviewed is the reply to /cfp review.
type Reviewed struct {
	Submission *cfp.Submission
	Review     *cfp.Review
	Updated    bool
	// Next are talks that most need the reviewer's review next.
	Next []*cfp.Submission
}

// Acted is the reply to /cfp decide, withdraw, confirm and decline.
type Acted struct {
	Submission *cfp.Submission
	Action     cfp.Action
	// Offered is the backup offered the slot after a decline.
	Offered *cfp.Submission
}

// Notified is the reply to /cfp notify.
type Notified struct {
	Call        *cfp.Call
	Submissions []*cfp.Submission
	// Counts is how many of each decision were sent, in a fixed order.
	Counts []StateCount
	// Messages counts the messages queued, one per speaker.
	Messages int
}

// StateCount is how many submissions are in a state.
type StateCount struct {
	State cfp.State
	Count int
}

// Moved is the reply to /cfp move.
type Moved struct {
	Submission *cfp.Submission
	From       string
}

// Available confirms /cfp available.
type Available struct {
	Submission *cfp.Submission
	// Windows reads "09:00-12:00, 14:00-17:00" or "any time".
	Windows string
}

// Interested confirms /cfp interest.
type Interested struct {
	Submission *cfp.Submission
	// Removed is true for remove=yes; Changed is false when nothing was
	// to do (already interested, or not interested to begin with).
	Removed, Changed bool
}
