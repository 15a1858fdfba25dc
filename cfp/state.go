package cfp

import (
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// State is where a submission stands.
type State string

// The states of a submission.
const (
	Submitted State = "submitted" // waiting for review and a decision
	Withdrawn State = "withdrawn" // the speaker took it back
	Accepted  State = "accepted"  // in the line-up, waiting for the speaker to confirm
	Rejected  State = "rejected"  // not this time
	Backup    State = "backup"    // on standby in case a speaker drops out
	Offered   State = "offered"   // a backup offered a slot someone declined
	Confirmed State = "confirmed" // the speaker confirmed; it will be on the schedule
	Declined  State = "declined"  // the speaker dropped out
)

// Action is something a person does to a submission.
type Action string

// The actions on a submission.
const (
	Withdraw     Action = "withdraw"
	Accept       Action = "accept"
	Reject       Action = "reject"
	MakeBackup   Action = "backup"
	Offer        Action = "offer"
	Confirm      Action = "confirm"
	Decline      Action = "decline"
	MoveProposal Action = "move"
)

// Actor is who may take an action.
type Actor string

// Who may act.
const (
	ByOrganiser Actor = "organiser" // an organiser
	BySpeaker   Actor = "speaker"   // the submission's lead speaker
	BySystem    Actor = "guildhall" // guildhall itself, as a consequence
)

// Transition is one allowed change of state.
type Transition struct {
	From   State
	Action Action
	To     State
	By     Actor
	// When limits the transition to before or after the speaker is told
	// of the current decision.
	When When
}

// When says whether a transition depends on the speaker having been told
// of the decision.
type When int

// Whether the speaker has been told.
const (
	Always       When = iota
	BeforeNotify      // organisers may change their minds until /cfp notify
	AfterNotify       // a speaker answers a decision only once told of it
)

func (w When) allows(notified bool) bool {
	return w == Always || (w == BeforeNotify) == !notified
}

// Transitions is every allowed change of state; anything else is refused.
var Transitions = []Transition{
	{Submitted, Withdraw, Withdrawn, BySpeaker, Always},
	{Submitted, Accept, Accepted, ByOrganiser, Always},
	{Submitted, Reject, Rejected, ByOrganiser, Always},
	{Submitted, MakeBackup, Backup, ByOrganiser, Always},
	{Submitted, MoveProposal, Submitted, ByOrganiser, Always},
	{Accepted, Reject, Rejected, ByOrganiser, BeforeNotify},
	{Accepted, MakeBackup, Backup, ByOrganiser, BeforeNotify},
	{Accepted, Confirm, Confirmed, BySpeaker, AfterNotify},
	{Accepted, Decline, Declined, BySpeaker, AfterNotify},
	{Rejected, Accept, Accepted, ByOrganiser, BeforeNotify},
	{Rejected, MakeBackup, Backup, ByOrganiser, BeforeNotify},
	{Backup, Accept, Accepted, ByOrganiser, Always},
	{Backup, Reject, Rejected, ByOrganiser, BeforeNotify},
	{Backup, Offer, Offered, BySystem, Always},
	{Backup, Withdraw, Withdrawn, BySpeaker, Always},
	{Offered, Confirm, Confirmed, BySpeaker, Always},
	{Offered, Decline, Declined, BySpeaker, Always},
	{Confirmed, Decline, Declined, BySpeaker, Always},
}

// Next returns the state an action leads to from from, or an ECONFLICT
// error that names the actions allowed from there. notified says whether
// the speaker has been told of the current decision.
func Next(from State, a Action, notified bool) (State, error) {
	var allowed []string
	for _, t := range Transitions {
		if t.From != from || t.By == BySystem {
			continue
		}
		if !t.When.allows(notified) {
			continue
		}
		if t.Action == a {
			return t.To, nil
		}
		allowed = append(allowed, string(t.Action)+" ("+string(t.By)+")")
	}
	for _, t := range Transitions {
		if t.From == from && t.Action == a && t.By == BySystem {
			return t.To, nil
		}
	}
	msg := "A submission that is " + from.phrase() + " cannot be " + a.pastTense()
	if from == a.result() {
		msg = "It is already " + from.phrase()
	} else if w, ok := when(from, a); ok && w == BeforeNotify {
		msg += " now that its speaker has been told"
	} else if ok && w == AfterNotify {
		msg += " before its speaker has been told of the decision"
	}
	if len(allowed) == 0 {
		return "", guild.Errorf(guild.ECONFLICT, "%s; nothing more can happen to it.", msg)
	}
	return "", guild.Errorf(guild.ECONFLICT, "%s; from there it can only be: %s.", msg, strings.Join(allowed, ", "))
}

// phrase is the state as it reads after "is": "a backup", "accepted".
func (s State) phrase() string {
	switch s {
	case Backup:
		return "a backup"
	case Offered:
		return "offered a slot"
	}
	return string(s)
}

// Allowed reports whether an action is allowed from a state.
func Allowed(from State, a Action, notified bool) bool {
	_, err := Next(from, a, notified)
	return err == nil
}

// when returns the condition on a transition that exists in the table.
func when(from State, a Action) (When, bool) {
	for _, t := range Transitions {
		if t.From == from && t.Action == a {
			return t.When, true
		}
	}
	return Always, false
}

// ActionBy returns who takes action a.
func ActionBy(a Action) Actor {
	for _, t := range Transitions {
		if t.Action == a {
			return t.By
		}
	}
	return ByOrganiser
}

func (a Action) pastTense() string {
	switch a {
	case Withdraw:
		return "withdrawn"
	case Accept:
		return "accepted"
	case Reject:
		return "rejected"
	case MakeBackup:
		return "made a backup"
	case Offer:
		return "offered a slot"
	case Confirm:
		return "confirmed"
	case Decline:
		return "declined"
	case MoveProposal:
		return "moved"
	}
	return string(a)
}

// result is the state an action always leads to, for "It is already …".
func (a Action) result() State {
	for _, t := range Transitions {
		if t.Action == a && t.To != t.From {
			return t.To
		}
	}
	return ""
}

// ParseDecision parses accept|reject|backup.
func ParseDecision(s string) (Action, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "accept", "accepted", "yes":
		return Accept, nil
	case "reject", "rejected", "no":
		return Reject, nil
	case "backup", "standby", "reserve":
		return MakeBackup, nil
	}
	return "", guild.FieldErrorf("DECISION", "%q is not a decision; decide accept, reject or backup.", s)
}

// Selected reports whether a submission in state s is in the line-up or on
// standby: what the balance report counts.
func (s State) Selected() bool {
	switch s {
	case Accepted, Backup, Offered, Confirmed:
		return true
	}
	return false
}

// Decided reports whether s is a decision the speaker is told of by
// /cfp notify.
func (s State) Decided() bool {
	return s == Accepted || s == Rejected || s == Backup
}

// Open reports whether the submission still waits for a decision.
func (s State) Open() bool { return s == Submitted }
