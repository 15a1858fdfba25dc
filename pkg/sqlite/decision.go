package sqlite

import (
	"context"
	"fmt"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Act implements cfp.Service.
func (s *CallService) Act(ctx context.Context, id int64, a cfp.Action) (*cfp.Submission, *cfp.Submission, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, nil, err
	}
	var sub, offered *cfp.Submission
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if sub, err = findSubmission(ctx, tx, id); err != nil {
			return err
		}
		switch cfp.ActionBy(a) {
		case cfp.ByOrganiser:
			if !me.Organiser {
				return notFoundOrForbidden(ctx, tx, sub, me, "Only organisers decide on talks such as #%d.")
			}
		case cfp.BySpeaker:
			if lead := sub.Lead(); lead == nil || lead.ID != me.ID {
				return notFoundOrForbidden(ctx, tx, sub, me, "Only the lead speaker of #%d may "+string(a)+" it.")
			}
		default:
			return fmt.Errorf("sqlite: %s is not an action people take", a)
		}
		to, err := cfp.Next(sub.State, a, sub.Notified)
		if err != nil {
			return guild.Errorf(guild.ECONFLICT, "#%d: %s", id, guild.ErrorMessage(err))
		}
		c, err := findCallByID(ctx, tx, sub.CallID)
		if err != nil {
			return err
		}
		notified := sub.Notified
		if cfp.ActionBy(a) == cfp.ByOrganiser {
			notified = false // a new decision the speaker has not heard of
		}
		from := sub.State
		if err := setState(ctx, tx, sub, a, to, notified, me); err != nil {
			return err
		}
		switch a {
		case cfp.Confirm:
			if from == cfp.Offered {
				// A backup that takes the slot starts preparing now.
				if err := startPlan(ctx, tx, c, sub); err != nil {
					return err
				}
			}
			return stopChase(ctx, tx, sub.ID)
		case cfp.Withdraw:
			return stopChase(ctx, tx, sub.ID)
		case cfp.Decline:
			if err := stopChase(ctx, tx, sub.ID); err != nil {
				return err
			}
		default:
			return nil
		}
		if offered, err = s.offerSlot(ctx, tx, c, sub); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, fmt.Sprintf("cfp:%d:declined", sub.ID),
			&cfp.Notice{Kind: cfp.NoticeDeclined, To: c.OpenedBy, Call: c, Submission: sub, By: me, Offered: offered})
	})
	return sub, offered, storeErr(string(a), err)
}

func setState(ctx context.Context, tx *Tx, sub *cfp.Submission, a cfp.Action, to cfp.State, notified bool, by *guild.User) error {
	if _, err := tx.ExecContext(ctx, `UPDATE submissions SET state = ?, notified = ?, updated_at = ? WHERE id = ?`,
		string(to), notified, formatTime(tx.now), sub.ID); err != nil {
		return err
	}
	if err := recordChange(ctx, tx, sub.ID, sub.State, a, to, by); err != nil {
		return err
	}
	sub.State, sub.Notified, sub.UpdatedAt = to, notified, tx.now
	return nil
}

// offerSlot offers the slot of a declined talk to the call's best-scored
// backup, if there is one, and queues the offer to its speakers.
func (s *CallService) offerSlot(ctx context.Context, tx *Tx, c *cfp.Call, declined *cfp.Submission) (*cfp.Submission, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+submissionColumns+` FROM submissions s JOIN calls c ON c.id = s.call_id
		WHERE s.call_id = ? AND s.state = ?
		ORDER BY s.review_count = 0, CAST(s.score_sum AS REAL) / s.review_count DESC, s.review_count DESC, s.id LIMIT 1`,
		c.ID, string(cfp.Backup))
	if err != nil {
		return nil, err
	}
	var b *cfp.Submission
	if rows.Next() {
		b, err = scanSubmission(rows)
	}
	rows.Close()
	if err != nil || b == nil {
		return nil, err
	}
	if err := loadSpeakers(ctx, tx, []*cfp.Submission{b}); err != nil {
		return nil, err
	}
	to, err := cfp.Next(b.State, cfp.Offer, b.Notified)
	if err != nil {
		return nil, err
	}
	if err := setState(ctx, tx, b, cfp.Offer, to, true, c.OpenedBy); err != nil {
		return nil, err
	}
	for _, sp := range b.Speakers {
		n := &cfp.Notice{Kind: cfp.NoticeOffered, To: sp.User, Call: c, Submission: b, By: c.OpenedBy}
		if err := s.enqueue(ctx, tx, fmt.Sprintf("cfp:%d:offered:%d:after:%d", b.ID, sp.User.ID, declined.ID), n); err != nil {
			return nil, err
		}
	}
	return b, startChase(ctx, tx, c, b)
}

