package survey

import (
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// IdeaState is where an idea raised in a survey stands.
type IdeaState string

// The states of an idea.
const (
	IdeaOpen       IdeaState = "open"        // raised, not taken up yet
	IdeaInProgress IdeaState = "in-progress" // its owner is taking it forward
	IdeaDone       IdeaState = "done"        // taken forward
	IdeaDropped    IdeaState = "dropped"     // let go
)

// IdeaStates lists the states in the order an idea moves through them.
var IdeaStates = []IdeaState{IdeaOpen, IdeaInProgress, IdeaDone, IdeaDropped}

// ideaStateNames maps what a user may type, lower-cased with hyphens and
// underscores read as spaces, to a state.
var ideaStateNames = map[string]IdeaState{
	"open":        IdeaOpen,
	"reopen":      IdeaOpen,
	"in progress": IdeaInProgress,
	"inprogress":  IdeaInProgress,
	"progress":    IdeaInProgress,
	"doing":       IdeaInProgress,
	"started":     IdeaInProgress,
	"done":        IdeaDone,
	"dropped":     IdeaDropped,
	"drop":        IdeaDropped,
}

// ParseIdeaState reads a state without regard to case: open, in progress
// (also "in-progress", "progress", "doing"), done, or dropped ("drop").
func ParseIdeaState(s string) (IdeaState, error) {
	key := strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(s))), " ")
	if st, ok := ideaStateNames[key]; ok {
		return st, nil
	}
	if key == "" {
		return "", guild.FieldErrorf("state", "Say where the idea stands: done, in progress or dropped.")
	}
	if len(key) > 30 {
		return "", guild.FieldErrorf("state", "That is not a state of an idea; say done, in progress or dropped.")
	}
	return "", guild.FieldErrorf("state", "%q is not a state of an idea; say done, in progress or dropped.", strings.TrimSpace(s))
}

// Title is how the state reads in a sentence: "open", "in progress",
// "done", "dropped".
func (st IdeaState) Title() string {
	if st == IdeaInProgress {
		return "in progress"
	}
	return string(st)
}

// Settled reports whether the idea needs no more follow-ups: it is done or
// dropped.
func (st IdeaState) Settled() bool { return st == IdeaDone || st == IdeaDropped }

// Verb is the /idea subcommand that sets the state: "open", "progress",
// "done" or "drop".
func (st IdeaState) Verb() string {
	switch st {
	case IdeaInProgress:
		return "progress"
	case IdeaDropped:
		return "drop"
	}
	return string(st)
}

// FollowupWeeks are when an idea's owner is asked whether they took it
// forward, in weeks after it was raised.
var FollowupWeeks = []int{2, 6}

// Idea is an idea to take forward, raised in a survey's answer.
type Idea struct {
	ID       int64
	SurveyID int64
	// Event is the name of the survey's event.
	Event string
	Text  string
	// Owner is who raised it; nil when it was raised anonymously.
	Owner *guild.User
	State IdeaState
	// RaisedAt is when it was raised; for an anonymous idea, when the
	// survey went out, so that no time ties it to an answer.
	RaisedAt time.Time
	// UpdatedAt and UpdatedBy are the last change of state; zero and nil
	// until one.
	UpdatedAt time.Time
	UpdatedBy *guild.User
}

// Ref is how the idea is named in replies: "#ID".
func (i *Idea) Ref() string { return "#" + strconv.FormatInt(i.ID, 10) }

// FollowupAt is when follow-up n (1 or 2) asks the owner about the idea:
// FollowupWeeks[n-1] weeks after it was raised.
func (i *Idea) FollowupAt(n int) time.Time {
	if n < 1 || n > len(FollowupWeeks) {
		return time.Time{}
	}
	return i.RaisedAt.AddDate(0, 0, 7*FollowupWeeks[n-1])
}

// CheckSet refuses a change of state to st by me unless me raised the
// idea or is an organiser and the state changes.
func (i *Idea) CheckSet(me *guild.User, st IdeaState) error {
	owner := i.Owner != nil && me != nil && i.Owner.ID == me.ID
	if !owner && (me == nil || !me.Organiser) {
		if i.Owner == nil {
			return guild.Errorf(guild.EFORBIDDEN, "%s was raised anonymously, so only organisers change where it stands.", i.Ref())
		}
		return guild.Errorf(guild.EFORBIDDEN, "Only %s, who raised %s, and organisers change where it stands.", i.Owner.Handle(), i.Ref())
	}
	if i.State == st {
		return guild.Errorf(guild.ECONFLICT, "%s is %s already.", i.Ref(), st.Title())
	}
	return nil
}
