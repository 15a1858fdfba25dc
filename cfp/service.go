package cfp

import (
	"context"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Service runs calls for proposals. Methods act as the user in the context
// and check that they may: organisers open, close, decide and notify;
// speakers edit, withdraw, confirm and decline their own talks; organisers
// and named reviewers review. Messages a change causes are queued in the
// same transaction as the change.
type Service interface {
	// OpenCall opens a call for an event or, with no event, a standing call
	// for a community. It fills in c's ID and Name.
	OpenCall(ctx context.Context, c *Call) error
	// CloseCall closes a call now.
	CloseCall(ctx context.Context, name string) (*Call, error)
	// FindCall returns the call named after an event or a community.
	FindCall(ctx context.Context, name string) (*Call, error)
	// AddReviewer lets u review the call's talks and tells them so.
	AddReviewer(ctx context.Context, call string, u *guild.User) (*Call, error)
	// FindReviewers lists a call's named reviewers.
	FindReviewers(ctx context.Context, call string) ([]*guild.User, error)

	// Submit proposes a talk to a call. Speakers[0] is ignored and set to
	// the acting user; the department and team come from profiles.
	Submit(ctx context.Context, call string, s *Submission) error
	// UpdateSubmission edits a submission while its call is open.
	UpdateSubmission(ctx context.Context, id int64, u Update) (*Submission, error)
	// FindSubmission returns a submission the acting user may see. Its
	// speakers, and members who do not review, see no scores, and see a
	// decision only once its speakers have been told of it.
	FindSubmission(ctx context.Context, id int64) (*Submission, error)
	// FindSubmissions returns the submissions the acting user may see,
	// ranked best first, and how many match; untold decisions are hidden as
	// by FindSubmission.
	FindSubmissions(ctx context.Context, f Filter) ([]*Submission, int, error)
	// LineUp returns the ids of the talks in a call's line-up (accepted,
	// offered a slot, or confirmed), in id order, whoever asks; accepted
	// talks whose speakers have not been told count only for organisers.
	LineUp(ctx context.Context, call string) ([]int64, error)
	// Move moves a submission of a standing call to another call.
	Move(ctx context.Context, id int64, call string) (*Submission, error)

	// Review records or replaces the acting user's review; updated is true
	// when it replaced one.
	Review(ctx context.Context, r *Review) (s *Submission, updated bool, err error)
	// FindReviews returns a submission's reviews (organisers see all,
	// reviewers their own).
	FindReviews(ctx context.Context, id int64) ([]*Review, error)

	// Act applies an action to a submission and returns it; when a decline
	// offers the slot to a backup, offered is that backup.
	Act(ctx context.Context, id int64, a Action) (s, offered *Submission, err error)
	// SetAvailable records when a talk's speakers can give it (a speaker of
	// the talk or an organiser); nil means any time.
	SetAvailable(ctx context.Context, id int64, ws []Window) (*Submission, error)
	// Interest records that the acting user wants to hear a talk, or with
	// remove no longer does, and reports whether anything changed.
	Interest(ctx context.Context, id int64, remove bool) (s *Submission, changed bool, err error)

	// Notify queues one message per speaker for each decision not yet
	// told and returns the submissions notified.
	Notify(ctx context.Context, call string) ([]*Submission, error)
	// Balance reports the mix of accepted and backup talks.
	Balance(ctx context.Context, call string) (*Balance, error)
}
