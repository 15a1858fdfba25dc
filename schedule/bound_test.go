package schedule_test

import (
	"testing"

	"github.com/guildhall/guildhall/schedule"
)

func TestLowerBound(t *testing.T) {
	// small's slot capacities, largest first: 100, 100, 100, 30, 30, 30.
	auds := func(a ...int) []schedule.Talk {
		ts := make([]schedule.Talk, len(a))
		for i, x := range a {
			ts[i] = talk(i+1, x)
		}
		return ts
	}
	tests := []struct {
		name string
		in   *schedule.Instance
		want int
	}{
		// 150−100 + 120−100 + 101−100 + 40−30 + 35−30 + 0 = 86.
		{"hand-computed", small(auds(10, 150, 35, 101, 40, 120)...), 86},
		{"everyone seated", small(auds(100, 100, 100, 30, 30, 30)...), 0},
		{"one more than the seats", small(auds(101, 100, 100, 30, 30, 30)...), 1},
		// Six slots: the seventh talk has no seat at all.
		{"more talks than slots", small(auds(100, 100, 100, 30, 30, 30, 25)...), 25},
		{"no talks", small(), 0},
		{"empty", &schedule.Instance{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := schedule.LowerBound(tt.in); got != tt.want {
				t.Errorf("LowerBound: got %d, want %d", got, tt.want)
			}
		})
	}
}

// No schedule beats the bound; the solver meets it on generated instances
// of up to 330 talks.
func TestLowerBoundMetByGenerated(t *testing.T) {
	tests := []struct{ talks, rooms, days int }{{30, 3, 1}, {120, 4, 2}, {330, 6, 3}}
	for _, tt := range tests {
		for seed := int64(1); seed <= 3; seed++ {
			in := schedule.Generate(tt.talks, tt.rooms, tt.days, seed)
			res := mustSolve(t, in, schedule.Options{Seed: seed})
			if res.Score.OverflowTotal < res.LowerBound {
				t.Errorf("%v seed %d: got overflow %d, want at least the bound %d", tt, seed, res.Score.OverflowTotal, res.LowerBound)
			}
			if res.Gap() != 0 {
				t.Errorf("%v seed %d: got gap %d (overflow %d, bound %d), want 0", tt, seed, res.Gap(), res.Score.OverflowTotal, res.LowerBound)
			}
		}
	}
}

func TestAssignmentBound(t *testing.T) {
	long := func(id, audience int, unavailable ...int) schedule.Talk {
		return schedule.Talk{ID: id, Minutes: 60, Audience: audience, Unavailable: unavailable}
	}
	tests := []struct {
		name       string
		in         *schedule.Instance
		lower, got int
	}{
		// Only Main 10:00 (100 seats) and Lab 09:00 (30) last an hour:
		// 150−100 + 150−30, where LowerBound pairs both with 100 seats.
		{"slot lengths", small(long(1, 150), long(2, 150)), 100, 170},
		// Talk 1 may not use Main 10:00, so it takes the Lab: 150−30.
		{"availability", small(long(1, 150, 2), talk(2, 10)), 50, 120},
		{"no rule in the way", small(talk(1, 150), talk(2, 120), talk(3, 40)), 70, 70},
		{"no talks", small(), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := schedule.LowerBound(tt.in); got != tt.lower {
				t.Errorf("LowerBound: got %d, want %d", got, tt.lower)
			}
			got, err := schedule.AssignmentBound(tt.in)
			if err != nil || got != tt.got {
				t.Errorf("AssignmentBound: got %d, %v, want %d, nil", got, err, tt.got)
			}
			res := mustSolve(t, tt.in, schedule.Options{})
			if res.Score.OverflowTotal != tt.got {
				t.Errorf("Solve: got overflow %d, want the bound %d", res.Score.OverflowTotal, tt.got)
			}
		})
	}
	_, err := schedule.AssignmentBound(small(talk(1, 1), talk(2, 1), talk(3, 1), talk(4, 1), talk(5, 1), talk(6, 1), talk(7, 1)))
	wantMessage(t, err, "The talks need 7 slots, there are only 6.")
	two := schedule.Talk{ID: 2, Minutes: 30, Unavailable: []int{1, 2, 3, 4, 5}}
	_, err = schedule.AssignmentBound(small(schedule.Talk{ID: 1, Minutes: 30, Unavailable: []int{1, 2, 3, 4, 5}}, two))
	wantMessage(t, err, "talks 1 and 2 may use only 1 slot between them")
}

// Generated instances: LowerBound ≤ AssignmentBound ≤ the solver's
// overflow, and the solver reaches AssignmentBound.
func TestAssignmentBoundGenerated(t *testing.T) {
	for seed := int64(1); seed <= 6; seed++ {
		in := schedule.Generate(330, 6, 3, seed)
		ab, err := schedule.AssignmentBound(in)
		if err != nil {
			t.Fatalf("seed %d: AssignmentBound: got %v, want nil", seed, err)
		}
		res := mustSolve(t, in, schedule.Options{Seed: seed})
		if lb := schedule.LowerBound(in); lb > ab || ab != res.Score.OverflowTotal {
			t.Errorf("seed %d: got LowerBound %d, AssignmentBound %d, overflow %d; want %d ≤ %d = %d", seed, lb, ab, res.Score.OverflowTotal, lb, ab, ab)
		}
	}
}
