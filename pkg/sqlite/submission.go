package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

const submissionColumns = `s.id, s.call_id, c.name, s.title, s.abstract, s.format, s.minutes, s.first_time,
	s.state, s.notified, s.score_sum, s.review_count, s.created_at, s.updated_at,
	s.available, (SELECT count(*) FROM interest i WHERE i.submission_id = s.id), s.tags`

func scanSubmission(row scanner, extra ...any) (*cfp.Submission, error) {
	s := &cfp.Submission{}
	var available, tags string
	err := row.Scan(append([]any{&s.ID, &s.CallID, &s.CallName, &s.Title, &s.Abstract, &s.Format.Name, &s.Format.Minutes, &s.FirstTime,
		&s.State, &s.Notified, &s.ScoreSum, &s.Reviews, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt}, &available, &s.Interest, &tags}, extra...)...)
	if err == nil && available != "" {
		err = json.Unmarshal([]byte(available), &s.Available)
	}
	if err == nil && tags != "" {
		err = json.Unmarshal([]byte(tags), &s.Tags)
	}
	return s, err
}

// tagsText encodes a talk's tags for submissions.tags: a JSON array, or ""
// for none.
func tagsText(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return jsonList(tags)
}

// jsonList encodes values as a JSON array, so that a variable list is one
// parameter of a constant query: x IN (SELECT value FROM json_each(?)).
func jsonList[T any](vs []T) string {
	b, _ := json.Marshal(vs)
	return string(b)
}

