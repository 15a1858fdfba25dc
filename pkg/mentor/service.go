package mentor

import (
	"context"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Service assigns mentors and records milestones. Methods act as the user
// in the context (guild.NewContextWithUser) and return *guild.Error values
// whose messages can be shown to that user.
type Service interface {
	// Assign makes mentor the mentor of accepted submission sub
	// (organisers only); it replaces an earlier mentor.
	Assign(ctx context.Context, sub int64, mentor *guild.User) (*Mentoring, *Talk, error)
	// Done marks milestone k of sub done by the acting user (a speaker of
	// the talk, its mentor or an organiser); minutes is the dry run's
	// length, 0 when not given.
	Done(ctx context.Context, sub int64, k Kind, minutes int) (*Talk, *Milestone, error)
	// Status returns every accepted or confirmed talk of the event's call
	// with its mentor and milestones (organisers and mentors).
	Status(ctx context.Context, eventName string) (*event.Event, []*Talk, error)
	// SetOffsets changes an event's milestone offsets (organisers only)
	// and returns them; see Offsets.With for opts.
	SetOffsets(ctx context.Context, eventName string, opts map[string]string) (*event.Event, Offsets, error)
	// Mine returns the talks the acting user speaks in or mentors that are
	// being prepared, at every event, soonest event first.
	Mine(ctx context.Context) ([]*Talk, error)
	// Offsets returns an event's milestone offsets.
	Offsets(ctx context.Context, eventName string) (Offsets, error)
}
