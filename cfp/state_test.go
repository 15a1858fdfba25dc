package cfp_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

var (
	allStates  = []cfp.State{cfp.Submitted, cfp.Withdrawn, cfp.Accepted, cfp.Rejected, cfp.Backup, cfp.Offered, cfp.Confirmed, cfp.Declined}
	allActions = []cfp.Action{cfp.Withdraw, cfp.Accept, cfp.Reject, cfp.MakeBackup, cfp.Offer, cfp.Confirm, cfp.Decline, cfp.MoveProposal}
)

// move is an expected transition, written out here independently of
// cfp.Transitions so that a change to the table shows up as a failure.
type move struct {
	to cfp.State
	// before and after say whether it is allowed before and after the
	// speaker is told of the current decision.
	before, after bool
	// label is how the refusal message lists it, "" for a system action.
	label string
}

var wantMoves = map[cfp.State]map[cfp.Action]move{
	cfp.Submitted: {
		cfp.Withdraw:     {cfp.Withdrawn, true, true, "withdraw (speaker)"},
		cfp.Accept:       {cfp.Accepted, true, true, "accept (organiser)"},
		cfp.Reject:       {cfp.Rejected, true, true, "reject (organiser)"},
		cfp.MakeBackup:   {cfp.Backup, true, true, "backup (organiser)"},
		cfp.MoveProposal: {cfp.Submitted, true, true, "move (organiser)"},
	},
	cfp.Accepted: {
		cfp.Reject:     {cfp.Rejected, true, false, "reject (organiser)"},
		cfp.MakeBackup: {cfp.Backup, true, false, "backup (organiser)"},
		cfp.Confirm:    {cfp.Confirmed, false, true, "confirm (speaker)"},
		cfp.Decline:    {cfp.Declined, false, true, "decline (speaker)"},
	},
	cfp.Rejected: {
		cfp.Accept:     {cfp.Accepted, true, false, "accept (organiser)"},
		cfp.MakeBackup: {cfp.Backup, true, false, "backup (organiser)"},
	},
	cfp.Backup: {
		cfp.Accept:   {cfp.Accepted, true, true, "accept (organiser)"},
		cfp.Reject:   {cfp.Rejected, true, false, "reject (organiser)"},
		cfp.Offer:    {cfp.Offered, true, true, ""},
		cfp.Withdraw: {cfp.Withdrawn, true, true, "withdraw (speaker)"},
	},
	cfp.Offered: {
		cfp.Confirm: {cfp.Confirmed, true, true, "confirm (speaker)"},
		cfp.Decline: {cfp.Declined, true, true, "decline (speaker)"},
	},
	cfp.Confirmed: {
		cfp.Decline: {cfp.Declined, true, true, "decline (speaker)"},
	},
	cfp.Withdrawn: {},
	cfp.Declined:  {},
}

// allowedLabels lists, in table order, what the refusal message from a
// state should offer.
func allowedLabels(from cfp.State, notified bool) []string {
	var out []string
	for _, a := range tableOrder[from] {
		m := wantMoves[from][a]
		ok := m.before
		if notified {
			ok = m.after
		}
		if ok && m.label != "" {
			out = append(out, m.label)
		}
	}
	return out
}

// tableOrder is the order the refusal message lists actions in.
var tableOrder = map[cfp.State][]cfp.Action{
	cfp.Submitted: {cfp.Withdraw, cfp.Accept, cfp.Reject, cfp.MakeBackup, cfp.MoveProposal},
	cfp.Accepted:  {cfp.Reject, cfp.MakeBackup, cfp.Confirm, cfp.Decline},
	cfp.Rejected:  {cfp.Accept, cfp.MakeBackup},
	cfp.Backup:    {cfp.Accept, cfp.Reject, cfp.Offer, cfp.Withdraw},
	cfp.Offered:   {cfp.Confirm, cfp.Decline},
	cfp.Confirmed: {cfp.Decline},
}

