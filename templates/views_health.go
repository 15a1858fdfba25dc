package templates

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// HealthTableRounds is how many rounds, the latest, the health report's
// table shows: enough for a trend, narrow enough for a chat message.
const HealthTableRounds = 6

// HealthShownComments is how many comments of the latest round the report
// quotes, and HealthShownWeak how many weak elements it gives an action
// for: with the table, the report stays within a chat message (Discord
// takes 2,000 characters).
const (
	HealthShownComments = 3
	HealthShownWeak     = 3
)

// HealthSent confirms that /community health sent a round.
type HealthSent struct {
	Round  *survey.Survey
	Reader *guild.User
}

// HealthRated confirms /community rate.
type HealthRated struct {
	Receipt *survey.Receipt
	Answer  *survey.HealthAnswer
	Reader  *guild.User
}

// Elements are the elements in the order a health check asks them.
func (v HealthRated) Elements() []survey.Element { return survey.Elements }

// HealthCadenceSet confirms /community health every=: when rounds go out
// by themselves, or that they no longer do.
type HealthCadenceSet struct {
	Community string
	Cadence   survey.HealthCadence
	// Next are the next times a round goes out.
	Next   []time.Time
	Reader *guild.User
}

// HealthReportView is /community health showing the report: the trend of
// each element over the rounds, the weak elements with a suggested action,
// the stage note, and the round open now.
type HealthReportView struct {
	Report    *survey.HealthReport
	Community *community.Community
	// Member is true when the reader is a member, so answers; CanManage
	// when they are its coordinator or an organiser, so send rounds.
	Member, CanManage bool
	Reader            *guild.User
}

// HealthRow is one line of the report's table: an element, or the overall
// average, over the rounds shown.
type HealthRow struct {
	Title  string
	Values []float64
	// Trend and Delta compare the latest round with the one before.
	Trend survey.Trend
	Delta float64
	// Scores counts the latest round's scores of the element; nil for the
	// overall average.
	Scores *survey.Distribution
}

// Shown are the scored rounds the table shows, oldest first.
func (v HealthReportView) Shown() []*survey.HealthRound {
	s := v.Report.Scored
	return s[max(0, len(s)-HealthTableRounds):]
}

// Rows are the table's lines: the five elements, then the overall average.
func (v HealthReportView) Rows() []HealthRow {
	n := len(v.Shown())
	latest := v.Report.Latest()
	rows := make([]HealthRow, 0, survey.NumElements+1)
	for _, e := range survey.Elements {
		s := v.Report.Series(e)
		d := latest.Distribution(e)
		rows = append(rows, HealthRow{Title: e.Title(), Values: s.Last(n).Values, Trend: s.Trend(), Delta: s.Delta(), Scores: &d})
	}
	o := v.Report.Overall
	return append(rows, HealthRow{Title: "Overall", Values: o.Last(n).Values, Trend: o.Trend(), Delta: o.Delta()})
}

// Avg writes an average with one decimal, halves rounded up: "3.8".
func (v HealthReportView) Avg(x float64) string { return avg(x) }

// Signed writes a change of average with its sign and one decimal, as Avg
// rounds: "+0.3", "−0.5".
func (v HealthReportView) Signed(d float64) string {
	r := math.Round(d*10) / 10
	switch {
	case r > 0:
		return "+" + strconv.FormatFloat(r, 'f', 1, 64)
	case r < 0:
		return "−" + strconv.FormatFloat(-r, 'f', 1, 64)
	}
	return "±0.0"
}

// WeakShown are the weak elements the report gives an action for: the
// HealthShownWeak weakest, in the order of survey.Elements.
func (v HealthReportView) WeakShown() []survey.Weakness {
	shown, _ := v.splitWeak()
	return shown
}

// WeakOthers are the weak elements beyond WeakShown, named without an
// action.
func (v HealthReportView) WeakOthers() []survey.Weakness {
	_, others := v.splitWeak()
	return others
}

func (v HealthReportView) splitWeak() (shown, others []survey.Weakness) {
	weak := v.Report.Weak
	if len(weak) <= HealthShownWeak {
		return weak, nil
	}
	byAvg := slices.Clone(weak)
	slices.SortStableFunc(byAvg, func(a, b survey.Weakness) int { return cmp.Compare(a.Average, b.Average) })
	keep := map[survey.Element]bool{}
	for _, w := range byAvg[:HealthShownWeak] {
		keep[w.Element] = true
	}
	for _, w := range weak {
		if keep[w.Element] {
			shown = append(shown, w)
		} else {
			others = append(others, w)
		}
	}
	return shown, others
}

// Comments are the latest round's comments the report quotes, and More
// how many it leaves out.
func (v HealthReportView) Comments() []string {
	if l := v.Report.Latest(); l != nil {
		return l.Comments[:min(len(l.Comments), HealthShownComments)]
	}
	return nil
}

// More counts the latest round's comments the report leaves out.
func (v HealthReportView) More() int {
	if l := v.Report.Latest(); l != nil {
		return max(0, len(l.Comments)-HealthShownComments)
	}
	return 0
}

// Unanswered is the latest round when it closed with no answers, so the
// table does not show it; nil otherwise.
func (v HealthReportView) Unanswered() *survey.HealthRound {
	if l := v.Report.Last(); l != nil && !l.Withheld && l.Answers == 0 {
		return l
	}
	return nil
}

// NextCadence is when the cadence sends the next round, zero when none.
func (v HealthReportView) NextCadence() time.Time { return v.Report.Cadence.NextAt(v.Report.Now) }

// Thresholds are the figures the report reads scores by, for its
// sentences.
func (v HealthReportView) Thresholds() HealthThresholds { return healthThresholds }

// HealthThresholds are survey's thresholds written as the report says them.
type HealthThresholds struct {
	WeakBelow, StrongFrom, HighFrom, StallFloor string
}

var healthThresholds = HealthThresholds{
	WeakBelow: avg(survey.WeakBelow), StrongFrom: avg(survey.StrongFrom), HighFrom: avg(survey.HighFrom), StallFloor: avg(survey.StallFloor),
}

// avg writes an average with one decimal, halves rounded up.
func avg(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', 1, 64) }
