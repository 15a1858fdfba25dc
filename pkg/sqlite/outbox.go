package sqlite

import (
	"context"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

// OutboxService implements remind.Outbox.
type OutboxService struct{ db *DB }

var _ remind.Outbox = (*OutboxService)(nil)

// NewOutboxService returns an OutboxService on db.
func NewOutboxService(db *DB) *OutboxService { return &OutboxService{db: db} }

// enqueue queues a direct message to u in tx, due now. A key already
// queued is left as it is, so a change that is retried never queues a
// message twice.
func enqueue(ctx context.Context, tx *Tx, key string, to *guild.User, body string) error {
	now := formatTime(tx.now)
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (key, user_id, body, due_at, next_attempt_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`, key, to.ID, body, now, now, now)
	return err
}

// Due implements remind.Outbox.
func (s *OutboxService) Due(ctx context.Context, now time.Time, limit int) ([]*remind.Message, error) {
	rows, err := s.db.reader().QueryContext(ctx, `SELECT o.id, o.key, o.channel, o.body, o.due_at, o.status, o.attempts, o.created_at,
		u.id IS NOT NULL, coalesce(u.id, 0), coalesce(u.platform, ''), coalesce(u.platform_id, ''), coalesce(u.name, ''),
		coalesce(u.department, ''), coalesce(u.team, ''), coalesce(u.role, ''), coalesce(u.tz, ''), coalesce(u.created_at, '')
		FROM outbox o LEFT JOIN users u ON u.id = o.user_id
		WHERE o.status = ? AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?`,
		string(remind.Pending), formatTime(now), limitOrAll(limit))
	if err != nil {
		return nil, storeErr("list due messages", err)
	}
	defer rows.Close()
	var out []*remind.Message
	for rows.Next() {
		m := &remind.Message{}
		var hasUser bool
		u, err := scanUser(rowsAfter{rows, []any{&m.ID, &m.Key, &m.Channel, &m.Body, timeCol{&m.DueAt}, &m.Status, &m.Attempts, timeCol{&m.CreatedAt}, &hasUser}})
		if err != nil {
			return nil, storeErr("list due messages", err)
		}
		if hasUser {
			m.To = u
		}
		out = append(out, m)
	}
	return out, storeErr("list due messages", rows.Err())
}

// MarkSent implements remind.Outbox.
func (s *OutboxService) MarkSent(ctx context.Context, id int64) error {
	err := s.db.update(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET status = ?, attempts = attempts + 1, sent_at = ? WHERE id = ?`,
			string(remind.Sent), formatTime(tx.now), id)
		return err
	})
	return storeErr("mark message sent", err)
}
