package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// Answer implements survey.Service. An answer is found again by its voter
// key, never by its user, so an anonymous answer carries no user ID and no
// time, and the recipient's "answered" flag names no answer.
func (s *SurveyService) Answer(ctx context.Context, name string, a *survey.Answer) (*survey.Receipt, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if a == nil {
		a = &survey.Answer{}
	}
	a.Normalize()
	var rc *survey.Receipt
	err = s.db.update(ctx, func(tx *Tx) error {
		ev, err := findEvent(ctx, tx, name)
		if err != nil {
			return err
		}
		sv, err := findEventSurvey(ctx, tx, ev)
		if err != nil {
			return err
		}
		if sv == nil {
			sv = survey.New(ev)
		}
		if err := sv.CheckAnswer(tx.now, me.Location()); err != nil {
			return err
		}
		talks, err := lineUp(ctx, tx, ev.ID)
		if err != nil {
			return err
		}
		if err := a.Validate(sv, talks, me); err != nil {
			return err
		}
		var salt []byte
		if err := tx.QueryRowContext(ctx, `SELECT salt FROM surveys WHERE id = ?`, sv.ID).Scan(&salt); err != nil {
			return err
		}
		if len(salt) == 0 {
			return fmt.Errorf("survey %d is open but has no salt", sv.ID)
		}
		id, updated, err := saveAnswer(ctx, tx, sv, survey.Voter(salt, sv.ID, me.ID), me, a)
		if err != nil {
			return err
		}
		if !updated {
			sv.Answers++
		}
		if err := markAnswered(ctx, tx, sv, me); err != nil {
			return err
		}
		rc = &survey.Receipt{Survey: sv, Updated: updated, Anonymous: a.AnonymousIn(sv)}
		if a.Idea != "" {
			rc.Idea, rc.IdeaNew, err = raiseIdea(ctx, tx, sv, id, a.Idea, me, rc.Anonymous)
		} else if updated {
			if rc.Idea, err = ideaOfAnswer(ctx, tx, id); err == nil && rc.Idea != nil {
				err = ownIdea(ctx, tx, sv, rc.Idea, me, rc.Anonymous)
			}
		}
		return err
	})
	if err != nil {
		return nil, storeErr("answer a survey", err)
	}
	return rc, nil
}

// saveAnswer stores a as the answer of voter to sv, replacing an earlier
// one, with its talk ratings and comments, in tx. It returns the answer's
// ID and whether it replaced one. A comment an organiser hid stays hidden
// when it is edited.
func saveAnswer(ctx context.Context, tx *Tx, sv *survey.Survey, voter string, me *guild.User, a *survey.Answer) (int64, bool, error) {
	var user any
	at := ""
	if !a.AnonymousIn(sv) {
		user, at = me.ID, formatTime(tx.now)
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM survey_answers WHERE survey_id = ? AND voter = ?`, sv.ID, voter).Scan(&id)
	updated := err == nil
	switch {
	case updated:
		if _, err := tx.ExecContext(ctx, `UPDATE survey_answers SET user_id = ?, rating = ?, different = ?, helped = ?, answered_at = ? WHERE id = ?`,
			user, a.Rating, a.Different, a.Helped, at, id); err != nil {
			return 0, false, err
		}
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO survey_answers (survey_id, voter, user_id, rating, different, helped, answered_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, sv.ID, voter, user, a.Rating, a.Different, a.Helped, at)
		if err != nil {
			return 0, false, err
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, false, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE surveys SET answers = answers + 1 WHERE id = ?`, sv.ID); err != nil {
			return 0, false, err
		}
	default:
		return 0, false, err
	}
	talks := a.Talks()
	if updated {
		if _, err := tx.ExecContext(ctx, `DELETE FROM survey_talk_ratings WHERE answer_id = ? AND talk_id NOT IN (SELECT value FROM json_each(?))`,
			id, jsonList(talks)); err != nil {
			return 0, false, err
		}
	}
	for _, t := range talks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_talk_ratings (survey_id, answer_id, talk_id, rating, comment) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (answer_id, talk_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment`,
			sv.ID, id, t, a.Ratings[t], a.Comments[t]); err != nil {
			return 0, false, err
		}
	}
	return id, updated, nil
}

// markAnswered flags u as having answered sv, in tx, so the reminder
// passes them by; someone who answered without being sent the survey
// becomes a recipient.
func markAnswered(ctx context.Context, tx *Tx, sv *survey.Survey, u *guild.User) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO survey_recipients (survey_id, user_id, answered) VALUES (?, ?, 1) ON CONFLICT DO NOTHING`, sv.ID, u.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		_, err = tx.ExecContext(ctx, `UPDATE survey_recipients SET answered = 1 WHERE survey_id = ? AND user_id = ? AND answered = 0`, sv.ID, u.ID)
		return err
	}
	sv.Recipients++
	_, err = tx.ExecContext(ctx, `UPDATE surveys SET recipients = recipients + 1 WHERE id = ?`, sv.ID)
	return err
}
