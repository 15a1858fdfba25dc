package mentor

import (
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Mentoring is a mentor assigned to an accepted talk.
type Mentoring struct {
	// Submission is the ID of the accepted submission.
	Submission int64
	// Mentor helps the speakers prepare and hears their dry run.
	Mentor *guild.User
	// AssignedBy is the organiser who assigned the mentor, at AssignedAt.
	AssignedBy *guild.User
	AssignedAt time.Time
}

// Talk is one accepted talk's preparation at a glance, as /mentor status
// shows it.
type Talk struct {
	// Submission is the ID of the submission the talk came from.
	Submission int64
	Title      string
	// Minutes is the length of the talk's slot.
	Minutes  int
	Speakers []*guild.User
	// FirstTime is true when the speakers said this is their first talk.
	FirstTime bool
	// State is the submission's state, such as "accepted" or "confirmed".
	State string
	// Mentor is the talk's mentor, or nil when none is assigned.
	Mentor *guild.User
	// Milestones are the talk's milestones in the order they fall due.
	Milestones []*Milestone
	// Event is the event the talk is for; nil in a standing call.
	Event *event.Event
}

// Next returns the first milestone not yet done, or nil.
func (t *Talk) Next() *Milestone {
	if t == nil {
		return nil
	}
	for _, m := range t.Milestones {
		if m != nil && !m.Done() {
			return m
		}
	}
	return nil
}

// NeedsMentor reports whether the talk is a first-time speaker's and has
// no mentor yet.
func (t *Talk) NeedsMentor() bool {
	return t != nil && t.FirstTime && t.Mentor == nil
}

// Milestone returns the talk's milestone of kind k, or nil when it has
// none.
func (t *Talk) Milestone(k Kind) *Milestone {
	if t == nil {
		return nil
	}
	for _, m := range t.Milestones {
		if m != nil && m.Kind == k {
			return m
		}
	}
	return nil
}
