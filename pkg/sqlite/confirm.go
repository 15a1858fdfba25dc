package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

func init() {
	fireFuncs[kindConfirm] = fireConfirm
	fireFuncs[kindConfirmOverdue] = fireConfirmOverdue
}

func confirmKeys(sub int64) (chase, overdue string) {
	return fmt.Sprintf("confirm:%d", sub), fmt.Sprintf("confirm-overdue:%d", sub)
}

// startChase sets the reminders that chase the lead speaker of sub, just
// told it is accepted or offered a slot, until they confirm or decline:
// every cfp.ChaseEvery until the deadline, and the organisers told
// cfp.EscalateBefore it.
func startChase(ctx context.Context, tx *Tx, c *cfp.Call, sub *cfp.Submission) error {
	deadline := cfp.ConfirmBy(c, tx.now)
	chase, overdue := confirmKeys(sub.ID)
	detail := formatTime(deadline)
	if err := setReminder(ctx, tx, &remind.Reminder{Key: chase, Kind: kindConfirm, Subject: sub.ID, Detail: detail,
		Spec: fmt.Sprintf("@every %s", cfp.ChaseEvery), Until: deadline}); err != nil {
		return err
	}
	return setReminder(ctx, tx, &remind.Reminder{Key: overdue, Kind: kindConfirmOverdue, Subject: sub.ID, Detail: detail,
		NextDue: cfp.EscalateAt(tx.now, deadline)})
}

// stopChase drops the chasing of sub, which was confirmed or declined.
func stopChase(ctx context.Context, tx *Tx, sub int64) error {
	chase, overdue := confirmKeys(sub)
	if err := dropReminder(ctx, tx, chase); err != nil {
		return err
	}
	return dropReminder(ctx, tx, overdue)
}

// awaitingConfirmation loads the talk a chase is about; ok is false once it
// no longer waits for its speaker.
func awaitingConfirmation(ctx context.Context, tx *Tx, f remind.Firing) (sub *cfp.Submission, c *cfp.Call, deadline time.Time, ok bool, err error) {
	sub, err = findSubmission(ctx, tx, f.Reminder.Subject)
	if guild.ErrorCode(err) == guild.ENOTFOUND {
		return nil, nil, deadline, false, nil
	}
	if err != nil {
		return nil, nil, deadline, false, err
	}
	if (sub.State != cfp.Accepted && sub.State != cfp.Offered) || !sub.Notified {
		return nil, nil, deadline, false, nil
	}
	if c, err = findCallByID(ctx, tx, sub.CallID); err != nil {
		return nil, nil, deadline, false, err
	}
	if err := loadSpeakers(ctx, tx, []*cfp.Submission{sub}); err != nil {
		return nil, nil, deadline, false, err
	}
	if err := (timeCol{&deadline}).Scan(f.Reminder.Detail); err != nil {
		return nil, nil, deadline, false, err
	}
	return sub, c, deadline, true, nil
}

// fireConfirm reminds the lead speaker to confirm.
func fireConfirm(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	sub, c, deadline, ok, err := awaitingConfirmation(ctx, tx, f)
	if !ok || err != nil {
		return false, err
	}
	lead := sub.Lead()
	if lead == nil {
		return false, nil
	}
	n := &cfp.Notice{Kind: cfp.NoticeChase, To: lead, Call: c, Submission: sub, Deadline: deadline, Late: f.Late}
	key := fmt.Sprintf("confirm:%d:%d:%d", sub.ID, f.Occurrence.Unix(), lead.ID)
	return true, queueNotice(ctx, tx, s.Compose, key, "cfp_notice_chase", lead, n, f.Late)
}

// fireConfirmOverdue tells the organisers, or the call's opener, that a
// speaker has not confirmed as the deadline nears.
func fireConfirmOverdue(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	sub, c, deadline, ok, err := awaitingConfirmation(ctx, tx, f)
	if !ok || err != nil {
		return false, err
	}
	orgs, err := organisersOr(ctx, tx, c.OpenedBy)
	if err != nil {
		return false, err
	}
	for _, u := range orgs {
		n := &cfp.Notice{Kind: cfp.NoticeUnconfirmed, To: u, Call: c, Submission: sub, Deadline: deadline, Late: f.Late}
		if err := queueNotice(ctx, tx, s.Compose, fmt.Sprintf("confirm-overdue:%d:%d", sub.ID, u.ID), "cfp_notice_unconfirmed", u, n, f.Late); err != nil {
			return false, err
		}
	}
	return false, nil
}
