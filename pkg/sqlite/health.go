package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/survey"
)

// HealthService implements survey.HealthService. A round of a community's
// health check is a surveys row of kind 'health'; its answers are
// health_answers rows, which carry a voter key and nothing that names a
// person.
type HealthService struct {
	db *DB
	// Compose renders the messages health checks send.
	Compose remind.Composer
}

var _ survey.HealthService = (*HealthService)(nil)

// NewHealthService returns a HealthService on db; compose renders its
// messages.
func NewHealthService(db *DB, compose remind.Composer) *HealthService {
	return &HealthService{db: db, Compose: compose}
}

// roundSelect reads health rounds, with their community's name and the
// number of answers; scanRound scans a row of it.
var roundSelect = `SELECT s.id, s.community_id, c.name, s.round, s.state, s.remind_s, s.close_s, s.sent_at, s.remind_at, s.closes_at,
	s.closed_at, s.recipients, (SELECT count(*) FROM health_answers a WHERE a.survey_id = s.id), s.created_at, ` + optUserColumns("u") + `
	FROM surveys s JOIN communities c ON c.id = s.community_id LEFT JOIN users u ON u.id = s.sent_by`

func scanRound(row scanner) (*survey.Survey, error) {
	sv := &survey.Survey{Kind: survey.KindHealth, Anonymous: true}
	var remindS, closeS int64
	var by optUser
	err := row.Scan(append([]any{&sv.ID, &sv.CommunityID, &sv.Community, &sv.Round, &sv.State, &remindS, &closeS,
		timeCol{&sv.SentAt}, timeCol{&sv.RemindAt}, timeCol{&sv.ClosesAt}, timeCol{&sv.ClosedAt}, &sv.Recipients, &sv.Answers,
		timeCol{&sv.CreatedAt}}, by.dest()...)...)
	if err != nil {
		return nil, err
	}
	sv.RemindAfter, sv.CloseAfter = time.Duration(remindS)*time.Second, time.Duration(closeS)*time.Second
	sv.SentBy = by.User()
	return sv, nil
}

