package schedule

import (
	"fmt"
	"strings"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// CheckMove says whether item may move to placement to on program p of
// event ev, given when its speakers can give it: the room exists and
// allows its format, the talk lies within one session of the day (not
// across a break or past the end), its speakers are free then and can give
// it then, and no other talk uses the room at that time. The error names
// the rule broken and what is in the way. Plenaries stay plenaries.
func (p *Program) CheckMove(ev *event.Event, it *Item, to Placement, windows []cfp.Window) error {
	span := event.Clock(to.Start) + "-" + event.Clock(to.End())
	if it.Plenary() != to.Plenary() {
		if it.Plenary() {
			return guild.FieldErrorf("room", "#%d is a %s in every room; move it with at= only.", it.Talk, it.Kind)
		}
		return guild.FieldErrorf("room", "Name the room to move #%d to, such as room=%s.", it.Talk, guild.QuoteArg(p.Rooms[0].Name))
	}
	if !to.Plenary() {
		room, ok := p.Room(to.Room)
		if !ok {
			names := make([]string, len(p.Rooms))
			for i, r := range p.Rooms {
				names[i] = r.Name
			}
			return guild.FieldErrorf("room", "%s has no room called %q; its rooms are %s.", ev.Name, to.Room, strings.Join(names, ", "))
		}
		// Rooms match regardless of case; compare with the other items in
		// the room's own spelling.
		to.Room = room.Name
		if !room.Allows(it.Format) {
			return guild.FieldErrorf("room", "%s holds only %s; #%d is a %s.", room.Name, strings.Join(room.Formats, " and "), it.Talk, it.Format)
		}
	}
	inSession := false
	for _, s := range Sessions(ev) {
		inSession = inSession || (to.Start >= s[0] && to.End() <= s[1])
	}
	if !inSession {
		return guild.FieldErrorf("at", "#%d would run %s, which is not inside one session of the day: %s runs %s-%s with breaks %s.",
			it.Talk, span, ev.Name, event.Clock(ev.Start), event.Clock(ev.End), breakList(ev.DayBreaks()))
	}
	if !cfp.Fits(windows, to.Start, to.End()) {
		return guild.FieldErrorf("at", "#%d's speakers can give it only %s, not %s.", it.Talk, cfp.Windows(windows), span)
	}
	for i := range p.Items {
		other := &p.Items[i]
		if other.Talk == it.Talk {
			continue
		}
		if other.Overlaps(to) {
			where := other.Room
			if other.Plenary() {
				where = "every room"
			}
			return guild.Errorf(guild.ECONFLICT, "#%d %q is in %s from %s to %s; move it first, or choose another time or room.",
				other.Talk, other.Title, where, event.Clock(other.Start), event.Clock(other.End()))
		}
		if other.Start < to.End() && to.Start < other.End() {
			for _, sp := range it.Speakers {
				if other.HasSpeaker(sp.UserID) {
					return guild.Errorf(guild.ECONFLICT, "%s speaks in #%d %q in %s from %s to %s, so cannot give #%d then.",
						"@"+sp.Name, other.Talk, other.Title, roomName(other.Room), event.Clock(other.Start), event.Clock(other.End()), it.Talk)
				}
			}
		}
	}
	return nil
}

// roomName names a placement's room, "every room" for a plenary.
func roomName(room string) string {
	if room == "" {
		return "every room"
	}
	return room
}

// breakList writes breaks as "10:30-10:45 coffee, 12:30-13:30 lunch".
func breakList(bs []event.Break) string {
	if len(bs) == 0 {
		return "none"
	}
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.String()
	}
	return strings.Join(parts, ", ")
}

// String describes a placement: "Main 10:00-10:30".
func (p Placement) String() string {
	return fmt.Sprintf("%s %s-%s", roomName(p.Room), event.Clock(p.Start), event.Clock(p.End()))
}
