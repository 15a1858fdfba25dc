package schedule

import (
	"math/rand/v2"
	"slices"
	"sort"
)

// Options tune Solve, Exact and Resolve. The zero value is fine. Resolve
// uses only Seed and MaxMoves; Exact passes Seed and Stop to the Solve it
// starts from.
type Options struct {
	// Seed makes the search deterministic: one seed, one schedule.
	Seed int64
	// Iterations bounds the work: Solve's local search moves (0: a default
	// scaled to the instance; negative: construction only) and Exact's
	// search nodes (0: a default of 200,000).
	Iterations int
	// Stop, when set, is polled during the search; once it returns true
	// the search ends with the best schedule so far. Callers use it for
	// wall-clock deadlines, which the package does not read itself.
	Stop func() bool
	// Progress, when set, is called at each stage of Solve: once a first
	// valid schedule exists, after the overflow descent and whenever total
	// overflow falls later, and at the end. Callers use it to time the
	// stages.
	Progress func(Progress)
	// MaxMoves is how many previously placed talks Resolve may move to
	// make room (0: 3). When that is not enough it moves more and says so.
	MaxMoves int
}

// Stages of Solve, as reported to Options.Progress.
const (
	// StageValid: a first valid schedule exists.
	StageValid = "valid"
	// StageOverflow: the overflow descent is over, or total overflow fell
	// again later; the last such report is when overflow reached its final
	// value.
	StageOverflow = "overflow"
	// StageDone: the search is over.
	StageDone = "done"
)

// Progress is a report from Solve to Options.Progress.
type Progress struct {
	// Stage is one of the Stage constants.
	Stage string
	// OverflowTotal and Soft are the schedule's cost so far.
	OverflowTotal, Soft int
	// Iterations counts local search moves tried so far.
	Iterations int
}

// Result is a schedule and what is known about it.
type Result struct {
	// Solution places every talk.
	Solution Solution `json:"solution"`
	// Score is Evaluate's score of Solution.
	Score Score `json:"score"`
	// Valid is true when Check finds no violation in Solution.
	Valid bool `json:"valid"`
	// LowerBound is LowerBound(in), for the overflow gap.
	LowerBound int `json:"lower_bound"`
	// Iterations counts local search moves tried (Solve, Resolve) or
	// search nodes (Exact).
	Iterations int `json:"iterations"`
	// Proven is set by Exact when it proved Score optimal.
	Proven bool `json:"proven,omitempty"`
	// OverflowProven is set by Exact when it proved OverflowTotal least,
	// whether or not it proved the soft cost.
	OverflowProven bool `json:"overflow_proven,omitempty"`
	// Moved lists, for Resolve, the IDs of talks placed elsewhere than in
	// the previous solution (talks new to it are not counted).
	Moved []int `json:"moved,omitempty"`
}

// Gap is how far the total overflow is above the lower bound.
func (r *Result) Gap() int { return r.Score.OverflowTotal - r.LowerBound }

// Solve schedules every talk of in. It validates the instance, refuses at
// once instances that clearly have no schedule (the error names the rule
// and the talk, speaker or slot length at fault), builds a schedule
// greedily, repairs it by ejecting talks that block others, then improves
// it by local search: room overflow first, then the weighted soft goals.
// It is deterministic for opts.Seed. When no schedule is found the error
// says which talk could not be placed and what blocked it.
func Solve(in *Instance, opts Options) (*Result, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	m := compile(in)
	if err := precheck(m); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x5ca1ab1e))
	st := newState(m)
	if t, ok := construct(st, difficultyOrder(m), rng, 0); !ok {
		return nil, diagnose(st, t)
	}
	report := func(stage string, iters int) {
		if opts.Progress != nil {
			opts.Progress(Progress{Stage: stage, OverflowTotal: int(st.ovSum), Soft: int(st.soft), Iterations: iters})
		}
	}
	report(StageValid, 0)
	lb := int64(LowerBound(in))
	iters := 0
	if opts.Iterations >= 0 {
		budget := opts.Iterations
		if budget == 0 {
			budget = defaultIterations(m)
		}
		iters = improve(st, rng, lb, budget, opts.Stop, report)
	}
	report(StageDone, iters)
	return result(in, m, st.pos, iters), nil
}

// defaultIterations is Solve's local search budget when none is given.
func defaultIterations(m *model) int { return 20000 + 500*m.nT }

// result turns a placement into a Result, judged by Check and Evaluate.
func result(in *Instance, m *model, pos []int32, iters int) *Result {
	sol := m.solution(pos)
	return &Result{Solution: sol, Score: Evaluate(in, sol), Valid: Check(in, sol).Total() == 0, LowerBound: LowerBound(in), Iterations: iters}
}

