package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// UserService implements guild.UserService.
type UserService struct {
	db *DB
	// Organisers are entries (see guild.OrganiserService) that count as
	// organisers besides those stored, such as GUILDHALL_ORGANISERS.
	Organisers []string
}

var _ guild.UserService = (*UserService)(nil)

// NewUserService returns a UserService on db.
func NewUserService(db *DB) *UserService { return &UserService{db: db} }

const userColumns = `u.id, u.platform, u.platform_id, u.name, u.department, u.team, u.role, u.tz, u.created_at, u.dms`

type scanner interface{ Scan(dest ...any) error }

// Resolve implements guild.UserService. The common case, a known user
// whose name has not changed, is one prepared read that also says whether
// they are on the stored organiser list.
func (s *UserService) Resolve(ctx context.Context, in *guild.User) (*guild.User, error) {
	if in.Platform == "" || in.PlatformID == "" {
		return nil, fmt.Errorf("sqlite: resolve user: platform and platform id are required")
	}
	if err := guild.CheckName("name", in.Name, true); err != nil {
		return nil, err
	}
	probe := &guild.User{Platform: in.Platform, PlatformID: in.PlatformID}
	platformEntry, bareEntry := organiserEntries(probe)
	var stored bool
	u, err := scanUser(s.db.reader().QueryRowContext(ctx, `SELECT `+userColumns+`,
		EXISTS (SELECT 1 FROM organisers WHERE entry IN (?, ?))
		FROM users u WHERE platform = ? AND platform_id = ?`,
		platformEntry, bareEntry, in.Platform, in.PlatformID), &stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		u = nil
	case err != nil:
		return nil, fmt.Errorf("sqlite: resolve user: %w", err)
	}
	if u == nil || u.Name != in.Name {
		err = s.db.update(ctx, func(tx *Tx) error {
			tz := in.TZ
			if _, err := guild.LoadLocation("tz", tz); err != nil {
				tz = ""
			}
			row := tx.QueryRowContext(ctx, `
				INSERT INTO users (platform, platform_id, name, name_key, tz, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (platform, platform_id) DO UPDATE
					SET name = excluded.name, name_key = excluded.name_key, updated_at = excluded.updated_at
				RETURNING `+strings.ReplaceAll(userColumns, "u.", "")+`,
				EXISTS (SELECT 1 FROM organisers WHERE entry IN (?, ?))`,
				in.Platform, in.PlatformID, in.Name, guild.NameKey(in.Name), tz, formatTime(tx.now), formatTime(tx.now),
				platformEntry, bareEntry)
			var err error
			u, err = scanUser(row, &stored)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("sqlite: store user: %w", err)
		}
	}
	u.Organiser = stored || s.listed(u)
	return u, nil
}

// User returns the user with the store's id, with Organiser computed as
// Resolve does, or ENOTFOUND: the web pages look up by it whom a signed
// link was made for.
func (s *UserService) User(ctx context.Context, id int64) (*guild.User, error) {
	q := s.db.reader()
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, guild.Errorf(guild.ENOTFOUND, "I don't know that user.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find user %d: %w", id, err)
	}
	platformEntry, bareEntry := organiserEntries(u)
	var stored bool
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM organisers WHERE entry IN (?, ?))`, platformEntry, bareEntry).Scan(&stored); err != nil {
		return nil, fmt.Errorf("sqlite: find user %d: %w", id, err)
	}
	u.Organiser = stored || s.listed(u)
	return u, nil
}

// listed reports whether u is on the Organisers list given at start-up.
func (s *UserService) listed(u *guild.User) bool {
	for _, e := range s.Organisers {
		if guild.IsOrganiserEntry(e, u) {
			return true
		}
	}
	return false
}

// queryUsers returns the users a query of the userColumns selects, in its
// order. It reads them all before returning, so that the caller may write
// in the same transaction.
func queryUsers(ctx context.Context, q querier, query string, args ...any) ([]*guild.User, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*guild.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// scanUser scans the userColumns, then any extra columns into extra.
func scanUser(s scanner, extra ...any) (*guild.User, error) {
	u := &guild.User{}
	dest := append([]any{&u.ID, &u.Platform, &u.PlatformID, &u.Name, &u.Department, &u.Team, &u.Role, &u.TZ, timeCol{&u.CreatedAt}, &u.DMs}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	return u, nil
}

func findUserByPlatformID(ctx context.Context, tx querier, platform, id string) (*guild.User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE platform = ? AND platform_id = ?`, platform, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, guild.Errorf(guild.ENOTFOUND, "I don't know that user yet.")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find user: %w", err)
	}
	return u, nil
}

// FindUser implements guild.UserService.
func (s *UserService) FindUser(ctx context.Context, platform, ref string) (*guild.User, error) {
	ref = strings.TrimPrefix(strings.TrimSpace(ref), "@")
	var found []*guild.User
	err := s.db.view(ctx, func(tx *Tx) error {
		id := ref
		if platform == guild.PlatformConsole {
			id = guild.ConsoleID(ref)
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users u
			WHERE platform = ? AND (platform_id = ? OR name_key = ?) ORDER BY platform_id = ? DESC, id LIMIT 3`,
			platform, id, guild.NameKey(ref), id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
			found = append(found, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: find user: %w", err)
	}
	switch {
	case len(found) == 0:
		return nil, guild.Errorf(guild.ENOTFOUND, "I don't know anyone called @%s yet: they need to talk to me once first.", ref)
	case len(found) > 1 && found[0].PlatformID != ref && found[0].PlatformID != guild.ConsoleID(ref):
		return nil, guild.Errorf(guild.ECONFLICT, "More than one person is called @%s; mention them so I can tell who you mean.", ref)
	}
	return found[0], nil
}

// UpdateProfile implements guild.UserService.
func (s *UserService) UpdateProfile(ctx context.Context, p guild.Profile) (*guild.User, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var u *guild.User
	err = s.db.update(ctx, func(tx *Tx) error {
		set := func(p *string, cur string) string {
			if p == nil {
				return cur
			}
			return strings.Join(strings.Fields(*p), " ")
		}
		cur, err := findUserByPlatformID(ctx, tx, me.Platform, me.PlatformID)
		if err != nil {
			return err
		}
		role := set(p.Role, cur.Role)
		dms := cur.DMs
		if p.DMs != nil {
			dms = *p.DMs
		}
		row := tx.QueryRowContext(ctx, `UPDATE users SET department = ?, team = ?, role = ?, role_key = ?, tz = ?, dms = ?, updated_at = ?
			WHERE id = ? RETURNING `+strings.ReplaceAll(userColumns, "u.", ""),
			set(p.Department, cur.Department), set(p.Team, cur.Team), role, guild.NameKey(role), set(p.TZ, cur.TZ), dms,
			formatTime(tx.now), cur.ID)
		u, err = scanUser(row)
		return err
	})
	if err != nil {
		if guild.ErrorCode(err) == guild.EINTERNAL {
			return nil, fmt.Errorf("sqlite: update profile: %w", err)
		}
		return nil, err
	}
	u.Organiser = me.Organiser
	return u, nil
}
