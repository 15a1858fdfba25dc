package templates

import (
	"cmp"
	"slices"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/schedule"
)

// WebAllRooms is where a plenary or a break takes place, as the pages say.
const WebAllRooms = "All rooms"

// WebSchedule is the web page of one release of an event's schedule
// (html/schedule.html): times down, rooms across.
type WebSchedule struct {
	// Event is the event's name.
	Event string
	// Date is the day, "Tuesday 24 November 2026", and DateISO the same
	// as 2026-11-24 for <time>; both "" when the event has no day.
	Date, DateISO string
	// From and To are the day's hours, "09:00" and "17:00"; "" when
	// unknown.
	From, To string
	// TZ is the zone the times are in, "Europe/London" or "UTC".
	TZ string
	// Release is the release number.
	Release int
	// Published is when it was published, in the event's zone ("Tue 24
	// Nov 2026, 12:00 GMT"), and PublishedISO the same in RFC 3339; both
	// "" when unknown.
	Published, PublishedISO string
	// Pinned is true when this release was asked for by number, so the
	// page offers the latest instead.
	Pinned bool
	// Rooms head the columns, in the event's order.
	Rooms []WebRoom
	// Rows are the grid's rows, in time order.
	Rows []WebRow
	// Talks counts the talks.
	Talks int
	// ICS and JSON link, relative to the page, to the whole event's
	// calendar and the pretalx-style JSON of this release.
	ICS, JSON string
}

// Cols is the number of room columns: how many a break or a plenary spans.
func (s *WebSchedule) Cols() int { return max(1, len(s.Rooms)) }

// WebRoom is a column of the grid.
type WebRoom struct {
	Name string
	// Capacity is how many it seats; 0 when unknown.
	Capacity int
}

// WebRow is one row of the grid: a break, a plenary, or the talks that
// start at one time in the rooms.
type WebRow struct {
	// Time is when the row starts, "09:30", and ISO the same instant in
	// RFC 3339 (empty when the event has no day).
	Time, ISO string
	// Break is set on a break's row.
	Break *WebBreak
	// Plenary is set on the row of a talk in every room.
	Plenary *WebTalk
	// Cells are the rooms' cells on other rows, left to right, leaving out
	// the rooms still taken by a talk from a row above.
	Cells []WebCell
}

// WebBreak is a break, a row across every room.
type WebBreak struct {
	Name, From, To string
}

// WebCell is one room at one row: empty, or the talk that starts there,
// spanning Span rows.
type WebCell struct {
	Room  string
	Span  int
	Talks []WebTalk
}

// WebTalk is a talk as the page shows it.
type WebTalk struct {
	// ID is the submission's id; Anchor its element id, "talk-12".
	ID     int64
	Anchor string
	Title  string
	// Abstract is "" when there is none.
	Abstract string
	Format   string
	// From and To are its times, "09:30" and "10:00"; Minutes its length.
	From, To string
	Minutes  int
	// Room names the room, or WebAllRooms for a plenary.
	Room      string
	Plenary   bool
	Speakers  []WebSpeaker
	Tags      []string
	FirstTime bool
	// Confirmed is false while a speaker has yet to confirm.
	Confirmed bool
}

// WebSpeaker is a speaker and the link to their own calendar.
type WebSpeaker struct {
	Name string
	// Calendar links, relative to the page, to the speaker's talks as
	// iCalendar: speakers/ID.ics.
	Calendar string
}

// WebError is a page that says why there is nothing to show
// (html/error.html): not found, a bad request, or a failure on our side.
type WebError struct {
	// Status is the HTTP status, such as 404.
	Status int
	// Title heads the page; Message says what happened, in a sentence;
	// Hint, when set, what to do about it.
	Title, Message, Hint string
	// Latest links to the event's latest release, "" for none.
	Latest string
}

// NewWebSchedule lays out release p as a grid. pinned says that the release
// was asked for by number; its links then keep that number. p.Event must be
// set.
func NewWebSchedule(p *schedule.Program, pinned bool) *WebSchedule {
	e := p.Event
	loc := e.Location()
	s := &WebSchedule{
		Event:   e.Name,
		TZ:      loc.String(),
		Release: p.Version,
		Pinned:  pinned,
		ICS:     "schedule.ics",
		JSON:    "schedule.json",
	}
	if e.End > e.Start {
		s.From, s.To = event.Clock(e.Start), event.Clock(e.End)
	}
	if !e.Day.IsZero() {
		s.Date = e.Day.Format("Monday 2 January 2006")
		s.DateISO = e.Day.Format(time.DateOnly)
	}
	if !p.At.IsZero() {
		s.Published = When(p.At, loc)
		s.PublishedISO = p.At.In(loc).Format(time.RFC3339)
	}
	q := ""
	if pinned {
		q = "?version=" + strconv.Itoa(p.Version)
		s.ICS += q
		s.JSON += q
	}

	// The columns: the release's rooms, or the event's, then any room a
	// talk names that neither lists.
	rooms := p.Rooms
	if len(rooms) == 0 {
		rooms = e.Rooms
	}
	col := map[string]int{}
	for _, r := range rooms {
		if _, dup := col[r.Name]; !dup {
			col[r.Name] = len(s.Rooms)
			s.Rooms = append(s.Rooms, WebRoom{Name: r.Name, Capacity: r.Capacity})
		}
	}
	items := slices.Clone(p.Items)
	for _, it := range items {
		if _, ok := col[it.Room]; !ok && !it.Plenary() {
			col[it.Room] = len(s.Rooms)
			s.Rooms = append(s.Rooms, WebRoom{Name: it.Room})
		}
	}
	slices.SortStableFunc(items, func(a, b schedule.Item) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		ca, cb := -1, -1
		if !a.Plenary() {
			ca = col[a.Room]
		}
		if !b.Plenary() {
			cb = col[b.Room]
		}
		if c := cmp.Compare(ca, cb); c != 0 {
			return c
		}
		return cmp.Compare(a.Talk, b.Talk)
	})
	s.Talks = len(items)

	breaks := p.Breaks
	if breaks == nil {
		breaks = e.DayBreaks()
	}
	s.Rows = webRows(e, breaks, items, s.Rooms, col, q)
	return s
}

