package schedule

import (
	"slices"
	"sort"
)

// Talk kinds as the solver sees them.
const (
	kindPlain uint8 = iota
	kindLightning
	kindClosing // a game or a social
)

// model is an Instance compiled for the solver: indexes instead of names,
// flat arrays, the slots each slot overlaps and the talks each talk may
// not overlap. Check and Evaluate do not use it.
type model struct {
	in  *Instance
	w   Weights
	big int64 // one unit of overflow outweighs every soft cost together

	nT, nS int

	// Slots.
	sroom          []int32
	scap           []int32
	sstart, send   []int32
	smin           []int32
	sov            [][]int32 // other slots sharing a minute with each slot
	late, early    []int32   // half hours after the day's first start / before its last end
	last           []bool    // the last slot of its room's day
	longestSlot    int
	slotsByMinutes []int32 // slot lengths, longest first

	// Talks.
	ids      []int
	index    map[int]int32
	aud      []int32
	tmin     []int32
	kind     []uint8
	first    []bool
	dept     []int32 // -1 for none
	tags     []uint64
	tw       int       // words of tags per talk
	conf     [][]int32 // talks sharing a speaker or a not_with rule
	allowed  [][]int32 // slots each talk may use
	byCap    [][]int32 // the same, largest room first
	allowBit []uint64
	sw       int // words of allowBit per talk

	speakers     []string
	speakerTalks [][]int32
}

// compile builds the model of a valid instance.
func compile(in *Instance) *model {
	m := &model{in: in, w: in.Weights.Effective(), nT: len(in.Talks), nS: len(in.Slots)}
	capOf := make(map[string]int, len(in.Rooms))
	roomIdx := make(map[string]int, len(in.Rooms))
	for i, r := range in.Rooms {
		capOf[r.Name], roomIdx[r.Name] = r.Capacity, i
	}
	nS := m.nS
	m.sroom, m.scap, m.sstart, m.send, m.smin = make([]int32, nS), make([]int32, nS), make([]int32, nS), make([]int32, nS), make([]int32, nS)
	m.late, m.early, m.last = make([]int32, nS), make([]int32, nS), make([]bool, nS)
	dayFirst, dayLast := map[int]int{}, map[int]int{}
	type roomDay struct{ room, day int }
	lastStart := map[roomDay]int{}
	for i, s := range in.Slots {
		m.sroom[i], m.scap[i] = int32(roomIdx[s.Room]), int32(capOf[s.Room])
		m.sstart[i], m.send[i], m.smin[i] = int32(s.Start), int32(s.End()), int32(s.Minutes)
		m.longestSlot = max(m.longestSlot, s.Minutes)
		d := s.Start / MinutesPerDay
		if f, ok := dayFirst[d]; !ok || s.Start < f {
			dayFirst[d] = s.Start
		}
		if l, ok := dayLast[d]; !ok || s.End() > l {
			dayLast[d] = s.End()
		}
		rd := roomDay{roomIdx[s.Room], d}
		if l, ok := lastStart[rd]; !ok || s.Start > l {
			lastStart[rd] = s.Start
		}
	}
	for i, s := range in.Slots {
		d := s.Start / MinutesPerDay
		m.late[i] = int32((s.Start - dayFirst[d]) / 30)
		m.early[i] = int32((dayLast[d] - s.End()) / 30)
		m.last[i] = lastStart[roomDay{roomIdx[s.Room], d}] == s.Start
	}
	// Overlapping slots, by a sweep over starts.
	order := make([]int32, nS)
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(a, b int) bool { return m.sstart[order[a]] < m.sstart[order[b]] })
	m.sov = make([][]int32, nS)
	for x, a := range order {
		for _, b := range order[x+1:] {
			if m.sstart[b] >= m.send[a] {
				break
			}
			m.sov[a] = append(m.sov[a], b)
			m.sov[b] = append(m.sov[b], a)
		}
	}
	for i := range m.sov {
		slices.Sort(m.sov[i])
	}
	m.slotsByMinutes = slices.Clone(m.smin)
	slices.SortFunc(m.slotsByMinutes, func(a, b int32) int { return int(b - a) })

	// Talks.
	nT := m.nT
	m.ids, m.index = make([]int, nT), make(map[int]int32, nT)
	m.aud, m.tmin, m.kind, m.first, m.dept = make([]int32, nT), make([]int32, nT), make([]uint8, nT), make([]bool, nT), make([]int32, nT)
	tagIdx, deptIdx := map[string]int{}, map[string]int32{}
	for _, t := range in.Talks {
		for _, g := range t.Tags {
			if _, ok := tagIdx[g]; !ok {
				tagIdx[g] = len(tagIdx)
			}
		}
	}
	m.tw = (len(tagIdx) + 63) / 64
	m.tags = make([]uint64, nT*m.tw)
	speakerIdx := map[string]int{}
	for i, t := range in.Talks {
		m.ids[i], m.index[t.ID] = t.ID, int32(i)
		m.aud[i], m.tmin[i], m.first[i] = int32(t.Audience), int32(t.Minutes), t.FirstTime
		switch t.Kind {
		case KindLightning:
			m.kind[i] = kindLightning
		case KindGame, KindSocial:
			m.kind[i] = kindClosing
		}
		m.dept[i] = -1
		if t.Department != "" {
			d, ok := deptIdx[t.Department]
			if !ok {
				d = int32(len(deptIdx))
				deptIdx[t.Department] = d
			}
			m.dept[i] = d
		}
		for _, g := range t.Tags {
			k := tagIdx[g]
			m.tags[i*m.tw+k/64] |= 1 << (k % 64)
		}
		for _, sp := range t.Speakers {
			k, ok := speakerIdx[sp]
			if !ok {
				k = len(m.speakers)
				speakerIdx[sp] = k
				m.speakers = append(m.speakers, sp)
				m.speakerTalks = append(m.speakerTalks, nil)
			}
			m.speakerTalks[k] = append(m.speakerTalks[k], int32(i))
		}
	}
	m.conf = make([][]int32, nT)
	for _, ts := range m.speakerTalks {
		for _, a := range ts {
			for _, b := range ts {
				if a != b {
					m.conf[a] = append(m.conf[a], b)
				}
			}
		}
	}
	for i, t := range in.Talks {
		for _, id := range t.NotWith {
			j := m.index[id]
			m.conf[i] = append(m.conf[i], j)
			m.conf[j] = append(m.conf[j], int32(i))
		}
	}
	for i := range m.conf {
		slices.Sort(m.conf[i])
		m.conf[i] = slices.Compact(m.conf[i])
	}
	// Allowed slots.
	m.sw = (nS + 63) / 64
	m.allowBit = make([]uint64, nT*m.sw)
	m.allowed = make([][]int32, nT)
	m.byCap = make([][]int32, nT)
	banned := make([]bool, nS)
	capOrder := slices.Clone(order)
	slices.SortFunc(capOrder, func(a, b int32) int {
		if m.scap[a] != m.scap[b] {
			return int(m.scap[b] - m.scap[a])
		}
		return int(a - b)
	})
	for i, t := range in.Talks {
		for _, u := range t.Unavailable {
			banned[u] = true
		}
		var list []int32
		for s := range nS {
			if !banned[s] && m.smin[s] >= m.tmin[i] {
				list = append(list, int32(s))
				m.allowBit[i*m.sw+s/64] |= 1 << (s % 64)
			}
		}
		m.allowed[i] = list
		byCap := make([]int32, 0, len(list))
		for _, s := range capOrder {
			if m.allows(i, int(s)) {
				byCap = append(byCap, s)
			}
		}
		m.byCap[i] = byCap
		for _, u := range t.Unavailable {
			banned[u] = false
		}
	}
	// big exceeds the largest possible soft total.
	var maxUnary int64
	for s := range nS {
		maxUnary = max(maxUnary, int64(m.w.LightningLate)*int64(m.late[s]), int64(m.w.ClosingEarly)*int64(m.early[s]))
	}
	maxUnary += int64(m.w.FirstTimeLast)
	maxSov := 0
	for _, o := range m.sov {
		maxSov = max(maxSov, len(o))
	}
	m.big = int64(nT)*maxUnary + int64(nT)*int64(min(nT, maxSov))*int64(m.w.TagParallel+m.w.DeptParallel) + 1
	return m
}

