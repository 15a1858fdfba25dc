package schedule

import (
	"math/rand/v2"
	"slices"
)

// resolveNodes bounds Resolve's search for a placement with few moves.
const resolveNodes = 200_000

// Resolve schedules in again after a change (a talk withdrawn or added, a
// speaker's availability changed, a slot gone) while keeping previous,
// a schedule of the instance before the change. Every talk keeps its
// previous room and start when that is still allowed; the talks left
// without a slot (new ones, and ones whose slot is gone or now breaks a
// rule) are then placed, each where it moves the fewest kept talks, at
// most opts.MaxMoves (default 3) in all, and among equal moves where it
// costs least. If no placement moves so few, talks are ejected and placed
// again as Solve's repair does, moving more. Result.Moved lists the talks
// of previous that ended elsewhere. Resolve does not run the local search,
// so the schedule stays as people know it.
func Resolve(in *Instance, previous Solution, opts Options) (*Result, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	m := compile(in)
	if err := precheck(m); err != nil {
		return nil, err
	}
	st := newState(m)
	was := make([]int32, m.nT) // previous slot, or -1
	for i := range was {
		was[i] = -1
	}
	for _, a := range previous {
		ti, ok := m.index[a.Talk]
		if !ok || was[ti] >= 0 {
			continue
		}
		s, ok := in.SlotAt(a.Room, a.Start)
		if !ok {
			continue
		}
		was[ti] = int32(s)
		if st.canPlace(int(ti), s) {
			st.place(int(ti), s)
		}
	}
	budget := opts.MaxMoves
	if budget <= 0 {
		budget = 3
	}
	r := &resolver{st: st, nodes: resolveNodes}
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x7e5017e))
	for _, t := range difficultyOrder(m) {
		if st.pos[t] >= 0 {
			continue
		}
		placed := false
		for d := 0; d <= budget && !placed; d++ {
			used, ok := r.place(t, d)
			if ok {
				budget -= used
				placed = true
			}
		}
		if !placed {
			if bad, ok := construct(st, []int{t}, rng, 0); !ok {
				return nil, diagnose(st, bad)
			}
			budget = 0
		}
	}
	res := result(in, m, st.pos, r.tries)
	for t, s := range st.pos {
		if was[t] >= 0 && was[t] != s {
			res.Moved = append(res.Moved, m.ids[t])
		}
	}
	slices.Sort(res.Moved)
	return res, nil
}

// resolver searches for placements that eject few talks. Every change
// goes through put and take, which keep a journal, so a failed attempt is
// rolled back exactly.
type resolver struct {
	st     *state
	frozen []int32 // talks placed by the chain being tried
	log    []journal
	nodes  int
	tries  int
}

type journal struct {
	t, s  int32
	place bool
}

func (r *resolver) put(t, s int) {
	r.st.place(t, s)
	r.log = append(r.log, journal{int32(t), int32(s), true})
}

func (r *resolver) take(t int) {
	r.log = append(r.log, journal{int32(t), r.st.pos[t], false})
	r.st.unplace(t)
}

// rollback undoes the journal back to mark.
func (r *resolver) rollback(mark int) {
	for len(r.log) > mark {
		j := r.log[len(r.log)-1]
		r.log = r.log[:len(r.log)-1]
		if j.place {
			r.st.unplace(int(j.t))
		} else {
			r.st.place(int(j.t), int(j.s))
		}
	}
}

// place puts unplaced talk t in a slot, ejecting at most budget placed
// talks and placing them again in turn within the same budget. It returns
// how many it ejected, or false (leaving the state as it was) when that is
// impossible within the budget or the node limit.
func (r *resolver) place(t, budget int) (int, bool) {
	st, m := r.st, r.st.m
	r.tries++
	if r.tries > r.nodes {
		return 0, false
	}
	// A free slot: the cheapest.
	best, bestCost := -1, int64(0)
	for _, s32 := range m.allowed[t] {
		s := int(s32)
		if !st.canPlace(t, s) {
			continue
		}
		if c := st.placeCost(t, s); best < 0 || c < bestCost {
			best, bestCost = s, c
		}
	}
	if best >= 0 {
		r.put(t, best)
		return 0, true
	}
	if budget == 0 {
		return 0, false
	}
	// Slots blocked by at most budget talks, none of them part of the
	// chain: fewest blockers first.
	type cand struct{ s, n int }
	var cands []cand
	var buf []int32
	for _, s32 := range m.allowed[t] {
		s := int(s32)
		buf = st.blockers(t, s, buf[:0])
		if len(buf) == 0 || len(buf) > budget || slices.ContainsFunc(buf, func(u int32) bool { return slices.Contains(r.frozen, u) }) {
			continue
		}
		cands = append(cands, cand{s, len(buf)})
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return a.n - b.n })
	mark := len(r.log)
	for _, c := range cands {
		if r.tries > r.nodes {
			return 0, false
		}
		blockers := st.blockers(t, c.s, nil)
		for _, u := range blockers {
			r.take(int(u))
		}
		r.put(t, c.s)
		r.frozen = append(r.frozen, int32(t))
		used, ok := len(blockers), true
		for _, u := range blockers {
			n, okU := r.place(int(u), budget-used)
			if !okU {
				ok = false
				break
			}
			used += n
		}
		r.frozen = r.frozen[:len(r.frozen)-1]
		if ok {
			return used, true
		}
		r.rollback(mark)
	}
	return 0, false
}
