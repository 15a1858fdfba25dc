package schedule

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// clashesBut is clashes for t in slot s while talk x sits in slot xs
// instead of where it is.
func (st *state) clashesBut(t, s, x, xs int) bool {
	for _, v := range st.m.conf[t] {
		p := st.pos[v]
		if int(v) == x {
			p = int32(xs)
		}
		if p >= 0 && st.m.overlaps(p, int32(s)) {
			return true
		}
	}
	return false
}

// softAt is t's soft cost in slot s against the placed talks, leaving out
// talks x and y.
func (st *state) softAt(t, s, x, y int) int64 {
	c := st.m.unary(t, s)
	for _, o := range st.m.sov[s] {
		if u := int(st.occ[o]); u >= 0 && u != x && u != y {
			c += st.m.pair(t, u)
		}
	}
	return c
}

// evalMove prices moving placed talk t to slot s: into s if it is free,
// else swapping with its occupant. It returns the overflow and soft deltas,
// and false when a hard rule forbids the move. It changes nothing.
func (st *state) evalMove(t, s int) (dov, dsoft int64, ok bool) {
	m := st.m
	a := int(st.pos[t])
	if s == a || !m.allows(t, s) {
		return 0, 0, false
	}
	u := int(st.occ[s])
	if u < 0 {
		if st.clashesBut(t, s, t, -1) {
			return 0, 0, false
		}
		dov = m.overflow(t, s) - m.overflow(t, a)
		dsoft = st.softAt(t, s, t, -1) - st.softAt(t, a, t, -1)
		return dov, dsoft, true
	}
	if !m.allows(u, a) || st.clashesBut(t, s, u, a) || st.clashesBut(u, a, t, s) {
		return 0, 0, false
	}
	dov = m.overflow(t, s) + m.overflow(u, a) - m.overflow(t, a) - m.overflow(u, s)
	// The pair t–u costs the same before and after: they overlap either
	// both times or neither.
	dsoft = st.softAt(t, s, t, u) + st.softAt(u, a, t, u) - st.softAt(t, a, t, u) - st.softAt(u, s, t, u)
	return dov, dsoft, true
}

// doMove applies a move priced by evalMove.
func (st *state) doMove(t, s int, dov, dsoft int64) {
	a := st.pos[t]
	u := st.occ[s]
	st.pos[t], st.occ[s] = int32(s), int32(t)
	st.occ[a] = u
	if u >= 0 {
		st.pos[u] = a
	}
	st.ovSum += dov
	st.soft += dsoft
}

// improve runs the local search on a whole schedule and returns the moves
// tried. Room overflow comes first: every talk that overflows its room
// tries every bigger slot (a move, a swap, or a three-way rotation) until
// none helps. Then simulated annealing over random moves and swaps, each
// to a slot at least as roomy as the talk needs, improves the weighted
// soft cost without ever adding overflow. It stops at the budget, when
// stop says so, or when overflow is at the lower bound and the cost has
// not improved for a while.
func improve(st *state, rng *rand.Rand, lb int64, budget int, stop func() bool, report func(string, int)) int {
	m := st.m
	iters := reduceOverflow(st, lb, budget/4)
	report(StageOverflow, iters)
	if iters >= budget || m.nT == 0 {
		return iters
	}
	best := slices.Clone(st.pos)
	bestCost := st.cost()
	stall := max(5000, stallPerTalk*m.nT)
	lastBest := iters
	t0, t1 := temperature(m)*tempScale, 0.05
	n := budget - iters
	cool := math.Pow(t1/t0, 1/float64(max(1, n)))
	temp := t0
	for i := 0; i < n; i++ {
		iters++
		temp *= cool
		if i&255 == 0 && stop != nil && stop() {
			break
		}
		t := rng.IntN(m.nT)
		s := roomySlot(st, t, rng)
		dov, dsoft, ok := st.evalMove(t, s)
		if !ok || dov > 0 || dov == 0 && dsoft > 0 && rng.Float64() >= math.Exp(-float64(dsoft)/temp) {
			continue
		}
		st.doMove(t, s, dov, dsoft)
		if dov < 0 {
			report(StageOverflow, iters)
		}
		if c := st.cost(); c < bestCost {
			bestCost, lastBest = c, iters
			copy(best, st.pos)
		}
		if st.ovSum <= lb && iters-lastBest > stall {
			break
		}
	}
	restore(st, best)
	if st.ovSum > lb {
		ov := st.ovSum
		iters += reduceOverflow(st, lb, budget/4)
		if st.ovSum < ov {
			report(StageOverflow, iters)
		}
	}
	return iters
}

// roomySlot draws a slot t may use whose room seats at least as many as
// t's audience or its present room, whichever is less: a slot t can move
// to without overflowing more.
func roomySlot(st *state, t int, rng *rand.Rand) int {
	m := st.m
	need := min(m.aud[t], m.scap[st.pos[t]])
	bc := m.byCap[t]
	n := sort.Search(len(bc), func(i int) bool { return m.scap[bc[i]] < need })
	if n == 0 {
		n = len(bc)
	}
	return int(bc[rng.IntN(n)])
}

