package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
)

// CommunityService implements community.Service.
type CommunityService struct{ db *DB }

var _ community.Service = (*CommunityService)(nil)

// NewCommunityService returns a CommunityService on db.
func NewCommunityService(db *DB) *CommunityService { return &CommunityService{db: db} }

const communitySelect = `SELECT c.id, c.name, c.about, c.stage,
	c.charter_why, c.charter_who, c.charter_vision, c.charter_goals, c.charter_principles, c.charter_updated_at,
	c.cadence, c.cadence_tz, c.created_at, c.updated_at,
	(SELECT count(*) FROM memberships m WHERE m.community_id = c.id),
	` + userColumns + `
	FROM communities c JOIN users u ON u.id = c.coordinator_id`

func scanCommunity(s scanner) (*community.Community, error) {
	c := &community.Community{}
	var goals, principles, cadence, cadenceTZ string
	coord := &guild.User{}
	err := s.Scan(&c.ID, &c.Name, &c.About, &c.Stage,
		&c.Charter.Why, &c.Charter.Who, &c.Charter.Vision, &goals, &principles, timeCol{&c.Charter.UpdatedAt},
		&cadence, &cadenceTZ, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt},
		&c.MemberCount,
		&coord.ID, &coord.Platform, &coord.PlatformID, &coord.Name, &coord.Department, &coord.Team, &coord.Role, &coord.TZ, timeCol{&coord.CreatedAt}, &coord.DMs)
	if err != nil {
		return nil, err
	}
	c.Coordinator = coord
	if err := json.Unmarshal([]byte(goals), &c.Charter.Goals); err != nil {
		return nil, fmt.Errorf("sqlite: community %d goals: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(principles), &c.Charter.Principles); err != nil {
		return nil, fmt.Errorf("sqlite: community %d principles: %w", c.ID, err)
	}
	// A stored cadence was validated when it was stored; it is parsed when
	// first used, not on every read.
	c.Cadence = community.Cadence{Spec: cadence, TZ: cadenceTZ}
	return c, nil
}

func findCommunity(ctx context.Context, tx querier, name string) (*community.Community, error) {
	c, err := scanCommunity(tx.QueryRowContext(ctx, communitySelect+` WHERE c.name_key = ?`, guild.NameKey(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, guild.Errorf(guild.ENOTFOUND, "There is no community called %q. /community list shows them all.", name)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find community: %w", err)
	}
	return c, nil
}

func isMember(ctx context.Context, tx querier, communityID, userID int64) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM memberships WHERE community_id = ? AND user_id = ?`, communityID, userID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("sqlite: check membership: %w", err)
	}
	return n > 0, nil
}

// storeErr passes *guild.Error through and wraps anything else.
func storeErr(what string, err error) error {
	if err == nil || guild.ErrorCode(err) != guild.EINTERNAL {
		return err
	}
	return fmt.Errorf("sqlite: %s: %w", what, err)
}

// CreateCommunity implements community.Service.
func (s *CommunityService) CreateCommunity(ctx context.Context, c *community.Community) error {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return err
	}
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.About = strings.TrimSpace(c.About)
	if err := c.Validate(); err != nil {
		return err
	}
	err = s.db.update(ctx, func(tx *Tx) error {
		if existing, err := findCommunity(ctx, tx, c.Name); err == nil {
			return guild.Errorf(guild.ECONFLICT, "A community called %s already exists: /community join %s", existing.Name, guild.QuoteArg(existing.Name))
		} else if guild.ErrorCode(err) != guild.ENOTFOUND {
			return err
		}
		now := formatTime(tx.now)
		res, err := tx.ExecContext(ctx, `INSERT INTO communities (name, name_key, about, coordinator_id, stage, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.Name, guild.NameKey(c.Name), c.About, me.ID, community.StagePotential, now, now)
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, user_id, joined_at) VALUES (?, ?, ?)`, c.ID, me.ID, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stage_changes (community_id, from_stage, to_stage, by_user_id, reason, at)
			VALUES (?, '', ?, ?, '', ?)`, c.ID, community.StagePotential, me.ID, now); err != nil {
			return err
		}
		c.Coordinator, c.Stage, c.MemberCount, c.CreatedAt, c.UpdatedAt = me, community.StagePotential, 1, tx.now, tx.now
		return nil
	})
	return storeErr("create community", err)
}

