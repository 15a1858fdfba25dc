package survey

import (
	"strconv"
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Kind says what a survey asks about, and whom.
type Kind string

// The kinds of survey.
const (
	// KindEvent is asked of an event's attendees after it ends.
	KindEvent Kind = "event"
	// KindHealth is a round of a community's health check, asked of its
	// members.
	KindHealth Kind = "health"
)

// State is where a survey stands.
type State string

// The states of a survey.
const (
	Scheduled State = "scheduled" // not sent yet
	Open      State = "open"      // sent, taking answers
	Closed    State = "closed"    // no longer taking answers
)

// Defaults for a survey no organiser has set otherwise.
const (
	// DefaultRemindAfter is how long after sending the one reminder goes
	// to those who have not answered.
	DefaultRemindAfter = 2 * 24 * time.Hour
	// DefaultCloseAfter is how long after sending the survey closes.
	DefaultCloseAfter = 7 * 24 * time.Hour
)

// Survey is the questions asked of a group of people once: after an event,
// of its attendees, or a round of a community's health check.
type Survey struct {
	ID   int64
	Kind Kind
	// Event is the event asked about, for KindEvent.
	Event *event.Event
	// CommunityID and Community name a community whose members are asked
	// as well as the event's attendees (0 and "" for none); for KindHealth,
	// the community whose health is checked.
	CommunityID int64
	Community   string
	// Round numbers a community's health checks, from 1; 0 for an event.
	Round int
	State State
	// Anonymous surveys keep no link from an answer to a person.
	Anonymous bool
	// Delay is how long after the event's end the survey goes out by
	// itself.
	Delay time.Duration
	// RemindAfter and CloseAfter are how long after sending the reminder
	// goes out and the survey closes.
	RemindAfter, CloseAfter time.Duration
	// SendAt is when the survey goes out by itself: see DueAt.
	SendAt time.Time
	// SentAt is when it went out, zero until then; SentBy is the organiser
	// who sent it by hand, nil when it went out by itself.
	SentAt time.Time
	SentBy *guild.User
	// RemindAt and ClosesAt are set when the survey goes out.
	RemindAt time.Time
	ClosesAt time.Time
	// ClosedAt is when the closing was recorded.
	ClosedAt time.Time
	// Recipients counts the people it was sent to, with anyone who
	// answered without being sent it; Answers counts the answers.
	Recipients int
	Answers    int
	CreatedAt  time.Time
}

// New returns the survey of ev as it is before any organiser changes it:
// not anonymous, going out when the event ends, reminding two days and
// closing seven days after it went out.
func New(ev *event.Event) *Survey {
	s := &Survey{Kind: KindEvent, Event: ev, State: Scheduled, RemindAfter: DefaultRemindAfter, CloseAfter: DefaultCloseAfter}
	s.SendAt = s.DueAt()
	return s
}

// Ref is how the survey is named in replies: "#ID".
func (s *Survey) Ref() string { return "#" + strconv.FormatInt(s.ID, 10) }

// Name is what the survey is about: the event's name, or the community's
// for a health check.
func (s *Survey) Name() string {
	if s.Event != nil {
		return s.Event.Name
	}
	return s.Community
}

// Location is the time zone of the survey's event, UTC when it has none.
func (s *Survey) Location() *time.Location {
	if s.Event != nil {
		return s.Event.Location()
	}
	return time.UTC
}

// DueAt is when an event's survey goes out by itself: Delay after the
// event ends. It is zero for a survey with no event.
func (s *Survey) DueAt() time.Time {
	if s.Event == nil {
		return time.Time{}
	}
	return s.Event.EndsAt().Add(s.Delay).UTC()
}

// Sent reports whether the survey has gone out.
func (s *Survey) Sent() bool { return !s.SentAt.IsZero() }

// Send records that the survey went out at now, by by (nil when it went
// by itself), and sets when it is reminded and closes.
func (s *Survey) Send(now time.Time, by *guild.User) {
	s.State, s.SentAt, s.SentBy = Open, now, by
	s.RemindAt = now.Add(s.RemindAfter)
	s.ClosesAt = now.Add(s.CloseAfter)
}

// StateAt is where the survey stands at now: it is closed from ClosesAt on
// even when the closing has not been recorded yet.
func (s *Survey) StateAt(now time.Time) State {
	switch {
	case s.State == Closed:
		return Closed
	case !s.Sent():
		return Scheduled
	case !now.Before(s.ClosesAt):
		return Closed
	}
	return Open
}

// when writes t for a sentence, in loc: "Wed 15 Apr 2026, 17:00 UTC".
func when(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2 Jan 2006, 15:04 MST")
}

// how says how the survey went out, for a sentence: "by @olga" or "by
// itself at the end of DevDay".
func (s *Survey) how() string {
	if s.SentBy != nil {
		return "by " + s.SentBy.Handle()
	}
	if s.Event != nil {
		return "by itself when " + s.Event.Name + " ended"
	}
	return "by itself"
}

// CheckSend refuses to send a survey that went out already, saying when
// and how, with times in loc.
func (s *Survey) CheckSend(loc *time.Location) error {
	if !s.Sent() {
		return nil
	}
	return guild.Errorf(guild.ECONFLICT, "The survey of %s went out already, on %s, %s; it is sent once. /survey results %s shows the answers so far.",
		s.Name(), when(s.SentAt, loc), s.how(), guild.QuoteArg(s.Name()))
}

// CheckChange refuses to change the settings of a survey that went out.
func (s *Survey) CheckChange(loc *time.Location) error {
	if !s.Sent() {
		return nil
	}
	return guild.Errorf(guild.ECONFLICT, "The survey of %s went out on %s, %s, so its settings can no longer change.",
		s.Name(), when(s.SentAt, loc), s.how())
}

// CheckAnswer refuses an answer to a survey that has not gone out or has
// closed at now, saying when, with times in loc.
func (s *Survey) CheckAnswer(now time.Time, loc *time.Location) error {
	switch s.StateAt(now) {
	case Scheduled:
		if s.SendAt.IsZero() {
			return guild.Errorf(guild.ECONFLICT, "The survey of %s has not gone out yet, so it takes no answers.", s.Name())
		}
		return guild.Errorf(guild.ECONFLICT, "The survey of %s has not gone out yet: it goes out on %s, and takes answers from then.",
			s.Name(), when(s.SendAt, loc))
	case Closed:
		return guild.Errorf(guild.ECONFLICT, "The survey of %s closed on %s; it no longer takes answers.", s.Name(), when(s.ClosesAt, loc))
	}
	return nil
}