// The annealing stops, once overflow is at the bound, after stallPerTalk
// moves per talk without a new best; it starts at tempScale times
// temperature.
const (
	stallPerTalk = 100
	tempScale    = 0.5
)

// temperature is the annealing's starting temperature: half the typical
// soft weight.
func temperature(m *model) float64 {
	w := m.w
	return max(0.5, float64(max(w.TagParallel, w.DeptParallel, w.LightningLate, w.ClosingEarly, w.FirstTimeLast))/2)
}

// restore makes st hold the placement pos.
func restore(st *state, pos []int32) {
	for t := range pos {
		if st.pos[t] != pos[t] && st.pos[t] >= 0 {
			st.unplace(t)
		}
	}
	for t, s := range pos {
		if s >= 0 && st.pos[t] < 0 {
			st.place(t, int(s))
		}
	}
}

// reduceOverflow is a steepest descent on overflow: for each talk that
// overflows its room, the best move, swap or rotation into a bigger room.
func reduceOverflow(st *state, lb int64, budget int) int {
	m := st.m
	iters := 0
	var talks []int
	for improved := true; improved && st.ovSum > lb && iters < budget; {
		improved = false
		talks = talks[:0]
		for t := range m.nT {
			if m.overflow(t, int(st.pos[t])) > 0 {
				talks = append(talks, t)
			}
		}
		slices.SortStableFunc(talks, func(a, b int) int {
			return int(m.overflow(b, int(st.pos[b])) - m.overflow(a, int(st.pos[a])))
		})
		for _, t := range talks {
			if st.ovSum <= lb {
				break
			}
			a := int(st.pos[t])
			if m.overflow(t, a) == 0 {
				continue
			}
			bestS, bestOv, bestSoft := -1, int64(0), int64(0)
			for _, s32 := range m.byCap[t] {
				s := int(s32)
				if m.scap[s] <= m.scap[a] {
					break
				}
				iters++
				dov, dsoft, ok := st.evalMove(t, s)
				if ok && (dov < bestOv || dov == bestOv && dov < 0 && dsoft < bestSoft) {
					bestS, bestOv, bestSoft = s, dov, dsoft
				}
			}
			if bestS >= 0 {
				st.doMove(t, bestS, bestOv, bestSoft)
				improved = true
				continue
			}
			if rotate(st, t, &iters) {
				improved = true
			}
		}
	}
	return iters
}

// rotate tries three-way moves for overflowing talk t in slot a: t to a
// bigger slot b, b's talk u to a slot c, and c's talk w (if any) to a. It
// applies the best one that lowers the cost and reports whether it did.
func rotate(st *state, t int, iters *int) bool {
	m := st.m
	a := int(st.pos[t])
	ovA := m.overflow(t, a)
	type rot struct{ b, c int }
	best, bestD := rot{-1, -1}, int64(0)
	for _, b32 := range m.byCap[t] {
		b := int(b32)
		if m.scap[b] <= m.scap[a] {
			break
		}
		u := int(st.occ[b])
		if u < 0 {
			continue
		}
		gainT := ovA - m.overflow(t, b)
		ovUB := m.overflow(u, b)
		for _, c32 := range m.allowed[u] {
			c := int(c32)
			if c == a || c == b {
				continue
			}
			w := int(st.occ[c])
			d := m.overflow(u, c) - ovUB - gainT
			if w >= 0 {
				if !m.allows(w, a) {
					continue
				}
				d += m.overflow(w, a) - m.overflow(w, c)
			}
			if d >= 0 {
				continue
			}
			*iters++
			if dd, ok := rotation(st, t, u, w, a, b, c, false); ok && dd < bestD {
				best, bestD = rot{b, c}, dd
			}
		}
	}
	if best.b < 0 {
		return false
	}
	rotation(st, t, int(st.occ[best.b]), int(st.occ[best.c]), a, best.b, best.c, true)
	return true
}

// rotation moves t from a to b, u from b to c and w (or nobody, w < 0)
// from c to a, and returns the cost delta; it keeps the change only when
// keep is set, and never when a hard rule forbids it.
func rotation(st *state, t, u, w, a, b, c int, keep bool) (int64, bool) {
	before := st.cost()
	st.unplace(t)
	st.unplace(u)
	if w >= 0 {
		st.unplace(w)
	}
	back := func() {
		for _, x := range []int{t, u, w} {
			if x >= 0 && st.pos[x] >= 0 {
				st.unplace(x)
			}
		}
		st.place(t, a)
		st.place(u, b)
		if w >= 0 {
			st.place(w, c)
		}
	}
	if st.clashes(t, b) {
		back()
		return 0, false
	}
	st.place(t, b)
	if st.clashes(u, c) {
		back()
		return 0, false
	}
	st.place(u, c)
	if w >= 0 {
		if st.clashes(w, a) {
			back()
			return 0, false
		}
		st.place(w, a)
	}
	d := st.cost() - before
	if !keep {
		back()
	}
	return d, true
}
