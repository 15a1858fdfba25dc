package schedule_test

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
)

// devDay is an event from 09:00 to 17:00 with the default breaks.
func devDay() *event.Event {
	return &event.Event{ID: 1, Name: "Dev Day", Day: time.Date(2027, 3, 18, 0, 0, 0, 0, time.UTC), Start: 9 * 60, End: 17 * 60, TZ: "Europe/London",
		Rooms: []event.Room{{Name: "Main", Capacity: 120}, {Name: "Lab", Capacity: 30, Formats: []string{"workshop", "talk"}}, {Name: "Side", Capacity: 60}}}
}

// talkSpec describes a confirmed submission for sub: its speakers are
// users of the given ids, or user 100+id alone.
type talkSpec struct {
	id        int64
	format    string
	minutes   int
	speakers  []int64
	available []cfp.Window
	interest  int
	tags      []string
	dept      string
	first     bool
}

// sub makes the submission t describes, titled "Talk <id>".
func sub(t talkSpec) *cfp.Submission {
	s := &cfp.Submission{ID: t.id, Title: fmt.Sprintf("Talk %d", t.id), Format: cfp.Format{Name: t.format, Minutes: t.minutes},
		Available: t.available, Interest: t.interest, Tags: t.tags, FirstTime: t.first, State: cfp.Confirmed}
	sp := t.speakers
	if len(sp) == 0 {
		sp = []int64{100 + t.id}
	}
	for i, id := range sp {
		s.Speakers = append(s.Speakers, &cfp.Speaker{User: &guild.User{ID: id, Name: fmt.Sprintf("u%d", id)}, Lead: i == 0, Department: t.dept})
	}
	return s
}

// mixed is a line-up for devDay: keynote #1, 30-minute talks #2-#15 with
// interest votes, lightning talks #16-#22, workshop #23 and social #24.
func mixed() []*cfp.Submission {
	var out []*cfp.Submission
	out = append(out, sub(talkSpec{id: 1, format: "keynote", minutes: 45}))
	for i := int64(2); i < 16; i++ {
		out = append(out, sub(talkSpec{id: i, format: "talk", minutes: 30, interest: int(i * 7)}))
	}
	for i := int64(16); i < 23; i++ {
		out = append(out, sub(talkSpec{id: i, format: "lightning", minutes: 5}))
	}
	out = append(out, sub(talkSpec{id: 23, format: "workshop", minutes: 90}))
	out = append(out, sub(talkSpec{id: 24, format: "social", minutes: 60}))
	return out
}

func TestBuildMixedDay(t *testing.T) {
	ev := devDay()
	ps, rep := mustBuild(t, ev, mixed(), schedule.BuildOptions{Seed: 1})
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "#%d %s\n", p.Talk, p)
	}
	t.Logf("%+v\n%s", rep, b.String())
}

// dayOf returns an event on devDay's date from start to end (minutes) with
// no breaks and the given rooms.
func dayOf(start, end int, rooms ...event.Room) *event.Event {
	ev := devDay()
	ev.Start, ev.End, ev.Rooms, ev.Breaks = start, end, rooms, []event.Break{}
	return ev
}

// hm returns the minute of the day at h:m.
func hm(h, m int) int { return h*60 + m }

// window is the availability from one clock time to another.
func window(from, to int) []cfp.Window { return []cfp.Window{{Start: from, End: to}} }

