package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/mentor"
	"github.com/guildhall/guildhall/pkg/remind"
)

// MentorService implements mentor.Service.
type MentorService struct {
	db *DB
	// Compose renders the messages mentoring sends.
	Compose remind.Composer
}

var _ mentor.Service = (*MentorService)(nil)

// NewMentorService returns a MentorService on db; compose renders its
// messages.
func NewMentorService(db *DB, compose remind.Composer) *MentorService {
	return &MentorService{db: db, Compose: compose}
}

func init() {
	fireFuncs[kindMilestone] = fireMilestone
	fireFuncs[kindMilestoneOverdue] = fireMilestoneOverdue
}

// preparing are the states of a talk that is being prepared.
var preparing = []cfp.State{cfp.Accepted, cfp.Offered, cfp.Confirmed}

func isPreparing(s cfp.State) bool {
	for _, p := range preparing {
		if s == p {
			return true
		}
	}
	return false
}

// eventOffsets returns the milestone offsets of the event id.
func eventOffsets(ctx context.Context, q querier, eventID int64) (mentor.Offsets, error) {
	var raw string
	if err := q.QueryRowContext(ctx, `SELECT mentor_offsets FROM events WHERE id = ?`, eventID).Scan(&raw); err != nil {
		return mentor.Offsets{}, err
	}
	if raw == "" {
		return mentor.DefaultOffsets, nil
	}
	o := mentor.DefaultOffsets
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		return mentor.Offsets{}, fmt.Errorf("event %d offsets: %w", eventID, err)
	}
	return o, nil
}

