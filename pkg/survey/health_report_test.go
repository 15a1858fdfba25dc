package survey_test

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/survey"
)

// firstRound is when round 1 of the test community's health check went
// out; each later round went out four weeks after the one before.
var firstRound = time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)

// closedRound is round n of Testers' health check, sent to recipients
// and closed a week later.
func closedRound(n, recipients int) *survey.Survey {
	s := survey.NewHealthRound(1, "Testers", n)
	s.ID, s.Recipients = int64(100+n), recipients
	s.Send(firstRound.AddDate(0, 0, 28*(n-1)), nil)
	s.State, s.ClosedAt = survey.Closed, s.ClosesAt
	return s
}

// rows are answers to round n: each of scores is one answer.
func rows(n int, scores ...[5]int) []survey.HealthRow {
	out := make([]survey.HealthRow, len(scores))
	for i, s := range scores {
		out[i] = survey.HealthRow{Survey: int64(100 + n), Scores: s}
	}
	return out
}

// history is the rows of closed rounds, round i+1 answered by avgs[i]:
// two answers per round whose element averages are exactly avgs[i],
// given in halves (a score of 7 stands for 3.5: answers of 3 and 4).
func history(stage community.Stage, avgs ...[5]float64) survey.HealthRows {
	in := survey.HealthRows{Community: "Testers", Stage: stage}
	for i, a := range avgs {
		var lo, hi [5]int
		for j, v := range a {
			lo[j], hi[j] = int(math.Floor(v)), int(math.Ceil(v))
		}
		in.Rounds = append(in.Rounds, closedRound(i+1, 4))
		in.Answers = append(in.Answers, rows(i+1, lo, hi)...)
	}
	in.Now = firstRound.AddDate(1, 0, 0)
	return in
}

func TestComputeHealthEmpty(t *testing.T) {
	r := survey.ComputeHealth(survey.HealthRows{Community: "Testers", Stage: community.StageForming, Now: firstRound})
	if len(r.Rounds) != 0 || r.Latest() != nil || r.Last() != nil || r.Open != nil || len(r.Weak) != 0 || r.Note != nil {
		t.Errorf("report of no rounds = %+v, want nothing", r)
	}
	if r.NextRound() != 1 || len(r.Elements) != 5 || r.Series(survey.Skills).Len() != 0 || r.Overall.Trend() != "" {
		t.Errorf("NextRound %d, %d element series, want round 1 next and five empty series", r.NextRound(), len(r.Elements))
	}
}

func TestComputeHealthFirstRound(t *testing.T) {
	in := survey.HealthRows{Community: "Testers", Stage: community.StageForming, Now: firstRound.AddDate(0, 1, 0),
		Rounds:  []*survey.Survey{closedRound(1, 5)},
		Answers: rows(1, [5]int{4, 2, 3, 5, 1}, [5]int{5, 3, 3, 4, 2}, [5]int{3, 2, 4, 4, 2})}
	in.Answers[0].Comment = "More pairing, please."
	in.Answers = append(in.Answers, survey.HealthRow{Survey: 999, Scores: [5]int{1, 1, 1, 1, 1}}) // another community's
	r := survey.ComputeHealth(in)
	if len(r.Rounds) != 1 || len(r.Scored) != 1 || r.Latest() != r.Rounds[0] || r.Open != nil || r.NextRound() != 2 {
		t.Fatalf("report = %+v, want one scored round, none open, round 2 next", r)
	}
	hr := r.Latest()
	if hr.Answers != 3 || hr.Recipients != 5 || hr.Percent() != 60 || hr.Withheld {
		t.Errorf("round 1: %d of %d answered (%d%%), withheld %t; want 3 of 5 (60%%), shown", hr.Answers, hr.Recipients, hr.Percent(), hr.Withheld)
	}
	if d := hr.Distribution(survey.Engagement); d != (survey.Distribution{0, 2, 1, 0, 0}) {
		t.Errorf("engagement scores = %v, want two 2s and a 3", d)
	}
	want := map[survey.Element]float64{survey.Leadership: 4, survey.Engagement: 7.0 / 3, survey.Sharing: 10.0 / 3, survey.Skills: 13.0 / 3, survey.Support: 5.0 / 3}
	for e, w := range want {
		if got := hr.Average(e); !sameAvg(got, w) {
			t.Errorf("Average(%s) = %v, want %v", e, got, w)
		}
		if s := r.Series(e); s.Len() != 1 || s.Trend() != "" || s.Delta() != 0 || s.Across() != "" || s.Falling() != 0 {
			t.Errorf("%s series = %+v, trend %q; want one round and no trend yet", e, s, s.Trend())
		}
	}
	if !sameAvg(hr.Overall(), (4+7.0/3+10.0/3+13.0/3+5.0/3)/5) {
		t.Errorf("Overall = %v", hr.Overall())
	}
	if got := weakKeys(r); !slices.Equal(got, []string{"engagement:below", "support:below"}) {
		t.Errorf("weak = %q, want engagement and support, below 3", got)
	}
	if r.Weak[0].Action() != survey.Engagement.Action() {
		t.Errorf("weak engagement's action = %q, want the element's", r.Weak[0].Action())
	}
	if !slices.Equal(hr.Comments, []string{"More pairing, please."}) {
		t.Errorf("comments = %q, want the one given", hr.Comments)
	}
	if r.Note != nil {
		t.Errorf("note = %+v, want none after one fair round", r.Note)
	}
}

