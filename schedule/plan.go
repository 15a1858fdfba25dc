package schedule

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// LightningBlock is how long a block of lightning talks runs at most: six
// 5-minute talks share a 30-minute session.
const LightningBlock = 30

// KindOf returns the kind of session a format makes: keynote and opening
// formats open the day in every room, game, social and closing formats
// close it in every room, lightning formats are grouped into blocks, and
// every other format is a talk.
func KindOf(format string) string {
	f := strings.ToLower(format)
	switch {
	case strings.Contains(f, "keynote"), strings.Contains(f, "opening"), strings.Contains(f, "plenary"):
		return KindKeynote
	case strings.Contains(f, "game"):
		return KindGame
	case strings.Contains(f, "social"), strings.Contains(f, "closing"), strings.Contains(f, "party"):
		return KindSocial
	case strings.Contains(f, "lightning"):
		return KindLightning
	}
	return KindTalk
}

// plenaryKind reports whether a kind spans every room.
func plenaryKind(k string) bool { return k == KindKeynote || k == KindGame || k == KindSocial }

// BuildOptions tune Build.
type BuildOptions struct {
	// Seed makes the solver deterministic.
	Seed int64
	// Previous is the schedule before (the draft or the latest release);
	// Build keeps what it can of it. Fresh ignores it.
	Previous []Placement
	Fresh    bool
	// Stop, when set, ends the solver's search early (a deadline).
	Stop func() bool
}

// session is one solver item: a talk, or a block of lightning talks.
type session struct {
	talks   []*cfp.Submission
	kind    string
	minutes int
	// each is each talk's length, for a block.
	each    int
	windows []cfp.Window
	format  string
	// was is where the block's talks were in the schedule before, for a
	// block kept from it: they keep their times if the block stays put.
	was map[int64]Placement
}

// Layout is the solver's view of an event's day: the instance, the
// sessions behind its talks, and the plenaries placed before solving.
type Layout struct {
	Instance *Instance
	// Plenaries are the keynotes, games and socials, placed in every room.
	Plenaries []Placement
	// Estimated is true when no talk in the line-up has interest votes,
	// so audiences are an even share of the seats.
	Estimated bool
	sessions  []session
	// byID finds a session by its instance talk ID, its first talk's ID.
	byID map[int]int
	// group lists, per row length, the sessions packed in rows that long.
	group map[int][]int
}

// NewLayout splits the event's day into slots for the talks: plenaries
// first and last, then rows of slots, the same times in every room,
// between the breaks, long enough for the talks' formats. It returns
// EINVALID naming the rule that blocks when the talks cannot fit.
func NewLayout(ev *event.Event, talks []*cfp.Submission) (*Layout, error) {
	return layout(ev, talks, nil, 0)
}

// heldStart is when the talks of previous, the schedule before, start in
// the day's first session; 0 when none is there. A rebuild keeps that
// start, so a withdrawn keynote leaves a gap rather than moving every talk
// of the morning.
func heldStart(ev *event.Event, previous []Placement) int {
	ss := Sessions(ev)
	if len(ss) == 0 {
		return 0
	}
	opened := 0
	for _, p := range previous {
		if !p.Plenary() && p.Start >= ss[0][0] && p.Start < ss[0][1] && (opened == 0 || p.Start < opened) {
			opened = p.Start
		}
	}
	return opened
}