// webRows makes the grid's rows: at each time a break's row, then a
// plenary's, then one row for the talks that start then in the rooms. A
// talk spans the rows below it that start before it ends, up to the next
// break or plenary.
func webRows(e *event.Event, breaks []event.Break, items []schedule.Item, rooms []WebRoom, col map[string]int, query string) []WebRow {
	ncol := len(rooms)
	type row struct {
		minute int
		order  int // 0 break, 1 plenary, 2 rooms
		brk    *event.Break
		item   *schedule.Item
		cells  [][]*schedule.Item // per column, the talks that start here
	}
	var rows []*row
	for i := range breaks {
		rows = append(rows, &row{minute: breaks[i].Start, brk: &breaks[i]})
	}
	byStart := map[int]*row{}
	for i := range items {
		it := &items[i]
		if it.Plenary() {
			rows = append(rows, &row{minute: it.Start, order: 1, item: it})
			continue
		}
		r := byStart[it.Start]
		if r == nil {
			r = &row{minute: it.Start, order: 2, cells: make([][]*schedule.Item, ncol)}
			byStart[it.Start] = r
			rows = append(rows, r)
		}
		c := col[it.Room]
		r.cells[c] = append(r.cells[c], it)
	}
	slices.SortStableFunc(rows, func(a, b *row) int {
		return cmp.Or(cmp.Compare(a.minute, b.minute), cmp.Compare(a.order, b.order))
	})

	// spans[i][c] is how many rows the cell at row i, column c spans;
	// covered[i][c] is true where a talk from a row above still runs.
	spans := make([][]int, len(rows))
	covered := make([][]bool, len(rows))
	for i := range rows {
		spans[i] = make([]int, ncol)
		covered[i] = make([]bool, ncol)
	}
	for i, r := range rows {
		if r.order != 2 {
			continue
		}
		for c, its := range r.cells {
			if len(its) == 0 || covered[i][c] {
				continue
			}
			end := 0
			for _, it := range its {
				end = max(end, it.End())
			}
			span := 1
			for j := i + 1; j < len(rows); j++ {
				next := rows[j]
				if next.order != 2 || next.minute >= end || len(next.cells[c]) > 0 {
					break
				}
				covered[j][c] = true
				span++
			}
			spans[i][c] = span
		}
	}

	out := make([]WebRow, 0, len(rows))
	for i, r := range rows {
		wr := WebRow{Time: event.Clock(r.minute)}
		if !e.Day.IsZero() {
			wr.ISO = e.At(r.minute).Format(time.RFC3339)
		}
		switch r.order {
		case 0:
			wr.Break = &WebBreak{Name: capitalize(r.brk.Name), From: event.Clock(r.brk.Start), To: event.Clock(r.brk.End)}
		case 1:
			t := webTalk(r.item, query)
			wr.Plenary = &t
		default:
			for c, its := range r.cells {
				if covered[i][c] && len(its) == 0 {
					continue
				}
				cell := WebCell{Room: rooms[c].Name, Span: max(1, spans[i][c])}
				for _, it := range its {
					cell.Talks = append(cell.Talks, webTalk(it, query))
				}
				wr.Cells = append(wr.Cells, cell)
			}
		}
		out = append(out, wr)
	}
	return out
}

// capitalize returns s with its first letter in upper case: breaks are
// named "coffee" and "lunch", and head a row.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// webTalk returns the view of one placed talk; query ends its speakers'
// calendar links.
func webTalk(it *schedule.Item, query string) WebTalk {
	t := WebTalk{
		ID:        it.Talk,
		Anchor:    "talk-" + strconv.FormatInt(it.Talk, 10),
		Title:     it.Title,
		Abstract:  it.Abstract,
		Format:    it.Format,
		From:      event.Clock(it.Start),
		To:        event.Clock(it.End()),
		Minutes:   it.Minutes,
		Room:      it.Room,
		Plenary:   it.Plenary(),
		Tags:      it.Tags,
		FirstTime: it.FirstTime,
		Confirmed: it.Confirmed,
	}
	if t.Plenary {
		t.Room = WebAllRooms
	}
	for _, p := range it.Speakers {
		sp := WebSpeaker{Name: p.Name}
		if p.UserID > 0 {
			sp.Calendar = "speakers/" + strconv.FormatInt(p.UserID, 10) + ".ics" + query
		}
		t.Speakers = append(t.Speakers, sp)
	}
	return t
}