// checkPlan fails the test for every hard rule the placements ps break for
// talks on ev. It is written here, apart from the solver's own checker:
// every talk is placed exactly once for its format's minutes; plenaries
// (keynotes, games, socials) span every room and the others are in a room
// of the event that allows their format; each talk lies inside the day and
// crosses no break; it lies inside one of its speakers' windows; no two
// talks share a room at once, a plenary overlaps nothing, and no speaker
// is in two talks at once.
func checkPlan(t *testing.T, ev *event.Event, talks []*cfp.Submission, ps []schedule.Placement) {
	t.Helper()
	byID := map[int64]*cfp.Submission{}
	for _, s := range talks {
		byID[s.ID] = s
	}
	seen := map[int64]int{}
	for _, p := range ps {
		seen[p.Talk]++
		s, ok := byID[p.Talk]
		if !ok {
			t.Errorf("#%d at %s: got a talk not in the line-up", p.Talk, p)
			continue
		}
		if p.Minutes != s.Format.Minutes {
			t.Errorf("#%d at %s: got %d minutes, want the %s's %d", p.Talk, p, p.Minutes, s.Format.Name, s.Format.Minutes)
		}
		kind := schedule.KindOf(s.Format.Name)
		plenary := kind == schedule.KindKeynote || kind == schedule.KindGame || kind == schedule.KindSocial
		switch {
		case plenary && !p.Plenary():
			t.Errorf("#%d, a %s, at %s: got one room, want every room", p.Talk, s.Format.Name, p)
		case !plenary && p.Plenary():
			t.Errorf("#%d, a %s: got every room, want one room", p.Talk, s.Format.Name)
		case !plenary:
			i := slices.IndexFunc(ev.Rooms, func(r event.Room) bool { return r.Name == p.Room })
			if i < 0 {
				t.Errorf("#%d: got room %q, want one of the event's", p.Talk, p.Room)
			} else if fs := ev.Rooms[i].Formats; len(fs) > 0 && !slices.Contains(fs, s.Format.Name) {
				t.Errorf("#%d, a %s, at %s: got a room holding only %v", p.Talk, s.Format.Name, p, fs)
			}
		}
		if p.Start < ev.Start || p.End() > ev.End {
			t.Errorf("#%d at %s: got outside the day %s-%s", p.Talk, p, event.Clock(ev.Start), event.Clock(ev.End))
		}
		for _, b := range ev.DayBreaks() {
			if p.Start < b.End && b.Start < p.End() {
				t.Errorf("#%d at %s: got across the %s", p.Talk, p, b)
			}
		}
		if len(s.Available) > 0 && !slices.ContainsFunc(s.Available, func(w cfp.Window) bool { return p.Start >= w.Start && p.End() <= w.End }) {
			t.Errorf("#%d at %s: got outside its speakers' times %s", p.Talk, p, cfp.Windows(s.Available))
		}
	}
	for _, s := range talks {
		if seen[s.ID] != 1 {
			t.Errorf("#%d: got placed %d times, want once", s.ID, seen[s.ID])
		}
	}
	for i, p := range ps {
		for _, q := range ps[i+1:] {
			if p.Start >= q.End() || q.Start >= p.End() {
				continue
			}
			if p.Room == q.Room || p.Plenary() || q.Plenary() {
				t.Errorf("#%d at %s and #%d at %s: got them in one place at once", p.Talk, p, q.Talk, q)
			}
			a, b := byID[p.Talk], byID[q.Talk]
			if a == nil || b == nil {
				continue
			}
			for _, x := range a.Speakers {
				for _, y := range b.Speakers {
					if x.User.ID == y.User.ID {
						t.Errorf("#%d at %s and #%d at %s: got speaker %s in both at once", p.Talk, p, q.Talk, q, x.User.Name)
					}
				}
			}
		}
	}
}

// mustBuild builds the talks on ev with o, fails the test on an error,
// checks the result with checkPlan and returns it.
func mustBuild(t *testing.T, ev *event.Event, talks []*cfp.Submission, o schedule.BuildOptions) ([]schedule.Placement, schedule.Report) {
	t.Helper()
	ps, rep, err := schedule.Build(ev, talks, o)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	checkPlan(t, ev, talks, ps)
	return ps, rep
}

// at returns the placement of talk id in ps.
func at(t *testing.T, ps []schedule.Placement, id int64) schedule.Placement {
	t.Helper()
	i := slices.IndexFunc(ps, func(p schedule.Placement) bool { return p.Talk == id })
	if i < 0 {
		t.Fatalf("#%d: got no placement, want one", id)
	}
	return ps[i]
}

// numbered makes talks of one format from id on, each with its own speaker.
func numbered(from, n int64, format string, minutes int) []*cfp.Submission {
	var out []*cfp.Submission
	for id := from; id < from+n; id++ {
		out = append(out, sub(talkSpec{id: id, format: format, minutes: minutes}))
	}
	return out
}

