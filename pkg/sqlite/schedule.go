package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/schedule"
)

// ScheduleService implements schedule.Service.
type ScheduleService struct {
	db *DB
	// Compose writes the messages a release sends.
	Compose remind.Composer
}

var _ schedule.Service = (*ScheduleService)(nil)

// NewScheduleService returns a ScheduleService on db.
func NewScheduleService(db *DB, compose remind.Composer) *ScheduleService {
	return &ScheduleService{db: db, Compose: compose}
}

// lineUpStates are the states of talks a schedule places.
const lineUpStates = `('accepted', 'offered', 'confirmed')`

// scheduleInputs loads what a schedule of the event needs: the event, its
// call, and the talks in its line-up with their speakers.
func scheduleInputs(ctx context.Context, q querier, name string) (*event.Event, []*cfp.Submission, error) {
	ev, err := findEvent(ctx, q, name)
	if err != nil {
		return nil, nil, err
	}
	c, err := findCall(ctx, q, ev.Name)
	if guild.ErrorCode(err) == guild.ENOTFOUND {
		return ev, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT `+submissionColumns+` FROM submissions s JOIN calls c ON c.id = s.call_id
		WHERE s.call_id = ? AND s.state IN `+lineUpStates+` ORDER BY s.id`, c.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: line-up: %w", err)
	}
	var subs []*cfp.Submission
	for rows.Next() {
		s, err := scanSubmission(rows)
		if err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("sqlite: line-up: %w", err)
		}
		subs = append(subs, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return ev, subs, loadSpeakers(ctx, q, subs)
}

// submissionsByID loads the named submissions with their speakers, in
// whatever state they are now.
func submissionsByID(ctx context.Context, q querier, ids []int64) (map[int64]*cfp.Submission, error) {
	out := map[int64]*cfp.Submission{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+submissionColumns+` FROM submissions s JOIN calls c ON c.id = s.call_id
		WHERE s.id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlite: submissions: %w", err)
	}
	var subs []*cfp.Submission
	for rows.Next() {
		s, err := scanSubmission(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		subs = append(subs, s)
		out[s.ID] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, loadSpeakers(ctx, q, subs)
}

// program describes placements as people read them, from the talks as
// they are now.
func program(ctx context.Context, q querier, ev *event.Event, ps []schedule.Placement) (*schedule.Program, error) {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.Talk
	}
	subs, err := submissionsByID(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	p := &schedule.Program{Event: ev, Rooms: ev.Rooms, Breaks: ev.DayBreaks()}
	for _, pl := range ps {
		if s, ok := subs[pl.Talk]; ok {
			p.Items = append(p.Items, schedule.ItemOf(pl, s))
		}
	}
	p.Sort()
	return p, nil
}

// draftRow is a stored draft.
type draftRow struct {
	placements []schedule.Placement
	report     schedule.Report
	by         string
	at         time.Time
}

// findDraftRow returns the event's stored draft, nil when there is none.
func findDraftRow(ctx context.Context, q querier, eventID int64) (*draftRow, error) {
	var placements, report, by string
	var at time.Time
	err := q.QueryRowContext(ctx, `SELECT d.placements, d.report, u.name, d.updated_at FROM schedule_drafts d JOIN users u ON u.id = d.built_by
		WHERE d.event_id = ?`, eventID).Scan(&placements, &report, &by, timeCol{&at})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find draft: %w", err)
	}
	d := &draftRow{by: by, at: at}
	if err := json.Unmarshal([]byte(placements), &d.placements); err != nil {
		return nil, fmt.Errorf("sqlite: draft placements: %w", err)
	}
	if err := json.Unmarshal([]byte(report), &d.report); err != nil {
		return nil, fmt.Errorf("sqlite: draft report: %w", err)
	}
	return d, nil
}

// saveDraft stores the event's draft, replacing any.
func saveDraft(ctx context.Context, tx *Tx, eventID int64, ps []schedule.Placement, rep schedule.Report, by *guild.User) error {
	placements, err := json.Marshal(ps)
	if err != nil {
		return err
	}
	report, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO schedule_drafts (event_id, placements, report, seed, built_by, built_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (event_id) DO UPDATE SET placements = excluded.placements, report = excluded.report, seed = excluded.seed,
			built_by = excluded.built_by, updated_at = excluded.updated_at`,
		eventID, string(placements), string(report), rep.Seed, by.ID, formatTime(tx.now), formatTime(tx.now))
	return err
}

// findReleaseRow returns release version of the event, the latest with
// version 0, or nil when there is none.
func findReleaseRow(ctx context.Context, q querier, ev *event.Event, version int) (*schedule.Program, error) {
	query := `SELECT version, program FROM schedule_releases WHERE event_id = ? AND version = ?`
	args := []any{ev.ID, version}
	if version == 0 {
		query = `SELECT version, program FROM schedule_releases WHERE event_id = ? ORDER BY version DESC LIMIT 1`
		args = args[:1]
	}
	var raw string
	p := &schedule.Program{}
	err := q.QueryRowContext(ctx, query, args...).Scan(&p.Version, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find release: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), p); err != nil {
		return nil, fmt.Errorf("sqlite: release %d of event %d: %w", p.Version, ev.ID, err)
	}
	p.Event = ev
	return p, nil
}

// actingOrganiser returns the acting user, or EFORBIDDEN unless they
// are an organiser.
func actingOrganiser(ctx context.Context, what string) (*guild.User, error) {
	me, err := guild.ActingUser(ctx)
	if err != nil {
		return nil, err
	}
	return me, organiserOnly(me, what)
}

// Build implements schedule.Service.
func (s *ScheduleService) Build(ctx context.Context, name string, o schedule.BuildOptions) (*schedule.Draft, error) {
	me, err := actingOrganiser(ctx, "build schedules")
	if err != nil {
		return nil, err
	}
	var d *schedule.Draft
	err = s.db.update(ctx, func(tx *Tx) error {
		ev, subs, err := scheduleInputs(ctx, tx, name)
		if err != nil {
			return err
		}
		if len(subs) == 0 {
			return guild.Errorf(guild.ECONFLICT, "%s has no accepted talks to schedule yet; /cfp decide ID accept adds them to the line-up.", ev.Name)
		}
		previous := ""
		if old, err := findDraftRow(ctx, tx, ev.ID); err != nil {
			return err
		} else if old != nil {
			o.Previous, previous = old.placements, "the draft"
		} else if rel, err := findReleaseRow(ctx, tx, ev, 0); err != nil {
			return err
		} else if rel != nil {
			o.Previous, previous = rel.Placements(), "release "+strconv.Itoa(rel.Version)
		}
		ps, rep, err := schedule.Build(ev, subs, o)
		if err != nil {
			return err
		}
		if !o.Fresh {
			rep.Previous = previous
		}
		if err := saveDraft(ctx, tx, ev.ID, ps, rep, me); err != nil {
			return err
		}
		d, err = s.draft(ctx, tx, ev, &draftRow{placements: ps, report: rep, by: me.Name, at: tx.now}, subs)
		return err
	})
	return d, storeErr("build schedule", err)
}

// draft describes a stored draft, with the line-up talks it lacks and the
// talks on it no longer in the line-up.
func (s *ScheduleService) draft(ctx context.Context, q querier, ev *event.Event, row *draftRow, lineUp []*cfp.Submission) (*schedule.Draft, error) {
	p, err := program(ctx, q, ev, row.placements)
	if err != nil {
		return nil, err
	}
	p.At, p.By = row.at, row.by
	d := &schedule.Draft{Program: *p, Report: row.report}
	in := map[int64]bool{}
	for _, sub := range lineUp {
		in[sub.ID] = true
		if _, ok := p.Item(sub.ID); !ok {
			d.Missing = append(d.Missing, sub.ID)
		}
	}
	for _, it := range p.Items {
		if !in[it.Talk] {
			d.Gone = append(d.Gone, it.Talk)
		}
	}
	slices.Sort(d.Gone)
	return d, nil
}

// FindDraft implements schedule.Service.
func (s *ScheduleService) FindDraft(ctx context.Context, name string) (*schedule.Draft, error) {
	if _, err := actingOrganiser(ctx, "see draft schedules"); err != nil {
		return nil, err
	}
	var d *schedule.Draft
	err := s.db.view(ctx, func(tx *Tx) error {
		ev, subs, err := scheduleInputs(ctx, tx, name)
		if err != nil {
			return err
		}
		row, err := findDraftRow(ctx, tx, ev.ID)
		if err != nil {
			return err
		}
		if row == nil {
			return guild.Errorf(guild.ENOTFOUND, "%s has no draft schedule; /schedule build %s makes one.", ev.Name, guild.QuoteArg(ev.Name))
		}
		d, err = s.draft(ctx, tx, ev, row, subs)
		return err
	})
	return d, storeErr("find draft", err)
}

// Move implements schedule.Service.
func (s *ScheduleService) Move(ctx context.Context, talk int64, room string, start int) (*schedule.Draft, *schedule.Item, schedule.Placement, error) {
	var from schedule.Placement
	me, err := actingOrganiser(ctx, "move talks on the schedule")
	if err != nil {
		return nil, nil, from, err
	}
	var d *schedule.Draft
	var moved *schedule.Item
	err = s.db.update(ctx, func(tx *Tx) error {
		sub, err := findSubmission(ctx, tx, talk)
		if err != nil {
			return err
		}
		c, err := findCallByID(ctx, tx, sub.CallID)
		if err != nil {
			return err
		}
		if c.Event == nil {
			return guild.Errorf(guild.ECONFLICT, "#%d is in %s's standing call, which has no event day to schedule.", talk, c.Name)
		}
		ev, subs, err := scheduleInputs(ctx, tx, c.Event.Name)
		if err != nil {
			return err
		}
		row, err := findDraftRow(ctx, tx, ev.ID)
		if err != nil {
			return err
		}
		if row == nil {
			rel, err := findReleaseRow(ctx, tx, ev, 0)
			if err != nil {
				return err
			}
			if rel == nil {
				return guild.Errorf(guild.ENOTFOUND, "%s has no schedule yet; /schedule build %s makes a draft.", ev.Name, guild.QuoteArg(ev.Name))
			}
			row = &draftRow{placements: rel.Placements(), report: schedule.Report{Previous: "release " + strconv.Itoa(rel.Version)}}
		}
		p, err := program(ctx, tx, ev, row.placements)
		if err != nil {
			return err
		}
		it, ok := p.Item(talk)
		if !ok {
			return guild.Errorf(guild.ECONFLICT, "#%d is not on %s's draft schedule; /schedule build %s places the line-up's new talks.", talk, ev.Name, guild.QuoteArg(ev.Name))
		}
		from = it.Placement
		to := it.Placement
		to.Start = start
		if room != "" {
			to.Room = room // CheckMove names the rooms there are
			if r, ok := p.Room(room); ok {
				to.Room = r.Name
			}
		}
		if err := p.CheckMove(ev, it, to, sub.Available); err != nil {
			return err
		}
		for i := range row.placements {
			if row.placements[i].Talk == talk {
				row.placements[i] = to
			}
		}
		row.report.Moved++
		if err := saveDraft(ctx, tx, ev.ID, row.placements, row.report, me); err != nil {
			return err
		}
		row.by, row.at = me.Name, tx.now
		if d, err = s.draft(ctx, tx, ev, row, subs); err != nil {
			return err
		}
		moved, _ = d.Item(talk)
		return nil
	})
	return d, moved, from, storeErr("move talk", err)
}

// Publish implements schedule.Service.
func (s *ScheduleService) Publish(ctx context.Context, name string) (*schedule.Release, error) {
	me, err := actingOrganiser(ctx, "publish schedules")
	if err != nil {
		return nil, err
	}
	var rel *schedule.Release
	err = s.db.update(ctx, func(tx *Tx) error {
		ev, subs, err := scheduleInputs(ctx, tx, name)
		if err != nil {
			return err
		}
		row, err := findDraftRow(ctx, tx, ev.ID)
		if err != nil {
			return err
		}
		if row == nil {
			return guild.Errorf(guild.ENOTFOUND, "%s has no draft schedule to publish; /schedule build %s makes one.", ev.Name, guild.QuoteArg(ev.Name))
		}
		d, err := s.draft(ctx, tx, ev, row, subs)
		if err != nil {
			return err
		}
		if len(d.Gone) > 0 || len(d.Missing) > 0 {
			return guild.Errorf(guild.ECONFLICT, "The draft is out of date: %s. /schedule build %s brings it up to date, moving as little as it can; then publish.",
				outOfDate(d), guild.QuoteArg(ev.Name))
		}
		if err := stillValid(ev, d, subs); err != nil {
			return err
		}
		last, err := findReleaseRow(ctx, tx, ev, 0)
		if err != nil {
			return err
		}
		changes := schedule.Diff(last, &d.Program)
		if last != nil && len(changes) == 0 {
			return guild.Errorf(guild.ECONFLICT, "Release %d of %s already has this schedule; nothing has moved since.", last.Version, ev.Name)
		}
		rel = &schedule.Release{Program: d.Program, Changes: changes}
		rel.Version = 1
		if last != nil {
			rel.Version = last.Version + 1
		}
		rel.At, rel.By = tx.now, me.Name
		raw, err := json.Marshal(&rel.Program)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schedule_releases (event_id, version, program, published_by, published_at) VALUES (?, ?, ?, ?, ?)`,
			ev.ID, rel.Version, string(raw), me.ID, formatTime(tx.now)); err != nil {
			return err
		}
		return s.announce(ctx, tx, ev, rel, me)
	})
	return rel, storeErr("publish schedule", err)
}

