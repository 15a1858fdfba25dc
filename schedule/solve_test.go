package schedule_test

import (
	"reflect"
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
)

// Each hard rule against a temptation to break it: the rule must win, and
// Check must find nothing.
func TestSolveKeepsHardRules(t *testing.T) {
	tests := []struct {
		name string
		in   *schedule.Instance
		ok   func(t *testing.T, in *schedule.Instance, sol schedule.Solution)
	}{
		{
			// Both want Main (100 seats); one gets the Lab.
			"a slot holds one talk",
			small(talk(1, 100, "ann"), talk(2, 100, "sam"), talk(3, 100, "li"), talk(4, 100, "omar")),
			func(t *testing.T, in *schedule.Instance, sol schedule.Solution) {
				seen := map[schedule.Slot]int{}
				for _, a := range sol {
					s := slotOf(t, in, sol, a.Talk)
					if other, dup := seen[s]; dup {
						t.Errorf("talks %d and %d: got the same slot %v, want one each", other, a.Talk, s)
					}
					seen[s] = a.Talk
				}
			},
		},
		{
			// 60 minutes and 100 people: Main has a 30-minute slot free at
			// 09:00, but only Main 10:00 and Lab 09:00 are long enough.
			"a slot long enough",
			small(schedule.Talk{ID: 1, Minutes: 60, Audience: 100, Speakers: []string{"ann"}}, schedule.Talk{ID: 2, Minutes: 60, Audience: 100}),
			func(t *testing.T, in *schedule.Instance, sol schedule.Solution) {
				for _, id := range []int{1, 2} {
					if s := slotOf(t, in, sol, id); s.Minutes < 60 {
						t.Errorf("talk %d (60 min): got a %d-minute slot, want 60", id, s.Minutes)
					}
				}
			},
		},
		{
			// ann's talks both want Main; Main 09:00 and Lab 09:00 overlap.
			"no speaker in two places",
			small(talk(1, 100, "ann"), talk(2, 100, "ann", "sam"), talk(3, 100, "sam")),
			func(t *testing.T, in *schedule.Instance, sol schedule.Solution) {
				pairs := [][2]int{{1, 2}, {2, 3}}
				for _, p := range pairs {
					if a, b := slotOf(t, in, sol, p[0]), slotOf(t, in, sol, p[1]); a.Overlaps(b) {
						t.Errorf("talks %d and %d share a speaker: got %v and %v, want them apart", p[0], p[1], a, b)
					}
				}
			},
		},
		{
			// The only slot with seats for 100 that talk 1 may not use.
			"no talk in a slot it may not use",
			small(schedule.Talk{ID: 1, Minutes: 60, Audience: 100, Unavailable: []int{2}}),
			func(t *testing.T, in *schedule.Instance, sol schedule.Solution) {
				if s := slotOf(t, in, sol, 1); s.Room == "Main" {
					t.Errorf("talk 1: got %v, want the Lab (Main 10:00 is unavailable to it)", s)
				}
			},
		},
		{
			// Listed on one side only; both want Main, and Main 10:00 (60
			// min) overlaps every Lab slot after 10:00.
			"not_with both ways",
			small(schedule.Talk{ID: 1, Minutes: 30, Audience: 100, NotWith: []int{2}}, talk(2, 100), talk(3, 100), talk(4, 100), talk(5, 100)),
			func(t *testing.T, in *schedule.Instance, sol schedule.Solution) {
				if a, b := slotOf(t, in, sol, 1), slotOf(t, in, sol, 2); a.Overlaps(b) {
					t.Errorf("talks 1 and 2: got %v and %v, want them apart", a, b)
				}
			},
		},
		{
			"every talk once",
			small(talk(1, 10), talk(2, 20), talk(3, 30), talk(4, 40), talk(5, 50), talk(6, 60)),
			func(t *testing.T, in *schedule.Instance, sol schedule.Solution) {
				if len(sol) != 6 {
					t.Errorf("assignments: got %d, want 6", len(sol))
				}
			},
		},
		{"no talks", small(), func(t *testing.T, in *schedule.Instance, sol schedule.Solution) {
			if len(sol) != 0 {
				t.Errorf("assignments: got %d, want 0", len(sol))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := int64(0); seed < 5; seed++ {
				res := mustSolve(t, tt.in, schedule.Options{Seed: seed})
				tt.ok(t, tt.in, res.Solution)
			}
		})
	}
}

func TestSolveRefusesInfeasible(t *testing.T) {
	long := func(id, minutes int) schedule.Talk { return schedule.Talk{ID: id, Minutes: minutes, Audience: 10} }
	tests := []struct {
		name string
		in   *schedule.Instance
		want []string
	}{
		{"too many talks", small(talk(1, 1), talk(2, 1), talk(3, 1), talk(4, 1), talk(5, 1), talk(6, 1), talk(7, 1)),
			[]string{"The talks need 7 slots, there are only 6."}},
		{"a talk longer than every slot", small(talk(1, 1), long(7, 90)),
			[]string{"Talk 7 (90 min) fits no slot: the longest slot is 60 min."}},
		{"every long slot unavailable", small(schedule.Talk{ID: 3, Minutes: 45, Unavailable: []int{2, 3}}),
			[]string{"Talk 3 (45 min) may use no slot: all 2 slots of 45 min or more are in its unavailable list."}},
		{"too few long slots", small(long(1, 60), long(2, 45), long(3, 60)),
			[]string{"3 talks need 45 min or more, but only 2 slots are that long."}},
		// Main 09:00, Main 09:30, Lab 10:00 and Lab 10:30 are apart.
		{"a speaker with too many talks", small(talk(1, 1, "ann"), talk(2, 1, "ann"), talk(3, 1, "ann"), talk(4, 1, "ann"), talk(5, 1, "ann")),
			[]string{"Speaker ann has 5 talks but there are only 4 non-overlapping slot times those talks can use."}},
		{"talks sharing too few slots", small(schedule.Talk{ID: 1, Minutes: 30, Unavailable: []int{1, 2, 3, 4, 5}},
			schedule.Talk{ID: 2, Minutes: 30, Unavailable: []int{1, 2, 3, 4, 5}}, talk(3, 1)),
			[]string{"No schedule found: talks 1 and 2 may use only 1 slot between them (Main 09:00), one too few."}},
		// Two times (09:00 in A and B, 10:00 in A) for three talks that
		// must be pairwise apart.
		{"not_with leaves no time", &schedule.Instance{
			Rooms: []schedule.Room{{Name: "A", Capacity: 10}, {Name: "B", Capacity: 10}},
			Slots: []schedule.Slot{{Room: "A", Start: 540, Minutes: 30}, {Room: "B", Start: 540, Minutes: 30}, {Room: "A", Start: 600, Minutes: 30}},
			Talks: []schedule.Talk{{ID: 1, Minutes: 30, NotWith: []int{2, 3}}, {ID: 2, Minutes: 30, NotWith: []int{3}}, {ID: 3, Minutes: 30}},
		}, []string{"No schedule found: talk", "could not be placed", "overlap talks it must not overlap (not_with: "}},
		// The same with co-speakers: each speaker has two talks and there
		// are two times, but the three talks are pairwise linked.
		{"co-speakers leave no time", &schedule.Instance{
			Rooms: []schedule.Room{{Name: "A", Capacity: 10}, {Name: "B", Capacity: 10}},
			Slots: []schedule.Slot{{Room: "A", Start: 540, Minutes: 30}, {Room: "B", Start: 540, Minutes: 30}, {Room: "A", Start: 600, Minutes: 30}},
			Talks: []schedule.Talk{talk(1, 1, "ann", "sam"), talk(2, 1, "sam", "li"), talk(3, 1, "li", "ann")},
		}, []string{"No schedule found: talk", "could not be placed", "(speaker "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := schedule.Solve(tt.in, schedule.Options{})
			if res != nil {
				t.Errorf("Solve: got a result %v, want none", res.Solution)
			}
			wantMessage(t, err, tt.want...)
			t.Log(guild.ErrorMessage(err))
		})
	}
}

func TestSolveIsDeterministic(t *testing.T) {
	tests := []struct {
		talks, rooms, days int
		seed               int64
	}{{30, 3, 1, 1}, {120, 4, 2, 7}, {330, 6, 3, 2}}
	for _, tt := range tests {
		in := schedule.Generate(tt.talks, tt.rooms, tt.days, tt.seed)
		a := mustSolve(t, in, schedule.Options{Seed: tt.seed})
		b := mustSolve(t, in, schedule.Options{Seed: tt.seed})
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%+v: got two different results for one seed, want the same", tt)
		}
	}
}