func TestBuildHardRules(t *testing.T) {
	main, side := event.Room{Name: "Main", Capacity: 100}, event.Room{Name: "Side", Capacity: 50}
	// An hour in two rooms holds four 30-minute talks: every case fills it.
	hour := func() *event.Event { return dayOf(hm(9, 0), hm(10, 0), main, side) }
	tests := []struct {
		name  string
		ev    *event.Event
		talks []*cfp.Submission
		// want checks what the case is about, beyond checkPlan.
		want func(t *testing.T, ps []schedule.Placement)
	}{{
		name: "a speaker with two talks gives them one after the other",
		ev:   hour(),
		talks: []*cfp.Submission{
			sub(talkSpec{id: 1, format: "talk", minutes: 30, speakers: []int64{500}}),
			sub(talkSpec{id: 2, format: "talk", minutes: 30, speakers: []int64{500}}),
			sub(talkSpec{id: 3, format: "talk", minutes: 30}),
			sub(talkSpec{id: 4, format: "talk", minutes: 30}),
		},
	}, {
		name: "a co-speaker is in one talk at a time",
		ev:   hour(),
		talks: []*cfp.Submission{
			sub(talkSpec{id: 1, format: "talk", minutes: 30, speakers: []int64{500, 501}}),
			sub(talkSpec{id: 2, format: "talk", minutes: 30, speakers: []int64{502, 501}}),
			sub(talkSpec{id: 3, format: "talk", minutes: 30, speakers: []int64{500}}),
			sub(talkSpec{id: 4, format: "talk", minutes: 30, speakers: []int64{502}}),
		},
		want: func(t *testing.T, ps []schedule.Placement) {
			// #1 and #2 share @u501, #1 and #3 @u500, #2 and #4 @u502: so
			// #1 and #4 run together, as do #2 and #3.
			if a, b := at(t, ps, 1), at(t, ps, 4); a.Start != b.Start {
				t.Errorf("#1 at %s, #4 at %s: got different times, want the same", a, b)
			}
		},
	}, {
		name: "availability windows",
		ev:   hour(),
		talks: []*cfp.Submission{
			sub(talkSpec{id: 1, format: "talk", minutes: 30, available: window(hm(9, 30), hm(12, 0))}),
			sub(talkSpec{id: 2, format: "talk", minutes: 30, available: window(hm(8, 0), hm(9, 30))}),
			sub(talkSpec{id: 3, format: "talk", minutes: 30, available: []cfp.Window{{Start: hm(8, 0), End: hm(9, 15)}, {Start: hm(9, 30), End: hm(10, 0)}}}),
			sub(talkSpec{id: 4, format: "talk", minutes: 30}),
		},
		want: func(t *testing.T, ps []schedule.Placement) {
			for id, start := range map[int64]int{1: hm(9, 30), 2: hm(9, 0), 3: hm(9, 30), 4: hm(9, 0)} {
				if p := at(t, ps, id); p.Start != start {
					t.Errorf("#%d: got %s, want it at %s", id, p, event.Clock(start))
				}
			}
		},
	}, {
		name: "a format only one room allows",
		ev: dayOf(hm(9, 0), hm(12, 0), event.Room{Name: "Main", Capacity: 100, Formats: []string{"talk"}},
			event.Room{Name: "Lab", Capacity: 20, Formats: []string{"workshop"}}),
		talks: append([]*cfp.Submission{
			sub(talkSpec{id: 1, format: "workshop", minutes: 90, interest: 80}),
			sub(talkSpec{id: 2, format: "workshop", minutes: 90, interest: 90}),
		}, numbered(3, 5, "talk", 30)...),
		want: func(t *testing.T, ps []schedule.Placement) {
			for _, id := range []int64{1, 2} {
				if p := at(t, ps, id); p.Room != "Lab" {
					t.Errorf("#%d: got %s, want the Lab, the one room for workshops", id, p)
				}
			}
		},
	}, {
		// The day's one 90-minute row must be in the afternoon, not in the
		// morning session it would fill exactly.
		name: "a workshop whose speaker comes in the afternoon",
		ev:   devDay(),
		talks: append([]*cfp.Submission{
			sub(talkSpec{id: 1, format: "workshop", minutes: 90, available: window(hm(13, 0), hm(17, 0))}),
		}, numbered(2, 10, "talk", 30)...),
	}, {
		name: "plenaries within their speakers' times",
		ev:   devDay(),
		talks: append([]*cfp.Submission{
			sub(talkSpec{id: 1, format: "keynote", minutes: 45, available: window(hm(9, 0), hm(10, 0))}),
			sub(talkSpec{id: 2, format: "social", minutes: 60, available: window(hm(15, 30), hm(18, 0))}),
			sub(talkSpec{id: 3, format: "game", minutes: 30, available: window(hm(15, 0), hm(16, 0))}),
		}, numbered(4, 10, "talk", 30)...),
	}, {
		name: "a keynote speaker's other talk is not during the keynote",
		ev:   devDay(),
		talks: append([]*cfp.Submission{
			sub(talkSpec{id: 1, format: "keynote", minutes: 45, speakers: []int64{500}}),
			sub(talkSpec{id: 2, format: "talk", minutes: 30, speakers: []int64{500}}),
		}, numbered(3, 6, "talk", 30)...),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, _ := mustBuild(t, tt.ev, tt.talks, schedule.BuildOptions{Seed: 1})
			if tt.want != nil {
				tt.want(t, ps)
			}
		})
	}
}

