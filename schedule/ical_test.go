package schedule_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the golden files must not depend on the host's zone database
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/schedule"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The fixture's people, by store id.
var (
	ada      = schedule.Person{UserID: 1, Platform: "slack", PlatformID: "U001", Name: "Ada Lovelace"}
	grace    = schedule.Person{UserID: 2, Platform: "slack", PlatformID: "U002", Name: "Grace Hopper"}
	linus    = schedule.Person{UserID: 3, Platform: "discord", PlatformID: "300", Name: "Linus Ólafsson"}
	margaret = schedule.Person{UserID: 4, Platform: "slack", PlatformID: "U004", Name: "Margaret Hamilton"}
	barbara  = schedule.Person{UserID: 5, Platform: "slack", PlatformID: "U005", Name: "Barbara Liskov"}
	ken      = schedule.Person{UserID: 6, Platform: "discord", PlatformID: "600", Name: "Ken Thompson"}
)

// The fixture's tricky title and abstract.
const (
	trickyTitle    = "Caches, queues; and the café of eventual consistency"
	trickyAbstract = "Why your read-after-write fails, and what a \\cache key has to do with it.\nBring questions; leave with a checklist, a diagram and a plan for Monday."
)

// fixture returns release 2 of DevDay on day (YYYY-MM-DD) in
// Europe/London, 09:00–17:00, rooms Main:120 and Lab:30, default breaks:
//
//	09:00–09:30 all rooms  11 keynote (Ada)
//	09:30–10:00 Main       12 talk (Ada, Grace)
//	09:30–10:00 Lab        13 talk, a tricky title and abstract (Linus)
//	10:00–10:05 Main       14 lightning (Margaret)
//	10:05–10:10 Main       15 lightning (Grace)
//	11:00–12:30 Lab        16 workshop (Barbara)
//	13:30–14:15 Main       17 talk, not confirmed (Ken)
func fixture(day string) *schedule.Program {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		panic(err)
	}
	e := &event.Event{
		ID:    7,
		Name:  "DevDay",
		Day:   d,
		Start: 9 * 60,
		End:   17 * 60,
		TZ:    "Europe/London",
		Rooms: []event.Room{{Name: "Main", Capacity: 120}, {Name: "Lab", Capacity: 30}},
	}
	item := func(talk int64, room string, start, minutes int, title, format, kind string, confirmed bool, speakers ...schedule.Person) schedule.Item {
		return schedule.Item{
			Placement: schedule.Placement{Talk: talk, Room: room, Start: start, Minutes: minutes},
			Title:     title, Format: format, Kind: kind, Speakers: speakers, Confirmed: confirmed,
		}
	}
	items := []schedule.Item{
		item(17, "Main", 13*60+30, 45, "Kubernetes for the rest of us", "talk", "talk", false, ken),
		item(11, "", 9*60, 30, "Opening keynote: why we build", "keynote", "keynote", true, ada),
		item(12, "Main", 9*60+30, 30, "Testing in production, carefully", "talk", "talk", true, ada, grace),
		item(13, "Lab", 9*60+30, 30, trickyTitle, "talk", "talk", true, linus),
		item(14, "Main", 10*60, 5, "Five minutes of regex", "lightning", "lightning", true, margaret),
		item(15, "Main", 10*60+5, 5, "Dotfiles", "lightning", "lightning", true, grace),
		item(16, "Lab", 11*60, 90, "Hands-on Go fuzzing", "workshop", "talk", true, barbara),
	}
	items[2].Tags = []string{"testing", "ops"}
	items[2].Abstract = "What we learnt shipping tests that run against live traffic."
	items[3].Tags = []string{"architecture", "Talk"}
	items[3].Abstract = trickyAbstract
	items[3].FirstTime = true
	items[6].Tags = []string{"go", "security"}
	p := &schedule.Program{
		Event:   e,
		Version: 2,
		Rooms:   e.Rooms,
		Breaks:  e.DayBreaks(),
		Items:   items,
		At:      time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC),
		By:      "alice",
	}
	p.Sort()
	return p
}

const eventURL = "http://host/events/DevDay/"

// golden compares got with testdata/name byte for byte, or rewrites the
// file under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./schedule -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s line %d: got %q, want %q (run go test ./schedule -update if the change is intended)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s: got %d lines, want %d (run go test ./schedule -update if the change is intended)", name, len(gl), len(wl))
	}
}

func writeICal(t *testing.T, p *schedule.Program, o schedule.ICalOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := schedule.WriteICal(&buf, p, o); err != nil {
		t.Fatalf("WriteICal: got error %v, want none", err)
	}
	return buf.Bytes()
}

func parseICal(t *testing.T, b []byte) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("ParseCalendar: got error %v, want none", err)
	}
	return cal
}

