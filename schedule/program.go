package schedule

import (
	"slices"
	"strings"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
)

// Kinds of session beyond the solver's: a plenary spans every room.
const (
	// KindKeynote is a plenary that opens the day.
	KindKeynote = "keynote"
)

// Placement puts one talk in a room at a time of the event's day. Drafts
// are lists of placements.
type Placement struct {
	// Talk is the submission's ID.
	Talk int64 `json:"talk"`
	// Room names the room; "" means every room (a plenary).
	Room string `json:"room"`
	// Start is in minutes after midnight on the event's clock.
	Start int `json:"start"`
	// Minutes is how long the talk runs.
	Minutes int `json:"minutes"`
}

// End returns the minute the talk ends.
func (p Placement) End() int { return p.Start + p.Minutes }

// Plenary reports whether the talk spans every room.
func (p Placement) Plenary() bool { return p.Room == "" }

// Overlaps reports whether p and o share a minute in the same place: the
// same room, or either one a plenary.
func (p Placement) Overlaps(o Placement) bool {
	if p.Room != o.Room && !p.Plenary() && !o.Plenary() {
		return false
	}
	return p.Start < o.End() && o.Start < p.End()
}

// Person is a speaker as a published schedule names them.
type Person struct {
	// UserID is the speaker's id in the store.
	UserID int64 `json:"user_id"`
	// Platform and PlatformID say where they chat, so a message reaches them.
	Platform   string `json:"platform"`
	PlatformID string `json:"platform_id"`
	Name       string `json:"name"`
}

// Item is a placed talk as people read it.
type Item struct {
	Placement
	Title    string   `json:"title"`
	Abstract string   `json:"abstract,omitempty"`
	Format   string   `json:"format"`
	Kind     string   `json:"kind"`
	Speakers []Person `json:"speakers"`
	Tags     []string `json:"tags,omitempty"`
	// FirstTime marks a first-time speaker.
	FirstTime bool `json:"first_time,omitempty"`
	// Confirmed is false while the speaker has yet to confirm.
	Confirmed bool `json:"confirmed"`
}

// HasSpeaker reports whether the user with the given store id speaks in it.
func (it *Item) HasSpeaker(userID int64) bool {
	for _, p := range it.Speakers {
		if p.UserID == userID {
			return true
		}
	}
	return false
}

// Program is one version of an event's schedule: a draft, or a release
// as it was published.
type Program struct {
	// Event is the event as it was when the program was made.
	Event *event.Event `json:"-"`
	// Version is the release number, from 1; 0 is the draft.
	Version int `json:"version"`
	// Rooms and Breaks are the event's, as they were.
	Rooms  []event.Room  `json:"rooms"`
	Breaks []event.Break `json:"breaks"`
	// Items are the talks, by start, plenaries first, then in room order.
	Items []Item `json:"items"`
	// At is when the draft was last changed or the release published.
	At time.Time `json:"at"`
	// By is the organiser who built or published it.
	By string `json:"by"`
}

// Sort orders the items by start time, plenaries first, then in room order.
func (p *Program) Sort() {
	order := map[string]int{"": -1}
	for i, r := range p.Rooms {
		order[r.Name] = i
	}
	slices.SortStableFunc(p.Items, func(a, b Item) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if order[a.Room] != order[b.Room] {
			return order[a.Room] - order[b.Room]
		}
		return int(a.Talk - b.Talk)
	})
}

// Item returns the placed talk with the given ID, and false when it is not
// on the program.
func (p *Program) Item(talk int64) (*Item, bool) {
	for i := range p.Items {
		if p.Items[i].Talk == talk {
			return &p.Items[i], true
		}
	}
	return nil, false
}

// For returns the items the user with the given store id speaks in.
func (p *Program) For(userID int64) []Item {
	var out []Item
	for _, it := range p.Items {
		if it.HasSpeaker(userID) {
			out = append(out, it)
		}
	}
	return out
}

// Room returns the event room called name, matched regardless of case.
func (p *Program) Room(name string) (event.Room, bool) {
	for _, r := range p.Rooms {
		if strings.EqualFold(r.Name, name) {
			return r, true
		}
	}
	return event.Room{}, false
}

// Placements returns the program's placements, in item order.
func (p *Program) Placements() []Placement {
	out := make([]Placement, len(p.Items))
	for i, it := range p.Items {
		out[i] = it.Placement
	}
	return out
}

// ItemOf describes a talk placed at p from its submission as it is now.
func ItemOf(p Placement, s *cfp.Submission) Item {
	it := Item{Placement: p, Title: s.Title, Abstract: s.Abstract, Format: s.Format.Name, Kind: KindOf(s.Format.Name),
		Tags: s.Tags, FirstTime: s.FirstTime, Confirmed: s.State == cfp.Confirmed}
	for _, sp := range s.Speakers {
		it.Speakers = append(it.Speakers, Person{UserID: sp.User.ID, Platform: sp.User.Platform, PlatformID: sp.User.PlatformID, Name: sp.User.Name})
	}
	return it
}
