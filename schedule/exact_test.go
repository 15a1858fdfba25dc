package schedule_test

import (
	"fmt"
	"testing"

	"github.com/guildhall/guildhall/schedule"
)

// Exact agrees with or beats the heuristic on 30-talk instances, and
// proves its answer. The instances are ones whose proofs take from a few
// nodes to a few thousand.
func TestExactVersusHeuristic(t *testing.T) {
	tests := []struct {
		rooms, days int
		seed        int64
	}{{3, 1, 1}, {3, 1, 4}, {3, 1, 5}, {3, 1, 16}, {2, 2, 4}, {2, 2, 5}}
	beaten := 0
	for _, tt := range tests {
		t.Run(fmt.Sprintf("30 talks %d rooms %d days seed %d", tt.rooms, tt.days, tt.seed), func(t *testing.T) {
			in := schedule.Generate(30, tt.rooms, tt.days, tt.seed)
			heur := mustSolve(t, in, schedule.Options{Seed: tt.seed})
			exact, err := schedule.Exact(in, schedule.Options{Seed: tt.seed, Iterations: 20000})
			if err != nil {
				t.Fatalf("Exact: got %v, want a schedule", err)
			}
			mustBeValid(t, in, exact)
			if heur.Score.Better(exact.Score) {
				t.Errorf("Exact: got %+v, want no worse than the heuristic's %+v", exact.Score, heur.Score)
			}
			if !exact.Proven || !exact.OverflowProven {
				t.Errorf("Exact: got proven %v, overflow proven %v after %d nodes, want both", exact.Proven, exact.OverflowProven, exact.Iterations)
			}
			if exact.Score.Better(heur.Score) {
				beaten++
			}
		})
	}
	t.Logf("Exact beat the heuristic on %d of %d instances", beaten, len(tests))
}

// On an instance small enough to enumerate, Exact finds the best of every
// possible schedule.
func TestExactMatchesEnumeration(t *testing.T) {
	lightning := schedule.Talk{ID: 4, Minutes: 30, Audience: 60, Kind: schedule.KindLightning, Tags: []string{"go"}}
	game := schedule.Talk{ID: 5, Minutes: 30, Audience: 20, Kind: schedule.KindGame, Speakers: []string{"ann"}}
	first := schedule.Talk{ID: 6, Minutes: 30, Audience: 35, FirstTime: true, Tags: []string{"go"}, Department: "QA"}
	tests := []struct {
		name string
		in   *schedule.Instance
	}{
		{"overflow and tags", small(
			schedule.Talk{ID: 1, Minutes: 60, Audience: 120, Speakers: []string{"ann"}, Tags: []string{"go"}, Department: "QA"},
			schedule.Talk{ID: 2, Minutes: 30, Audience: 90, Speakers: []string{"sam"}, Tags: []string{"go"}, Department: "QA"},
			schedule.Talk{ID: 3, Minutes: 30, Audience: 40, Speakers: []string{"ann", "li"}, Tags: []string{"data"}},
			lightning, game, first)},
		{"not_with and availability", small(
			schedule.Talk{ID: 1, Minutes: 30, Audience: 100, NotWith: []int{2}, Tags: []string{"go"}},
			schedule.Talk{ID: 2, Minutes: 30, Audience: 100, Unavailable: []int{0}, Tags: []string{"go"}},
			schedule.Talk{ID: 3, Minutes: 45, Audience: 50, Speakers: []string{"li"}},
			lightning, game)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, n := enumerate(tt.in)
			if n == 0 {
				t.Fatalf("enumeration found no valid schedule")
			}
			got, err := schedule.Exact(tt.in, schedule.Options{})
			if err != nil {
				t.Fatalf("Exact: got %v, want a schedule", err)
			}
			mustBeValid(t, tt.in, got)
			if got.Score.OverflowTotal != want.OverflowTotal || got.Score.Soft != want.Soft || !got.Proven {
				t.Errorf("Exact: got %+v (proven %v), want the best of %d schedules %+v", got.Score, got.Proven, n, want)
			}
		})
	}
}

// enumerate scores every assignment of talks to distinct slots that Check
// accepts and returns the best score and how many there were.
func enumerate(in *schedule.Instance) (schedule.Score, int) {
	var best schedule.Score
	n := 0
	used := make([]bool, len(in.Slots))
	sol := make(schedule.Solution, len(in.Talks))
	var rec func(k int)
	rec = func(k int) {
		if k == len(in.Talks) {
			if schedule.Check(in, sol).Total() != 0 {
				return
			}
			sc := schedule.Evaluate(in, sol)
			if n == 0 || sc.Better(best) {
				best = sc
			}
			n++
			return
		}
		for s, slot := range in.Slots {
			if used[s] {
				continue
			}
			used[s] = true
			sol[k] = schedule.Assignment{Talk: in.Talks[k].ID, Room: slot.Room, Start: slot.Start}
			rec(k + 1)
			used[s] = false
		}
	}
	rec(0)
	return best, n
}

func TestExactRefusesLargeInstances(t *testing.T) {
	in := schedule.Generate(schedule.MaxExactTalks+1, 3, 2, 1)
	_, err := schedule.Exact(in, schedule.Options{})
	wantMessage(t, err, fmt.Sprintf("Exact takes at most %d talks; this instance has %d.", schedule.MaxExactTalks, schedule.MaxExactTalks+1))
}

func TestExactNodeBudget(t *testing.T) {
	// Four rooms in parallel make many soft pairs; one node cannot prove
	// anything but still returns the heuristic's schedule.
	in := schedule.Generate(30, 4, 1, 1)
	heur := mustSolve(t, in, schedule.Options{Seed: 1})
	got, err := schedule.Exact(in, schedule.Options{Seed: 1, Iterations: 1})
	if err != nil {
		t.Fatalf("Exact: got %v, want a schedule", err)
	}
	mustBeValid(t, in, got)
	if got.Proven {
		t.Errorf("Proven after one node: got true, want false")
	}
	if heur.Score.Better(got.Score) {
		t.Errorf("Exact: got %+v, want no worse than the heuristic's %+v", got.Score, heur.Score)
	}
}
