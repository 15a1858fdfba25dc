package sqlite

import (
	"context"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/survey"
)

// The kinds of reminder of communities' health checks.
const (
	kindHealthRound  = "health-round"  // a cadence sends the next round
	kindHealthRemind = "health-remind" // a round's one reminder, to those yet to answer
	kindHealthClose  = "health-close"  // a round stops taking answers
)

func init() {
	fireFuncs[kindHealthRound] = fireHealthRound
	fireFuncs[kindHealthRemind] = fireHealthRemind
	fireFuncs[kindHealthClose] = fireHealthClose
}

// fireHealthRound sends a community's next round by itself, closing a
// round still open first, so that one round is open at a time. It stops
// once the cadence is cleared or the community has ended.
func fireHealthRound(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	c, err := communityByID(ctx, tx, f.Reminder.Subject)
	if err != nil || c == nil || c.Stage == community.StageEnded {
		return false, err
	}
	cad, err := findHealthCadence(ctx, tx, c.ID)
	if err != nil || cad.IsZero() {
		return false, err
	}
	sv, err := nextRound(ctx, tx, s.Compose, c, cad, survey.HealthOptions{}, f.Now, time.UTC, true)
	if err != nil {
		return false, err
	}
	return true, sendRound(ctx, tx, s.Compose, sv, nil, f.Now, f.Late)
}

// fireHealthRemind reminds the members yet to answer a round, unless it
// closed meanwhile.
func fireHealthRemind(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	sv, err := findRound(ctx, tx, f.Reminder.Subject)
	if err != nil || sv == nil || sv.StateAt(f.Now) != survey.Open {
		return false, err
	}
	return false, askMembers(ctx, tx, s.Compose, sv, survey.NoticeReminder, f.Now, f.Late)
}

// fireHealthClose closes a round and wipes its salt, unless it was closed
// already (the next round went out).
func fireHealthClose(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	sv, err := findRound(ctx, tx, f.Reminder.Subject)
	if err != nil || sv == nil || sv.State != survey.Open {
		return false, err
	}
	c, err := communityByID(ctx, tx, sv.CommunityID)
	if err != nil || c == nil {
		return false, err
	}
	return false, closeRound(ctx, tx, s.Compose, sv, c, f.Now, f.Late)
}
