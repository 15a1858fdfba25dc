package survey

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Element is one of the five elements of a self-sustaining community
// (after Wenger, McDermott and Snyder) that a health check scores.
type Element string

// The five elements, as keys typed in /community rate.
const (
	Leadership Element = "leadership" // good leadership with a clear vision and goals
	Engagement Element = "engagement" // engaged members
	Sharing    Element = "sharing"    // sharing of knowledge and practice
	Skills     Element = "skills"     // support for skills development
	Support    Element = "support"    // visibility and support from the organisation
)

// Elements lists the five elements in the order a health check asks them.
var Elements = []Element{Leadership, Engagement, Sharing, Skills, Support}

// NumElements is how many elements a health check scores.
const NumElements = 5

// elementText is what each element says: its title, what it stands for,
// the question members answer, and what to do when it is weak.
var elementText = map[Element]struct{ title, about, question, action string }{
	Leadership: {
		"Leadership", "leadership with a clear vision and goals",
		"Does the community have good leadership, with a clear vision and goals?",
		"Revisit the charter together: agree the vision, turn the goals into a backlog everyone can see (/community charter), and share the leading, such as a different host for each meeting.",
	},
	Engagement: {
		"Engagement", "engaged members",
		"Are members engaged: do they come to meetings and take part?",
		"Pair each newcomer with a buddy, keep meetings regular (weekly while the community forms), and ask each member to take one backlog item; short formats such as lightning talks or a game bring quieter members in.",
	},
	Sharing: {
		"Sharing", "sharing of knowledge and practice",
		"Do members share their knowledge and practice with each other?",
		"Make sharing a habit: a show-and-tell or lightning talk at every meeting, shadowing sessions where members watch each other work, and notes of what was shown kept where everyone finds them.",
	},
	Skills: {
		"Skills", "skills development",
		"Does the community help you develop your skills?",
		"Start a mentoring scheme that pairs experienced and newer members, and run a hands-on workshop or tutorial on a skill members ask for; encourage a first talk at the next internal conference.",
	},
	Support: {
		"Support", "visibility and support from the organisation",
		"Does the organisation see and support the community, with time, budget or sponsorship?",
		"Ask for organisational sponsorship: find a senior sponsor, agree time for members to take part, and make the community's work visible with a talk at the next internal conference or a short write-up for leadership.",
	},
}

// Title is the element's name for a heading: "Leadership".
func (e Element) Title() string { return elementText[e].title }

// About is what the element stands for: "leadership with a clear vision
// and goals".
func (e Element) About() string { return elementText[e].about }

// Question is what a health check asks members about the element.
func (e Element) Question() string { return elementText[e].question }

// Action is a concrete step a community can take when the element is
// weak, drawn from the communities-of-practice literature: buddy systems,
// shadowing, mentoring, talks, workshops, a clear charter with its goals as
// a backlog, organisational sponsorship.
func (e Element) Action() string { return elementText[e].action }

// index is the element's place in Elements, or -1.
func (e Element) index() int {
	for i, x := range Elements {
		if x == e {
			return i
		}
	}
	return -1
}

// ParseElement reads an element's key without regard to case.
func ParseElement(s string) (Element, error) {
	e := Element(strings.ToLower(strings.TrimSpace(s)))
	if e.index() < 0 {
		return "", guild.FieldErrorf("element", "%s is not an element of a health check; the five are leadership, engagement, sharing, skills and support.", guild.QuoteArg(s))
	}
	return e, nil
}

// Scale limits a health check's scores: each element is rated from
// MinScore (weak) to MaxScore (strong).
const (
	MinScore = 1
	MaxScore = 5
)

// HealthAnswer is one member's answer to a round of a community's health
// check. It is always anonymous: the store keeps it under a voter key and
// nothing else.
type HealthAnswer struct {
	// Scores rate the elements 1..5, in the order of Elements; 0 is not
	// rated.
	Scores [NumElements]int
	// Comment is optional free text for the coordinator, shown without a
	// name.
	Comment string
}

// Score is the answer's score of e, 0 when not rated.
func (a *HealthAnswer) Score(e Element) int {
	if i := e.index(); i >= 0 {
		return a.Scores[i]
	}
	return 0
}

// Set sets the score of e.
func (a *HealthAnswer) Set(e Element, score int) {
	if i := e.index(); i >= 0 {
		a.Scores[i] = score
	}
}

// Normalize trims the spaces around the comment.
func (a *HealthAnswer) Normalize() { a.Comment = strings.TrimSpace(a.Comment) }

// ParseHealthAnswer reads an answer typed as key=value: one score per
// element (leadership=4 engagement=3 …) and comment="..". It only reads
// numbers; Validate checks they are all there and in range. Other keys are
// ignored.
func ParseHealthAnswer(opts map[string]string) (*HealthAnswer, error) {
	a := &HealthAnswer{Comment: opts["comment"]}
	for _, e := range Elements {
		v, ok := opts[string(e)]
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return nil, guild.FieldErrorf(string(e), "%s=%s is not a score: rate %s from %d (weak) to %d (strong), such as %s=4.",
				e, guild.QuoteArg(v), e.About(), MinScore, MaxScore, e)
		}
		a.Set(e, n)
	}
	return a, nil
}