// allows reports whether talk t may use slot s (length and availability).
func (m *model) allows(t, s int) bool {
	return m.allowBit[t*m.sw+s/64]&(1<<(s%64)) != 0
}

// overlaps reports whether slots a and b share a minute.
func (m *model) overlaps(a, b int32) bool {
	return m.sstart[a] < m.send[b] && m.sstart[b] < m.send[a]
}

// overflow is talk t's overflow in slot s.
func (m *model) overflow(t, s int) int64 {
	return int64(max(0, m.aud[t]-m.scap[s]))
}

// unary is talk t's soft cost in slot s on its own.
func (m *model) unary(t, s int) int64 {
	var c int64
	switch m.kind[t] {
	case kindLightning:
		c = int64(m.w.LightningLate) * int64(m.late[s])
	case kindClosing:
		c = int64(m.w.ClosingEarly) * int64(m.early[s])
	}
	if m.first[t] && m.last[s] {
		c += int64(m.w.FirstTimeLast)
	}
	return c
}

// pair is the soft cost of talks a and b overlapping.
func (m *model) pair(a, b int) int64 {
	var c int64
	if m.dept[a] >= 0 && m.dept[a] == m.dept[b] {
		c += int64(m.w.DeptParallel)
	}
	if m.tw == 1 {
		if m.tags[a]&m.tags[b] != 0 {
			c += int64(m.w.TagParallel)
		}
		return c
	}
	for k := range m.tw {
		if m.tags[a*m.tw+k]&m.tags[b*m.tw+k] != 0 {
			c += int64(m.w.TagParallel)
			break
		}
	}
	return c
}