// blocksOf returns the lightning talks of ps run back to back in one room,
// as lists of talk IDs in order, by room and start.
func blocksOf(ps []schedule.Placement, talks []*cfp.Submission) [][]int64 {
	lightning := map[int64]bool{}
	for _, s := range talks {
		lightning[s.ID] = schedule.KindOf(s.Format.Name) == schedule.KindLightning
	}
	var ls []schedule.Placement
	for _, p := range ps {
		if lightning[p.Talk] {
			ls = append(ls, p)
		}
	}
	slices.SortFunc(ls, func(a, b schedule.Placement) int { return cmp.Or(strings.Compare(a.Room, b.Room), a.Start-b.Start) })
	var out [][]int64
	for i, p := range ls {
		if i > 0 && ls[i-1].Room == p.Room && ls[i-1].End() == p.Start {
			out[len(out)-1] = append(out[len(out)-1], p.Talk)
			continue
		}
		out = append(out, []int64{p.Talk})
	}
	return out
}

func TestBuildLightningBlocks(t *testing.T) {
	morning, afternoon := window(hm(9, 0), hm(12, 30)), window(hm(13, 30), hm(17, 0))
	lightning := func(from, n int64, available []cfp.Window) []*cfp.Submission {
		var out []*cfp.Submission
		for id := from; id < from+n; id++ {
			out = append(out, sub(talkSpec{id: id, format: "lightning", minutes: 5, available: available}))
		}
		return out
	}
	tests := []struct {
		name  string
		talks []*cfp.Submission
		// sizes are the blocks' sizes, smallest first.
		sizes []int
		// together are sets of talks each block holds only talks of.
		together [][]int64
	}{
		{name: "seven make a block of three and one of four", talks: lightning(1, 7, nil), sizes: []int{3, 4}},
		{name: "six fill one block", talks: lightning(1, 6, nil), sizes: []int{6}},
		{name: "thirteen make three blocks", talks: lightning(1, 13, nil), sizes: []int{4, 4, 5}},
		{
			name:     "different times are not mixed",
			talks:    append(lightning(1, 4, morning), lightning(5, 3, afternoon)...),
			sizes:    []int{3, 4},
			together: [][]int64{{1, 2, 3, 4}, {5, 6, 7}},
		},
		{
			name: "ten-minute talks are not mixed with five-minute ones",
			talks: append(lightning(1, 3, nil), sub(talkSpec{id: 4, format: "lightning", minutes: 10}),
				sub(talkSpec{id: 5, format: "lightning", minutes: 10})),
			sizes:    []int{2, 3},
			together: [][]int64{{1, 2, 3}, {4, 5}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			talks := append(tt.talks, numbered(100, 8, "talk", 30)...)
			ps, _ := mustBuild(t, devDay(), talks, schedule.BuildOptions{Seed: 1})
			blocks := blocksOf(ps, talks)
			var sizes []int
			for _, b := range blocks {
				sizes = append(sizes, len(b))
			}
			slices.Sort(sizes)
			if !slices.Equal(sizes, tt.sizes) {
				t.Errorf("blocks %v: got sizes %v, want %v", blocks, sizes, tt.sizes)
			}
			for _, b := range blocks {
				if a := at(t, ps, b[0]); a.End()-a.Start > schedule.LightningBlock || at(t, ps, b[len(b)-1]).End()-a.Start > schedule.LightningBlock {
					t.Errorf("block %v: got longer than %d minutes", b, schedule.LightningBlock)
				}
				for _, set := range tt.together {
					in := 0
					for _, id := range b {
						if slices.Contains(set, id) {
							in++
						}
					}
					if in != 0 && in != len(b) {
						t.Errorf("block %v: got talks from %v mixed with others", b, set)
					}
				}
			}
		})
	}
}