// loadSpeakers fills in the speakers of subs, lead first.
func loadSpeakers(ctx context.Context, q querier, subs []*cfp.Submission) error {
	if len(subs) == 0 {
		return nil
	}
	byID := make(map[int64]*cfp.Submission, len(subs))
	ids := make([]int64, len(subs))
	for i, s := range subs {
		byID[s.ID], ids[i] = s, s.ID
		s.Speakers = s.Speakers[:0]
	}
	rows, err := q.QueryContext(ctx, `SELECT ss.submission_id, ss.position, ss.department, ss.team, `+userColumns+`
		FROM submission_speakers ss JOIN users u ON u.id = ss.user_id
		WHERE ss.submission_id IN (SELECT value FROM json_each(?)) ORDER BY ss.submission_id, ss.position`, jsonList(ids))
	if err != nil {
		return fmt.Errorf("sqlite: load speakers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var pos int
		sp := &cfp.Speaker{}
		if sp.User, err = scanUser(rowsAfter{rows, []any{&id, &pos, &sp.Department, &sp.Team}}); err != nil {
			return fmt.Errorf("sqlite: load speakers: %w", err)
		}
		sp.Lead = pos == 0
		byID[id].Speakers = append(byID[id].Speakers, sp)
	}
	return rows.Err()
}

// findSubmission returns a submission with its speakers, whoever asks.
func findSubmission(ctx context.Context, q querier, id int64) (*cfp.Submission, error) {
	s, err := scanSubmission(q.QueryRowContext(ctx, `SELECT `+submissionColumns+`
		FROM submissions s JOIN calls c ON c.id = s.call_id WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find submission: %w", err)
	}
	return s, loadSpeakers(ctx, q, []*cfp.Submission{s})
}

func notFound(id int64) error {
	return guild.Errorf(guild.ENOTFOUND, "There is no submission #%d that you can see. /cfp mine lists yours.", id)
}

// access says what a user may see of a call's submissions.
type access struct {
	// all: every submission, not only their own.
	all bool
	// reviewer: may review (organisers and named reviewers).
	reviewer bool
	// anonymous: speakers' names are hidden from this user.
	anonymous bool
}

func accessTo(ctx context.Context, q querier, c *cfp.Call, me *guild.User) (access, error) {
	rev, err := isReviewer(ctx, q, c.ID, me)
	if err != nil {
		return access{}, fmt.Errorf("sqlite: check reviewer: %w", err)
	}
	a := access{all: rev, reviewer: rev, anonymous: c.Anonymous && rev && !me.Organiser}
	if !a.all && c.Standing() {
		if a.all, err = isMember(ctx, q, c.CommunityID, me.ID); err != nil {
			return access{}, err
		}
	}
	return a, nil
}

// hide removes from s what u may not see yet: the speakers' names in an
// anonymised review, and a decision its speakers have not been told of,
// which reads as submitted to the speakers and to anyone who does not
// review, so that organisers may still change their minds.
func (a access) hide(s *cfp.Submission, u *guild.User) {
	speaks := s.HasSpeaker(u)
	if a.anonymous && !speaks {
		s.Speakers, s.Anonymous = nil, true
	}
	if (!a.reviewer || speaks) && s.State.Decided() && !s.Notified {
		s.State = cfp.Submitted
	}
}

// resolveSpeakers sets s.Speakers to the acting user and the co-speakers,
// as stored now, with their departments and teams.
func resolveSpeakers(ctx context.Context, tx *Tx, me *guild.User, co []*guild.User) ([]*cfp.Speaker, error) {
	lead, err := findUserByPlatformID(ctx, tx, me.Platform, me.PlatformID)
	if err != nil {
		return nil, err
	}
	if lead.Department == "" {
		return nil, guild.Errorf(guild.EINVALID, "Say which department you are in first, so organisers can balance the line-up: /profile department=NAME")
	}
	out := []*cfp.Speaker{{User: lead, Lead: true, Department: lead.Department, Team: lead.Team}}
	for _, u := range co {
		if u.ID == lead.ID {
			return nil, guild.FieldErrorf("cospeakers", "You are the lead speaker already; co-speakers are the others.")
		}
		var stored *guild.User
		if stored, err = findUserByPlatformID(ctx, tx, u.Platform, u.PlatformID); err != nil {
			return nil, err
		}
		out = append(out, &cfp.Speaker{User: stored, Department: stored.Department, Team: stored.Team})
	}
	return out, nil
}

func saveSpeakers(ctx context.Context, tx *Tx, id int64, speakers []*cfp.Speaker) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM submission_speakers WHERE submission_id = ?`, id); err != nil {
		return err
	}
	for i, sp := range speakers {
		if _, err := tx.ExecContext(ctx, `INSERT INTO submission_speakers (submission_id, user_id, position, department, team)
			VALUES (?, ?, ?, ?, ?)`, id, sp.User.ID, i, sp.Department, sp.Team); err != nil {
			return err
		}
	}
	return nil
}

func recordChange(ctx context.Context, tx *Tx, id int64, from cfp.State, a cfp.Action, to cfp.State, by *guild.User) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO submission_changes (submission_id, from_state, action, to_state, by_user_id, at)
		VALUES (?, ?, ?, ?, ?, ?)`, id, string(from), string(a), string(to), by.ID, formatTime(tx.now))
	return err
}

// Submit implements cfp.Service.
func (s *CallService) Submit(ctx context.Context, name string, sub *cfp.Submission) error {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return err
	}
	sub.Title = strings.Join(strings.Fields(sub.Title), " ")
	sub.Abstract = strings.TrimSpace(sub.Abstract)
	var co []*guild.User
	if len(sub.Speakers) > 1 {
		for _, sp := range sub.Speakers[1:] {
			co = append(co, sp.User)
		}
	}
	if len(co) > cfp.MaxCoSpeakers {
		return guild.FieldErrorf("cospeakers", "A talk may have at most %d co-speakers.", cfp.MaxCoSpeakers)
	}
	err = s.db.update(ctx, func(tx *Tx) error {
		c, err := findCall(ctx, tx, name)
		if err != nil {
			return err
		}
		if err := c.CheckOpen(tx.now, "submissions"); err != nil {
			return err
		}
		if c.Standing() {
			member, err := isMember(ctx, tx, c.CommunityID, me.ID)
			if err != nil {
				return err
			}
			if !member {
				return guild.Errorf(guild.EFORBIDDEN, "The standing call of %s is for its members: /community join %s", c.Name, guild.QuoteArg(c.Name))
			}
		}
		if sub.Format, err = c.Format(sub.Format.Name); err != nil {
			return err
		}
		if sub.Speakers, err = resolveSpeakers(ctx, tx, me, co); err != nil {
			return err
		}
		if err := sub.Validate(); err != nil {
			return err
		}
		var dup int64
		err = tx.QueryRowContext(ctx, `SELECT s.id FROM submissions s WHERE s.call_id = ? AND s.speaker_id = ? AND lower(s.title) = lower(?) AND s.state <> ?`,
			c.ID, me.ID, sub.Title, string(cfp.Withdrawn)).Scan(&dup)
		if err == nil {
			return guild.Errorf(guild.ECONFLICT, "You already submitted %q to %s as #%d; change it with /cfp edit #%d.", sub.Title, c.Name, dup, dup)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := formatTime(tx.now)
		res, err := tx.ExecContext(ctx, `INSERT INTO submissions (call_id, title, abstract, format, minutes, speaker_id, first_time, state, tags, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, sub.Title, sub.Abstract, sub.Format.Name, sub.Format.Minutes, me.ID, sub.FirstTime, string(cfp.Submitted), tagsText(sub.Tags), now, now)
		if err != nil {
			return err
		}
		if sub.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		sub.CallID, sub.CallName, sub.State, sub.CreatedAt, sub.UpdatedAt = c.ID, c.Name, cfp.Submitted, tx.now, tx.now
		if err := saveSpeakers(ctx, tx, sub.ID, sub.Speakers); err != nil {
			return err
		}
		return recordChange(ctx, tx, sub.ID, "", "submit", cfp.Submitted, me)
	})
	return storeErr("submit", err)
}

