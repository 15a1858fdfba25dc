package community_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
)

func ptr[T any](v T) *T { return &v }

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"   ", []string{}},
		{";;;", []string{}},
		{"one", []string{"one"}},
		{"a; b; c", []string{"a", "b", "c"}},
		{"a;b;c", []string{"a", "b", "c"}},
		{"  a  ;  b  ", []string{"a", "b"}},
		{"a\nb\nc", []string{"a", "b", "c"}},
		{"a\r\nb\r\n", []string{"a", "b"}},
		{"a; b\nc;\n\n;d", []string{"a", "b", "c", "d"}},
		{"Pairing; pairing; PAIRING", []string{"Pairing"}},
		{"Mob  programming; mob programming", []string{"Mob  programming"}},
		{"Qualité; QUALITÉ; tests", []string{"Qualité", "tests"}},
		{"b; a; b", []string{"b", "a"}},
		{"run a kata, monthly; share, learn", []string{"run a kata, monthly", "share, learn"}},
	}
	for _, tt := range tests {
		got := community.SplitList(tt.in)
		if got == nil {
			t.Errorf("SplitList(%q) = nil, want a non-nil slice", tt.in)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func items(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("goal %d", i+1)
	}
	return out
}

func TestCharterUpdateValidate(t *testing.T) {
	tests := []struct {
		name      string
		u         community.CharterUpdate
		wantErr   bool
		wantField string
	}{
		{"zero", community.CharterUpdate{}, true, ""},
		{"why only", community.CharterUpdate{Why: ptr("To learn together.")}, false, ""},
		{"empty why clears", community.CharterUpdate{Why: ptr("")}, false, ""},
		{"multi-line vision", community.CharterUpdate{Vision: ptr("One.\nTwo.")}, false, ""},
		{"2000-rune who", community.CharterUpdate{Who: ptr(strings.Repeat("é", 2000))}, false, ""},
		{"2001-rune who", community.CharterUpdate{Who: ptr(strings.Repeat("é", 2001))}, true, "who"},
		{"2001-rune why", community.CharterUpdate{Why: ptr(strings.Repeat("w", 2001))}, true, "why"},
		{"2001-rune vision", community.CharterUpdate{Vision: ptr(strings.Repeat("v", 2001))}, true, "vision"},
		{"control character in why", community.CharterUpdate{Why: ptr("bell\a")}, true, "why"},
		{"invalid UTF-8 vision", community.CharterUpdate{Vision: ptr("\xff")}, true, "vision"},
		{"empty goals list", community.CharterUpdate{Goals: ptr([]string{})}, false, ""},
		{"an empty goal", community.CharterUpdate{Goals: ptr([]string{"a", "  "})}, true, "goals"},
		{"an empty principle", community.CharterUpdate{Principles: ptr([]string{""})}, true, "principles"},
		{"30 goals", community.CharterUpdate{Goals: ptr(items(30))}, false, ""},
		{"31 goals", community.CharterUpdate{Goals: ptr(items(31))}, true, "goals"},
		{"31 principles", community.CharterUpdate{Principles: ptr(items(31))}, true, "principles"},
		{"goals too long in all", community.CharterUpdate{Goals: ptr([]string{strings.Repeat("g", 1000), strings.Repeat("g", 1000)})}, true, "goals"},
		{"control character in a principle", community.CharterUpdate{Principles: ptr([]string{"ok", "nul\x00"})}, true, "principles"},
		{"good everything", community.CharterUpdate{
			Why: ptr("why"), Who: ptr("who"), Vision: ptr("vision"),
			Goals: ptr([]string{"a", "b"}), Principles: ptr([]string{"c"}),
		}, false, ""},
		{"one bad field among good", community.CharterUpdate{Why: ptr("fine"), Vision: ptr(strings.Repeat("v", 2001))}, true, "vision"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.u.Validate()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate() = %v, want error %v", err, tt.wantErr)
			}
			if err == nil {
				return
			}
			if got := guild.ErrorCode(err); got != guild.EINVALID {
				t.Errorf("Validate() code = %q, want %q", got, guild.EINVALID)
			}
			if got := guild.ErrorField(err); got != tt.wantField {
				t.Errorf("Validate() field = %q, want %q", got, tt.wantField)
			}
		})
	}
}

func TestCharterUpdateZeroMessageSaysWhatToGive(t *testing.T) {
	u := community.CharterUpdate{}
	msg := guild.ErrorMessage(u.Validate())
	for _, key := range []string{"why=", "who=", "vision=", "goals=", "principles="} {
		if !strings.Contains(msg, key) {
			t.Errorf("Validate() of a zero update says %q, want it to mention %s", msg, key)
		}
	}
}

func TestCharterUpdateApply(t *testing.T) {
	base := func() community.Charter {
		return community.Charter{Why: "why", Who: "who", Vision: "vision", Goals: []string{"g1"}, Principles: []string{"p1"}}
	}
	tests := []struct {
		name string
		u    community.CharterUpdate
		want community.Charter
	}{
		{"nothing", community.CharterUpdate{}, base()},
		{"why", community.CharterUpdate{Why: ptr("new why")},
			community.Charter{Why: "new why", Who: "who", Vision: "vision", Goals: []string{"g1"}, Principles: []string{"p1"}}},
		{"who and vision", community.CharterUpdate{Who: ptr("new who"), Vision: ptr("")},
			community.Charter{Why: "why", Who: "new who", Vision: "", Goals: []string{"g1"}, Principles: []string{"p1"}}},
		{"goals replace", community.CharterUpdate{Goals: ptr([]string{"g2", "g3"})},
			community.Charter{Why: "why", Who: "who", Vision: "vision", Goals: []string{"g2", "g3"}, Principles: []string{"p1"}}},
		{"principles cleared", community.CharterUpdate{Principles: ptr([]string{})},
			community.Charter{Why: "why", Who: "who", Vision: "vision", Goals: []string{"g1"}, Principles: []string{}}},
	}
	for _, tt := range tests {
		c := base()
		tt.u.Apply(&c)
		if !reflect.DeepEqual(c, tt.want) {
			t.Errorf("%s: Apply gave %+v, want %+v", tt.name, c, tt.want)
		}
	}
}

func TestCharterIsZero(t *testing.T) {
	tests := []struct {
		c    community.Charter
		want bool
	}{
		{community.Charter{}, true},
		{community.Charter{Goals: []string{}}, true},
		{community.Charter{Why: "x"}, false},
		{community.Charter{Who: "x"}, false},
		{community.Charter{Vision: "x"}, false},
		{community.Charter{Goals: []string{"x"}}, false},
		{community.Charter{Principles: []string{"x"}}, false},
	}
	for _, tt := range tests {
		if got := tt.c.IsZero(); got != tt.want {
			t.Errorf("(%+v).IsZero() = %v, want %v", tt.c, got, tt.want)
		}
	}
	u := community.CharterUpdate{}
	if !u.IsZero() {
		t.Errorf("CharterUpdate{}.IsZero() = false, want true")
	}
	u.Goals = ptr([]string{})
	if u.IsZero() {
		t.Errorf("CharterUpdate{Goals: &[]}.IsZero() = true, want false: an empty list clears the goals")
	}
}
