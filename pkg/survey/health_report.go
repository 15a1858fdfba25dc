package survey

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
)

// The thresholds a health report reads scores by. An average is the mean
// of an element's 1..5 scores in a round; the overall average of a round
// is the mean of its five element averages.
const (
	// WeakBelow: an element whose average in the latest scored round is
	// below it is weak.
	WeakBelow = 3.0
	// StrongFrom: an element averaging at least this is strong.
	StrongFrom = 4.0
	// HighFrom: an overall average of at least this is high.
	HighFrom = 3.5
	// StallFloor: an overall average below this warns that the community
	// is stalling.
	StallFloor = 2.5
	// SteadyWithin: an average that moved by less than this since the
	// previous round is steady; by this much or more it is up or down.
	SteadyWithin = 0.25
	// FallingRounds: an element that went down this many rounds in a row
	// is weak, whatever its average; the overall average going down this
	// many rounds in a row warns of stalling.
	FallingRounds = 2
	// HighRounds: a potential or forming community whose overall average
	// was high in this many scored rounds in a row, and not down in the
	// last, with no weak element, looks ready for the next stage.
	HighRounds = 2
	// SustainedRounds: a maturing community whose five elements were all
	// strong in this many scored rounds in a row looks self-sustaining.
	SustainedRounds = 3
)

// Trend says how an average moved between two rounds.
type Trend string

// The trends.
const (
	TrendUp     Trend = "up"
	TrendDown   Trend = "down"
	TrendSteady Trend = "steady"
)

// Arrow is the trend as one character: ↑, ↓ or →; "" for no trend.
func (t Trend) Arrow() string {
	switch t {
	case TrendUp:
		return "↑"
	case TrendDown:
		return "↓"
	case TrendSteady:
		return "→"
	}
	return ""
}

// epsilon absorbs floating-point error in averages of small integers.
const epsilon = 1e-9

// trendOf is how an average moved from prev to cur.
func trendOf(prev, cur float64) Trend {
	switch d := cur - prev; {
	case d >= SteadyWithin-epsilon:
		return TrendUp
	case d <= -SteadyWithin+epsilon:
		return TrendDown
	}
	return TrendSteady
}

// Series is one measure across the scored rounds of a health check, oldest
// first: an element's average, or the overall average.
type Series struct {
	// Element is the element measured, "" for the overall average.
	Element Element
	// Rounds are the numbers of the rounds, and Values the averages.
	Rounds []int
	Values []float64
}

// Len is how many rounds the series covers.
func (s Series) Len() int { return len(s.Values) }

// Latest is the average in the latest round, 0 for none.
func (s Series) Latest() float64 {
	if len(s.Values) == 0 {
		return 0
	}
	return s.Values[len(s.Values)-1]
}

// Previous is the average in the round before the latest, and
// PreviousRound that round's number; 0 with fewer than two rounds.
func (s Series) Previous() float64 {
	if len(s.Values) < 2 {
		return 0
	}
	return s.Values[len(s.Values)-2]
}

// PreviousRound is the number of the round before the latest; 0 with
// fewer than two rounds.
func (s Series) PreviousRound() int {
	if len(s.Rounds) < 2 {
		return 0
	}
	return s.Rounds[len(s.Rounds)-2]
}

// Delta is the latest average less the previous round's, 0 with fewer
// than two rounds.
func (s Series) Delta() float64 {
	if len(s.Values) < 2 {
		return 0
	}
	return s.Values[len(s.Values)-1] - s.Values[len(s.Values)-2]
}

// Trend is how the average moved since the previous round; "" with fewer
// than two rounds.
func (s Series) Trend() Trend {
	if len(s.Values) < 2 {
		return ""
	}
	return trendOf(s.Values[len(s.Values)-2], s.Latest())
}

// AcrossDelta is the latest average less the first round's.
func (s Series) AcrossDelta() float64 {
	if len(s.Values) < 2 {
		return 0
	}
	return s.Latest() - s.Values[0]
}

// Across is how the average moved from the first round to the latest; ""
// with fewer than two rounds.
func (s Series) Across() Trend {
	if len(s.Values) < 2 {
		return ""
	}
	return trendOf(s.Values[0], s.Latest())
}

// Falling counts the rounds in a row, up to the latest, in which the
// average went down.
func (s Series) Falling() int {
	n := 0
	for i := len(s.Values) - 1; i > 0 && trendOf(s.Values[i-1], s.Values[i]) == TrendDown; i-- {
		n++
	}
	return n
}

// Last returns the series cut to its last n rounds.
func (s Series) Last(n int) Series {
	if n >= len(s.Values) {
		return s
	}
	k := len(s.Values) - n
	return Series{Element: s.Element, Rounds: s.Rounds[k:], Values: s.Values[k:]}
}

// HealthRound is what one round of a health check adds up to.
type HealthRound struct {
	Survey *Survey
	// Recipients is how many were asked, with anyone who answered without
	// being sent it; Answers how many answered.
	Recipients int
	Answers    int
	// Withheld is true while the round is open: its scores and comments
	// are left out until it closes, so that no one answer can be read off
	// the change it makes.
	Withheld bool
	// Scores counts the scores of each element, in the order of Elements.
	Scores [NumElements]Distribution
	// Comments are the answers' comments, in the order they were given,
	// without names.
	Comments []string
}

