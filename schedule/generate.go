package schedule

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// sessions are a generated day's blocks of talks, in minutes from
// midnight: 09:00–10:30, coffee, 11:00–12:30, lunch, 13:30–15:00, coffee,
// 15:30–17:30. The first two are the morning.
var sessions = [...]struct{ start, minutes int }{{540, 90}, {660, 90}, {810, 90}, {930, 120}}

var (
	genRooms = []string{"Main Hall", "Atrium", "Library", "Lab", "Studio", "Boardroom", "Garden Room",
		"Observatory", "Workshop", "Loft", "Cellar", "Gallery"}
	genNames = []string{"ann", "sam", "li", "omar", "priya", "jon", "eva", "kai", "mia", "raj", "zoe", "tom",
		"ines", "yuki", "ben", "ada", "leo", "nora", "ivan", "sara", "femi", "tess", "hugo", "lena", "amir",
		"rosa", "dan", "mei", "paul", "ola", "nick", "ruth", "sven", "asha", "joe", "kim", "max", "ella",
		"theo", "noor", "finn", "lara", "ravi", "june", "otto", "vera", "carl", "dina", "eli", "gwen"}
	genTags = []string{"testing", "go", "java", "frontend", "data", "security", "cloud", "devops", "agile",
		"design", "ml", "architecture", "career", "accessibility"}
	genDepts = []string{"Engineering", "QA", "Data", "Design", "Product", "Operations", "Security", "People", "Finance"}
)

