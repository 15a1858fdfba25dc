package event_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones load even where the system has no zoneinfo

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

func loadLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%s) error = %v", name, err)
	}
	return loc
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"09:00", 540},
		{"9:00", 540},
		{"9:30", 570},
		{"00:00", 0},
		{"0:00", 0},
		{"12:05", 725},
		{"17:00", 1020},
		{"23:59", 1439},
		{"24:00", 1440},
		{" 17:00 ", 1020},
	}
	for _, tt := range tests {
		got, err := event.ParseClock("start", tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseClock(%q) = %d, %v, want %d, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseClockErrors(t *testing.T) {
	for _, in := range []string{
		"", " ", "24:01", "24:30", "25:00", "99:00", "12:60", "12:99",
		"9", "0930", "9:5", "9:005", "009:00", "9.30", "9h30", "9:30am", "9:30 pm",
		"noon", "ab:cd", ":30", "9:", "-1:00", "-0:00", "+9:30", "09:+5", "9:-0", "1_0:00", " 9 :30",
	} {
		got, err := event.ParseClock("end", in)
		if err == nil {
			t.Errorf("ParseClock(%q) = %d, want an error", in, got)
			continue
		}
		if got != 0 {
			t.Errorf("ParseClock(%q) = %d with an error, want 0", in, got)
		}
		if code := guild.ErrorCode(err); code != guild.EINVALID {
			t.Errorf("ParseClock(%q) code = %q, want %q", in, code, guild.EINVALID)
		}
		if field := guild.ErrorField(err); field != "end" {
			t.Errorf("ParseClock(%q) field = %q, want %q", in, field, "end")
		}
		want := "end=" + guild.QuoteArg(in) + " is not a time of day; write it as HH:MM in 24 hours, such as 09:30 or 17:00."
		if msg := guild.ErrorMessage(err); msg != want {
			t.Errorf("ParseClock(%q) message = %q, want %q", in, msg, want)
		}
	}
}

func TestClock(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{
		{0, "00:00"},
		{5, "00:05"},
		{540, "09:00"},
		{570, "09:30"},
		{1439, "23:59"},
		{1440, "24:00"},
	}
	for _, tt := range tests {
		if got := event.Clock(tt.in); got != tt.want {
			t.Errorf("Clock(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for m := 0; m <= 24*60; m++ {
		got, err := event.ParseClock("start", event.Clock(m))
		if err != nil || got != m {
			t.Fatalf("ParseClock(Clock(%d) = %q) = %d, %v, want %d, nil", m, event.Clock(m), got, err, m)
		}
	}
}

func TestParseDate(t *testing.T) {
	good := []struct {
		in   string
		want time.Time
	}{
		{"2027-03-18", day(2027, 3, 18)},
		{" 2027-03-18 ", day(2027, 3, 18)},
		{"2028-02-29", day(2028, 2, 29)},
		{"2027-12-31", day(2027, 12, 31)},
	}
	for _, tt := range good {
		got, err := event.ParseDate("date", tt.in)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %s, %v, want %s, nil", tt.in, got, err, tt.want)
			continue
		}
		if got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) location = %s, want UTC", tt.in, got.Location())
		}
	}
	for _, in := range []string{"", "tomorrow", "2027-3-18", "18/03/2027", "2027/03/18", "2027-02-29", "2027-02-30", "2027-13-01", "2027-00-10", "2027-03-18T09:00", "27-03-18"} {
		got, err := event.ParseDate("date", in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %s, want an error", in, got)
			continue
		}
		if !got.IsZero() {
			t.Errorf("ParseDate(%q) = %s with an error, want zero", in, got)
		}
		if field := guild.ErrorField(err); field != "date" {
			t.Errorf("ParseDate(%q) field = %q, want %q", in, field, "date")
		}
		want := "date=" + guild.QuoteArg(in) + " is not a date; write it as YYYY-MM-DD, such as 2027-03-18."
		if msg := guild.ErrorMessage(err); msg != want {
			t.Errorf("ParseDate(%q) message = %q, want %q", in, msg, want)
		}
	}
}

func TestDate(t *testing.T) {
	tokyo := loadLoc(t, "Asia/Tokyo")
	tests := []struct {
		in   time.Time
		want time.Time
	}{
		{time.Date(2027, 3, 18, 23, 59, 59, 0, time.UTC), day(2027, 3, 18)},
		{time.Date(2027, 3, 19, 1, 0, 0, 0, tokyo), day(2027, 3, 19)}, // 2027-03-18 16:00 UTC
		{time.Date(2027, 3, 18, 23, 0, 0, 0, time.UTC).In(tokyo), day(2027, 3, 19)},
	}
	for _, tt := range tests {
		got := event.Date(tt.in)
		if !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("Date(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func validEvent() *event.Event {
	return &event.Event{
		Name:  "DevDay",
		Day:   day(2027, 3, 18),
		Start: 9 * 60,
		End:   17 * 60,
		TZ:    "Europe/London",
		Rooms: []event.Room{{Name: "Main", Capacity: 120}},
	}
}

func TestEventValidate(t *testing.T) {
	early := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		edit      func(e *event.Event)
		now       time.Time
		wantField string // "" when valid
		wantMsg   string // the exact message, when set
	}{
		{"valid", func(e *event.Event) {}, early, "", ""},
		{"today", func(e *event.Event) {}, time.Date(2027, 3, 18, 16, 0, 0, 0, time.UTC), "", ""},
		{"later today", func(e *event.Event) {}, time.Date(2027, 3, 18, 23, 59, 0, 0, time.UTC), "", ""},
		{"yesterday", func(e *event.Event) {}, time.Date(2027, 3, 19, 0, 0, 0, 0, time.UTC), "date", "2027-03-18 is in the past (today is 2027-03-19 in Europe/London)."},
		{
			// 12:00 UTC on the 18th is already the 19th in Auckland.
			"past in the event's zone, not in UTC",
			func(e *event.Event) { e.TZ = "Pacific/Auckland" },
			time.Date(2027, 3, 18, 12, 0, 0, 0, time.UTC),
			"date", "2027-03-18 is in the past (today is 2027-03-19 in Pacific/Auckland).",
		},
		{
			// 03:00 UTC on the 19th is still the 18th in Los Angeles.
			"past in UTC, today in the event's zone",
			func(e *event.Event) { e.TZ = "America/Los_Angeles" },
			time.Date(2027, 3, 19, 3, 0, 0, 0, time.UTC),
			"", "",
		},
		{"empty zone is UTC, last minute", func(e *event.Event) { e.TZ = "" }, time.Date(2027, 3, 18, 23, 59, 59, 0, time.UTC), "", ""},
		{"empty zone is UTC, next day", func(e *event.Event) { e.TZ = "" }, time.Date(2027, 3, 19, 0, 0, 0, 0, time.UTC), "date", "2027-03-18 is in the past (today is 2027-03-19 in UTC)."},
		{"start equals end", func(e *event.Event) { e.End = e.Start }, early, "end", "The event must end after it starts: start=09:00, end=09:00."},
		{"start after end", func(e *event.Event) { e.Start, e.End = 17*60, 9*60+30 }, early, "end", "The event must end after it starts: start=17:00, end=09:30."},
		{"one minute long", func(e *event.Event) { e.Start, e.End = 600, 601 }, early, "", ""},
		{"all day", func(e *event.Event) { e.Start, e.End = 0, 24*60 }, early, "", ""},
		{"no rooms", func(e *event.Event) { e.Rooms = nil }, early, "rooms", `Name at least one room with its capacity, such as rooms="Main:120, Lab:30".`},
		{"bad zone", func(e *event.Event) { e.TZ = "Mars/Olympus_Mons" }, early, "tz", ""},
		{"Local zone", func(e *event.Event) { e.TZ = "Local" }, early, "tz", ""},
		{"empty name", func(e *event.Event) { e.Name = "" }, early, "name", ""},
		{"81-character name", func(e *event.Event) { e.Name = strings.Repeat("a", 81) }, early, "name", ""},
		{"80-character name", func(e *event.Event) { e.Name = strings.Repeat("é", 80) }, early, "", ""},
		{"name starting with #", func(e *event.Event) { e.Name = "#devday" }, early, "name", "An event's name cannot start with # or @."},
		{"name starting with @", func(e *event.Event) { e.Name = "@devday" }, early, "name", "An event's name cannot start with # or @."},
		{"# inside the name", func(e *event.Event) { e.Name = "DevDay #3" }, early, "", ""},
		{"newline in name", func(e *event.Event) { e.Name = "Dev\nDay" }, early, "name", ""},
		{"a channel", func(e *event.Event) { e.Channel = "devday" }, early, "", ""},
		{"a channel's id", func(e *event.Event) { e.Channel = "C0123ABC" }, early, "", ""},
		{"a channel with a space", func(e *event.Event) { e.Channel = "dev day" }, early, "channel", ""},
		{"a channel with its #", func(e *event.Event) { e.Channel = "#devday" }, early, "channel", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEvent()
			tt.edit(e)
			err := e.Validate(tt.now)
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("Validate(%s) = %v, want nil", tt.now, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate(%s) = nil, want an error on %s", tt.now, tt.wantField)
			}
			if code := guild.ErrorCode(err); code != guild.EINVALID {
				t.Errorf("Validate(%s) code = %q, want %q", tt.now, code, guild.EINVALID)
			}
			if field := guild.ErrorField(err); field != tt.wantField {
				t.Errorf("Validate(%s) field = %q (%v), want %q", tt.now, field, err, tt.wantField)
			}
			if msg := guild.ErrorMessage(err); tt.wantMsg != "" && msg != tt.wantMsg {
				t.Errorf("Validate(%s) message = %q, want %q", tt.now, msg, tt.wantMsg)
			}
		})
	}
}

func TestEventLocation(t *testing.T) {
	tests := []struct {
		tz   string
		want string
	}{
		{"Europe/London", "Europe/London"},
		{"", "UTC"},
		{"Mars/Olympus_Mons", "UTC"},
	}
	for _, tt := range tests {
		e := &event.Event{TZ: tt.tz}
		if got := e.Location().String(); got != tt.want {
			t.Errorf("Event{TZ: %q}.Location() = %s, want %s", tt.tz, got, tt.want)
		}
	}
}

func TestEventAtAcrossDST(t *testing.T) {
	lon := loadLoc(t, "Europe/London")
	tests := []struct {
		name    string
		day     time.Time
		minutes int
		want    time.Time // in UTC
	}{
		// 28 March 2027: London goes from GMT to BST at 01:00 GMT.
		{"spring: midnight is GMT", day(2027, 3, 28), 0, time.Date(2027, 3, 28, 0, 0, 0, 0, time.UTC)},
		{"spring: 00:30 is GMT", day(2027, 3, 28), 30, time.Date(2027, 3, 28, 0, 30, 0, 0, time.UTC)},
		{"spring: 09:00 is BST", day(2027, 3, 28), 9 * 60, time.Date(2027, 3, 28, 8, 0, 0, 0, time.UTC)},
		{"spring: 17:00 is BST", day(2027, 3, 28), 17 * 60, time.Date(2027, 3, 28, 16, 0, 0, 0, time.UTC)},
		{"spring: 24:00 is next midnight BST", day(2027, 3, 28), 24 * 60, time.Date(2027, 3, 28, 23, 0, 0, 0, time.UTC)},
		// 31 October 2027: London goes from BST back to GMT at 01:00 GMT.
		{"autumn: midnight is BST", day(2027, 10, 31), 0, time.Date(2027, 10, 30, 23, 0, 0, 0, time.UTC)},
		{"autumn: 09:00 is GMT", day(2027, 10, 31), 9 * 60, time.Date(2027, 10, 31, 9, 0, 0, 0, time.UTC)},
		{"autumn: 24:00 is next midnight GMT", day(2027, 10, 31), 24 * 60, time.Date(2027, 11, 1, 0, 0, 0, 0, time.UTC)},
		// Ordinary days on either side.
		{"day before spring change", day(2027, 3, 27), 9 * 60, time.Date(2027, 3, 27, 9, 0, 0, 0, time.UTC)},
		{"day after spring change", day(2027, 3, 29), 9 * 60, time.Date(2027, 3, 29, 8, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		e := &event.Event{Name: "DevDay", Day: tt.day, TZ: "Europe/London"}
		got := e.At(tt.minutes)
		if !got.Equal(tt.want) {
			t.Errorf("%s: At(%s) on %s = %s (%s in London), want %s", tt.name, event.Clock(tt.minutes), tt.day.Format(time.DateOnly),
				got.UTC().Format(time.RFC3339), got.In(lon).Format("15:04 MST"), tt.want.Format(time.RFC3339))
		}
		if got.Location().String() != "Europe/London" {
			t.Errorf("%s: At(%s) location = %s, want Europe/London", tt.name, event.Clock(tt.minutes), got.Location())
		}
	}
}

func TestEventStartsEndsAtWallClock(t *testing.T) {
	// Whatever the day, an event typed as start=09:00 end=17:00 begins at
	// 09:00 and ends at 17:00 on the clocks in the room.
	for _, d := range []time.Time{day(2027, 1, 12), day(2027, 3, 28), day(2027, 7, 1), day(2027, 10, 31)} {
		for _, tz := range []string{"Europe/London", "America/New_York", "Australia/Sydney", ""} {
			e := &event.Event{Name: "DevDay", Day: d, Start: 9 * 60, End: 17 * 60, TZ: tz}
			loc := e.Location()
			start, end := e.StartsAt().In(loc), e.EndsAt().In(loc)
			if got := start.Format("2006-01-02 15:04"); got != d.Format(time.DateOnly)+" 09:00" {
				t.Errorf("StartsAt() of an event on %s in %q = %s local, want %s 09:00", d.Format(time.DateOnly), tz, got, d.Format(time.DateOnly))
			}
			if got := end.Format("2006-01-02 15:04"); got != d.Format(time.DateOnly)+" 17:00" {
				t.Errorf("EndsAt() of an event on %s in %q = %s local, want %s 17:00", d.Format(time.DateOnly), tz, got, d.Format(time.DateOnly))
			}
			if got := end.Sub(start); got != 8*time.Hour {
				t.Errorf("EndsAt()-StartsAt() of an event on %s in %q = %s, want 8h", d.Format(time.DateOnly), tz, got)
			}
		}
	}
}

func TestEventAllDayAcrossDST(t *testing.T) {
	// The day clocks go forward is 23 hours long; the day they go back, 25.
	tests := []struct {
		day  time.Time
		want time.Duration
	}{
		{day(2027, 3, 28), 23 * time.Hour},
		{day(2027, 10, 31), 25 * time.Hour},
		{day(2027, 6, 1), 24 * time.Hour},
	}
	for _, tt := range tests {
		e := &event.Event{Day: tt.day, Start: 0, End: 24 * 60, TZ: "Europe/London"}
		if got := e.EndsAt().Sub(e.StartsAt()); got != tt.want {
			t.Errorf("EndsAt()-StartsAt() of 00:00-24:00 on %s in London = %s, want %s", tt.day.Format(time.DateOnly), got, tt.want)
		}
	}
}
