package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/survey"
)

// SurveyService implements survey.Service.
type SurveyService struct {
	db *DB
	// Compose renders the messages surveys send.
	Compose remind.Composer
}

var _ survey.Service = (*SurveyService)(nil)

// NewSurveyService returns a SurveyService on db; compose renders its
// messages.
func NewSurveyService(db *DB, compose remind.Composer) *SurveyService {
	return &SurveyService{db: db, Compose: compose}
}

// optUserColumns are a LEFT JOINed user's columns, with zero values when
// there is none; a is the table's alias. scanOptUser reads them. They are
// what a reply names and a message is delivered by (the platform, its id,
// the name, department, team and time zone), leaving out the role and
// when the user was first seen: results read thousands of them.
func optUserColumns(a string) string {
	return fmt.Sprintf(`coalesce(%[1]s.id, 0), coalesce(%[1]s.platform, ''), coalesce(%[1]s.platform_id, ''), coalesce(%[1]s.name, ''),
	coalesce(%[1]s.department, ''), coalesce(%[1]s.team, ''), coalesce(%[1]s.tz, '')`, a)
}

// optUser scans the optUserColumns; User returns nil when there was none.
type optUser struct{ u guild.User }

func (o *optUser) dest() []any {
	u := &o.u
	return []any{&u.ID, &u.Platform, &u.PlatformID, &u.Name, &u.Department, &u.Team, &u.TZ}
}

// User returns the scanned user, or nil.
func (o *optUser) User() *guild.User {
	if o.u.ID == 0 {
		return nil
	}
	u := o.u
	return &u
}

var surveySelect = `SELECT s.id, s.kind, coalesce(s.event_id, 0), coalesce(s.community_id, 0), coalesce(c.name, ''), s.round, s.state,
	s.anonymous, s.delay_s, s.remind_s, s.close_s, s.send_at, s.sent_at, s.remind_at, s.closes_at, s.closed_at, s.recipients,
	s.answers, s.created_at, ` + optUserColumns("u") + `
	FROM surveys s LEFT JOIN communities c ON c.id = s.community_id LEFT JOIN users u ON u.id = s.sent_by`

// scanSurvey scans a row of surveySelect; it leaves Event unset and
// returns the event's ID.
func scanSurvey(row scanner) (*survey.Survey, int64, error) {
	sv := &survey.Survey{}
	var eventID, delay, remindS, closeS int64
	var by optUser
	err := row.Scan(append([]any{&sv.ID, &sv.Kind, &eventID, &sv.CommunityID, &sv.Community, &sv.Round, &sv.State,
		&sv.Anonymous, &delay, &remindS, &closeS, timeCol{&sv.SendAt}, timeCol{&sv.SentAt}, timeCol{&sv.RemindAt},
		timeCol{&sv.ClosesAt}, timeCol{&sv.ClosedAt}, &sv.Recipients, &sv.Answers, timeCol{&sv.CreatedAt}}, by.dest()...)...)
	if err != nil {
		return nil, 0, err
	}
	sv.Delay, sv.RemindAfter, sv.CloseAfter = time.Duration(delay)*time.Second, time.Duration(remindS)*time.Second, time.Duration(closeS)*time.Second
	sv.SentBy = by.User()
	return sv, eventID, nil
}

