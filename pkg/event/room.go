package event

import (
	"fmt"
	"slices"
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
	// Formats are the formats the room may hold, such as "workshop"; none
	// means any.
	Formats []string `json:"formats,omitempty"`
}

// Allows reports whether the room may hold a talk of the named format.
func (r Room) Allows(format string) bool {
	if len(r.Formats) == 0 {
		return true
	}
	for _, f := range r.Formats {
		if strings.EqualFold(f, format) {
			return true
		}
	}
	return false
}

// MaxRoomFormats caps how many formats a room may be limited to.
const MaxRoomFormats = 12

// roomsExample is the usage a refusal of rooms= shows.
const roomsExample = `rooms="Main:120, Lab:30 workshop talk"`

// ParseRooms parses a list such as "Main:120, Lab:30 workshop talk": names
// with their capacities, separated by commas or semicolons. Words after a
// room's capacity are the formats it may hold, lower-cased ("workshop",
// "talk"); a room without them holds any format.
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
		words := strings.Fields(part[i+1:])
		seatsText := ""
		if len(words) > 0 {
			seatsText = words[0]
		}
		seats, err := strconv.Atoi(seatsText)
		if err != nil || seats < 1 || seats > 100000 {
			msg := fmt.Sprintf("Room %q needs a number of seats between 1 and 100000 after the colon, not %q.", name, seatsText)
			if len(words) > 0 && strings.IndexFunc(seatsText, isDigit) < 0 {
				msg += fmt.Sprintf(" The formats a room allows come after its seats, as in %s.", roomsExample)
			}
			return nil, guild.FieldErrorf("rooms", "%s", msg)
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
		formats, err := roomFormats(name, words[1:])
		if err != nil {
			return nil, err
		}
		rooms = append(rooms, Room{Name: name, Capacity: seats, Formats: formats})
	}
	if len(rooms) > MaxRooms {
		return nil, guild.FieldErrorf("rooms", "That is %d rooms; an event may have at most %d.", len(rooms), MaxRooms)
	}
	return rooms, nil
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// roomFormats reads the formats a room allows from the words after its
// seats: lower-cased, each once, in the order given; nil when none.
func roomFormats(room string, words []string) ([]string, error) {
	if len(words) > 0 && (strings.EqualFold(words[0], "seats") || strings.EqualFold(words[0], "seat")) {
		words = words[1:] // "Main:120 seats" says what the number is
	}
	var out []string
	for _, w := range words {
		f := strings.ToLower(w)
		if err := guild.CheckName("rooms", f, true); err != nil {
			return nil, err
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if len(out) > MaxRoomFormats {
		return nil, guild.FieldErrorf("rooms", "Room %s allows %d formats; name at most %d, or none for any format, as in %s.", room, len(out), MaxRoomFormats, roomsExample)
	}
	return out, nil
}
