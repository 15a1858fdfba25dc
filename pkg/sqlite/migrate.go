package sqlite

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema change.
type migration struct {
	version  int
	name     string
	sql      string
	checksum string
}

// migrations returns the embedded migrations in order. Files are named
// NNNN_description.sql.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, path := range names {
		base := strings.TrimPrefix(path, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("sqlite: migration %s is not named NNNN_description.sql", base)
		}
		b, err := migrationFS.ReadFile(path)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		out = append(out, migration{version: v, name: base, sql: string(b), checksum: hex.EncodeToString(sum[:])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := range out {
		if out[i].version != i+1 {
			return nil, fmt.Errorf("sqlite: migrations must be numbered 1, 2, 3…; found %s at position %d", out[i].name, i+1)
		}
	}
	return out, nil
}

// migrate applies, in one immediate transaction, every migration the
// database has not recorded. It refuses a database whose recorded migrations
// differ from the embedded ones (a landed migration was edited) or that is
// newer than this binary.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		// Migrations are scripts of many statements and run once, so they
		// bypass the prepared-statement cache (tx.Tx, not tx).
		if _, err := tx.Tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			checksum   TEXT NOT NULL,
			applied_at TEXT NOT NULL
		)`); err != nil {
			return fmt.Errorf("sqlite: create schema_migrations: %w", err)
		}
		applied := map[int]string{}
		rows, err := tx.Tx.QueryContext(ctx, `SELECT version, checksum FROM schema_migrations`)
		if err != nil {
			return fmt.Errorf("sqlite: read schema_migrations: %w", err)
		}
		for rows.Next() {
			var v int
			var sum string
			if err := rows.Scan(&v, &sum); err != nil {
				rows.Close()
				return err
			}
			applied[v] = sum
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for v := range applied {
			if v > len(ms) {
				return fmt.Errorf("sqlite: %s has schema version %d but this guildhall knows only %d; use a newer guildhall", db.Path, v, len(ms))
			}
		}
		for _, m := range ms {
			if sum, ok := applied[m.version]; ok {
				if sum != m.checksum {
					return fmt.Errorf("sqlite: migration %s differs from the one applied to %s; landed migrations must never be edited", m.name, db.Path)
				}
				continue
			}
			if _, err := tx.Tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("sqlite: apply %s: %w", m.name, err)
			}
			if _, err := tx.Tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)`,
				m.version, m.name, m.checksum, formatTime(tx.now)); err != nil {
				return fmt.Errorf("sqlite: record %s: %w", m.name, err)
			}
		}
		return nil
	})
}
