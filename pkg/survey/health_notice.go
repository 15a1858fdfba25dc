package survey

import (
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// NoticeRoundClosed is the message to a community's coordinator that a
// round of its health check closed, with what it added up to.
const NoticeRoundClosed NoticeKind = "closed"

// HealthNotice is a health-check message to one person; templates render
// it by kind (health_notice_request, health_notice_reminder,
// health_notice_closed).
type HealthNotice struct {
	// Kind is NoticeRequest (to each member: please answer),
	// NoticeReminder (to each member yet to answer: it closes soon) or
	// NoticeRoundClosed (to the coordinator).
	Kind  NoticeKind
	To    *guild.User
	Round *Survey
	// Report is the community's report once the round closed, for
	// NoticeRoundClosed.
	Report *HealthReport
	// Late is true when the message was due while guildhall was not
	// running.
	Late bool
	Now  time.Time
}

// Template is the name of the template that renders the notice.
func (n *HealthNotice) Template() string { return "health_notice_" + string(n.Kind) }

// Elements are the elements the health check asks about, in order.
func (n *HealthNotice) Elements() []Element { return Elements }

// RateCommand is the command that answers the round: "/community rate
// NAME".
func (n *HealthNotice) RateCommand() string { return RateCommand(n.Round.Name()) }

// Actions are the buttons the notice offers: a request or reminder answers
// the round.
func (n *HealthNotice) Actions() []guild.Action {
	if (n.Kind != NoticeRequest && n.Kind != NoticeReminder) || n.Round == nil {
		return nil
	}
	return []guild.Action{{Label: "Answer the health check", Primary: true, Command: n.RateCommand()}}
}

// RateCommand is the command that answers the health check of the
// community called name: "/community rate NAME", the name quoted when it
// has spaces.
func RateCommand(name string) string { return "/community rate " + guild.QuoteArg(name) }

// HealthCommand is the command that shows, or for its coordinator sends,
// the health check of the community called name.
func HealthCommand(name string) string { return "/community health " + guild.QuoteArg(name) }
