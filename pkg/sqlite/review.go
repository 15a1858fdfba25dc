package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Review implements cfp.Service.
func (s *CallService) Review(ctx context.Context, r *cfp.Review) (*cfp.Submission, bool, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, false, err
	}
	r.Comment = strings.TrimSpace(r.Comment)
	if err := r.Validate(); err != nil {
		return nil, false, err
	}
	var sub *cfp.Submission
	var updated bool
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if sub, err = findSubmission(ctx, tx, r.SubmissionID); err != nil {
			return err
		}
		c, err := findCallByID(ctx, tx, sub.CallID)
		if err != nil {
			return err
		}
		a, err := accessTo(ctx, tx, c, me)
		if err != nil {
			return err
		}
		if !a.reviewer {
			if !a.all && !sub.HasSpeaker(me) {
				return notFound(sub.ID)
			}
			return guild.Errorf(guild.EFORBIDDEN, "Only organisers and the reviewers of %s review its talks; an organiser can add you with /cfp reviewers add %s @you.", c.Name, guild.QuoteArg(c.Name))
		}
		if sub.HasSpeaker(me) {
			return guild.Errorf(guild.EFORBIDDEN, "You speak in #%d, so you cannot review it.", sub.ID)
		}
		if sub.State != cfp.Submitted {
			return guild.Errorf(guild.ECONFLICT, "#%d is already %s; reviews are for talks still waiting for a decision.", sub.ID, sub.State)
		}
		var old int
		err = tx.QueryRowContext(ctx, `SELECT score FROM reviews WHERE submission_id = ? AND reviewer_id = ?`, sub.ID, me.ID).Scan(&old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, `INSERT INTO reviews (submission_id, reviewer_id, score, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				sub.ID, me.ID, r.Score, r.Comment, formatTime(tx.now), formatTime(tx.now))
			if err != nil {
				return err
			}
			sub.Reviews++
		case err != nil:
			return err
		default:
			updated = true
			if _, err = tx.ExecContext(ctx, `UPDATE reviews SET score = ?, comment = ?, updated_at = ? WHERE submission_id = ? AND reviewer_id = ?`,
				r.Score, r.Comment, formatTime(tx.now), sub.ID, me.ID); err != nil {
				return err
			}
		}
		sub.ScoreSum += r.Score - old
		sub.MyScore = r.Score
		r.Reviewer, r.UpdatedAt = me, tx.now
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET score_sum = ?, review_count = ? WHERE id = ?`, sub.ScoreSum, sub.Reviews, sub.ID); err != nil {
			return err
		}
		a.hide(sub, me)
		return nil
	})
	return sub, updated, storeErr("review", err)
}

// FindReviews implements cfp.Service. Organisers see every review;
// reviewers see their own.
func (s *CallService) FindReviews(ctx context.Context, id int64) ([]*cfp.Review, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	q := `SELECT r.submission_id, r.score, r.comment, r.created_at, r.updated_at, ` + userColumns + `
		FROM reviews r JOIN users u ON u.id = r.reviewer_id WHERE r.submission_id = ? AND (? OR r.reviewer_id = ?)
		ORDER BY r.updated_at DESC, u.name_key`
	rows, err := s.db.reader().QueryContext(ctx, q, id, me.Organiser, me.ID)
	if err != nil {
		return nil, storeErr("list reviews", err)
	}
	defer rows.Close()
	var out []*cfp.Review
	for rows.Next() {
		r := &cfp.Review{}
		if r.Reviewer, err = scanUser(rowsAfter{rows, []any{&r.SubmissionID, &r.Score, &r.Comment, timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt}}}); err != nil {
			return nil, storeErr("list reviews", err)
		}
		out = append(out, r)
	}
	return out, storeErr("list reviews", rows.Err())
}