// prop returns the value of a component's first property called name, or
// "" when it has none.
func prop(v *ics.VEvent, name ics.ComponentProperty) string {
	if p := v.GetProperty(name); p != nil {
		return p.Value
	}
	return ""
}

// calProp returns the value of the calendar's property called name.
func calProp(cal *ics.Calendar, name ics.Property) string {
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == string(name) {
			return p.Value
		}
	}
	return ""
}

// eventsByUID indexes a calendar's events.
func eventsByUID(cal *ics.Calendar) map[string]*ics.VEvent {
	out := map[string]*ics.VEvent{}
	for _, v := range cal.Events() {
		out[v.Id()] = v
	}
	return out
}

func TestWriteICalGolden(t *testing.T) {
	tests := []struct {
		file string
		o    schedule.ICalOptions
	}{
		{"program.ics", schedule.ICalOptions{URL: eventURL}},
		{"program-speaker.ics", schedule.ICalOptions{Speaker: grace.UserID, URL: eventURL}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := fixture("2027-03-18")
			got := writeICal(t, p, tt.o)
			if again := writeICal(t, p, tt.o); !bytes.Equal(got, again) {
				t.Fatalf("two writes of the same program: got different bytes, want the same")
			}
			golden(t, tt.file, got)
		})
	}
}

// TestWriteICalLines checks the RFC 5545 line rules: every line ends in
// CRLF and is at most 75 octets, long lines are folded, and nothing is cut
// inside a UTF-8 character.
func TestWriteICalLines(t *testing.T) {
	long := strings.Repeat("日本語", 20) + strings.Repeat("x", 80) // no spaces to fold at
	for _, o := range []schedule.ICalOptions{{}, {URL: eventURL}, {Speaker: linus.UserID, URL: eventURL}} {
		p := fixture("2027-03-18")
		it, _ := p.Item(13)
		it.Title = long
		b := writeICal(t, p, o)
		if v := eventsByUID(parseICal(t, b))["talk-13-7@guildhall"]; prop(v, ics.ComponentPropertySummary) != long {
			t.Errorf("%+v: got SUMMARY %q back, want %q", o, prop(v, ics.ComponentPropertySummary), long)
		}
		if !bytes.HasSuffix(b, []byte("\r\n")) {
			t.Fatalf("%+v: got a file ending in %q, want CRLF", o, b[max(0, len(b)-10):])
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
		folded := false
		for i, l := range lines {
			if strings.ContainsAny(l, "\r\n") {
				t.Errorf("%+v line %d: got %q, want no bare CR or LF", o, i+1, l)
			}
			if len(l) > 75 {
				t.Errorf("%+v line %d: got %d octets, want at most 75: %q", o, i+1, len(l), l)
			}
			if !utf8.ValidString(l) {
				t.Errorf("%+v line %d: got %q, want whole UTF-8 characters", o, i+1, l)
			}
			if strings.HasPrefix(l, " ") {
				folded = true
			}
		}
		if !folded {
			t.Errorf("%+v: got no folded line, want the long description folded", o)
		}
	}
}

// TestWriteICalTimes checks that starts are written in UTC from the
// event's wall clock, in winter, in summer and on the day the clocks go
// forward.
func TestWriteICalTimes(t *testing.T) {
	tests := []struct {
		name, day, tz string
		talk          string // UID
		wantStart     string // UTC
		wantEnd       string
	}{
		{"winter keynote", "2027-03-18", "Europe/London", "talk-11-7@guildhall", "2027-03-18T09:00:00Z", "2027-03-18T09:30:00Z"},
		{"summer keynote", "2027-07-01", "Europe/London", "talk-11-7@guildhall", "2027-07-01T08:00:00Z", "2027-07-01T08:30:00Z"},
		{"clocks go forward", "2027-03-28", "Europe/London", "talk-11-7@guildhall", "2027-03-28T08:00:00Z", "2027-03-28T08:30:00Z"},
		{"summer workshop", "2027-07-01", "Europe/London", "talk-16-7@guildhall", "2027-07-01T10:00:00Z", "2027-07-01T11:30:00Z"},
		{"summer lunch", "2027-07-01", "Europe/London", "break-750-7@guildhall", "2027-07-01T11:30:00Z", "2027-07-01T12:30:00Z"},
		{"New York", "2027-07-01", "America/New_York", "talk-11-7@guildhall", "2027-07-01T13:00:00Z", "2027-07-01T13:30:00Z"},
		{"no zone is UTC", "2027-07-01", "", "talk-11-7@guildhall", "2027-07-01T09:00:00Z", "2027-07-01T09:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fixture(tt.day)
			p.Event.TZ = tt.tz
			cal := parseICal(t, writeICal(t, p, schedule.ICalOptions{}))
			v := eventsByUID(cal)[tt.talk]
			if v == nil {
				t.Fatalf("got no event %s", tt.talk)
			}
			for _, c := range []struct {
				prop ics.ComponentProperty
				want string
			}{{ics.ComponentPropertyDtStart, tt.wantStart}, {ics.ComponentPropertyDtEnd, tt.wantEnd}} {
				raw := prop(v, c.prop)
				if !strings.HasSuffix(raw, "Z") {
					t.Errorf("%s: got %q, want a UTC time ending in Z", c.prop, raw)
				}
				got, err := time.Parse("20060102T150405Z", raw)
				if err != nil {
					t.Fatalf("%s: %v", c.prop, err)
				}
				if got.Format(time.RFC3339) != c.want {
					t.Errorf("%s: got %s, want %s", c.prop, got.Format(time.RFC3339), c.want)
				}
			}
			wantTZ := tt.tz
			if wantTZ == "" {
				wantTZ = "UTC"
			}
			if got := calProp(cal, ics.PropertyXWRTimezone); got != wantTZ {
				t.Errorf("X-WR-TIMEZONE: got %q, want %q", got, wantTZ)
			}
		})
	}
}

