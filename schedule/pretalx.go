package schedule

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/guildhall/guildhall/pkg/event"
)

// pretalxSchema is the JSON schema pretalx's schedule.json points to.
const pretalxSchema = "https://c3voc.de/schedule/schema.json"

// WritePretalx writes p to w as pretalx's schedule.json export does: the
// frab-compatible JSON schedule of the c3voc schema, which schedule apps,
// info beamers and video teams already read. baseURL is the event's web
// page, such as http://host/events/DevDay/; a talk's url is
// baseURL#talk-ID, as in WriteICal. "" leaves the URLs empty.
//
// The choices where guildhall and pretalx differ:
//
//   - A plenary (Room "") is, as in pretalx, a talk in the main room: it is
//     listed once, under the room that seats most people (the first such
//     room on a tie), and its room field names that room. Listing it under
//     every room would make apps count it once per room and show clashes.
//   - guid is a name-based UUID (version 5 layout) made from the SHA-1 of
//     "guildhall talk EVENT TALK", so it is the same in every release and
//     every export; rooms and persons get theirs the same way. code, which
//     pretalx makes of upper-case letters and digits, is T and the talk's
//     id for a talk, P and the store id for a person.
//   - A talk whose speaker has yet to confirm is listed like the others,
//     as it is on the published program; the format has no field to say so.
//   - Breaks are left out, as pretalx leaves them out of this export; the
//     event has no tracks, so tracks is empty and each talk's track null;
//     type is the talk's format; language is "en". logo is null and
//     description, biography and feedback_url are empty: guildhall keeps
//     one abstract, no pictures or biographies, and asks for feedback in
//     chat.
//   - The day runs from 04:00 to 03:59 the next day on the event's clock,
//     as pretalx's days do, and a day's rooms are in the event's room order
//     (only those with talks), as pretalx orders them.
//
// The output is indented by two spaces and ends in a newline; the same
// Program gives the same bytes.
func WritePretalx(w io.Writer, p *Program, baseURL string) error {
	if p == nil || p.Event == nil {
		return errors.New("schedule: write pretalx: no program or no event")
	}
	doc := pretalxDocument{
		Schema:    pretalxSchema,
		Generator: pretalxGenerator{Name: "guildhall", Version: generatorVersion()},
		Schedule:  pretalxScheduleOf(p, baseURL),
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("schedule: write pretalx: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("schedule: write pretalx: %w", err)
	}
	return nil
}

type pretalxDocument struct {
	Schema    string           `json:"$schema"`
	Generator pretalxGenerator `json:"generator"`
	Schedule  pretalxSchedule  `json:"schedule"`
}

type pretalxGenerator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type pretalxSchedule struct {
	URL        string            `json:"url"`
	Version    string            `json:"version"`
	BaseURL    string            `json:"base_url"`
	Conference pretalxConference `json:"conference"`
}

type pretalxConference struct {
	Acronym          string         `json:"acronym"`
	Title            string         `json:"title"`
	Start            string         `json:"start"`
	End              string         `json:"end"`
	DaysCount        int            `json:"daysCount"`
	TimeslotDuration string         `json:"timeslot_duration"`
	TimeZoneName     string         `json:"time_zone_name"`
	Rooms            []pretalxRoom  `json:"rooms"`
	Tracks           []pretalxTrack `json:"tracks"`
	URL              string         `json:"url"`
	Days             []pretalxDay   `json:"days"`
}

type pretalxRoom struct {
	Name        string  `json:"name"`
	Slug        string  `json:"slug"`
	GUID        string  `json:"guid"`
	Description *string `json:"description"`
	Capacity    int     `json:"capacity"`
}

type pretalxTrack struct {
	Name  string `json:"name"`
	Slug  string `json:"slug"`
	Color string `json:"color"`
}

type pretalxDay struct {
	Index    int             `json:"index"`
	Date     string          `json:"date"`
	DayStart string          `json:"day_start"`
	DayEnd   string          `json:"day_end"`
	Rooms    pretalxDayRooms `json:"rooms"`
}

// pretalxDayRooms is a day's rooms object, {"ROOM": [talk, ...], ...},
// with its keys in room order rather than sorted.
type pretalxDayRooms []pretalxRoomTalks

type pretalxRoomTalks struct {
	Room  string
	Talks []pretalxTalk
}

// MarshalJSON writes the rooms as one object, in order.
func (rs pretalxDayRooms) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	buf.WriteByte('{')
	for i, r := range rs {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := enc.Encode(r.Room); err != nil {
			return nil, err
		}
		buf.WriteByte(':')
		if err := enc.Encode(r.Talks); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

type pretalxTalk struct {
	GUID             string          `json:"guid"`
	Code             string          `json:"code"`
	ID               int64           `json:"id"`
	Logo             *string         `json:"logo"`
	Date             string          `json:"date"`
	Start            string          `json:"start"`
	Duration         string          `json:"duration"`
	Room             string          `json:"room"`
	Slug             string          `json:"slug"`
	URL              string          `json:"url"`
	Title            string          `json:"title"`
	Subtitle         string          `json:"subtitle"`
	Track            *string         `json:"track"`
	Type             string          `json:"type"`
	Language         string          `json:"language"`
	Abstract         string          `json:"abstract"`
	Description      string          `json:"description"`
	RecordingLicense string          `json:"recording_license"`
	DoNotRecord      bool            `json:"do_not_record"`
	Persons          []pretalxPerson `json:"persons"`
	Links            []any           `json:"links"`
	FeedbackURL      string          `json:"feedback_url"`
	OriginURL        string          `json:"origin_url"`
	Attachments      []any           `json:"attachments"`
	Answers          []any           `json:"answers"`
}

type pretalxPerson struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	PublicName string `json:"public_name"`
	GUID       string `json:"guid"`
	Biography  string `json:"biography"`
	Answers    []any  `json:"answers"`
}

// pretalxISO is Python's datetime.isoformat for a time with a zone, which
// writes UTC as +00:00 rather than Z.
const pretalxISO = "2006-01-02T15:04:05-07:00"

// pretalxScheduleOf builds the schedule object of p.
func pretalxScheduleOf(p *Program, baseURL string) pretalxSchedule {
	e := p.Event
	acronym := frabSlug(e.Name)
	if acronym == "" {
		acronym = "event-" + strconv.FormatInt(e.ID, 10)
	}
	rooms := exportRooms(p)
	conf := pretalxConference{
		Acronym:          acronym,
		Title:            e.Name,
		Start:            e.Day.Format(time.DateOnly),
		End:              e.Day.Format(time.DateOnly),
		DaysCount:        1,
		TimeslotDuration: "00:05",
		TimeZoneName:     e.Location().String(),
		Rooms:            make([]pretalxRoom, 0, len(rooms)),
		Tracks:           []pretalxTrack{},
		URL:              baseURL,
	}
	for _, r := range rooms {
		conf.Rooms = append(conf.Rooms, pretalxRoom{
			Name:     r.Name,
			Slug:     frabSlug(r.Name),
			GUID:     nameUUID(fmt.Sprintf("guildhall room %d %s", e.ID, r.Name)),
			Capacity: r.Capacity,
		})
	}

	// pretalx's day runs from 04:00 to 03:59 the next morning.
	dayStart, dayEnd := e.At(4*60), e.At(24*60+3*60+59)
	if e.Start < 4*60 {
		dayStart = e.StartsAt()
	}
	day := pretalxDay{
		Index:    1,
		Date:     e.Day.Format(time.DateOnly),
		DayStart: dayStart.Format(pretalxISO),
		DayEnd:   dayEnd.Format(pretalxISO),
		Rooms:    pretalxDayRooms{},
	}
	mainName := mainRoom(rooms)
	at := map[string]int{}
	for _, r := range rooms {
		if _, ok := at[r.Name]; !ok {
			at[r.Name] = len(day.Rooms)
			day.Rooms = append(day.Rooms, pretalxRoomTalks{Room: r.Name})
		}
	}
	for _, it := range p.Items {
		room := it.Room
		if it.Plenary() {
			room = mainName
		}
		i, ok := at[room]
		if !ok {
			i = len(day.Rooms)
			at[room] = i
			day.Rooms = append(day.Rooms, pretalxRoomTalks{Room: room})
		}
		day.Rooms[i].Talks = append(day.Rooms[i].Talks, pretalxTalkOf(p, &it, room, acronym, baseURL))
	}
	kept := day.Rooms[:0]
	for _, r := range day.Rooms {
		if len(r.Talks) > 0 {
			kept = append(kept, r)
		}
	}
	day.Rooms = kept
	conf.Days = []pretalxDay{day}

	return pretalxSchedule{
		URL:        baseURL,
		Version:    strconv.Itoa(p.Version),
		BaseURL:    baseURL,
		Conference: conf,
	}
}

// pretalxTalkOf builds the talk object of it, held in room.
func pretalxTalkOf(p *Program, it *Item, room, acronym, baseURL string) pretalxTalk {
	e := p.Event
	url := ""
	if baseURL != "" {
		url = baseURL + "#talk-" + strconv.FormatInt(it.Talk, 10)
	}
	slug := acronym + "-" + strconv.FormatInt(it.Talk, 10)
	if s := frabSlug(it.Title); s != "" {
		slug += "-" + s
	}
	t := pretalxTalk{
		GUID:        nameUUID(fmt.Sprintf("guildhall talk %d %d", e.ID, it.Talk)),
		Code:        "T" + strconv.FormatInt(it.Talk, 10),
		ID:          it.Talk,
		Date:        e.At(it.Start).Format(pretalxISO),
		Start:       event.Clock(it.Start),
		Duration:    event.Clock(it.Minutes),
		Room:        room,
		Slug:        slug,
		URL:         url,
		Title:       it.Title,
		Type:        it.Format,
		Language:    "en",
		Abstract:    it.Abstract,
		Persons:     make([]pretalxPerson, 0, len(it.Speakers)),
		Links:       []any{},
		OriginURL:   url,
		Attachments: []any{},
		Answers:     []any{},
	}
	for _, s := range it.Speakers {
		t.Persons = append(t.Persons, pretalxPerson{
			Code:       "P" + strconv.FormatInt(s.UserID, 10),
			Name:       s.Name,
			PublicName: s.Name,
			GUID:       nameUUID(fmt.Sprintf("guildhall person %d", s.UserID)),
			Answers:    []any{},
		})
	}
	return t
}

// mainRoom returns the name of the room that seats most people, the first
// such on a tie.
func mainRoom(rooms []event.Room) string {
	best := -1
	for i, r := range rooms {
		if best < 0 || r.Capacity > rooms[best].Capacity {
			best = i
		}
	}
	if best < 0 {
		return exportAllRooms
	}
	return rooms[best].Name
}

// nameUUID returns a name-based UUID for name: the first 16 bytes of its
// SHA-1 with the version (5) and RFC 9562 variant bits set.
func nameUUID(name string) string {
	sum := sha1.Sum([]byte(name))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// latin1Fold maps U+00C0–U+00FF to the ASCII letter they decompose to, or
// '_' for those that do not decompose (Æ, ß, Ø, ...).
const latin1Fold = "AAAAAA_CEEEEIIII_NOOOOO__UUUUY__aaaaaa_ceeeeiiii_nooooo__uuuuy_y"

// frabSlug makes a slug as pretalx's frab_slug does: runs of non-word
// characters become "-", letters are lower-cased and stripped of accents,
// anything else outside [a-z0-9-] is dropped, and so are leading and
// trailing dashes.
func frabSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
		if !word {
			if !dash {
				b.WriteByte('-')
				dash = true
			}
			continue
		}
		dash = false
		if r >= 0xc0 && r <= 0xff {
			r = rune(latin1Fold[r-0xc0])
		}
		r = unicode.ToLower(r)
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), "-")
}

// generatorVersion is the version of the guildhall module this binary was
// built from, or "dev".
func generatorVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
