package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

// OutboxService implements remind.Outbox.
type OutboxService struct {
	db *DB
	// Compose renders the message that tells organisers a message died.
	Compose remind.Composer
}

var _ remind.Outbox = (*OutboxService)(nil)

// NewOutboxService returns an OutboxService on db; compose renders the
// organisers' notice of a dead message.
func NewOutboxService(db *DB, compose remind.Composer) *OutboxService {
	return &OutboxService{db: db, Compose: compose}
}

// enqueue queues a direct message to u in tx, due now. A key already
// queued is left as it is, so a change that is retried never queues a
// message twice.
func enqueue(ctx context.Context, tx *Tx, key, kind string, to *guild.User, body string) error {
	return queue(ctx, tx, &remind.Message{Key: key, Kind: kind, To: to, Body: body, DueAt: tx.now})
}

// queue queues m in tx: a direct message when m.To is set, else a post in
// m.Channel on m.Platform. A key already queued is left as it is.
func queue(ctx context.Context, tx *Tx, m *remind.Message) error {
	var user any
	platform := m.Platform
	if m.To != nil {
		user, platform = m.To.ID, m.To.Platform
	}
	due := formatTime(m.DueAt)
	if due == "" {
		due = formatTime(tx.now)
	}
	actions := ""
	if len(m.Actions) > 0 {
		b, err := json.Marshal(m.Actions)
		if err != nil {
			return err
		}
		actions = string(b)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (key, kind, platform, user_id, channel, body, actions, late, due_at, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
		m.Key, m.Kind, platform, user, m.Channel, m.Body, actions, m.Late, due, due, formatTime(tx.now))
	return err
}

// messageColumns are read by scanMessage, with the recipient's columns
// after them; outbox is o, the recipient u (LEFT JOIN).
const messageColumns = `o.id, o.key, o.kind, o.platform, o.channel, o.body, o.actions, o.due_at, o.next_attempt_at, o.status, o.attempts,
	o.last_error, o.late, o.created_at, o.sent_at, o.claim, o.lease_until, u.id IS NOT NULL,
	coalesce(u.id, 0), coalesce(u.platform, ''), coalesce(u.platform_id, ''), coalesce(u.name, ''),
	coalesce(u.department, ''), coalesce(u.team, ''), coalesce(u.role, ''), coalesce(u.tz, ''), coalesce(u.created_at, ''), coalesce(u.dms, 0)`

func scanMessage(s scanner) (*remind.Message, error) {
	m := &remind.Message{}
	var hasUser bool
	var actions string
	u, err := scanUser(rowsAfter{s, []any{&m.ID, &m.Key, &m.Kind, &m.Platform, &m.Channel, &m.Body, &actions,
		timeCol{&m.DueAt}, timeCol{&m.NextAttemptAt}, &m.Status, &m.Attempts, &m.LastError, &m.Late,
		timeCol{&m.CreatedAt}, timeCol{&m.SentAt}, &m.Claim, timeCol{&m.LeaseUntil}, &hasUser}})
	if err != nil {
		return nil, err
	}
	if hasUser {
		m.To = u
	}
	if actions != "" {
		if err := json.Unmarshal([]byte(actions), &m.Actions); err != nil {
			return nil, fmt.Errorf("message %s actions: %w", m.Key, err)
		}
	}
	return m, nil
}

func scanMessages(rows *sql.Rows) ([]*remind.Message, error) {
	defer rows.Close()
	var out []*remind.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// platformList encodes platforms for json_each.
func platformList(platforms []string) string {
	b, _ := json.Marshal(platforms)
	return string(b)
}

// newClaim returns a fresh claim token.
func newClaim() string {
	var p [8]byte
	_, _ = rand.Read(p[:])
	return hex.EncodeToString(p[:])
}

// Claim implements remind.Outbox. It runs in one write transaction, so two
// runners, in this process or another, never claim the same row while its
// lease holds.
func (s *OutboxService) Claim(ctx context.Context, now time.Time, platforms []string, limit int, lease time.Duration) ([]*remind.Message, error) {
	// Most rounds find nothing due: a read says so without taking the
	// write lock.
	var any int
	err := s.db.reader().QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM outbox WHERE status = 'pending'
		AND platform IN (SELECT value FROM json_each(?)) AND next_attempt_at <= ? AND lease_until <= ? LIMIT 1)`,
		platformList(platforms), formatTime(now), formatTime(now)).Scan(&any)
	if err != nil || any == 0 {
		return nil, storeErr("claim messages", err)
	}
	var out []*remind.Message
	claim := newClaim()
	until := now.Add(lease)
	err = s.db.update(ctx, func(tx *Tx) error {
		at := formatTime(now)
		rows, err := tx.QueryContext(ctx, `SELECT `+messageColumns+` FROM outbox o LEFT JOIN users u ON u.id = o.user_id
			WHERE o.status = 'pending' AND o.platform IN (SELECT value FROM json_each(?)) AND o.next_attempt_at <= ? AND o.lease_until <= ?
			ORDER BY o.next_attempt_at, o.id LIMIT ?`, platformList(platforms), at, at, limitOrAll(limit))
		if err != nil {
			return err
		}
		if out, err = scanMessages(rows); err != nil || len(out) == 0 {
			return err
		}
		ids := make([]string, len(out))
		for i, m := range out {
			ids[i] = fmt.Sprint(m.ID)
			m.InFlight = m.Claim != ""
			m.Claim, m.LeaseUntil = claim, until
		}
		_, err = tx.ExecContext(ctx, `UPDATE outbox SET claim = ?, lease_until = ? WHERE id IN (`+strings.Join(ids, ",")+`)`,
			claim, formatTime(until))
		return err
	})
	if err != nil {
		return nil, storeErr("claim messages", err)
	}
	return out, nil
}

// settle records the outcome of a claimed message with set (SQL assigning
// columns, with args), provided the claim still holds.
func settle(ctx context.Context, tx *Tx, m *remind.Message, set string, args ...any) error {
	res, err := tx.ExecContext(ctx, `UPDATE outbox SET `+set+`, claim = '', lease_until = '' WHERE id = ? AND claim = ? AND status = 'pending'`,
		append(args, m.ID, m.Claim)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return guild.Errorf(guild.ECONFLICT, "The claim on message %s was lost: another runner took it over.", m.Key)
	}
	return nil
}

// Sent implements remind.Outbox.
func (s *OutboxService) Sent(ctx context.Context, m *remind.Message) error {
	err := s.db.update(ctx, func(tx *Tx) error {
		return settle(ctx, tx, m, `status = 'sent', attempts = attempts + 1, sent_at = ?`, formatTime(tx.now))
	})
	return storeErr("record a sent message", err)
}

// Retry implements remind.Outbox.
func (s *OutboxService) Retry(ctx context.Context, m *remind.Message, at time.Time, reason string) error {
	err := s.db.update(ctx, func(tx *Tx) error {
		return settle(ctx, tx, m, `attempts = attempts + 1, next_attempt_at = ?, last_error = ?`, formatTime(at), capError(reason))
	})
	return storeErr("record a failed send", err)
}

// Defer implements remind.Outbox.
func (s *OutboxService) Defer(ctx context.Context, m *remind.Message, at time.Time, reason string) error {
	err := s.db.update(ctx, func(tx *Tx) error {
		if reason == "" {
			return settle(ctx, tx, m, `next_attempt_at = ?`, formatTime(at))
		}
		return settle(ctx, tx, m, `next_attempt_at = ?, last_error = ?`, formatTime(at), capError(reason))
	})
	return storeErr("defer a message", err)
}

// Kill implements remind.Outbox. Each organiser is told, in the same
// transaction; a dead message that itself told organisers of a dead one is
// not reported, so a broken platform cannot start a loop.
func (s *OutboxService) Kill(ctx context.Context, m *remind.Message, reason string) error {
	err := s.db.update(ctx, func(tx *Tx) error {
		if err := settle(ctx, tx, m, `status = 'dead', attempts = attempts + 1, last_error = ?`, capError(reason)); err != nil {
			return err
		}
		if m.Kind == remind.KindDead || s.Compose == nil {
			return nil
		}
		orgs, err := organiserUsers(ctx, tx)
		if err != nil {
			return err
		}
		dead := *m
		dead.Attempts++
		dead.Status = remind.Dead
		for _, o := range orgs {
			body, err := s.Compose(remind.KindDead, &remind.DeadNotice{To: o, Message: &dead, Reason: reason})
			if err != nil {
				return fmt.Errorf("compose: %w", err)
			}
			if err := enqueue(ctx, tx, fmt.Sprintf("dead:%d:%d", m.ID, o.ID), remind.KindDead, o, body); err != nil {
				return err
			}
		}
		return nil
	})
	return storeErr("mark a message dead", err)
}

// capError keeps stored error texts short.
func capError(s string) string {
	if len(s) > 500 {
		s = s[:500]
	}
	return s
}

// NextDue implements remind.Outbox: a row leased by a runner counts from
// the end of its lease.
func (s *OutboxService) NextDue(ctx context.Context, platforms []string) (time.Time, bool, error) {
	var at time.Time
	err := s.db.reader().QueryRowContext(ctx, `SELECT coalesce(min(max(next_attempt_at, lease_until)), '') FROM outbox
		WHERE status = 'pending' AND platform IN (SELECT value FROM json_each(?))`, platformList(platforms)).Scan(timeCol{&at})
	if err != nil {
		return time.Time{}, false, storeErr("find the next due message", err)
	}
	return at, !at.IsZero(), nil
}

// List implements remind.Outbox: pending messages by when they are due
// next, then dead ones, most recent first.
func (s *OutboxService) List(ctx context.Context, f remind.Filter) ([]*remind.Message, error) {
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []remind.Status{remind.Pending, remind.Dead}
	}
	b, _ := json.Marshal(statuses)
	q := `SELECT ` + messageColumns + ` FROM outbox o LEFT JOIN users u ON u.id = o.user_id
		WHERE o.status IN (SELECT value FROM json_each(?))`
	args := []any{string(b)}
	if f.OnlyLate {
		q += ` AND o.status = 'pending' AND o.due_at < ?`
		args = append(args, formatTime(f.Now.Add(-f.LateAfter)))
	}
	q += ` ORDER BY o.status = 'dead', CASE WHEN o.status = 'dead' THEN -o.id ELSE 0 END, o.next_attempt_at, o.id LIMIT ?`
	args = append(args, limitOrAll(f.Limit))
	rows, err := s.db.reader().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, storeErr("list messages", err)
	}
	ms, err := scanMessages(rows)
	return ms, storeErr("list messages", err)
}

// organiserUsers returns the users who are organisers, by the stored list
// and the one given at start-up (DB.Organisers), oldest first.
func organiserUsers(ctx context.Context, tx *Tx) ([]*guild.User, error) {
	entries := make([]string, 0, len(tx.db.Organisers))
	for _, e := range tx.db.Organisers {
		entries = append(entries, organiserEntry(e))
	}
	b, _ := json.Marshal(entries)
	return queryUsers(ctx, tx, `WITH e (entry) AS (SELECT entry FROM organisers UNION SELECT value FROM json_each(?))
		SELECT `+userColumns+` FROM users u
		WHERE lower(u.platform) || ':' || u.platform_id IN e OR (u.platform = 'console' AND u.platform_id IN e)
		ORDER BY u.id`, string(b))
}

// Queue queues messages in one transaction, each under its own key: one
// whose key is already queued is left as it is. Messages are direct when To
// is set (To.ID must be a stored user), else posts in Channel on Platform.
// Most messages are queued by the change that causes them; Queue serves
// announcements, imports and tests.
func (s *OutboxService) Queue(ctx context.Context, ms []*remind.Message) error {
	err := s.db.update(ctx, func(tx *Tx) error {
		for _, m := range ms {
			if m.Key == "" || m.Body == "" || (m.To == nil) == (m.Channel == "") {
				return guild.Errorf(guild.EINVALID, "A message needs a key, a body and either a recipient or a channel.")
			}
			if err := queue(ctx, tx, m); err != nil {
				return err
			}
		}
		return nil
	})
	return storeErr("queue messages", err)
}

// Due returns up to limit pending messages due at or before now, oldest
// first, without claiming them: what a runner would send next.
func (s *OutboxService) Due(ctx context.Context, now time.Time, limit int) ([]*remind.Message, error) {
	rows, err := s.db.reader().QueryContext(ctx, `SELECT `+messageColumns+` FROM outbox o LEFT JOIN users u ON u.id = o.user_id
		WHERE o.status = 'pending' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?`,
		formatTime(now), limitOrAll(limit))
	if err != nil {
		return nil, storeErr("list due messages", err)
	}
	ms, err := scanMessages(rows)
	return ms, storeErr("list due messages", err)
}