// UpdateSubmission implements cfp.Service.
func (s *CallService) UpdateSubmission(ctx context.Context, id int64, u cfp.Update) (*cfp.Submission, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if u.Empty() {
		return nil, guild.Errorf(guild.EINVALID, "Say what to change: title=, abstract=, format=, cospeakers=, first= or tags=.")
	}
	var sub *cfp.Submission
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if sub, err = findSubmission(ctx, tx, id); err != nil {
			return err
		}
		if !sub.HasSpeaker(me) {
			return notFoundOrForbidden(ctx, tx, sub, me, "Only its speakers may change #%d.")
		}
		c, err := findCallByID(ctx, tx, sub.CallID)
		if err != nil {
			return err
		}
		if err := c.CheckOpen(tx.now, "changes"); err != nil {
			return err
		}
		if sub.State != cfp.Submitted {
			return guild.Errorf(guild.ECONFLICT, "#%d is %s, so it can no longer be changed.", id, sub.State)
		}
		if u.Title != nil {
			sub.Title = strings.Join(strings.Fields(*u.Title), " ")
		}
		if u.Abstract != nil {
			sub.Abstract = strings.TrimSpace(*u.Abstract)
		}
		if u.Format != nil {
			if sub.Format, err = c.Format(*u.Format); err != nil {
				return err
			}
		}
		if u.FirstTime != nil {
			sub.FirstTime = *u.FirstTime
		}
		if u.Tags != nil {
			sub.Tags = *u.Tags
		}
		lead := sub.Lead()
		if me.ID != lead.ID && (u.CoSpeakers != nil || u.FirstTime != nil) {
			return guild.Errorf(guild.EFORBIDDEN, "Only the lead speaker %s may change the co-speakers or the first-time flag.", lead.Handle())
		}
		co := make([]*guild.User, 0, len(sub.Speakers))
		for _, sp := range sub.Speakers[1:] {
			co = append(co, sp.User)
		}
		if u.CoSpeakers != nil {
			co = *u.CoSpeakers
		}
		if len(co) > cfp.MaxCoSpeakers {
			return guild.FieldErrorf("cospeakers", "A talk may have at most %d co-speakers.", cfp.MaxCoSpeakers)
		}
		if sub.Speakers, err = resolveSpeakers(ctx, tx, lead, co); err != nil {
			return err
		}
		if err := sub.Validate(); err != nil {
			return err
		}
		sub.UpdatedAt = tx.now
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET title = ?, abstract = ?, format = ?, minutes = ?, first_time = ?, tags = ?, updated_at = ? WHERE id = ?`,
			sub.Title, sub.Abstract, sub.Format.Name, sub.Format.Minutes, sub.FirstTime, tagsText(sub.Tags), formatTime(tx.now), id); err != nil {
			return err
		}
		return saveSpeakers(ctx, tx, id, sub.Speakers)
	})
	return sub, storeErr("update submission", err)
}

// notFoundOrForbidden refuses me on sub: as not found when they may not
// see it, else with the forbidden message (formatted with sub's id).
func notFoundOrForbidden(ctx context.Context, q querier, sub *cfp.Submission, me *guild.User, forbidden string) error {
	c, err := findCallByID(ctx, q, sub.CallID)
	if err != nil {
		return err
	}
	a, err := accessTo(ctx, q, c, me)
	if err != nil {
		return err
	}
	if !a.all && !sub.HasSpeaker(me) {
		return notFound(sub.ID)
	}
	return guild.Errorf(guild.EFORBIDDEN, forbidden, sub.ID)
}

// FindSubmission implements cfp.Service.
func (s *CallService) FindSubmission(ctx context.Context, id int64) (*cfp.Submission, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	var sub *cfp.Submission
	err = s.db.view(ctx, func(tx *Tx) error {
		var err error
		if sub, err = findSubmission(ctx, tx, id); err != nil {
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
		if !a.all && !sub.HasSpeaker(me) {
			return notFound(id)
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT score FROM reviews WHERE submission_id = ? AND reviewer_id = ?), 0)`,
			id, me.ID).Scan(&sub.MyScore); err != nil {
			return err
		}
		if !a.reviewer || sub.HasSpeaker(me) {
			// Speakers and other members see feedback after the event, not scores.
			sub.Reviews, sub.ScoreSum = 0, 0
		}
		a.hide(sub, me)
		return nil
	})
	return sub, storeErr("find submission", err)
}