// layout makes the layout of NewLayout, keeping the lightning blocks of
// previous, the schedule before, so that a rebuild moves none of their
// talks but the withdrawn ones, and starting the talks of the first
// session no earlier than opened.
func layout(ev *event.Event, talks []*cfp.Submission, previous []Placement, opened int) (*Layout, error) {
	if len(ev.Rooms) == 0 {
		return nil, guild.Errorf(guild.EINVALID, "%s has no rooms; an organiser gives them with /event create … rooms=\"Main:120, Lab:30\".", ev.Name)
	}
	l := &Layout{Instance: &Instance{}}
	var openers, closers []*cfp.Submission
	var lightning []*cfp.Submission
	for _, s := range talks {
		switch KindOf(s.Format.Name) {
		case KindKeynote:
			openers = append(openers, s)
		case KindGame, KindSocial:
			closers = append(closers, s)
		case KindLightning:
			lightning = append(lightning, s)
		default:
			l.sessions = append(l.sessions, session{talks: []*cfp.Submission{s}, kind: KindTalk, minutes: s.Format.Minutes, windows: s.Available, format: s.Format.Name})
		}
	}
	l.sessions = append(l.sessions, blocks(lightning, previous)...)
	// A format no room holds would otherwise surface as the solver's "fits
	// no slot", or as a day too short.
	for _, s := range l.sessions {
		if !slices.ContainsFunc(ev.Rooms, func(r event.Room) bool { return r.Allows(s.format) }) {
			return nil, guild.Errorf(guild.EINVALID, "No room allows the %s format of %s; let a room hold it with /event create … rooms=\"Lab:30 %s\".", s.format, refList(s.talks), s.format)
		}
	}

	sessions := Sessions(ev)
	if len(sessions) == 0 {
		return nil, guild.Errorf(guild.EINVALID, "%s's breaks leave no time for talks between %s and %s.", ev.Name, event.Clock(ev.Start), event.Clock(ev.End))
	}
	var err error
	if sessions, err = l.placePlenaries(ev, sessions, openers, closers, opened); err != nil {
		return nil, err
	}
	rows, err := l.rows(ev, sessions)
	if err != nil {
		return nil, err
	}
	l.fill(ev, rows)
	if err := l.checkWindows(ev, sessions); err != nil {
		return nil, err
	}
	return l, nil
}

// checkWindows names a talk whose speakers can give it at none of the
// times the day has for it, which the solver would report only as a talk
// that "may use no slot".
func (l *Layout) checkWindows(ev *event.Event, sessions [][2]int) error {
	in := l.Instance
	for i, t := range in.Talks {
		s := l.sessions[i]
		if len(s.windows) == 0 || len(t.Unavailable) < len(in.Slots) {
			continue
		}
		fits := false // a slot that would do but for the windows
		for _, slot := range in.Slots {
			room, _ := roomNamed(ev, slot.Room)
			fits = fits || (slot.Minutes >= s.minutes && room.Allows(s.format))
		}
		if !fits {
			continue // the solver says why
		}
		return guild.Errorf(guild.EINVALID, "%s's speakers can give it only %s, and the day has no %d minutes for it then: its sessions are %s. Ask them for other times (/cfp available %d \"HH:MM-HH:MM\"), or move a break with /event breaks %s.",
			refList(s.talks), cfp.Windows(s.windows), s.minutes, sessionList(sessions), s.talks[0].ID, guild.QuoteArg(ev.Name))
	}
	return nil
}

// refList writes talks as "#3", or "the lightning block of #3, #4 and #5".
func refList(talks []*cfp.Submission) string {
	if len(talks) == 1 {
		return talks[0].Ref()
	}
	refs := make([]string, len(talks))
	for i, t := range talks {
		refs[i] = t.Ref()
	}
	return "the lightning block of " + strings.Join(refs[:len(refs)-1], ", ") + " and " + refs[len(refs)-1]
}

// Sessions returns the stretches of the event's day between its breaks.
func Sessions(ev *event.Event) [][2]int { return event.Sessions(ev, ev.DayBreaks()) }

// blockKey is what the talks of a lightning block share: their length and
// their speakers' availability.
type blockKey struct {
	minutes int
	windows string
}

func keyOf(s *cfp.Submission) blockKey { return blockKey{s.Format.Minutes, cfp.Windows(s.Available)} }

// blockMinutes is how long a block of talks of the given length runs.
func blockMinutes(each int) int { return max(LightningBlock, each) }

