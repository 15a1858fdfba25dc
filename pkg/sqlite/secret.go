package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
)

// SecretSize is the length in bytes of a secret Secret makes.
const SecretSize = 32

// Secret returns the secret called name, such as the key that signs the
// links to the feedback pages, making a random one the first time it is
// asked for. Every process on the database gets the same one.
func (db *DB) Secret(ctx context.Context, name string) ([]byte, error) {
	var v []byte
	err := db.reader().QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&v)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: secret %s: %w", name, err)
	}
	err = db.update(ctx, func(tx *Tx) error {
		fresh := make([]byte, SecretSize)
		_, _ = rand.Read(fresh) // crypto/rand.Read never fails; it aborts the program instead
		if _, err := tx.ExecContext(ctx, `INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			name, fresh, formatTime(tx.now)); err != nil {
			return err
		}
		// Another process may have made it first: take whichever is stored.
		return tx.QueryRowContext(ctx, `SELECT value FROM secrets WHERE name = ?`, name).Scan(&v)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: secret %s: %w", name, err)
	}
	return v, nil
}