// The solver's running cost, as Progress reports it, matches Evaluate's
// independent score at every stage's end.
func TestSolveProgressMatchesEvaluate(t *testing.T) {
	tests := []struct{ talks, rooms, days int }{{30, 3, 1}, {120, 4, 2}, {330, 6, 3}}
	for _, tt := range tests {
		in := schedule.Generate(tt.talks, tt.rooms, tt.days, 11)
		var stages []schedule.Progress
		res := mustSolve(t, in, schedule.Options{Seed: 11, Progress: func(p schedule.Progress) { stages = append(stages, p) }})
		if len(stages) < 2 || stages[0].Stage != schedule.StageValid || stages[len(stages)-1].Stage != schedule.StageDone {
			t.Fatalf("%v: got stages %+v, want valid first and done last", tt, stages)
		}
		done := stages[len(stages)-1]
		if done.OverflowTotal != res.Score.OverflowTotal || done.Soft != res.Score.Soft {
			t.Errorf("%v: got running cost %d/%d, want Evaluate's %d/%d", tt, done.OverflowTotal, done.Soft, res.Score.OverflowTotal, res.Score.Soft)
		}
		if first := stages[0]; first.OverflowTotal < done.OverflowTotal || first.OverflowTotal == done.OverflowTotal && first.Soft < done.Soft {
			t.Errorf("%v: got %d/%d at the start and %d/%d at the end, want no worse", tt, first.OverflowTotal, first.Soft, done.OverflowTotal, done.Soft)
		}
	}
}