// weakKeys lists the weak elements as "element:why".
func weakKeys(r *survey.HealthReport) []string {
	var out []string
	for _, w := range r.Weak {
		why := ""
		if w.Below {
			why += "below"
		}
		if w.Falling {
			why += "falling"
		}
		out = append(out, string(w.Element)+":"+why)
	}
	return out
}

// An open round counts its answers but keeps its scores and comments back
// until it closes, and the trend is that of the closed rounds.
func TestComputeHealthOpenRoundWithheld(t *testing.T) {
	in := history(community.StageForming, [5]float64{3, 3, 3, 3, 3})
	open := survey.NewHealthRound(1, "Testers", 2)
	open.ID, open.Recipients = 102, 4
	open.Send(firstRound.AddDate(0, 0, 28), nil)
	in.Rounds = append([]*survey.Survey{open}, in.Rounds...) // out of order
	in.Answers = append(in.Answers, rows(2, [5]int{1, 1, 1, 1, 1})...)
	in.Answers[len(in.Answers)-1].Comment = "secret"
	in.Now = open.SentAt.Add(time.Hour)
	r := survey.ComputeHealth(in)
	if r.Open == nil || r.Open.Number() != 2 || !r.Open.Withheld || r.Open.Answers != 1 || r.Open.Recipients != 4 {
		t.Fatalf("open round = %+v, want round 2, withheld, 1 of 4 answered", r.Open)
	}
	if r.Open.Average(survey.Leadership) != 0 || r.Open.Overall() != 0 || len(r.Open.Comments) != 0 || r.Open.Scored() {
		t.Errorf("open round shows scores %v or comments %q, want them withheld", r.Open.Scores, r.Open.Comments)
	}
	if len(r.Rounds) != 2 || r.Rounds[0].Number() != 1 || r.Last() != r.Open || len(r.Scored) != 1 || r.Latest().Number() != 1 || r.NextRound() != 3 {
		t.Errorf("rounds %d, scored %d, want both rounds oldest first and only round 1 scored", len(r.Rounds), len(r.Scored))
	}
	// Once it closes, it counts.
	in.Now = open.ClosesAt
	r = survey.ComputeHealth(in)
	if r.Open != nil || len(r.Scored) != 2 || r.Series(survey.Support).Trend() != survey.TrendDown || r.Latest().Comments[0] != "secret" {
		t.Errorf("after closing: open %v, %d scored, support trend %q, want none open, 2 scored, support down", r.Open, len(r.Scored), r.Series(survey.Support).Trend())
	}
	// A closed round nobody answered is listed but not scored.
	in.Answers = in.Answers[:len(in.Answers)-1]
	r = survey.ComputeHealth(in)
	if len(r.Rounds) != 2 || len(r.Scored) != 1 || r.Rounds[1].Percent() != 0 {
		t.Errorf("with round 2 unanswered: %d rounds, %d scored, want 2 and 1", len(r.Rounds), len(r.Scored))
	}
}

