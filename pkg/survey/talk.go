package survey

import (
	"strconv"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Talk is a talk in an event's line-up, as a survey asks about it.
type Talk struct {
	// ID is the ID of the submission the talk came from.
	ID       int64
	Title    string
	Speakers []*guild.User
	// Format is the talk's format, such as "lightning" or "talk".
	Format string
	// FirstTime is true when its lead speaker gives a talk for the first
	// time.
	FirstTime bool
}

// Ref is how the talk is named in replies: "#ID".
func (t *Talk) Ref() string { return "#" + strconv.FormatInt(t.ID, 10) }

// HasSpeaker reports whether u speaks in the talk.
func (t *Talk) HasSpeaker(u *guild.User) bool {
	if u == nil {
		return false
	}
	for _, s := range t.Speakers {
		if s != nil && s.ID == u.ID {
			return true
		}
	}
	return false
}

// findTalk returns the talk with id among talks, or nil.
func findTalk(talks []Talk, id int64) *Talk {
	for i := range talks {
		if talks[i].ID == id {
			return &talks[i]
		}
	}
	return nil
}
