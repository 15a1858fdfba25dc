package survey

import (
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
)

// HealthCadence is when a community's health check goes out by itself: a
// cron expression read in a time zone, with how long after each round its
// reminder goes out and it closes. The store catches up one missed round
// after downtime, never a burst.
type HealthCadence struct {
	// Cadence is the cron expression ("0 9 1 * *", or a descriptor such
	// as "@monthly") and the zone it is read in; its Remind, which is for
	// meetings, is unused.
	community.Cadence
	// RemindAfter and CloseAfter apply to every round the cadence sends.
	RemindAfter, CloseAfter time.Duration
	// SetBy and SetAt say who set it and when.
	SetBy *guild.User
	SetAt time.Time
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
	cad, err := community.ParseCron(spec, tz, community.CronUse{
		Need:     `every= needs a cron expression, such as every="0 9 1 * *" for 9:00 on the first of each month, or @monthly; every=off stops the rounds.`,
		Interval: `Health checks go out at calendar times, not at an interval: use a cron expression such as "0 9 1 * *" or @monthly.`,
		Example:  `"0 9 1 * *" for 9:00 on the first of each month, or @monthly`,
	})
	if err != nil {
		return HealthCadence{}, err
	}
	c := HealthCadence{Cadence: cad}
	gap := c.ShortestGap(12)
	if gap < MinHealthGap-gapSlack {
		return HealthCadence{}, guild.FieldErrorf("every", `%q sends a health check more than once a week; members need time to answer and the community to act, so send at most weekly, such as @monthly or "0 9 1 */3 *" for quarterly.`, c.Spec)
	}
	round := NewHealthRound(0, "", 0)
	if err := o.Apply(round); err != nil {
		return HealthCadence{}, err
	}
	if round.CloseAfter > gap+gapSlack {
		return HealthCadence{}, guild.FieldErrorf("close", "close=%s is longer than the %s between two rounds of %q, so rounds would overlap; close sooner, such as close=%s.",
			FormatDuration(round.CloseAfter), FormatDuration(gap.Round(time.Hour)), c.Spec, FormatDuration(min(DefaultCloseAfter, gap.Truncate(24*time.Hour))))
	}
	c.RemindAfter, c.CloseAfter = round.RemindAfter, round.CloseAfter
	return c, nil
}

// NextAt is when the next round goes out after after, zero for none.
func (c HealthCadence) NextAt(after time.Time) time.Time {
	if next := c.Next(after, 1); len(next) > 0 {
		return next[0]
	}
	return time.Time{}
}