// FindCommunity implements community.Service.
func (s *CommunityService) FindCommunity(ctx context.Context, name string) (*community.Community, error) {
	c, err := findCommunity(ctx, s.db.reader(), name)
	return c, storeErr("find community", err)
}

// FindCommunities implements community.Service.
func (s *CommunityService) FindCommunities(ctx context.Context, f community.Filter) ([]*community.Community, int, error) {
	var conds []string
	var args []any
	if key := guild.NameKey(f.Search); key != "" {
		conds, args = append(conds, `instr(c.name_key, ?) > 0`), append(args, key)
	}
	if f.MemberID != 0 {
		conds = append(conds, `c.id IN (SELECT community_id FROM memberships WHERE user_id = ?)`)
		args = append(args, f.MemberID)
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := s.db.reader().QueryContext(ctx, communitySelect+where+` ORDER BY c.name_key LIMIT ? OFFSET ?`,
		append(args, limitOrAll(f.Limit), max(0, f.Offset))...)
	if err != nil {
		return nil, 0, storeErr("list communities", err)
	}
	defer rows.Close()
	var out []*community.Community
	for rows.Next() {
		c, err := scanCommunity(rows)
		if err != nil {
			return nil, 0, storeErr("list communities", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, storeErr("list communities", err)
	}
	total := len(out)
	if f.Offset > 0 || (f.Limit > 0 && len(out) == f.Limit) {
		err = s.db.reader().QueryRowContext(ctx, `SELECT count(*) FROM communities c`+where, args...).Scan(&total)
	}
	return out, total, storeErr("count communities", err)
}

// limitOrAll turns a Limit of 0 (no cap) into SQLite's -1.
func limitOrAll(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

// change runs fn in a write transaction on the community called name, as
// the acting user, and returns the community as fn left it. what names the
// operation in internal errors.
func (s *CommunityService) change(ctx context.Context, name, what string, fn func(tx *Tx, me *guild.User, c *community.Community) error) (*community.Community, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	var c *community.Community
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if c, err = findCommunity(ctx, tx, name); err != nil {
			return err
		}
		return fn(tx, me, c)
	})
	if err != nil {
		return nil, storeErr(what, err)
	}
	return c, nil
}

// JoinCommunity implements community.Service.
func (s *CommunityService) JoinCommunity(ctx context.Context, name string) (*community.Community, error) {
	return s.change(ctx, name, "join community", func(tx *Tx, me *guild.User, c *community.Community) error {
		if c.Stage == community.StageEnded {
			return guild.Errorf(guild.ECONFLICT, "%s has ended, so it takes no new members. Its coordinator %s or an organiser can move it to another stage.", c.Name, c.Coordinator.Handle())
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO memberships (community_id, user_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			c.ID, me.ID, formatTime(tx.now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return guild.Errorf(guild.ECONFLICT, "You are already a member of %s.", c.Name)
		}
		c.MemberCount++
		return nil
	})
}

// LeaveCommunity implements community.Service.
func (s *CommunityService) LeaveCommunity(ctx context.Context, name string) (*community.Community, error) {
	return s.change(ctx, name, "leave community", func(tx *Tx, me *guild.User, c *community.Community) error {
		if c.Coordinator.ID == me.ID {
			return guild.Errorf(guild.ECONFLICT, "You coordinate %s, so hand it over first: /community coordinator %s @member", c.Name, guild.QuoteArg(c.Name))
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE community_id = ? AND user_id = ?`, c.ID, me.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return guild.Errorf(guild.ECONFLICT, "You are not a member of %s.", c.Name)
		}
		c.MemberCount--
		return nil
	})
}

// UpdateCharter implements community.Service.
func (s *CommunityService) UpdateCharter(ctx context.Context, name string, upd community.CharterUpdate) (*community.Community, []*community.BacklogItem, error) {
	if err := upd.Validate(); err != nil {
		return nil, nil, err
	}
	var added []*community.BacklogItem
	c, err := s.change(ctx, name, "update charter", func(tx *Tx, me *guild.User, c *community.Community) error {
		if err := c.Authorize(me, "change the charter"); err != nil {
			return err
		}
		upd.Apply(&c.Charter)
		goals, _ := json.Marshal(nonNil(c.Charter.Goals))
		principles, _ := json.Marshal(nonNil(c.Charter.Principles))
		now := formatTime(tx.now)
		if _, err := tx.ExecContext(ctx, `UPDATE communities SET charter_why = ?, charter_who = ?, charter_vision = ?,
			charter_goals = ?, charter_principles = ?, charter_updated_at = ?, updated_at = ? WHERE id = ?`,
			c.Charter.Why, c.Charter.Who, c.Charter.Vision, string(goals), string(principles), now, now, c.ID); err != nil {
			return err
		}
		if upd.Goals != nil {
			for _, g := range *upd.Goals {
				item := &community.BacklogItem{CommunityID: c.ID, Title: g, State: community.BacklogOpen, CreatedAt: tx.now}
				err := tx.QueryRowContext(ctx, `INSERT INTO backlog_items (community_id, title, title_key, state, created_at)
					VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
					c.ID, g, guild.NameKey(g), community.BacklogOpen, now).Scan(&item.ID)
				if errors.Is(err, sql.ErrNoRows) {
					continue // the goal already has its backlog item
				}
				if err != nil {
					return err
				}
				added = append(added, item)
			}
		}
		c.Charter.UpdatedAt, c.UpdatedAt = tx.now, tx.now
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return c, added, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ChangeStage implements community.Service.
func (s *CommunityService) ChangeStage(ctx context.Context, name string, stage community.Stage, reason string) (*community.Community, *community.StageChange, error) {
	// Store the canonical stage, however it was typed.
	stage, err := community.ParseStage(string(stage))
	if err != nil {
		return nil, nil, err
	}
	reason = strings.TrimSpace(reason)
	if err := guild.CheckText("reason", reason, false); err != nil {
		return nil, nil, err
	}
	var change *community.StageChange
	c, err := s.change(ctx, name, "change stage", func(tx *Tx, me *guild.User, c *community.Community) error {
		if err := c.Authorize(me, "change the stage"); err != nil {
			return err
		}
		if c.Stage == stage {
			return guild.Errorf(guild.ECONFLICT, "%s is already in the %s stage.", c.Name, stage)
		}
		now := formatTime(tx.now)
		if _, err := tx.ExecContext(ctx, `UPDATE communities SET stage = ?, updated_at = ? WHERE id = ?`, stage, now, c.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO stage_changes (community_id, from_stage, to_stage, by_user_id, reason, at)
			VALUES (?, ?, ?, ?, ?, ?)`, c.ID, c.Stage, stage, me.ID, reason, now); err != nil {
			return err
		}
		change = &community.StageChange{From: c.Stage, To: stage, By: me, Reason: reason, At: tx.now}
		c.Stage, c.UpdatedAt = stage, tx.now
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return c, change, nil
}

// SetCadence implements community.Service.
func (s *CommunityService) SetCadence(ctx context.Context, name string, cad community.Cadence) (*community.Community, error) {
	if cad.IsZero() {
		cad = community.Cadence{} // no meeting, so no zone either
	} else {
		// Re-validated: the cadence may have been built by hand.
		remind := cad.Remind
		var err error
		if cad, err = community.ParseCadence(cad.Spec, cad.TZ); err != nil {
			return nil, err
		}
		cad.Remind = remind
	}
	return s.change(ctx, name, "set cadence", func(tx *Tx, me *guild.User, c *community.Community) error {
		if err := c.Authorize(me, "set the meeting cadence"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE communities SET cadence = ?, cadence_tz = ?, updated_at = ? WHERE id = ?`,
			cad.Spec, cad.TZ, formatTime(tx.now), c.ID); err != nil {
			return err
		}
		c.Cadence, c.UpdatedAt = cad, tx.now
		return setMeetingReminder(ctx, tx, c)
	})
}

// HandOver implements community.Service.
func (s *CommunityService) HandOver(ctx context.Context, name string, to *guild.User) (*community.Community, *guild.User, error) {
	if to == nil || to.ID == 0 {
		return nil, nil, guild.FieldErrorf("@member", "Mention the member who will coordinate, such as @alex.")
	}
	var from *guild.User
	c, err := s.change(ctx, name, "hand over", func(tx *Tx, me *guild.User, c *community.Community) error {
		if err := c.Authorize(me, "hand over the coordination"); err != nil {
			return err
		}
		if c.Coordinator.ID == to.ID {
			return guild.Errorf(guild.ECONFLICT, "%s already coordinates %s.", to.Handle(), c.Name)
		}
		member, err := isMember(ctx, tx, c.ID, to.ID)
		if err != nil {
			return err
		}
		if !member {
			return guild.Errorf(guild.EINVALID, "%s is not a member of %s; they need to /community join %s first.", to.Handle(), c.Name, guild.QuoteArg(c.Name))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE communities SET coordinator_id = ?, updated_at = ? WHERE id = ?`, to.ID, formatTime(tx.now), c.ID); err != nil {
			return err
		}
		from, c.Coordinator, c.UpdatedAt = c.Coordinator, to, tx.now
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return c, from, nil
}

// FindMembers implements community.Service.
func (s *CommunityService) FindMembers(ctx context.Context, f community.MemberFilter) ([]*community.Member, int, error) {
	// Only the predicates f needs, so SQLite can use the indexes; there are
	// at most sixteen such queries, all constant text, for the statement cache.
	var where []string
	var args []any
	if f.CommunityID != 0 {
		where, args = append(where, "m.community_id = ?"), append(args, f.CommunityID)
	}
	if f.UserID != 0 {
		where, args = append(where, "m.user_id = ?"), append(args, f.UserID)
	}
	if f.ExceptUserID != 0 {
		where, args = append(where, "m.user_id <> ?"), append(args, f.ExceptUserID)
	}
	if f.Role != "" {
		where, args = append(where, "u.role_key = ?"), append(args, guild.NameKey(f.Role))
	}
	from := ` FROM memberships m JOIN users u ON u.id = m.user_id JOIN communities c ON c.id = m.community_id`
	if len(where) > 0 {
		from += ` WHERE ` + strings.Join(where, " AND ")
	}
	rows, err := s.db.reader().QueryContext(ctx, `SELECT m.community_id, `+userColumns+`, m.joined_at, u.id = c.coordinator_id`+from+`
		ORDER BY m.joined_at DESC, m.user_id DESC, m.community_id LIMIT ?`, append(args, limitOrAll(f.Limit))...)
	if err != nil {
		return nil, 0, storeErr("list members", err)
	}
	defer rows.Close()
	var out []*community.Member
	for rows.Next() {
		m := &community.Member{}
		u, err := scanUser(rowsAfter{rows, []any{&m.CommunityID}}, timeCol{&m.JoinedAt}, &m.Coordinator)
		if err != nil {
			return nil, 0, storeErr("list members", err)
		}
		m.User = u
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, storeErr("list members", err)
	}
	total := len(out)
	if f.Limit > 0 && len(out) == f.Limit {
		err = s.db.reader().QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&total)
	}
	return out, total, storeErr("count members", err)
}

// FindStageChanges implements community.Service.
func (s *CommunityService) FindStageChanges(ctx context.Context, communityID int64) ([]*community.StageChange, error) {
	rows, err := s.db.reader().QueryContext(ctx, `SELECT s.from_stage, s.to_stage, s.reason, s.at, `+userColumns+`
		FROM stage_changes s JOIN users u ON u.id = s.by_user_id WHERE s.community_id = ? ORDER BY s.id`, communityID)
	if err != nil {
		return nil, storeErr("list stage changes", err)
	}
	defer rows.Close()
	var out []*community.StageChange
	for rows.Next() {
		sc := &community.StageChange{}
		u, err := scanUser(rowsAfter{rows, []any{&sc.From, &sc.To, &sc.Reason, timeCol{&sc.At}}})
		if err != nil {
			return nil, storeErr("list stage changes", err)
		}
		sc.By = u
		out = append(out, sc)
	}
	return out, storeErr("list stage changes", rows.Err())
}

// rowsAfter scans leading columns into before and hands the rest on.
type rowsAfter struct {
	s      scanner
	before []any
}

// Scan implements scanner.
func (r rowsAfter) Scan(dest ...any) error { return r.s.Scan(append(r.before, dest...)...) }

// FindBacklog implements community.Service.
func (s *CommunityService) FindBacklog(ctx context.Context, communityID int64) ([]*community.BacklogItem, error) {
	rows, err := s.db.reader().QueryContext(ctx, `SELECT id, community_id, title, state, created_at FROM backlog_items
		WHERE community_id = ? ORDER BY id`, communityID)
	if err != nil {
		return nil, storeErr("list backlog", err)
	}
	defer rows.Close()
	var out []*community.BacklogItem
	for rows.Next() {
		b := &community.BacklogItem{}
		if err := rows.Scan(&b.ID, &b.CommunityID, &b.Title, &b.State, timeCol{&b.CreatedAt}); err != nil {
			return nil, storeErr("list backlog", err)
		}
		out = append(out, b)
	}
	return out, storeErr("list backlog", rows.Err())
}