// Generate returns a realistic random instance with the given numbers of
// talks, rooms and days, the same for the same seed, and always feasible.
//
// Days run 09:00–17:30 with coffee breaks and lunch. Ordinary talks take
// one unit (70%), two (25%) or three (5%), and slots are as long; the
// unit is 30 minutes (slots of 30, 60 and some 90). When the talks do not
// fit in the days given, Generate tries fewer long talks (85% one unit,
// 15% two), then units of 20 and 15 minutes, then 10 and 5, and at last
// adds days. There are 10–20% more slots of each length than talks of
// that length. Rooms range from
// a large hall to small rooms; audiences have a long tail; talks have one
// to three speakers, and some speakers give several talks; tags and
// departments come from small vocabularies; a few per day are lightning
// blocks, games and a social. Feasibility is by construction: a hidden
// schedule is drawn first, and speakers, unavailability (speakers away for
// half a day) and not_with pairs are drawn so that it stays valid.
func Generate(talks, rooms, days int, seed int64) *Instance {
	talks, rooms, days = max(talks, 0), max(rooms, 1), max(days, 1)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6e6e7261746f72))
	in := &Instance{}

	// Capacities fall geometrically from the hall to about 25 seats.
	top := 180 + rng.IntN(100)
	ratio := 0.72
	if rooms > 1 {
		ratio = min(0.9, max(0.6, math.Pow(25/float64(top), 1/float64(rooms-1))))
	}
	for r := range rooms {
		name := "Room " + strconv.Itoa(r+1)
		if r < len(genRooms) {
			name = genRooms[r]
		}
		c := float64(top) * math.Pow(ratio, float64(r)) * (0.9 + 0.2*rng.Float64())
		in.Rooms = append(in.Rooms, Room{Name: name, Capacity: max(15, int(c/5)*5)})
	}

	// What each talk is and how many units it takes.
	type spec struct {
		kind  string
		units int
	}
	specs := make([]spec, talks)
	games := 0
	if talks >= 12*days {
		games = days
	} else if talks >= 12 {
		games = 1
	}
	socials, lightning := 0, talks/30
	if talks >= 20 {
		socials = 1
	}
	if talks >= 15 {
		lightning = max(lightning, 1)
	}
	// Ordinary talks take one unit (70%), two (25%) or three (5%); when
	// that does not fit, the dense mix is tried: one (85%) or two (15%).
	draw := make([]float64, talks)
	for i := range specs {
		draw[i] = rng.Float64()
		switch {
		case i < games:
			specs[i] = spec{KindGame, 2}
		case i < games+socials:
			specs[i] = spec{KindSocial, 2}
		case i < games+socials+lightning:
			specs[i] = spec{KindLightning, 1 + rng.IntN(2)}
		default:
			specs[i] = spec{KindTalk, 0}
		}
	}
	perm := rng.Perm(talks)
	shuffled, shuffledDraw := make([]spec, talks), make([]float64, talks)
	for i, p := range perm {
		shuffled[p], shuffledDraw[p] = specs[i], draw[i]
	}
	specs, draw = shuffled, shuffledDraw
	spare := [4]float64{0, 1.10 + 0.10*rng.Float64(), 1.10 + 0.10*rng.Float64(), 1.10 + 0.10*rng.Float64()}
	mix := func(dense bool) [4]int {
		var slotsOf [4]int
		for i := range specs {
			if specs[i].kind != KindTalk {
				continue
			}
			switch r := draw[i]; {
			case !dense && r < 0.70, dense && r < 0.85:
				specs[i].units = 1
			case !dense && r < 0.95, dense:
				specs[i].units = 2
			default:
				specs[i].units = 3
			}
		}
		for _, s := range specs {
			slotsOf[s.units]++
		}
		for k := 1; k <= 3; k++ {
			slotsOf[k] = int(math.Ceil(float64(slotsOf[k]) * spare[k]))
		}
		return slotsOf
	}

	// Pack slots into the room-day sessions, spreading them evenly.
	type bin struct{ day, room, session, free int }
	var unit int
	var layout [][]int // units of each slot, per bin
	var bins []bin
	attempts := []struct {
		unit  int
		dense bool
	}{{30, false}, {30, true}, {20, false}, {20, true}, {15, false}, {15, true}, {10, true}, {5, true}}
	for unit == 0 {
		for _, at := range attempts {
			u := at.unit
			slotsOf := mix(at.dense)
			bins = bins[:0]
			for d := range days {
				for r := range rooms {
					for s, ses := range sessions {
						bins = append(bins, bin{d, r, s, ses.minutes / u})
					}
				}
			}
			layout = make([][]int, len(bins))
			ok := true
			for k := 3; k >= 1 && ok; k-- {
				for range slotsOf[k] {
					best, ties := -1, 0
					for b := range bins {
						switch {
						case bins[b].free < k:
						case best < 0 || bins[b].free > bins[best].free:
							best, ties = b, 1
						case bins[b].free == bins[best].free:
							ties++
							if rng.IntN(ties) == 0 {
								best = b
							}
						}
					}
					if best < 0 {
						ok = false
						break
					}
					bins[best].free -= k
					layout[best] = append(layout[best], k)
				}
			}
			if ok {
				unit = u
				break
			}
		}
		if unit == 0 {
			days++
		}
	}
	type slotInfo struct{ units, day, session int }
	var info []slotInfo
	for b, items := range layout {
		rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		start := bins[b].day*MinutesPerDay + sessions[bins[b].session].start
		for _, k := range items {
			in.Slots = append(in.Slots, Slot{Room: in.Rooms[bins[b].room].Name, Start: start, Minutes: k * unit})
			info = append(info, slotInfo{k, bins[b].day, bins[b].session})
			start += k * unit
		}
	}
	// Slots in reading order: by start, then room.
	perm = make([]int, len(in.Slots))
	for i := range perm {
		perm[i] = i
	}
	roomIdx := map[string]int{}
	for i, r := range in.Rooms {
		roomIdx[r.Name] = i
	}
	slices.SortFunc(perm, func(a, b int) int {
		if in.Slots[a].Start != in.Slots[b].Start {
			return in.Slots[a].Start - in.Slots[b].Start
		}
		return roomIdx[in.Slots[a].Room] - roomIdx[in.Slots[b].Room]
	})
	sorted, sortedInfo := make([]Slot, len(perm)), make([]slotInfo, len(perm))
	for i, p := range perm {
		sorted[i], sortedInfo[i] = in.Slots[p], info[p]
	}
	in.Slots, info = sorted, sortedInfo

	// The hidden schedule: each talk in a slot of its length, or longer.
	var free [4][]int
	for i, si := range info {
		free[si.units] = append(free[si.units], i)
	}
	for k := range free {
		rng.Shuffle(len(free[k]), func(i, j int) { free[k][i], free[k][j] = free[k][j], free[k][i] })
	}
	planted := make([]int, talks)
	for k := 3; k >= 1; k-- {
		for i, s := range specs {
			if s.units != k {
				continue
			}
			for c := k; c <= 3; c++ {
				if n := len(free[c]); n > 0 {
					planted[i], free[c] = free[c][n-1], free[c][:n-1]
					break
				}
			}
		}
	}
	overlaps := func(a, b int) bool { return in.Slots[a].Overlaps(in.Slots[b]) }

	// Talks.
	var speakerTalks [][]int // speaker -> talk indexes
	var occurrences []int    // one entry per talk a speaker gives: preferential reuse
	newSpeaker := func() int {
		speakerTalks = append(speakerTalks, nil)
		return len(speakerTalks) - 1
	}
	speakerName := func(k int) string {
		n := genNames[k%len(genNames)]
		if k >= len(genNames) {
			n += strconv.Itoa(k/len(genNames) + 1)
		}
		return n
	}
	talkSpeakers := make([][]int, talks)
	for i, s := range specs {
		t := Talk{ID: i + 1, Kind: s.kind}
		m := s.units * unit
		if s.kind == KindTalk && unit >= 20 && rng.Float64() < 0.3 {
			m -= 5 * s.units
		}
		t.Minutes = m
		switch s.kind {
		case KindGame:
			t.Audience = 30 + rng.IntN(50)
		case KindSocial:
			t.Audience = 60 + rng.IntN(90)
		case KindLightning:
			t.Audience = 40 + rng.IntN(80)
		default:
			t.Audience = min(top*3/2, 8+int(12/math.Pow(1-rng.Float64(), 1/1.4)))
		}
		if s.kind != KindSocial {
			n := 1
			if r := rng.Float64(); s.kind == KindTalk && r < 0.08 {
				n = 3
			} else if s.kind == KindTalk && r < 0.30 {
				n = 2
			}
			for range n {
				sp := -1
				for try := 0; try < 4 && sp < 0 && len(occurrences) > 0 && rng.Float64() < 0.3; try++ {
					c := occurrences[rng.IntN(len(occurrences))]
					if len(speakerTalks[c]) >= 4 || slices.Contains(talkSpeakers[i], c) {
						continue
					}
					clash := false
					for _, o := range speakerTalks[c] {
						clash = clash || overlaps(planted[o], planted[i])
					}
					if !clash {
						sp = c
					}
				}
				if sp < 0 {
					sp = newSpeaker()
				}
				speakerTalks[sp] = append(speakerTalks[sp], i)
				occurrences = append(occurrences, sp)
				talkSpeakers[i] = append(talkSpeakers[i], sp)
			}
		}
		nTags := 1
		if rng.Float64() < 0.3 {
			nTags = 2
		}
		for range nTags {
			g := genTags[skewed(rng, len(genTags))]
			if !slices.Contains(t.Tags, g) {
				t.Tags = append(t.Tags, g)
			}
		}
		if s.kind == KindTalk || s.kind == KindLightning {
			t.Department = genDepts[skewed(rng, len(genDepts))]
			t.FirstTime = s.kind == KindTalk && rng.Float64() < 0.2
		}
		in.Talks = append(in.Talks, t)
	}
	for i := range in.Talks {
		for _, sp := range talkSpeakers[i] {
			in.Talks[i].Speakers = append(in.Talks[i].Speakers, speakerName(sp))
		}
	}

	// Unavailability: one speaker in ten is away for half a day that none
	// of their talks uses in the hidden schedule.
	for _, ts := range speakerTalks {
		if rng.Float64() >= 0.1 {
			continue
		}
		d, morning := rng.IntN(days), rng.IntN(2) == 0
		inBlock := func(s int) bool { return info[s].day == d && (info[s].session < 2) == morning }
		used := false
		for _, t := range ts {
			used = used || inBlock(planted[t])
		}
		if used {
			continue
		}
		for _, t := range ts {
			for s := range in.Slots {
				if inBlock(s) && !slices.Contains(in.Talks[t].Unavailable, s) {
					in.Talks[t].Unavailable = append(in.Talks[t].Unavailable, s)
				}
			}
			slices.Sort(in.Talks[t].Unavailable)
		}
	}

	// not_with: a few pairs of talks on one topic, apart in the hidden
	// schedule, listed on one side only.
	if talks >= 10 {
		for range max(1, talks/40) {
			for try := 0; try < 20; try++ {
				a, b := rng.IntN(talks), rng.IntN(talks)
				ta, tb := &in.Talks[a], &in.Talks[b]
				if a == b || !shareTag(ta.Tags, tb.Tags) || overlaps(planted[a], planted[b]) || slices.Contains(ta.NotWith, tb.ID) || slices.Contains(tb.NotWith, ta.ID) {
					continue
				}
				ta.NotWith = append(ta.NotWith, tb.ID)
				break
			}
		}
	}
	return in
}

// skewed draws an index in [0, n) with smaller indexes likelier.
func skewed(rng *rand.Rand, n int) int {
	return min(n-1, int(float64(n)*math.Pow(rng.Float64(), 1.8)))
}
