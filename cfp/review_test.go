package cfp_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

func TestReviewValidate(t *testing.T) {
	tests := []struct {
		name      string
		score     int
		comment   string
		wantField string // "" when valid
	}{
		{"score -1", -1, "", "score"},
		{"score 0", 0, "", "score"},
		{"score 1", 1, "", ""},
		{"score 2", 2, "", ""},
		{"score 3", 3, "", ""},
		{"score 4", 4, "", ""},
		{"score 5", 5, "", ""},
		{"score 6", 6, "", "score"},
		{"score 50", 50, "", "score"},
		{"multi-line comment", 3, "Good.\nNeeds a demo.", ""},
		{"2000-character comment", 3, strings.Repeat("é", 2000), ""},
		{"2001-character comment", 3, strings.Repeat("a", 2001), "comment"},
		{"control character in comment", 3, "bell\a", "comment"},
		{"bad score and bad comment blames score", 0, strings.Repeat("a", 2001), "score"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &cfp.Review{SubmissionID: 1, Reviewer: user(1, "alice"), Score: tt.score, Comment: tt.comment}
			err := r.Validate()
			if tt.wantField == "" {
				if err != nil {
					t.Errorf("Validate() with score %d = %v, want nil", tt.score, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() with score %d = nil, want an error on %s", tt.score, tt.wantField)
			}
			if code := guild.ErrorCode(err); code != guild.EINVALID {
				t.Errorf("Validate() code = %q, want %q", code, guild.EINVALID)
			}
			if field := guild.ErrorField(err); field != tt.wantField {
				t.Errorf("Validate() field = %q, want %q", field, tt.wantField)
			}
			if tt.wantField == "score" {
				want := "A score is a whole number from 1 (weak) to 5 (outstanding)."
				if msg := guild.ErrorMessage(err); msg != want {
					t.Errorf("Validate() message = %q, want %q", msg, want)
				}
			}
		})
	}
}
