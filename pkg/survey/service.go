package survey

import (
	"context"

	"github.com/guildhall/guildhall/pkg/event"
)

// Service runs event surveys and the ideas they raise. Methods act as the
// user in the context (guild.NewContextWithUser) and return *guild.Error
// values whose messages can be shown to that user.
type Service interface {
	// Attend makes the acting user an attendee of the event, so its
	// survey reaches them; when the survey is open it is sent to them at
	// once.
	Attend(ctx context.Context, eventName string) (*Attendance, error)
	// Schedule changes when and how the event's survey goes out
	// (organisers only), before it does.
	Schedule(ctx context.Context, eventName string, o Options) (*Survey, error)
	// Send sends the event's survey now, with o applied first (organisers
	// only); it is refused, saying when, once the survey went out.
	Send(ctx context.Context, eventName string, o Options) (*Survey, error)
	// Find returns the event's survey.
	Find(ctx context.Context, eventName string) (*Survey, error)
	// Answer records the acting user's answer to the event's survey while
	// it is open; answering again replaces the earlier answer
	// (Receipt.Updated).
	Answer(ctx context.Context, eventName string, a *Answer) (*Receipt, error)
	// Results adds up the answers (organisers only).
	Results(ctx context.Context, eventName string) (*Results, error)
	// Export returns the rows the results are computed from, every
	// answer with its talk ratings and comments (organisers only).
	Export(ctx context.Context, eventName string) (Rows, error)
	// Release sends each speaker the feedback on their talk, talk, or on
	// every talk not released yet when talk is 0 (organisers only).
	Release(ctx context.Context, eventName string, talk int64) ([]*TalkFeedback, error)
	// Hide keeps comment id from the talk's speakers, or with hide false
	// shows it again (organisers only).
	Hide(ctx context.Context, id int64, hide bool) (*Comment, error)
	// Feedback returns the released feedback on the acting user's talks
	// at the event, without hidden comments.
	Feedback(ctx context.Context, eventName string) ([]*TalkFeedback, error)
	// Ideas lists the ideas raised in the event's survey, oldest first.
	Ideas(ctx context.Context, eventName string) (*event.Event, []*Idea, error)
	// SetIdea changes where idea id stands (its owner or organisers).
	SetIdea(ctx context.Context, id int64, st IdeaState) (*Idea, error)
}
