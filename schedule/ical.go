package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	ics "github.com/arran4/golang-ical"

	"github.com/guildhall/guildhall/pkg/event"
)

// ICalOptions chooses what WriteICal writes.
type ICalOptions struct {
	// Speaker is the store id of the speaker whose talks to write; 0 means
	// the whole event, breaks included.
	Speaker int64
	// URL is the event's web page, such as http://host/events/DevDay/; each
	// talk links to URL#talk-ID. "" means no links.
	URL string
}

// icalProdID names the program that wrote a calendar (RFC 5545 PRODID).
const icalProdID = "-//guildhall//schedule//EN"

// exportAllRooms is where a plenary or a break takes place.
const exportAllRooms = "All rooms"

// WriteICal writes p as an iCalendar (RFC 5545) file to w: one VEVENT per
// talk, and for the whole event one per break, marked transparent so that
// calendars do not show the attendee as busy. Times are written in UTC, so
// the file needs no VTIMEZONE; X-WR-TIMEZONE names the event's zone for
// the calendar apps that show it.
//
// A talk's UID is talk-ID-EVENT@guildhall whatever the release, and its
// SEQUENCE is p.Version, so a calendar app that subscribed to an earlier
// release moves a talk that moved instead of adding it twice. Lines end in
// CRLF and are folded at 75 octets; the same Program gives the same bytes.
func WriteICal(w io.Writer, p *Program, o ICalOptions) error {
	if p == nil || p.Event == nil {
		return errors.New("schedule: write ical: no program or no event")
	}
	e := p.Event
	cal := ics.NewCalendarFor("guildhall")
	cal.SetProductId(icalProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(icalCalName(p, o.Speaker))
	cal.SetXWRTimezone(e.Location().String())

	stamp := p.At.UTC()
	for _, it := range p.Items {
		if o.Speaker != 0 && !it.HasSpeaker(o.Speaker) {
			continue
		}
		v := cal.AddEvent(fmt.Sprintf("talk-%d-%d@guildhall", it.Talk, e.ID))
		v.SetDtStampTime(stamp)
		v.SetSequence(p.Version)
		v.SetStartAt(e.At(it.Start))
		v.SetEndAt(e.At(it.End()))
		v.SetSummary(icalText(it.Title))
		location := it.Room
		if it.Plenary() {
			location = exportAllRooms
		}
		v.SetLocation(icalText(location))
		if d := icalDescription(&it); d != "" {
			v.SetDescription(d)
		}
		for _, c := range icalCategories(&it) {
			v.AddCategory(c)
		}
		if it.Confirmed {
			v.SetStatus(ics.ObjectStatusConfirmed)
		} else {
			v.SetStatus(ics.ObjectStatusTentative)
		}
		if o.URL != "" {
			v.SetURL(o.URL + "#talk-" + strconv.FormatInt(it.Talk, 10))
		}
	}
	if o.Speaker == 0 {
		for _, b := range exportBreaks(p) {
			v := cal.AddEvent(fmt.Sprintf("break-%d-%d@guildhall", b.Start, e.ID))
			v.SetDtStampTime(stamp)
			v.SetSequence(p.Version)
			v.SetStartAt(e.At(b.Start))
			v.SetEndAt(e.At(b.End))
			v.SetSummary(icalText(b.Name))
			v.SetLocation(exportAllRooms)
			v.SetTimeTransparency(ics.TransparencyTransparent)
		}
	}
	// The library ends lines in "\n" unless told otherwise; RFC 5545 wants
	// CRLF. It folds at 75 octets itself, between whole UTF-8 characters.
	// It also drops some write errors, so write to memory first.
	var buf bytes.Buffer
	if err := cal.SerializeTo(&buf, ics.WithNewLineWindows); err != nil {
		return fmt.Errorf("schedule: write ical: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("schedule: write ical: %w", err)
	}
	return nil
}

// icalCalName names the calendar: the event, or one speaker's talks at it.
func icalCalName(p *Program, speaker int64) string {
	if speaker == 0 {
		return icalText(p.Event.Name)
	}
	for _, it := range p.Items {
		for _, s := range it.Speakers {
			if s.UserID == speaker && s.Name != "" {
				return icalText(p.Event.Name + ": " + s.Name + "'s talks")
			}
		}
	}
	return icalText(p.Event.Name + ": talks")
}

// icalDescription returns "Speakers: A, B" and the abstract, a blank line
// between them; "" when the talk has neither.
func icalDescription(it *Item) string {
	var parts []string
	if names := exportSpeakerNames(it.Speakers); names != "" {
		parts = append(parts, "Speakers: "+names)
	}
	if a := strings.TrimSpace(icalText(it.Abstract)); a != "" {
		parts = append(parts, a)
	}
	return strings.Join(parts, "\n\n")
}

// icalCategories returns the talk's format then its tags, each once.
func icalCategories(it *Item) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range append([]string{it.Format}, it.Tags...) {
		c = strings.TrimSpace(icalText(c))
		if c == "" || seen[strings.ToLower(c)] {
			continue
		}
		seen[strings.ToLower(c)] = true
		out = append(out, c)
	}
	return out
}

// exportSpeakerNames joins the speakers' names with commas.
func exportSpeakerNames(ps []Person) string {
	names := make([]string, 0, len(ps))
	for _, s := range ps {
		if s.Name != "" {
			names = append(names, s.Name)
		}
	}
	return strings.Join(names, ", ")
}

// icalText readies s for an iCalendar TEXT value, which the library then
// escapes (backslash, comma, semicolon, newline): line breaks become "\n",
// and other control characters, which a TEXT value may not hold, are
// dropped.
func icalText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

// exportBreaks returns the program's breaks, or the event's when the
// program does not say.
func exportBreaks(p *Program) []event.Break {
	if p.Breaks != nil {
		return p.Breaks
	}
	return p.Event.DayBreaks()
}

// exportRooms returns the program's rooms, or the event's when the
// program does not say.
func exportRooms(p *Program) []event.Room {
	if len(p.Rooms) > 0 {
		return p.Rooms
	}
	return p.Event.Rooms
}
