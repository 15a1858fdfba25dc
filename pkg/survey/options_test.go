package survey_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"0", 0, true},
		{"2d", 48 * time.Hour, true},
		{"2 days", 48 * time.Hour, true},
		{"1 day", 24 * time.Hour, true},
		{"36h", 36 * time.Hour, true},
		{"1w", 7 * 24 * time.Hour, true},
		{"3 Weeks", 21 * 24 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"15 min", 15 * time.Minute, true},
		{"", 0, false},
		{"soon", 0, false},
		{"-1d", 0, false},
		{"1.5d", 0, false},
		{"2x", 0, false},
		{"d", 0, false},
		{"99999d", 0, false},
	}
	for _, tt := range tests {
		got, err := survey.ParseDuration("close", tt.in)
		if tt.ok {
			if err != nil || got != tt.want {
				t.Errorf("ParseDuration(%q) = %s, %v, want %s, nil", tt.in, got, err, tt.want)
			}
			continue
		}
		checkError(t, "ParseDuration("+tt.in+")", err, guild.EINVALID, "close", "is not a length of time", "close=2d")
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "0"}, {48 * time.Hour, "2d"}, {14 * 24 * time.Hour, "2w"}, {36 * time.Hour, "36h"}, {90 * time.Minute, "90m"},
	}
	for _, tt := range tests {
		if got := survey.FormatDuration(tt.in); got != tt.want {
			t.Errorf("FormatDuration(%s) = %q, want %q", tt.in, got, tt.want)
		}
		if back, err := survey.ParseDuration("d", tt.want); err != nil || back != tt.in {
			t.Errorf("ParseDuration(FormatDuration(%s)) = %s, %v, want it back", tt.in, back, err)
		}
	}
}

func TestParseOptions(t *testing.T) {
	o, err := survey.ParseOptions(map[string]string{"anonymous": "Yes", "delay": "1h", "remind": "1d", "close": "3d", "community": "  Test   Automation ", "title": "ignored"})
	if err != nil {
		t.Fatalf("ParseOptions = %v", err)
	}
	if o.Anonymous == nil || !*o.Anonymous || *o.Delay != time.Hour || *o.RemindAfter != 24*time.Hour || *o.CloseAfter != 72*time.Hour || *o.Community != "Test Automation" {
		t.Errorf("ParseOptions = %+v, want anonymous, 1h, 1d, 3d, Test Automation", o)
	}
	if o, err := survey.ParseOptions(map[string]string{}); err != nil || !o.IsZero() {
		t.Errorf("ParseOptions(none) = %+v, %v, want zero options", o, err)
	}
	bad := []struct {
		opts        map[string]string
		field, want string
	}{
		{map[string]string{"anonymous": "maybe"}, "anonymous", `anonymous= takes yes or no, not maybe`},
		{map[string]string{"delay": "later"}, "delay", "delay=later is not a length of time"},
		{map[string]string{"remind": "x"}, "remind", "remind=x is not a length of time"},
		{map[string]string{"close": "-2d"}, "close", "close=-2d is not a length of time"},
		{map[string]string{"community": "a\x00b"}, "community", "control character"},
	}
	for _, tt := range bad {
		_, err := survey.ParseOptions(tt.opts)
		checkError(t, "ParseOptions", err, guild.EINVALID, tt.field, tt.want)
	}
}

func dur(d time.Duration) *time.Duration { return &d }

func TestOptionsApply(t *testing.T) {
	yes := true
	s := survey.New(devDay(""))
	if err := (survey.Options{Anonymous: &yes, Delay: dur(2 * time.Hour), RemindAfter: dur(24 * time.Hour), CloseAfter: dur(72 * time.Hour)}).Apply(s); err != nil {
		t.Fatalf("Apply = %v", err)
	}
	if !s.Anonymous || s.Delay != 2*time.Hour || s.RemindAfter != 24*time.Hour || s.CloseAfter != 72*time.Hour {
		t.Errorf("after Apply: %+v", s)
	}
	if want := time.Date(2026, 4, 15, 19, 0, 0, 0, time.UTC); !s.SendAt.Equal(want) {
		t.Errorf("SendAt after a 2h delay = %v, want %v", s.SendAt, want)
	}
	tests := []struct {
		name        string
		o           survey.Options
		field, want string
	}{
		{"delay too long", survey.Options{Delay: dur(15 * 24 * time.Hour)}, "delay", "delay=15d is out of range"},
		{"negative delay", survey.Options{Delay: dur(-time.Hour)}, "delay", "out of range"},
		{"close too soon", survey.Options{CloseAfter: dur(30 * time.Minute)}, "close", "close=30m is out of range: a survey stays open between 1h and 60d"},
		{"close too late", survey.Options{CloseAfter: dur(61 * 24 * time.Hour)}, "close", "out of range"},
		{"remind after closing", survey.Options{RemindAfter: dur(4 * 24 * time.Hour)}, "remind", "remind=4d must fall after the survey goes out and before it closes (close=3d)"},
		{"remind at once", survey.Options{RemindAfter: dur(0)}, "remind", "remind=0 must fall after"},
		{"close before the default reminder", survey.Options{CloseAfter: dur(time.Hour), RemindAfter: dur(2 * time.Hour)}, "remind", "such as remind=30m"},
	}
	before := *s
	for _, tt := range tests {
		err := tt.o.Apply(s)
		checkError(t, tt.name, err, guild.EINVALID, tt.field, tt.want)
		if s.Delay != before.Delay || s.CloseAfter != before.CloseAfter || s.RemindAfter != before.RemindAfter || !s.SendAt.Equal(before.SendAt) {
			t.Errorf("%s: Apply changed the survey on an error: %+v", tt.name, s)
		}
	}
	empty := ""
	s.CommunityID, s.Community = 4, "Testers"
	if err := (survey.Options{Community: &empty}).Apply(s); err != nil || s.CommunityID != 0 || s.Community != "" {
		t.Errorf("Apply(community=\"\") = %v, community %d %q, want it cleared", err, s.CommunityID, s.Community)
	}
}