// findEventSurvey returns the survey of ev, or nil when it has none.
func findEventSurvey(ctx context.Context, q querier, ev *event.Event) (*survey.Survey, error) {
	sv, _, err := scanSurvey(q.QueryRowContext(ctx, surveySelect+` WHERE s.event_id = ?`, ev.ID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find survey: %w", err)
	}
	sv.Event = ev
	return sv, nil
}

// findSurveyByID returns the survey id with its event, or nil when there
// is none.
func findSurveyByID(ctx context.Context, q querier, id int64) (*survey.Survey, error) {
	sv, eventID, err := scanSurvey(q.QueryRowContext(ctx, surveySelect+` WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find survey: %w", err)
	}
	if eventID != 0 {
		if sv.Event, err = scanEventWithCreator(q.QueryRowContext(ctx, eventSelect+` WHERE e.id = ?`, eventID)); err != nil {
			return nil, fmt.Errorf("sqlite: survey %d event: %w", id, err)
		}
	}
	return sv, nil
}

// surveyKey is the key of a survey's reminder of kind.
func surveyKey(kind string, id int64) string { return fmt.Sprintf("%s:%d", kind, id) }

// scheduleEventSurvey gives ev its survey, in tx, unless it has one: not
// anonymous, going out by itself when the event ends, with a fresh salt.
// It returns the survey. Creating an event may call it, so that every
// event's survey is scheduled from the start.
func scheduleEventSurvey(ctx context.Context, tx *Tx, ev *event.Event) (*survey.Survey, error) {
	sv, err := findEventSurvey(ctx, tx, ev)
	if sv != nil || err != nil {
		return sv, err
	}
	sv = survey.New(ev)
	res, err := tx.ExecContext(ctx, `INSERT INTO surveys (kind, event_id, state, anonymous, delay_s, remind_s, close_s, send_at, salt, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(sv.Kind), ev.ID, string(sv.State), sv.Anonymous, int64(sv.Delay/time.Second), int64(sv.RemindAfter/time.Second),
		int64(sv.CloseAfter/time.Second), formatTime(sv.SendAt), survey.NewSalt(), formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return nil, err
	}
	if sv.ID, err = res.LastInsertId(); err != nil {
		return nil, err
	}
	sv.CreatedAt = tx.now
	return sv, setSurveySend(ctx, tx, sv)
}

// setSurveySend sets the reminder that sends sv by itself at sv.SendAt; one
// whose time has passed fires at once.
func setSurveySend(ctx context.Context, tx *Tx, sv *survey.Survey) error {
	if sv.SendAt.IsZero() {
		return dropReminder(ctx, tx, surveyKey(kindSurveySend, sv.ID))
	}
	return setReminder(ctx, tx, &remind.Reminder{Key: surveyKey(kindSurveySend, sv.ID), Kind: kindSurveySend, Subject: sv.ID, NextDue: sv.SendAt})
}

// configure applies o to sv, which has not gone out, and stores it, in tx.
func configure(ctx context.Context, tx *Tx, sv *survey.Survey, o survey.Options) error {
	if err := o.Apply(sv); err != nil {
		return err
	}
	if o.Community != nil && sv.Community != "" {
		c, err := findCommunity(ctx, tx, sv.Community)
		if err != nil {
			return err
		}
		sv.CommunityID, sv.Community = c.ID, c.Name
	}
	var community any
	if sv.CommunityID != 0 {
		community = sv.CommunityID
	}
	_, err := tx.ExecContext(ctx, `UPDATE surveys SET community_id = ?, anonymous = ?, delay_s = ?, remind_s = ?, close_s = ?, send_at = ?, updated_at = ?
		WHERE id = ?`, community, sv.Anonymous, int64(sv.Delay/time.Second), int64(sv.RemindAfter/time.Second), int64(sv.CloseAfter/time.Second),
		formatTime(sv.SendAt), formatTime(tx.now), sv.ID)
	if err != nil {
		return err
	}
	return setSurveySend(ctx, tx, sv)
}

// Schedule implements survey.Service.
func (s *SurveyService) Schedule(ctx context.Context, name string, o survey.Options) (*survey.Survey, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "schedule surveys"); err != nil {
		return nil, err
	}
	var sv *survey.Survey
	err = s.db.update(ctx, func(tx *Tx) error {
		ev, err := findEvent(ctx, tx, name)
		if err != nil {
			return err
		}
		if sv, err = scheduleEventSurvey(ctx, tx, ev); err != nil {
			return err
		}
		if err := sv.CheckChange(me.Location()); err != nil {
			return err
		}
		return configure(ctx, tx, sv, o)
	})
	if err != nil {
		return nil, storeErr("schedule a survey", err)
	}
	return sv, nil
}

// Send implements survey.Service.
func (s *SurveyService) Send(ctx context.Context, name string, o survey.Options) (*survey.Survey, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "send surveys"); err != nil {
		return nil, err
	}
	var sv *survey.Survey
	err = s.db.update(ctx, func(tx *Tx) error {
		ev, err := findEvent(ctx, tx, name)
		if err != nil {
			return err
		}
		if sv, err = scheduleEventSurvey(ctx, tx, ev); err != nil {
			return err
		}
		if err := sv.CheckSend(me.Location()); err != nil {
			return err
		}
		if !o.IsZero() {
			if err := configure(ctx, tx, sv, o); err != nil {
				return err
			}
		}
		// Sent by hand, it no longer goes out by itself.
		if err := dropReminder(ctx, tx, surveyKey(kindSurveySend, sv.ID)); err != nil {
			return err
		}
		return sendSurvey(ctx, tx, s.Compose, sv, me, tx.now, false)
	})
	if err != nil {
		return nil, storeErr("send a survey", err)
	}
	return sv, nil
}

// Find implements survey.Service. It is ENOTFOUND for an event whose survey
// was never set up: nobody said they attend and no organiser scheduled it.
func (s *SurveyService) Find(ctx context.Context, name string) (*survey.Survey, error) {
	if _, err := guild.ActingUser(ctx); err != nil {
		return nil, err
	}
	var sv *survey.Survey
	err := s.db.view(ctx, func(tx *Tx) error {
		ev, err := findEvent(ctx, tx, name)
		if err != nil {
			return err
		}
		if sv, err = findEventSurvey(ctx, tx, ev); err != nil || sv != nil {
			return err
		}
		return guild.Errorf(guild.ENOTFOUND, "%s has no survey yet. It is set up when someone says they attend (/event attend %s) or an organiser schedules it (/survey schedule %s).",
			ev.Name, guild.QuoteArg(ev.Name), guild.QuoteArg(ev.Name))
	})
	if err != nil {
		return nil, storeErr("find a survey", err)
	}
	return sv, nil
}

// sendSurvey sends sv at now, in tx: its recipients are the event's
// attendees and the members of its community, if it names one; each is
// sent the request, and the reminder and the closing are set. by is the
// organiser who sent it, nil when it went by itself; late is true when it
// went late because guildhall was not running. It leaves the reminder that
// sends sv by itself alone: it must not delete the row of the reminder
// firing it, whose ID a new reminder could take.
func sendSurvey(ctx context.Context, tx *Tx, compose remind.Composer, sv *survey.Survey, by *guild.User, now time.Time, late bool) error {
	sv.Send(now, by)
	var eventID, byID any
	if sv.Event != nil {
		eventID = sv.Event.ID
	}
	if by != nil {
		byID = by.ID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO survey_recipients (survey_id, user_id)
		SELECT ?, user_id FROM (SELECT user_id FROM attendees WHERE event_id = ? UNION SELECT user_id FROM memberships WHERE community_id = ?)
		WHERE true ON CONFLICT DO NOTHING`, sv.ID, eventID, sv.CommunityID); err != nil {
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
	if err := setReminder(ctx, tx, &remind.Reminder{Key: surveyKey(kindSurveyRemind, sv.ID), Kind: kindSurveyRemind, Subject: sv.ID, NextDue: sv.RemindAt}); err != nil {
		return err
	}
	if err := setReminder(ctx, tx, &remind.Reminder{Key: surveyKey(kindSurveyClose, sv.ID), Kind: kindSurveyClose, Subject: sv.ID, NextDue: sv.ClosesAt}); err != nil {
		return err
	}
	if err := askRecipients(ctx, tx, compose, sv, survey.NoticeRequest, now, late); err != nil {
		return err
	}
	return announceSurvey(ctx, tx, compose, sv, by, now, late)
}

// announceSurvey posts in the event's channel, if it has one, that sv is
// open, with a button to answer it, in tx: so that people who did not say
// they attended can answer too, and nobody needs a direct message.
func announceSurvey(ctx context.Context, tx *Tx, compose remind.Composer, sv *survey.Survey, by *guild.User, now time.Time, late bool) error {
	ev := sv.Event
	if ev == nil || ev.Channel == "" {
		return nil
	}
	platform := ""
	switch {
	case by != nil:
		platform = by.Platform
	case ev.CreatedBy != nil:
		platform = ev.CreatedBy.Platform
	}
	talks, err := surveyTalks(ctx, tx, ev.ID, 0)
	if err != nil {
		return err
	}
	n := &survey.Notice{Kind: survey.NoticeOpen, Survey: sv, Talks: talks, Late: late, Now: now}
	body, err := compose(n.Template(), n)
	if err != nil {
		return fmt.Errorf("compose %s: %w", n.Template(), err)
	}
	return queue(ctx, tx, &remind.Message{Key: fmt.Sprintf("survey:%d:open:channel", sv.ID), Kind: n.Template(), Platform: platform,
		Channel: ev.Channel, Body: body, Actions: n.Actions(), DueAt: now, Late: late})
}

// askRecipients sends notice kind (a request or a reminder) to each of
// sv's recipients yet to answer, in tx.
func askRecipients(ctx context.Context, tx *Tx, compose remind.Composer, sv *survey.Survey, kind survey.NoticeKind, now time.Time, late bool) error {
	var talks []survey.Talk
	if sv.Event != nil {
		var err error
		if talks, err = surveyTalks(ctx, tx, sv.Event.ID, 0); err != nil {
			return err
		}
	}
	to, err := queryUsers(ctx, tx, `SELECT `+userColumns+` FROM survey_recipients r JOIN users u ON u.id = r.user_id
		WHERE r.survey_id = ? AND r.answered = 0 ORDER BY u.id`, sv.ID)
	if err != nil {
		return err
	}
	for _, u := range to {
		if err := notifyRecipient(ctx, tx, compose, sv, kind, u, talks, now, late); err != nil {
			return err
		}
	}
	return nil
}

// notifyRecipient queues notice kind of sv to u, in tx. Its key makes it
// once per recipient, however often it is queued.
func notifyRecipient(ctx context.Context, tx *Tx, compose remind.Composer, sv *survey.Survey, kind survey.NoticeKind, u *guild.User, talks []survey.Talk, now time.Time, late bool) error {
	n := &survey.Notice{Kind: kind, To: u, Survey: sv, Talks: talks, Late: late, Now: now}
	return queueNotice(ctx, tx, compose, fmt.Sprintf("survey:%d:%s:%d", sv.ID, kind, u.ID), n.Template(), u, n, late)
}

// lineUp returns the talks of the event eventID's line-up with only what
// an answer is checked against: their IDs, titles and speakers' IDs. It
// is lighter than surveyTalks, for every answer reads it.
func lineUp(ctx context.Context, q querier, eventID int64) ([]survey.Talk, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.title, ss.user_id FROM submissions s JOIN calls c ON c.id = s.call_id
		JOIN submission_speakers ss ON ss.submission_id = s.id
		WHERE c.event_id = ? AND s.state IN `+surveyTalkStates+` ORDER BY s.id, ss.position`, eventID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: line-up: %w", err)
	}
	defer rows.Close()
	var out []survey.Talk
	for rows.Next() {
		var id, user int64
		var title string
		if err := rows.Scan(&id, &title, &user); err != nil {
			return nil, fmt.Errorf("sqlite: line-up: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].ID != id {
			out = append(out, survey.Talk{ID: id, Title: title})
		}
		t := &out[len(out)-1]
		t.Speakers = append(t.Speakers, &guild.User{ID: user})
	}
	return out, rows.Err()
}

// surveyTalkStates are the states of the talks in an event's line-up.
const surveyTalkStates = `('accepted', 'offered', 'confirmed')`

// surveyTalks returns the talks of the event eventID's line-up and, when
// surveyID is not 0, any other talk of the event that survey's answers
// rated or named, by ID, with their speakers.
func surveyTalks(ctx context.Context, q querier, eventID, surveyID int64) ([]survey.Talk, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+submissionColumns+` FROM submissions s JOIN calls c ON c.id = s.call_id
		WHERE c.event_id = ? AND (s.state IN `+surveyTalkStates+`
			OR s.id IN (SELECT talk_id FROM survey_talk_ratings WHERE survey_id = ?)
			OR s.id IN (SELECT helped FROM survey_answers WHERE survey_id = ?))
		ORDER BY s.id`, eventID, surveyID, surveyID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: survey talks: %w", err)
	}
	var subs []*cfp.Submission
	for rows.Next() {
		sub, err := scanSubmission(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: survey talks: %w", err)
		}
		subs = append(subs, sub)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := loadSpeakers(ctx, q, subs); err != nil {
		return nil, err
	}
	out := make([]survey.Talk, len(subs))
	for i, sub := range subs {
		out[i] = survey.Talk{ID: sub.ID, Title: sub.Title, Format: sub.Format.Name, FirstTime: sub.FirstTime}
		for _, sp := range sub.Speakers {
			out[i].Speakers = append(out[i].Speakers, sp.User)
		}
	}
	return out, nil
}
