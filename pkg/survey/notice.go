package survey

import (
	"strconv"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// NoticeKind says why a survey message is sent.
type NoticeKind string

// The messages a survey sends.
const (
	NoticeRequest  NoticeKind = "request"  // to each recipient: please answer
	NoticeReminder NoticeKind = "reminder" // to each recipient yet to answer: the survey closes soon
	NoticeFeedback NoticeKind = "feedback" // to a talk's speakers: the feedback on their talk
	NoticeOpen     NoticeKind = "open"     // to the event's channel: the survey is open, answer it
)

// Notice is a survey message to one person, or for NoticeOpen to the
// event's channel; templates render it by kind (survey_notice_request,
// survey_notice_reminder, survey_notice_feedback, survey_notice_open).
type Notice struct {
	Kind NoticeKind
	// To is the recipient; nil for NoticeOpen, which goes to a channel.
	To     *guild.User
	Survey *Survey
	// Talks is the event's line-up, for NoticeRequest and NoticeReminder.
	Talks []Talk
	// Feedback is the talk's feedback as its speakers see it, for
	// NoticeFeedback.
	Feedback *TalkFeedback
	// Late is true when the message was due while guildhall was not
	// running.
	Late bool
	Now  time.Time
}

// Template is the name of the template that renders the notice.
func (n *Notice) Template() string { return "survey_notice_" + string(n.Kind) }

// Actions are the buttons the notice offers: a request or reminder opens
// the survey's form.
func (n *Notice) Actions() []guild.Action {
	if (n.Kind != NoticeRequest && n.Kind != NoticeReminder && n.Kind != NoticeOpen) || n.Survey == nil {
		return nil
	}
	return []guild.Action{{Label: "Answer the survey", Primary: true, Command: "/survey answer " + guild.QuoteArg(n.Survey.Name())}}
}

// IdeaNotice asks the owner of an idea whether they took it forward; the
// template idea_notice_followup renders it.
type IdeaNotice struct {
	To   *guild.User
	Idea *Idea
	// Followup is 1 for the first follow-up, 2 for the second; Weeks is
	// how many weeks after the idea was raised it is due.
	Followup int
	Weeks    int
	Late     bool
	Now      time.Time
}

// IdeaFollowupTemplate is the name of the template that renders an
// IdeaNotice.
const IdeaFollowupTemplate = "idea_notice_followup"

// Actions are the buttons the follow-up offers: done, in progress and
// dropped; the one the idea is in already is left out.
func (n *IdeaNotice) Actions() []guild.Action {
	if n.Idea == nil {
		return nil
	}
	var out []guild.Action
	for _, b := range []struct {
		label   string
		st      IdeaState
		primary bool
		danger  bool
	}{{"Done", IdeaDone, true, false}, {"In progress", IdeaInProgress, false, false}, {"Dropped", IdeaDropped, false, true}} {
		if n.Idea.State == b.st {
			continue
		}
		out = append(out, guild.Action{Label: b.label, Primary: b.primary, Danger: b.danger, Command: SetCommand(n.Idea.ID, b.st)})
	}
	return out
}

// SetCommand is the command that sets idea id to st: "/idea done #12",
// "/idea progress #12", "/idea drop #12" or "/idea open #12".
func SetCommand(id int64, st IdeaState) string {
	return "/idea " + st.Verb() + " #" + itoa(id)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
