package schedule

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// precheck refuses instances that have no schedule for a reason cheap to
// see: too few slots, a talk no slot fits, too few long slots, a speaker
// with more talks than non-overlapping times. Its errors name the rule.
func precheck(m *model) error {
	bad := func(format string, args ...any) error { return guild.Errorf(guild.EINVALID, format, args...) }
	// Costs are int64: overflow times big, plus soft.
	var audiences float64
	for _, a := range m.aud {
		audiences += float64(a)
	}
	if audiences*float64(m.big) > 1e18 {
		return bad("The instance is too large to score: %d talks with %.0f people between them. Split it or lower the weights.", m.nT, audiences)
	}
	if m.nT > m.nS {
		return bad("The talks need %d slots, there are only %d.", m.nT, m.nS)
	}
	for t := range m.nT {
		if len(m.allowed[t]) > 0 {
			continue
		}
		if int(m.tmin[t]) > m.longestSlot {
			return bad("Talk %d (%d min) fits no slot: the longest slot is %d min.", m.ids[t], m.tmin[t], m.longestSlot)
		}
		long := 0
		for s := range m.nS {
			if m.smin[s] >= m.tmin[t] {
				long++
			}
		}
		return bad("Talk %d (%d min) may use no slot: all %d slots of %d min or more are in its unavailable list.", m.ids[t], m.tmin[t], long, m.tmin[t])
	}
	// Long talks against long slots: for every length L, the talks of L
	// minutes or more need as many slots of L minutes or more.
	lengths := slices.Clone(m.tmin)
	slices.SortFunc(lengths, func(a, b int32) int { return int(b - a) })
	slots := 0
	for k := 0; k < len(lengths); {
		L := lengths[k]
		for k < len(lengths) && lengths[k] == L {
			k++
		}
		for slots < len(m.slotsByMinutes) && m.slotsByMinutes[slots] >= L {
			slots++
		}
		if k > slots {
			return bad("%d talks need %d min or more, but only %s that long.", k, L, count(slots, "slot is", "slots are"))
		}
	}
	// Speakers: a speaker's talks need that many non-overlapping slot
	// times among the slots they may use.
	byEnd := make([]int32, m.nS)
	for i := range byEnd {
		byEnd[i] = int32(i)
	}
	sort.Slice(byEnd, func(a, b int) bool { return m.send[byEnd[a]] < m.send[byEnd[b]] })
	union := make([]uint64, m.sw)
	for sp, ts := range m.speakerTalks {
		if len(ts) < 2 {
			continue
		}
		clear(union)
		for _, t := range ts {
			for k := range m.sw {
				union[k] |= m.allowBit[int(t)*m.sw+k]
			}
		}
		n, end := 0, int32(-1)
		for _, s := range byEnd {
			if union[s/64]&(1<<(s%64)) != 0 && m.sstart[s] >= end {
				n, end = n+1, m.send[s]
				if n >= len(ts) {
					break
				}
			}
		}
		if n < len(ts) {
			times := fmt.Sprintf("are only %d non-overlapping slot times", n)
			if n == 1 {
				times = "is only 1 slot time"
			}
			return bad("Speaker %s has %d talks but there %s those talks can use.", m.speakers[sp], len(ts), times)
		}
	}
	return nil
}

// diagnose explains why talk t could not be placed after the search gave
// up. It first looks for a set of talks that need more distinct slots than
// they may use between them (ignoring clashes); failing that it names what
// blocks t's slots.
func diagnose(st *state, t int) error {
	m := st.m
	if msg := hallViolation(m); msg != "" {
		return guild.Errorf(guild.EINVALID, "%s", msg)
	}
	taken, clash := 0, 0
	who := map[string][]int{}
	var whoKeys []string
	note := func(k string, id int) {
		if _, ok := who[k]; !ok {
			whoKeys = append(whoKeys, k)
		}
		if !slices.Contains(who[k], id) {
			who[k] = append(who[k], id)
		}
	}
	for _, s := range m.allowed[t] {
		blocked := false
		for _, u := range m.conf[t] {
			p := st.pos[u]
			if p < 0 || !m.overlaps(p, s) {
				continue
			}
			blocked = true
			shared := false
			for _, sp := range m.in.Talks[t].Speakers {
				if slices.Contains(m.in.Talks[u].Speakers, sp) {
					note("speaker "+sp, m.ids[u])
					shared = true
				}
			}
			if !shared {
				note("not_with", m.ids[u])
			}
		}
		if blocked {
			clash++
		} else if st.occ[s] >= 0 {
			taken++
		}
	}
	var parts []string
	for _, k := range whoKeys {
		ids := who[k]
		slices.Sort(ids)
		parts = append(parts, fmt.Sprintf("%s: %s", k, idList(ids)))
	}
	msg := fmt.Sprintf("No schedule found: talk %d (%d min) could not be placed. Of the %s it may use, %d taken by other talks and %d overlap talks it must not overlap",
		m.ids[t], m.tmin[t], count(len(m.allowed[t]), "slot", "slots"), taken, clash)
	if taken == 1 {
		msg = strings.Replace(msg, "1 taken", "1 is taken", 1)
	} else {
		msg = strings.Replace(msg, fmt.Sprintf("%d taken", taken), fmt.Sprintf("%d are taken", taken), 1)
	}
	if len(parts) > 0 {
		msg += " (" + strings.Join(parts, "; ") + ")"
	}
	return guild.Errorf(guild.EINVALID, "%s. Give it more slots, or fewer talks to its speakers or fewer not_with rules.", msg)
}

// hallViolation finds, by a maximum matching of talks to the slots they
// may use, a set of talks with fewer usable slots than talks, and
// describes it; it returns "" when every talk can have its own slot.
func hallViolation(m *model) string {
	match := make([]int32, m.nS) // slot -> talk
	for i := range match {
		match[i] = -1
	}
	seen := make([]int, m.nS)
	stamp := 0
	var try func(t int) bool
	try = func(t int) bool {
		for _, s := range m.allowed[t] {
			if seen[s] == stamp {
				continue
			}
			seen[s] = stamp
			if match[s] < 0 || try(int(match[s])) {
				match[s] = int32(t)
				return true
			}
		}
		return false
	}
	for t := range m.nT {
		stamp++
		if try(t) {
			continue
		}
		// The talks and slots reachable from t by alternating paths: every
		// reachable slot is matched to a reachable talk, so the talks
		// outnumber their slots by one.
		talks := []int{m.ids[t]}
		var slotNames []string
		for s := range m.nS {
			if seen[s] == stamp {
				slotNames = append(slotNames, m.in.Slots[s].Room+" "+Clock(m.in.Slots[s].Start))
				talks = append(talks, m.ids[match[s]])
			}
		}
		slices.Sort(talks)
		return fmt.Sprintf("No schedule found: talks %s may use only %s between them (%s), one too few.",
			idList(talks), count(len(slotNames), "slot", "slots"), listWords(slotNames))
	}
	return ""
}

// count writes n and the singular or plural noun.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// idList writes IDs as "3, 7 and 9", eliding after ten.
func idList(ids []int) string {
	words := make([]string, len(ids))
	for i, id := range ids {
		words[i] = fmt.Sprint(id)
	}
	return listWords(words)
}

func listWords(w []string) string {
	const most = 10
	if len(w) > most {
		return strings.Join(w[:most], ", ") + fmt.Sprintf(" and %d more", len(w)-most)
	}
	if len(w) <= 1 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}
