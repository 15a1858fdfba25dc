package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// Report implements survey.HealthService.
func (s *HealthService) Report(ctx context.Context, name string) (*survey.HealthReport, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	var r *survey.HealthReport
	err = s.db.view(ctx, func(tx *Tx) error {
		c, err := findCommunity(ctx, tx, name)
		if err != nil {
			return err
		}
		member, err := isMember(ctx, tx, c.ID, me.ID)
		if err != nil {
			return err
		}
		if !member && !c.CanManage(me) {
			return guild.Errorf(guild.EFORBIDDEN, "Only members of %s, its coordinator and organisers read its health checks: /community join %s to take part.",
				c.Name, guild.QuoteArg(c.Name))
		}
		in, err := healthRows(ctx, tx, c, tx.now)
		if err != nil {
			return err
		}
		r = survey.ComputeHealth(in)
		if r.Open != nil && member {
			err = tx.QueryRowContext(ctx, `SELECT count(*) > 0 FROM survey_recipients WHERE survey_id = ? AND user_id = ? AND answered = 1`,
				r.Open.Survey.ID, me.ID).Scan(&r.Answered)
		}
		return err
	})
	if err != nil {
		return nil, storeErr("report on a health check", err)
	}
	return r, nil
}

// healthRows reads what the report on c's health checks at now is
// computed from.
func healthRows(ctx context.Context, q querier, c *community.Community, now time.Time) (survey.HealthRows, error) {
	in := survey.HealthRows{Community: c.Name, Stage: c.Stage, Now: now}
	var err error
	if in.Rounds, err = findRounds(ctx, q, c.ID); err != nil {
		return in, err
	}
	if in.Cadence, err = findHealthCadence(ctx, q, c.ID); err != nil {
		return in, err
	}
	n := 0
	for _, sv := range in.Rounds {
		n += sv.Answers
	}
	in.Answers = make([]survey.HealthRow, 0, n)
	rows, err := q.QueryContext(ctx, `SELECT a.survey_id, a.leadership, a.engagement, a.sharing, a.skills, a.support, a.comment
		FROM health_answers a WHERE a.survey_id IN (SELECT s.id FROM surveys s WHERE s.kind = 'health' AND s.community_id = ?)
		ORDER BY a.survey_id, a.id`, c.ID)
	if err != nil {
		return in, fmt.Errorf("sqlite: health answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h survey.HealthRow
		sc := &h.Scores
		if err := rows.Scan(&h.Survey, &sc[0], &sc[1], &sc[2], &sc[3], &sc[4], &h.Comment); err != nil {
			return in, fmt.Errorf("sqlite: health answers: %w", err)
		}
		in.Answers = append(in.Answers, h)
	}
	return in, rows.Err()
}
