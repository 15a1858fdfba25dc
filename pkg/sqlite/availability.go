package sqlite

import (
	"context"
	"encoding/json"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

// SetAvailable implements cfp.Service.
func (s *CallService) SetAvailable(ctx context.Context, id int64, ws []cfp.Window) (*cfp.Submission, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	var sub *cfp.Submission
	err = s.db.update(ctx, func(tx *Tx) error {
		if sub, err = findSubmission(ctx, tx, id); err != nil {
			return err
		}
		if !sub.HasSpeaker(me) && !me.Organiser {
			return notFoundOrForbidden(ctx, tx, sub, me, "Only the speakers of #%d and organisers say when it can be given.")
		}
		switch sub.State {
		case cfp.Withdrawn, cfp.Rejected, cfp.Declined:
			return guild.Errorf(guild.ECONFLICT, "#%d is %s, so it will not be scheduled.", id, sub.State)
		}
		c, err := findCallByID(ctx, tx, sub.CallID)
		if err != nil {
			return err
		}
		if c.Event == nil {
			return guild.Errorf(guild.ECONFLICT, "#%d is in a standing call with no event day; give its times once it moves to an event.", id)
		}
		if err := cfp.CheckWindows(ws, c.Event, sub.Format.Minutes); err != nil {
			return err
		}
		raw := ""
		if len(ws) > 0 {
			b, _ := json.Marshal(ws)
			raw = string(b)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET available = ?, updated_at = ? WHERE id = ?`, raw, formatTime(tx.now), id); err != nil {
			return err
		}
		sub.Available = ws
		return loadSpeakers(ctx, tx, []*cfp.Submission{sub})
	})
	if err != nil {
		return nil, storeErr("set availability", err)
	}
	return sub, nil
}

// Interest implements cfp.Service. Anyone may mark interest in a talk of
// an event's line-up once its speakers know it is in, and in any talk
// they can see; speakers cannot vote for their own.
func (s *CallService) Interest(ctx context.Context, id int64, remove bool) (*cfp.Submission, bool, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, false, err
	}
	var sub *cfp.Submission
	var changed bool
	err = s.db.update(ctx, func(tx *Tx) error {
		if sub, err = findSubmission(ctx, tx, id); err != nil {
			return err
		}
		if err := loadSpeakers(ctx, tx, []*cfp.Submission{sub}); err != nil {
			return err
		}
		public := sub.State == cfp.Confirmed || sub.State == cfp.Offered || (sub.State == cfp.Accepted && sub.Notified)
		if !public {
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
		}
		if sub.HasSpeaker(me) {
			return guild.Errorf(guild.ECONFLICT, "You speak in #%d: interest counts the audience, so it is for others to show.", id)
		}
		q := `INSERT INTO interest (submission_id, user_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`
		args := []any{id, me.ID, formatTime(tx.now)}
		if remove {
			q, args = `DELETE FROM interest WHERE submission_id = ? AND user_id = ?`, []any{id, me.ID}
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		changed = n > 0
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM interest WHERE submission_id = ?`, id).Scan(&sub.Interest)
	})
	if err != nil {
		return nil, false, storeErr("mark interest", err)
	}
	return sub, changed, nil
}
