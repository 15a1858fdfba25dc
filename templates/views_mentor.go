package templates

import (
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/mentor"
)

// MentorAssigned confirms /mentor assign.
type MentorAssigned struct {
	Mentoring *mentor.Mentoring
	Talk      *mentor.Talk
}

// MilestoneDone confirms /mentor done; Verdict is set for a timed dry run.
type MilestoneDone struct {
	Talk      *mentor.Talk
	Milestone *mentor.Milestone
	Verdict   *mentor.Verdict
	Now       time.Time
	Reader    *guild.User
}

// MentorStatus is /mentor status: every talk's milestones at a glance.
type MentorStatus struct {
	Event   *event.Event
	Talks   []*mentor.Talk
	Offsets mentor.Offsets
	Now     time.Time
	Reader  *guild.User
}

// Status is where milestone m stands at the view's time.
func (v MentorStatus) Status(m *mentor.Milestone) mentor.Status { return m.Status(v.Now, v.Offsets) }

// NeedMentors counts the first-time speakers' talks without a mentor.
func (v MentorStatus) NeedMentors() int {
	n := 0
	for _, t := range v.Talks {
		if t.NeedsMentor() {
			n++
		}
	}
	return n
}

// MentorOffsets shows, or confirms a change to, an event's milestone
// offsets.
type MentorOffsets struct {
	Event   *event.Event
	Offsets mentor.Offsets
	Changed bool
}