func TestSolveBudgets(t *testing.T) {
	in := schedule.Generate(120, 4, 2, 5)
	construct := mustSolve(t, in, schedule.Options{Seed: 5, Iterations: -1})
	if construct.Iterations != 0 {
		t.Errorf("Iterations -1: got %d moves, want 0", construct.Iterations)
	}
	full := mustSolve(t, in, schedule.Options{Seed: 5})
	if construct.Score.Better(full.Score) {
		t.Errorf("search: got %+v, want no worse than construction's %+v", full.Score, construct.Score)
	}
	polls := 0
	stopped := mustSolve(t, in, schedule.Options{Seed: 5, Stop: func() bool { polls++; return polls > 1 }})
	if stopped.Iterations >= full.Iterations {
		t.Errorf("Stop: got %d moves, want fewer than %d", stopped.Iterations, full.Iterations)
	}
}

// Generated instances of every size solve to valid schedules.
func TestSolveGenerated(t *testing.T) {
	tests := []struct{ talks, rooms, days int }{{1, 1, 1}, {10, 1, 1}, {45, 2, 1}, {120, 4, 2}, {200, 3, 2}, {330, 6, 3}}
	for _, tt := range tests {
		for seed := int64(1); seed <= 3; seed++ {
			in := schedule.Generate(tt.talks, tt.rooms, tt.days, seed)
			res := mustSolve(t, in, schedule.Options{Seed: seed})
			if len(res.Solution) != tt.talks {
				t.Errorf("%v seed %d: got %d assignments, want %d", tt, seed, len(res.Solution), tt.talks)
			}
		}
	}
}