func TestBuildKeynoteFirstSocialLast(t *testing.T) {
	ev := devDay()
	talks := append(mixed(), sub(talkSpec{id: 25, format: "game", minutes: 30}))
	ps, _ := mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 1})
	keynote, game, social := at(t, ps, 1), at(t, ps, 25), at(t, ps, 24)
	if keynote.Start != ev.Start || !keynote.Plenary() {
		t.Errorf("keynote: got %s, want every room at %s", keynote, event.Clock(ev.Start))
	}
	if social.End() != ev.End || !social.Plenary() {
		t.Errorf("social: got %s, want every room, ending at %s", social, event.Clock(ev.End))
	}
	if game.End() != social.Start || !game.Plenary() {
		t.Errorf("game: got %s, want every room just before the social at %s", game, social)
	}
	for _, p := range ps {
		if p.Talk == 1 || p.Talk == 24 || p.Talk == 25 {
			continue
		}
		if p.Start < keynote.End() || p.End() > game.Start {
			t.Errorf("#%d: got %s, want it between the keynote and the game", p.Talk, p)
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	ev := devDay()
	one, _ := mustBuild(t, ev, mixed(), schedule.BuildOptions{Seed: 7})
	again, _ := mustBuild(t, ev, mixed(), schedule.BuildOptions{Seed: 7})
	if !slices.Equal(one, again) {
		t.Errorf("seed 7 twice: got\n%v\nthen\n%v\nwant the same", one, again)
	}
	for seed := int64(8); seed < 12; seed++ {
		other, _ := mustBuild(t, ev, mixed(), schedule.BuildOptions{Seed: seed})
		if slices.Equal(one, other) {
			t.Logf("seed %d gives the same schedule as seed 7", seed)
		}
	}
}

func TestBuildInfeasible(t *testing.T) {
	onlyTalks := dayOf(hm(9, 0), hm(12, 0), event.Room{Name: "Main", Capacity: 100, Formats: []string{"talk"}},
		event.Room{Name: "Side", Capacity: 50, Formats: []string{"talk"}})
	tests := []struct {
		name  string
		ev    *event.Event
		talks []*cfp.Submission
		wants []string
	}{{
		name:  "too many talks for the day",
		ev:    devDay(),
		talks: numbered(1, 50, "talk", 30),
		wants: []string{"does not fit in Dev Day's day", "in 3 rooms", "Accept fewer talks, add a room, or lengthen the day"},
	}, {
		name:  "a workshop longer than any session",
		ev:    devDay(),
		talks: append(numbered(1, 3, "talk", 30), sub(talkSpec{id: 4, format: "workshop", minutes: 120})),
		wants: []string{"A 120-minute session does not fit between Dev Day's breaks", "09:00-10:30, 10:45-12:30, 13:30-15:00, 15:15-17:00", "/event breaks"},
	}, {
		name:  "a keynote that does not fit the first session",
		ev:    devDay(),
		talks: append(numbered(1, 3, "talk", 30), sub(talkSpec{id: 4, format: "keynote", minutes: 120})),
		wants: []string{"#4", "opens the day in every room at 09:00", "the first session ends at 10:30"},
	}, {
		name:  "a social that does not fit the last session",
		ev:    devDay(),
		talks: append(numbered(1, 3, "talk", 30), sub(talkSpec{id: 4, format: "social", minutes: 120})),
		wants: []string{"#4", "closes the day in every room", "15:15 to 17:00", "it needs 120"},
	}, {
		name:  "a keynote's speaker who comes later",
		ev:    devDay(),
		talks: append(numbered(1, 3, "talk", 30), sub(talkSpec{id: 4, format: "keynote", minutes: 45, available: window(hm(11, 0), hm(17, 0))})),
		wants: []string{"#4", "opens the day at 09:00", "only 11:00-17:00"},
	}, {
		name:  "a format no room allows",
		ev:    onlyTalks,
		talks: append(numbered(1, 3, "talk", 30), sub(talkSpec{id: 4, format: "workshop", minutes: 90})),
		wants: []string{"No room allows the workshop format of #4"},
	}, {
		name:  "a speaker available only during lunch",
		ev:    devDay(),
		talks: append(numbered(1, 3, "talk", 30), sub(talkSpec{id: 4, format: "talk", minutes: 30, available: window(hm(12, 30), hm(13, 30))})),
		wants: []string{"#4's speakers can give it only 12:30-13:30", "09:00-10:30, 10:45-12:30, 13:30-15:00, 15:15-17:00", `/cfp available 4 "HH:MM-HH:MM"`},
	}, {
		name: "two speakers each available only while the other can be",
		ev:   dayOf(hm(9, 0), hm(10, 0), event.Room{Name: "Main", Capacity: 100}, event.Room{Name: "Side", Capacity: 50}),
		talks: []*cfp.Submission{
			sub(talkSpec{id: 1, format: "talk", minutes: 30, speakers: []int64{500}, available: window(hm(9, 0), hm(9, 30))}),
			sub(talkSpec{id: 2, format: "talk", minutes: 30, speakers: []int64{500}, available: window(hm(9, 0), hm(9, 30))}),
		},
		// The solver names the speaker rather than the talks.
		wants: []string{"@u500 has 2 talks", "only 1"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, _, err := schedule.Build(tt.ev, tt.talks, schedule.BuildOptions{Seed: 1})
			if err == nil {
				t.Fatalf("got a schedule %v, want an error", ps)
			}
			wantMessage(t, err, tt.wants...)
			if msg := guild.ErrorMessage(err); strings.Contains(msg, "unavailable list") || strings.Contains(msg, "no slot") {
				t.Errorf("error message: got %q, want it in the organiser's terms, not the solver's", msg)
			}
		})
	}
}

func TestRebuildMovesLittle(t *testing.T) {
	ev := devDay()
	without := func(id int64) func([]*cfp.Submission) []*cfp.Submission {
		return func(ts []*cfp.Submission) []*cfp.Submission {
			return slices.DeleteFunc(ts, func(s *cfp.Submission) bool { return s.ID == id })
		}
	}
	with := func(s talkSpec) func([]*cfp.Submission) []*cfp.Submission {
		return func(ts []*cfp.Submission) []*cfp.Submission { return append(ts, sub(s)) }
	}
	tests := []struct {
		name   string
		change []func([]*cfp.Submission) []*cfp.Submission
	}{
		{"a talk withdrawn", []func([]*cfp.Submission) []*cfp.Submission{without(5)}},
		{"the most popular talk withdrawn", []func([]*cfp.Submission) []*cfp.Submission{without(15)}},
		{"the workshop withdrawn", []func([]*cfp.Submission) []*cfp.Submission{without(23)}},
		{"a lightning talk withdrawn", []func([]*cfp.Submission) []*cfp.Submission{without(17)}},
		{"a backup talk added", []func([]*cfp.Submission) []*cfp.Submission{with(talkSpec{id: 30, format: "talk", minutes: 30, interest: 50})}},
		{"a backup by a busy speaker added", []func([]*cfp.Submission) []*cfp.Submission{with(talkSpec{id: 30, format: "talk", minutes: 30, speakers: []int64{105}})}},
		{"a backup lightning talk added", []func([]*cfp.Submission) []*cfp.Submission{with(talkSpec{id: 30, format: "lightning", minutes: 5})}},
		{"a talk withdrawn and a backup added", []func([]*cfp.Submission) []*cfp.Submission{without(6), with(talkSpec{id: 30, format: "talk", minutes: 30, interest: 60})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := mustBuild(t, ev, mixed(), schedule.BuildOptions{Seed: 1})
			talks := mixed()
			for _, c := range tt.change {
				talks = c(talks)
			}
			after, rep := mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 1, Previous: before})
			if got := moved(before, after); rep.Moved != got {
				t.Errorf("Report.Moved: got %d, want %d, the talks counted here", rep.Moved, got)
			}
			if rep.Moved > 3 {
				t.Errorf("Report.Moved: got %d, want at most 3\nbefore: %v\nafter:  %v", rep.Moved, before, after)
			}
		})
	}
}

