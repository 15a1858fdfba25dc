package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/guildhall/guildhall/pkg/remind"
)

// ReminderService implements remind.Reminders: it fires the reminders that
// are due, each in its own transaction with the messages it queues.
type ReminderService struct {
	db      *DB
	Compose remind.Composer
}

var _ remind.Reminders = (*ReminderService)(nil)

// NewReminderService returns a ReminderService on db; compose renders the
// reminders' messages.
func NewReminderService(db *DB, compose remind.Composer) *ReminderService {
	return &ReminderService{db: db, Compose: compose}
}

// The kinds of reminder.
const (
	kindMeeting          = "meeting"           // a community's next meeting
	kindMilestone        = "milestone"         // a talk's milestone falls due
	kindMilestoneOverdue = "milestone-overdue" // a milestone is past its grace
	kindConfirm          = "confirm"           // a speaker has not confirmed
	kindConfirmOverdue   = "confirm-overdue"   // the confirmation deadline nears
)

// The kinds of reminder of surveys and ideas; survey_remind.go and idea.go
// register what they fire.
const (
	kindSurveySend   = "survey-send"   // an event's survey goes out by itself
	kindSurveyRemind = "survey-remind" // its one reminder, to those yet to answer
	kindSurveyClose  = "survey-close"  // it stops taking answers
	kindIdeaFollowup = "idea-followup" // an idea's owner is asked how it went
)

// fireFunc queues the messages of one firing in tx; it returns false when
// the reminder has nothing more to do (the talk was confirmed, the
// milestone done), so it stops.
type fireFunc func(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (keep bool, err error)

var fireFuncs = map[string]fireFunc{}

// reminderColumns are read by scanReminder.
const reminderColumns = `id, key, kind, subject_id, detail, spec, tz, lead_s, next_due, occurrence, until, fired`

func scanReminder(s scanner) (*remind.Reminder, error) {
	r := &remind.Reminder{}
	var lead int64
	err := s.Scan(&r.ID, &r.Key, &r.Kind, &r.Subject, &r.Detail, &r.Spec, &r.TZ, &lead,
		timeCol{&r.NextDue}, timeCol{&r.Occurrence}, timeCol{&r.Until}, &r.Fired)
	r.Lead = time.Duration(lead) * time.Second
	return r, err
}

// setReminder stores r under its key, replacing any reminder with that
// key, due first at its next occurrence after tx.now (recurring) or at
// r.NextDue (one-shot).
func setReminder(ctx context.Context, tx *Tx, r *remind.Reminder) error {
	if err := r.Start(tx.now); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO reminders (key, kind, subject_id, detail, spec, tz, lead_s, next_due, occurrence, until, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, subject_id = excluded.subject_id, detail = excluded.detail,
			spec = excluded.spec, tz = excluded.tz, lead_s = excluded.lead_s, next_due = excluded.next_due,
			occurrence = excluded.occurrence, until = excluded.until, updated_at = excluded.updated_at`,
		r.Key, r.Kind, r.Subject, r.Detail, r.Spec, r.TZ, int64(r.Lead/time.Second), formatTime(r.NextDue),
		formatTime(r.Occurrence), formatTime(r.Until), formatTime(tx.now), formatTime(tx.now))
	return err
}

// dropReminder removes the reminder with key, if any.
func dropReminder(ctx context.Context, tx *Tx, key string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM reminders WHERE key = ?`, key)
	return err
}

// Fire implements remind.Reminders. Each reminder fires in its own
// transaction, together with the messages it queues and its next due time,
// so a crash never loses or repeats a firing. One that fails is left due
// and reported; the others still fire.
func (s *ReminderService) Fire(ctx context.Context, now time.Time) (int, error) {
	fired := 0
	var errs []error
	failed := map[int64]bool{}
	for {
		var ids []int64
		rows, err := s.db.reader().QueryContext(ctx, `SELECT id FROM reminders WHERE next_due <> '' AND next_due <= ? ORDER BY next_due, id LIMIT 256`, formatTime(now))
		if err != nil {
			return fired, storeErr("find due reminders", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fired, storeErr("find due reminders", err)
			}
			if !failed[id] {
				ids = append(ids, id)
			}
		}
		rows.Close()
		if len(ids) == 0 {
			break
		}
		for _, id := range ids {
			ok, err := s.fire(ctx, id, now)
			if err != nil {
				failed[id] = true
				errs = append(errs, err)
			} else if ok {
				fired++
			}
		}
	}
	return fired, errors.Join(errs...)
}

// fire fires the reminder id if it is still due at now (another runner may
// have fired it) and reports whether it did.
func (s *ReminderService) fire(ctx context.Context, id int64, now time.Time) (bool, error) {
	var did bool
	err := s.db.update(ctx, func(tx *Tx) error {
		r, err := scanReminder(tx.QueryRowContext(ctx, `SELECT `+reminderColumns+` FROM reminders WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil || !r.Due(now) {
			return err
		}
		f, ferr := r.Fire(now)
		keep := ferr == nil
		if fn := fireFuncs[r.Kind]; fn != nil && ferr == nil {
			if keep, err = fn(ctx, tx, s, f); err != nil {
				return fmt.Errorf("%s: %w", r.Key, err)
			}
		}
		if !keep {
			r.NextDue, r.Occurrence = time.Time{}, time.Time{}
		}
		// A reminder whose schedule no longer reads stops, and is not
		// counted as fired.
		did = ferr == nil
		_, err = tx.ExecContext(ctx, `UPDATE reminders SET next_due = ?, occurrence = ?, fired = ?, last_fired_at = ?, last_late = ?, updated_at = ? WHERE id = ?`,
			formatTime(r.NextDue), formatTime(r.Occurrence), r.Fired, formatTime(now), f.Late, formatTime(now), r.ID)
		return err
	})
	return did, storeErr("fire a reminder", err)
}

// NextDue implements remind.Reminders.
func (s *ReminderService) NextDue(ctx context.Context) (time.Time, bool, error) {
	var at time.Time
	err := s.db.reader().QueryRowContext(ctx, `SELECT coalesce(min(next_due), '') FROM reminders WHERE next_due <> ''`).Scan(timeCol{&at})
	if err != nil {
		return time.Time{}, false, storeErr("find the next reminder", err)
	}
	return at, !at.IsZero(), nil
}

// Find returns the reminder with key, for tests and inspection; nil when
// there is none.
func (s *ReminderService) Find(ctx context.Context, key string) (*remind.Reminder, error) {
	r, err := scanReminder(s.db.reader().QueryRowContext(ctx, `SELECT `+reminderColumns+` FROM reminders WHERE key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return r, storeErr("find a reminder", err)
}

// compose renders a message of kind for the outbox.
func (s *ReminderService) compose(kind string, data any) (string, error) {
	if s.Compose == nil {
		return "", errors.New("sqlite: ReminderService has no Compose")
	}
	body, err := s.Compose(kind, data)
	if err != nil {
		return "", fmt.Errorf("compose %s: %w", kind, err)
	}
	return body, nil
}
