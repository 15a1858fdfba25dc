package cfp_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []cfp.Format
	}{
		{"three", "lightning:5, talk:30, workshop:90", []cfp.Format{{"lightning", 5}, {"talk", 30}, {"workshop", 90}}},
		{"one", "talk:30", []cfp.Format{{"talk", 30}}},
		{"spaces everywhere", "  Lightning : 5 ,talk:  30  ", []cfp.Format{{"lightning", 5}, {"talk", 30}}},
		{"semicolons", "lightning:5; talk:30;workshop:90", []cfp.Format{{"lightning", 5}, {"talk", 30}, {"workshop", 90}}},
		{"commas and semicolons mixed", "lightning:5; talk:30, workshop:90", []cfp.Format{{"lightning", 5}, {"talk", 30}, {"workshop", 90}}},
		{"empty parts skipped", ",lightning:5,, ;talk:30;", []cfp.Format{{"lightning", 5}, {"talk", 30}}},
		{"upper case lowered", "TALK:30", []cfp.Format{{"talk", 30}}},
		{"inner spaces become one hyphen", "Deep   Dive:45", []cfp.Format{{"deep-dive", 45}}},
		{"shortest", "flash:1", []cfp.Format{{"flash", 1}}},
		{"longest", "hackathon:480", []cfp.Format{{"hackathon", 480}}},
		{"30-character name", strings.Repeat("a", 30) + ":10", []cfp.Format{{strings.Repeat("a", 30), 10}}},
		{"30 multibyte characters", strings.Repeat("é", 30) + ":10", []cfp.Format{{strings.Repeat("é", 30), 10}}},
		{"order kept", "workshop:90, lightning:5", []cfp.Format{{"workshop", 90}, {"lightning", 5}}},
		{"twelve", formatSpecs(12), nFormats(12)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cfp.ParseFormats(tt.in)
			if err != nil {
				t.Fatalf("ParseFormats(%q) error = %v, want %v", tt.in, err, tt.want)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseFormats(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// formatSpecs returns n formats as typed: "f1:1, f2:2, …".
func formatSpecs(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = "f" + strconv.Itoa(i+1) + ":" + strconv.Itoa(i+1)
	}
	return strings.Join(parts, ", ")
}

func nFormats(n int) []cfp.Format {
	out := make([]cfp.Format, n)
	for i := range out {
		out[i] = cfp.Format{Name: "f" + strconv.Itoa(i+1), Minutes: i + 1}
	}
	return out
}

func TestParseFormatsErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		// wantIn are fragments the message must contain.
		wantIn []string
	}{
		{"empty", "", []string{"at least one format", "lightning:5"}},
		{"blank", "   ", []string{"at least one format"}},
		{"only separators", " ,; , ;", []string{"at least one format"}},
		{"missing minutes", "talk", []string{`"talk"`, "no length", "name:minutes", "talk:30"}},
		{"missing minutes normalises the example", "Deep Dive", []string{"deep-dive:30"}},
		{"missing minutes after a good one", "lightning:5, talk", []string{`"talk"`, "no length"}},
		{"empty minutes", "talk:", []string{"talk", "between 1 and 480", `""`}},
		{"zero minutes", "talk:0", []string{"talk", "between 1 and 480", `"0"`}},
		{"negative minutes", "talk:-5", []string{"between 1 and 480", `"-5"`}},
		{"481 minutes", "talk:481", []string{"between 1 and 480", `"481"`}},
		{"huge minutes", "talk:99999999999999999999", []string{"between 1 and 480", "99999999999999999999"}},
		{"words for minutes", "talk:thirty", []string{"between 1 and 480", `"thirty"`}},
		{"fractional minutes", "talk:1.5", []string{"between 1 and 480", `"1.5"`}},
		{"unit after minutes", "talk:30min", []string{"between 1 and 480", `"30min"`}},
		{"two colons", "talk:30:45", []string{"between 1 and 480", `"30:45"`}},
		{"no name", ":30", []string{"short name", "talk:30"}},
		{"31-character name", strings.Repeat("a", 31) + ":10", []string{"short name"}},
		{"duplicate", "talk:30, talk:45", []string{"Format talk is named twice."}},
		{"duplicate differing in case", "talk:30, Talk:45", []string{"Format talk is named twice."}},
		{"duplicate differing in spacing", "deep dive:30; Deep-Dive:45", []string{"Format deep-dive is named twice."}},
		{"thirteen", formatSpecs(13), []string{"That is 13 formats; a call may offer at most 12."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cfp.ParseFormats(tt.in)
			if err == nil {
				t.Fatalf("ParseFormats(%q) = %v, want an error", tt.in, got)
			}
			if got != nil {
				t.Errorf("ParseFormats(%q) = %v with an error, want nil", tt.in, got)
			}
			if code := guild.ErrorCode(err); code != guild.EINVALID {
				t.Errorf("ParseFormats(%q) code = %q, want %q", tt.in, code, guild.EINVALID)
			}
			if field := guild.ErrorField(err); field != "formats" {
				t.Errorf("ParseFormats(%q) field = %q, want %q", tt.in, field, "formats")
			}
			msg := guild.ErrorMessage(err)
			for _, w := range tt.wantIn {
				if !strings.Contains(msg, w) {
					t.Errorf("ParseFormats(%q) message = %q, want it to contain %q", tt.in, msg, w)
				}
			}
		})
	}
}

func TestFormatList(t *testing.T) {
	tests := []struct {
		in   []cfp.Format
		want string
	}{
		{nil, ""},
		{[]cfp.Format{{"talk", 30}}, "talk (30 min)"},
		{[]cfp.Format{{"lightning", 5}, {"talk", 30}, {"workshop", 90}}, "lightning (5 min), talk (30 min), workshop (90 min)"},
	}
	for _, tt := range tests {
		if got := cfp.FormatList(tt.in); got != tt.want {
			t.Errorf("FormatList(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatListRoundTrip(t *testing.T) {
	in := "Lightning:5, Talk:30, Deep Dive:90"
	fs, err := cfp.ParseFormats(in)
	if err != nil {
		t.Fatalf("ParseFormats(%q) error = %v, want nil", in, err)
	}
	want := "lightning (5 min), talk (30 min), deep-dive (90 min)"
	if got := cfp.FormatList(fs); got != want {
		t.Errorf("FormatList(ParseFormats(%q)) = %q, want %q", in, got, want)
	}
}
