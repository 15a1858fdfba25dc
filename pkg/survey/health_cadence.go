package survey

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/robfig/cron/v3"

	"github.com/guildhall/guildhall/pkg/guild"
)

// HealthCadence is when a community's health check goes out by itself: a
// cron expression read in a time zone, with how long after each round its
// reminder goes out and it closes. The store catches up one missed round
// after downtime, never a burst.
type HealthCadence struct {
	// Spec is a five-field cron expression ("0 9 1 * *") or a descriptor
	// such as "@monthly".
	Spec string
	// TZ is the IANA zone the expression is read in; "" means UTC.
	TZ string
	// RemindAfter and CloseAfter apply to every round the cadence sends.
	RemindAfter, CloseAfter time.Duration
	// SetBy and SetAt say who set it and when.
	SetBy *guild.User
	SetAt time.Time

	schedule cron.Schedule
	loc      *time.Location
}

// MinHealthGap is the shortest time between two rounds a cadence may give:
// a health check goes out at most weekly, so that members have time to
// answer and the community time to act. A daylight-saving change may
// shorten one gap by an hour.
const MinHealthGap = 7 * 24 * time.Hour

// gapSlack is how much a daylight-saving change may shorten a gap.
const gapSlack = time.Hour

// ParseHealthCadence validates spec and tz and returns the cadence, with o
// applied to its rounds' reminder and closing. A round must close before
// the next goes out: close= is at most the shortest gap between rounds.
func ParseHealthCadence(spec, tz string, o HealthOptions) (HealthCadence, error) {
	spec = strings.Join(strings.Fields(spec), " ")
	if spec == "" {
		return HealthCadence{}, guild.FieldErrorf("every", `every= needs a cron expression, such as every="0 9 1 * *" for 9:00 on the first of each month, or @monthly; every=off stops the rounds.`)
	}
	if n := utf8.RuneCountInString(spec); n > guild.MaxName {
		return HealthCadence{}, guild.FieldErrorf("every", "every= is %d characters long; the limit is %d.", n, guild.MaxName)
	}
	upper := strings.ToUpper(spec)
	if strings.HasPrefix(upper, "TZ=") || strings.HasPrefix(upper, "CRON_TZ=") {
		return HealthCadence{}, guild.FieldErrorf("every", "Give the time zone as tz=Area/City, not inside every=.")
	}
	if strings.HasPrefix(spec, "@every") {
		return HealthCadence{}, guild.FieldErrorf("every", `Health checks go out at calendar times, not at an interval: use a cron expression such as "0 9 1 * *" or @monthly.`)
	}
	loc, err := guild.LoadLocation("tz", tz)
	if err != nil {
		return HealthCadence{}, err
	}
	sched, err := cronParser.Parse(spec)
	if err != nil {
		return HealthCadence{}, guild.FieldErrorf("every", `%q is not a cron expression I can read (%s). Use five fields, minute hour day-of-month month day-of-week, such as "0 9 1 * *" for 9:00 on the first of each month, or @monthly.`, spec, err)
	}
	c := HealthCadence{Spec: spec, TZ: loc.String(), schedule: sched, loc: loc}
	if tz == "" {
		c.TZ = ""
	}
	next := c.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), 12)
	if next == nil {
		return HealthCadence{}, guild.FieldErrorf("every", "%q never happens (is the date impossible, such as 30 February?).", spec)
	}
	gap := time.Duration(1<<63 - 1)
	for i := 1; i < len(next); i++ {
		gap = min(gap, next[i].Sub(next[i-1]))
	}
	if gap < MinHealthGap-gapSlack {
		return HealthCadence{}, guild.FieldErrorf("every", `%q sends a health check more than once a week; members need time to answer and the community to act, so send at most weekly, such as @monthly or "0 9 1 */3 *" for quarterly.`, spec)
	}
	round := NewHealthRound(0, "", 0)
	if err := o.Apply(round); err != nil {
		return HealthCadence{}, err
	}
	if round.CloseAfter > gap+gapSlack {
		return HealthCadence{}, guild.FieldErrorf("close", "close=%s is longer than the %s between two rounds of %q, so rounds would overlap; close sooner, such as close=%s.",
			FormatDuration(round.CloseAfter), FormatDuration(gap.Round(time.Hour)), spec, FormatDuration(min(DefaultCloseAfter, gap.Truncate(24*time.Hour))))
	}
	c.RemindAfter, c.CloseAfter = round.RemindAfter, round.CloseAfter
	return c, nil
}

// cronParser reads five-field cron expressions and descriptors.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// IsZero reports whether no cadence is set.
func (c HealthCadence) IsZero() bool { return c.Spec == "" }

// Location returns the zone the cadence is read in.
func (c HealthCadence) Location() *time.Location {
	if c.loc != nil {
		return c.loc
	}
	loc, err := guild.LoadLocation("tz", c.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Next returns up to n times after after when a round goes out. It returns
// nil for a zero or invalid cadence.
func (c HealthCadence) Next(after time.Time, n int) []time.Time {
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

// NextAt is when the next round goes out after after, zero for none.
func (c HealthCadence) NextAt(after time.Time) time.Time {
	if next := c.Next(after, 1); len(next) > 0 {
		return next[0]
	}
	return time.Time{}
}