// blocks groups lightning talks into sessions of LightningBlock minutes:
// talks of the same length and availability together, as few blocks as
// hold them and as evenly filled, in id order. A lightning talk longer
// than a block is a session of its own. The blocks of previous, the
// schedule before, are kept, so withdrawing a lightning talk does not
// regroup the others; new talks join a kept block with room for them, or
// make new blocks.
func blocks(talks []*cfp.Submission, previous []Placement) []session {
	kept, rest := previousBlocks(talks, previous)
	var out []session
	for _, g := range kept {
		s := session{talks: g.talks, kind: KindLightning, minutes: blockMinutes(g.key.minutes), each: g.key.minutes,
			windows: g.talks[0].Available, format: g.talks[0].Format.Name, was: map[int64]Placement{}}
		for _, t := range g.talks {
			s.was[t.ID] = g.was[t.ID]
		}
		out = append(out, s)
	}
	groups := map[blockKey][]*cfp.Submission{}
	var keys []blockKey
	slices.SortFunc(rest, func(a, b *cfp.Submission) int { return cmp.Compare(a.ID, b.ID) })
	for _, s := range rest {
		k := keyOf(s)
		// Into the emptiest kept block of its kind that has room at its end.
		best := -1
		for i, g := range kept {
			if g.key == k && g.end+k.minutes <= g.start+blockMinutes(k.minutes) && (best < 0 || len(out[i].talks) < len(out[best].talks)) {
				best = i
			}
		}
		if best >= 0 {
			out[best].talks = append(out[best].talks, s)
			kept[best].end += k.minutes
			continue
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], s)
	}
	slices.SortFunc(keys, func(a, b blockKey) int {
		return cmp.Or(strings.Compare(a.windows, b.windows), cmp.Compare(a.minutes, b.minutes))
	})
	for _, k := range keys {
		g := groups[k]
		per := max(1, LightningBlock/k.minutes)
		n := ceilDiv(len(g), per)
		for i := range n {
			part := g[i*len(g)/n : (i+1)*len(g)/n]
			out = append(out, session{talks: part, kind: KindLightning, minutes: blockMinutes(k.minutes),
				each: k.minutes, windows: part[0].Available, format: part[0].Format.Name})
		}
	}
	return out
}

// oldBlock is a lightning block of the schedule before.
type oldBlock struct {
	key        blockKey
	talks      []*cfp.Submission
	was        map[int64]Placement
	start, end int
}

// previousBlocks finds the lightning blocks of previous among talks: the
// talks of one length and availability that ran in one room within a
// block's minutes of the first, in the order they ran. It returns them,
// and the talks in none.
func previousBlocks(talks []*cfp.Submission, previous []Placement) ([]*oldBlock, []*cfp.Submission) {
	was := map[int64]Placement{}
	for _, p := range previous {
		if !p.Plenary() {
			was[p.Talk] = p
		}
	}
	var placed, rest []*cfp.Submission
	for _, s := range talks {
		if _, ok := was[s.ID]; ok {
			placed = append(placed, s)
		} else {
			rest = append(rest, s)
		}
	}
	slices.SortFunc(placed, func(a, b *cfp.Submission) int {
		pa, pb := was[a.ID], was[b.ID]
		return cmp.Or(strings.Compare(pa.Room, pb.Room), cmp.Compare(pa.Start, pb.Start), cmp.Compare(a.ID, b.ID))
	})
	var out []*oldBlock
	for _, s := range placed {
		p, k := was[s.ID], keyOf(s)
		if n := len(out); n > 0 {
			b := out[n-1]
			if was[b.talks[0].ID].Room == p.Room && p.Start < b.start+blockMinutes(k.minutes) {
				if b.key == k && p.Start >= b.end && p.End() <= b.start+blockMinutes(k.minutes) {
					b.talks = append(b.talks, s)
					b.was[s.ID] = p
					b.end = p.End()
				} else {
					rest = append(rest, s) // placed by hand among another kind of talk
				}
				continue
			}
		}
		out = append(out, &oldBlock{key: k, talks: []*cfp.Submission{s}, was: map[int64]Placement{s.ID: p}, start: p.Start, end: p.End()})
	}
	return out, rest
}

