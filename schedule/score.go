package schedule

import "sort"

// Score is how good a schedule is on the soft goals, each reported on its
// own. Schedules compare by OverflowTotal first, then Soft (see Better).
type Score struct {
	// OverflowTotal sums, over talks, the audience beyond the room's
	// capacity (audience − capacity, or 0).
	OverflowTotal int `json:"overflow_total"`
	// OverflowWorst is the largest overflow of one talk.
	OverflowWorst int `json:"overflow_worst"`
	// TagParallel counts pairs of overlapping talks that share a tag.
	TagParallel int `json:"tag_parallel"`
	// DeptParallel counts pairs of overlapping talks of one department.
	DeptParallel int `json:"dept_parallel"`
	// LightningLate sums the half hours each lightning block starts after
	// the first slot of its day.
	LightningLate int `json:"lightning_late"`
	// ClosingEarly sums the half hours each game or social ends before the
	// last slot of its day ends.
	ClosingEarly int `json:"closing_early"`
	// FirstTimeLast counts first-time speakers' talks in the last slot of
	// their room's day.
	FirstTimeLast int `json:"first_time_last"`
	// Soft is the weighted sum of every term but overflow.
	Soft int `json:"soft"`
}

// Better reports whether s is strictly better than o: less total
// overflow, or as much and a lower Soft.
func (s Score) Better(o Score) bool {
	if s.OverflowTotal != o.OverflowTotal {
		return s.OverflowTotal < o.OverflowTotal
	}
	return s.Soft < o.Soft
}

// Evaluate scores sol against in. Like Check it is written apart from the
// solver. Assignments Check would refuse (unknown talks or slots, second
// assignments of a talk) are skipped; hard rules are not judged.
func Evaluate(in *Instance, sol Solution) Score {
	w := in.Weights.Effective()
	type key struct {
		room  string
		start int
	}
	slotOf := map[key]int{}
	for i, s := range in.Slots {
		if _, dup := slotOf[key{s.Room, s.Start}]; !dup {
			slotOf[key{s.Room, s.Start}] = i
		}
	}
	capOf := map[string]int{}
	for _, r := range in.Rooms {
		capOf[r.Name] = r.Capacity
	}
	talkOf := map[int]int{}
	for i, t := range in.Talks {
		talkOf[t.ID] = i
	}
	// The day's first start and last end over all rooms; each room's last
	// start per day.
	first, last := map[int]int{}, map[int]int{}
	type roomDay struct {
		room string
		day  int
	}
	lastStart := map[roomDay]int{}
	for _, s := range in.Slots {
		d := s.Start / MinutesPerDay
		if f, ok := first[d]; !ok || s.Start < f {
			first[d] = s.Start
		}
		if l, ok := last[d]; !ok || s.Start+s.Minutes > l {
			last[d] = s.Start + s.Minutes
		}
		if l, ok := lastStart[roomDay{s.Room, d}]; !ok || s.Start > l {
			lastStart[roomDay{s.Room, d}] = s.Start
		}
	}
	type placedTalk struct {
		talk       Talk
		start, end int
	}
	var sc Score
	var ps []placedTalk
	done := map[int]bool{}
	for _, a := range sol {
		ti, ok := talkOf[a.Talk]
		if !ok || done[a.Talk] {
			continue
		}
		si, ok := slotOf[key{a.Room, a.Start}]
		if !ok {
			continue
		}
		done[a.Talk] = true
		t, s := in.Talks[ti], in.Slots[si]
		if over := t.Audience - capOf[s.Room]; over > 0 {
			sc.OverflowTotal += over
			sc.OverflowWorst = max(sc.OverflowWorst, over)
		}
		d := s.Start / MinutesPerDay
		switch t.Kind {
		case KindLightning:
			sc.LightningLate += (s.Start - first[d]) / 30
		case KindGame, KindSocial:
			sc.ClosingEarly += (last[d] - s.Start - s.Minutes) / 30
		}
		if t.FirstTime && lastStart[roomDay{s.Room, d}] == s.Start {
			sc.FirstTimeLast++
		}
		ps = append(ps, placedTalk{t, s.Start, s.Start + s.Minutes})
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].start < ps[j].start })
	for i := range ps {
		for j := i + 1; j < len(ps) && ps[j].start < ps[i].end; j++ {
			a, b := ps[i].talk, ps[j].talk
			if a.Department != "" && a.Department == b.Department {
				sc.DeptParallel++
			}
			if shareTag(a.Tags, b.Tags) {
				sc.TagParallel++
			}
		}
	}
	sc.Soft = w.TagParallel*sc.TagParallel + w.DeptParallel*sc.DeptParallel + w.LightningLate*sc.LightningLate +
		w.ClosingEarly*sc.ClosingEarly + w.FirstTimeLast*sc.FirstTimeLast
	return sc
}

func shareTag(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