// latestRound returns the latest round of the community id's health
// check, or nil when none went out.
func latestRound(ctx context.Context, q querier, id int64) (*survey.Survey, error) {
	sv, err := scanRound(q.QueryRowContext(ctx, roundSelect+` WHERE s.kind = 'health' AND s.community_id = ? ORDER BY s.round DESC LIMIT 1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: latest health round: %w", err)
	}
	return sv, nil
}

// findRound returns the health round whose survey ID is id, or nil.
func findRound(ctx context.Context, q querier, id int64) (*survey.Survey, error) {
	sv, err := scanRound(q.QueryRowContext(ctx, roundSelect+` WHERE s.id = ? AND s.kind = 'health'`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find health round: %w", err)
	}
	return sv, nil
}

// findRounds returns every round of the community id's health check,
// oldest first.
func findRounds(ctx context.Context, q querier, id int64) ([]*survey.Survey, error) {
	rows, err := q.QueryContext(ctx, roundSelect+` WHERE s.kind = 'health' AND s.community_id = ? ORDER BY s.round`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: health rounds: %w", err)
	}
	defer rows.Close()
	var out []*survey.Survey
	for rows.Next() {
		sv, err := scanRound(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: health rounds: %w", err)
		}
		out = append(out, sv)
	}
	return out, rows.Err()
}

// communityByID returns the community id, or nil when there is none.
func communityByID(ctx context.Context, q querier, id int64) (*community.Community, error) {
	c, err := scanCommunity(q.QueryRowContext(ctx, communitySelect+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find community %d: %w", id, err)
	}
	return c, nil
}

// checkActive refuses a health check of a community that has ended.
func checkActive(c *community.Community) error {
	if c.Stage != community.StageEnded {
		return nil
	}
	return guild.Errorf(guild.ECONFLICT, "%s has ended, so its health is no longer checked. /community health %s still shows its past rounds.",
		c.Name, guild.QuoteArg(c.Name))
}

// Send implements survey.HealthService.
func (s *HealthService) Send(ctx context.Context, name string, o survey.HealthOptions) (*survey.Survey, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	var sv *survey.Survey
	err = s.db.update(ctx, func(tx *Tx) error {
		c, err := findCommunity(ctx, tx, name)
		if err != nil {
			return err
		}
		if err := c.Authorize(me, "send the health checks"); err != nil {
			return err
		}
		if err := checkActive(c); err != nil {
			return err
		}
		cad, err := findHealthCadence(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if sv, err = nextRound(ctx, tx, s.Compose, c, cad, o, tx.now, me.Location(), false); err != nil {
			return err
		}
		return sendRound(ctx, tx, s.Compose, sv, me, tx.now, false)
	})
	if err != nil {
		return nil, storeErr("send a health check", err)
	}
	return sv, nil
}

// nextRound stores the next round of c's health check, not yet sent, in
// tx: with the cadence's reminder and closing, if it has one, then o. A
// latest round still open is refused, with times in loc, unless early is
// true (a cadence is sending the next round), when it closes now; one whose
// time to close has passed is closed first either way.
func nextRound(ctx context.Context, tx *Tx, compose remind.Composer, c *community.Community, cad survey.HealthCadence, o survey.HealthOptions,
	now time.Time, loc *time.Location, early bool) (*survey.Survey, error) {
	latest, err := latestRound(ctx, tx, c.ID)
	if err != nil {
		return nil, err
	}
	n := 1
	if latest != nil {
		n = latest.Round + 1
		if !early {
			if err := latest.CheckNextRound(now, loc); err != nil {
				return nil, err
			}
		}
		if latest.State == survey.Open {
			if err := closeRound(ctx, tx, compose, latest, c, now, false); err != nil {
				return nil, err
			}
		}
	}
	sv := survey.NewHealthRound(c.ID, c.Name, n)
	if !cad.IsZero() {
		sv.RemindAfter, sv.CloseAfter = cad.RemindAfter, cad.CloseAfter
	}
	if err := o.Apply(sv); err != nil {
		return nil, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO surveys (kind, community_id, round, state, anonymous, remind_s, close_s, salt, created_at, updated_at)
		VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`, string(survey.KindHealth), c.ID, n, string(sv.State),
		int64(sv.RemindAfter/time.Second), int64(sv.CloseAfter/time.Second), survey.NewSalt(), formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return nil, err
	}
	if sv.ID, err = res.LastInsertId(); err != nil {
		return nil, err
	}
	sv.CreatedAt = tx.now
	return sv, nil
}

// sendRound sends sv at now, in tx: its recipients are the community's
// members, each sent the request; its reminder and closing are set. by is
// who sent it, nil when a cadence did; late is true when it went late
// because guildhall was not running.
func sendRound(ctx context.Context, tx *Tx, compose remind.Composer, sv *survey.Survey, by *guild.User, now time.Time, late bool) error {
	sv.Send(now, by)
	var byID any
	if by != nil {
		byID = by.ID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO survey_recipients (survey_id, user_id)
		SELECT ?, user_id FROM memberships WHERE community_id = ? ON CONFLICT DO NOTHING`, sv.ID, sv.CommunityID); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM survey_recipients WHERE survey_id = ?`, sv.ID).Scan(&sv.Recipients); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE surveys SET state = ?, sent_at = ?, sent_by = ?, remind_at = ?, closes_at = ?, recipients = ?, updated_at = ?
		WHERE id = ?`, string(sv.State), formatTime(sv.SentAt), byID, formatTime(sv.RemindAt), formatTime(sv.ClosesAt), sv.Recipients,
		formatTime(tx.now), sv.ID); err != nil {
		return err
	}
	if err := setReminder(ctx, tx, &remind.Reminder{Key: surveyKey(kindHealthRemind, sv.ID), Kind: kindHealthRemind, Subject: sv.ID, NextDue: sv.RemindAt}); err != nil {
		return err
	}
	if err := setReminder(ctx, tx, &remind.Reminder{Key: surveyKey(kindHealthClose, sv.ID), Kind: kindHealthClose, Subject: sv.ID, NextDue: sv.ClosesAt}); err != nil {
		return err
	}
	return askMembers(ctx, tx, compose, sv, survey.NoticeRequest, now, late)
}

// askMembers sends notice kind (a request or a reminder) of sv to each of
// its recipients who is still a member and has not answered, in tx. Its
// key makes it once per recipient per round.
func askMembers(ctx context.Context, tx *Tx, compose remind.Composer, sv *survey.Survey, kind survey.NoticeKind, now time.Time, late bool) error {
	to, err := queryUsers(ctx, tx, `SELECT `+userColumns+` FROM survey_recipients r JOIN users u ON u.id = r.user_id
		JOIN memberships m ON m.user_id = r.user_id AND m.community_id = ?
		WHERE r.survey_id = ? AND r.answered = 0 ORDER BY u.id`, sv.CommunityID, sv.ID)
	if err != nil {
		return err
	}
	for _, u := range to {
		n := &survey.HealthNotice{Kind: kind, To: u, Round: sv, Late: late, Now: now}
		if err := queueNotice(ctx, tx, compose, fmt.Sprintf("health:%d:%s:%d", sv.ID, kind, u.ID), n.Template(), u, n, late); err != nil {
			return err
		}
	}
	return nil
}

// closeRound closes sv at now, in tx, and wipes its salt, so that no voter
// key can be traced to anyone afterwards; a round closed before its time
// (the next went out) is recorded as closing now. Its coordinator is told
// what it added up to.
func closeRound(ctx context.Context, tx *Tx, compose remind.Composer, sv *survey.Survey, c *community.Community, now time.Time, late bool) error {
	if now.Before(sv.ClosesAt) {
		sv.ClosesAt = now
	}
	sv.State, sv.ClosedAt = survey.Closed, now
	if _, err := tx.ExecContext(ctx, `UPDATE surveys SET state = ?, closes_at = ?, closed_at = ?, salt = NULL, updated_at = ? WHERE id = ?`,
		string(sv.State), formatTime(sv.ClosesAt), formatTime(now), formatTime(tx.now), sv.ID); err != nil {
		return err
	}
	in, err := healthRows(ctx, tx, c, now)
	if err != nil {
		return err
	}
	n := &survey.HealthNotice{Kind: survey.NoticeRoundClosed, To: c.Coordinator, Round: sv, Report: survey.ComputeHealth(in), Late: late, Now: now}
	return queueNotice(ctx, tx, compose, fmt.Sprintf("health:%d:%s:%d", sv.ID, n.Kind, c.Coordinator.ID), n.Template(), c.Coordinator, n, late)
}