func TestNextEveryPair(t *testing.T) {
	for _, from := range allStates {
		for _, a := range allActions {
			for _, notified := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/notified=%v", from, a, notified)
				t.Run(name, func(t *testing.T) {
					m, exists := wantMoves[from][a]
					wantOK := exists && (m.before && !notified || m.after && notified)
					got, err := cfp.Next(from, a, notified)
					if allowed := cfp.Allowed(from, a, notified); allowed != wantOK {
						t.Errorf("Allowed(%s, %s, %v) = %v, want %v", from, a, notified, allowed, wantOK)
					}
					if wantOK {
						if err != nil {
							t.Fatalf("Next(%s, %s, %v) error = %v, want %s", from, a, notified, err, m.to)
						}
						if got != m.to {
							t.Errorf("Next(%s, %s, %v) = %s, want %s", from, a, notified, got, m.to)
						}
						return
					}
					if err == nil {
						t.Fatalf("Next(%s, %s, %v) = %s, want an error", from, a, notified, got)
					}
					if got != "" {
						t.Errorf("Next(%s, %s, %v) = %q with an error, want \"\"", from, a, notified, got)
					}
					if code := guild.ErrorCode(err); code != guild.ECONFLICT {
						t.Errorf("Next(%s, %s, %v) code = %q, want %q", from, a, notified, code, guild.ECONFLICT)
					}
					msg := guild.ErrorMessage(err)
					labels := allowedLabels(from, notified)
					if len(labels) == 0 {
						if !strings.HasSuffix(msg, "; nothing more can happen to it.") {
							t.Errorf("Next(%s, %s, %v) message = %q, want it to end %q", from, a, notified, msg, "; nothing more can happen to it.")
						}
						return
					}
					wantTail := fmt.Sprintf("; from there it can only be: %s.", strings.Join(labels, ", "))
					if !strings.HasSuffix(msg, wantTail) {
						t.Errorf("Next(%s, %s, %v) message = %q, want it to end %q", from, a, notified, msg, wantTail)
					}
					if strings.Contains(msg, "offer (") {
						t.Errorf("Next(%s, %s, %v) message = %q, want it not to offer the system action offer", from, a, notified, msg)
					}
				})
			}
		}
	}
}

// TestTransitionsTableMatches checks the exported table holds exactly the
// expected transitions, so nothing is allowed that the test above missed.
func TestTransitionsTableMatches(t *testing.T) {
	n := 0
	for _, m := range wantMoves {
		n += len(m)
	}
	if len(cfp.Transitions) != n {
		t.Errorf("len(Transitions) = %d, want %d", len(cfp.Transitions), n)
	}
	seen := map[[2]string]bool{}
	for _, tr := range cfp.Transitions {
		k := [2]string{string(tr.From), string(tr.Action)}
		if seen[k] {
			t.Errorf("Transitions lists %s/%s twice, want once", tr.From, tr.Action)
		}
		seen[k] = true
		m, ok := wantMoves[tr.From][tr.Action]
		if !ok {
			t.Errorf("Transitions has %s -%s-> %s, want no such transition", tr.From, tr.Action, tr.To)
			continue
		}
		if tr.To != m.to {
			t.Errorf("Transitions %s/%s goes to %s, want %s", tr.From, tr.Action, tr.To, m.to)
		}
		wantBy := cfp.BySystem
		if m.label != "" {
			wantBy = cfp.Actor(m.label[strings.Index(m.label, "(")+1 : len(m.label)-1])
		}
		if tr.By != wantBy {
			t.Errorf("Transitions %s/%s is by %s, want %s", tr.From, tr.Action, tr.By, wantBy)
		}
	}
}

