package schedule

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strconv"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Kinds of talk. An empty Kind means KindTalk.
const (
	// KindTalk is an ordinary talk, panel or workshop.
	KindTalk = "talk"
	// KindLightning is a block of lightning talks; it belongs early in its day.
	KindLightning = "lightning"
	// KindGame is a game; it belongs near the end of its day.
	KindGame = "game"
	// KindSocial is a social; it belongs near the end of its day.
	KindSocial = "social"
)

// Limits Validate enforces, which keep every cost within an int64.
const (
	// MaxPeople is the largest capacity or audience.
	MaxPeople = 1_000_000
	// MaxWeight is the largest weight.
	MaxWeight = 1000
)

// MinutesPerDay is how far apart the same time of day is on two
// consecutive days: a slot's day is its Start divided by MinutesPerDay.
const MinutesPerDay = 1440

// Room is a place talks happen in.
type Room struct {
	// Name is unique among the rooms.
	Name string `json:"name"`
	// Capacity is how many people the room seats.
	Capacity int `json:"capacity"`
}

// Slot is a time a room is free for one talk.
type Slot struct {
	// Room names one of the instance's rooms.
	Room string `json:"room"`
	// Start is in minutes from 00:00 of the event's first day: 09:00 on
	// day one is 540, 09:00 on day two is 1440+540.
	Start int `json:"start"`
	// Minutes is the slot's length.
	Minutes int `json:"minutes"`
}

// End returns the minute the slot ends: it covers [Start, End).
func (s Slot) End() int { return s.Start + s.Minutes }

// Overlaps reports whether two slots share any minute.
func (s Slot) Overlaps(o Slot) bool { return s.Start < o.End() && o.Start < s.End() }

// Talk is one thing to place: a talk, a block of lightning talks, a game or
// a social.
type Talk struct {
	// ID is unique among the talks.
	ID int `json:"id"`
	// Minutes is how long the talk runs; its slot must be at least as long.
	Minutes int `json:"minutes"`
	// Audience is how many people are expected.
	Audience int `json:"audience"`
	// Speakers are the speaker and co-speakers; none may be in two
	// overlapping slots.
	Speakers []string `json:"speakers,omitempty"`
	// Tags are topics; talks sharing one are better not in parallel.
	Tags []string `json:"tags,omitempty"`
	// Department is the speakers' department; talks of one department are
	// better not in parallel.
	Department string `json:"department,omitempty"`
	// Unavailable lists indexes into Instance.Slots the talk may not use.
	Unavailable []int `json:"unavailable,omitempty"`
	// NotWith lists IDs of talks that must not overlap this one in time.
	// The rule holds both ways even when only one side lists it.
	NotWith []int `json:"not_with,omitempty"`
	// Kind is one of the Kind constants; empty means KindTalk.
	Kind string `json:"kind,omitempty"`
	// FirstTime marks a first-time speaker, who is better not in the last
	// slot of a day.
	FirstTime bool `json:"first_time,omitempty"`
}

// Weights weigh the soft goals in Score.Soft. The zero Weights means
// DefaultWeights; room overflow has no weight because it always comes
// first.
type Weights struct {
	// TagParallel is the cost of each pair of overlapping talks that share
	// a tag.
	TagParallel int `json:"tag_parallel,omitempty"`
	// DeptParallel is the cost of each pair of overlapping talks from the
	// same department.
	DeptParallel int `json:"dept_parallel,omitempty"`
	// LightningLate is the cost of each half hour a lightning block starts
	// after the first slot of its day.
	LightningLate int `json:"lightning_late,omitempty"`
	// ClosingEarly is the cost of each half hour a game or social ends
	// before the last slot of its day ends.
	ClosingEarly int `json:"closing_early,omitempty"`
	// FirstTimeLast is the cost of a first-time speaker's talk in the last
	// slot of its room's day.
	FirstTimeLast int `json:"first_time_last,omitempty"`
}

// DefaultWeights are the weights used when an instance gives none.
var DefaultWeights = Weights{TagParallel: 10, DeptParallel: 3, LightningLate: 2, ClosingEarly: 2, FirstTimeLast: 10}

// Effective returns w, or DefaultWeights when w is zero.
func (w Weights) Effective() Weights {
	if w == (Weights{}) {
		return DefaultWeights
	}
	return w
}

// Instance is a scheduling problem: rooms, their slots, the talks to place
// and the weights of the soft goals.
type Instance struct {
	// Rooms are the rooms, each named once.
	Rooms []Room `json:"rooms"`
	// Slots are the room-times talks may use; a talk's Unavailable indexes
	// into this list.
	Slots []Slot `json:"slots"`
	// Talks are the talks to place, each exactly once.
	Talks []Talk `json:"talks"`
	// Weights weigh the soft goals; zero means DefaultWeights.
	Weights Weights `json:"weights,omitzero"`
}

