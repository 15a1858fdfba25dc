package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/survey"
)

// healthRoundKey is the key of the reminder that sends a community's next
// round by itself.
func healthRoundKey(communityID int64) string { return surveyKey(kindHealthRound, communityID) }

// findHealthCadence returns when the community id's rounds go out by
// themselves; the zero cadence when they do not.
func findHealthCadence(ctx context.Context, q querier, id int64) (survey.HealthCadence, error) {
	var c survey.HealthCadence
	var remindS, closeS int64
	var by optUser
	err := q.QueryRowContext(ctx, `SELECT h.spec, h.tz, h.remind_s, h.close_s, h.set_at, `+optUserColumns("u")+`
		FROM health_cadences h LEFT JOIN users u ON u.id = h.set_by WHERE h.community_id = ?`, id).
		Scan(append([]any{&c.Spec, &c.TZ, &remindS, &closeS, timeCol{&c.SetAt}}, by.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return survey.HealthCadence{}, nil
	}
	if err != nil {
		return survey.HealthCadence{}, fmt.Errorf("sqlite: health cadence: %w", err)
	}
	c.RemindAfter, c.CloseAfter, c.SetBy = time.Duration(remindS)*time.Second, time.Duration(closeS)*time.Second, by.User()
	return c, nil
}

// SetCadence implements survey.HealthService. The cadence is a recurring
// reminder: after downtime it sends one late round, never a burst.
func (s *HealthService) SetCadence(ctx context.Context, name string, cad survey.HealthCadence) (*survey.HealthCadence, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	err = s.db.update(ctx, func(tx *Tx) error {
		c, err := findCommunity(ctx, tx, name)
		if err != nil {
			return err
		}
		if err := c.Authorize(me, "schedule the health checks"); err != nil {
			return err
		}
		if cad.IsZero() {
			if _, err := tx.ExecContext(ctx, `DELETE FROM health_cadences WHERE community_id = ?`, c.ID); err != nil {
				return err
			}
			return dropReminder(ctx, tx, healthRoundKey(c.ID))
		}
		if err := checkActive(c); err != nil {
			return err
		}
		cad.SetBy, cad.SetAt = me, tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO health_cadences (community_id, spec, tz, remind_s, close_s, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (community_id) DO UPDATE SET spec = excluded.spec, tz = excluded.tz, remind_s = excluded.remind_s,
				close_s = excluded.close_s, set_by = excluded.set_by, set_at = excluded.set_at`,
			c.ID, cad.Spec, cad.TZ, int64(cad.RemindAfter/time.Second), int64(cad.CloseAfter/time.Second), me.ID, formatTime(tx.now)); err != nil {
			return err
		}
		return setReminder(ctx, tx, &remind.Reminder{Key: healthRoundKey(c.ID), Kind: kindHealthRound, Subject: c.ID, Spec: cad.Spec, TZ: cad.TZ})
	})
	if err != nil {
		return nil, storeErr("schedule health checks", err)
	}
	return &cad, nil
}
