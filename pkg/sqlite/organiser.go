package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// OrganiserService implements guild.OrganiserService.
type OrganiserService struct{ db *DB }

var _ guild.OrganiserService = (*OrganiserService)(nil)

// NewOrganiserService returns an OrganiserService on db.
func NewOrganiserService(db *DB) *OrganiserService { return &OrganiserService{db: db} }

// organiserEntry normalises an entry: "platform:id" keeps the id as given
// with the platform lower-cased; a bare name becomes its console id.
func organiserEntry(entry string) string {
	entry = strings.TrimPrefix(strings.TrimSpace(entry), "@")
	if platform, id, ok := strings.Cut(entry, ":"); ok {
		return strings.ToLower(strings.TrimSpace(platform)) + ":" + strings.TrimSpace(id)
	}
	return guild.ConsoleID(entry)
}

// organiserEntries returns the stored entries that would name u: its
// "platform:id", and for a console user its bare name.
func organiserEntries(u *guild.User) (platformEntry, bareEntry string) {
	platformEntry = organiserEntry(u.Platform + ":" + u.PlatformID)
	bareEntry = platformEntry
	if u.Platform == guild.PlatformConsole {
		bareEntry = u.PlatformID
	}
	return platformEntry, bareEntry
}

// AddOrganiser implements guild.OrganiserService.
func (s *OrganiserService) AddOrganiser(ctx context.Context, entry string) error {
	e := organiserEntry(entry)
	if err := guild.CheckName("organiser", e, true); err != nil {
		return err
	}
	return s.db.update(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO organisers (entry, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, e, formatTime(tx.now))
		if err != nil {
			return fmt.Errorf("sqlite: add organiser: %w", err)
		}
		return nil
	})
}

// RemoveOrganiser implements guild.OrganiserService.
func (s *OrganiserService) RemoveOrganiser(ctx context.Context, entry string) error {
	e := organiserEntry(entry)
	return s.db.update(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM organisers WHERE entry = ?`, e)
		if err != nil {
			return fmt.Errorf("sqlite: remove organiser: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return guild.Errorf(guild.ENOTFOUND, "%s is not on the organiser list.", e)
		}
		return nil
	})
}

// Organisers implements guild.OrganiserService.
func (s *OrganiserService) Organisers(ctx context.Context) ([]string, error) {
	var out []string
	err := s.db.view(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT entry FROM organisers ORDER BY entry`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e string
			if err := rows.Scan(&e); err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: list organisers: %w", err)
	}
	return out, nil
}