// placePlenaries puts the keynotes at the start of the first session and
// the games and socials at the end of the last, and returns the sessions
// left for the other talks, which start no earlier than opened.
func (l *Layout) placePlenaries(ev *event.Event, sessions [][2]int, openers, closers []*cfp.Submission, opened int) ([][2]int, error) {
	byID := func(a, b *cfp.Submission) int { return cmp.Compare(a.ID, b.ID) }
	slices.SortFunc(openers, byID)
	// Games, then socials: the social closes the day, whatever the IDs.
	slices.SortFunc(closers, func(a, b *cfp.Submission) int {
		return cmp.Or(cmp.Compare(closerOrder(a), closerOrder(b)), byID(a, b))
	})
	first := &sessions[0]
	for _, s := range openers {
		p := Placement{Talk: s.ID, Start: first[0], Minutes: s.Format.Minutes}
		if p.End() > first[1] {
			return nil, guild.Errorf(guild.EINVALID, "#%d %q opens the day in every room at %s, but the first session ends at %s: shorten it, move the first break (/event breaks %s) or make it a talk.",
				s.ID, s.Title, event.Clock(p.Start), event.Clock(first[1]), guild.QuoteArg(ev.Name))
		}
		if !cfp.Fits(s.Available, p.Start, p.End()) {
			return nil, guild.Errorf(guild.EINVALID, "#%d %q opens the day at %s in every room, but its speakers can give it only %s.", s.ID, s.Title, event.Clock(p.Start), cfp.Windows(s.Available))
		}
		l.Plenaries = append(l.Plenaries, p)
		first[0] = p.End()
	}
	last := &sessions[len(sessions)-1]
	for i := len(closers) - 1; i >= 0; i-- {
		s := closers[i]
		p := Placement{Talk: s.ID, Start: last[1] - s.Format.Minutes, Minutes: s.Format.Minutes}
		if p.Start < last[0] {
			return nil, guild.Errorf(guild.EINVALID, "#%d %q closes the day in every room, but the last session, from %s to %s, has %d minutes left for it and it needs %d.",
				s.ID, s.Title, event.Clock(last[0]), event.Clock(last[1]), last[1]-last[0], s.Format.Minutes)
		}
		if !cfp.Fits(s.Available, p.Start, p.End()) {
			return nil, guild.Errorf(guild.EINVALID, "#%d %q closes the day at %s in every room, but its speakers can give it only %s.", s.ID, s.Title, event.Clock(p.Start), cfp.Windows(s.Available))
		}
		l.Plenaries = append(l.Plenaries, p)
		last[1] = p.Start
	}
	if opened < first[1] {
		first[0] = max(first[0], opened)
	}
	slices.SortFunc(l.Plenaries, func(a, b Placement) int { return a.Start - b.Start })
	var out [][2]int
	for _, s := range sessions {
		if s[1] > s[0] {
			out = append(out, s)
		}
	}
	return out, nil
}

// closerOrder ranks a closing plenary: games before socials.
func closerOrder(s *cfp.Submission) int {
	if KindOf(s.Format.Name) == KindGame {
		return 0
	}
	return 1
}

// row is a stretch of time cut the same way in every room.
type row struct {
	start, minutes int
	// spare marks time left over in a session, to fill.
	spare bool
}

// rows works out how many rows of each length the talks need and packs
// them into the sessions, longest first, each where it leaves least time
// over. Rows longer than the commonest length give the rooms their talks
// do not use to talks of that length (see fill), so fewer rows of it are
// needed. When the rows do not fit it merges the shortest length into the
// next and tries again, and at the end reports what did not fit at first.
func (l *Layout) rows(ev *event.Event, sessions [][2]int) ([]row, error) {
	lengths := map[int][]int{} // row minutes → session indexes
	for i, s := range l.sessions {
		lengths[s.minutes] = append(lengths[s.minutes], i)
	}
	keys := slices.Sorted(maps.Keys(lengths))
	base := l.base()
	var first []int
	for {
		var want []int            // row lengths, longest first
		extra := map[string]int{} // per room, slots of the base length cut from longer rows
		for i := len(keys) - 1; i >= 0; i-- {
			k := keys[i]
			if k == base {
				continue
			}
			n := l.rowsFor(ev, lengths[k], nil)
			for range n {
				want = append(want, k)
			}
			if k > base {
				l.cut(ev, lengths[k], n, k, base, extra)
			}
		}
		if idx, ok := lengths[base]; ok {
			for range l.rowsFor(ev, idx, extra) {
				want = append(want, base)
			}
		}
		slices.SortStableFunc(want, func(a, b int) int { return b - a })
		if first == nil {
			first = want
		}
		if rows, ok := pack(sessions, want, l.needs(ev, sessions, lengths, base)); ok {
			l.group = lengths
			return rows, nil
		}
		if len(keys) <= 1 {
			return nil, l.tooMuch(ev, sessions, first)
		}
		// Put the shortest talks in rows of the next length.
		lengths[keys[1]] = append(lengths[keys[1]], lengths[keys[0]]...)
		delete(lengths, keys[0])
		keys = keys[1:]
	}
}

// cut adds to extra, per room, the slots of the base length that fill
// cuts from n rows of k minutes holding the sessions idx: the rooms that
// cannot hold their formats are cut whole, and the rooms that can, taken
// largest first as fill does, are cut where the row's long sessions have
// run out.
func (l *Layout) cut(ev *event.Event, idx []int, n, k, base int, extra map[string]int) {
	long := 0
	usable := map[string]bool{}
	for _, i := range idx {
		s := l.sessions[i]
		if s.minutes <= base {
			continue
		}
		long++
		for _, r := range ev.Rooms {
			if r.Allows(s.format) {
				usable[r.Name] = true
			}
		}
	}
	byCapacity := slices.Clone(ev.Rooms)
	slices.SortStableFunc(byCapacity, func(a, b event.Room) int { return b.Capacity - a.Capacity })
	j := 0 // the room's place among the usable rooms
	for _, r := range byCapacity {
		kept := 0
		if usable[r.Name] {
			if j < long {
				kept = min(n, ceilDiv(long-j, len(usable)))
			}
			j++
		}
		extra[r.Name] += (n - kept) * (k / base)
	}
}

