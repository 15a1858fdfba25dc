package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// Answer implements survey.HealthService. An answer is found again by its
// voter key, never by its author: it carries no user ID and no time, and
// the recipient's "answered" flag names no answer.
func (s *HealthService) Answer(ctx context.Context, name string, a *survey.HealthAnswer) (*survey.Receipt, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if a == nil {
		a = &survey.HealthAnswer{}
	}
	a.Normalize()
	var rc *survey.Receipt
	err = s.db.update(ctx, func(tx *Tx) error {
		c, err := findCommunity(ctx, tx, name)
		if err != nil {
			return err
		}
		member, err := isMember(ctx, tx, c.ID, me.ID)
		if err != nil {
			return err
		}
		if !member {
			return guild.Errorf(guild.EFORBIDDEN, "Only members of %s answer its health check, and you are not one: /community join %s to take part in the next round.",
				c.Name, guild.QuoteArg(c.Name))
		}
		sv, err := latestRound(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		cad, err := findHealthCadence(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if err := survey.CheckHealthAnswer(c.Name, sv, cad.NextAt(tx.now), tx.now, me.Location()); err != nil {
			return err
		}
		if err := a.Validate(); err != nil {
			return err
		}
		var salt []byte
		if err := tx.QueryRowContext(ctx, `SELECT salt FROM surveys WHERE id = ?`, sv.ID).Scan(&salt); err != nil {
			return err
		}
		if len(salt) == 0 {
			return fmt.Errorf("health round %d is open but has no salt", sv.ID)
		}
		updated, err := saveHealthAnswer(ctx, tx, sv.ID, survey.Voter(salt, sv.ID, me.ID), a)
		if err != nil {
			return err
		}
		if !updated {
			sv.Answers++
		}
		if err := markAnswered(ctx, tx, sv, me); err != nil {
			return err
		}
		rc = &survey.Receipt{Survey: sv, Updated: updated, Anonymous: true}
		return nil
	})
	if err != nil {
		return nil, storeErr("answer a health check", err)
	}
	return rc, nil
}

// saveHealthAnswer stores a as the answer of voter to the round id,
// replacing an earlier one, in tx, and reports whether it replaced one.
func saveHealthAnswer(ctx context.Context, tx *Tx, id int64, voter string, a *survey.HealthAnswer) (bool, error) {
	var answer int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM health_answers WHERE survey_id = ? AND voter = ?`, id, voter).Scan(&answer)
	sc := a.Scores
	switch {
	case err == nil:
		_, err = tx.ExecContext(ctx, `UPDATE health_answers SET leadership = ?, engagement = ?, sharing = ?, skills = ?, support = ?, comment = ?
			WHERE id = ?`, sc[0], sc[1], sc[2], sc[3], sc[4], a.Comment, answer)
		return true, err
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, `INSERT INTO health_answers (survey_id, voter, leadership, engagement, sharing, skills, support, comment)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, voter, sc[0], sc[1], sc[2], sc[3], sc[4], a.Comment)
		return false, err
	}
	return false, err
}
