package schedule_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/guildhall/guildhall/schedule"
)

func TestGenerate(t *testing.T) {
	tests := []struct {
		talks, rooms, days int
		unit               int // the slot unit expected
	}{
		{0, 1, 1, 30},
		{10, 2, 1, 30},
		{40, 3, 1, 20},
		{60, 4, 2, 30},
		{120, 4, 2, 15},
		{330, 6, 3, 15},
		{1000, 20, 3, 15},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d talks %d rooms %d days", tt.talks, tt.rooms, tt.days), func(t *testing.T) {
			in := schedule.Generate(tt.talks, tt.rooms, tt.days, 1)
			if err := in.Validate(); err != nil {
				t.Fatalf("Validate: got %v, want nil", err)
			}
			if len(in.Talks) != tt.talks || len(in.Rooms) != tt.rooms {
				t.Errorf("size: got %d talks in %d rooms, want %d in %d", len(in.Talks), len(in.Rooms), tt.talks, tt.rooms)
			}
			// Slot lengths are one to three units, inside 09:00–17:30.
			days := map[int]bool{}
			for i, s := range in.Slots {
				if s.Minutes != tt.unit && s.Minutes != 2*tt.unit && s.Minutes != 3*tt.unit {
					t.Fatalf("slot %d: got %d minutes, want %d, %d or %d", i, s.Minutes, tt.unit, 2*tt.unit, 3*tt.unit)
				}
				day, m := s.Start/schedule.MinutesPerDay, s.Start%schedule.MinutesPerDay
				if m < 540 || m+s.Minutes > 1050 {
					t.Errorf("slot %d: got %s–%s, want it within 09:00–17:30", i, schedule.Clock(s.Start), schedule.Clock(s.End()))
				}
				days[day] = true
			}
			if len(days) > tt.days {
				t.Errorf("days: got %d, want at most %d", len(days), tt.days)
			}
			// Spare slots: 10–20% more than talks, plus rounding.
			if n := len(in.Slots); tt.talks > 0 && (n < tt.talks*11/10 || n > tt.talks*12/10+3) {
				t.Errorf("slots: got %d for %d talks, want 10–20%% spare", n, tt.talks)
			}
			res := mustSolve(t, in, schedule.Options{Seed: 1, Iterations: -1})
			if len(res.Solution) != tt.talks {
				t.Errorf("schedule: got %d talks placed, want %d", len(res.Solution), tt.talks)
			}
		})
	}
}

// Large instances have the features the solver must cope with.
func TestGenerateFeatures(t *testing.T) {
	in := schedule.Generate(330, 6, 3, 2)
	talksOf := map[string]int{}
	kinds := map[string]int{}
	var unavailable, notWith, coSpoken, firstTime int
	auds := []int{}
	for _, tk := range in.Talks {
		for _, sp := range tk.Speakers {
			talksOf[sp]++
		}
		kinds[tk.Kind]++
		if len(tk.Unavailable) > 0 {
			unavailable++
		}
		notWith += len(tk.NotWith)
		if len(tk.Speakers) > 1 {
			coSpoken++
		}
		if tk.FirstTime {
			firstTime++
		}
		auds = append(auds, tk.Audience)
	}
	several := 0
	for _, n := range talksOf {
		if n > 1 {
			several++
		}
	}
	caps := map[int]bool{}
	for _, r := range in.Rooms {
		caps[r.Capacity] = true
	}
	checks := []struct {
		what     string
		got, min int
	}{
		{"speakers with several talks", several, 5},
		{"talks with co-speakers", coSpoken, 30},
		{"talks with unavailable slots", unavailable, 5},
		{"not_with pairs", notWith, 3},
		{"first-time speakers", firstTime, 20},
		{"lightning blocks", kinds[schedule.KindLightning], 3},
		{"games", kinds[schedule.KindGame], 3},
		{"socials", kinds[schedule.KindSocial], 1},
		{"room capacities", len(caps), 6},
		{"audiences above the largest room's capacity/2", countAbove(auds, maxCap(in)/2), 2},
	}
	for _, c := range checks {
		if c.got < c.min {
			t.Errorf("%s: got %d, want at least %d", c.what, c.got, c.min)
		}
	}
}

func countAbove(xs []int, v int) int {
	n := 0
	for _, x := range xs {
		if x > v {
			n++
		}
	}
	return n
}

func maxCap(in *schedule.Instance) int {
	m := 0
	for _, r := range in.Rooms {
		m = max(m, r.Capacity)
	}
	return m
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := schedule.Generate(120, 4, 2, 9), schedule.Generate(120, 4, 2, 9)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("Generate twice with seed 9: got different instances, want the same")
	}
	if c := schedule.Generate(120, 4, 2, 10); reflect.DeepEqual(a, c) {
		t.Errorf("Generate with seeds 9 and 10: got the same instance, want different ones")
	}
}

// Too many talks for the days asked: the generator adds days rather than
// make an infeasible instance.
func TestGenerateAddsDaysWhenFull(t *testing.T) {
	in := schedule.Generate(200, 1, 1, 1)
	last := 0
	for _, s := range in.Slots {
		last = max(last, s.Start/schedule.MinutesPerDay)
	}
	if last == 0 {
		t.Errorf("days: got 1 for 200 talks in one room, want more")
	}
	mustSolve(t, in, schedule.Options{Seed: 1, Iterations: -1})
}
