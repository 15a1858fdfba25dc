package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/survey"
)

func init() { fireFuncs[kindIdeaFollowup] = fireIdeaFollowup }

var ideaSelect = `SELECT i.id, i.survey_id, coalesce(e.name, ''), i.text, i.state, i.raised_at, i.updated_at, ` +
	optUserColumns("o") + `, ` + optUserColumns("b") + `
	FROM ideas i JOIN surveys s ON s.id = i.survey_id LEFT JOIN events e ON e.id = s.event_id
	LEFT JOIN users o ON o.id = i.owner_id LEFT JOIN users b ON b.id = i.updated_by`

func scanIdea(row scanner) (*survey.Idea, error) {
	i := &survey.Idea{}
	var owner, by optUser
	dest := append([]any{&i.ID, &i.SurveyID, &i.Event, &i.Text, &i.State, timeCol{&i.RaisedAt}, timeCol{&i.UpdatedAt}}, owner.dest()...)
	if err := row.Scan(append(dest, by.dest()...)...); err != nil {
		return nil, err
	}
	i.Owner, i.UpdatedBy = owner.User(), by.User()
	return i, nil
}

// findIdea returns idea id, or nil when there is none.
func findIdea(ctx context.Context, q querier, id int64) (*survey.Idea, error) {
	i, err := scanIdea(q.QueryRowContext(ctx, ideaSelect+` WHERE i.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find idea: %w", err)
	}
	return i, nil
}

// ideaOfAnswer returns the idea answer raised, or nil.
func ideaOfAnswer(ctx context.Context, q querier, answer int64) (*survey.Idea, error) {
	i, err := scanIdea(q.QueryRowContext(ctx, ideaSelect+` WHERE i.answer_id = ?`, answer))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find idea: %w", err)
	}
	return i, nil
}

// surveyIdeas returns the ideas raised in survey id, oldest first.
func surveyIdeas(ctx context.Context, q querier, id int64) ([]*survey.Idea, error) {
	rows, err := q.QueryContext(ctx, ideaSelect+` WHERE i.survey_id = ? ORDER BY i.id`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list ideas: %w", err)
	}
	defer rows.Close()
	var out []*survey.Idea
	for rows.Next() {
		i, err := scanIdea(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: list ideas: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// raiseIdea records text as the idea of answer answerID to sv by me, in
// tx: a new idea, owned by me unless the answer is anonymous, with its
// follow-ups; or, when the answer raised one before, that idea with the
// new text and owner. It reports whether the idea is new.
func raiseIdea(ctx context.Context, tx *Tx, sv *survey.Survey, answerID int64, text string, me *guild.User, anonymous bool) (*survey.Idea, bool, error) {
	i, err := ideaOfAnswer(ctx, tx, answerID)
	if err != nil {
		return nil, false, err
	}
	if i != nil {
		if i.Text != text {
			if _, err := tx.ExecContext(ctx, `UPDATE ideas SET text = ? WHERE id = ?`, text, i.ID); err != nil {
				return nil, false, err
			}
			i.Text = text
		}
		return i, false, ownIdea(ctx, tx, sv, i, me, anonymous)
	}
	i = &survey.Idea{SurveyID: sv.ID, Event: sv.Name(), Text: text, State: survey.IdeaOpen}
	res, err := tx.ExecContext(ctx, `INSERT INTO ideas (survey_id, answer_id, text, state, raised_at) VALUES (?, ?, ?, ?, ?)`,
		sv.ID, answerID, text, string(i.State), formatTime(sv.SentAt))
	if err != nil {
		return nil, false, err
	}
	if i.ID, err = res.LastInsertId(); err != nil {
		return nil, false, err
	}
	i.RaisedAt = sv.SentAt
	return i, true, ownIdea(ctx, tx, sv, i, me, anonymous)
}

// ownIdea makes me the owner of idea i, with its follow-ups, or, when the
// answer that raised it is anonymous, leaves it with no owner and no
// follow-ups, in tx. An anonymous idea is dated when the survey went out,
// so that nothing ties it to when its answer came in; an owned one when
// its owner raised it.
func ownIdea(ctx context.Context, tx *Tx, sv *survey.Survey, i *survey.Idea, me *guild.User, anonymous bool) error {
	owned := i.Owner != nil
	switch {
	case anonymous && owned:
		i.Owner, i.RaisedAt = nil, sv.SentAt
		if _, err := tx.ExecContext(ctx, `UPDATE ideas SET owner_id = NULL, raised_at = ? WHERE id = ?`, formatTime(i.RaisedAt), i.ID); err != nil {
			return err
		}
		for n := 1; n <= len(survey.FollowupWeeks); n++ {
			if err := dropReminder(ctx, tx, ideaFollowupKey(i.ID, n)); err != nil {
				return err
			}
		}
	case !anonymous && !owned:
		i.Owner, i.RaisedAt = me, tx.now
		if _, err := tx.ExecContext(ctx, `UPDATE ideas SET owner_id = ?, raised_at = ? WHERE id = ?`, me.ID, formatTime(i.RaisedAt), i.ID); err != nil {
			return err
		}
		for n := 1; n <= len(survey.FollowupWeeks); n++ {
			if err := setReminder(ctx, tx, &remind.Reminder{Key: ideaFollowupKey(i.ID, n), Kind: kindIdeaFollowup, Subject: i.ID,
				Detail: strconv.Itoa(n), NextDue: i.FollowupAt(n)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// ideaFollowupKey is the key of follow-up n of idea id.
func ideaFollowupKey(id int64, n int) string { return fmt.Sprintf("%s:%d:%d", kindIdeaFollowup, id, n) }

// fireIdeaFollowup asks an idea's owner whether they took it forward,
// unless it is done or dropped by now, or the next follow-up is due too
// (guildhall was down), so the owner is asked once, not twice in a row.
func fireIdeaFollowup(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	i, err := findIdea(ctx, tx, f.Reminder.Subject)
	if err != nil || i == nil || i.Owner == nil || i.State.Settled() {
		return false, err
	}
	n, err := strconv.Atoi(f.Reminder.Detail)
	if err != nil || n < 1 || n > len(survey.FollowupWeeks) {
		return false, fmt.Errorf("idea %d: bad follow-up %q", i.ID, f.Reminder.Detail)
	}
	if next := i.FollowupAt(n + 1); !next.IsZero() && !next.After(f.Now) {
		return false, nil // after downtime, the later follow-up asks instead
	}
	note := &survey.IdeaNotice{To: i.Owner, Idea: i, Followup: n, Weeks: survey.FollowupWeeks[n-1], Late: f.Late, Now: f.Now}
	key := fmt.Sprintf("idea:%d:followup:%d:%d", i.ID, n, i.Owner.ID)
	return false, queueNotice(ctx, tx, s.Compose, key, survey.IdeaFollowupTemplate, i.Owner, note, f.Late)
}

// Ideas implements survey.Service: anyone may see them, so that ideas are
// taken forward in the open.
func (s *SurveyService) Ideas(ctx context.Context, name string) (*event.Event, []*survey.Idea, error) {
	if _, err := guild.ActingUser(ctx); err != nil {
		return nil, nil, err
	}
	var ev *event.Event
	var out []*survey.Idea
	err := s.db.view(ctx, func(tx *Tx) error {
		var err error
		if ev, err = findEvent(ctx, tx, name); err != nil {
			return err
		}
		sv, err := findEventSurvey(ctx, tx, ev)
		if err != nil || sv == nil {
			return err
		}
		out, err = surveyIdeas(ctx, tx, sv.ID)
		return err
	})
	if err != nil {
		return nil, nil, storeErr("list ideas", err)
	}
	return ev, out, nil
}

// SetIdea implements survey.Service. The follow-ups still to come stay
// set: one that falls due when the idea is done or dropped sends nothing.
func (s *SurveyService) SetIdea(ctx context.Context, id int64, st survey.IdeaState) (*survey.Idea, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := survey.ParseIdeaState(string(st)); err != nil {
		return nil, err
	}
	var i *survey.Idea
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if i, err = findIdea(ctx, tx, id); err != nil {
			return err
		}
		if i == nil {
			return guild.Errorf(guild.ENOTFOUND, "There is no idea #%d. /idea list EVENT lists the ideas raised at an event.", id)
		}
		if err := i.CheckSet(me, st); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE ideas SET state = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
			string(st), formatTime(tx.now), me.ID, id); err != nil {
			return err
		}
		i.State, i.UpdatedAt, i.UpdatedBy = st, tx.now, me
		return nil
	})
	if err != nil {
		return nil, storeErr("set an idea's state", err)
	}
	return i, nil
}
