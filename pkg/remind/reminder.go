package remind

import (
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/robfig/cron/v3"
)

// Reminder is something that falls due by the clock and then puts
// messages in the outbox: a community's meeting, a milestone of a talk, a
// speaker yet to confirm. It is one-shot (Spec empty: it fires once at
// NextDue) or recurring (Spec is a cron expression read in TZ; it fires
// Lead before each occurrence).
type Reminder struct {
	ID int64
	// Key is unique; setting a reminder with a key already set replaces it.
	Key string
	// Kind says what the reminder is about, and Subject and Detail which
	// one: the community, the submission, the milestone.
	Kind    string
	Subject int64
	Detail  string
	Spec    string
	TZ      string
	Lead    time.Duration
	// NextDue is when it fires next; zero when it will not fire again.
	NextDue time.Time
	// Occurrence is what the next firing is about: the meeting's start, the
	// milestone's due time. For a one-shot reminder it is NextDue.
	Occurrence time.Time
	// Until, when set, is when a recurring reminder stops.
	Until time.Time
	// Fired counts its firings.
	Fired int
}

// Firing is one firing of a reminder, as handed to what composes its
// messages.
type Firing struct {
	Reminder *Reminder
	// DueAt is when it was due to fire, and Occurrence what it is about.
	DueAt, Occurrence time.Time
	// Late is true when it fires more than the grace after DueAt, because
	// guildhall was not running then.
	Late bool
	// Now is when it fires.
	Now time.Time
}

// LateAfter is how long after its due time a reminder counts as late: more
// than a few ticks of a runner started every minute or five.
const LateAfter = 15 * time.Minute

// specParser reads five-field cron expressions and descriptors, including
// "@every 72h".
var specParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSpec reads a cron expression in the zone tz ("" for UTC).
func ParseSpec(spec, tz string) (cron.Schedule, *time.Location, error) {
	loc, err := guild.LoadLocation("tz", tz)
	if err != nil {
		return nil, nil, err
	}
	s, err := specParser.Parse(strings.TrimSpace(spec))
	if err != nil {
		return nil, nil, guild.FieldErrorf("every", "%q is not a cron expression I can read (%s).", spec, err)
	}
	return s, loc, nil
}

// Recurring reports whether the reminder repeats.
func (r *Reminder) Recurring() bool { return r.Spec != "" }

// Start sets a recurring reminder's first firing: the first occurrence
// whose reminder falls after now.
func (r *Reminder) Start(now time.Time) error {
	if !r.Recurring() {
		if r.Occurrence.IsZero() {
			r.Occurrence = r.NextDue.Add(r.Lead)
		}
		return nil
	}
	next, err := r.next(now)
	if err != nil {
		return err
	}
	r.Occurrence = next
	r.NextDue = next.Add(-r.Lead)
	r.stopAfterUntil()
	return nil
}

// next returns the first occurrence whose reminder falls after now.
func (r *Reminder) next(now time.Time) (time.Time, error) {
	s, loc, err := ParseSpec(r.Spec, r.TZ)
	if err != nil {
		return time.Time{}, err
	}
	return s.Next(now.Add(r.Lead).In(loc)), nil
}

func (r *Reminder) stopAfterUntil() {
	if !r.Until.IsZero() && r.NextDue.After(r.Until) || r.Occurrence.IsZero() {
		r.NextDue, r.Occurrence = time.Time{}, time.Time{}
	}
}

// Due reports whether the reminder fires at now.
func (r *Reminder) Due(now time.Time) bool {
	return !r.NextDue.IsZero() && !r.NextDue.After(now)
}

// Fire fires a due reminder at now and moves it on: a one-shot reminder is
// done; a recurring one is due next at the first occurrence after now,
// however many were missed, so downtime brings one late firing and never a
// burst.
func (r *Reminder) Fire(now time.Time) (Firing, error) {
	f := Firing{Reminder: r, DueAt: r.NextDue, Occurrence: r.Occurrence, Late: now.Sub(r.NextDue) > LateAfter, Now: now}
	r.Fired++
	if !r.Recurring() {
		r.NextDue, r.Occurrence = time.Time{}, time.Time{}
		return f, nil
	}
	return f, r.Start(now)
}
