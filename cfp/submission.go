package cfp

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Caps on a submission's fields, in characters.
const (
	MaxTitle      = 120
	MaxAbstract   = guild.MaxText
	MaxCoSpeakers = 4
)

// Submission is a proposed talk.
type Submission struct {
	ID       int64
	CallID   int64
	CallName string
	Title    string
	Abstract string
	Format   Format
	// Speakers are the lead speaker first, then the co-speakers. Each
	// carries the department and team they had when last saved.
	Speakers []*Speaker
	// FirstTime is true when the lead speaker has never given a talk.
	FirstTime bool
	State     State
	// Notified is true once the speaker was told of the current decision.
	Notified bool
	// Reviews counts the reviews; ScoreSum adds their scores.
	Reviews  int
	ScoreSum int
	// MyScore is the reading user's own score, 0 if they have not reviewed.
	MyScore int
	// Anonymous is true when the speakers are hidden from the reader (an
	// anonymised call, read by a reviewer); Speakers is then empty.
	Anonymous bool
	// Available are the times of day the speakers can give the talk; none
	// means any time.
	Available []Window
	// Interest counts the people who said they want to hear it, which
	// estimates its audience.
	Interest int
	// Tags are the talk's topics, lower case; the schedule keeps talks that
	// share one apart.
	Tags      []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Speaker is a person giving a talk, with the department and team from
// their profile when the talk was last saved.
type Speaker struct {
	User       *guild.User
	Lead       bool
	Department string
	Team       string
}

// Lead returns the lead speaker.
func (s *Submission) Lead() *guild.User {
	if len(s.Speakers) == 0 {
		return nil
	}
	return s.Speakers[0].User
}

// HasSpeaker reports whether u is one of the talk's speakers.
func (s *Submission) HasSpeaker(u *guild.User) bool {
	for _, sp := range s.Speakers {
		if u != nil && sp.User.ID == u.ID {
			return true
		}
	}
	return false
}

// Mean is the mean review score, 0 with no reviews.
func (s *Submission) Mean() float64 {
	if s.Reviews == 0 {
		return 0
	}
	return float64(s.ScoreSum) / float64(s.Reviews)
}

// Ref is how replies name the submission: "#12".
func (s *Submission) Ref() string { return "#" + strconv.FormatInt(s.ID, 10) }

// Validate checks the fields a speaker supplies.
func (s *Submission) Validate() error {
	if err := checkTitle(s.Title); err != nil {
		return err
	}
	if err := guild.CheckText("abstract", s.Abstract, true); err != nil {
		return err
	}
	if len(s.Speakers) > 1+MaxCoSpeakers {
		return guild.FieldErrorf("cospeakers", "A talk may have at most %d co-speakers.", MaxCoSpeakers)
	}
	seen := map[int64]bool{}
	for _, sp := range s.Speakers {
		if seen[sp.User.ID] {
			return guild.FieldErrorf("cospeakers", "%s is named twice among the speakers.", sp.User.Handle())
		}
		seen[sp.User.ID] = true
	}
	return checkTags(s.Tags)
}

func checkTitle(t string) error {
	// Check the title's own limit first, so that a title over MaxText is
	// not told the limit is MaxText.
	if n := utf8.RuneCountInString(t); n > MaxTitle {
		return guild.FieldErrorf("title", "title is %d characters long; the limit is %d.", n, MaxTitle)
	}
	if err := guild.CheckText("title", t, true); err != nil {
		return err
	}
	if strings.ContainsAny(t, "\r\n") {
		return guild.FieldErrorf("title", "A title is one line.")
	}
	return nil
}

// Update is a change a speaker makes to a submission; nil fields stay as
// they are.
type Update struct {
	Title     *string
	Abstract  *string
	Format    *string
	FirstTime *bool
	// CoSpeakers, when set, replaces the co-speakers.
	CoSpeakers *[]*guild.User
	// Tags, when set, replaces the tags (see ParseTags); an empty list
	// clears them.
	Tags *[]string
}

// Empty reports whether u changes nothing.
func (u Update) Empty() bool {
	return u.Title == nil && u.Abstract == nil && u.Format == nil && u.FirstTime == nil && u.CoSpeakers == nil && u.Tags == nil
}

// ParseID parses a submission's id, with or without its "#".
func ParseID(s string) (int64, error) {
	t := strings.TrimPrefix(strings.TrimSpace(s), "#")
	id, err := strconv.ParseInt(t, 10, 64)
	if err != nil || id <= 0 {
		return 0, guild.FieldErrorf("ID", "%q is not a submission number; use the number from /cfp mine or /cfp list, such as #12.", s)
	}
	return id, nil
}

// Filter selects submissions.
type Filter struct {
	// Call names the call; "" with Mine lists the reader's talks anywhere.
	Call string
	// Mine limits to talks the reading user speaks in.
	Mine bool
	// States limits to these states; empty means every state but withdrawn.
	States []State
	// ToReview limits to talks the reader may review and has not, fewest
	// reviews first: where the next review is needed.
	ToReview bool
	Offset   int
	Limit    int
}
