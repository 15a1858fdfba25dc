package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones load even where the system has no zoneinfo

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
)

// t0 is the pinned time every test database starts at.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// openAt opens the database file at path with the clock pinned at now and
// closes it when the test ends.
func openAt(t *testing.T, path string, now time.Time) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(path)
	db.Now = guild.FixedClock(now)
	if err := db.Open(); err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close(%s): %v", path, err)
		}
	})
	return db
}

// mustOpen opens a fresh database in a temporary directory.
func mustOpen(t *testing.T) *sqlite.DB {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "g.db"), t0)
}

// consoleUser is the identity the console gives a user called name.
func consoleUser(name string) *guild.User {
	return &guild.User{Platform: guild.PlatformConsole, PlatformID: guild.ConsoleID(name), Name: name}
}

// mustUser resolves the console user called name.
func mustUser(t *testing.T, users *sqlite.UserService, name string) *guild.User {
	t.Helper()
	u, err := users.Resolve(context.Background(), consoleUser(name))
	if err != nil {
		t.Fatalf("Resolve(%q): %v", name, err)
	}
	return u
}

// as returns ctx acting as u.
func as(ctx context.Context, u *guild.User) context.Context {
	return guild.NewContextWithUser(ctx, u)
}

// wantCode fails the test unless err carries the code want.
func wantCode(t *testing.T, what string, err error, want string) {
	t.Helper()
	if got := guild.ErrorCode(err); got != want {
		t.Fatalf("%s: error code = %q (%v), want %q", what, got, err, want)
	}
}

// rawDB opens a plain database/sql connection to the file at path, to look
// at or tamper with what the store wrote.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatalf("sql.Open(%s): %v", path, err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// errContains reports whether err's text contains every one of subs.
func errContains(err error, subs ...string) bool {
	if err == nil {
		return false
	}
	for _, s := range subs {
		if !strings.Contains(err.Error(), s) {
			return false
		}
	}
	return true
}

// isGuildError reports whether err is or wraps a *guild.Error.
func isGuildError(err error) bool {
	var e *guild.Error
	return errors.As(err, &e)
}