// rowsFor is how many rows the sessions need: enough for all of them in
// the rooms that take them, less the extra slots cut from longer rows in
// those rooms, and for each format held by only some rooms, enough in
// those rooms, less the extra slots there.
func (l *Layout) rowsFor(ev *event.Event, idx []int, extra map[string]int) int {
	byFormat := map[string]int{}
	usable := map[string]bool{}
	for _, i := range idx {
		f := l.sessions[i].format
		byFormat[f]++
		for _, r := range ev.Rooms {
			if r.Allows(f) {
				usable[r.Name] = true
			}
		}
	}
	spare := 0
	for name := range usable {
		spare += extra[name]
	}
	n := ceilDiv(max(0, len(idx)-spare), max(1, len(usable)))
	for f, count := range byFormat {
		rooms, spare := 0, 0
		for _, r := range ev.Rooms {
			if r.Allows(f) {
				rooms++
				spare += extra[r.Name]
			}
		}
		if rooms < len(ev.Rooms) {
			n = max(n, ceilDiv(max(0, count-spare), max(1, rooms)))
		}
	}
	return n
}

// tooMuch explains why the rows do not fit in the day.
func (l *Layout) tooMuch(ev *event.Event, sessions [][2]int, want []int) error {
	need, have := 0, 0
	for _, m := range want {
		need += m
	}
	for _, s := range sessions {
		have += s[1] - s[0]
	}
	longest := slices.Max(want)
	fits := false
	for _, s := range sessions {
		fits = fits || s[1]-s[0] >= longest
	}
	if !fits {
		return guild.Errorf(guild.EINVALID, "A %d-minute session does not fit between %s's breaks: the longest stretch is %s. Move a break with /event breaks %s.",
			longest, ev.Name, sessionList(sessions), guild.QuoteArg(ev.Name))
	}
	return guild.Errorf(guild.EINVALID, "The line-up does not fit in %s's day: in %s it needs %s of sessions in each room, and the day has %s between its breaks (%s). Accept fewer talks, add a room, or lengthen the day.",
		ev.Name, count(len(ev.Rooms), "room", "rooms"), hours(need), hours(have), sessionList(sessions))
}

// need is a session in rows longer or shorter than the commonest whose
// speakers can give it in only some of the day's sessions: a row of its
// length must be in one of those.
type need struct {
	minutes int // the row length it takes
	// fits are the day's sessions it may be in, those its speakers' times
	// cover wholly first.
	fits []int
	// per is how many such sessions one row holds: the rooms allowing it.
	per int
}

// needs lists the sessions in rows of other than the base length that
// their speakers' times keep out of some of the day's sessions long
// enough for the row.
func (l *Layout) needs(ev *event.Event, sessions [][2]int, lengths map[int][]int, base int) []need {
	var out []need
	for _, k := range slices.Sorted(maps.Keys(lengths)) {
		if k == base {
			continue
		}
		for _, j := range lengths[k] {
			s := l.sessions[j]
			if len(s.windows) == 0 {
				continue
			}
			var whole, part []int
			long := 0 // sessions long enough for the row
			for i, d := range sessions {
				if d[1]-d[0] < k {
					continue
				}
				long++
				for _, w := range s.windows {
					if w.Start <= d[0] && w.End >= d[1] {
						whole = append(whole, i)
						break
					}
					if min(w.End, d[1])-max(w.Start, d[0]) >= s.minutes {
						part = append(part, i)
						break
					}
				}
			}
			fits := append(whole, part...)
			if len(fits) == 0 || len(fits) == long {
				continue // the solver or checkWindows says why; or any will do
			}
			per := 0
			for _, r := range ev.Rooms {
				if r.Allows(s.format) {
					per++
				}
			}
			out = append(out, need{minutes: k, fits: fits, per: max(1, per)})
		}
	}
	slices.SortStableFunc(out, func(a, b need) int { return len(a.fits) - len(b.fits) })
	return out
}

