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
	"github.com/guildhall/guildhall/pkg/remind"
)

// CallService implements cfp.Service.
type CallService struct {
	db *DB
	// Compose writes the text of the messages a change queues; it is
	// required by the methods that queue them.
	Compose cfp.Composer
}

var _ cfp.Service = (*CallService)(nil)

// NewCallService returns a CallService on db that writes messages with
// compose.
func NewCallService(db *DB, compose cfp.Composer) *CallService {
	return &CallService{db: db, Compose: compose}
}

const callSelect = `SELECT c.id, c.name, c.event_id, c.community_id, coalesce(cm.name, ''), c.formats,
	c.closes_at, c.closed_at, c.anonymous, c.created_at, ` + userColumns + `
	FROM calls c JOIN users u ON u.id = c.opened_by LEFT JOIN communities cm ON cm.id = c.community_id`

// findCall returns the call called name, with its event.
func findCall(ctx context.Context, q querier, name string) (*cfp.Call, error) {
	return scanCall(ctx, q, q.QueryRowContext(ctx, callSelect+` WHERE c.name_key = ?`, guild.NameKey(name)), name)
}

func findCallByID(ctx context.Context, q querier, id int64) (*cfp.Call, error) {
	return scanCall(ctx, q, q.QueryRowContext(ctx, callSelect+` WHERE c.id = ?`, id), fmt.Sprint(id))
}

func scanCall(ctx context.Context, q querier, row scanner, name string) (*cfp.Call, error) {
	c := &cfp.Call{}
	var eventID, communityID sql.NullInt64
	var formats string
	opener, err := scanUser(rowsAfter{row, []any{&c.ID, &c.Name, &eventID, &communityID, &c.CommunityName, &formats,
		timeCol{&c.ClosesAt}, timeCol{&c.ClosedAt}, &c.Anonymous, timeCol{&c.CreatedAt}}})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, guild.Errorf(guild.ENOTFOUND, "There is no call for proposals for %q. An organiser opens one with /cfp open.", name)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find call: %w", err)
	}
	c.OpenedBy, c.CommunityID = opener, communityID.Int64
	if err := json.Unmarshal([]byte(formats), &c.Formats); err != nil {
		return nil, fmt.Errorf("sqlite: call %d formats: %w", c.ID, err)
	}
	if eventID.Valid {
		e, err := scanEventWithCreator(q.QueryRowContext(ctx, eventSelect+` WHERE e.id = ?`, eventID.Int64))
		if err != nil {
			return nil, fmt.Errorf("sqlite: call %d event: %w", c.ID, err)
		}
		c.Event = e
	}
	return c, nil
}

// organiserOnly refuses anyone but an organiser; what completes "Only
// organisers …".
func organiserOnly(me *guild.User, what string) error {
	if me.Organiser {
		return nil
	}
	return guild.Errorf(guild.EFORBIDDEN, "Only organisers %s.", what)
}

// OpenCall implements cfp.Service. A call that was closed is opened again
// with the new closing date and formats.
func (s *CallService) OpenCall(ctx context.Context, c *cfp.Call) error {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return err
	}
	if err := organiserOnly(me, "open calls for proposals"); err != nil {
		return err
	}
	if len(c.Formats) == 0 {
		return guild.FieldErrorf("formats", `Name the formats the call offers, such as formats="lightning:5, talk:30, workshop:90".`)
	}
	formats, err := json.Marshal(c.Formats)
	if err != nil {
		return err
	}
	err = s.db.update(ctx, func(tx *Tx) error {
		var eventID, communityID any
		if c.Event != nil {
			e, err := findEvent(ctx, tx, c.Event.Name)
			if err != nil {
				return err
			}
			if err := checkClosing(e, c.ClosesAt, tx.now); err != nil {
				return err
			}
			c.Event, c.Name, eventID = e, e.Name, e.ID
		} else {
			cm, err := findCommunity(ctx, tx, c.CommunityName)
			if err != nil {
				return err
			}
			c.CommunityID, c.CommunityName, c.Name, communityID = cm.ID, cm.Name, cm.Name, cm.ID
			c.ClosesAt = time.Time{}
		}
		old, err := findCall(ctx, tx, c.Name)
		switch {
		case guild.ErrorCode(err) == guild.ENOTFOUND:
		case err != nil:
			return err
		case (old.Event == nil) != (c.Event == nil):
			return guild.Errorf(guild.ECONFLICT, "The name %s is taken by the call for proposals of %s; rename the event or the community.", c.Name, describeCall(old))
		case !old.Closed(tx.now):
			if old.Standing() {
				return guild.Errorf(guild.ECONFLICT, "%s already has a standing call for proposals: /cfp submit %s", c.Name, guild.QuoteArg(c.Name))
			}
			return guild.Errorf(guild.ECONFLICT, "The call for proposals for %s is already open until %s.", c.Name, old.ClosesAt.In(old.Location()).Add(-time.Minute).Format("Monday 2 January 2006"))
		default:
			return s.reopen(ctx, tx, old, c, string(formats))
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO calls (name, name_key, event_id, community_id, formats, closes_at, anonymous, opened_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.Name, guild.NameKey(c.Name), eventID, communityID, string(formats), formatTime(c.ClosesAt), c.Anonymous, me.ID, formatTime(tx.now), formatTime(tx.now))
		if err != nil {
			return err
		}
		c.ID, err = res.LastInsertId()
		c.OpenedBy, c.CreatedAt = me, tx.now
		return err
	})
	return storeErr("open call", err)
}

