package guild_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones load even where the system has no zoneinfo

	"github.com/guildhall/guildhall/pkg/guild"
)

func TestCheckName(t *testing.T) {
	tests := []struct {
		name     string
		v        string
		required bool
		wantErr  bool
	}{
		{"plain", "Testers", true, false},
		{"empty optional", "", false, false},
		{"empty required", "", true, true},
		{"blank required", "  \t ", true, true},
		{"80 ASCII", strings.Repeat("a", 80), true, false},
		{"81 ASCII", strings.Repeat("a", 81), true, true},
		{"80 runes of 2 bytes", strings.Repeat("é", 80), true, false},
		{"81 runes of 2 bytes", strings.Repeat("é", 81), true, true},
		{"80 runes of 3 bytes", strings.Repeat("テ", 80), true, false},
		{"80 emoji", strings.Repeat("🎉", 80), true, false},
		{"81 emoji", strings.Repeat("🎉", 81), true, true},
		{"newline", "two\nlines", true, true},
		{"carriage return", "two\rlines", true, true},
		{"tab", "tab\there", true, true},
		{"NUL", "nul\x00", true, true},
		{"escape", "\x1b[31mred", true, true},
		{"DEL", "del\x7f", true, true},
		{"C1 control", "c1\u0085", true, true},
		{"invalid UTF-8", "caf\xe9", false, true},
		{"invalid UTF-8 empty-ish", "\xff", false, true},
		{"unicode punctuation", "Qualité & Tests — 2026", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := guild.CheckName("name", tt.v, tt.required)
			if (err != nil) != tt.wantErr {
				t.Fatalf("CheckName(%q, %q, %v) = %v, want error %v", "name", tt.v, tt.required, err, tt.wantErr)
			}
			if err == nil {
				return
			}
			if got := guild.ErrorCode(err); got != guild.EINVALID {
				t.Errorf("CheckName(%q) code = %q, want %q", tt.v, got, guild.EINVALID)
			}
			if got := guild.ErrorField(err); got != "name" {
				t.Errorf("CheckName(%q) field = %q, want %q", tt.v, got, "name")
			}
			if got := guild.ErrorMessage(err); !strings.Contains(got, "name") {
				t.Errorf("CheckName(%q) message = %q, want it to name the field", tt.v, got)
			}
		})
	}
}

func TestCheckNameLengthMessageCountsRunes(t *testing.T) {
	err := guild.CheckName("department", strings.Repeat("é", 81), false)
	want := "department is 81 characters long; the limit is 80."
	if got := guild.ErrorMessage(err); got != want {
		t.Errorf("CheckName(81 × é) message = %q, want %q", got, want)
	}
}

func TestCheckText(t *testing.T) {
	tests := []struct {
		name     string
		v        string
		required bool
		wantErr  bool
	}{
		{"plain", "Why we exist.", true, false},
		{"empty optional", "", false, false},
		{"empty required", "", true, true},
		{"blank required", "\n\n  ", true, true},
		{"newline", "line one\nline two", true, false},
		{"tab", "a\tb", true, false},
		{"CRLF", "a\r\nb", true, false},
		{"2000 ASCII", strings.Repeat("a", 2000), true, false},
		{"2001 ASCII", strings.Repeat("a", 2001), true, true},
		{"2000 runes of 2 bytes", strings.Repeat("é", 2000), true, false},
		{"2001 runes of 2 bytes", strings.Repeat("é", 2001), true, true},
		{"2000 runes of 4 bytes", strings.Repeat("🎉", 2000), true, false},
		{"NUL", "a\x00b", false, true},
		{"bell", "a\ab", false, true},
		{"escape", "a\x1bb", false, true},
		{"invalid UTF-8", "a\xc3(b", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := guild.CheckText("about", tt.v, tt.required)
			if (err != nil) != tt.wantErr {
				t.Fatalf("CheckText(%q…, %v) = %v, want error %v", trunc(tt.v), tt.required, err, tt.wantErr)
			}
			if err == nil {
				return
			}
			if got := guild.ErrorCode(err); got != guild.EINVALID {
				t.Errorf("CheckText(%q…) code = %q, want %q", trunc(tt.v), got, guild.EINVALID)
			}
			if got := guild.ErrorField(err); got != "about" {
				t.Errorf("CheckText(%q…) field = %q, want %q", trunc(tt.v), got, "about")
			}
		})
	}
}

func trunc(s string) string {
	if r := []rune(s); len(r) > 20 {
		return string(r[:20])
	}
	return s
}

func TestLoadLocation(t *testing.T) {
	tests := []struct {
		in      string
		want    string // the zone's name; "" when an error is wanted
		wantUTC bool   // the result must be time.UTC itself
	}{
		{"Europe/London", "Europe/London", false},
		{"America/New_York", "America/New_York", false},
		{"Asia/Tokyo", "Asia/Tokyo", false},
		{"Etc/UTC", "Etc/UTC", false},
		{"UTC", "UTC", true},
		{"utc", "UTC", true},
		{"", "UTC", true},
		{"Local", "", false},
		{"../etc", "", false},
		{"../../../../etc/passwd", "", false},
		{"Europe/../../etc/passwd", "", false},
		{"/etc/passwd", "", false},
		{"/usr/share/zoneinfo/Europe/London", "", false},
		{"Mars/Olympus_Mons", "", false},
		{"Europe/Londres", "", false},
		{"Europe/London ", "", false},
		{"not a zone", "", false},
	}
	for _, tt := range tests {
		loc, err := guild.LoadLocation("tz", tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("LoadLocation(%q) = %v, want an error", tt.in, loc)
				continue
			}
			if got := guild.ErrorCode(err); got != guild.EINVALID {
				t.Errorf("LoadLocation(%q) code = %q, want %q", tt.in, got, guild.EINVALID)
			}
			if got := guild.ErrorField(err); got != "tz" {
				t.Errorf("LoadLocation(%q) field = %q, want %q", tt.in, got, "tz")
			}
			if got := guild.ErrorMessage(err); !strings.Contains(got, "Europe/London") {
				t.Errorf("LoadLocation(%q) message = %q, want it to give an example zone", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("LoadLocation(%q) error = %v, want %s", tt.in, err, tt.want)
			continue
		}
		if loc.String() != tt.want {
			t.Errorf("LoadLocation(%q) = %s, want %s", tt.in, loc, tt.want)
		}
		if tt.wantUTC && loc != time.UTC {
			t.Errorf("LoadLocation(%q) = %p, want time.UTC", tt.in, loc)
		}
	}
}

func TestLoadLocationIsUsable(t *testing.T) {
	loc, err := guild.LoadLocation("tz", "Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	summer := time.Date(2026, 7, 1, 12, 0, 0, 0, loc)
	if _, off := summer.Zone(); off != 2*3600 {
		t.Errorf("Europe/Paris offset in July = %d, want %d", off, 2*3600)
	}
}

func TestNameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Testers", "testers"},
		{"  Testers  ", "testers"},
		{"Business   Analysts", "business analysts"},
		{"Business\tAnalysts\n", "business analysts"},
		{"QUALITÉ & Tests", "qualité & tests"},
		{"Développeuse", "développeuse"},
		{"テスト", "テスト"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := guild.NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameKeyEqualForVariants(t *testing.T) {
	variants := []string{"Qualité & Tests", "qualité & tests", "  QUALITÉ   &  TESTS ", "Qualité\u00a0& Tests"}
	want := guild.NameKey(variants[0])
	for _, v := range variants[1:] {
		if got := guild.NameKey(v); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", v, got, want)
		}
	}
}