// Validate checks that every element is rated from 1 to 5 and that the
// comment is within guild.CheckText's limits. The error names the field at
// fault: an element's key, or comment.
func (a *HealthAnswer) Validate() error {
	for i, e := range Elements {
		switch s := a.Scores[i]; {
		case s == 0:
			return guild.FieldErrorf(string(e), "Rate %s too, from %d (weak) to %d (strong), such as %s=4: a health check needs a score for each of leadership, engagement, sharing, skills and support.",
				e.About(), MinScore, MaxScore, e)
		case s < MinScore || s > MaxScore:
			return guild.FieldErrorf(string(e), "%s=%d is out of range: rate each element from %d (weak) to %d (strong).", e, s, MinScore, MaxScore)
		}
	}
	return guild.CheckText("comment", a.Comment, false)
}

// NewHealthRound returns round n (from 1) of the health check of the
// community id called name, before it goes out: anonymous, reminding two
// days and closing seven days after it goes out.
func NewHealthRound(id int64, name string, n int) *Survey {
	return &Survey{Kind: KindHealth, CommunityID: id, Community: name, Round: n, State: Scheduled, Anonymous: true,
		RemindAfter: DefaultRemindAfter, CloseAfter: DefaultCloseAfter}
}

// CheckNextRound refuses to send another round of a health check while
// s, the latest round, is open at now, saying when it went out and when it
// closes, with times in loc.
func (s *Survey) CheckNextRound(now time.Time, loc *time.Location) error {
	if s == nil || s.StateAt(now) != Open {
		return nil
	}
	return guild.Errorf(guild.ECONFLICT, "Round %d of the health check of %s went out on %s, %s, and is open until %s; one round goes out at a time. /community health %s shows how it stands.",
		s.Round, s.Name(), when(s.SentAt, loc), s.how(), when(s.ClosesAt, loc), guild.QuoteArg(s.Name()))
}

// CheckHealthAnswer refuses an answer to the health check of community at
// now when latest, its latest round, is not open; latest is nil when no
// round went out yet. next, when not zero, is when the next round goes out
// by itself. Times are in loc.
func CheckHealthAnswer(community string, latest *Survey, next time.Time, now time.Time, loc *time.Location) error {
	then := ""
	if !next.IsZero() {
		then = " The next round goes out on " + when(next, loc) + "."
	}
	if latest == nil || !latest.Sent() {
		return guild.Errorf(guild.ECONFLICT, "No health check of %s is open, so there is nothing to answer yet; its coordinator sends one with /community health %s.%s",
			community, guild.QuoteArg(community), then)
	}
	if latest.StateAt(now) == Closed {
		return guild.Errorf(guild.ECONFLICT, "Round %d of the health check of %s closed on %s; it no longer takes answers. /community health %s shows its results.%s",
			latest.Round, latest.Name(), when(latest.ClosesAt, loc), guild.QuoteArg(latest.Name()), then)
	}
	return nil
}

// HealthOptions are what the coordinator may set on a round before it goes
// out, or on the rounds a cadence sends; nil fields leave the defaults.
type HealthOptions struct {
	// RemindAfter and CloseAfter are how long after a round goes out the
	// one reminder goes to those yet to answer, and it closes.
	RemindAfter *time.Duration
	CloseAfter  *time.Duration
}

// IsZero reports whether the options change nothing.
func (o HealthOptions) IsZero() bool { return o.RemindAfter == nil && o.CloseAfter == nil }

// ParseHealthOptions reads remind=DURATION and close=DURATION, as
// ParseDuration reads them ("2d", "36h", "1w"). Other keys are ignored.
func ParseHealthOptions(opts map[string]string) (HealthOptions, error) {
	var o HealthOptions
	for _, f := range []struct {
		key string
		to  **time.Duration
	}{{"remind", &o.RemindAfter}, {"close", &o.CloseAfter}} {
		v, ok := opts[f.key]
		if !ok {
			continue
		}
		d, err := ParseDuration(f.key, v)
		if err != nil {
			return HealthOptions{}, err
		}
		*f.to = &d
	}
	return o, nil
}

// Apply changes s as o says and checks the result as Options.Apply does:
// the round stays open between MinCloseAfter and MaxCloseAfter, and the
// reminder falls after it goes out and before it closes. On an error s is
// unchanged.
func (o HealthOptions) Apply(s *Survey) error {
	return Options{RemindAfter: o.RemindAfter, CloseAfter: o.CloseAfter}.Apply(s)
}

// HealthService runs communities' health checks. Methods act as the user in
// the context (guild.NewContextWithUser) and return *guild.Error values
// whose messages can be shown to that user.
type HealthService interface {
	// Send sends the next round of the community's health check now to
	// its members, with o applied (its coordinator or an organiser); with
	// o zero, a cadence's remind= and close= apply. It is refused, saying
	// when it went out, while a round is open.
	Send(ctx context.Context, communityName string, o HealthOptions) (*Survey, error)
	// Answer records the acting member's answer to the open round;
	// answering again replaces the earlier answer (Receipt.Updated).
	// Only members answer.
	Answer(ctx context.Context, communityName string, a *HealthAnswer) (*Receipt, error)
	// Report adds up every round of the community's health check (its
	// members, its coordinator and organisers).
	Report(ctx context.Context, communityName string) (*HealthReport, error)
	// SetCadence makes rounds go out by themselves as c says, or with c
	// zero stops them (its coordinator or an organiser). It returns the
	// cadence as stored.
	SetCadence(ctx context.Context, communityName string, c HealthCadence) (*HealthCadence, error)
}
