package mentor

import (
	"fmt"
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// NoticeKind says why a mentoring message is sent.
type NoticeKind string

// The messages mentoring sends.
const (
	NoticeAssigned NoticeKind = "assigned" // to the mentor and the speakers: who mentors the talk
	NoticeDue      NoticeKind = "due"      // to the speakers and the mentor: a milestone is coming up
	NoticeOverdue  NoticeKind = "overdue"  // to the organisers: a milestone is past its grace
	NoticeDone     NoticeKind = "done"     // to the mentor, or the speakers: a milestone was marked done
)

// Notice is a mentoring message to one person; templates render it by
// kind (mentor_notice_due, …).
type Notice struct {
	Kind  NoticeKind
	To    *guild.User
	Event *event.Event
	Talk  *Talk
	// Milestone is the milestone concerned; nil for NoticeAssigned.
	Milestone *Milestone
	Offsets   Offsets
	// By is who caused the notice (who assigned, who marked done).
	By *guild.User
	// Late is true when a reminder was due while guildhall was not running.
	Late bool
	Now  time.Time
}

// IsMentor reports whether the notice goes to the talk's mentor.
func (n *Notice) IsMentor() bool {
	return n.Talk != nil && n.Talk.Mentor != nil && n.To != nil && n.Talk.Mentor.ID == n.To.ID
}

// IsSpeaker reports whether the notice goes to one of the talk's speakers.
func (n *Notice) IsSpeaker() bool {
	if n.Talk == nil || n.To == nil {
		return false
	}
	for _, s := range n.Talk.Speakers {
		if s.ID == n.To.ID {
			return true
		}
	}
	return false
}

// Slides is about how many slides suit the talk's slot.
func (n *Notice) Slides() int {
	if n.Talk == nil {
		return 0
	}
	return Slides(n.Talk.Minutes)
}

// Actions are the buttons the notice offers: a speaker or mentor reminded
// of a milestone may mark it done there and then.
func (n *Notice) Actions() []guild.Action {
	if n.Kind != NoticeDue || n.Milestone == nil || n.Talk == nil || !(n.IsSpeaker() || n.IsMentor()) {
		return nil
	}
	return []guild.Action{{Label: "Mark " + n.Milestone.Kind.Noun() + " done", Primary: true,
		Command: fmt.Sprintf("/mentor done #%d %s", n.Talk.Submission, n.Milestone.Kind)}}
}
