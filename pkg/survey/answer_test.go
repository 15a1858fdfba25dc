package survey_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

func TestAnswerValidate(t *testing.T) {
	long := strings.Repeat("é", guild.MaxText+1)
	tests := []struct {
		name        string
		a           survey.Answer
		by          *guild.User
		field, want string // "" for valid
	}{
		{"minimal", survey.Answer{Rating: 4, Different: "Write the test first."}, olga, "", ""},
		{"everything", survey.Answer{Rating: 5, Different: "Pair more.", Helped: 12, Idea: "A testing guild",
			Ratings: map[int64]int{11: 5, 12: 3}, Comments: map[int64]string{13: "Loved it"}}, olga, "", ""},
		{"a speaker rates the others", survey.Answer{Rating: 5, Different: "x", Helped: 12, Ratings: map[int64]int{12: 4}}, ann, "", ""},
		{"longest different", survey.Answer{Rating: 1, Different: strings.Repeat("é", guild.MaxText)}, olga, "", ""},
		{"no rating", survey.Answer{Different: "x"}, olga, "rating", "Rate DevDay as a whole from 1 (poor) to 5 (excellent), such as rating=4."},
		{"rating 6", survey.Answer{Rating: 6, Different: "x"}, olga, "rating", "rating=6 is out of range"},
		{"rating -1", survey.Answer{Rating: -1, Different: "x"}, olga, "rating", "rating=-1 is out of range"},
		{"empty different", survey.Answer{Rating: 3}, olga, "different", "Say what you will do differently after DevDay"},
		{"blank different", survey.Answer{Rating: 3, Different: " \n\t "}, olga, "different", "the one question every answer needs"},
		{"different too long", survey.Answer{Rating: 3, Different: long}, olga, "different", "2001 characters long; the limit is 2000"},
		{"control character", survey.Answer{Rating: 3, Different: "a\x00b"}, olga, "different", "control character"},
		{"idea too long", survey.Answer{Rating: 3, Different: "x", Idea: long}, olga, "idea", "2001 characters"},
		{"unknown helped", survey.Answer{Rating: 3, Different: "x", Helped: 99}, olga, "helped", "#99 is not a talk at DevDay; helped= names the talk that helped you most, one of #11, #12 and #13."},
		{"own talk helped", survey.Answer{Rating: 3, Different: "x", Helped: 11}, ann, "helped", "You speak in #11"},
		{"unknown rated talk", survey.Answer{Rating: 3, Different: "x", Ratings: map[int64]int{11: 4, 98: 5}}, olga, "ratings", "#98 is not a talk at DevDay"},
		{"talk rated 0", survey.Answer{Rating: 3, Different: "x", Ratings: map[int64]int{12: 0}}, olga, "ratings", "0 is out of range for #12"},
		{"talk rated 7", survey.Answer{Rating: 3, Different: "x", Ratings: map[int64]int{12: 7}}, olga, "ratings", "7 is out of range for #12: rate each talk from 1 (poor) to 5 (excellent)."},
		{"own talk rated", survey.Answer{Rating: 3, Different: "x", Ratings: map[int64]int{13: 5}}, cat, "ratings", "You speak in #13, so its feedback is left to the audience."},
		{"unknown commented talk", survey.Answer{Rating: 3, Different: "x", Comments: map[int64]string{97: "hm"}}, olga, "comments", "#97 is not a talk at DevDay"},
		{"comment too long", survey.Answer{Rating: 3, Different: "x", Comments: map[int64]string{11: long}}, olga, "comments", "Your comment on #11 is 2001 characters long"},
	}
	s := sent(false)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.Normalize()
			err := a.Validate(s, lineUp(), tt.by)
			if tt.field == "" {
				if err != nil {
					t.Errorf("Validate = %v, want nil", err)
				}
				return
			}
			checkError(t, "Validate", err, guild.EINVALID, tt.field, tt.want)
		})
	}
}

func TestAnswerValidateNoLineUp(t *testing.T) {
	a := survey.Answer{Rating: 3, Different: "x", Helped: 5}
	checkError(t, "Validate with no talks", a.Validate(sent(false), nil, olga), guild.EINVALID, "helped", "#5 is not a talk at DevDay; helped= names the talk that helped you most.")
	many := make([]survey.Talk, 10)
	for i := range many {
		many[i] = survey.Talk{ID: int64(i + 1)}
	}
	a.Helped = 50
	checkError(t, "Validate with ten talks", a.Validate(sent(false), many, olga), guild.EINVALID, "helped", "one of #1, #2, #3, #4, #5, #6, #7, #8, … (10 talks).")
}

func TestAnswerNormalizeAndTalks(t *testing.T) {
	a := survey.Answer{Different: "  pair more \n", Idea: " guild ", Ratings: map[int64]int{13: 4, 11: 5},
		Comments: map[int64]string{12: "  good ", 11: " ", 14: "x"}}
	a.Normalize()
	if a.Different != "pair more" || a.Idea != "guild" {
		t.Errorf("Normalize: Different %q, Idea %q, want trimmed", a.Different, a.Idea)
	}
	if _, ok := a.Comments[11]; ok || a.Comments[12] != "good" {
		t.Errorf("Normalize: Comments = %v, want the blank one dropped and the others trimmed", a.Comments)
	}
	if got, want := a.Talks(), []int64{11, 12, 13, 14}; !slices.Equal(got, want) {
		t.Errorf("Talks() = %v, want %v", got, want)
	}
}

func TestVoter(t *testing.T) {
	s1, s2 := survey.NewSalt(), survey.NewSalt()
	if len(s1) != survey.SaltSize || string(s1) == string(s2) {
		t.Fatalf("NewSalt: %d bytes, two equal %t, want %d random bytes", len(s1), string(s1) == string(s2), survey.SaltSize)
	}
	v := survey.Voter(s1, 7, 42)
	if len(v) != 64 || strings.Trim(v, "0123456789abcdef") != "" {
		t.Errorf("Voter = %q, want 64 hex digits", v)
	}
	if survey.Voter(s1, 7, 42) != v {
		t.Errorf("Voter is not stable for the same salt, survey and user")
	}
	for _, other := range []string{survey.Voter(s2, 7, 42), survey.Voter(s1, 8, 42), survey.Voter(s1, 7, 43)} {
		if other == v {
			t.Errorf("Voter gave %q for another salt, survey or user, want a different key", other)
		}
	}
}
