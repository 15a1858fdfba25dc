package sqlite

import (
	"context"
	"sync/atomic"
	"time"
)

// InboxService remembers the platform events already handled, so that an
// event a platform delivers again (Slack retries, a reconnecting gateway)
// is handled once. It implements bot.Inbox.
type InboxService struct {
	db *DB
	// Keep is how long an event id is remembered: well past the longest a
	// platform retries (default a week).
	Keep time.Duration

	n atomic.Int64
}

// NewInboxService returns an InboxService on db.
func NewInboxService(db *DB) *InboxService { return &InboxService{db: db, Keep: 7 * 24 * time.Hour} }

// pruneEvery is how many records pass between prunings of old ids.
const pruneEvery = 512

// Record records that the event id on platform arrived and reports
// whether it is the first time.
func (s *InboxService) Record(ctx context.Context, platform, id string) (bool, error) {
	var first bool
	err := s.db.update(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO inbox (platform, event_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			platform, id, formatTime(tx.now))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		first = n == 1
		if first && s.n.Add(1)%pruneEvery == 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM inbox WHERE received_at < ?`, formatTime(tx.now.Add(-s.Keep)))
		}
		return err
	})
	return first, storeErr("record an incoming event", err)
}
