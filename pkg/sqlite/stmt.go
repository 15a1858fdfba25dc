package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache holds statements prepared once per pool. database/sql prepares
// each on a connection the first time it runs there and reuses it after,
// including inside transactions (Tx.StmtContext), so SQLite parses each
// query once per connection rather than on every call.
//
// Preparing on a pool takes a connection of that pool, and the write pool
// has only one, held by the transaction that wants the statement. So a
// transaction never prepares: a query it finds uncached runs unprepared and
// is queued, and flush prepares the queue once the transaction has given
// its connection back.
type stmtCache struct {
	mu      sync.Mutex
	stmts   map[*sql.DB]map[string]*sql.Stmt
	pending map[*sql.DB]map[string]bool
}

// lookup returns the statement prepared for query on pool, or nil after
// queueing query for flush.
func (c *stmtCache) lookup(pool *sql.DB, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.stmts[pool][query]; ok {
		return s
	}
	if c.pending == nil {
		c.pending = map[*sql.DB]map[string]bool{}
	}
	if c.pending[pool] == nil {
		c.pending[pool] = map[string]bool{}
	}
	c.pending[pool][query] = true
	return nil
}

// flush prepares the queries queued for pool. The caller must hold no
// connection of pool, and c.mu is not held while preparing, so transactions
// that hold connections never wait for it.
func (c *stmtCache) flush(ctx context.Context, pool *sql.DB) {
	c.mu.Lock()
	queries := c.pending[pool]
	delete(c.pending, pool)
	c.mu.Unlock()
	for query := range queries {
		s, err := pool.PrepareContext(ctx, query)
		if err != nil {
			continue // it runs unprepared and is queued again next time
		}
		c.mu.Lock()
		if c.stmts == nil {
			c.stmts = map[*sql.DB]map[string]*sql.Stmt{}
		}
		if c.stmts[pool] == nil {
			c.stmts[pool] = map[string]*sql.Stmt{}
		}
		if _, ok := c.stmts[pool][query]; ok {
			s.Close() // another flush got there first
		} else {
			c.stmts[pool][query] = s
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.stmts {
		for _, s := range m {
			s.Close()
		}
	}
	c.stmts = nil
	c.pending = nil
}

// stmt returns the cached statement for query, bound to this transaction,
// or nil when it is not prepared yet (it is queued; run the query on tx.Tx).
// Queries must be single statements built from constant text, never from
// input: the cache keeps every distinct query it is given.
func (tx *Tx) stmt(ctx context.Context, query string) *sql.Stmt {
	s := tx.db.stmts.lookup(tx.pool, query)
	if s == nil {
		return nil
	}
	return tx.Tx.StmtContext(ctx, s)
}

// ExecContext runs a cached prepared statement. Multi-statement scripts
// (migrations) must call tx.Tx.ExecContext instead.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := tx.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return tx.Tx.ExecContext(ctx, query, args...)
}

// QueryContext runs a cached prepared query.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := tx.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return tx.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a cached prepared query for one row.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := tx.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return tx.Tx.QueryRowContext(ctx, query, args...)
}

// querier runs queries: a transaction, or the read pool for reads of one
// statement, which need no snapshot and so no BEGIN and ROLLBACK.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readPool runs single-statement reads on the read pool, prepared once.
// Unlike a transaction it holds no connection while preparing, so it
// prepares on first use rather than queueing.
type readPool struct{ db *DB }

func (r readPool) stmt(ctx context.Context, query string) *sql.Stmt {
	if s := r.db.stmts.lookup(r.db.read, query); s != nil {
		return s
	}
	r.db.stmts.flush(ctx, r.db.read)
	return r.db.stmts.lookup(r.db.read, query)
}

// QueryContext runs a prepared read.
func (r readPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := r.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return r.db.read.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a prepared read of one row.
func (r readPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := r.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return r.db.read.QueryRowContext(ctx, query, args...)
}

// reader returns a querier for single-statement reads.
func (db *DB) reader() querier { return readPool{db} }
