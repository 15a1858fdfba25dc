package schedule

import (
	"slices"

	"github.com/guildhall/guildhall/pkg/guild"
)

// MaxExactTalks is the most talks Exact takes on.
const MaxExactTalks = 40

// defaultNodes is Exact's node budget when Options.Iterations is 0.
const defaultNodes = 200_000

// Exact finds an optimal schedule of a small instance (at most
// MaxExactTalks talks) by branch and bound: least total overflow, then
// least weighted soft cost. It starts from Solve's schedule (same seed) as
// the best known, branches talk by talk, most constrained first, and
// prunes with an assignment relaxation: the talks not yet placed each get
// a distinct free slot they may use without a clash, at their own cost
// plus their pairs with the talks already placed (pairs among themselves
// are left out), solved exactly by the Hungarian method. When the search
// ends within opts.Iterations nodes (default 200,000) and before
// opts.Stop, Result.Proven is set: no schedule scores better. Otherwise
// the result is the best found, never worse than Solve's; its overflow is
// still proven least (Result.OverflowProven) when it equals the root
// relaxation's, which ignores clashes.
func Exact(in *Instance, opts Options) (*Result, error) {
	if len(in.Talks) > MaxExactTalks {
		return nil, guild.Errorf(guild.EINVALID, "Exact takes at most %d talks; this instance has %d. Use Solve.", MaxExactTalks, len(in.Talks))
	}
	heur, err := Solve(in, Options{Seed: opts.Seed, Stop: opts.Stop})
	if err != nil {
		return nil, err
	}
	m := compile(in)
	best := make([]int32, m.nT)
	for _, a := range heur.Solution {
		s, _ := in.SlotAt(a.Room, a.Start)
		best[m.index[a.Talk]] = int32(s)
	}
	bestCost := int64(heur.Score.OverflowTotal)*m.big + int64(heur.Score.Soft)
	limit := opts.Iterations
	if limit <= 0 {
		limit = defaultNodes
	}
	b := &bnb{m: m, st: newState(m), best: best, bestCost: bestCost, limit: limit, stop: opts.Stop}
	b.cost = make([]int64, m.nT*m.nS)
	b.search()
	res := result(in, m, b.best, b.nodes)
	res.Proven = !b.cut
	res.OverflowProven = res.Proven || b.rootBound/m.big >= int64(res.Score.OverflowTotal)
	return res, nil
}

// bnb is Exact's search state.
type bnb struct {
	m         *model
	st        *state
	best      []int32
	bestCost  int64
	nodes     int
	limit     int
	cut       bool // stopped early: the optimum is not proven
	stop      func() bool
	cost      []int64 // scratch: the relaxation's cost matrix
	rootBound int64   // the relaxation's cost at the root
}

// search completes the schedule held in b.st. At each node it solves the
// relaxation for the talks not yet placed; if that costs no less than the
// best known, the node is pruned. The relaxation's own assignment is then
// tried as a whole schedule: if it breaks no rule it is a schedule, and
// when its real cost (adding the pairs among the newly placed talks)
// equals the bound, nothing below the node can do better. Otherwise the
// search branches on a talk at fault (a clash, or a costly pair) in the
// relaxation, with the fewest slots left, trying its relaxed slot first.
func (b *bnb) search() {
	if b.cut {
		return
	}
	b.nodes++
	if b.nodes > b.limit || b.nodes&255 == 0 && b.stop != nil && b.stop() {
		b.cut = true
		return
	}
	m, st := b.m, b.st
	var rest []int
	for t := range m.nT {
		if st.pos[t] < 0 {
			rest = append(rest, t)
		}
	}
	if len(rest) == 0 {
		if c := st.cost(); c < b.bestCost {
			b.bestCost = c
			copy(b.best, st.pos)
		}
		return
	}
	n := len(rest)
	free := make([]int, n) // feasible slots per talk
	for i, t := range rest {
		row := b.cost[i*m.nS : (i+1)*m.nS]
		for s := range m.nS {
			if !st.canPlace(t, s) {
				row[s] = forbidden
				continue
			}
			row[s] = st.placeCost(t, s)
			free[i]++
		}
		if free[i] == 0 {
			return
		}
	}
	total, col := assign(n, m.nS, b.cost[:n*m.nS])
	bound := st.cost() + total
	if b.nodes == 1 {
		b.rootBound = bound
	}
	if total >= forbidden || bound >= b.bestCost {
		return
	}
	// Try the relaxation's assignment as a schedule, noting the talks at
	// fault: those that clash, and those in a costly pair the relaxation
	// left out.
	fault := make([]bool, n)
	at := make(map[int]int, n) // talk -> index in rest, for talks placed below
	for i, t := range rest {
		if st.clashes(t, col[i]) {
			fault[i] = true
			for _, u := range m.conf[t] {
				if j, ok := at[int(u)]; ok && m.overlaps(st.pos[u], int32(col[i])) {
					fault[j] = true
				}
			}
			continue
		}
		for _, o := range m.sov[col[i]] {
			if u := int(st.occ[o]); u >= 0 {
				if j, ok := at[u]; ok && m.pair(t, u) > 0 {
					fault[i], fault[j] = true, true
				}
			}
		}
		st.place(t, col[i])
		at[t] = i
	}
	if len(at) == n {
		if c := st.cost(); c < b.bestCost {
			b.bestCost = c
			copy(b.best, st.pos)
		}
	}
	for t := range at {
		st.unplace(t)
	}
	branch := -1
	for i := range rest {
		if fault[i] && (branch < 0 || free[i] < free[branch]) {
			branch = i
		}
	}
	if branch < 0 || bound >= b.bestCost {
		return // the relaxation was a schedule as good as its bound
	}
	t := rest[branch]
	type cand struct {
		s    int
		cost int64
	}
	row := b.cost[branch*m.nS : (branch+1)*m.nS]
	cands := make([]cand, 0, free[branch])
	for s := range m.nS {
		if row[s] < forbidden {
			cands = append(cands, cand{s, row[s]})
		}
	}
	first := col[branch]
	slices.SortStableFunc(cands, func(x, y cand) int {
		switch {
		case x.s == first:
			return -1
		case y.s == first:
			return 1
		case x.cost < y.cost:
			return -1
		case x.cost > y.cost:
			return 1
		}
		return 0
	})
	for _, c := range cands {
		st.place(t, c.s)
		b.search()
		st.unplace(t)
		if b.cut {
			return
		}
	}
}
