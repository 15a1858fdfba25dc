package event_test

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// roomSpecs returns n rooms as typed: "R1:1, R2:2, …".
func roomSpecs(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = "R" + strconv.Itoa(i+1) + ":" + strconv.Itoa(i+1)
	}
	return strings.Join(parts, ", ")
}

// formatWords returns n format names separated by spaces: "f1 f2 …".
func formatWords(n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = "f" + strconv.Itoa(i+1)
	}
	return strings.Join(words, " ")
}

func TestParseRooms(t *testing.T) {
	twenty := make([]event.Room, 20)
	for i := range twenty {
		twenty[i] = event.Room{Name: "R" + strconv.Itoa(i+1), Capacity: i + 1}
	}
	tests := []struct {
		name string
		in   string
		want []event.Room
	}{
		{"two", "Main:120, Lab:30", []event.Room{{Name: "Main", Capacity: 120}, {Name: "Lab", Capacity: 30}}},
		{"one", "Main:120", []event.Room{{Name: "Main", Capacity: 120}}},
		{"semicolons", "Main:120; Lab:30", []event.Room{{Name: "Main", Capacity: 120}, {Name: "Lab", Capacity: 30}}},
		{"spaces", "  Big   Hall : 200 ,Lab:  30 ", []event.Room{{Name: "Big Hall", Capacity: 200}, {Name: "Lab", Capacity: 30}}},
		{"empty parts skipped", ",Main:120,, ;Lab:30;", []event.Room{{Name: "Main", Capacity: 120}, {Name: "Lab", Capacity: 30}}},
		{"case kept", "MAIN hall:10", []event.Room{{Name: "MAIN hall", Capacity: 10}}},
		{"colon in the name", "Floor 2: East:40", []event.Room{{Name: "Floor 2: East", Capacity: 40}}},
		{"one seat", "Booth:1", []event.Room{{Name: "Booth", Capacity: 1}}},
		{"most seats", "Arena:100000", []event.Room{{Name: "Arena", Capacity: 100000}}},
		{"unicode name", "Salle Étoile:25", []event.Room{{Name: "Salle Étoile", Capacity: 25}}},
		{"twenty", roomSpecs(20), twenty},
		{"formats after the seats", "Main:120, Lab:30 workshop talk", []event.Room{{Name: "Main", Capacity: 120},
			{Name: "Lab", Capacity: 30, Formats: []string{"workshop", "talk"}}}},
		{"one format", "Lab:30 workshop", []event.Room{{Name: "Lab", Capacity: 30, Formats: []string{"workshop"}}}},
		{"formats lower-cased", "Lab:30 Workshop TALK", []event.Room{{Name: "Lab", Capacity: 30, Formats: []string{"workshop", "talk"}}}},
		{"formats given twice kept once", "Lab:30 talk workshop talk", []event.Room{{Name: "Lab", Capacity: 30, Formats: []string{"talk", "workshop"}}}},
		{"spaces around formats", "Lab :  30   open-space\tpanel ; Main:9", []event.Room{
			{Name: "Lab", Capacity: 30, Formats: []string{"open-space", "panel"}}, {Name: "Main", Capacity: 9}}},
		{"seats said in words", "Main:120 seats, Booth:1 seat", []event.Room{{Name: "Main", Capacity: 120}, {Name: "Booth", Capacity: 1}}},
		{"seats said, then formats", "Lab:30 seats workshop", []event.Room{{Name: "Lab", Capacity: 30, Formats: []string{"workshop"}}}},
		{"colon in the name and formats", "Floor 2: East:40 talk", []event.Room{{Name: "Floor 2: East", Capacity: 40, Formats: []string{"talk"}}}},
		{"twelve formats", "Lab:30 " + formatWords(12), []event.Room{{Name: "Lab", Capacity: 30, Formats: strings.Fields(formatWords(12))}}},
		{"unicode format", "Salle:20 atelier-très-pratique", []event.Room{{Name: "Salle", Capacity: 20, Formats: []string{"atelier-très-pratique"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := event.ParseRooms(tt.in)
			if err != nil {
				t.Fatalf("ParseRooms(%q) error = %v, want %v", tt.in, err, tt.want)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseRooms(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseRoomsNothing(t *testing.T) {
	// No rooms is not an error here; Event.Validate asks for at least one.
	for _, in := range []string{"", "  ", ",;"} {
		got, err := event.ParseRooms(in)
		if err != nil || len(got) != 0 {
			t.Errorf("ParseRooms(%q) = %v, %v, want no rooms and nil", in, got, err)
		}
	}
}

func TestParseRoomsErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		wantIn []string
	}{
		{"missing capacity", "Main", []string{`Room "Main" has no capacity`, "Name:seats", "Main:40"}},
		{"missing capacity after a good room", "Main:120, Lab", []string{`Room "Lab" has no capacity`}},
		{"empty seats", "Main:", []string{`Room "Main"`, "between 1 and 100000", `not ""`}},
		{"zero seats", "Main:0", []string{"between 1 and 100000", `not "0"`}},
		{"negative seats", "Main:-5", []string{"between 1 and 100000", `not "-5"`}},
		{"too many seats", "Main:100001", []string{"between 1 and 100000", `not "100001"`}},
		{"huge seats", "Main:99999999999999999999", []string{"between 1 and 100000"}},
		{"words for seats", "Main:lots", []string{"between 1 and 100000", `not "lots"`}},
		{"fractional seats", "Main:12.5", []string{`not "12.5"`}},
		{"no name", ":40", []string{"Each room needs a name before its capacity"}},
		{"blank name", "   :40", []string{"Each room needs a name before its capacity"}},
		{"duplicate", "Main:120, Main:30", []string{"Room Main is named twice."}},
		{"duplicate differing in case", "Main:120, MAIN:30", []string{"Room MAIN is named twice."}},
		{"duplicate differing in spacing", "Big Hall:120; big   hall :30", []string{"Room big hall is named twice."}},
		{"twenty-one", roomSpecs(21), []string{"That is 21 rooms; an event may have at most 20."}},
		{"letters after the seats", "Lab:30x", []string{`Room "Lab" needs a number of seats`, `not "30x"`}},
		{"formats without seats", "Lab: workshop", []string{`Room "Lab" needs a number of seats`, `not "workshop"`,
			"The formats a room allows come after its seats", `rooms="Main:120, Lab:30 workshop talk"`}},
		{"formats before the seats", "Lab: workshop 30", []string{`not "workshop"`, "come after its seats"}},
		{"no space before a format", "Lab:30workshop", []string{`not "30workshop"`}},
		{"thirteen formats", "Lab:30 " + formatWords(13), []string{"Room Lab allows 13 formats", "at most 12", "none for any format"}},
		{"control character in a format", "Lab:30 work\x07shop", []string{"control character"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := event.ParseRooms(tt.in)
			if err == nil {
				t.Fatalf("ParseRooms(%q) = %v, want an error", tt.in, got)
			}
			if got != nil {
				t.Errorf("ParseRooms(%q) = %v with an error, want nil", tt.in, got)
			}
			if code := guild.ErrorCode(err); code != guild.EINVALID {
				t.Errorf("ParseRooms(%q) code = %q, want %q", tt.in, code, guild.EINVALID)
			}
			if field := guild.ErrorField(err); field != "rooms" {
				t.Errorf("ParseRooms(%q) field = %q, want %q", tt.in, field, "rooms")
			}
			msg := guild.ErrorMessage(err)
			for _, w := range tt.wantIn {
				if !strings.Contains(msg, w) {
					t.Errorf("ParseRooms(%q) message = %q, want it to contain %q", tt.in, msg, w)
				}
			}
		})
	}
}

func TestRoomAllows(t *testing.T) {
	hall := event.Room{Name: "Main", Capacity: 120}
	lab := event.Room{Name: "Lab", Capacity: 30, Formats: []string{"workshop", "talk"}}
	tests := []struct {
		room   event.Room
		format string
		want   bool
	}{
		{hall, "talk", true},
		{hall, "anything-at-all", true},
		{lab, "workshop", true},
		{lab, "talk", true},
		{lab, "Talk", true},
		{lab, "lightning", false},
		{lab, "", false},
	}
	for _, tt := range tests {
		if got := tt.room.Allows(tt.format); got != tt.want {
			t.Errorf("%s.Allows(%q) = %v, want %v", tt.room.Name, tt.format, got, tt.want)
		}
	}
}

// Rooms are stored as JSON: what was stored before rooms had formats
// still loads, as rooms that allow any format, and a room without formats
// is stored as before.
func TestRoomJSON(t *testing.T) {
	var old []event.Room
	if err := json.Unmarshal([]byte(`[{"Name":"Main","Capacity":120},{"Name":"Lab","Capacity":30}]`), &old); err != nil {
		t.Fatalf("Unmarshal(rooms stored before formats): %v", err)
	}
	want := []event.Room{{Name: "Main", Capacity: 120}, {Name: "Lab", Capacity: 30}}
	if !reflect.DeepEqual(old, want) || !old[1].Allows("workshop") {
		t.Errorf("Unmarshal(rooms stored before formats) = %+v, want %+v allowing any format", old, want)
	}

	rooms, err := event.ParseRooms("Main:120, Lab:30 workshop talk")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rooms)
	if err != nil {
		t.Fatal(err)
	}
	const stored = `[{"Name":"Main","Capacity":120},{"Name":"Lab","Capacity":30,"formats":["workshop","talk"]}]`
	if string(b) != stored {
		t.Errorf("Marshal(rooms) = %s, want %s", b, stored)
	}
	var back []event.Room
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, rooms) {
		t.Errorf("Unmarshal(%s) = %+v, %v, want %+v", b, back, err, rooms)
	}
}