// TestWriteICalEvents parses the whole event's calendar back and checks
// each event's fields.
func TestWriteICalEvents(t *testing.T) {
	p := fixture("2027-03-18")
	cal := parseICal(t, writeICal(t, p, schedule.ICalOptions{URL: eventURL}))

	for _, c := range []struct {
		prop ics.Property
		want string
	}{
		{ics.PropertyProductId, "-//guildhall//schedule//EN"},
		{ics.PropertyVersion, "2.0"},
		{ics.PropertyMethod, "PUBLISH"},
		{ics.PropertyXWRCalName, "DevDay"},
		{ics.PropertyXWRTimezone, "Europe/London"},
	} {
		if got := calProp(cal, c.prop); got != c.want {
			t.Errorf("calendar %s: got %q, want %q", c.prop, got, c.want)
		}
	}

	var uids []string
	for _, v := range cal.Events() {
		uids = append(uids, v.Id())
	}
	wantUIDs := []string{
		"talk-11-7@guildhall", "talk-12-7@guildhall", "talk-13-7@guildhall", "talk-14-7@guildhall",
		"talk-15-7@guildhall", "talk-16-7@guildhall", "talk-17-7@guildhall",
		"break-630-7@guildhall", "break-750-7@guildhall", "break-900-7@guildhall",
	}
	if !slices.Equal(uids, wantUIDs) {
		t.Fatalf("UIDs: got %q, want %q", uids, wantUIDs)
	}

	byUID := eventsByUID(cal)
	tests := []struct {
		uid  string
		prop ics.ComponentProperty
		want string
	}{
		{"talk-11-7@guildhall", ics.ComponentPropertySummary, "Opening keynote: why we build"},
		{"talk-11-7@guildhall", ics.ComponentPropertyLocation, "All rooms"},
		{"talk-11-7@guildhall", ics.ComponentPropertyDescription, "Speakers: Ada Lovelace"},
		{"talk-11-7@guildhall", ics.ComponentPropertySequence, "2"},
		{"talk-11-7@guildhall", ics.ComponentPropertyDtstamp, "20270301T120000Z"},
		{"talk-11-7@guildhall", ics.ComponentPropertyStatus, "CONFIRMED"},
		{"talk-11-7@guildhall", ics.ComponentPropertyUrl, eventURL + "#talk-11"},
		{"talk-12-7@guildhall", ics.ComponentPropertyLocation, "Main"},
		{"talk-12-7@guildhall", ics.ComponentPropertyDescription, "Speakers: Ada Lovelace, Grace Hopper\n\nWhat we learnt shipping tests that run against live traffic."},
		{"talk-13-7@guildhall", ics.ComponentPropertySummary, trickyTitle},
		{"talk-13-7@guildhall", ics.ComponentPropertyLocation, "Lab"},
		{"talk-13-7@guildhall", ics.ComponentPropertyDescription, "Speakers: Linus Ólafsson\n\n" + trickyAbstract},
		{"talk-17-7@guildhall", ics.ComponentPropertyStatus, "TENTATIVE"},
		{"break-750-7@guildhall", ics.ComponentPropertySummary, "lunch"},
		{"break-750-7@guildhall", ics.ComponentPropertyLocation, "All rooms"},
		{"break-750-7@guildhall", ics.ComponentPropertyTransp, "TRANSPARENT"},
		{"break-750-7@guildhall", ics.ComponentPropertySequence, "2"},
	}
	for _, tt := range tests {
		v := byUID[tt.uid]
		if v == nil {
			t.Errorf("%s: got no event", tt.uid)
			continue
		}
		if got := prop(v, tt.prop); got != tt.want {
			t.Errorf("%s %s: got %q, want %q", tt.uid, tt.prop, got, tt.want)
		}
	}

	var cats []string
	for _, c := range byUID["talk-13-7@guildhall"].GetProperties(ics.ComponentPropertyCategories) {
		cats = append(cats, c.Value)
	}
	if want := []string{"talk", "architecture"}; !slices.Equal(cats, want) {
		t.Errorf("talk 13 CATEGORIES: got %q, want %q (format first, each once)", cats, want)
	}
	if got := prop(byUID["break-750-7@guildhall"], ics.ComponentPropertyUrl); got != "" {
		t.Errorf("break URL: got %q, want none", got)
	}
}

