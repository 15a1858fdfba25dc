package schedule_test

import (
	"reflect"
	"testing"

	"github.com/guildhall/guildhall/schedule"
)

// checkInstance: talks 1 and 2 share ann; 3 (60 min) must not overlap 4,
// and only 3 says so; 5 may not use slot 0 (Main 09:00).
func checkInstance() *schedule.Instance {
	three := talk(3, 10, "sam")
	three.Minutes, three.NotWith = 60, []int{4}
	five := talk(5, 10, "omar")
	five.Unavailable = []int{0}
	return small(talk(1, 10, "ann"), talk(2, 10, "ann"), three, talk(4, 10, "li"), five)
}

func TestCheck(t *testing.T) {
	at := func(id int, room string, start int) schedule.Assignment {
		return schedule.Assignment{Talk: id, Room: room, Start: start}
	}
	// valid: Main 09:00 1, Main 09:30 2, Main 10:00 3, Lab 09:00 4, Lab 10:00 5.
	valid := schedule.Solution{at(1, "Main", 540), at(2, "Main", 570), at(3, "Main", 600), at(4, "Lab", 540), at(5, "Lab", 600)}
	with := func(change func(s schedule.Solution) schedule.Solution) schedule.Solution {
		return change(append(schedule.Solution(nil), valid...))
	}
	set := func(id int, room string, start int) func(schedule.Solution) schedule.Solution {
		return func(s schedule.Solution) schedule.Solution {
			for i := range s {
				if s[i].Talk == id {
					s[i] = at(id, room, start)
				}
			}
			return s
		}
	}
	swap := func(a, b int) func(schedule.Solution) schedule.Solution {
		return func(s schedule.Solution) schedule.Solution {
			var ia, ib int
			for i := range s {
				switch s[i].Talk {
				case a:
					ia = i
				case b:
					ib = i
				}
			}
			s[ia].Talk, s[ib].Talk = b, a
			return s
		}
	}
	tests := []struct {
		name string
		sol  schedule.Solution
		want schedule.Violations
	}{
		{"valid", valid, schedule.Violations{}},
		{"in any order", schedule.Solution{valid[4], valid[2], valid[0], valid[3], valid[1]}, schedule.Violations{}},
		// 1 in Main 09:00–09:30, 2 in Lab 09:00–10:00 (4 moves to Main 09:30).
		{"speaker in two places", with(func(s schedule.Solution) schedule.Solution {
			return set(4, "Main", 570)(set(2, "Lab", 540)(s))
		}), schedule.Violations{SpeakerClash: 1}},
		{"speaker in two places, the other way round", with(func(s schedule.Solution) schedule.Solution {
			s = set(4, "Main", 570)(set(2, "Lab", 540)(s))
			return swap(1, 2)(s)
		}), schedule.Violations{SpeakerClash: 1}},
		// 2 in Main 09:30–10:00 lies inside Lab 09:00–10:00, where 1 now is.
		{"a slot inside another overlaps", with(func(s schedule.Solution) schedule.Solution {
			return set(4, "Main", 540)(set(1, "Lab", 540)(s))
		}), schedule.Violations{SpeakerClash: 1}},
		// 2 in Main 09:30–10:00, 1 in Lab 10:00–10:30: they touch.
		{"touching is no clash", with(func(s schedule.Solution) schedule.Solution {
			return set(1, "Lab", 600)(set(5, "Lab", 630)(s))
		}), schedule.Violations{}},
		// 3 in Main 10:00–11:00, 4 in Lab 10:30–11:00.
		{"not_with, listed by the first", with(set(4, "Lab", 630)), schedule.Violations{NotWith: 1}},
		// 3 in Lab 09:00–10:00, 4 in Main 09:30–10:00: 4 never listed 3.
		{"not_with, listed by the other", with(func(s schedule.Solution) schedule.Solution {
			return set(2, "Main", 600)(set(4, "Main", 570)(set(3, "Lab", 540)(s)))
		}), schedule.Violations{NotWith: 1}},
		{"too long", with(func(s schedule.Solution) schedule.Solution {
			return set(3, "Lab", 600)(set(5, "Lab", 630)(s))
		}), schedule.Violations{TooLong: 1}},
		{"unavailable slot", with(func(s schedule.Solution) schedule.Solution {
			return set(1, "Lab", 630)(set(5, "Main", 540)(s))
		}), schedule.Violations{Unavailable: 1}},
		{"unplaced", valid[:4], schedule.Violations{Unplaced: 1}},
		{"nothing placed", nil, schedule.Violations{Unplaced: 5}},
		{"placed twice", append(with(func(s schedule.Solution) schedule.Solution { return s }), at(1, "Lab", 630)), schedule.Violations{Duplicate: 1}},
		{"slot shared", with(set(4, "Main", 540)), schedule.Violations{SlotShared: 1, Unplaced: 1}},
		{"unknown talk", append(with(func(s schedule.Solution) schedule.Solution { return s }), at(99, "Lab", 630)), schedule.Violations{UnknownTalk: 1}},
		{"no such slot", with(set(1, "Main", 545)), schedule.Violations{UnknownSlot: 1, Unplaced: 1}},
		{"no such room", with(set(1, "Hall", 540)), schedule.Violations{UnknownSlot: 1, Unplaced: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := schedule.Check(checkInstance(), tt.sol)
			if got.Total() > 0 && len(got.Details) == 0 {
				t.Errorf("Details: got none, want a line per violation")
			}
			got.Details = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Check: got %+v, want %+v", got, tt.want)
			}
			if got.Total() != tt.want.Total() {
				t.Errorf("Total: got %d, want %d", got.Total(), tt.want.Total())
			}
		})
	}
}

func TestCheckCountsEachPairOnce(t *testing.T) {
	// 1 and 2 share two speakers and list each other in not_with: one
	// speaker clash and one not_with clash, not two of each.
	one, two := talk(1, 10, "ann", "sam"), talk(2, 10, "ann", "sam")
	one.NotWith, two.NotWith = []int{2}, []int{1}
	in := small(one, two)
	got := schedule.Check(in, schedule.Solution{{Talk: 1, Room: "Main", Start: 540}, {Talk: 2, Room: "Lab", Start: 540}})
	got.Details = nil
	if want := (schedule.Violations{SpeakerClash: 1, NotWith: 1}); !reflect.DeepEqual(got, want) {
		t.Errorf("Check: got %+v, want %+v", got, want)
	}
}
