package templates

import (
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// Attended confirms /event attend.
type Attended struct {
	Attendance *survey.Attendance
	Reader     *guild.User
	Now        time.Time
}

// State is where the event's survey stands now.
func (v Attended) State() survey.State { return v.Attendance.Survey.StateAt(v.Now) }

// SurveyAnswered confirms /survey answer.
type SurveyAnswered struct {
	Receipt *survey.Receipt
	Reader  *guild.User
}

// SurveyStatus is /survey schedule and /survey send: when and how a
// survey goes out, reminds and closes.
type SurveyStatus struct {
	Survey *survey.Survey
	// Changed is true when an organiser just changed its settings.
	Changed bool
	Reader  *guild.User
	Now     time.Time
}

// State is where the survey stands now.
func (v SurveyStatus) State() survey.State { return v.Survey.StateAt(v.Now) }

// Reminded reports whether the reminder has gone out.
func (v SurveyStatus) Reminded() bool {
	return v.Survey.Sent() && !v.Now.Before(v.Survey.RemindAt)
}

// SurveyResults is /survey results: what the answers add up to, with one
// page of the "different" answers.
type SurveyResults struct {
	Results *survey.Results
	// Page is the page of "different" answers shown, of Pages, PerPage to
	// a page.
	Page, Pages, PerPage int
	// Link and CSV are the addresses of the feedback page and its export,
	// for the reader alone until Until; "" when no web pages are served.
	Link, CSV string
	Until     time.Time
	Reader    *guild.User
	Now       time.Time
}

// Different returns the page's "different" answers.
func (v SurveyResults) Different() []survey.Quote {
	all := v.Results.Different
	from := min(len(all), (v.Page-1)*v.PerPage)
	return all[from:min(len(all), from+v.PerPage)]
}

// First is the number of the page's first answer, from 1.
func (v SurveyResults) First() int { return (v.Page-1)*v.PerPage + 1 }

// State is where the survey stands now.
func (v SurveyResults) State() survey.State { return v.Results.Survey.StateAt(v.Now) }

// Rated returns the talks that have any feedback, in the line-up's order.
func (v SurveyResults) Rated() []*survey.TalkFeedback {
	var out []*survey.TalkFeedback
	for _, f := range v.Results.Talks {
		if f.Count() > 0 || f.Helped > 0 || len(f.Comments) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// Unrated counts the line-up's talks with no feedback at all.
func (v SurveyResults) Unrated() int {
	n := 0
	for _, f := range v.Results.Talks {
		if f.Count() == 0 && f.Helped == 0 && len(f.Comments) == 0 && len(f.Talk.Speakers) > 0 {
			n++
		}
	}
	return n
}

// FeedbackReleased confirms /survey release.
type FeedbackReleased struct {
	Event    string
	Feedback []*survey.TalkFeedback
}

// SpeakerFeedback is /survey feedback: the released feedback on the
// reader's talks.
type SpeakerFeedback struct {
	Event    string
	Feedback []*survey.TalkFeedback
}

// WriteupView is /survey writeup: the Markdown draft of a post.
type WriteupView struct {
	*survey.Writeup
	Now time.Time
}

// Event is the event written up.
func (v WriteupView) Event() *event.Event { return v.Results.Survey.Event }

// IdeaList is /idea list.
type IdeaList struct {
	Event *event.Event
	// Ideas are those shown: those in State, or all when State is "".
	Ideas []*survey.Idea
	// All counts the event's ideas in every state.
	All    int
	State  survey.IdeaState
	Reader *guild.User
}

// IdeaSet confirms /idea done, progress, drop and open.
type IdeaSet struct {
	Idea   *survey.Idea
	Reader *guild.User
}

// Bar draws n of most as a bar of at most width blocks; a count above
// zero gets at least one block, so nothing counted looks like nothing.
func Bar(n, most, width int) string {
	if n <= 0 || most <= 0 {
		return ""
	}
	k := max(1, (n*width+most/2)/most)
	return strings.Repeat("█", min(k, width))
}

// Decimal writes x with one decimal: "4.3".
func Decimal(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// Most is the largest count in a distribution, for scaling bars.
func Most(d survey.Distribution) int {
	m := 0
	for _, c := range d {
		m = max(m, c)
	}
	return m
}

// Stars lists 5 down to 1, for drawing a distribution best first.
func Stars() []int { return []int{5, 4, 3, 2, 1} }

// Rooms names the event's rooms: "Main, Lab and Studio".
func (v WriteupView) Rooms() string {
	var names []string
	for _, r := range v.Event().Rooms {
		names = append(names, r.Name)
	}
	return List(names)
}

// PeopleNames names people by their names, as a blog post does: "Ann", "Ann and
// Ben".
func PeopleNames(us []*guild.User) string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.Name
	}
	return List(names)
}

// ThemeList writes the themes for a sentence: "**flaky tests** (3
// answers), **pairing** (2 answers)".
func (v WriteupView) ThemeList() string {
	parts := make([]string, len(v.Themes))
	for i, t := range v.Themes {
		parts[i] = "**" + t.Words + "** (" + Plural(t.Answers, "answer", "answers") + ")"
	}
	return List(parts)
}
