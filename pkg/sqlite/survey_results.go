package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// surveyRows reads what sv's results are computed from. With every, it
// reads every answer's talk ratings and the idea each answer raised, as the
// export needs; without, it has SQLite count the ratings and reads only
// the comments, which is what results need, and far less.
func surveyRows(ctx context.Context, q querier, sv *survey.Survey, every bool) (survey.Rows, error) {
	in := survey.Rows{Survey: sv}
	var err error
	if sv.Event != nil {
		if in.Talks, err = surveyTalks(ctx, q, sv.Event.ID, sv.ID); err != nil {
			return in, err
		}
	}
	if every {
		if in.Responses, err = surveyResponses(ctx, q, sv); err == nil {
			in.Ratings, err = surveyRatings(ctx, q, sv.ID, "")
		}
	} else if in.Responses, err = surveyQuotes(ctx, q, sv); err == nil {
		if in.Counts, err = surveyCounts(ctx, q, sv.ID); err == nil {
			in.Ratings, err = surveyRatings(ctx, q, sv.ID, " AND comment <> ''")
		}
	}
	if err != nil {
		return in, err
	}
	if in.Releases, err = surveyReleases(ctx, q, sv.ID); err != nil {
		return in, err
	}
	if every {
		in.Ideas, err = surveyIdeas(ctx, q, sv.ID)
	} else {
		in.Ideas, err = surveyIdeaList(ctx, q, sv)
	}
	return in, err
}