// solution lists the placed talks' assignments by start, then room.
func (m *model) solution(pos []int32) Solution {
	sol := make(Solution, 0, m.nT)
	slots := make([]int32, 0, m.nT)
	for t, s := range pos {
		if s >= 0 {
			slots = append(slots, s)
			sol = append(sol, Assignment{Talk: m.ids[t], Room: m.in.Slots[s].Room, Start: m.in.Slots[s].Start})
		}
	}
	idx := make([]int, len(sol))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		sa, sb := slots[idx[a]], slots[idx[b]]
		if m.sstart[sa] != m.sstart[sb] {
			return m.sstart[sa] < m.sstart[sb]
		}
		return m.sroom[sa] < m.sroom[sb]
	})
	out := make(Solution, len(sol))
	for i, k := range idx {
		out[i] = sol[k]
	}
	return out
}

// difficultyOrder lists talks hardest to place first: longest first (long
// slots are scarce), then largest audience (big rooms are scarce), then
// most constrained, then by ID.
func difficultyOrder(m *model) []int {
	order := make([]int, m.nT)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case m.tmin[a] != m.tmin[b]:
			return int(m.tmin[b] - m.tmin[a])
		case m.aud[a] != m.aud[b]:
			return int(m.aud[b] - m.aud[a])
		case len(m.allowed[a]) != len(m.allowed[b]):
			return len(m.allowed[a]) - len(m.allowed[b])
		case len(m.conf[a]) != len(m.conf[b]):
			return len(m.conf[b]) - len(m.conf[a])
		}
		return m.ids[a] - m.ids[b]
	})
	return order
}

// bestSlot returns the free slot where t can go that adds the least
// overflow, then wastes the fewest minutes, then adds the least soft
// cost, then leaves the fewest empty seats; -1 when there is none.
func bestSlot(st *state, t int) int {
	m := st.m
	best := -1
	var bOv, bWaste, bSoft, bSlack int64
	for _, s32 := range m.allowed[t] {
		s := int(s32)
		if st.occ[s] >= 0 || st.clashes(t, s) {
			continue
		}
		ov, waste := m.overflow(t, s), int64(m.smin[s]-m.tmin[t])
		slack := int64(max(0, m.scap[s]-m.aud[t]))
		if best >= 0 && (ov > bOv || ov == bOv && (waste > bWaste || waste == bWaste && slack > bSlack)) {
			continue
		}
		soft := m.unary(t, s) + st.pairCost(t, s)
		if best >= 0 && ov == bOv && waste == bWaste && slack == bSlack && soft >= bSoft {
			continue
		}
		best, bOv, bWaste, bSoft, bSlack = s, ov, waste, soft, slack
	}
	return best
}

// construct places every unplaced talk in order, greedily. A talk with no
// free slot takes the slot with the fewest blockers, which are removed and
// placed again later (an ejection chain); a talk placed by an ejection is
// not ejected again for a few steps unless nothing else will do. It gives
// up after limit ejections (0: 50 per talk plus 1,000) and returns the
// talk it could not place.
func construct(st *state, order []int, rng *rand.Rand, limit int) (int, bool) {
	m := st.m
	if limit == 0 {
		limit = 50*m.nT + 1000
	}
	queue := slices.Clone(order)
	tabu := make([]int, m.nT)
	var buf []int32
	ejections := 0
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		if st.pos[t] >= 0 {
			continue
		}
		if s := bestSlot(st, t); s >= 0 {
			st.place(t, s)
			continue
		}
		if ejections >= limit {
			return t, false
		}
		// The slot with the fewest blockers, none of them recently placed
		// by an ejection; ties broken at random.
		best, bestN, ties := -1, 0, 0
		for _, s32 := range m.allowed[t] {
			s := int(s32)
			buf = st.blockers(t, s, buf[:0])
			n := len(buf)
			for _, u := range buf {
				if tabu[u] > ejections {
					n += m.nT // possible, but only as a last resort
				}
			}
			switch {
			case best < 0 || n < bestN:
				best, bestN, ties = s, n, 1
			case n == bestN:
				ties++
				if rng.IntN(ties) == 0 {
					best = s
				}
			}
		}
		buf = st.blockers(t, best, buf[:0])
		for _, u := range buf {
			st.unplace(int(u))
		}
		st.place(t, best)
		ejections++
		tabu[t] = ejections + 7
		for _, u := range buf {
			queue = append([]int{int(u)}, queue...)
		}
	}
	return -1, true
}