// FindSubmissions implements cfp.Service.
func (s *CallService) FindSubmissions(ctx context.Context, f cfp.Filter) ([]*cfp.Submission, int, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, 0, err
	}
	var out []*cfp.Submission
	var total int
	err = s.db.view(ctx, func(tx *Tx) error {
		states := f.States
		if len(states) == 0 {
			states = []cfp.State{cfp.Submitted, cfp.Accepted, cfp.Rejected, cfp.Backup, cfp.Offered, cfp.Confirmed, cfp.Declined}
		}
		var where []string
		var args []any
		var a access
		if f.Call != "" {
			c, err := findCall(ctx, tx, f.Call)
			if err != nil {
				return err
			}
			if a, err = accessTo(ctx, tx, c, me); err != nil {
				return err
			}
			where, args = append(where, "s.call_id = ?"), append(args, c.ID)
		}
		if f.Mine || !a.all {
			where, args = append(where, "s.id IN (SELECT submission_id FROM submission_speakers WHERE user_id = ?)"), append(args, me.ID)
		}
		// Speakers and members learn a decision when /cfp notify tells them:
		// until then it reads, and filters, as submitted.
		where = append(where, `(CASE WHEN ? AND s.notified = 0 AND s.state IN ('accepted', 'rejected', 'backup') THEN 'submitted' ELSE s.state END)
			IN (SELECT value FROM json_each(?))`)
		args = append(args, f.Mine || !a.reviewer, jsonList(states))
		order := `s.review_count = 0, CAST(s.score_sum AS REAL) / s.review_count DESC, s.review_count DESC, s.id`
		if f.ToReview {
			if !a.reviewer {
				return nil
			}
			where = append(where, "s.id NOT IN (SELECT submission_id FROM reviews WHERE reviewer_id = ?)",
				"s.id NOT IN (SELECT submission_id FROM submission_speakers WHERE user_id = ?)")
			args = append(args, me.ID, me.ID)
			order = `s.review_count, s.id`
		} else if f.Mine {
			order = `s.id DESC`
		}
		// The page's ids are chosen first on the narrow columns, so that
		// sorting two thousand submissions does not carry their abstracts.
		from := ` FROM submissions s WHERE ` + strings.Join(where, " AND ")
		rows, err := tx.QueryContext(ctx, `SELECT `+submissionColumns+`, coalesce(r.score, 0)
			FROM (SELECT s.id`+from+` ORDER BY `+order+` LIMIT ? OFFSET ?) p
			JOIN submissions s ON s.id = p.id JOIN calls c ON c.id = s.call_id
			LEFT JOIN reviews r ON r.submission_id = s.id AND r.reviewer_id = ?
			ORDER BY `+order, append(args, limitOrAll(f.Limit), max(0, f.Offset), me.ID)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var mine int
			sub, err := scanSubmission(rows, &mine)
			if err != nil {
				return err
			}
			sub.MyScore = mine
			out = append(out, sub)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		// A full page, or an empty one past the start, does not say how
		// many match: count them.
		total = max(0, f.Offset) + len(out)
		if (f.Limit > 0 && len(out) == f.Limit || f.Offset > 0 && len(out) == 0) && !f.ToReview {
			if err := tx.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total); err != nil {
				return err
			}
		}
		if err := loadSpeakers(ctx, tx, out); err != nil {
			return err
		}
		for _, sub := range out {
			a.hide(sub, me)
		}
		return nil
	})
	return out, total, storeErr("list submissions", err)
}