// Three rounds: leadership goes up, engagement down, the others hold.
func TestComputeHealthTrendOverThreeRounds(t *testing.T) {
	r := survey.ComputeHealth(history(community.StageForming,
		[5]float64{3, 4.5, 3.5, 3.5, 3},
		[5]float64{3.5, 4, 3.5, 3.5, 3},
		[5]float64{4.5, 3.5, 3.5, 4, 3.5},
	))
	tests := []struct {
		e             survey.Element
		values        []float64
		trend, across survey.Trend
		delta         float64
		falling       int
	}{
		{survey.Leadership, []float64{3, 3.5, 4.5}, survey.TrendUp, survey.TrendUp, 1, 0},
		{survey.Engagement, []float64{4.5, 4, 3.5}, survey.TrendDown, survey.TrendDown, -0.5, 2},
		{survey.Sharing, []float64{3.5, 3.5, 3.5}, survey.TrendSteady, survey.TrendSteady, 0, 0},
		{survey.Skills, []float64{3.5, 3.5, 4}, survey.TrendUp, survey.TrendUp, 0.5, 0},
		{survey.Support, []float64{3, 3, 3.5}, survey.TrendUp, survey.TrendUp, 0.5, 0},
	}
	for _, tt := range tests {
		s := r.Series(tt.e)
		if !slices.Equal(s.Values, tt.values) || !slices.Equal(s.Rounds, []int{1, 2, 3}) {
			t.Errorf("%s: values %v over rounds %v, want %v over 1, 2, 3", tt.e, s.Values, s.Rounds, tt.values)
		}
		if s.Trend() != tt.trend || s.Across() != tt.across || !sameAvg(s.Delta(), tt.delta) || s.Falling() != tt.falling {
			t.Errorf("%s: trend %s (%+.2f), across %s, falling %d; want %s (%+.2f), %s, %d",
				tt.e, s.Trend(), s.Delta(), s.Across(), s.Falling(), tt.trend, tt.delta, tt.across, tt.falling)
		}
	}
	if s := r.Series(survey.Engagement); s.Previous() != 4 || s.PreviousRound() != 2 || (survey.Series{}).Previous() != 0 || (survey.Series{}).PreviousRound() != 0 {
		t.Errorf("engagement before the latest = %v in round %d, want 4 in round 2", s.Previous(), s.PreviousRound())
	}
	if s := r.Series(survey.Leadership); !sameAvg(s.AcrossDelta(), 1.5) || s.Trend().Arrow() != "↑" || s.Last(2).Len() != 2 || s.Last(9).Len() != 3 {
		t.Errorf("leadership across %+.2f, arrow %q, want +1.5, ↑", s.AcrossDelta(), s.Trend().Arrow())
	}
	if survey.TrendDown.Arrow() != "↓" || survey.TrendSteady.Arrow() != "→" || survey.Trend("").Arrow() != "" {
		t.Errorf("arrows: %q %q %q", survey.TrendDown.Arrow(), survey.TrendSteady.Arrow(), survey.Trend("").Arrow())
	}
	// Engagement is still 3.5, but it fell two rounds in a row.
	if got := weakKeys(r); !slices.Equal(got, []string{"engagement:falling"}) {
		t.Errorf("weak = %q, want engagement, falling", got)
	}
	if r.Note != nil {
		t.Errorf("note = %+v, want none while an element is weak", r.Note)
	}
}