func (s *CallService) reopen(ctx context.Context, tx *Tx, old, c *cfp.Call, formats string) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT format FROM submissions WHERE call_id = ? AND state <> ?`, old.ID, string(cfp.Withdrawn))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return err
		}
		if _, err := c.Format(f); err != nil {
			return guild.FieldErrorf("formats", "Submissions to %s use the format %s, so the call must still offer it.", c.Name, f)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE calls SET formats = ?, closes_at = ?, closed_at = '', anonymous = ?, updated_at = ? WHERE id = ?`,
		formats, formatTime(c.ClosesAt), c.Anonymous, formatTime(tx.now), old.ID)
	c.ID, c.OpenedBy, c.CreatedAt = old.ID, old.OpenedBy, old.CreatedAt
	return err
}

// checkClosing checks a dated call's closing time: not past, and not after
// the event begins.
func checkClosing(e *event.Event, closes, now time.Time) error {
	if closes.IsZero() {
		return guild.FieldErrorf("closes", "Say when the call closes, such as closes=%s.", e.Day.AddDate(0, 0, -28).Format(time.DateOnly))
	}
	if !closes.After(now) {
		return guild.FieldErrorf("closes", "closes= must be today or later in %s's time zone (%s).", e.Name, e.Location())
	}
	if closes.After(e.StartsAt()) {
		return guild.FieldErrorf("closes", "The call must close before %s begins on %s.", e.Name, e.Day.Format("Monday 2 January 2006"))
	}
	return nil
}

func describeCall(c *cfp.Call) string {
	if c.Standing() {
		return "the community " + c.CommunityName
	}
	return "the event " + c.Name
}

// CloseCall implements cfp.Service.
func (s *CallService) CloseCall(ctx context.Context, name string) (*cfp.Call, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "close calls for proposals"); err != nil {
		return nil, err
	}
	var c *cfp.Call
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if c, err = findCall(ctx, tx, name); err != nil {
			return err
		}
		if c.Closed(tx.now) {
			return c.CheckOpen(tx.now, "submissions, so there is nothing to close")
		}
		c.ClosedAt = tx.now
		_, err = tx.ExecContext(ctx, `UPDATE calls SET closed_at = ?, updated_at = ? WHERE id = ?`, formatTime(tx.now), formatTime(tx.now), c.ID)
		return err
	})
	return c, storeErr("close call", err)
}

// FindCall implements cfp.Service.
func (s *CallService) FindCall(ctx context.Context, name string) (*cfp.Call, error) {
	c, err := findCall(ctx, s.db.reader(), name)
	return c, storeErr("find call", err)
}

// isReviewer reports whether u may review the call's talks.
func isReviewer(ctx context.Context, q querier, callID int64, u *guild.User) (bool, error) {
	if u.Organiser {
		return true, nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM call_reviewers WHERE call_id = ? AND user_id = ?`, callID, u.ID).Scan(&n)
	return n > 0, err
}

// AddReviewer implements cfp.Service.
func (s *CallService) AddReviewer(ctx context.Context, name string, u *guild.User) (*cfp.Call, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := organiserOnly(me, "add reviewers"); err != nil {
		return nil, err
	}
	var c *cfp.Call
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if c, err = findCall(ctx, tx, name); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO call_reviewers (call_id, user_id, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			c.ID, u.ID, me.ID, formatTime(tx.now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return guild.Errorf(guild.ECONFLICT, "%s already reviews %s.", u.Handle(), c.Name)
		}
		return s.enqueue(ctx, tx, fmt.Sprintf("cfp:%d:reviewer:%d", c.ID, u.ID), &cfp.Notice{Kind: cfp.NoticeReviewerAdded, To: u, Call: c, By: me})
	})
	return c, storeErr("add reviewer", err)
}

// FindReviewers implements cfp.Service.
func (s *CallService) FindReviewers(ctx context.Context, name string) ([]*guild.User, error) {
	q := s.db.reader()
	c, err := findCall(ctx, q, name)
	if err != nil {
		return nil, storeErr("list reviewers", err)
	}
	out, err := queryUsers(ctx, q, `SELECT `+userColumns+` FROM call_reviewers r JOIN users u ON u.id = r.user_id
		WHERE r.call_id = ? ORDER BY u.name_key`, c.ID)
	return out, storeErr("list reviewers", err)
}

// enqueue renders a notice and queues it in the outbox, in tx; a message
// whose key is already queued is not queued again.
func (s *CallService) enqueue(ctx context.Context, tx *Tx, key string, n *cfp.Notice) error {
	if s.Compose == nil {
		return errors.New("sqlite: CallService has no Compose")
	}
	body, err := s.Compose(n)
	if err != nil {
		return fmt.Errorf("compose %s notice: %w", n.Kind, err)
	}
	return queue(ctx, tx, &remind.Message{Key: key, Kind: "cfp_notice_" + string(n.Kind), To: n.To, Body: body, Actions: n.Actions(), DueAt: tx.now})
}