// Move implements cfp.Service.
func (s *CallService) Move(ctx context.Context, id int64, to string) (*cfp.Submission, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "move proposals"); err != nil {
		return nil, err
	}
	var sub *cfp.Submission
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if sub, err = findSubmission(ctx, tx, id); err != nil {
			return err
		}
		from, err := findCallByID(ctx, tx, sub.CallID)
		if err != nil {
			return err
		}
		if !from.Standing() {
			return guild.Errorf(guild.ECONFLICT, "#%d was submitted to %s; only proposals of a community's standing call are moved.", id, from.Name)
		}
		if _, err := cfp.Next(sub.State, cfp.MoveProposal, sub.Notified); err != nil {
			return err
		}
		c, err := findCall(ctx, tx, to)
		if err != nil {
			return err
		}
		if c.ID == from.ID {
			return guild.Errorf(guild.ECONFLICT, "#%d is already in %s.", id, c.Name)
		}
		if c.Standing() {
			return guild.FieldErrorf("EVENT", "%s's call is a community's standing call; proposals move to an event's call.", c.Name)
		}
		if err := c.CheckOpen(tx.now, "proposals"); err != nil {
			return err
		}
		f, err := c.Format(sub.Format.Name)
		if err != nil {
			return guild.FieldErrorf("EVENT", "%s does not offer the format of #%d (%s); it offers %s. Its speaker can change the format first.", c.Name, id, sub.Format.Name, cfp.FormatList(c.Formats))
		}
		sub.CallID, sub.CallName, sub.Format, sub.UpdatedAt = c.ID, c.Name, f, tx.now
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET call_id = ?, minutes = ?, updated_at = ? WHERE id = ?`,
			c.ID, f.Minutes, formatTime(tx.now), id); err != nil {
			return err
		}
		return recordChange(ctx, tx, id, sub.State, cfp.MoveProposal, sub.State, me)
	})
	return sub, storeErr("move submission", err)
}

// LineUp implements cfp.Service.
func (s *CallService) LineUp(ctx context.Context, name string) ([]int64, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	q := s.db.reader()
	c, err := findCall(ctx, q, name)
	if err != nil {
		return nil, storeErr("line-up", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT id FROM submissions WHERE call_id = ?
		AND (state IN ('offered', 'confirmed') OR (state = 'accepted' AND (notified = 1 OR ?))) ORDER BY id`, c.ID, me.Organiser)
	if err != nil {
		return nil, storeErr("line-up", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, storeErr("line-up", err)
		}
		out = append(out, id)
	}
	return out, storeErr("line-up", rows.Err())
}