// ReadInstance decodes an instance from JSON and validates it. Unknown
// fields are refused, so a misspelt key is not silently ignored.
func ReadInstance(r io.Reader) (*Instance, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var in Instance
	if err := dec.Decode(&in); err != nil {
		return nil, guild.Errorf(guild.EINVALID, "The instance is not valid JSON: %v.", err)
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	return &in, nil
}

// Write encodes the instance as indented JSON.
func (in *Instance) Write(w io.Writer) error {
	return writeJSON(w, in)
}

// SlotAt returns the index of the slot in room that starts at start, and
// false when there is none.
func (in *Instance) SlotAt(room string, start int) (int, bool) {
	for i, s := range in.Slots {
		if s.Room == room && s.Start == start {
			return i, true
		}
	}
	return -1, false
}

// Talk returns the talk with the given ID, and false when there is none.
func (in *Instance) Talk(id int) (Talk, bool) {
	for _, t := range in.Talks {
		if t.ID == id {
			return t, true
		}
	}
	return Talk{}, false
}

// Validate checks that the instance is well formed: rooms named once with
// a capacity of 0 to MaxPeople, slots in known rooms with a positive
// length and no overlap within a room, talks with unique IDs, positive
// minutes, an audience of 0 to MaxPeople, known kinds, slot indexes in
// range and not_with naming other known talks, and weights of 0 to
// MaxWeight. It says nothing about whether a schedule exists; Solve does. Its
// error is a guild EINVALID error naming the first fault.
func (in *Instance) Validate() error {
	bad := func(format string, args ...any) error { return guild.Errorf(guild.EINVALID, format, args...) }
	rooms := make(map[string]int, len(in.Rooms))
	for i, r := range in.Rooms {
		if r.Name == "" {
			return bad("Room %d has no name.", i)
		}
		if _, dup := rooms[r.Name]; dup {
			return bad("Room %q is listed twice.", r.Name)
		}
		if r.Capacity < 0 || r.Capacity > MaxPeople {
			return bad("Room %q has capacity %d; give 0 to %d.", r.Name, r.Capacity, MaxPeople)
		}
		rooms[r.Name] = i
	}
	byRoom := make([][]int, len(in.Rooms))
	for i, s := range in.Slots {
		ri, ok := rooms[s.Room]
		if !ok {
			return bad("Slot %d names room %q, which is not in the rooms list.", i, s.Room)
		}
		if s.Minutes <= 0 {
			return bad("Slot %d (%s at %s) has %d minutes; a slot needs a positive length.", i, s.Room, Clock(s.Start), s.Minutes)
		}
		if s.Start < 0 {
			return bad("Slot %d (%s) starts at minute %d; starts count from 00:00 of the first day and cannot be negative.", i, s.Room, s.Start)
		}
		byRoom[ri] = append(byRoom[ri], i)
	}
	for _, idx := range byRoom {
		slices.SortFunc(idx, func(a, b int) int { return in.Slots[a].Start - in.Slots[b].Start })
		for k := 1; k < len(idx); k++ {
			a, b := in.Slots[idx[k-1]], in.Slots[idx[k]]
			if a.Start == b.Start {
				return bad("Slots %d and %d are both %s at %s.", idx[k-1], idx[k], a.Room, Clock(a.Start))
			}
			if b.Start < a.End() {
				return bad("Slots %d (%s–%s) and %d (%s–%s) overlap in room %s.", idx[k-1], Clock(a.Start), Clock(a.End()), idx[k], Clock(b.Start), Clock(b.End()), a.Room)
			}
		}
	}
	ids := make(map[int]bool, len(in.Talks))
	for _, t := range in.Talks {
		if ids[t.ID] {
			return bad("Talk %d is listed twice.", t.ID)
		}
		ids[t.ID] = true
	}
	for _, t := range in.Talks {
		if t.Minutes <= 0 {
			return bad("Talk %d has %d minutes; a talk needs a positive length.", t.ID, t.Minutes)
		}
		if t.Audience < 0 || t.Audience > MaxPeople {
			return bad("Talk %d has audience %d; give 0 to %d.", t.ID, t.Audience, MaxPeople)
		}
		switch t.Kind {
		case "", KindTalk, KindLightning, KindGame, KindSocial:
		default:
			return bad("Talk %d has kind %q; use talk, lightning, game or social.", t.ID, t.Kind)
		}
		seen := map[string]bool{}
		for _, sp := range t.Speakers {
			if sp == "" {
				return bad("Talk %d has a speaker with no name.", t.ID)
			}
			if seen[sp] {
				return bad("Talk %d lists speaker %s twice.", t.ID, sp)
			}
			seen[sp] = true
		}
		for _, u := range t.Unavailable {
			if u < 0 || u >= len(in.Slots) {
				return bad("Talk %d lists slot %d as unavailable, but slots are numbered 0 to %d.", t.ID, u, len(in.Slots)-1)
			}
		}
		for _, o := range t.NotWith {
			if o == t.ID {
				return bad("Talk %d lists itself in not_with.", t.ID)
			}
			if !ids[o] {
				return bad("Talk %d's not_with names talk %d, which is not in the talks list.", t.ID, o)
			}
		}
	}
	w := in.Weights
	for _, f := range []struct {
		name string
		v    int
	}{{"tag_parallel", w.TagParallel}, {"dept_parallel", w.DeptParallel}, {"lightning_late", w.LightningLate}, {"closing_early", w.ClosingEarly}, {"first_time_last", w.FirstTimeLast}} {
		if f.v < 0 || f.v > MaxWeight {
			return bad("Weight %s is %d; give 0 to %d.", f.name, f.v, MaxWeight)
		}
	}
	return nil
}

// Clock formats a minute of the event as "09:30", or "d2 09:30" after the
// first day.
func Clock(minute int) string {
	day, m := minute/MinutesPerDay, minute%MinutesPerDay
	hm := string([]byte{byte('0' + m/600), byte('0' + m/60%10), ':', byte('0' + m%60/10), byte('0' + m%10)})
	if day == 0 {
		return hm
	}
	return "d" + strconv.Itoa(day+1) + " " + hm
}

// writeJSON writes v as indented JSON with a final newline.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
