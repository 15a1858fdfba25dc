package templates

import (
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/community"
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

// BySpeaker reports whether the reader speaks in the talk, so the reply
// says "you" rather than "the speaker".
func (v MilestoneDone) BySpeaker() bool {
	for _, s := range v.Talk.Speakers {
		if v.Reader != nil && s.ID == v.Reader.ID {
			return true
		}
	}
	return false
}

// Next is the first milestone not yet done, or nil.
func (v MilestoneDone) Next() *mentor.Milestone {
	for _, m := range v.Talk.Milestones {
		if !m.Done() {
			return m
		}
	}
	return nil
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

// Home is a person's own page (Slack's App Home): their proposals, the
// talks they prepare or mentor, and their communities.
type Home struct {
	User        *guild.User
	Submissions []*cfp.Submission
	Talks       []*mentor.Talk
	Communities []HomeCommunity
	Now         time.Time
}

// HomeCommunity is one of a person's communities, with its next meeting.
type HomeCommunity struct {
	Community *community.Community
	Next      time.Time
}

// Mentors reports whether the home's owner mentors t.
func (h Home) Mentors(t *mentor.Talk) bool {
	return t.Mentor != nil && h.User != nil && t.Mentor.ID == h.User.ID
}