// pack places rows of the wanted lengths (longest first) into the
// sessions: first a row for each need in one of the sessions it fits,
// then the rest each in the session with least time over.
func pack(sessions [][2]int, want []int, needs []need) ([]row, bool) {
	free := make([]int, len(sessions))
	for i, s := range sessions {
		free[i] = s[1] - s[0]
	}
	in := make([][]int, len(sessions))
	type at struct{ session, minutes int }
	rowsAt, served := map[at]int{}, map[at]int{}
	left := map[int]int{} // wanted rows of each length
	for _, m := range want {
		left[m]++
	}
	taken := map[int]int{} // wanted rows placed for needs
	for _, n := range needs {
		i := slices.IndexFunc(n.fits, func(i int) bool { return served[at{i, n.minutes}] < rowsAt[at{i, n.minutes}]*n.per })
		if i < 0 {
			i = slices.IndexFunc(n.fits, func(i int) bool { return free[i] >= n.minutes })
			if i < 0 {
				continue // the solver says why
			}
			free[n.fits[i]] -= n.minutes
			in[n.fits[i]] = append(in[n.fits[i]], n.minutes)
			rowsAt[at{n.fits[i], n.minutes}]++
			if taken[n.minutes] < left[n.minutes] {
				taken[n.minutes]++
			}
		}
		served[at{n.fits[i], n.minutes}]++
	}
	for _, m := range want {
		if taken[m] > 0 {
			taken[m]--
			continue
		}
		best := -1
		for i := range sessions {
			if free[i] >= m && (best < 0 || free[i] < free[best]) {
				best = i
			}
		}
		if best < 0 {
			return nil, false
		}
		free[best] -= m
		in[best] = append(in[best], m)
	}
	var rows []row
	for i, s := range sessions {
		// Shorter rows first: lightning blocks and talks in the morning,
		// workshops after.
		slices.Sort(in[i])
		at := s[0]
		for _, m := range in[i] {
			rows = append(rows, row{start: at, minutes: m})
			at += m
		}
		rows = append(rows, row{at, s[1] - at, true})
	}
	return rows, true
}

// fill turns the rows into slots, adds rows of the commonest length in the
// time over so the solver has room to choose, cuts long slots no talk
// needs into slots of the commonest length, and makes the instance. In a
// row longer than the commonest length, long slots are kept only as many
// as the row's talks need, in the rooms that may hold them, largest
// first; the other rooms get shorter slots instead of idle time.
func (l *Layout) fill(ev *event.Event, rows []row) {
	base := l.base()
	var full []row
	for _, r := range rows {
		if !r.spare {
			full = append(full, r)
			continue
		}
		at, left := r.start, r.minutes
		for base > 0 && left >= base {
			full = append(full, row{start: at, minutes: base})
			at += base
			left -= base
		}
	}
	in := l.Instance
	for _, r := range ev.Rooms {
		in.Rooms = append(in.Rooms, Room{Name: r.Name, Capacity: r.Capacity})
	}
	byCapacity := slices.Clone(ev.Rooms)
	slices.SortStableFunc(byCapacity, func(a, b event.Room) int { return b.Capacity - a.Capacity })
	left := map[int]int{} // long slots still to keep, per row length
	usable := map[int]map[string]bool{}
	for m, idx := range l.group {
		usable[m] = map[string]bool{}
		for _, i := range idx {
			s := l.sessions[i]
			if s.minutes <= base {
				continue
			}
			left[m]++
			for _, r := range ev.Rooms {
				if r.Allows(s.format) {
					usable[m][r.Name] = true
				}
			}
		}
	}
	for _, r := range full {
		var slots []Slot
		for _, room := range byCapacity {
			if r.minutes <= base || (usable[r.minutes][room.Name] && left[r.minutes] > 0) {
				slots = append(slots, Slot{Room: room.Name, Start: r.start, Minutes: r.minutes})
				if r.minutes > base {
					left[r.minutes]--
				}
				continue
			}
			for at := r.start; at+base <= r.start+r.minutes; at += base {
				slots = append(slots, Slot{Room: room.Name, Start: at, Minutes: base})
			}
		}
		slices.SortStableFunc(slots, func(a, b Slot) int { return a.Start - b.Start })
		in.Slots = append(in.Slots, slots...)
	}
	l.talks(ev)
}

