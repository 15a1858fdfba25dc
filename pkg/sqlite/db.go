package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/guildhall/guildhall/pkg/guild"
)

// DefaultPath is the database file used when none is named.
const DefaultPath = "guildhall.db"

// DB is the database. Writes go through one connection, so that writers in
// this process queue in Go rather than spinning on SQLite's busy handler;
// reads use a small pool that WAL lets run alongside the writer. Other
// processes sharing the file wait up to the busy timeout.
type DB struct {
	// Path is the database file.
	Path string
	// Now is the clock; Open refuses a DB without one, since only
	// cmd/guildhall may read the wall clock.
	Now guild.Clock
	// MmapSize, when positive, lets readers map that many bytes of the
	// file instead of reading each page with a system call. It suits a
	// short-lived process that reads many pages once (guildhall chat:
	// 1,072 reads to 10 for a large community); a long-running bot, which
	// interleaves reads with writes, is faster without it, since every
	// write makes readers remap.
	MmapSize int64
	// Organisers are the organiser entries given at start-up (see
	// guild.OrganiserService), besides those stored: they are told of
	// escalations and dead messages.
	Organisers []string

	write *sql.DB
	read  *sql.DB
	stmts stmtCache
}

// NewDB returns a DB for the file at path; call Open before using it.
func NewDB(path string) *DB {
	return &DB{Path: path}
}

// dsn builds the connection string: WAL, a busy timeout, foreign keys,
// NORMAL sync (safe under WAL) and BEGIN IMMEDIATE for write transactions,
// so a transaction that will write takes the lock up front and never fails
// half-way with SQLITE_BUSY on upgrade.
func (db *DB) dsn(readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		if db.MmapSize > 0 {
			q.Add("_pragma", fmt.Sprintf("mmap_size(%d)", db.MmapSize))
		}
	}
	return "file:" + (&url.URL{Path: db.Path}).EscapedPath() + "?" + q.Encode()
}

// Open opens the database, creating the file if needed, and applies any
// migrations the file has not seen.
func (db *DB) Open() error {
	if db.Path == "" {
		return errors.New("sqlite: no database path")
	}
	if db.Now == nil {
		return errors.New("sqlite: no clock: set DB.Now")
	}
	var err error
	if db.write, err = sql.Open("sqlite", db.dsn(false)); err != nil {
		return fmt.Errorf("sqlite: open %s: %w", db.Path, err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxIdleTime(0)
	if err := whileBusy(func() error { return db.migrate(context.Background()) }); err != nil {
		db.write.Close()
		return err
	}
	if db.read, err = sql.Open("sqlite", db.dsn(true)); err != nil {
		db.write.Close()
		return fmt.Errorf("sqlite: open %s for reading: %w", db.Path, err)
	}
	n := max(2, runtime.GOMAXPROCS(0))
	db.read.SetMaxOpenConns(n)
	db.read.SetMaxIdleConns(n)
	return nil
}

// whileBusy runs fn again, with a growing pause, while it fails with
// SQLITE_BUSY, for about as long as the busy timeout. Processes opening a new
// file at the same moment race to switch it to WAL, and SQLite answers the
// loser's BEGIN with SQLITE_BUSY at once, without calling the busy handler.
func whileBusy(fn func() error) error {
	pause := time.Millisecond
	var waited time.Duration
	for {
		err := fn()
		var coded interface{ Code() int }
		if err == nil || !errors.As(err, &coded) || coded.Code()&0xff != sqliteBusy || waited >= busyTimeout {
			return err
		}
		time.Sleep(pause)
		waited += pause
		pause = min(2*pause, 100*time.Millisecond)
	}
}

// sqliteBusy is SQLite's primary result code SQLITE_BUSY.
const sqliteBusy = 5

// busyTimeout is how long a connection waits for another's lock.
const busyTimeout = 10 * time.Second

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	db.stmts.close()
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	return errors.Join(errs...)
}

// Tx is a transaction that knows the time it started, so every row it
// writes carries the same timestamp.
type Tx struct {
	*sql.Tx
	db   *DB
	pool *sql.DB
	now  time.Time
}

// BeginTx starts a transaction: a write transaction (BEGIN IMMEDIATE) unless
// opts asks for a read-only one.
func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	pool := db.write
	if opts != nil && opts.ReadOnly {
		pool = db.read
	}
	tx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	return &Tx{Tx: tx, db: db, pool: pool, now: db.Now().UTC()}, nil
}

// update runs fn in a write transaction and commits when it returns nil.
func (db *DB) update(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer db.stmts.flush(ctx, tx.pool) // after Rollback frees the connection
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// view runs fn in a read-only transaction, so that it sees one snapshot.
func (db *DB) view(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.stmts.flush(ctx, tx.pool) // after Rollback frees the connection
	defer tx.Rollback()
	return fn(tx)
}