// Notify implements cfp.Service.
func (s *CallService) Notify(ctx context.Context, name string) ([]*cfp.Submission, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "send decisions"); err != nil {
		return nil, err
	}
	decided := jsonList([]cfp.State{cfp.Accepted, cfp.Rejected, cfp.Backup})
	var out []*cfp.Submission
	err = s.db.update(ctx, func(tx *Tx) error {
		c, err := findCall(ctx, tx, name)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+submissionColumns+` FROM submissions s JOIN calls c ON c.id = s.call_id
			WHERE s.call_id = ? AND s.notified = 0 AND s.state IN (SELECT value FROM json_each(?)) ORDER BY s.id`, c.ID, decided)
		if err != nil {
			return err
		}
		for rows.Next() {
			sub, err := scanSubmission(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, sub)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) == 0 {
			var told int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM submissions WHERE call_id = ? AND notified = 1`, c.ID).Scan(&told); err != nil {
				return err
			}
			if told > 0 {
				return guild.Errorf(guild.ECONFLICT, "Every decision on %s has been sent already; decide more talks first with /cfp decide ID accept|reject|backup.", c.Name)
			}
			return guild.Errorf(guild.ECONFLICT, "Nothing is decided on %s yet, so there is nobody to tell: decide talks first with /cfp decide ID accept|reject|backup.", c.Name)
		}
		if err := loadSpeakers(ctx, tx, out); err != nil {
			return err
		}
		for _, sub := range out {
			for _, sp := range sub.Speakers {
				n := &cfp.Notice{Kind: cfp.NoticeKind(sub.State), To: sp.User, Call: c, Submission: sub, By: me}
				if err := s.enqueue(ctx, tx, fmt.Sprintf("cfp:%d:%s:%d", sub.ID, sub.State, sp.User.ID), n); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE submissions SET notified = 1, notified_at = ? WHERE id = ?`, formatTime(tx.now), sub.ID); err != nil {
				return err
			}
			sub.Notified = true
			if sub.State == cfp.Accepted {
				// The talk is in: its preparation starts, and its speaker
				// is chased until they confirm.
				if err := startPlan(ctx, tx, c, sub); err != nil {
					return err
				}
				if err := startChase(ctx, tx, c, sub); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, storeErr("notify", err)
}

// Balance implements cfp.Service.
func (s *CallService) Balance(ctx context.Context, name string) (*cfp.Balance, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "see the balance of a line-up"); err != nil {
		return nil, err
	}
	var b *cfp.Balance
	err = s.db.view(ctx, func(tx *Tx) error {
		c, err := findCall(ctx, tx, name)
		if err != nil {
			return err
		}
		selected, pending, err := balanceTalks(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		// Spellings are merged by guild.NameKey, as NewBalance compares
		// them: SQLite's lower() folds ASCII only, so "INGÉNIERIE" would
		// stay apart from "Ingénierie".
		var depts []cfp.Department
		byKey := map[string]int{}
		drows, err := tx.QueryContext(ctx, `SELECT department, count(*) FROM users WHERE department <> '' GROUP BY department`)
		if err != nil {
			return err
		}
		defer drows.Close()
		for drows.Next() {
			var d cfp.Department
			if err := drows.Scan(&d.Name, &d.Members); err != nil {
				return err
			}
			i, ok := byKey[guild.NameKey(d.Name)]
			if !ok {
				byKey[guild.NameKey(d.Name)] = len(depts)
				depts = append(depts, d)
				continue
			}
			depts[i].Members += d.Members
			depts[i].Name = min(depts[i].Name, d.Name)
		}
		if err := drows.Err(); err != nil {
			return err
		}
		b = cfp.NewBalance(c, selected, pending, depts)
		return nil
	})
	return b, storeErr("balance", err)
}

// balanceTalks returns a call's talks in the line-up or on standby, and
// those still pending, with only what the balance report reads: one narrow
// query rather than whole submissions and their speakers' profiles.
func balanceTalks(ctx context.Context, tx *Tx, callID int64) (selected, pending []*cfp.Submission, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.title, s.state, s.format, s.minutes, s.first_time, s.score_sum, s.review_count,
		ss.user_id, ss.department, ss.team
		FROM submissions s JOIN submission_speakers ss ON ss.submission_id = s.id
		WHERE s.call_id = ? AND s.state IN (SELECT value FROM json_each(?)) ORDER BY s.id, ss.position`,
		callID, jsonList([]cfp.State{cfp.Submitted, cfp.Accepted, cfp.Backup, cfp.Offered, cfp.Confirmed}))
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var cur *cfp.Submission
	for rows.Next() {
		var s cfp.Submission
		sp := &cfp.Speaker{User: &guild.User{}}
		if err := rows.Scan(&s.ID, &s.Title, &s.State, &s.Format.Name, &s.Format.Minutes, &s.FirstTime, &s.ScoreSum, &s.Reviews,
			&sp.User.ID, &sp.Department, &sp.Team); err != nil {
			return nil, nil, err
		}
		if cur == nil || cur.ID != s.ID {
			cur = &s
			sp.Lead = true
			if s.State == cfp.Submitted {
				pending = append(pending, cur)
			} else {
				selected = append(selected, cur)
			}
		}
		cur.Speakers = append(cur.Speakers, sp)
	}
	return selected, pending, rows.Err()
}
