package schedule_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/guildhall/guildhall/schedule"
)

// withdraw returns a copy of in without talk id (and without mentions of
// it in not_with).
func withdraw(in *schedule.Instance, id int) *schedule.Instance {
	out := *in
	out.Talks = nil
	for _, t := range in.Talks {
		if t.ID == id {
			continue
		}
		t.NotWith = slices.DeleteFunc(slices.Clone(t.NotWith), func(o int) bool { return o == id })
		out.Talks = append(out.Talks, t)
	}
	return &out
}

// promote returns a copy of in with talk b added.
func promote(in *schedule.Instance, b schedule.Talk) *schedule.Instance {
	out := *in
	out.Talks = append(slices.Clone(in.Talks), b)
	return &out
}

// freeSlots lists the slots sol leaves empty.
func freeSlots(in *schedule.Instance, sol schedule.Solution) []int {
	var free []int
	for i, s := range in.Slots {
		used := false
		for _, a := range sol {
			used = used || a.Room == s.Room && a.Start == s.Start
		}
		if !used {
			free = append(free, i)
		}
	}
	return free
}

// busiest returns a speaker with the most talks.
func busiest(in *schedule.Instance) string {
	n := map[string]int{}
	best := ""
	for _, t := range in.Talks {
		for _, sp := range t.Speakers {
			n[sp]++
			if n[sp] > n[best] || n[sp] == n[best] && sp < best {
				best = sp
			}
		}
	}
	return best
}

// mustResolve re-solves and checks the result: valid, talks not in
// Moved where they were, and at most most talks moved.
func mustResolve(t *testing.T, in *schedule.Instance, prev schedule.Solution, most int) *schedule.Result {
	t.Helper()
	res, err := schedule.Resolve(in, prev, schedule.Options{})
	if err != nil {
		t.Fatalf("Resolve: got %v, want a schedule", err)
	}
	mustBeValid(t, in, res)
	if len(res.Moved) > most {
		t.Errorf("Moved: got %d talks %v, want at most %d", len(res.Moved), res.Moved, most)
	}
	for _, a := range prev {
		b, ok := res.Solution.Of(a.Talk)
		if !ok || slices.Contains(res.Moved, a.Talk) {
			continue
		}
		if a != b {
			t.Errorf("talk %d: got %s %d, want it kept at %s %d or listed in Moved", a.Talk, b.Room, b.Start, a.Room, a.Start)
		}
	}
	return res
}

func TestResolve(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		in := schedule.Generate(120, 4, 2, seed)
		base := mustSolve(t, in, schedule.Options{Seed: seed})
		gone := base.Solution[len(base.Solution)/2].Talk
		withdrawn, _ := in.Talk(gone)
		out := withdraw(in, gone)
		after, err := schedule.Resolve(out, base.Solution, schedule.Options{})
		if err != nil {
			t.Fatalf("Resolve after withdrawing %d: got %v, want a schedule", gone, err)
		}
		backup := schedule.Talk{ID: 1000, Minutes: withdrawn.Minutes, Audience: withdrawn.Audience, Speakers: []string{"backup-speaker"},
			Tags: withdrawn.Tags, Department: withdrawn.Department}
		tests := []struct {
			name string
			in   *schedule.Instance
			prev schedule.Solution
			most int
			ok   func(t *testing.T, res *schedule.Result)
		}{
			{"withdrawal", out, base.Solution, 0, nil},
			{"promotion of a backup", promote(out, backup), after.Solution, 3, func(t *testing.T, res *schedule.Result) {
				if _, ok := res.Solution.Of(1000); !ok {
					t.Errorf("backup: got no assignment, want one")
				}
			}},
			// The backup is given by the busiest speaker and may use no
			// free slot: someone has to make room.
			{"promotion that needs room", func() *schedule.Instance {
				b := backup
				b.Speakers = []string{busiest(out)}
				b.Unavailable = freeSlots(out, after.Solution)
				return promote(out, b)
			}(), after.Solution, 3, func(t *testing.T, res *schedule.Result) {
				if len(res.Moved) == 0 {
					t.Errorf("Moved: got none, want at least one talk moved to make room")
				}
			}},
			// A speaker can no longer make their slot: that talk moves.
			{"a talk's slot becomes unavailable", func() *schedule.Instance {
				c := *in
				c.Talks = slices.Clone(in.Talks)
				for i := range c.Talks {
					if c.Talks[i].ID == gone {
						s := slotOf(t, in, base.Solution, gone)
						k, _ := in.SlotAt(s.Room, s.Start)
						c.Talks[i].Unavailable = append(slices.Clone(c.Talks[i].Unavailable), k)
					}
				}
				return &c
			}(), base.Solution, 4, func(t *testing.T, res *schedule.Result) {
				if !slices.Contains(res.Moved, gone) {
					t.Errorf("Moved: got %v, want it to list talk %d", res.Moved, gone)
				}
			}},
			{"nothing changed", in, base.Solution, 0, func(t *testing.T, res *schedule.Result) {
				if res.Score != base.Score {
					t.Errorf("Score: got %+v, want the previous %+v", res.Score, base.Score)
				}
			}},
			{"no previous schedule", in, nil, 0, nil},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s seed %d", tt.name, seed), func(t *testing.T) {
				res := mustResolve(t, tt.in, tt.prev, tt.most)
				if tt.ok != nil {
					tt.ok(t, res)
				}
			})
		}
	}
}

func TestResolveRefusesInfeasible(t *testing.T) {
	in := small(talk(1, 10, "ann"), talk(2, 10, "ann"), talk(3, 10, "ann"), talk(4, 10, "ann"))
	base := mustSolve(t, in, schedule.Options{})
	_, err := schedule.Resolve(promote(in, talk(5, 10, "ann")), base.Solution, schedule.Options{})
	wantMessage(t, err, "Speaker ann has 5 talks but there are only 4 non-overlapping slot times those talks can use.")
}
