package schedule_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/schedule"
)

// frab is what a reader of pretalx's schedule.json takes from it.
type frab struct {
	Schema    string `json:"$schema"`
	Generator struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"generator"`
	Schedule struct {
		URL        string `json:"url"`
		Version    string `json:"version"`
		BaseURL    string `json:"base_url"`
		Conference struct {
			Acronym          string `json:"acronym"`
			Title            string `json:"title"`
			Start            string `json:"start"`
			End              string `json:"end"`
			DaysCount        int    `json:"daysCount"`
			TimeslotDuration string `json:"timeslot_duration"`
			TimeZoneName     string `json:"time_zone_name"`
			Rooms            []struct {
				Name     string `json:"name"`
				GUID     string `json:"guid"`
				Capacity int    `json:"capacity"`
			} `json:"rooms"`
			Tracks []any `json:"tracks"`
			Days   []struct {
				Index    int                   `json:"index"`
				Date     string                `json:"date"`
				DayStart string                `json:"day_start"`
				DayEnd   string                `json:"day_end"`
				Rooms    map[string][]frabTalk `json:"rooms"`
			} `json:"days"`
		} `json:"conference"`
	} `json:"schedule"`
}

type frabTalk struct {
	GUID     string  `json:"guid"`
	Code     string  `json:"code"`
	ID       int64   `json:"id"`
	Logo     *string `json:"logo"`
	Date     string  `json:"date"`
	Start    string  `json:"start"`
	Duration string  `json:"duration"`
	Room     string  `json:"room"`
	Slug     string  `json:"slug"`
	URL      string  `json:"url"`
	Title    string  `json:"title"`
	Track    *string `json:"track"`
	Type     string  `json:"type"`
	Language string  `json:"language"`
	Abstract string  `json:"abstract"`
	Persons  []struct {
		Code       string `json:"code"`
		Name       string `json:"name"`
		PublicName string `json:"public_name"`
		GUID       string `json:"guid"`
		Answers    []any  `json:"answers"`
	} `json:"persons"`
	Links       []any `json:"links"`
	Attachments []any `json:"attachments"`
	Answers     []any `json:"answers"`
}

func writePretalx(t *testing.T, p *schedule.Program, baseURL string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := schedule.WritePretalx(&buf, p, baseURL); err != nil {
		t.Fatalf("WritePretalx: got error %v, want none", err)
	}
	return buf.Bytes()
}

func decodeFrab(t *testing.T, b []byte) *frab {
	t.Helper()
	var f frab
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("decode: got error %v, want none", err)
	}
	return &f
}

// talks returns every talk of the first day, by id.
func (f *frab) talks() map[int64]frabTalk {
	out := map[int64]frabTalk{}
	for _, ts := range f.Schedule.Conference.Days[0].Rooms {
		for _, t := range ts {
			out[t.ID] = t
		}
	}
	return out
}

func TestWritePretalxGolden(t *testing.T) {
	p := fixture("2027-03-18")
	got := writePretalx(t, p, eventURL)
	if again := writePretalx(t, p, eventURL); !bytes.Equal(got, again) {
		t.Fatalf("two writes of the same program: got different bytes, want the same")
	}
	if !bytes.HasSuffix(got, []byte("}\n")) {
		t.Errorf("got output ending in %q, want a trailing newline", got[max(0, len(got)-5):])
	}
	if !bytes.HasPrefix(got, []byte("{\n  \"$schema\": ")) {
		t.Errorf("got output starting %q, want $schema first and a 2-space indent", got[:min(len(got), 20)])
	}
	golden(t, "program-pretalx.json", got)
}

func TestWritePretalxDecode(t *testing.T) {
	f := decodeFrab(t, writePretalx(t, fixture("2027-03-18"), eventURL))
	c := f.Schedule.Conference

	for _, tt := range []struct{ field, got, want string }{
		{"$schema", f.Schema, "https://c3voc.de/schedule/schema.json"},
		{"generator.name", f.Generator.Name, "guildhall"},
		{"version", f.Schedule.Version, "2"},
		{"url", f.Schedule.URL, eventURL},
		{"acronym", c.Acronym, "devday"},
		{"title", c.Title, "DevDay"},
		{"start", c.Start, "2027-03-18"},
		{"end", c.End, "2027-03-18"},
		{"timeslot_duration", c.TimeslotDuration, "00:05"},
		{"time_zone_name", c.TimeZoneName, "Europe/London"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.field, tt.got, tt.want)
		}
	}
	if c.DaysCount != 1 || len(c.Days) != 1 {
		t.Fatalf("days: got daysCount %d and %d days, want 1 and 1", c.DaysCount, len(c.Days))
	}
	if len(c.Rooms) != 2 || c.Rooms[0].Name != "Main" || c.Rooms[0].Capacity != 120 || c.Rooms[1].Name != "Lab" {
		t.Errorf("rooms: got %+v, want Main (120) then Lab", c.Rooms)
	}
	if c.Tracks == nil {
		t.Errorf("tracks: got null, want []")
	}
	day := c.Days[0]
	if day.Index != 1 || day.Date != "2027-03-18" || day.DayStart != "2027-03-18T04:00:00+00:00" || day.DayEnd != "2027-03-19T03:59:00+00:00" {
		t.Errorf("day: got index %d date %s %s–%s, want 1 2027-03-18 2027-03-18T04:00:00+00:00–2027-03-19T03:59:00+00:00", day.Index, day.Date, day.DayStart, day.DayEnd)
	}

	wantRooms := map[string][]int64{"Main": {11, 12, 14, 15, 17}, "Lab": {13, 16}}
	if len(day.Rooms) != len(wantRooms) {
		t.Errorf("day rooms: got %d, want %d", len(day.Rooms), len(wantRooms))
	}
	for room, want := range wantRooms {
		var got []int64
		for _, tk := range day.Rooms[room] {
			got = append(got, tk.ID)
			if tk.Room != room {
				t.Errorf("talk %d: got room %q, want %q, the room it is listed under", tk.ID, tk.Room, room)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("room %s: got talks %v, want %v", room, got, want)
		}
	}

	talks := f.talks()
	tests := []struct {
		id                    int64
		date, start, duration string
		typ                   string
		persons               int
	}{
		{11, "2027-03-18T09:00:00+00:00", "09:00", "00:30", "keynote", 1},
		{12, "2027-03-18T09:30:00+00:00", "09:30", "00:30", "talk", 2},
		{13, "2027-03-18T09:30:00+00:00", "09:30", "00:30", "talk", 1},
		{14, "2027-03-18T10:00:00+00:00", "10:00", "00:05", "lightning", 1},
		{15, "2027-03-18T10:05:00+00:00", "10:05", "00:05", "lightning", 1},
		{16, "2027-03-18T11:00:00+00:00", "11:00", "01:30", "workshop", 1},
		{17, "2027-03-18T13:30:00+00:00", "13:30", "00:45", "talk", 1},
	}
	if len(talks) != len(tests) {
		t.Errorf("talks: got %d, want %d", len(talks), len(tests))
	}
	for _, tt := range tests {
		tk, ok := talks[tt.id]
		if !ok {
			t.Errorf("talk %d: got none", tt.id)
			continue
		}
		for _, c := range []struct{ field, got, want string }{
			{"date", tk.Date, tt.date},
			{"start", tk.Start, tt.start},
			{"duration", tk.Duration, tt.duration},
			{"type", tk.Type, tt.typ},
			{"language", tk.Language, "en"},
		} {
			if c.got != c.want {
				t.Errorf("talk %d %s: got %q, want %q", tt.id, c.field, c.got, c.want)
			}
		}
		if len(tk.Persons) != tt.persons {
			t.Errorf("talk %d persons: got %d, want %d", tt.id, len(tk.Persons), tt.persons)
		}
		if tk.Links == nil || tk.Attachments == nil || tk.Answers == nil {
			t.Errorf("talk %d: got a null links, attachments or answers, want []", tt.id)
		}
		if tk.Logo != nil || tk.Track != nil {
			t.Errorf("talk %d: got logo %v and track %v, want null", tt.id, tk.Logo, tk.Track)
		}
	}

	tricky := talks[13]
	if tricky.Title != trickyTitle || tricky.Abstract != trickyAbstract {
		t.Errorf("talk 13: got title %q abstract %q, want them as given", tricky.Title, tricky.Abstract)
	}
	if want := "devday-13-caches-queues-and-the-cafe-of-eventual-consistency"; tricky.Slug != want {
		t.Errorf("talk 13 slug: got %q, want %q", tricky.Slug, want)
	}
	if want := eventURL + "#talk-13"; tricky.URL != want {
		t.Errorf("talk 13 url: got %q, want %q", tricky.URL, want)
	}
	if got := talks[12].Code; got != "T12" {
		t.Errorf("talk 12 code: got %q, want \"T12\"", got)
	}
	if pr := talks[12].Persons; len(pr) != 2 || pr[0].Code != "P1" || pr[1].Code != "P2" {
		t.Errorf("talk 12 person codes: got %+v, want P1 and P2", pr)
	}
	if pr := talks[12].Persons; len(pr) == 2 && (pr[0].Name != "Ada Lovelace" || pr[0].PublicName != "Ada Lovelace" || pr[1].Name != "Grace Hopper" || pr[0].Answers == nil) {
		t.Errorf("talk 12 persons: got %+v, want Ada Lovelace then Grace Hopper, answers []", pr)
	}
}

// TestWritePretalxRoomOrder checks that a day's rooms come in the event's
// room order, as pretalx writes them, not sorted.
func TestWritePretalxRoomOrder(t *testing.T) {
	b := writePretalx(t, fixture("2027-03-18"), eventURL)
	mainAt, labAt := bytes.Index(b, []byte(`"Main": [`)), bytes.Index(b, []byte(`"Lab": [`))
	if mainAt < 0 || labAt < 0 || mainAt > labAt {
		t.Errorf("day rooms: got Main at %d and Lab at %d, want Main first", mainAt, labAt)
	}
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestWritePretalxGUIDs checks that every guid is a well-formed UUID,
// unique, and the same in another write and in the next release.
func TestWritePretalxGUIDs(t *testing.T) {
	v2 := fixture("2027-03-18")
	v3 := fixture("2027-03-18")
	v3.Version = 3
	it, _ := v3.Item(16)
	it.Room, it.Start = "Main", 15*60+15

	first := decodeFrab(t, writePretalx(t, v2, eventURL))
	second := decodeFrab(t, writePretalx(t, v2, eventURL))
	next := decodeFrab(t, writePretalx(t, v3, eventURL))

	seen := map[string]int64{}
	for id, tk := range first.talks() {
		if !uuidRE.MatchString(tk.GUID) {
			t.Errorf("talk %d guid: got %q, want a version 5 UUID", id, tk.GUID)
		}
		if other, dup := seen[tk.GUID]; dup {
			t.Errorf("talk %d guid: got %s, which talk %d has too, want unique", id, tk.GUID, other)
		}
		seen[tk.GUID] = id
		if got := second.talks()[id].GUID; got != tk.GUID {
			t.Errorf("talk %d guid in a second write: got %s, want %s", id, got, tk.GUID)
		}
		if got := next.talks()[id].GUID; got != tk.GUID {
			t.Errorf("talk %d guid in release 3: got %s, want %s", id, got, tk.GUID)
		}
	}
	for _, r := range first.Schedule.Conference.Rooms {
		if !uuidRE.MatchString(r.GUID) {
			t.Errorf("room %s guid: got %q, want a version 5 UUID", r.Name, r.GUID)
		}
		if _, dup := seen[r.GUID]; dup {
			t.Errorf("room %s guid: got %s, which a talk has too, want unique", r.Name, r.GUID)
		}
	}
	if got := next.Schedule.Version; got != "3" {
		t.Errorf("release 3 version: got %q, want \"3\"", got)
	}
	if got := next.talks()[16]; got.Room != "Main" || got.Start != "15:15" {
		t.Errorf("moved talk 16: got %s at %s, want Main at 15:15", got.Room, got.Start)
	}
}

// TestWritePretalxPlenary checks that a plenary is listed once, under the
// room that seats most people.
func TestWritePretalxPlenary(t *testing.T) {
	tests := []struct {
		name  string
		rooms []event.Room
		want  string
	}{
		{"first is largest", []event.Room{{Name: "Main", Capacity: 120}, {Name: "Lab", Capacity: 30}}, "Main"},
		{"largest is second", []event.Room{{Name: "Side", Capacity: 20}, {Name: "Hall", Capacity: 200}}, "Hall"},
		{"tie goes to the first", []event.Room{{Name: "East", Capacity: 50}, {Name: "West", Capacity: 50}}, "East"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fixture("2027-03-18")
			p.Event.Rooms, p.Rooms = tt.rooms, tt.rooms
			for i := range p.Items {
				if !p.Items[i].Plenary() {
					p.Items[i].Room = tt.rooms[i%2].Name
				}
			}
			f := decodeFrab(t, writePretalx(t, p, eventURL))
			var where []string
			for room, ts := range f.Schedule.Conference.Days[0].Rooms {
				for _, tk := range ts {
					if tk.ID == 11 {
						where = append(where, room+"/"+tk.Room)
					}
				}
			}
			if len(where) != 1 || where[0] != tt.want+"/"+tt.want {
				t.Errorf("keynote: got listed as %v (day room/room), want once as %s/%s", where, tt.want, tt.want)
			}
		})
	}
}

// TestWritePretalxTimeZones checks the offsets written in summer and for
// an event without a zone.
func TestWritePretalxTimeZones(t *testing.T) {
	tests := []struct {
		name, day, tz                    string
		wantDate, wantZone, wantDayStart string
	}{
		{"winter", "2027-03-18", "Europe/London", "2027-03-18T09:00:00+00:00", "Europe/London", "2027-03-18T04:00:00+00:00"},
		{"summer", "2027-07-01", "Europe/London", "2027-07-01T09:00:00+01:00", "Europe/London", "2027-07-01T04:00:00+01:00"},
		{"no zone", "2027-07-01", "", "2027-07-01T09:00:00+00:00", "UTC", "2027-07-01T04:00:00+00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fixture(tt.day)
			p.Event.TZ = tt.tz
			f := decodeFrab(t, writePretalx(t, p, ""))
			c := f.Schedule.Conference
			if got := f.talks()[11].Date; got != tt.wantDate {
				t.Errorf("keynote date: got %s, want %s", got, tt.wantDate)
			}
			if c.TimeZoneName != tt.wantZone {
				t.Errorf("time_zone_name: got %q, want %q", c.TimeZoneName, tt.wantZone)
			}
			if got := c.Days[0].DayStart; got != tt.wantDayStart {
				t.Errorf("day_start: got %s, want %s", got, tt.wantDayStart)
			}
			if got := f.talks()[11].URL; got != "" {
				t.Errorf("url without a base URL: got %q, want \"\"", got)
			}
		})
	}
}

func TestWritePretalxNoProgram(t *testing.T) {
	for _, p := range []*schedule.Program{nil, {Version: 1}} {
		var buf bytes.Buffer
		if err := schedule.WritePretalx(&buf, p, eventURL); err == nil {
			t.Errorf("WritePretalx(%v): got no error, want one", p)
		}
		if buf.Len() != 0 {
			t.Errorf("WritePretalx(%v): got %d bytes written, want none", p, buf.Len())
		}
	}
}
