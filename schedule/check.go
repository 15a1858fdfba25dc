package schedule

import (
	"fmt"
	"sort"
)

// maxDetails caps Violations.Details.
const maxDetails = 20

// Violations counts the hard rules a solution breaks, by kind. Check fills
// it; the zero value means a valid schedule.
type Violations struct {
	// UnknownTalk counts assignments of talks the instance does not have.
	UnknownTalk int `json:"unknown_talk"`
	// UnknownSlot counts assignments to a room and start that is no slot.
	UnknownSlot int `json:"unknown_slot"`
	// Unplaced counts talks with no assignment.
	Unplaced int `json:"unplaced"`
	// Duplicate counts second and later assignments of one talk.
	Duplicate int `json:"duplicate"`
	// SlotShared counts second and later talks in one slot.
	SlotShared int `json:"slot_shared"`
	// TooLong counts talks in a slot shorter than the talk.
	TooLong int `json:"too_long"`
	// Unavailable counts talks in a slot their Unavailable lists.
	Unavailable int `json:"unavailable"`
	// SpeakerClash counts pairs of talks that share a speaker and overlap
	// in time.
	SpeakerClash int `json:"speaker_clash"`
	// NotWith counts not_with pairs that overlap in time, each pair once
	// whichever side lists it.
	NotWith int `json:"not_with"`
	// Details describes the first violations found, in words.
	Details []string `json:"details,omitempty"`
}

// Total returns the number of violations of every kind.
func (v Violations) Total() int {
	return v.UnknownTalk + v.UnknownSlot + v.Unplaced + v.Duplicate + v.SlotShared + v.TooLong + v.Unavailable + v.SpeakerClash + v.NotWith
}

func (v *Violations) note(format string, args ...any) {
	if len(v.Details) < maxDetails {
		v.Details = append(v.Details, fmt.Sprintf(format, args...))
	}
}

// Check counts the hard rules sol breaks for in. It is written apart from
// the solver and shares none of its code, so tests can trust it to judge
// the solver's output. The first assignment of a talk is the one judged;
// later ones count as Duplicate.
func Check(in *Instance, sol Solution) Violations {
	var v Violations
	type where struct {
		room  string
		start int
	}
	slotOf := map[where]int{}
	for i, s := range in.Slots {
		if _, dup := slotOf[where{s.Room, s.Start}]; !dup {
			slotOf[where{s.Room, s.Start}] = i
		}
	}
	talkOf := map[int]int{}
	for i, t := range in.Talks {
		talkOf[t.ID] = i
	}
	placed := map[int]int{} // talk index -> slot index
	usedBy := map[int]int{} // slot index -> talk ID
	for _, a := range sol {
		ti, ok := talkOf[a.Talk]
		if !ok {
			v.UnknownTalk++
			v.note("talk %d is not in the instance", a.Talk)
			continue
		}
		si, ok := slotOf[where{a.Room, a.Start}]
		if !ok {
			v.UnknownSlot++
			v.note("talk %d is placed in %s at %s, which is no slot", a.Talk, a.Room, Clock(a.Start))
			continue
		}
		if _, dup := placed[ti]; dup {
			v.Duplicate++
			v.note("talk %d is placed more than once", a.Talk)
			continue
		}
		if other, taken := usedBy[si]; taken {
			v.SlotShared++
			v.note("talks %d and %d share %s at %s", other, a.Talk, a.Room, Clock(a.Start))
			continue
		}
		placed[ti] = si
		usedBy[si] = a.Talk
		t, s := in.Talks[ti], in.Slots[si]
		if t.Minutes > s.Minutes {
			v.TooLong++
			v.note("talk %d (%d min) is in a %d-minute slot", t.ID, t.Minutes, s.Minutes)
		}
		for _, u := range t.Unavailable {
			if u == si {
				v.Unavailable++
				v.note("talk %d is in slot %d, which it lists as unavailable", t.ID, si)
				break
			}
		}
	}
	for i, t := range in.Talks {
		if _, ok := placed[i]; !ok {
			v.Unplaced++
			v.note("talk %d is not placed", t.ID)
		}
	}
	overlap := func(a, b int) bool {
		x, y := in.Slots[a], in.Slots[b]
		return x.Start < y.Start+y.Minutes && y.Start < x.Start+x.Minutes
	}
	// Speakers: every pair of one speaker's placed talks.
	bySpeaker := map[string][]int{}
	for i, t := range in.Talks {
		if _, ok := placed[i]; !ok {
			continue
		}
		for _, sp := range t.Speakers {
			bySpeaker[sp] = append(bySpeaker[sp], i)
		}
	}
	names := make([]string, 0, len(bySpeaker))
	for sp := range bySpeaker {
		names = append(names, sp)
	}
	sort.Strings(names)
	clashed := map[[2]int]bool{}
	for _, sp := range names {
		ts := bySpeaker[sp]
		for x := 0; x < len(ts); x++ {
			for y := x + 1; y < len(ts); y++ {
				a, b := ts[x], ts[y]
				if !overlap(placed[a], placed[b]) {
					continue
				}
				key := [2]int{min(a, b), max(a, b)}
				if clashed[key] {
					continue
				}
				clashed[key] = true
				v.SpeakerClash++
				v.note("speaker %s has talks %d and %d at overlapping times", sp, in.Talks[a].ID, in.Talks[b].ID)
			}
		}
	}
	// not_with: each unordered pair once, whichever side lists it.
	apart := map[[2]int]bool{}
	for i, t := range in.Talks {
		for _, id := range t.NotWith {
			j, ok := talkOf[id]
			if !ok || j == i {
				continue
			}
			apart[[2]int{min(i, j), max(i, j)}] = true
		}
	}
	pairs := make([][2]int, 0, len(apart))
	for p := range apart {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(x, y int) bool {
		if pairs[x][0] != pairs[y][0] {
			return pairs[x][0] < pairs[y][0]
		}
		return pairs[x][1] < pairs[y][1]
	})
	for _, p := range pairs {
		sa, oka := placed[p[0]]
		sb, okb := placed[p[1]]
		if oka && okb && overlap(sa, sb) {
			v.NotWith++
			v.note("talks %d and %d must not overlap but do", in.Talks[p[0]].ID, in.Talks[p[1]].ID)
		}
	}
	return v
}