// base is the commonest session length, the shortest among equals.
func (l *Layout) base() int {
	n := map[int]int{}
	for _, s := range l.sessions {
		n[s.minutes]++
	}
	best := 0
	for m, c := range n {
		if best == 0 || c > n[best] || (c == n[best] && m < best) {
			best = m
		}
	}
	return best
}

// talks makes the instance's talks from the sessions.
func (l *Layout) talks(ev *event.Event) {
	in := l.Instance
	votes := 0
	for _, s := range l.sessions {
		for _, t := range s.talks {
			votes += t.Interest
		}
	}
	l.Estimated = votes == 0
	seats := 0
	for _, r := range ev.Rooms {
		seats += r.Capacity
	}
	share := seats / len(ev.Rooms)
	l.byID = map[int]int{}
	for i, s := range l.sessions {
		t := Talk{ID: int(s.talks[0].ID), Minutes: s.minutes, Kind: s.kind}
		l.byID[t.ID] = i
		people := map[string]bool{}
		tags := map[string]bool{}
		for _, sub := range s.talks {
			audience := sub.Interest
			if l.Estimated {
				audience = share
			}
			t.Audience = max(t.Audience, audience)
			for _, sp := range sub.Speakers {
				id := sp.User.Handle()
				if !people[id] {
					people[id] = true
					t.Speakers = append(t.Speakers, id)
				}
			}
			for _, tag := range sub.Tags {
				if !tags[tag] {
					tags[tag] = true
					t.Tags = append(t.Tags, tag)
				}
			}
			t.FirstTime = t.FirstTime || sub.FirstTime
		}
		if s.kind == KindTalk && len(s.talks[0].Speakers) > 0 {
			t.Department = s.talks[0].Speakers[0].Department
		}
		for j, slot := range in.Slots {
			room, _ := roomNamed(ev, slot.Room)
			if slot.Minutes < s.minutes || !room.Allows(s.format) || !cfp.Fits(s.windows, slot.Start, slot.Start+s.minutes) {
				t.Unavailable = append(t.Unavailable, j)
			}
		}
		in.Talks = append(in.Talks, t)
	}
}

// Placements turns a solution of the layout's instance into placements:
// each talk of a block in turn, then the plenaries.
func (l *Layout) Placements(sol Solution) []Placement {
	var out []Placement
	for _, a := range sol {
		s := l.sessions[l.byID[a.Talk]]
		if kept, ok := s.keep(a); ok {
			out = append(out, kept...)
			continue
		}
		at := a.Start
		for _, t := range s.talks {
			out = append(out, Placement{Talk: t.ID, Room: a.Room, Start: at, Minutes: t.Format.Minutes})
			at += t.Format.Minutes
		}
	}
	return append(out, l.Plenaries...)
}

// keep places a block kept from the schedule before, now at a: where
// its talks were, and its new talks after them, when a is the slot it was
// in and they all fit; ok is false otherwise.
func (s *session) keep(a Assignment) (out []Placement, ok bool) {
	if s.was == nil {
		return nil, false
	}
	end := a.Start + s.minutes
	at := a.Start
	for _, t := range s.talks {
		p, was := s.was[t.ID]
		if !was {
			p = Placement{Talk: t.ID, Room: a.Room, Start: at, Minutes: t.Format.Minutes}
		}
		if p.Room != a.Room || p.Start < at || p.End() > end {
			return nil, false
		}
		out = append(out, p)
		at = p.End()
	}
	return out, true
}

// previous maps placements from before onto the instance's talks: a block
// is in the slot where its earliest talk was, if that is one of the slots.
func (l *Layout) previous(before []Placement) Solution {
	was := map[int64]Placement{}
	for _, p := range before {
		was[p.Talk] = p
	}
	var out Solution
	for _, s := range l.sessions {
		best, ok := Placement{}, false
		for _, t := range s.talks {
			if p, in := was[t.ID]; in && !p.Plenary() && (!ok || p.Start < best.Start) {
				best, ok = p, true
			}
		}
		if !ok {
			continue
		}
		if s.kind == KindLightning {
			// The block's first talk may be gone: its slot starts earlier.
			for _, slot := range l.Instance.Slots {
				if slot.Room == best.Room && slot.Start <= best.Start && best.Start < slot.End() && slot.Minutes >= s.minutes {
					best.Start = slot.Start
					break
				}
			}
		}
		out = append(out, Assignment{Talk: int(s.talks[0].ID), Room: best.Room, Start: best.Start})
	}
	return out
}