// moved counts the talks of before at another room or time in after.
func moved(before, after []schedule.Placement) int {
	n := 0
	for _, p := range before {
		if i := slices.IndexFunc(after, func(q schedule.Placement) bool { return q.Talk == p.Talk }); i >= 0 && (after[i].Room != p.Room || after[i].Start != p.Start) {
			n++
		}
	}
	return n
}

func TestBuildFreshIgnoresPrevious(t *testing.T) {
	ev := devDay()
	before, _ := mustBuild(t, ev, mixed(), schedule.BuildOptions{Seed: 1})
	talks := slices.DeleteFunc(mixed(), func(s *cfp.Submission) bool { return s.ID == 5 })
	fresh, rep := mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 3, Previous: before, Fresh: true})
	scratch, _ := mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 3})
	if !slices.Equal(fresh, scratch) {
		t.Errorf("fresh with a previous schedule: got\n%v\nwant the schedule built from scratch\n%v", fresh, scratch)
	}
	if rep.Moved != 0 {
		t.Errorf("Report.Moved: got %d, want 0 for a fresh build", rep.Moved)
	}
}

// realistic is a one-day event, 09:00-18:00 in 3 rooms, with 38 talks: a
// keynote, 20 talks, 12 lightning talks, 2 workshops, a panel, a game and
// a social, with speakers giving two talks, co-speakers, availability
// windows, tags, departments, first-time speakers and interest votes.
func realistic() (*event.Event, []*cfp.Submission) {
	ev := devDay()
	ev.End = hm(18, 0)
	ev.Rooms = []event.Room{{Name: "Main", Capacity: 150}, {Name: "Lab", Capacity: 30, Formats: []string{"workshop", "talk"}}, {Name: "Side", Capacity: 60}}
	talks := []*cfp.Submission{
		sub(talkSpec{id: 1, format: "keynote", minutes: 45, available: window(hm(8, 30), hm(11, 0))}),
		sub(talkSpec{id: 2, format: "workshop", minutes: 90, interest: 25, speakers: []int64{200, 201}}),
		sub(talkSpec{id: 3, format: "workshop", minutes: 90, interest: 28, available: window(hm(13, 0), hm(18, 0))}),
		sub(talkSpec{id: 4, format: "panel", minutes: 30, interest: 90, speakers: []int64{202, 203, 204}}),
		sub(talkSpec{id: 5, format: "game", minutes: 30}),
		sub(talkSpec{id: 6, format: "social", minutes: 45}),
	}
	tags := []string{"go", "testing", "ops", "data"}
	depts := []string{"Payments", "Search", "Mobile"}
	for id := int64(7); id <= 26; id++ {
		s := talkSpec{id: id, format: "talk", minutes: 30, interest: int(id*13) % 140, tags: []string{tags[id%4]}, dept: depts[id%3], first: id%6 == 0}
		switch {
		case id%9 == 0:
			s.speakers = []int64{100 + id - 4} // #(id-4)'s speaker gives a second talk
		case id == 10 || id == 11:
			s.speakers = []int64{100 + id, 202} // with a panellist
		case id%8 == 0:
			s.available = window(hm(9, 0), hm(12, 30))
		case id == 13:
			s.available = []cfp.Window{{Start: hm(10, 45), End: hm(11, 45)}, {Start: hm(15, 15), End: hm(16, 30)}}
		}
		talks = append(talks, sub(s))
	}
	for id := int64(27); id <= 38; id++ {
		s := talkSpec{id: id, format: "lightning", minutes: 5}
		if id == 27 {
			s.speakers = []int64{107} // also gives #7
		}
		talks = append(talks, sub(s))
	}
	return ev, talks
}

