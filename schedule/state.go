package schedule

import "slices"

// state is a partial or whole schedule with its cost kept up to date as
// talks are placed and removed. It never holds a hard violation: callers
// place a talk only where canPlace allows.
type state struct {
	m      *model
	pos    []int32 // talk -> slot, -1 when unplaced
	occ    []int32 // slot -> talk, -1 when free
	ovSum  int64   // total overflow
	soft   int64   // weighted soft cost
	placed int
}

func newState(m *model) *state {
	st := &state{m: m, pos: make([]int32, m.nT), occ: make([]int32, m.nS)}
	for i := range st.pos {
		st.pos[i] = -1
	}
	for i := range st.occ {
		st.occ[i] = -1
	}
	return st
}

// clone returns an independent copy of st.
func (st *state) clone() *state {
	c := *st
	c.pos, c.occ = slices.Clone(st.pos), slices.Clone(st.occ)
	return &c
}

// cost is the lexicographic cost: overflow first, then soft.
func (st *state) cost() int64 { return st.ovSum*st.m.big + st.soft }

// clashes reports whether talk t in slot s would overlap a placed talk it
// shares a speaker or a not_with rule with.
func (st *state) clashes(t, s int) bool {
	for _, u := range st.m.conf[t] {
		if p := st.pos[u]; p >= 0 && st.m.overlaps(p, int32(s)) {
			return true
		}
	}
	return false
}

// canPlace reports whether unplaced talk t may go in slot s now.
func (st *state) canPlace(t, s int) bool {
	return st.occ[s] < 0 && st.m.allows(t, s) && !st.clashes(t, s)
}

// pairCost is the soft cost between talk t in slot s and the talks placed
// in the slots overlapping s.
func (st *state) pairCost(t, s int) int64 {
	var c int64
	for _, o := range st.m.sov[s] {
		if u := st.occ[o]; u >= 0 && int(u) != t {
			c += st.m.pair(t, int(u))
		}
	}
	return c
}

// placeCost is what placing t in s would add: overflow and soft.
func (st *state) placeCost(t, s int) int64 {
	return st.m.overflow(t, s)*st.m.big + st.m.unary(t, s) + st.pairCost(t, s)
}

// place puts unplaced talk t in free slot s.
func (st *state) place(t, s int) {
	st.ovSum += st.m.overflow(t, s)
	st.soft += st.m.unary(t, s) + st.pairCost(t, s)
	st.pos[t], st.occ[s] = int32(s), int32(t)
	st.placed++
}

// unplace removes placed talk t.
func (st *state) unplace(t int) {
	s := int(st.pos[t])
	st.pos[t], st.occ[s] = -1, -1
	st.ovSum -= st.m.overflow(t, s)
	st.soft -= st.m.unary(t, s) + st.pairCost(t, s)
	st.placed--
}

// blockers returns the placed talks that stop t going in slot s: the
// slot's occupant and the talks t may not overlap that do. It appends to
// buf.
func (st *state) blockers(t, s int, buf []int32) []int32 {
	if u := st.occ[s]; u >= 0 {
		buf = append(buf, u)
	}
	for _, u := range st.m.conf[t] {
		if p := st.pos[u]; p >= 0 && st.m.overlaps(p, int32(s)) && int(p) != s {
			buf = append(buf, u)
		}
	}
	return buf
}