// stillValid checks every talk of the draft against the hard rules as the
// event and the talks are now: breaks and speakers' times may have changed
// since it was built. It returns ECONFLICT naming the first rule broken.
func stillValid(ev *event.Event, d *schedule.Draft, lineUp []*cfp.Submission) error {
	windows := map[int64][]cfp.Window{}
	for _, s := range lineUp {
		windows[s.ID] = s.Available
	}
	var broken []string
	for i := range d.Items {
		it := &d.Items[i]
		if err := d.CheckMove(ev, it, it.Placement, windows[it.Talk]); err != nil {
			broken = append(broken, guild.ErrorMessage(err))
		}
	}
	if len(broken) == 0 {
		return nil
	}
	more := ""
	if len(broken) > 1 {
		more = fmt.Sprintf(" (and %d more)", len(broken)-1)
	}
	return guild.Errorf(guild.ECONFLICT, "The draft breaks a rule since the event or its talks changed: %s%s. /schedule build %s brings it up to date, moving as little as it can; then publish.",
		strings.TrimSuffix(broken[0], "."), more, guild.QuoteArg(ev.Name))
}

// outOfDate lists what a draft lacks and holds that it should not.
func outOfDate(d *schedule.Draft) string {
	refs := func(ids []int64) string {
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = "#" + strconv.FormatInt(id, 10)
		}
		return strings.Join(parts, ", ")
	}
	var parts []string
	if len(d.Missing) > 0 {
		parts = append(parts, refs(d.Missing)+" joined the line-up but "+isAre(len(d.Missing))+" not on it")
	}
	if len(d.Gone) > 0 {
		parts = append(parts, refs(d.Gone)+" left the line-up but "+isAre(len(d.Gone))+" still on it")
	}
	return strings.Join(parts, "; ")
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// announce queues a release's messages: every change to the event's
// channel, if it has one, and to each speaker the changes to their talks.
func (s *ScheduleService) announce(ctx context.Context, tx *Tx, ev *event.Event, rel *schedule.Release, me *guild.User) error {
	base := fmt.Sprintf("schedule:%d:v%d:", ev.ID, rel.Version)
	if ev.Channel != "" {
		n := &schedule.Notice{Event: ev, Version: rel.Version, Changes: rel.Changes, Talks: len(rel.Items)}
		body, err := s.Compose("schedule_notice_channel", n)
		if err != nil {
			return fmt.Errorf("compose schedule_notice_channel: %w", err)
		}
		if err := queue(ctx, tx, &remind.Message{Key: base + "channel", Kind: "schedule_notice_channel", Platform: me.Platform,
			Channel: ev.Channel, Body: body, DueAt: tx.now}); err != nil {
			return err
		}
		rel.Posted = ev.Channel
	}
	// Each speaker once, with all their changes, in order of first change.
	var order []int64
	mine := map[int64][]schedule.Change{}
	for _, c := range rel.Changes {
		for _, sp := range c.Item.Speakers {
			if _, ok := mine[sp.UserID]; !ok {
				order = append(order, sp.UserID)
			}
			mine[sp.UserID] = append(mine[sp.UserID], c)
		}
	}
	for _, id := range order {
		u, err := userByID(ctx, tx, id)
		if err != nil {
			return err
		}
		n := &schedule.Notice{Event: ev, Version: rel.Version, To: u, Changes: mine[id], Talks: len(rel.Items)}
		if err := queueNotice(ctx, tx, s.Compose, base+"user:"+strconv.FormatInt(id, 10), "schedule_notice_speaker", u, n, false); err != nil {
			return err
		}
		rel.Told++
	}
	return nil
}

// userByID returns the stored user with the given id.
func userByID(ctx context.Context, q querier, id int64) (*guild.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("sqlite: user %d: %w", id, err)
	}
	return u, nil
}

// FindRelease implements schedule.Service.
func (s *ScheduleService) FindRelease(ctx context.Context, name string, version int) (*schedule.Program, error) {
	q := s.db.reader()
	ev, err := findEvent(ctx, q, name)
	if err != nil {
		return nil, storeErr("find release", err)
	}
	p, err := findReleaseRow(ctx, q, ev, version)
	if err != nil {
		return nil, storeErr("find release", err)
	}
	if p == nil {
		if version != 0 {
			return nil, guild.Errorf(guild.ENOTFOUND, "%s has no release %d of its schedule.", ev.Name, version)
		}
		return nil, guild.Errorf(guild.ENOTFOUND, "No schedule has been published for %s yet.", ev.Name)
	}
	return p, nil
}
