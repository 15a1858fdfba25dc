package sqlite

import (
	"context"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// Attend implements survey.Service. Saying so is refused once the survey
// closed, or, for an event whose survey was never set up, a survey's
// default open time after the event ended.
func (s *SurveyService) Attend(ctx context.Context, name string) (*survey.Attendance, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	var at *survey.Attendance
	err = s.db.update(ctx, func(tx *Tx) error {
		ev, err := findEvent(ctx, tx, name)
		if err != nil {
			return err
		}
		sv, err := findEventSurvey(ctx, tx, ev)
		if err != nil {
			return err
		}
		loc := me.Location()
		switch {
		case sv == nil && !tx.now.Before(ev.EndsAt().Add(survey.DefaultCloseAfter)):
			return guild.Errorf(guild.ECONFLICT, "%s ended on %s; it is too late to say you attended.", ev.Name, ev.EndsAt().In(loc).Format("Mon 2 Jan 2006"))
		case sv == nil:
			if sv, err = scheduleEventSurvey(ctx, tx, ev); err != nil {
				return err
			}
		case sv.StateAt(tx.now) == survey.Closed:
			return guild.Errorf(guild.ECONFLICT, "The survey of %s closed on %s; it is too late to say you attended.",
				ev.Name, sv.ClosesAt.In(loc).Format("Mon 2 Jan 2006, 15:04 MST"))
		}
		at = &survey.Attendance{Event: ev, User: me, Survey: sv}
		res, err := tx.ExecContext(ctx, `INSERT INTO attendees (event_id, user_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			ev.ID, me.ID, formatTime(tx.now))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		at.Already = n == 0
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM attendees WHERE event_id = ?`, ev.ID).Scan(&at.Attendees); err != nil {
			return err
		}
		if at.Already || sv.StateAt(tx.now) != survey.Open {
			return nil
		}
		// The survey is out: the new attendee gets it now.
		res, err = tx.ExecContext(ctx, `INSERT INTO survey_recipients (survey_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, sv.ID, me.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		sv.Recipients++
		if _, err := tx.ExecContext(ctx, `UPDATE surveys SET recipients = recipients + 1 WHERE id = ?`, sv.ID); err != nil {
			return err
		}
		talks, err := surveyTalks(ctx, tx, ev.ID, 0)
		if err != nil {
			return err
		}
		at.Sent = true
		return notifyRecipient(ctx, tx, s.Compose, sv, survey.NoticeRequest, me, talks, tx.now, false)
	})
	if err != nil {
		return nil, storeErr("attend an event", err)
	}
	return at, nil
}