func TestBuildRealisticEvent(t *testing.T) {
	ev, talks := realistic()
	ps, rep := mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 1})
	if rep.Talks != len(talks) {
		t.Errorf("Report.Talks: got %d, want %d", rep.Talks, len(talks))
	}
	// A withdrawal and a backup keep the rest where it was.
	talks = slices.DeleteFunc(talks, func(s *cfp.Submission) bool { return s.ID == 20 })
	talks = append(talks, sub(talkSpec{id: 39, format: "talk", minutes: 30, interest: 70}))
	_, rep = mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 1, Previous: ps})
	if rep.Moved > 3 {
		t.Errorf("rebuild: got %d talks moved, want at most 3", rep.Moved)
	}
}

func TestBuildLargeEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("a 300-talk event")
	}
	ev, talks := benchEvent(20, 300, 8, 20)
	for i, s := range talks {
		if i%23 == 0 && schedule.KindOf(s.Format.Name) == schedule.KindTalk {
			s.Available = window(hm(8, 0), hm(13, 0))
		}
	}
	ps, rep := mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 1})
	if rep.Talks != len(talks) {
		t.Errorf("Report.Talks: got %d, want %d", rep.Talks, len(talks))
	}
	// #6 withdrew and a backup by #3's speaker takes the slot.
	fewer := slices.DeleteFunc(slices.Clone(talks), func(s *cfp.Submission) bool { return s.ID == 6 })
	backup := *talks[2]
	backup.ID, backup.Title = int64(len(talks)+1), "Backup"
	fewer = append(fewer, &backup)
	_, rep = mustBuild(t, ev, fewer, schedule.BuildOptions{Seed: 1, Previous: ps})
	if rep.Moved > 3 {
		t.Errorf("rebuild: got %d talks moved, want at most 3", rep.Moved)
	}
}