// Build lays out the event's day for the talks and solves it: from
// scratch, or (with o.Previous and not o.Fresh) moving as few talks as it
// can. It returns the placements and the solver's report.
func Build(ev *event.Event, talks []*cfp.Submission, o BuildOptions) ([]Placement, Report, error) {
	var previous []Placement
	if !o.Fresh {
		previous = o.Previous
	}
	if held := heldStart(ev, previous); held > 0 {
		if out, rep, err := build(ev, talks, previous, held, o); err == nil {
			return out, rep, nil
		}
		// Keeping the first session's start leaves too little time.
	}
	return build(ev, talks, previous, 0, o)
}

// build is Build on the layout whose first session's talks start no
// earlier than opened.
func build(ev *event.Event, talks []*cfp.Submission, previous []Placement, opened int, o BuildOptions) ([]Placement, Report, error) {
	l, err := layout(ev, talks, previous, opened)
	if err != nil {
		return nil, Report{}, err
	}
	in := l.Instance
	var res *Result
	if len(in.Talks) == 0 {
		res = &Result{}
	} else if prev := l.previous(o.Previous); len(prev) > 0 && !o.Fresh {
		res, err = Resolve(in, prev, Options{Seed: o.Seed})
	} else {
		res, err = Solve(in, Options{Seed: o.Seed, Stop: o.Stop})
	}
	if err != nil {
		return nil, Report{}, l.explain(err)
	}
	if !res.Valid {
		return nil, Report{}, guild.Errorf(guild.EINTERNAL, "The solver's schedule breaks a rule: %s.", strings.Join(Check(in, res.Solution).Details, "; "))
	}
	out := l.Placements(res.Solution)
	rep := Report{Talks: len(out), Sessions: len(in.Talks) + len(l.Plenaries), Score: res.Score, LowerBound: res.LowerBound, Seed: o.Seed, Estimated: l.Estimated}
	if !o.Fresh {
		rep.Moved = moved(o.Previous, out)
	}
	return out, rep, nil
}

// talkNumbers finds the talk IDs in a solver message: after "talk" or
// "talks", and in the lists after "speaker @x:" or "not_with:".
var talkNumbers = regexp.MustCompile(`((?:[Tt]alks? |: ))((?:\d+(?:, | and )?)+)`)

// explain rewrites a solver error, which names sessions by their first
// talk's ID, in terms of submissions: "#12", or "the lightning block #3,
// #4 and #5".
func (l *Layout) explain(err error) error {
	msg := talkNumbers.ReplaceAllStringFunc(guild.ErrorMessage(err), func(m string) string {
		sub := talkNumbers.FindStringSubmatch(m)
		lead := sub[1]
		if lead == "Talk " || lead == "talk " {
			lead = "" // "talk 12" reads "#12"; "talks 3 and 4", "talks #3 and #4"
		}
		return lead + regexp.MustCompile(`\d+`).ReplaceAllStringFunc(sub[2], func(n string) string {
			id, _ := strconv.Atoi(n)
			i, ok := l.byID[id]
			if !ok {
				return n
			}
			s := l.sessions[i]
			if s.kind != KindLightning || len(s.talks) == 1 {
				return "#" + n
			}
			refs := make([]string, len(s.talks))
			for j, t := range s.talks {
				refs[j] = t.Ref()
			}
			return "the lightning block of " + strings.Join(refs, ", ")
		})
	})
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return guild.Errorf(guild.ErrorCode(err), "%s", msg)
}

// moved counts the talks of before placed elsewhere in after.
func moved(before, after []Placement) int {
	now := map[int64]Placement{}
	for _, p := range after {
		now[p.Talk] = p
	}
	n := 0
	for _, p := range before {
		if q, ok := now[p.Talk]; ok && (q.Room != p.Room || q.Start != p.Start) {
			n++
		}
	}
	return n
}

func roomNamed(ev *event.Event, name string) (event.Room, bool) {
	for _, r := range ev.Rooms {
		if r.Name == name {
			return r, true
		}
	}
	return event.Room{}, false
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// hours writes minutes as "5 h 30 min".
func hours(m int) string {
	switch {
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	case m < 60:
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}

// sessionList writes sessions as "09:00-10:30, 10:45-12:30".
func sessionList(ss [][2]int) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = event.Clock(s[0]) + "-" + event.Clock(s[1])
	}
	return strings.Join(parts, ", ")
}
