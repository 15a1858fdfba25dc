package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
)

func TestOpenCreatesFileAndMigrates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("Stat(%s) before Open = %v, want not-exist", path, err)
	}
	openAt(t, path, t0)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("Stat(%s) after Open = %v, want the file to exist", path, err)
	}

	raw := rawDB(t, path)
	var version int
	var name, checksum, appliedAt string
	err := raw.QueryRow(`SELECT version, name, checksum, applied_at FROM schema_migrations`).Scan(&version, &name, &checksum, &appliedAt)
	if err != nil {
		t.Fatalf("reading schema_migrations: %v", err)
	}
	if version != 1 || name != "0001_init.sql" {
		t.Errorf("schema_migrations = (%d, %q), want (1, %q)", version, name, "0001_init.sql")
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(checksum) {
		t.Errorf("checksum = %q, want 64 hex digits (SHA-256)", checksum)
	}
	if got, err := time.Parse(time.RFC3339Nano, appliedAt); err != nil || !got.Equal(t0) {
		t.Errorf("applied_at = %q, want the pinned clock %v", appliedAt, t0)
	}
	for _, table := range []string{"users", "organisers", "communities", "memberships", "stage_changes", "backlog_items"} {
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: count = %d, %v, want 1", table, n, err)
		}
	}
}

func TestReopenIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	db := openAt(t, path, t0)
	users := sqlite.NewUserService(db)
	alice := mustUser(t, users, "Alice")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	later := t0.Add(24 * time.Hour)
	for i := 0; i < 2; i++ {
		db2 := openAt(t, path, later)
		got, err := sqlite.NewUserService(db2).FindUser(context.Background(), guild.PlatformConsole, "alice")
		if err != nil || got.ID != alice.ID {
			t.Fatalf("re-open %d: FindUser(alice) = %v, %v, want ID %d", i, got, err, alice.ID)
		}
		if err := db2.Close(); err != nil {
			t.Fatal(err)
		}
	}

	raw := rawDB(t, path)
	var n int
	var appliedAt string
	if err := raw.QueryRow(`SELECT count(*), max(applied_at) FROM schema_migrations`).Scan(&n, &appliedAt); err != nil {
		t.Fatal(err)
	}
	if want := migrationFiles(t); n != want {
		t.Errorf("schema_migrations has %d rows after re-opening, want %d (one per migration)", n, want)
	}
	if got, _ := time.Parse(time.RFC3339Nano, appliedAt); !got.Equal(t0) {
		t.Errorf("applied_at = %q after re-opening, want the first open's %v", appliedAt, t0)
	}
}

func TestOpenRefusesEditedMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	db := openAt(t, path, t0)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	if _, err := raw.Exec(`UPDATE schema_migrations SET checksum = 'x' WHERE version = 1`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db2 := sqlite.NewDB(path)
	db2.Now = guild.FixedClock(t0)
	err := db2.Open()
	t.Cleanup(func() { db2.Close() })
	if err == nil {
		t.Fatalf("Open of a database whose migration 1 checksum was changed = nil, want an error")
	}
	if !errContains(err, "0001_init.sql", "landed migrations must never be edited") {
		t.Errorf("Open error = %q, want it to name 0001_init.sql and say landed migrations must never be edited", err)
	}
}

func TestOpenRefusesNewerDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	db := openAt(t, path, t0)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, '0099_future.sql', 'abc', '')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db2 := sqlite.NewDB(path)
	db2.Now = guild.FixedClock(t0)
	err := db2.Open()
	t.Cleanup(func() { db2.Close() })
	if err == nil {
		t.Fatalf("Open of a database at schema version 99 = nil, want an error")
	}
	if !errContains(err, "99", "newer guildhall") {
		t.Errorf("Open error = %q, want it to give the version 99 and ask for a newer guildhall", err)
	}
}

func TestOpenWithoutPath(t *testing.T) {
	db := sqlite.NewDB("")
	if err := db.Open(); err == nil {
		db.Close()
		t.Fatalf("Open with no path = nil, want an error")
	}
}

func TestOpenAtPathWithSpecialCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my dir #1?", "g é.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	db := openAt(t, path, t0)
	mustUser(t, sqlite.NewUserService(db), "Alice")
	if _, err := os.Stat(path); err != nil {
		t.Errorf("Stat(%q) = %v, want the database at exactly that path", path, err)
	}
}

func TestJournalModeIsWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	openAt(t, path, t0)
	var mode string
	if err := rawDB(t, path).QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("PRAGMA journal_mode = %q, want %q", mode, "wal")
	}
}

func pragmaInt(t *testing.T, tx *sqlite.Tx, pragma string) int {
	t.Helper()
	var v int
	if err := tx.QueryRow(`PRAGMA ` + pragma).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", pragma, err)
	}
	return v
}

func TestForeignKeysAreOn(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	for _, opts := range []*sql.TxOptions{nil, {ReadOnly: true}} {
		tx, err := db.BeginTx(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := pragmaInt(t, tx, "foreign_keys"); got != 1 {
			t.Errorf("PRAGMA foreign_keys (read-only %v) = %d, want 1", opts != nil, got)
		}
		tx.Rollback()
	}

	// And they are enforced: a membership of nobody in nothing is refused.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, user_id, joined_at) VALUES (999, 999, '')`); err == nil {
		t.Errorf("inserting a membership with no such community or user = nil, want a foreign key error")
	}
}

func TestReadOnlyTransactionsCannotWrite(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO organisers (entry, added_at) VALUES ('x', '')`); err == nil {
		t.Errorf("writing in a read-only transaction = nil, want an error")
	}
}

func TestConcurrentOpenOfNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	const n = 4
	dbs := make([]*sqlite.DB, n)
	errs := make([]error, n)
	start := make(chan struct{})
	done := make(chan int)
	for i := range dbs {
		dbs[i] = sqlite.NewDB(path)
		dbs[i].Now = guild.FixedClock(t0)
		go func(i int) {
			<-start
			errs[i] = dbs[i].Open()
			done <- i
		}(i)
	}
	close(start)
	for range dbs {
		<-done
	}
	for i, db := range dbs {
		t.Cleanup(func() { db.Close() })
		if errs[i] != nil {
			t.Errorf("concurrent Open %d: %v", i, errs[i])
		}
	}
	var rows int
	if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&rows); err != nil || rows != migrationFiles(t) {
		t.Errorf("schema_migrations rows after concurrent opens = %d, %v, want %d", rows, err, migrationFiles(t))
	}
}

// migrationFiles counts the migrations in the source tree.
func migrationFiles(t *testing.T) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no migrations found: %v", err)
	}
	return len(files)
}
