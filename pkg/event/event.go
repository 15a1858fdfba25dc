package event

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Event is an internal tech conference held on one day.
type Event struct {
	ID   int64
	Name string
	// Day is the date of the event, at midnight UTC; only its year, month
	// and day count. The event's times are in TZ.
	Day time.Time
	// Start and End are the minutes after midnight, in TZ, when the day
	// begins and ends.
	Start, End int
	// TZ is the IANA time zone of the event; "" means UTC.
	TZ    string
	Rooms []Room
	// Breaks are the day's breaks as an organiser set them; nil means the
	// defaults (see DayBreaks).
	Breaks []Break
	// Channel is the chat channel where the event's news is posted, such
	// as "devday"; "" means none.
	Channel   string
	CreatedBy *guild.User
	CreatedAt time.Time
}

// Location returns the event's time zone.
func (e *Event) Location() *time.Location {
	loc, err := guild.LoadLocation("tz", e.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
}

// At returns the instant the event's clocks show minutes after midnight on
// the event's day, in its time zone: on a day the clocks change, 09:00 is
// still 09:00 on the wall, not nine hours after midnight.
func (e *Event) At(minutes int) time.Time {
	y, m, d := e.Day.Date()
	return time.Date(y, m, d, 0, minutes, 0, 0, e.Location())
}

// StartsAt is when the event begins.
func (e *Event) StartsAt() time.Time { return e.At(e.Start) }

// EndsAt is when the event ends.
func (e *Event) EndsAt() time.Time { return e.At(e.End) }

// Validate checks what an organiser supplies when creating an event; now
// is the current time, since an event cannot be created in the past.
func (e *Event) Validate(now time.Time) error {
	if err := guild.CheckName("name", e.Name, true); err != nil {
		return err
	}
	if strings.HasPrefix(e.Name, "#") || strings.HasPrefix(e.Name, "@") {
		return guild.FieldErrorf("name", "An event's name cannot start with # or @.")
	}
	loc, err := guild.LoadLocation("tz", e.TZ)
	if err != nil {
		return err
	}
	if e.Start >= e.End {
		return guild.FieldErrorf("end", "The event must end after it starts: start=%s, end=%s.", Clock(e.Start), Clock(e.End))
	}
	today := Date(now.In(loc))
	if e.Day.Before(today) {
		return guild.FieldErrorf("date", "%s is in the past (today is %s in %s).", e.Day.Format(time.DateOnly), today.Format(time.DateOnly), loc)
	}
	if len(e.Rooms) == 0 {
		return guild.FieldErrorf("rooms", `Name at least one room with its capacity, such as rooms="Main:120, Lab:30".`)
	}
	return CheckChannel(e.Channel)
}

// Date returns t's calendar date as midnight UTC.
func Date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDate parses a YYYY-MM-DD date for a field.
func ParseDate(field, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, guild.FieldErrorf(field, "%s=%s is not a date; write it as YYYY-MM-DD, such as 2027-03-18.", field, guild.QuoteArg(s))
	}
	return t, nil
}

// ParseClock parses a time of day, HH:MM in 24 hours, into minutes after
// midnight. "24:00" is the end of the day.
func ParseClock(field, s string) (int, error) {
	bad := guild.FieldErrorf(field, "%s=%s is not a time of day; write it as HH:MM in 24 hours, such as 09:30 or 17:00.", field, guild.QuoteArg(s))
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	notDigit := func(r rune) bool { return r < '0' || r > '9' }
	if !ok || len(m) != 2 || len(h) < 1 || len(h) > 2 || strings.ContainsFunc(h+m, notDigit) {
		return 0, bad
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, bad
	}
	return hh*60 + mm, nil
}

// Clock formats minutes after midnight as HH:MM.
func Clock(minutes int) string {
	return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60)
}

// Service manages events. Methods act as the user in the context.
type Service interface {
	// CreateEvent creates an event (organisers only); it fills in e's ID.
	CreateEvent(ctx context.Context, e *Event) error
	// FindEvent returns the event called name.
	FindEvent(ctx context.Context, name string) (*Event, error)
	// FindEvents returns the events on or after from, soonest first.
	FindEvents(ctx context.Context, from time.Time) ([]*Event, error)
	// AssignRole gives a user a role on the day (organisers only). It
	// returns ECONFLICT when the user already holds it.
	AssignRole(ctx context.Context, event string, a *Assignment) (*Event, error)
	// UnassignRole takes a role away (organisers only).
	UnassignRole(ctx context.Context, event string, a *Assignment) (*Event, error)
	// FindAssignments returns an event's role assignments in role order.
	FindAssignments(ctx context.Context, eventID int64) ([]*Assignment, error)
	// SetBreaks sets an event's breaks (organisers only); nil restores the
	// defaults.
	SetBreaks(ctx context.Context, event string, breaks []Break) (*Event, error)
	// SetChannel sets the channel where an event's news, such as its
	// schedule, is posted (organisers only): a name without its "#" or a
	// platform's channel id, as CheckChannel accepts; "" clears it.
	SetChannel(ctx context.Context, event string, channel string) (*Event, error)
}
