package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// EventService implements event.Service.
type EventService struct{ db *DB }

var _ event.Service = (*EventService)(nil)

// NewEventService returns an EventService on db.
func NewEventService(db *DB) *EventService { return &EventService{db: db} }

const eventColumns = `e.id, e.name, e.day, e.start_min, e.end_min, e.tz, e.rooms, e.created_at, e.breaks, e.channel`

const eventSelect = `SELECT ` + eventColumns + `, ` + userColumns + ` FROM events e JOIN users u ON u.id = e.created_by`

// scanEvent scans the eventColumns, then extra.
func scanEvent(s scanner, extra ...any) (*event.Event, error) {
	e := &event.Event{}
	var day, rooms, breaks string
	err := s.Scan(append([]any{&e.ID, &e.Name, &day, &e.Start, &e.End, &e.TZ, &rooms, timeCol{&e.CreatedAt}, &breaks, &e.Channel}, extra...)...)
	if err != nil {
		return nil, err
	}
	if e.Day, err = time.Parse(time.DateOnly, day); err != nil {
		return nil, fmt.Errorf("sqlite: event %d day: %w", e.ID, err)
	}
	if err := json.Unmarshal([]byte(rooms), &e.Rooms); err != nil {
		return nil, fmt.Errorf("sqlite: event %d rooms: %w", e.ID, err)
	}
	if breaks != "" {
		if err := json.Unmarshal([]byte(breaks), &e.Breaks); err != nil {
			return nil, fmt.Errorf("sqlite: event %d breaks: %w", e.ID, err)
		}
	}
	return e, nil
}

// SetBreaks implements event.Service.
func (s *EventService) SetBreaks(ctx context.Context, name string, breaks []event.Break) (*event.Event, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if !me.Organiser {
		return nil, guild.Errorf(guild.EFORBIDDEN, "Only organisers set an event's breaks.")
	}
	var e *event.Event
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if e, err = findEvent(ctx, tx, name); err != nil {
			return err
		}
		raw := ""
		if breaks != nil {
			b, _ := json.Marshal(breaks)
			raw = string(b)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET breaks = ?, updated_at = ? WHERE id = ?`, raw, formatTime(tx.now), e.ID); err != nil {
			return err
		}
		e.Breaks = breaks
		return nil
	})
	return e, storeErr("set breaks", err)
}

// SetChannel implements event.Service.
func (s *EventService) SetChannel(ctx context.Context, name string, channel string) (*event.Event, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if !me.Organiser {
		return nil, guild.Errorf(guild.EFORBIDDEN, "Only organisers set an event's channel.")
	}
	if err := event.CheckChannel(channel); err != nil {
		return nil, err
	}
	var e *event.Event
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if e, err = findEvent(ctx, tx, name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET channel = ?, updated_at = ? WHERE id = ?`, channel, formatTime(tx.now), e.ID); err != nil {
			return err
		}
		e.Channel = channel
		return nil
	})
	return e, storeErr("set channel", err)
}

func scanEventWithCreator(s scanner) (*event.Event, error) {
	u := &guild.User{}
	e, err := scanEvent(s, &u.ID, &u.Platform, &u.PlatformID, &u.Name, &u.Department, &u.Team, &u.Role, &u.TZ, timeCol{&u.CreatedAt}, &u.DMs)
	if err != nil {
		return nil, err
	}
	e.CreatedBy = u
	return e, nil
}