// Number is the round's number, from 1.
func (r *HealthRound) Number() int { return r.Survey.Round }

// Distribution counts the scores of e.
func (r *HealthRound) Distribution(e Element) Distribution {
	if i := e.index(); i >= 0 {
		return r.Scores[i]
	}
	return Distribution{}
}

// Average is the mean score of e, 0 when nobody answered.
func (r *HealthRound) Average(e Element) float64 {
	d := r.Distribution(e)
	return d.Average()
}

// Overall is the mean of the five element averages, 0 when nobody
// answered.
func (r *HealthRound) Overall() float64 {
	if r.Answers == 0 || r.Withheld {
		return 0
	}
	sum := 0.0
	for i := range r.Scores {
		sum += r.Scores[i].Average()
	}
	return sum / NumElements
}

// Scored reports whether the round counts in the trend: it closed and
// someone answered.
func (r *HealthRound) Scored() bool { return !r.Withheld && r.Answers > 0 }

// Percent is the share of recipients who answered, in whole percent.
func (r *HealthRound) Percent() int {
	if r.Recipients == 0 {
		return 0
	}
	return int(math.Round(100 * float64(r.Answers) / float64(r.Recipients)))
}

// Weakness is an element that needs attention, with what to do about it.
type Weakness struct {
	Element Element
	// Average is its average in the latest scored round.
	Average float64
	// Below is true when the average is below WeakBelow; Falling when it
	// went down FallingRounds rounds in a row.
	Below   bool
	Falling bool
}

// Action is the suggested action for the element.
func (w Weakness) Action() string { return w.Element.Action() }

// StageNoteKind says what a stage note suggests.
type StageNoteKind string

// The kinds of stage note.
const (
	// NoteAdvance: the scores suggest the community has reached the next
	// stage (To).
	NoteAdvance StageNoteKind = "advance"
	// NoteStalling: the overall average is falling round after round, or
	// below StallFloor; the community may stall.
	NoteStalling StageNoteKind = "stalling"
)

// StageNote is a note that the trend suggests the community's stage has
// changed, or is at risk. It suggests; only the coordinator or an
// organiser changes the stage (/community stage).
type StageNote struct {
	Kind StageNoteKind
	// From is the community's recorded stage; To the stage the trend
	// suggests, for NoteAdvance.
	From, To community.Stage
	// Rounds is how many scored rounds the note rests on.
	Rounds int
	// Overall is the latest overall average.
	Overall float64
	// Below and Falling say why a NoteStalling was given: the overall
	// average is below StallFloor, or went down FallingRounds rounds in a
	// row.
	Below, Falling bool
}

// HealthRow is one stored answer to a round, as a health report is
// computed from it. It names no one.
type HealthRow struct {
	// Survey is the ID of the round it answers.
	Survey  int64
	Scores  [NumElements]int
	Comment string
}

// HealthRows are the plain rows a health report is computed from, as the
// store reads them.
type HealthRows struct {
	Community string
	// Stage is the community's recorded stage.
	Stage community.Stage
	// Rounds are the community's rounds, in any order.
	Rounds []*Survey
	// Answers are the answers to every round; comments keep their order.
	Answers []HealthRow
	// Cadence is when rounds go out by themselves; zero for by hand only.
	Cadence HealthCadence
	Now     time.Time
}

// HealthReport is what a community's health checks add up to: each round,
// the trend of each element across the rounds, the weak elements with a
// suggested action each, and a note when the trend suggests the stage has
// changed.
type HealthReport struct {
	Community string
	Stage     community.Stage
	Now       time.Time
	// Rounds are every round, oldest first; Scored those that count in the
	// trend (closed, with answers).
	Rounds []*HealthRound
	Scored []*HealthRound
	// Elements are the averages of each element over Scored, in the order
	// of Elements; Overall the overall averages.
	Elements []Series
	Overall  Series
	// Weak are the weak elements, in the order of Elements.
	Weak []Weakness
	// Note is set when the trend suggests the stage changed or may stall.
	Note *StageNote
	// Open is the round taking answers, nil when none.
	Open *HealthRound
	// Answered is true when the reader answered Open; the store sets it
	// from the bare "answered" flag, which names no answer.
	Answered bool
	Cadence  HealthCadence
}

// Latest is the latest scored round, nil when none.
func (r *HealthReport) Latest() *HealthRound {
	if len(r.Scored) == 0 {
		return nil
	}
	return r.Scored[len(r.Scored)-1]
}

// Last is the latest round, open or closed, nil when none went out.
func (r *HealthReport) Last() *HealthRound {
	if len(r.Rounds) == 0 {
		return nil
	}
	return r.Rounds[len(r.Rounds)-1]
}

