package cfp

import (
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Review is one reviewer's score and comment on a submission.
type Review struct {
	SubmissionID int64
	Reviewer     *guild.User
	// Score is 1 (weak) to 5 (outstanding).
	Score     int
	Comment   string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks the score and comment.
func (r *Review) Validate() error {
	if r.Score < 1 || r.Score > 5 {
		return guild.FieldErrorf("score", "A score is a whole number from 1 (weak) to 5 (outstanding).")
	}
	return guild.CheckText("comment", r.Comment, false)
}