func TestNextMessages(t *testing.T) {
	tests := []struct {
		from     cfp.State
		a        cfp.Action
		notified bool
		want     string
	}{
		{cfp.Accepted, cfp.Accept, false, "It is already accepted; from there it can only be: reject (organiser), backup (organiser)."},
		{cfp.Accepted, cfp.Accept, true, "It is already accepted; from there it can only be: confirm (speaker), decline (speaker)."},
		{cfp.Rejected, cfp.Reject, false, "It is already rejected; from there it can only be: accept (organiser), backup (organiser)."},
		{cfp.Rejected, cfp.Reject, true, "It is already rejected; nothing more can happen to it."},
		{cfp.Backup, cfp.MakeBackup, false, "It is already a backup; from there it can only be: accept (organiser), reject (organiser), withdraw (speaker)."},
		{cfp.Confirmed, cfp.Confirm, true, "It is already confirmed; from there it can only be: decline (speaker)."},
		{cfp.Withdrawn, cfp.Withdraw, false, "It is already withdrawn; nothing more can happen to it."},
		{cfp.Declined, cfp.Decline, true, "It is already declined; nothing more can happen to it."},
		{cfp.Withdrawn, cfp.Accept, false, "A submission that is withdrawn cannot be accepted; nothing more can happen to it."},
		{cfp.Accepted, cfp.Reject, true, "A submission that is accepted cannot be rejected now that its speaker has been told; from there it can only be: confirm (speaker), decline (speaker)."},
		{cfp.Rejected, cfp.Accept, true, "A submission that is rejected cannot be accepted now that its speaker has been told; nothing more can happen to it."},
		{cfp.Backup, cfp.Reject, true, "A submission that is a backup cannot be rejected now that its speaker has been told; from there it can only be: accept (organiser), withdraw (speaker)."},
		{cfp.Accepted, cfp.Confirm, false, "A submission that is accepted cannot be confirmed before its speaker has been told of the decision; from there it can only be: reject (organiser), backup (organiser)."},
		{cfp.Accepted, cfp.Decline, false, "A submission that is accepted cannot be declined before its speaker has been told of the decision; from there it can only be: reject (organiser), backup (organiser)."},
		{cfp.Submitted, cfp.Confirm, false, "A submission that is submitted cannot be confirmed; from there it can only be: withdraw (speaker), accept (organiser), reject (organiser), backup (organiser), move (organiser)."},
		{cfp.Submitted, cfp.Offer, false, "A submission that is submitted cannot be offered a slot; from there it can only be: withdraw (speaker), accept (organiser), reject (organiser), backup (organiser), move (organiser)."},
		{cfp.Accepted, cfp.MoveProposal, false, "A submission that is accepted cannot be moved; from there it can only be: reject (organiser), backup (organiser)."},
		{cfp.Accepted, cfp.Withdraw, true, "A submission that is accepted cannot be withdrawn; from there it can only be: confirm (speaker), decline (speaker)."},
		{cfp.Offered, cfp.Offer, false, "It is already offered a slot; from there it can only be: confirm (speaker), decline (speaker)."},
		{cfp.Submitted, cfp.Action("shred"), false, "A submission that is submitted cannot be shred; from there it can only be: withdraw (speaker), accept (organiser), reject (organiser), backup (organiser), move (organiser)."},
	}
	for _, tt := range tests {
		_, err := cfp.Next(tt.from, tt.a, tt.notified)
		if got := guild.ErrorMessage(err); got != tt.want {
			t.Errorf("Next(%s, %s, %v) message = %q, want %q", tt.from, tt.a, tt.notified, got, tt.want)
		}
	}
}

func TestOfferOnlyFromBackup(t *testing.T) {
	for _, from := range allStates {
		for _, notified := range []bool{false, true} {
			got, err := cfp.Next(from, cfp.Offer, notified)
			if from == cfp.Backup {
				if err != nil || got != cfp.Offered {
					t.Errorf("Next(%s, %s, %v) = %q, %v, want %q, nil", from, cfp.Offer, notified, got, err, cfp.Offered)
				}
				continue
			}
			if err == nil {
				t.Errorf("Next(%s, %s, %v) = %q, want an error", from, cfp.Offer, notified, got)
			}
		}
	}
}

