package cfp_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

func TestParseTags(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two", "go, testing", []string{"go", "testing"}},
		{"one", "go", []string{"go"}},
		{"semicolons", "go; testing;ci", []string{"go", "testing", "ci"}},
		{"upper case lowered", "Go, CI", []string{"go", "ci"}},
		{"inner spaces become one hyphen", "unit   testing, Trunk Based Development", []string{"unit-testing", "trunk-based-development"}},
		{"tabs and newlines are spaces", "unit\ttesting,\nci", []string{"unit-testing", "ci"}},
		{"trimmed", "  go  ,  testing  ", []string{"go", "testing"}},
		{"empty parts skipped", ",go,, ;testing;", []string{"go", "testing"}},
		{"duplicates dropped, first order kept", "testing, go, Testing, GO, ci", []string{"testing", "go", "ci"}},
		{"duplicate after spacing", "unit testing, unit-testing", []string{"unit-testing"}},
		{"five", "a, b, c, d, e", []string{"a", "b", "c", "d", "e"}},
		{"six with a duplicate is five", "a, b, c, d, e, a", []string{"a", "b", "c", "d", "e"}},
		{"30 characters", strings.Repeat("a", 30), []string{strings.Repeat("a", 30)}},
		{"30 multibyte characters", strings.Repeat("é", 30), []string{strings.Repeat("é", 30)}},
		{"unicode lowered", "Qualité, ÉQUIPE", []string{"qualité", "équipe"}},
		{"punctuation kept", "c++, .net, a/b-testing", []string{"c++", ".net", "a/b-testing"}},
		{"none among others is a tag", "none, go", []string{"none", "go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cfp.ParseTags(tt.in)
			if err != nil {
				t.Fatalf("ParseTags(%q) error = %v, want %q", tt.in, err, tt.want)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseTags(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseTagsNone(t *testing.T) {
	for _, in := range []string{"", "   ", "none", "NONE", " None ", ",", " ; , "} {
		got, err := cfp.ParseTags(in)
		if err != nil || got != nil {
			t.Errorf("ParseTags(%q) = %q, %v, want nil, nil", in, got, err)
		}
	}
}

func TestParseTagsErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		wantIn []string
	}{
		{"six", "a, b, c, d, e, f", []string{"That is 6 tags", "at most 5", `tags="go, testing"`}},
		{"31 characters", strings.Repeat("a", 31), []string{`The tag "` + strings.Repeat("a", 31) + `" is 31 characters long`, "at most 30", `tags="go, testing"`}},
		{"31 characters after joining", "a very long tag about continuous delivery", []string{`"a-very-long-tag-about-continuous-delivery"`, "at most 30"}},
		{"long tag after a good one", "go, " + strings.Repeat("é", 31), []string{"31 characters long"}},
		{"control character", "go, te\x07st", []string{"control character", `tags="go, testing"`}},
		{"invalid UTF-8", "caf\xe9", []string{"not valid text", `tags="go, testing"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cfp.ParseTags(tt.in)
			if err == nil {
				t.Fatalf("ParseTags(%q) = %q, want an error", tt.in, got)
			}
			if got != nil {
				t.Errorf("ParseTags(%q) = %q with an error, want nil", tt.in, got)
			}
			if code := guild.ErrorCode(err); code != guild.EINVALID {
				t.Errorf("ParseTags(%q) code = %q, want %q", tt.in, code, guild.EINVALID)
			}
			if field := guild.ErrorField(err); field != "tags" {
				t.Errorf("ParseTags(%q) field = %q, want %q", tt.in, field, "tags")
			}
			msg := guild.ErrorMessage(err)
			for _, w := range tt.wantIn {
				if !strings.Contains(msg, w) {
					t.Errorf("ParseTags(%q) message = %q, want it to contain %q", tt.in, msg, w)
				}
			}
		})
	}
}