func findEvent(ctx context.Context, q querier, name string) (*event.Event, error) {
	e, err := scanEventWithCreator(q.QueryRowContext(ctx, eventSelect+` WHERE e.name_key = ?`, guild.NameKey(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, guild.Errorf(guild.ENOTFOUND, "There is no event called %q. An organiser creates one with /event create.", name)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find event: %w", err)
	}
	return e, nil
}

// CreateEvent implements event.Service.
func (s *EventService) CreateEvent(ctx context.Context, e *event.Event) error {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return err
	}
	if !me.Organiser {
		return guild.Errorf(guild.EFORBIDDEN, "Only organisers create events; /help event says who they are.")
	}
	e.Name = strings.Join(strings.Fields(e.Name), " ")
	if err := e.Validate(s.db.Now()); err != nil {
		return err
	}
	rooms, err := json.Marshal(e.Rooms)
	if err != nil {
		return err
	}
	err = s.db.update(ctx, func(tx *Tx) error {
		if old, err := findEvent(ctx, tx, e.Name); err == nil {
			return &guild.Error{Code: guild.ECONFLICT, Field: "NAME",
				Message: fmt.Sprintf("There is already an event called %s: /event show %s", old.Name, guild.QuoteArg(old.Name))}
		} else if guild.ErrorCode(err) != guild.ENOTFOUND {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO events (name, name_key, day, start_min, end_min, tz, rooms, channel, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Name, guild.NameKey(e.Name), e.Day.Format(time.DateOnly), e.Start, e.End, e.TZ, string(rooms), e.Channel, me.ID, formatTime(tx.now), formatTime(tx.now))
		if err != nil {
			return err
		}
		if e.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		e.CreatedBy, e.CreatedAt = me, tx.now
		// Every event's survey is set to go out by itself when it ends.
		_, err = scheduleEventSurvey(ctx, tx, e)
		return err
	})
	return storeErr("create event", err)
}

// FindEvent implements event.Service.
func (s *EventService) FindEvent(ctx context.Context, name string) (*event.Event, error) {
	e, err := findEvent(ctx, s.db.reader(), name)
	return e, storeErr("find event", err)
}

// FindEvents implements event.Service.
func (s *EventService) FindEvents(ctx context.Context, from time.Time) ([]*event.Event, error) {
	rows, err := s.db.reader().QueryContext(ctx, eventSelect+` WHERE e.day >= ? ORDER BY e.day, e.start_min, e.id LIMIT 50`, from.Format(time.DateOnly))
	if err != nil {
		return nil, storeErr("list events", err)
	}
	defer rows.Close()
	var out []*event.Event
	for rows.Next() {
		e, err := scanEventWithCreator(rows)
		if err != nil {
			return nil, storeErr("list events", err)
		}
		out = append(out, e)
	}
	return out, storeErr("list events", rows.Err())
}

// roleChange runs fn in a write transaction on an event, as an organiser.
func (s *EventService) roleChange(ctx context.Context, name string, a *event.Assignment, fn func(tx *Tx, me *guild.User, e *event.Event) error) (*event.Event, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	if !me.Organiser {
		return nil, guild.Errorf(guild.EFORBIDDEN, "Only organisers hand out the roles on the day.")
	}
	if a.User == nil {
		return nil, guild.FieldErrorf("@user", "Mention who takes the role, such as @alex.")
	}
	var e *event.Event
	err = s.db.update(ctx, func(tx *Tx) error {
		var err error
		if e, err = findEvent(ctx, tx, name); err != nil {
			return err
		}
		info := a.Role.Info()
		if info.PerTalk && a.Talk == 0 {
			return guild.FieldErrorf("talk", "A %s is ready for one talk: add talk=ID, such as talk=#12.", info.Title)
		}
		if !info.PerTalk && a.Talk != 0 {
			return guild.FieldErrorf("talk", "A %s serves the whole day; leave out talk=.", info.Title)
		}
		if a.Talk != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM submissions s JOIN calls c ON c.id = s.call_id
				WHERE s.id = ? AND c.event_id = ?`, a.Talk, e.ID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return guild.FieldErrorf("talk", "#%d is not a talk submitted to %s.", a.Talk, e.Name)
			}
		}
		a.EventID, a.AssignedBy, a.AssignedAt = e.ID, me, tx.now
		return fn(tx, me, e)
	})
	return e, storeErr("assign role", err)
}

// AssignRole implements event.Service.
func (s *EventService) AssignRole(ctx context.Context, name string, a *event.Assignment) (*event.Event, error) {
	return s.roleChange(ctx, name, a, func(tx *Tx, me *guild.User, e *event.Event) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO event_roles (event_id, role, user_id, submission_id, assigned_by, assigned_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, e.ID, string(a.Role), a.User.ID, a.Talk, me.ID, formatTime(tx.now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return guild.Errorf(guild.ECONFLICT, "%s is already %s at %s.", a.User.Handle(), withArticle(a.Role.Info().Title), e.Name)
		}
		return nil
	})
}

// UnassignRole implements event.Service.
func (s *EventService) UnassignRole(ctx context.Context, name string, a *event.Assignment) (*event.Event, error) {
	return s.roleChange(ctx, name, a, func(tx *Tx, me *guild.User, e *event.Event) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM event_roles WHERE event_id = ? AND role = ? AND user_id = ? AND submission_id = ?`,
			e.ID, string(a.Role), a.User.ID, a.Talk)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return guild.Errorf(guild.ECONFLICT, "%s is not %s at %s.", a.User.Handle(), withArticle(a.Role.Info().Title), e.Name)
		}
		return nil
	})
}

func withArticle(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// FindAssignments implements event.Service.
func (s *EventService) FindAssignments(ctx context.Context, eventID int64) ([]*event.Assignment, error) {
	rows, err := s.db.reader().QueryContext(ctx, `SELECT r.role, r.submission_id, r.assigned_at, `+userColumns+`
		FROM event_roles r JOIN users u ON u.id = r.user_id WHERE r.event_id = ? ORDER BY r.assigned_at, u.name_key`, eventID)
	if err != nil {
		return nil, storeErr("list roles", err)
	}
	defer rows.Close()
	byRole := map[event.Role][]*event.Assignment{}
	for rows.Next() {
		a := &event.Assignment{EventID: eventID}
		u, err := scanUser(rowsAfter{rows, []any{&a.Role, &a.Talk, timeCol{&a.AssignedAt}}})
		if err != nil {
			return nil, storeErr("list roles", err)
		}
		a.User = u
		byRole[a.Role] = append(byRole[a.Role], a)
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("list roles", err)
	}
	var out []*event.Assignment
	for _, info := range event.Roles {
		out = append(out, byRole[info.Role]...)
	}
	return out, nil
}