// Series returns the averages of e across the scored rounds.
func (r *HealthReport) Series(e Element) Series {
	if i := e.index(); i >= 0 && i < len(r.Elements) {
		return r.Elements[i]
	}
	return Series{Element: e}
}

// NextRound is the number the next round will have.
func (r *HealthReport) NextRound() int {
	if last := r.Last(); last != nil {
		return last.Number() + 1
	}
	return 1
}

// ComputeHealth adds up the rows. A round open at in.Now counts its
// answers but withholds its scores and comments until it closes; closed
// rounds with answers make the trend. It takes time linear in the rows,
// plus sorting the rounds.
func ComputeHealth(in HealthRows) *HealthReport {
	r := &HealthReport{Community: in.Community, Stage: in.Stage, Now: in.Now, Cadence: in.Cadence}
	rounds := slices.Clone(in.Rounds)
	slices.SortFunc(rounds, func(a, b *Survey) int { return cmp.Compare(a.Round, b.Round) })
	byID := make(map[int64]*HealthRound, len(rounds))
	r.Rounds = make([]*HealthRound, len(rounds))
	for i, sv := range rounds {
		hr := &HealthRound{Survey: sv, Withheld: sv.StateAt(in.Now) != Closed}
		r.Rounds[i], byID[sv.ID] = hr, hr
	}
	for _, a := range in.Answers {
		hr := byID[a.Survey]
		if hr == nil {
			continue
		}
		hr.Answers++
		if hr.Withheld {
			continue
		}
		for i, s := range a.Scores {
			hr.Scores[i].Add(s)
		}
		if a.Comment != "" {
			hr.Comments = append(hr.Comments, a.Comment)
		}
	}
	for _, hr := range r.Rounds {
		hr.Recipients = max(hr.Survey.Recipients, hr.Answers)
		if hr.Survey.StateAt(in.Now) == Open {
			r.Open = hr
		}
		if hr.Scored() {
			r.Scored = append(r.Scored, hr)
		}
	}
	r.Elements = make([]Series, NumElements)
	for i, e := range Elements {
		r.Elements[i] = Series{Element: e}
	}
	for _, hr := range r.Scored {
		for i, e := range Elements {
			r.Elements[i].Rounds = append(r.Elements[i].Rounds, hr.Number())
			r.Elements[i].Values = append(r.Elements[i].Values, hr.Average(e))
		}
		r.Overall.Rounds = append(r.Overall.Rounds, hr.Number())
		r.Overall.Values = append(r.Overall.Values, hr.Overall())
	}
	for _, s := range r.Elements {
		if s.Len() == 0 {
			continue
		}
		w := Weakness{Element: s.Element, Average: s.Latest(), Below: s.Latest() < WeakBelow-epsilon, Falling: s.Falling() >= FallingRounds}
		if w.Below || w.Falling {
			r.Weak = append(r.Weak, w)
		}
	}
	r.Note = stageNote(r)
	return r
}

// stageNote is the note the trend of r suggests, or nil:
//   - stalling, at any stage but transformation and ended, when the
//     overall average of the latest scored round is below StallFloor or
//     went down FallingRounds rounds in a row;
//   - otherwise the next stage, for a potential or forming community whose
//     overall average was at least HighFrom in the last HighRounds scored
//     rounds, not down in the latest, with no weak element;
//   - or self-sustaining, for a maturing community whose five elements
//     were all at least StrongFrom in the last SustainedRounds scored
//     rounds.
func stageNote(r *HealthReport) *StageNote {
	n := len(r.Scored)
	if n == 0 || r.Stage == community.StageTransformation || r.Stage == community.StageEnded {
		return nil
	}
	o := r.Overall
	below, falling := o.Latest() < StallFloor-epsilon, o.Falling() >= FallingRounds
	if below || falling {
		rounds := 1
		if falling {
			rounds = o.Falling() + 1
		}
		return &StageNote{Kind: NoteStalling, From: r.Stage, Rounds: rounds, Overall: o.Latest(), Below: below, Falling: falling}
	}
	switch r.Stage {
	case community.StagePotential, community.StageForming:
		if n < HighRounds || o.Trend() == TrendDown || len(r.Weak) > 0 {
			return nil
		}
		for _, v := range o.Last(HighRounds).Values {
			if v < HighFrom-epsilon {
				return nil
			}
		}
		return &StageNote{Kind: NoteAdvance, From: r.Stage, To: nextStage(r.Stage), Rounds: HighRounds, Overall: o.Latest()}
	case community.StageMaturing:
		if n < SustainedRounds {
			return nil
		}
		for _, s := range r.Elements {
			for _, v := range s.Last(SustainedRounds).Values {
				if v < StrongFrom-epsilon {
					return nil
				}
			}
		}
		return &StageNote{Kind: NoteAdvance, From: r.Stage, To: community.StageSelfSustaining, Rounds: SustainedRounds, Overall: o.Latest()}
	}
	return nil
}

// nextStage is the maturity stage after s.
func nextStage(s community.Stage) community.Stage {
	if i := slices.Index(community.Stages, s); i >= 0 && i+1 < len(community.Stages) {
		return community.Stages[i+1]
	}
	return s
}
