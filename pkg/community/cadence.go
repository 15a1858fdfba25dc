package community

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/robfig/cron/v3"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Cadence is when a community meets: a cron expression read in a time zone.
type Cadence struct {
	// Spec is a five-field cron expression ("0 12 * * TUE") or a descriptor
	// such as "@weekly".
	Spec string
	// TZ is the IANA zone the expression is read in; "" means UTC.
	TZ string
	// Remind is how long before each meeting members are reminded; zero
	// means the default (DefaultRemind), negative no reminders.
	Remind time.Duration

	schedule cron.Schedule
	loc      *time.Location
}

// MinMeetingGap is the shortest time between two meetings a cadence may
// give: communities meet at most daily (a workday stand-up is fine; every
// minute is a mistake that would flood members with reminders).
const MinMeetingGap = 20 * time.Hour

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseCadence validates spec and tz and returns the cadence.
func ParseCadence(spec, tz string) (Cadence, error) {
	c, err := ParseCron(spec, tz, CronUse{
		Need:     "every= needs a cron expression, such as every=\"0 12 * * TUE\" for Tuesdays at noon.",
		Interval: "Meetings need calendar times, not an interval: use a cron expression such as \"0 12 * * TUE\" or @weekly.",
		Example:  "\"0 12 * * TUE\" for Tuesdays at noon, or @weekly",
	})
	if err != nil {
		return Cadence{}, err
	}
	if c.ShortestGap(10) < MinMeetingGap {
		return Cadence{}, guild.FieldErrorf("every", "%q meets more than once a day; a community meets at most daily, such as \"0 9 * * 1-5\" for weekdays at 9:00.", c.Spec)
	}
	return c, nil
}

// CronUse says what a cron expression is for, in the messages that refuse
// one.
type CronUse struct {
	// Need is the message for an empty expression.
	Need string
	// Interval is the message for an @every interval, which calendar
	// times cannot be.
	Interval string
	// Example completes "Use five fields, … such as", as in "\"0 12 * *
	// TUE\" for Tuesdays at noon, or @weekly".
	Example string
}

// ParseCron validates spec, a five-field cron expression or a descriptor
// such as @weekly, and tz, the zone it is read in, for field every=, and
// returns them as a cadence with no reminder; use words its refusals. It
// refuses an expression that never happens. Meetings and health checks
// share it, each checking its own gaps with ShortestGap.
func ParseCron(spec, tz string, use CronUse) (Cadence, error) {
	spec = strings.Join(strings.Fields(spec), " ")
	if spec == "" {
		return Cadence{}, guild.FieldErrorf("every", "%s", use.Need)
	}
	if n := utf8.RuneCountInString(spec); n > guild.MaxName {
		return Cadence{}, guild.FieldErrorf("every", "every= is %d characters long; the limit is %d.", n, guild.MaxName)
	}
	upper := strings.ToUpper(spec)
	if strings.HasPrefix(upper, "TZ=") || strings.HasPrefix(upper, "CRON_TZ=") {
		return Cadence{}, guild.FieldErrorf("every", "Give the time zone as tz=Area/City, not inside every=.")
	}
	if strings.HasPrefix(spec, "@every") {
		return Cadence{}, guild.FieldErrorf("every", "%s", use.Interval)
	}
	loc, err := guild.LoadLocation("tz", tz)
	if err != nil {
		return Cadence{}, err
	}
	sched, err := cronParser.Parse(spec)
	if err != nil {
		return Cadence{}, guild.FieldErrorf("every", "%q is not a cron expression I can read (%s). Use five fields, minute hour day-of-month month day-of-week, such as %s.", spec, err, use.Example)
	}
	c := Cadence{Spec: spec, TZ: loc.String(), schedule: sched, loc: loc}
	if tz == "" {
		c.TZ = ""
	}
	if c.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), 1) == nil {
		return Cadence{}, guild.FieldErrorf("every", "%q never happens (is the date impossible, such as 30 February?).", spec)
	}
	return c, nil
}

// ShortestGap is the shortest time between two of the first n times the
// cadence gives from the start of 2000, a sample long enough to hold every
// pattern a cron expression has within a year of n.
func (c Cadence) ShortestGap(n int) time.Duration {
	next := c.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), n)
	gap := time.Duration(1<<63 - 1)
	for i := 1; i < len(next); i++ {
		gap = min(gap, next[i].Sub(next[i-1]))
	}
	return gap
}

// IsZero reports whether no cadence is set.
func (c Cadence) IsZero() bool { return c.Spec == "" }

// Location returns the zone the cadence is read in.
func (c Cadence) Location() *time.Location {
	if c.loc != nil {
		return c.loc
	}
	loc, err := guild.LoadLocation("tz", c.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Next returns up to n meeting times after after. It returns nil for a zero
// or invalid cadence.
func (c Cadence) Next(after time.Time, n int) []time.Time {
	if c.IsZero() {
		return nil
	}
	sched := c.schedule
	if sched == nil {
		var err error
		if sched, err = cronParser.Parse(c.Spec); err != nil {
			return nil
		}
	}
	var out []time.Time
	t := after.In(c.Location())
	for len(out) < n {
		t = sched.Next(t)
		if t.IsZero() {
			break
		}
		out = append(out, t)
	}
	return out
}

// LessThanWeekly reports whether some gap between the next few meetings is
// longer than a week. New communities should meet weekly.
func (c Cadence) LessThanWeekly(after time.Time) bool {
	times := c.Next(after, 5)
	for i := 1; i < len(times); i++ {
		if times[i].Sub(times[i-1]) > 7*24*time.Hour+time.Hour {
			return true
		}
	}
	return false
}
