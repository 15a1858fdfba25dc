package sqlite

import (
	"context"

	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/survey"
)

func init() {
	fireFuncs[kindSurveySend] = fireSurveySend
	fireFuncs[kindSurveyRemind] = fireSurveyRemind
	fireFuncs[kindSurveyClose] = fireSurveyClose
}

// fireSurveySend sends a survey by itself, unless an organiser sent it by
// hand already. It goes out when it fires, so after downtime people still
// have the whole time to answer.
func fireSurveySend(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	sv, err := findSurveyByID(ctx, tx, f.Reminder.Subject)
	if err != nil || sv == nil || sv.Sent() {
		return false, err
	}
	return false, sendSurvey(ctx, tx, s.Compose, sv, nil, f.Now, f.Late)
}

// fireSurveyRemind reminds the recipients yet to answer, unless the survey
// closed meanwhile (guildhall was down past its closing).
func fireSurveyRemind(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	sv, err := findSurveyByID(ctx, tx, f.Reminder.Subject)
	if err != nil || sv == nil || sv.StateAt(f.Now) != survey.Open {
		return false, err
	}
	return false, askRecipients(ctx, tx, s.Compose, sv, survey.NoticeReminder, f.Now, f.Late)
}

// fireSurveyClose closes a survey and wipes its salt, so that no voter key
// can be traced to anyone afterwards.
func fireSurveyClose(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	sv, err := findSurveyByID(ctx, tx, f.Reminder.Subject)
	if err != nil || sv == nil || sv.State != survey.Open {
		return false, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE surveys SET state = ?, closed_at = ?, salt = NULL, updated_at = ? WHERE id = ?`,
		string(survey.Closed), formatTime(f.Now), formatTime(f.Now), sv.ID)
	return false, err
}
