package schedule

import (
	"sort"

	"github.com/guildhall/guildhall/pkg/guild"
)

// LowerBound returns a lower bound on the total room overflow of any
// schedule of in: audiences sorted largest first are paired with slot
// capacities (each slot's room's capacity, each slot once) sorted largest
// first, and the k-th pair contributes max(0, audience − capacity). Talks
// beyond the number of slots pair with capacity 0. It ignores slot lengths
// and every other rule, so a schedule may be unable to reach it; Solve
// reports the gap.
func LowerBound(in *Instance) int {
	capOf := make(map[string]int, len(in.Rooms))
	for _, r := range in.Rooms {
		capOf[r.Name] = r.Capacity
	}
	caps := make([]int, len(in.Slots))
	for i, s := range in.Slots {
		caps[i] = capOf[s.Room]
	}
	auds := make([]int, len(in.Talks))
	for i, t := range in.Talks {
		auds[i] = t.Audience
	}
	sort.Sort(sort.Reverse(sort.IntSlice(caps)))
	sort.Sort(sort.Reverse(sort.IntSlice(auds)))
	lb := 0
	for k, a := range auds {
		c := 0
		if k < len(caps) {
			c = caps[k]
		}
		lb += max(0, a-c)
	}
	return lb
}

// AssignmentBound returns the least total overflow of any assignment of
// the talks to distinct slots they may use (long enough, not unavailable),
// ignoring speakers and not_with: a bound at least as high as LowerBound,
// reached by a schedule whenever clashes do not get in the way, so a
// schedule with this much overflow is proven to have the least. It solves
// the assignment exactly by the Hungarian method in O(talks² × slots)
// time (about 50 ms at 330 talks, 1 s at 1,000) and O(talks × slots)
// memory. It fails when in is not valid or no such assignment exists.
func AssignmentBound(in *Instance) (int, error) {
	if err := in.Validate(); err != nil {
		return 0, err
	}
	m := compile(in)
	if m.nT > m.nS {
		return 0, precheck(m)
	}
	cost := make([]int64, m.nT*m.nS)
	for t := range m.nT {
		for s := range m.nS {
			if m.allows(t, s) {
				cost[t*m.nS+s] = m.overflow(t, s)
			} else {
				cost[t*m.nS+s] = forbidden
			}
		}
	}
	total, _ := assign(m.nT, m.nS, cost)
	if total >= forbidden {
		return 0, guild.Errorf(guild.EINVALID, "%s", hallViolation(m))
	}
	return int(total), nil
}
