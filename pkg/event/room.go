package event

import (
	"strconv"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// MaxRooms caps how many rooms an event has.
const MaxRooms = 20

// Room is a room at an event and how many people it seats.
type Room struct {
	Name     string
	Capacity int
}

// ParseRooms parses a list such as "Main:120, Lab:30": names with their
// capacities, separated by commas or semicolons.
func ParseRooms(s string) ([]Room, error) {
	var rooms []Room
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		i := strings.LastIndex(part, ":")
		if i < 0 {
			return nil, guild.FieldErrorf("rooms", "Room %q has no capacity; write it as Name:seats, such as %s:40.", part, part)
		}
		name := strings.Join(strings.Fields(part[:i]), " ")
		seats, err := strconv.Atoi(strings.TrimSpace(part[i+1:]))
		if err != nil || seats < 1 || seats > 100000 {
			return nil, guild.FieldErrorf("rooms", "Room %q needs a number of seats between 1 and 100000 after the colon, not %q.", name, strings.TrimSpace(part[i+1:]))
		}
		if name == "" {
			return nil, guild.FieldErrorf("rooms", "Each room needs a name before its capacity, as in Main:120.")
		}
		if err := guild.CheckName("rooms", name, true); err != nil {
			return nil, err
		}
		if seen[guild.NameKey(name)] {
			return nil, guild.FieldErrorf("rooms", "Room %s is named twice.", name)
		}
		seen[guild.NameKey(name)] = true
		rooms = append(rooms, Room{Name: name, Capacity: seats})
	}
	if len(rooms) > MaxRooms {
		return nil, guild.FieldErrorf("rooms", "That is %d rooms; an event may have at most %d.", len(rooms), MaxRooms)
	}
	return rooms, nil
}