// Withdrawing any one talk of a realistic event, or adding a backup of any
// format, moves at most three of the others.
func TestRebuildEachWithdrawal(t *testing.T) {
	ev, talks := realistic()
	before, _ := mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 1})
	for _, gone := range talks {
		t.Run(fmt.Sprintf("#%d %s withdrawn", gone.ID, gone.Format.Name), func(t *testing.T) {
			rest := slices.DeleteFunc(slices.Clone(talks), func(s *cfp.Submission) bool { return s == gone })
			_, rep := mustBuild(t, ev, rest, schedule.BuildOptions{Seed: 1, Previous: before})
			if rep.Moved > 3 {
				t.Errorf("Report.Moved: got %d, want at most 3", rep.Moved)
			}
		})
	}
	for _, f := range []cfp.Format{{Name: "talk", Minutes: 30}, {Name: "lightning", Minutes: 5}, {Name: "panel", Minutes: 30}} {
		t.Run("a backup "+f.Name+" added", func(t *testing.T) {
			more := append(slices.Clone(talks), sub(talkSpec{id: 99, format: f.Name, minutes: f.Minutes, interest: 40}))
			_, rep := mustBuild(t, ev, more, schedule.BuildOptions{Seed: 1, Previous: before})
			if rep.Moved > 3 {
				t.Errorf("Report.Moved: got %d, want at most 3", rep.Moved)
			}
		})
	}
}

// Rebuilds one after another each move little: a withdrawn keynote leaves
// a gap that later rebuilds keep.
func TestRebuildAgainAndAgain(t *testing.T) {
	ev, talks := realistic()
	ps, _ := mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 1})
	steps := []struct {
		name   string
		change func([]*cfp.Submission) []*cfp.Submission
	}{
		{"the keynote withdrawn", func(ts []*cfp.Submission) []*cfp.Submission {
			return slices.DeleteFunc(ts, func(s *cfp.Submission) bool { return s.ID == 1 })
		}},
		{"a talk withdrawn", func(ts []*cfp.Submission) []*cfp.Submission {
			return slices.DeleteFunc(ts, func(s *cfp.Submission) bool { return s.ID == 12 })
		}},
		{"a backup lightning talk added", func(ts []*cfp.Submission) []*cfp.Submission {
			return append(ts, sub(talkSpec{id: 40, format: "lightning", minutes: 5}))
		}},
		{"a lightning talk withdrawn", func(ts []*cfp.Submission) []*cfp.Submission {
			return slices.DeleteFunc(ts, func(s *cfp.Submission) bool { return s.ID == 28 })
		}},
		{"a backup talk added", func(ts []*cfp.Submission) []*cfp.Submission {
			return append(ts, sub(talkSpec{id: 41, format: "talk", minutes: 30, interest: 100}))
		}},
	}
	for _, step := range steps {
		talks = step.change(talks)
		next, rep := mustBuild(t, ev, talks, schedule.BuildOptions{Seed: 1, Previous: ps})
		if rep.Moved > 3 {
			t.Errorf("%s: got %d talks moved, want at most 3", step.name, rep.Moved)
		}
		ps = next
	}
}