// startPlan gives an accepted talk of an event its milestones and their
// reminders, in tx, unless it has them already. A milestone that would
// fall due within a day of now (a talk accepted late) is due a day from
// now instead, so nobody is told off for what they could not have done.
func startPlan(ctx context.Context, tx *Tx, c *cfp.Call, sub *cfp.Submission) error {
	if c.Event == nil {
		return nil
	}
	o, err := eventOffsets(ctx, tx, c.Event.ID)
	if err != nil {
		return err
	}
	for _, m := range mentor.Plan(c.Event, sub.ID, o) {
		if earliest := tx.now.Add(24 * time.Hour); m.DueAt.Before(earliest) {
			m.DueAt = earliest
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO milestones (submission_id, kind, due_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			sub.ID, string(m.Kind), formatTime(m.DueAt))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		if err := setMilestoneReminders(ctx, tx, m, o); err != nil {
			return err
		}
	}
	return nil
}

// setMilestoneReminders sets the reminder before milestone m falls due and
// the escalation after its grace, in tx. A reminder whose time has passed
// fires at once.
func setMilestoneReminders(ctx context.Context, tx *Tx, m *mentor.Milestone, o mentor.Offsets) error {
	remindAt := m.RemindAt(o)
	if remindAt.Before(tx.now) {
		remindAt = tx.now
	}
	key := fmt.Sprintf("%d:%s", m.Submission, m.Kind)
	if err := setReminder(ctx, tx, &remind.Reminder{Key: "milestone:" + key, Kind: kindMilestone, Subject: m.Submission,
		Detail: string(m.Kind), NextDue: remindAt, Occurrence: m.DueAt}); err != nil {
		return err
	}
	return setReminder(ctx, tx, &remind.Reminder{Key: "milestone-overdue:" + key, Kind: kindMilestoneOverdue, Subject: m.Submission,
		Detail: string(m.Kind), NextDue: m.EscalateAt(o), Occurrence: m.DueAt})
}

// talkFor loads the preparation of submission id: the talk, its call and
// the event's offsets.
func talkFor(ctx context.Context, q querier, id int64) (*mentor.Talk, *cfp.Call, mentor.Offsets, error) {
	sub, err := findSubmission(ctx, q, id)
	if err != nil {
		return nil, nil, mentor.Offsets{}, err
	}
	c, err := findCallByID(ctx, q, sub.CallID)
	if err != nil {
		return nil, nil, mentor.Offsets{}, err
	}
	o := mentor.DefaultOffsets
	if c.Event != nil {
		if o, err = eventOffsets(ctx, q, c.Event.ID); err != nil {
			return nil, nil, o, err
		}
	}
	talks, err := loadTalks(ctx, q, c, []*cfp.Submission{sub})
	if err != nil {
		return nil, nil, o, err
	}
	return talks[0], c, o, nil
}

// loadTalks builds the preparation of subs, all of call c: speakers,
// mentor and milestones.
func loadTalks(ctx context.Context, q querier, c *cfp.Call, subs []*cfp.Submission) ([]*mentor.Talk, error) {
	if err := loadSpeakers(ctx, q, subs); err != nil {
		return nil, err
	}
	talks := make([]*mentor.Talk, len(subs))
	byID := make(map[int64]*mentor.Talk, len(subs))
	ids := make([]int64, len(subs))
	for i, s := range subs {
		t := &mentor.Talk{Submission: s.ID, Title: s.Title, Minutes: s.Format.Minutes, FirstTime: s.FirstTime, State: string(s.State), Event: c.Event}
		for _, sp := range s.Speakers {
			t.Speakers = append(t.Speakers, sp.User)
		}
		talks[i], byID[s.ID], ids[i] = t, t, s.ID
	}
	loc := time.UTC
	if c.Event != nil {
		loc = c.Event.Location()
	}
	rows, err := q.QueryContext(ctx, `SELECT m.submission_id, `+userColumns+` FROM mentorings m JOIN users u ON u.id = m.mentor_id
		WHERE m.submission_id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var sub int64
		u, err := scanUser(rowsAfter{rows, []any{&sub}})
		if err != nil {
			rows.Close()
			return nil, err
		}
		byID[sub].Mentor = u
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT m.submission_id, m.kind, m.due_at, m.done_at, m.minutes, m.escalated, coalesce(u.id, 0), coalesce(u.name, ''),
		coalesce(u.platform, ''), coalesce(u.platform_id, '')
		FROM milestones m LEFT JOIN users u ON u.id = m.done_by WHERE m.submission_id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		m := &mentor.Milestone{}
		by := &guild.User{}
		if err := rows.Scan(&m.Submission, &m.Kind, timeCol{&m.DueAt}, timeCol{&m.DoneAt}, &m.Minutes, &m.Escalated,
			&by.ID, &by.Name, &by.Platform, &by.PlatformID); err != nil {
			return nil, err
		}
		// Due times are kept in the event's zone, so that days counted from
		// them keep the wall clock across a clock change.
		m.DueAt = m.DueAt.In(loc)
		if by.ID != 0 {
			m.DoneBy = by
		}
		t := byID[m.Submission]
		t.Milestones = append(t.Milestones, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, t := range talks {
		sortMilestones(t.Milestones)
	}
	return talks, nil
}

func sortMilestones(ms []*mentor.Milestone) {
	order := map[mentor.Kind]int{}
	for i, k := range mentor.Kinds {
		order[k] = i
	}
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && order[ms[j].Kind] < order[ms[j-1].Kind]; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// isSpeakerOf reports whether u speaks in t.
func isSpeakerOf(t *mentor.Talk, u *guild.User) bool {
	for _, s := range t.Speakers {
		if s.ID == u.ID {
			return true
		}
	}
	return false
}

// notify queues mentoring notice n to n.To under key, in tx.
func (s *MentorService) notify(ctx context.Context, tx *Tx, key string, n *mentor.Notice) error {
	return queueNotice(ctx, tx, s.Compose, key, "mentor_notice_"+string(n.Kind), n.To, n, false)
}

// queueNotice renders data with the template kind and queues it for to
// under key, in tx, with the buttons data offers, if any.
func queueNotice(ctx context.Context, tx *Tx, compose remind.Composer, key, kind string, to *guild.User, data any, late bool) error {
	if compose == nil {
		return errors.New("sqlite: no Compose to write " + kind)
	}
	body, err := compose(kind, data)
	if err != nil {
		return fmt.Errorf("compose %s: %w", kind, err)
	}
	m := &remind.Message{Key: key, Kind: kind, To: to, Body: body, DueAt: tx.now, Late: late}
	if a, ok := data.(interface{ Actions() []guild.Action }); ok {
		m.Actions = a.Actions()
	}
	return queue(ctx, tx, m)
}

// Assign implements mentor.Service.
func (s *MentorService) Assign(ctx context.Context, id int64, to *guild.User) (*mentor.Mentoring, *mentor.Talk, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := organiserOnly(me, "assign mentors"); err != nil {
		return nil, nil, err
	}
	if to == nil || to.ID == 0 {
		return nil, nil, guild.FieldErrorf("@mentor", "Mention the mentor, such as /mentor assign #%d @sam.", id)
	}
	var m *mentor.Mentoring
	var t *mentor.Talk
	err = s.db.update(ctx, func(tx *Tx) error {
		var c *cfp.Call
		var o mentor.Offsets
		var err error
		if t, c, o, err = talkFor(ctx, tx, id); err != nil {
			return err
		}
		if c.Event == nil {
			return guild.Errorf(guild.ECONFLICT, "#%d is in %s's standing call, which has no event day to prepare for; mentors are for talks at an event.", id, c.Name)
		}
		if !isPreparing(cfp.State(t.State)) {
			return guild.Errorf(guild.ECONFLICT, "#%d is %s; mentors are for accepted talks (/cfp decide #%d accept).", id, t.State, id)
		}
		if isSpeakerOf(t, to) {
			return guild.FieldErrorf("@mentor", "%s speaks in #%d and cannot mentor it; choose someone who will listen to the dry run.", to.Handle(), id)
		}
		if t.Mentor != nil && t.Mentor.ID == to.ID {
			return guild.Errorf(guild.ECONFLICT, "%s already mentors #%d.", to.Handle(), id)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mentorings (submission_id, mentor_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (submission_id) DO UPDATE SET mentor_id = excluded.mentor_id, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at`,
			id, to.ID, me.ID, formatTime(tx.now)); err != nil {
			return err
		}
		t.Mentor = to
		m = &mentor.Mentoring{Submission: id, Mentor: to, AssignedBy: me, AssignedAt: tx.now}
		for _, u := range append([]*guild.User{to}, t.Speakers...) {
			n := &mentor.Notice{Kind: mentor.NoticeAssigned, To: u, Event: c.Event, Talk: t, Offsets: o, By: me, Now: tx.now}
			if err := s.notify(ctx, tx, fmt.Sprintf("mentor:%d:assigned:%d:%d", id, to.ID, u.ID), n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, storeErr("assign a mentor", err)
	}
	return m, t, nil
}

// Done implements mentor.Service.
func (s *MentorService) Done(ctx context.Context, id int64, k mentor.Kind, minutes int) (*mentor.Talk, *mentor.Milestone, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, nil, err
	}
	if minutes != 0 {
		if k != mentor.DryRun {
			return nil, nil, guild.FieldErrorf("minutes", "minutes= is how long the dry run took; leave it out for the %s.", k.Title())
		}
		if err := mentor.CheckMinutes(minutes); err != nil {
			return nil, nil, err
		}
	}
	var t *mentor.Talk
	var m *mentor.Milestone
	err = s.db.update(ctx, func(tx *Tx) error {
		var c *cfp.Call
		var o mentor.Offsets
		var err error
		if t, c, o, err = talkFor(ctx, tx, id); err != nil {
			return err
		}
		speaker, isMentor := isSpeakerOf(t, me), t.Mentor != nil && t.Mentor.ID == me.ID
		if !speaker && !isMentor && !me.Organiser {
			return guild.Errorf(guild.EFORBIDDEN, "Only the speakers of #%d, its mentor and organisers mark its milestones.", id)
		}
		if m = t.Milestone(k); m == nil {
			if c.Event == nil {
				return guild.Errorf(guild.ECONFLICT, "#%d is in a standing call with no event day, so it has no milestones.", id)
			}
			return guild.Errorf(guild.ECONFLICT, "#%d has no milestones yet: they start once its speakers are told it is accepted (/cfp notify).", id)
		}
		if !isPreparing(cfp.State(t.State)) {
			return guild.Errorf(guild.ECONFLICT, "#%d is %s, so its milestones are closed.", id, t.State)
		}
		if m.Done() && (k != mentor.DryRun || minutes == 0) {
			return guild.Errorf(guild.ECONFLICT, "The %s of #%d was marked done already, on %s.", k.Title(), id, m.DoneAt.In(me.Location()).Format("Mon 2 Jan"))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE milestones SET done_at = ?, done_by = ?, minutes = ? WHERE submission_id = ? AND kind = ?`,
			formatTime(tx.now), me.ID, minutes, id, string(k)); err != nil {
			return err
		}
		m.DoneAt, m.DoneBy, m.Minutes = tx.now, me, minutes
		key := fmt.Sprintf("%d:%s", id, k)
		if err := dropReminder(ctx, tx, "milestone:"+key); err != nil {
			return err
		}
		if err := dropReminder(ctx, tx, "milestone-overdue:"+key); err != nil {
			return err
		}
		// Whoever did not mark it hears of it: the mentor when a speaker
		// did, the speakers when the mentor or an organiser did.
		var tell []*guild.User
		if speaker && t.Mentor != nil {
			tell = append(tell, t.Mentor)
		} else if !speaker {
			tell = t.Speakers
		}
		for _, u := range tell {
			n := &mentor.Notice{Kind: mentor.NoticeDone, To: u, Event: c.Event, Talk: t, Milestone: m, Offsets: o, By: me, Now: tx.now}
			if err := s.notify(ctx, tx, fmt.Sprintf("mentor:%d:%s:done:%s:%d", id, k, formatTime(tx.now), u.ID), n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, storeErr("mark a milestone done", err)
	}
	return t, m, nil
}

// Status implements mentor.Service: organisers see every talk; anyone
// else the talks they speak in or mentor.
func (s *MentorService) Status(ctx context.Context, name string) (*event.Event, []*mentor.Talk, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, nil, err
	}
	var ev *event.Event
	var out []*mentor.Talk
	err = s.db.view(ctx, func(tx *Tx) error {
		var err error
		if ev, err = findEvent(ctx, tx, name); err != nil {
			return err
		}
		var callID int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM calls WHERE event_id = ?`, ev.ID).Scan(&callID)
		if errors.Is(err, sql.ErrNoRows) {
			return guild.Errorf(guild.ENOTFOUND, "%s has no call for proposals yet, so no talks to prepare. An organiser opens one with /cfp open %s.", ev.Name, guild.QuoteArg(ev.Name))
		}
		if err != nil {
			return err
		}
		c, err := findCallByID(ctx, tx, callID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+submissionColumns+` FROM submissions s JOIN calls c ON c.id = s.call_id
			WHERE s.call_id = ? AND s.state IN (SELECT value FROM json_each(?)) ORDER BY s.id`, callID, jsonList(preparing))
		if err != nil {
			return err
		}
		var subs []*cfp.Submission
		for rows.Next() {
			sub, err := scanSubmission(rows)
			if err != nil {
				rows.Close()
				return err
			}
			subs = append(subs, sub)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		talks, err := loadTalks(ctx, tx, c, subs)
		if err != nil {
			return err
		}
		for _, t := range talks {
			if me.Organiser || isSpeakerOf(t, me) || (t.Mentor != nil && t.Mentor.ID == me.ID) {
				out = append(out, t)
			}
		}
		if !me.Organiser && len(out) == 0 {
			return guild.Errorf(guild.EFORBIDDEN, "You neither speak at nor mentor a talk at %s; organisers see every talk's preparation.", ev.Name)
		}
		return nil
	})
	if err != nil {
		return nil, nil, storeErr("mentoring status", err)
	}
	return ev, out, nil
}

// SetOffsets implements mentor.Service. Milestones not yet done move to
// the new offsets, and so do their reminders.
func (s *MentorService) SetOffsets(ctx context.Context, name string, opts map[string]string) (*event.Event, mentor.Offsets, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, mentor.Offsets{}, err
	}
	if err := organiserOnly(me, "change when milestones fall due"); err != nil {
		return nil, mentor.Offsets{}, err
	}
	var ev *event.Event
	var o mentor.Offsets
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if ev, err = findEvent(ctx, tx, name); err != nil {
			return err
		}
		if o, err = eventOffsets(ctx, tx, ev.ID); err != nil {
			return err
		}
		if o, err = o.With(opts); err != nil {
			return err
		}
		raw, _ := json.Marshal(o)
		if _, err := tx.ExecContext(ctx, `UPDATE events SET mentor_offsets = ?, updated_at = ? WHERE id = ?`, string(raw), formatTime(tx.now), ev.ID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT m.submission_id, m.kind FROM milestones m JOIN submissions s ON s.id = m.submission_id
			JOIN calls c ON c.id = s.call_id WHERE c.event_id = ? AND m.done_at = ''`, ev.ID)
		if err != nil {
			return err
		}
		var open []*mentor.Milestone
		for rows.Next() {
			m := &mentor.Milestone{}
			if err := rows.Scan(&m.Submission, &m.Kind); err != nil {
				rows.Close()
				return err
			}
			open = append(open, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, m := range open {
			m.DueAt = mentor.DueAt(ev, m.Kind, o)
			if _, err := tx.ExecContext(ctx, `UPDATE milestones SET due_at = ?, escalated = 0 WHERE submission_id = ? AND kind = ?`,
				formatTime(m.DueAt), m.Submission, string(m.Kind)); err != nil {
				return err
			}
			if err := setMilestoneReminders(ctx, tx, m, o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, mentor.Offsets{}, storeErr("set milestone offsets", err)
	}
	return ev, o, nil
}

// milestoneFiring loads what a milestone reminder is about; ok is false
// when there is nothing more to do: the talk is no longer being prepared,
// or the milestone is done or has moved (its reminder was set again).
func milestoneFiring(ctx context.Context, tx *Tx, f remind.Firing) (t *mentor.Talk, c *cfp.Call, m *mentor.Milestone, o mentor.Offsets, ok bool, err error) {
	t, c, o, err = talkFor(ctx, tx, f.Reminder.Subject)
	if guild.ErrorCode(err) == guild.ENOTFOUND {
		return nil, nil, nil, o, false, nil
	}
	if err != nil {
		return nil, nil, nil, o, false, err
	}
	m = t.Milestone(mentor.Kind(f.Reminder.Detail))
	if m == nil || m.Done() || c.Event == nil || !isPreparing(cfp.State(t.State)) {
		return nil, nil, nil, o, false, nil
	}
	return t, c, m, o, true, nil
}

// fireMilestone reminds the speakers and the mentor of a milestone coming
// up.
func fireMilestone(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	t, c, m, o, ok, err := milestoneFiring(ctx, tx, f)
	if !ok || err != nil {
		return false, err
	}
	to := t.Speakers
	if t.Mentor != nil {
		to = append(append([]*guild.User{}, to...), t.Mentor)
	}
	for _, u := range to {
		n := &mentor.Notice{Kind: mentor.NoticeDue, To: u, Event: c.Event, Talk: t, Milestone: m, Offsets: o, Late: f.Late, Now: f.Now}
		key := fmt.Sprintf("milestone:%d:%s:%d:%d", t.Submission, m.Kind, m.DueAt.Unix(), u.ID)
		if err := queueNotice(ctx, tx, s.Compose, key, "mentor_notice_due", u, n, f.Late); err != nil {
			return false, err
		}
	}
	return false, nil
}

// fireMilestoneOverdue tells the organisers of a milestone past its grace.
func fireMilestoneOverdue(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	t, c, m, o, ok, err := milestoneFiring(ctx, tx, f)
	if !ok || err != nil {
		return false, err
	}
	orgs, err := organisersOr(ctx, tx, c.Event.CreatedBy)
	if err != nil {
		return false, err
	}
	for _, u := range orgs {
		n := &mentor.Notice{Kind: mentor.NoticeOverdue, To: u, Event: c.Event, Talk: t, Milestone: m, Offsets: o, Late: f.Late, Now: f.Now}
		key := fmt.Sprintf("milestone-overdue:%d:%s:%d:%d", t.Submission, m.Kind, m.DueAt.Unix(), u.ID)
		if err := queueNotice(ctx, tx, s.Compose, key, "mentor_notice_overdue", u, n, f.Late); err != nil {
			return false, err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE milestones SET escalated = 1 WHERE submission_id = ? AND kind = ?`, t.Submission, string(m.Kind))
	return false, err
}

// organisersOr returns the organisers, or fallback when none has used
// guildhall yet.
func organisersOr(ctx context.Context, tx *Tx, fallback *guild.User) ([]*guild.User, error) {
	orgs, err := organiserUsers(ctx, tx)
	if err != nil || len(orgs) > 0 || fallback == nil {
		return orgs, err
	}
	return []*guild.User{fallback}, nil
}

// Offsets implements mentor.Service.
func (s *MentorService) Offsets(ctx context.Context, name string) (mentor.Offsets, error) {
	var o mentor.Offsets
	err := s.db.view(ctx, func(tx *Tx) error {
		ev, err := findEvent(ctx, tx, name)
		if err != nil {
			return err
		}
		o, err = eventOffsets(ctx, tx, ev.ID)
		return err
	})
	return o, storeErr("milestone offsets", err)
}

// Mine implements mentor.Service.
func (s *MentorService) Mine(ctx context.Context) ([]*mentor.Talk, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	var out []*mentor.Talk
	err = s.db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+submissionColumns+` FROM submissions s JOIN calls c ON c.id = s.call_id
			JOIN events e ON e.id = c.event_id
			WHERE s.state IN (SELECT value FROM json_each(?))
			AND (s.id IN (SELECT submission_id FROM submission_speakers WHERE user_id = ?)
				OR s.id IN (SELECT submission_id FROM mentorings WHERE mentor_id = ?))
			ORDER BY e.day, s.id LIMIT 50`, jsonList(preparing), me.ID, me.ID)
		if err != nil {
			return err
		}
		var subs []*cfp.Submission
		for rows.Next() {
			sub, err := scanSubmission(rows)
			if err != nil {
				rows.Close()
				return err
			}
			subs = append(subs, sub)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, sub := range subs {
			c, err := findCallByID(ctx, tx, sub.CallID)
			if err != nil {
				return err
			}
			talks, err := loadTalks(ctx, tx, c, []*cfp.Submission{sub})
			if err != nil {
				return err
			}
			out = append(out, talks...)
		}
		return nil
	})
	return out, storeErr("my talks", err)
}
