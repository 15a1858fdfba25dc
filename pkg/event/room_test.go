package event_test

import (
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
		{"two", "Main:120, Lab:30", []event.Room{{"Main", 120}, {"Lab", 30}}},
		{"one", "Main:120", []event.Room{{"Main", 120}}},
		{"semicolons", "Main:120; Lab:30", []event.Room{{"Main", 120}, {"Lab", 30}}},
		{"spaces", "  Big   Hall : 200 ,Lab:  30 ", []event.Room{{"Big Hall", 200}, {"Lab", 30}}},
		{"empty parts skipped", ",Main:120,, ;Lab:30;", []event.Room{{"Main", 120}, {"Lab", 30}}},
		{"case kept", "MAIN hall:10", []event.Room{{"MAIN hall", 10}}},
		{"colon in the name", "Floor 2: East:40", []event.Room{{"Floor 2: East", 40}}},
		{"one seat", "Booth:1", []event.Room{{"Booth", 1}}},
		{"most seats", "Arena:100000", []event.Room{{"Arena", 100000}}},
		{"unicode name", "Salle Étoile:25", []event.Room{{"Salle Étoile", 25}}},
		{"twenty", roomSpecs(20), twenty},
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