// surveyResponses reads sv's answers, in the order they were first given,
// whole: when each was given, by whom, and the idea it raised.
func surveyResponses(ctx context.Context, q querier, sv *survey.Survey) ([]survey.Response, error) {
	out := make([]survey.Response, 0, sv.Answers)
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.rating, a.different, a.helped, coalesce(i.text, ''), a.answered_at, `+optUserColumns("u")+`
		FROM survey_answers a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN ideas i ON i.answer_id = a.id
		WHERE a.survey_id = ? ORDER BY a.id`, sv.ID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: survey answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r survey.Response
		var by optUser
		if err := rows.Scan(append([]any{&r.ID, &r.Rating, &r.Different, &r.Helped, &r.Idea, timeCol{&r.At}}, by.dest()...)...); err != nil {
			return nil, fmt.Errorf("sqlite: survey answers: %w", err)
		}
		r.By = by.User()
		out = append(out, r)
	}
	return out, rows.Err()
}

// surveyQuotes reads sv's answers as results use them, in the order they
// were first given: the ratings, the talk that helped most, and what
// each will do differently, signed with the name and department of who
// said it. It reads a third of what surveyResponses does.
func surveyQuotes(ctx context.Context, q querier, sv *survey.Survey) ([]survey.Response, error) {
	out := make([]survey.Response, 0, sv.Answers)
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.rating, a.different, a.helped, coalesce(u.id, 0), coalesce(u.name, ''), coalesce(u.department, '')
		FROM survey_answers a LEFT JOIN users u ON u.id = a.user_id WHERE a.survey_id = ? ORDER BY a.id`, sv.ID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: survey answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r survey.Response
		var u guild.User
		if err := rows.Scan(&r.ID, &r.Rating, &r.Different, &r.Helped, &u.ID, &u.Name, &u.Department); err != nil {
			return nil, fmt.Errorf("sqlite: survey answers: %w", err)
		}
		if u.ID != 0 {
			r.By = &u
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// surveyIdeaList reads the ideas raised in sv as results list them, oldest
// first: each with its text, state and owner's name and department.
func surveyIdeaList(ctx context.Context, q querier, sv *survey.Survey) ([]*survey.Idea, error) {
	rows, err := q.QueryContext(ctx, `SELECT i.id, i.text, i.state, coalesce(o.id, 0), coalesce(o.name, ''), coalesce(o.department, '')
		FROM ideas i LEFT JOIN users o ON o.id = i.owner_id WHERE i.survey_id = ? ORDER BY i.id`, sv.ID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: list ideas: %w", err)
	}
	defer rows.Close()
	var out []*survey.Idea
	for rows.Next() {
		i := &survey.Idea{SurveyID: sv.ID, Event: sv.Name()}
		var u guild.User
		if err := rows.Scan(&i.ID, &i.Text, &i.State, &u.ID, &u.Name, &u.Department); err != nil {
			return nil, fmt.Errorf("sqlite: list ideas: %w", err)
		}
		if u.ID != 0 {
			i.Owner = &u
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// surveyRatings reads the talk ratings and comments of survey id that
// match the condition where.
func surveyRatings(ctx context.Context, q querier, id int64, where string) ([]survey.TalkRating, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, answer_id, talk_id, rating, comment, hidden FROM survey_talk_ratings WHERE survey_id = ?`+where+` ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: talk ratings: %w", err)
	}
	defer rows.Close()
	var out []survey.TalkRating
	for rows.Next() {
		var r survey.TalkRating
		if err := rows.Scan(&r.ID, &r.Response, &r.Talk, &r.Rating, &r.Comment, &r.Hidden); err != nil {
			return nil, fmt.Errorf("sqlite: talk ratings: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// surveyCounts counts how often survey id's answers gave each talk each
// rating, in the covering index.
func surveyCounts(ctx context.Context, q querier, id int64) ([]survey.TalkCount, error) {
	rows, err := q.QueryContext(ctx, `SELECT talk_id, rating, count(*) FROM survey_talk_ratings WHERE survey_id = ? AND rating > 0 GROUP BY talk_id, rating`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: count talk ratings: %w", err)
	}
	defer rows.Close()
	out := []survey.TalkCount{}
	for rows.Next() {
		var c survey.TalkCount
		if err := rows.Scan(&c.Talk, &c.Rating, &c.N); err != nil {
			return nil, fmt.Errorf("sqlite: count talk ratings: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// surveyReleases reads which talks' feedback survey id released.
func surveyReleases(ctx context.Context, q querier, id int64) ([]survey.Release, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.talk_id, r.released_at, `+userColumns+` FROM survey_releases r JOIN users u ON u.id = r.released_by
		WHERE r.survey_id = ? ORDER BY r.talk_id`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: releases: %w", err)
	}
	defer rows.Close()
	var out []survey.Release
	for rows.Next() {
		var r survey.Release
		if r.By, err = scanUser(rowsAfter{rows, []any{&r.Talk, timeCol{&r.At}}}); err != nil {
			return nil, fmt.Errorf("sqlite: releases: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// sentSurvey returns the survey of the event called name, refusing one that
// has not gone out: there is nothing to read in it yet.
func sentSurvey(ctx context.Context, q querier, name string, me *guild.User) (*event.Event, *survey.Survey, error) {
	ev, err := findEvent(ctx, q, name)
	if err != nil {
		return nil, nil, err
	}
	sv, err := findEventSurvey(ctx, q, ev)
	if err != nil {
		return nil, nil, err
	}
	if sv == nil {
		return nil, nil, guild.Errorf(guild.ECONFLICT, "The survey of %s has not gone out yet, so there is nothing to read in it.", ev.Name)
	}
	if !sv.Sent() {
		return nil, nil, guild.Errorf(guild.ECONFLICT, "The survey of %s has not gone out yet, so there is nothing to read in it; it goes out on %s.",
			ev.Name, sv.SendAt.In(me.Location()).Format("Mon 2 Jan 2006, 15:04 MST"))
	}
	return ev, sv, nil
}

// Results implements survey.Service.
func (s *SurveyService) Results(ctx context.Context, name string) (*survey.Results, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "see a survey's results; each speaker gets the feedback on their talk once an organiser releases it"); err != nil {
		return nil, err
	}
	var res *survey.Results
	err = s.db.view(ctx, func(tx *Tx) error {
		_, sv, err := sentSurvey(ctx, tx, name, me)
		if err != nil {
			return err
		}
		in, err := surveyRows(ctx, tx, sv, false)
		if err != nil {
			return err
		}
		res = survey.Compute(in)
		return nil
	})
	if err != nil {
		return nil, storeErr("survey results", err)
	}
	return res, nil
}

// Export implements survey.Service.
func (s *SurveyService) Export(ctx context.Context, name string) (survey.Rows, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return survey.Rows{}, err
	}
	if err := organiserOnly(me, "export a survey's answers"); err != nil {
		return survey.Rows{}, err
	}
	var in survey.Rows
	err = s.db.view(ctx, func(tx *Tx) error {
		_, sv, err := sentSurvey(ctx, tx, name, me)
		if err != nil {
			return err
		}
		in, err = surveyRows(ctx, tx, sv, true)
		return err
	})
	if err != nil {
		return survey.Rows{}, storeErr("export a survey", err)
	}
	return in, nil
}

// Release implements survey.Service. Each speaker is sent the talk's
// feedback as it stands, without hidden comments; later answers reach them
// through Feedback.
func (s *SurveyService) Release(ctx context.Context, name string, talk int64) ([]*survey.TalkFeedback, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "release feedback to speakers"); err != nil {
		return nil, err
	}
	var out []*survey.TalkFeedback
	err = s.db.update(ctx, func(tx *Tx) error {
		ev, sv, err := sentSurvey(ctx, tx, name, me)
		if err != nil {
			return err
		}
		in, err := surveyRows(ctx, tx, sv, false)
		if err != nil {
			return err
		}
		res := survey.Compute(in)
		if talk != 0 {
			f := res.Talk(talk)
			if f == nil || len(f.Talk.Speakers) == 0 {
				return guild.FieldErrorf("talk", "#%d is not a talk at %s; /survey results %s lists its talks.", talk, ev.Name, guild.QuoteArg(ev.Name))
			}
			if f.Released {
				return guild.Errorf(guild.ECONFLICT, "The feedback on #%d went to its speakers already, on %s, released by %s.",
					talk, f.ReleasedAt.In(me.Location()).Format("Mon 2 Jan 2006, 15:04 MST"), f.ReleasedBy.Handle())
			}
			out = []*survey.TalkFeedback{f}
		} else {
			for _, f := range res.Talks {
				if !f.Released && len(f.Talk.Speakers) > 0 {
					out = append(out, f)
				}
			}
			if len(out) == 0 {
				return guild.Errorf(guild.ECONFLICT, "The feedback on every talk at %s went to its speakers already.", ev.Name)
			}
		}
		for _, f := range out {
			if _, err := tx.ExecContext(ctx, `INSERT INTO survey_releases (survey_id, talk_id, released_by, released_at) VALUES (?, ?, ?, ?)`,
				sv.ID, f.Talk.ID, me.ID, formatTime(tx.now)); err != nil {
				return err
			}
			f.Released, f.ReleasedAt, f.ReleasedBy = true, tx.now, me
			for i := range f.Comments {
				f.Comments[i].Released = true
			}
			fs := f.ForSpeaker()
			for _, u := range f.Talk.Speakers {
				n := &survey.Notice{Kind: survey.NoticeFeedback, To: u, Survey: sv, Feedback: fs, Now: tx.now}
				key := fmt.Sprintf("survey:%d:feedback:%d:%d", sv.ID, f.Talk.ID, u.ID)
				if err := queueNotice(ctx, tx, s.Compose, key, n.Template(), u, n, false); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, storeErr("release feedback", err)
	}
	return out, nil
}

// Hide implements survey.Service.
func (s *SurveyService) Hide(ctx context.Context, id int64, hide bool) (*survey.Comment, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "hide or show comments"); err != nil {
		return nil, err
	}
	c := &survey.Comment{ID: id}
	err = s.db.update(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT r.talk_id, r.comment, r.hidden,
			EXISTS (SELECT 1 FROM survey_releases x WHERE x.survey_id = r.survey_id AND x.talk_id = r.talk_id)
			FROM survey_talk_ratings r WHERE r.id = ? AND r.comment <> ''`, id).Scan(&c.Talk, &c.Text, &c.Hidden, &c.Released)
		if errors.Is(err, sql.ErrNoRows) {
			return guild.Errorf(guild.ENOTFOUND, "There is no comment #c%d. /survey results EVENT lists each talk's comments with their numbers.", id)
		}
		if err != nil {
			return err
		}
		if c.Hidden == hide {
			if hide {
				return guild.Errorf(guild.ECONFLICT, "Comment #c%d is hidden already.", id)
			}
			return guild.Errorf(guild.ECONFLICT, "Comment #c%d is not hidden.", id)
		}
		c.Hidden = hide
		_, err = tx.ExecContext(ctx, `UPDATE survey_talk_ratings SET hidden = ? WHERE id = ?`, hide, id)
		return err
	})
	if err != nil {
		return nil, storeErr("hide a comment", err)
	}
	return c, nil
}

// Feedback implements survey.Service.
func (s *SurveyService) Feedback(ctx context.Context, name string) ([]*survey.TalkFeedback, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	var out []*survey.TalkFeedback
	err = s.db.view(ctx, func(tx *Tx) error {
		ev, err := findEvent(ctx, tx, name)
		if err != nil {
			return err
		}
		talks, err := surveyTalks(ctx, tx, ev.ID, 0)
		if err != nil {
			return err
		}
		mine := false
		for i := range talks {
			mine = mine || talks[i].HasSpeaker(me)
		}
		if !mine {
			return guild.Errorf(guild.ENOTFOUND, "You have no talk at %s, so there is no feedback for you there.", ev.Name)
		}
		_, sv, err := sentSurvey(ctx, tx, name, me)
		if err != nil {
			return err
		}
		in, err := surveyRows(ctx, tx, sv, false)
		if err != nil {
			return err
		}
		for _, f := range survey.Compute(in).Talks {
			if f.Released && f.Talk.HasSpeaker(me) {
				out = append(out, f.ForSpeaker())
			}
		}
		if len(out) == 0 {
			return guild.Errorf(guild.ECONFLICT, "The feedback on your talk at %s has not been released yet: an organiser reads it first, then sends it to you.", ev.Name)
		}
		return nil
	})
	if err != nil {
		return nil, storeErr("talk feedback", err)
	}
	return out, nil
}
