package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/remind"
)

func init() { fireFuncs[kindMeeting] = fireMeeting }

// meetingKey is the key of a community's meeting reminder.
func meetingKey(communityID int64) string { return "meeting:" + strconv.FormatInt(communityID, 10) }

// setMeetingReminder sets, or with no cadence or reminders off drops, the
// reminder of c's meetings, in tx.
func setMeetingReminder(ctx context.Context, tx *Tx, c *community.Community) error {
	cad := c.Cadence
	if cad.IsZero() || cad.Remind < 0 {
		return dropReminder(ctx, tx, meetingKey(c.ID))
	}
	lead := cad.Remind
	if lead == 0 {
		lead = cad.DefaultRemind(tx.now)
	}
	return setReminder(ctx, tx, &remind.Reminder{Key: meetingKey(c.ID), Kind: kindMeeting, Subject: c.ID, Spec: cad.Spec, TZ: cad.TZ, Lead: lead})
}

// fireMeeting reminds every member of a community of its meeting; the
// message shows the time in each member's own zone.
func fireMeeting(ctx context.Context, tx *Tx, s *ReminderService, f remind.Firing) (bool, error) {
	c, err := scanCommunity(tx.QueryRowContext(ctx, communitySelect+` WHERE c.id = ?`, f.Reminder.Subject))
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if c.Cadence.IsZero() {
		return false, nil
	}
	n := &community.MeetingNotice{Community: c, At: f.Occurrence, Late: f.Late, Past: !f.Occurrence.After(f.Now)}
	if next := c.Cadence.Next(f.Now, 1); len(next) > 0 {
		n.Next = next[0]
	}
	members, err := queryUsers(ctx, tx, `SELECT `+userColumns+` FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.community_id = ? ORDER BY u.id`, c.ID)
	if err != nil {
		return false, err
	}
	for _, u := range members {
		n.To = u
		body, err := s.compose("community_meeting_reminder", n)
		if err != nil {
			return false, err
		}
		if err := queue(ctx, tx, &remind.Message{Key: fmt.Sprintf("meeting:%d:%d:%d", c.ID, f.Occurrence.Unix(), u.ID),
			Kind: "community_meeting_reminder", To: u, Body: body, DueAt: f.Now, Late: f.Late}); err != nil {
			return false, err
		}
	}
	return true, nil
}