// TestWriteICalEscaping checks the raw text: commas, semicolons,
// backslashes and newlines are escaped in TEXT values.
func TestWriteICalEscaping(t *testing.T) {
	p := fixture("2027-03-18")
	p.Items[0].Title = "A, B; C \\ D\r\nE"
	b := writeICal(t, p, schedule.ICalOptions{})
	unfolded := strings.ReplaceAll(string(b), "\r\n ", "")
	for _, want := range []string{
		`SUMMARY:A\, B\; C \\ D\nE` + "\r\n",
		`SUMMARY:Caches\, queues\; and the café of eventual consistency` + "\r\n",
		`\\cache key`,
		`it.\nBring questions\; leave`,
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("got no %q in the unfolded calendar, want it", want)
		}
	}
}

// TestWriteICalSpeaker checks the per-speaker calendar.
func TestWriteICalSpeaker(t *testing.T) {
	tests := []struct {
		name     string
		speaker  int64
		wantUIDs []string
		wantName string
	}{
		{"two talks", grace.UserID, []string{"talk-12-7@guildhall", "talk-15-7@guildhall"}, "DevDay: Grace Hopper's talks"},
		{"keynote and co-speaker", ada.UserID, []string{"talk-11-7@guildhall", "talk-12-7@guildhall"}, "DevDay: Ada Lovelace's talks"},
		{"unconfirmed", ken.UserID, []string{"talk-17-7@guildhall"}, "DevDay: Ken Thompson's talks"},
		{"no talks", 99, nil, "DevDay: talks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal := parseICal(t, writeICal(t, fixture("2027-03-18"), schedule.ICalOptions{Speaker: tt.speaker}))
			var uids []string
			for _, v := range cal.Events() {
				uids = append(uids, v.Id())
			}
			if !slices.Equal(uids, tt.wantUIDs) {
				t.Errorf("UIDs: got %q, want %q (no breaks, only the speaker's talks)", uids, tt.wantUIDs)
			}
			if got := calProp(cal, ics.PropertyXWRCalName); got != tt.wantName {
				t.Errorf("X-WR-CALNAME: got %q, want %q", got, tt.wantName)
			}
		})
	}
}

// TestWriteICalNextRelease checks that a talk moved in a later release
// keeps its UID and gets a higher SEQUENCE, so calendars update it.
func TestWriteICalNextRelease(t *testing.T) {
	v2 := fixture("2027-03-18")
	v3 := fixture("2027-03-18")
	v3.Version = 3
	v3.At = v3.At.Add(48 * time.Hour)
	it, _ := v3.Item(17)
	it.Start = 15*60 + 30
	it.Confirmed = true

	before := eventsByUID(parseICal(t, writeICal(t, v2, schedule.ICalOptions{})))
	after := eventsByUID(parseICal(t, writeICal(t, v3, schedule.ICalOptions{})))
	if len(before) != len(after) {
		t.Fatalf("events: got %d then %d, want the same number", len(before), len(after))
	}
	for uid := range before {
		if after[uid] == nil {
			t.Errorf("release 3: got no %s, want every UID kept", uid)
		}
	}
	moved := after["talk-17-7@guildhall"]
	for _, c := range []struct {
		prop ics.ComponentProperty
		want string
	}{
		{ics.ComponentPropertySequence, "3"},
		{ics.ComponentPropertyDtStart, "20270318T153000Z"},
		{ics.ComponentPropertyDtstamp, "20270303T120000Z"},
		{ics.ComponentPropertyStatus, "CONFIRMED"},
	} {
		if got := prop(moved, c.prop); got != c.want {
			t.Errorf("moved talk %s: got %q, want %q", c.prop, got, c.want)
		}
	}
}

func TestWriteICalNoProgram(t *testing.T) {
	for _, p := range []*schedule.Program{nil, {Version: 1}} {
		var buf bytes.Buffer
		if err := schedule.WriteICal(&buf, p, schedule.ICalOptions{}); err == nil {
			t.Errorf("WriteICal(%v): got no error, want one", p)
		}
		if buf.Len() != 0 {
			t.Errorf("WriteICal(%v): got %d bytes written, want none", p, buf.Len())
		}
	}
}