func TestTrendThreshold(t *testing.T) {
	tests := []struct {
		from, to float64
		want     survey.Trend
	}{
		{3, 3.25, survey.TrendUp},
		{3, 3.2, survey.TrendSteady},
		{3.25, 3, survey.TrendDown},
		{3, 2.8, survey.TrendSteady},
		{4, 4, survey.TrendSteady},
		{1, 5, survey.TrendUp},
	}
	for _, tt := range tests {
		s := survey.Series{Values: []float64{tt.from, tt.to}}
		if got := s.Trend(); got != tt.want {
			t.Errorf("%v → %v: Trend() = %s, want %s", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestStageNote(t *testing.T) {
	high := [5]float64{4, 3.5, 4, 3.5, 3.5}  // overall 3.7
	higher := [5]float64{4, 4, 4, 3.5, 3.5}  // overall 3.8
	strong := [5]float64{4, 4.5, 4, 4, 5}    // all at least 4
	fair := [5]float64{3, 3, 3, 3, 3}        // overall 3
	poor := [5]float64{2, 2.5, 2.5, 2, 2.5}  // overall 2.3, below the floor
	dip := [5]float64{3.5, 3.5, 3.5, 3.5, 3} // overall 3.4, below high
	tests := []struct {
		name    string
		stage   community.Stage
		rounds  [][5]float64
		kind    survey.StageNoteKind // "" for no note
		to      community.Stage
		falling bool
		below   bool
	}{
		{"forming, high and steady for two rounds", community.StageForming, [][5]float64{high, higher}, survey.NoteAdvance, community.StageMaturing, false, false},
		{"potential, high and steady", community.StagePotential, [][5]float64{high, high}, survey.NoteAdvance, community.StageForming, false, false},
		{"forming, high in one round only", community.StageForming, [][5]float64{high}, "", "", false, false},
		{"forming, high then a dip", community.StageForming, [][5]float64{high, dip}, "", "", false, false},
		{"forming, high but falling in the latest", community.StageForming, [][5]float64{strong, high}, "", "", false, false},
		{"forming, high but with a weak element", community.StageForming, [][5]float64{{4, 4, 4, 4, 2.5}, {4, 4, 4, 4, 2.5}}, "", "", false, false},
		{"maturing, strong for three rounds", community.StageMaturing, [][5]float64{strong, strong, strong}, survey.NoteAdvance, community.StageSelfSustaining, false, false},
		{"maturing, strong after a fair start", community.StageMaturing, [][5]float64{fair, strong, strong, strong}, survey.NoteAdvance, community.StageSelfSustaining, false, false},
		{"maturing, strong for two rounds only", community.StageMaturing, [][5]float64{high, strong, strong}, "", "", false, false},
		{"maturing, high but not strong", community.StageMaturing, [][5]float64{higher, higher, higher}, "", "", false, false},
		{"self-sustaining and strong: nothing to say", community.StageSelfSustaining, [][5]float64{strong, strong, strong}, "", "", false, false},
		{"falling round after round", community.StageMaturing, [][5]float64{high, dip, fair}, survey.NoteStalling, "", true, false},
		{"falling round after round from strong", community.StageSelfSustaining, [][5]float64{strong, higher, fair}, survey.NoteStalling, "", true, false},
		{"below the floor in the first round", community.StageForming, [][5]float64{poor}, survey.NoteStalling, "", false, true},
		{"below the floor and falling", community.StageForming, [][5]float64{high, fair, poor}, survey.NoteStalling, "", true, true},
		{"one fall is not a stall", community.StageMaturing, [][5]float64{high, high, fair}, "", "", false, false},
		{"ended: no note", community.StageEnded, [][5]float64{poor}, "", "", false, false},
		{"transformation: no note", community.StageTransformation, [][5]float64{high, fair, poor}, "", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := survey.ComputeHealth(history(tt.stage, tt.rounds...))
			if tt.kind == "" {
				if r.Note != nil {
					t.Errorf("note = %+v, want none", r.Note)
				}
				return
			}
			n := r.Note
			if n == nil {
				t.Fatalf("note = nil, want %s (overall %v)", tt.kind, r.Overall.Values)
			}
			if n.Kind != tt.kind || n.From != tt.stage || n.To != tt.to || n.Falling != tt.falling || n.Below != tt.below || !sameAvg(n.Overall, r.Overall.Latest()) {
				t.Errorf("note = %+v, want %s from %s to %q, falling %t, below %t", n, tt.kind, tt.stage, tt.to, tt.falling, tt.below)
			}
		})
	}
}

func TestStageNoteRounds(t *testing.T) {
	strong := [5]float64{4, 4, 4, 4, 4}
	r := survey.ComputeHealth(history(community.StageMaturing, strong, strong, strong))
	if r.Note == nil || r.Note.Rounds != survey.SustainedRounds {
		t.Errorf("self-sustaining note = %+v, want it to rest on %d rounds", r.Note, survey.SustainedRounds)
	}
	r = survey.ComputeHealth(history(community.StageForming, [5]float64{3.5, 3.5, 3.5, 3.5, 3.5}, [5]float64{3, 3, 3, 3, 3}, [5]float64{2.5, 2.5, 2.5, 3, 2.5}))
	if r.Note == nil || r.Note.Kind != survey.NoteStalling || r.Note.Rounds != 3 {
		t.Errorf("stalling note = %+v, want it to rest on three falling rounds", r.Note)
	}
}

// sameAvg reports whether two averages are equal but for rounding.
func sameAvg(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