func TestActionBy(t *testing.T) {
	tests := []struct {
		a    cfp.Action
		want cfp.Actor
	}{
		{cfp.Withdraw, cfp.BySpeaker},
		{cfp.Accept, cfp.ByOrganiser},
		{cfp.Reject, cfp.ByOrganiser},
		{cfp.MakeBackup, cfp.ByOrganiser},
		{cfp.Offer, cfp.BySystem},
		{cfp.Confirm, cfp.BySpeaker},
		{cfp.Decline, cfp.BySpeaker},
		{cfp.MoveProposal, cfp.ByOrganiser},
		{cfp.Action("unknown"), cfp.ByOrganiser},
	}
	for _, tt := range tests {
		if got := cfp.ActionBy(tt.a); got != tt.want {
			t.Errorf("ActionBy(%s) = %s, want %s", tt.a, got, tt.want)
		}
	}
}

func TestParseDecision(t *testing.T) {
	tests := []struct {
		in   string
		want cfp.Action
	}{
		{"accept", cfp.Accept},
		{"Accept", cfp.Accept},
		{" ACCEPTED ", cfp.Accept},
		{"yes", cfp.Accept},
		{"reject", cfp.Reject},
		{"Rejected", cfp.Reject},
		{"no", cfp.Reject},
		{"backup", cfp.MakeBackup},
		{"Standby", cfp.MakeBackup},
		{"reserve", cfp.MakeBackup},
	}
	for _, tt := range tests {
		got, err := cfp.ParseDecision(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDecision(%q) = %q, %v, want %q, nil", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "  ", "maybe", "confirm", "withdraw", "offer", "accept!", "back up"} {
		got, err := cfp.ParseDecision(in)
		if err == nil {
			t.Errorf("ParseDecision(%q) = %q, want an error", in, got)
			continue
		}
		if code := guild.ErrorCode(err); code != guild.EINVALID {
			t.Errorf("ParseDecision(%q) code = %q, want %q", in, code, guild.EINVALID)
		}
		if field := guild.ErrorField(err); field != "DECISION" {
			t.Errorf("ParseDecision(%q) field = %q, want %q", in, field, "DECISION")
		}
		want := fmt.Sprintf("%q is not a decision; decide accept, reject or backup.", in)
		if msg := guild.ErrorMessage(err); msg != want {
			t.Errorf("ParseDecision(%q) message = %q, want %q", in, msg, want)
		}
	}
}

func TestStatePredicates(t *testing.T) {
	tests := []struct {
		s                           cfp.State
		selected, decided, openWait bool
	}{
		{cfp.Submitted, false, false, true},
		{cfp.Withdrawn, false, false, false},
		{cfp.Accepted, true, true, false},
		{cfp.Rejected, false, true, false},
		{cfp.Backup, true, true, false},
		{cfp.Offered, true, false, false},
		{cfp.Confirmed, true, false, false},
		{cfp.Declined, false, false, false},
		{cfp.State("bogus"), false, false, false},
	}
	for _, tt := range tests {
		if got := tt.s.Selected(); got != tt.selected {
			t.Errorf("%s.Selected() = %v, want %v", tt.s, got, tt.selected)
		}
		if got := tt.s.Decided(); got != tt.decided {
			t.Errorf("%s.Decided() = %v, want %v", tt.s, got, tt.decided)
		}
		if got := tt.s.Open(); got != tt.openWait {
			t.Errorf("%s.Open() = %v, want %v", tt.s, got, tt.openWait)
		}
	}
}

// TestDecisionsLeadToDecidedStates checks every decision an organiser can
// parse leads, from a fresh submission, to a state the speaker is told of.
func TestDecisionsLeadToDecidedStates(t *testing.T) {
	for _, in := range []string{"accept", "reject", "backup"} {
		a, err := cfp.ParseDecision(in)
		if err != nil {
			t.Fatalf("ParseDecision(%q) error = %v", in, err)
		}
		to, err := cfp.Next(cfp.Submitted, a, false)
		if err != nil {
			t.Fatalf("Next(submitted, %s, false) error = %v", a, err)
		}
		if !to.Decided() {
			t.Errorf("Next(submitted, %s, false) = %s, which is not Decided(), want a decided state", a, to)
		}
	}
}
