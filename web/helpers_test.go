package web_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // the pages must not depend on the host's zone database

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
	"github.com/guildhall/guildhall/web"
)

// fakeReleases is an in-memory web.Releases: each event's releases, in
// version order, found by name regardless of case.
type fakeReleases struct {
	events map[string][]*schedule.Program
	// fail names the events whose lookups fail with an internal error.
	fail map[string]error
}

func (f *fakeReleases) FindRelease(_ context.Context, name string, version int) (*schedule.Program, error) {
	if err, ok := f.fail[name]; ok {
		return nil, err
	}
	for n, ps := range f.events {
		if !strings.EqualFold(n, name) {
			continue
		}
		if len(ps) == 0 {
			break
		}
		if version == 0 {
			return ps[len(ps)-1], nil
		}
		for _, p := range ps {
			if p.Version == version {
				return p, nil
			}
		}
		return nil, guild.Errorf(guild.ENOTFOUND, "%s has no release %d.", n, version)
	}
	return nil, guild.Errorf(guild.ENOTFOUND, "No schedule has been published for %s yet.", name)
}

// secret is part of an internal error that must never reach a page.
const secret = "/var/lib/guildhall/secret.db"

// Speakers of the fixture, by store id.
var (
	olga  = schedule.Person{UserID: 21, Platform: "slack", PlatformID: "U021", Name: "Olga"}
	ann   = schedule.Person{UserID: 22, Platform: "slack", PlatformID: "U022", Name: "Ann Lee"}
	sam   = schedule.Person{UserID: 23, Platform: "slack", PlatformID: "U023", Name: "Sam"}
	kim   = schedule.Person{UserID: 24, Platform: "discord", PlatformID: "8024", Name: "Kim"}
	lee   = schedule.Person{UserID: 25, Platform: "console", PlatformID: "lee", Name: "Lee <b>Bold</b>"}
	raj   = schedule.Person{UserID: 26, Platform: "slack", PlatformID: "U026", Name: "Raj"}
	priya = schedule.Person{UserID: 27, Platform: "slack", PlatformID: "U027", Name: "Priya"}
	bo    = schedule.Person{UserID: 28, Platform: "slack", PlatformID: "U028", Name: "Bo"}
	cy    = schedule.Person{UserID: 29, Platform: "slack", PlatformID: "U029", Name: "Cy"}
	dee   = schedule.Person{UserID: 30, Platform: "slack", PlatformID: "U030", Name: "Dee"}
)

// devDay returns the fixture event: a day in London with two rooms.
func devDay() *event.Event {
	return &event.Event{
		ID: 7, Name: "Dev Day", Day: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
		Start: 9 * 60, End: 17 * 60, TZ: "Europe/London",
		Rooms: []event.Room{{Name: "Main hall", Capacity: 120}, {Name: "Lab", Capacity: 30}},
		Breaks: []event.Break{
			{Name: "coffee", Start: 10*60 + 30, End: 10*60 + 45},
			{Name: "lunch", Start: 12*60 + 30, End: 13*60 + 30},
			{Name: "coffee", Start: 15 * 60, End: 15*60 + 15},
		},
	}
}

// item places a talk.
func item(talk int64, room string, at string, minutes int, title, format string, speakers ...schedule.Person) schedule.Item {
	t, err := time.Parse("15:04", at)
	if err != nil {
		panic(err)
	}
	return schedule.Item{
		Placement: schedule.Placement{Talk: talk, Room: room, Start: t.Hour()*60 + t.Minute(), Minutes: minutes},
		Title:     title, Format: format, Kind: format, Speakers: speakers, Confirmed: true,
	}
}

// devDayRelease returns release version (1 or 2) of Dev Day. Release 2
// has a plenary keynote, a talk beside two lightning talks, a workshop
// beside two talks, an unconfirmed talk, and a closing game.
func devDayRelease(version int) *schedule.Program {
	e := devDay()
	p := &schedule.Program{Event: e, Version: version, Rooms: e.Rooms, Breaks: e.Breaks, By: "olga"}
	if version == 1 {
		p.At = time.Date(2026, 11, 2, 16, 0, 0, 0, time.UTC)
		p.Items = []schedule.Item{
			item(1, "", "09:00", 30, "Opening: what will you do differently?", "keynote", olga),
			item(2, "Main hall", "10:45", 60, "Testing in production, safely", "talk", ann, sam),
		}
		return p
	}
	p.At = time.Date(2026, 11, 10, 14, 30, 0, 0, time.UTC)
	testing := item(2, "Main hall", "09:30", 60, "Testing in production, safely", "talk", ann, sam)
	testing.Tags = []string{"testing", "observability"}
	testing.Abstract = "Feature flags, canaries and dark launches.\nWhat went wrong, and what we do now."
	generics := item(3, "Lab", "09:30", 5, "Five minutes of Go generics", "lightning", kim)
	generics.FirstTime = true
	naming := item(4, "Lab", "09:35", 5, `Naming things <script>alert("x")</script> & café, 日本語`, "lightning", lee)
	naming.Confirmed = false
	workshop := item(6, "Lab", "10:45", 90, "Hands-on property testing", "workshop", priya)
	workshop.Tags = []string{"testing"}
	a11y := item(8, "Main hall", "13:30", 30, "Accessibility for everyone", "talk", dee)
	a11y.Confirmed = false
	p.Items = []schedule.Item{
		item(1, "", "09:00", 30, "Opening: what will you do differently?", "keynote", olga),
		testing, generics, naming,
		item(5, "Main hall", "10:45", 30, "Event sourcing: a field guide", "talk", raj),
		workshop,
		item(7, "Main hall", "11:15", 60, "Panel: remote-first teams", "panel", ann, bo, cy),
		a11y,
		item(9, "", "16:30", 30, "Closing game: schedule bingo", "game", olga),
	}
	return p
}

// cafeDia returns an event whose name has spaces and accents, in Madrid.
func cafeDia() *schedule.Program {
	e := &event.Event{ID: 8, Name: "Café Día", Day: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC),
		Start: 10 * 60, End: 14 * 60, TZ: "Europe/Madrid", Rooms: []event.Room{{Name: "Sala Ñ", Capacity: 40}}, Breaks: []event.Break{}}
	return &schedule.Program{Event: e, Version: 1, Rooms: e.Rooms, Breaks: e.Breaks,
		At:    time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
		Items: []schedule.Item{item(11, "Sala Ñ", "10:00", 30, "¿Qué haremos distinto?", "talk", kim)}}
}

// fixture returns the releases the tests serve: Dev Day (releases 1 and
// 2), Café Día, and Broken, whose lookups fail.
func fixture() *fakeReleases {
	return &fakeReleases{
		events: map[string][]*schedule.Program{
			"Dev Day":  {devDayRelease(1), devDayRelease(2)},
			"Café Día": {cafeDia()},
		},
		fail: map[string]error{"Broken": errors.New("sqlite: disk I/O error at " + secret)},
	}
}

// syncBuffer is a bytes.Buffer safe for a server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newHandler returns a handler over the fixture and the buffer it logs to.
func newHandler() (*web.Handler, *syncBuffer) {
	logs := &syncBuffer{}
	return &web.Handler{Releases: fixture(), Log: slog.New(slog.NewTextHandler(logs, nil))}, logs
}
