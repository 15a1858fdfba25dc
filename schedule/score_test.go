package schedule_test

import (
	"testing"

	"github.com/guildhall/guildhall/schedule"
)

// scoreInstance places, by hand:
//
//	1 (120, go, Eng)  Main 09:00–09:30  overflow 20
//	2 (50, go, Eng)   Lab 09:00–10:00   overflow 20; parallel to 1: a tag pair and a department pair
//	3 lightning       Main 09:30–10:00  half an hour after the day's first slot
//	4 game (go)       Lab 10:00–10:30   half an hour before the day's last end (11:00)
//	5 first time (go) Main 10:00–11:00  Main's last slot; parallel to 4: a tag pair
func scoreInstance() (*schedule.Instance, schedule.Solution) {
	in := small(
		schedule.Talk{ID: 1, Minutes: 30, Audience: 120, Tags: []string{"go"}, Department: "Eng"},
		schedule.Talk{ID: 2, Minutes: 30, Audience: 50, Tags: []string{"go", "data"}, Department: "Eng"},
		schedule.Talk{ID: 3, Minutes: 30, Audience: 10, Kind: schedule.KindLightning},
		schedule.Talk{ID: 4, Minutes: 30, Audience: 10, Kind: schedule.KindGame, Tags: []string{"go"}},
		schedule.Talk{ID: 5, Minutes: 60, Audience: 10, FirstTime: true, Tags: []string{"go"}},
	)
	sol := schedule.Solution{{Talk: 1, Room: "Main", Start: 540}, {Talk: 2, Room: "Lab", Start: 540},
		{Talk: 3, Room: "Main", Start: 570}, {Talk: 4, Room: "Lab", Start: 600}, {Talk: 5, Room: "Main", Start: 600}}
	return in, sol
}

func TestEvaluate(t *testing.T) {
	terms := schedule.Score{OverflowTotal: 40, OverflowWorst: 20, TagParallel: 2, DeptParallel: 1, LightningLate: 1, ClosingEarly: 1, FirstTimeLast: 1}
	with := func(soft int) schedule.Score { s := terms; s.Soft = soft; return s }
	tests := []struct {
		name    string
		weights schedule.Weights
		want    schedule.Score
	}{
		{"default weights", schedule.Weights{}, with(10*2 + 3*1 + 2*1 + 2*1 + 10*1)},
		{"tags only", schedule.Weights{TagParallel: 1}, with(2)},
		{"first time only", schedule.Weights{FirstTimeLast: 4}, with(4)},
		{"all ones", schedule.Weights{TagParallel: 1, DeptParallel: 1, LightningLate: 1, ClosingEarly: 1, FirstTimeLast: 1}, with(6)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, sol := scoreInstance()
			in.Weights = tt.weights
			if got := schedule.Evaluate(in, sol); got != tt.want {
				t.Errorf("Evaluate: got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestEvaluateSkipsWhatCheckRefuses(t *testing.T) {
	in, sol := scoreInstance()
	want := schedule.Evaluate(in, sol)
	sol = append(sol, schedule.Assignment{Talk: 1, Room: "Lab", Start: 630}, schedule.Assignment{Talk: 9, Room: "Lab", Start: 630},
		schedule.Assignment{Talk: 2, Room: "Nowhere", Start: 0})
	if got := schedule.Evaluate(in, sol); got != want {
		t.Errorf("Evaluate with bad extras: got %+v, want %+v", got, want)
	}
}

func TestScoreBetter(t *testing.T) {
	tests := []struct {
		a, b schedule.Score
		want bool
	}{
		{schedule.Score{OverflowTotal: 1, Soft: 0}, schedule.Score{OverflowTotal: 2, Soft: 0}, true},
		{schedule.Score{OverflowTotal: 1, Soft: 900}, schedule.Score{OverflowTotal: 2, Soft: 0}, true},
		{schedule.Score{OverflowTotal: 2, Soft: 0}, schedule.Score{OverflowTotal: 1, Soft: 900}, false},
		{schedule.Score{OverflowTotal: 1, Soft: 3}, schedule.Score{OverflowTotal: 1, Soft: 4}, true},
		{schedule.Score{OverflowTotal: 1, Soft: 4}, schedule.Score{OverflowTotal: 1, Soft: 4}, false},
	}
	for _, tt := range tests {
		if got := tt.a.Better(tt.b); got != tt.want {
			t.Errorf("%+v.Better(%+v): got %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
