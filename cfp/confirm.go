package cfp

import "time"

// Confirmation chasing: a speaker told their talk is in (or offered a
// slot) who has not confirmed is reminded every ChaseEvery until the
// deadline; organisers are told EscalateBefore the deadline.
const (
	ChaseEvery     = 72 * time.Hour
	EscalateBefore = 48 * time.Hour
	// ConfirmAhead is how long before the event speakers should have
	// confirmed, so that organisers can still offer a slot to a backup.
	ConfirmAhead = 14 * 24 * time.Hour
	// ConfirmWithin is the least time a speaker is given to confirm.
	ConfirmWithin = 7 * 24 * time.Hour
)

// ConfirmBy returns when a speaker told at told should confirm: two weeks
// before the event, but never less than a week after being told (and then
// no later than two days before the event); for a standing call, a week
// after being told.
func ConfirmBy(c *Call, told time.Time) time.Time {
	if c.Event == nil {
		return told.Add(ConfirmWithin)
	}
	start := c.Event.StartsAt()
	by := start.Add(-ConfirmAhead)
	if by.Before(told.Add(ConfirmWithin)) {
		by = told.Add(ConfirmWithin)
		if late := start.Add(-EscalateBefore); by.After(late) {
			by = late
		}
	}
	if by.Before(told.Add(24 * time.Hour)) {
		by = told.Add(24 * time.Hour)
	}
	return by
}

// EscalateAt returns when organisers are told that a speaker told at told
// has not confirmed by deadline: EscalateBefore the deadline, but not
// before the first reminder had its chance.
func EscalateAt(told, deadline time.Time) time.Time {
	at := deadline.Add(-EscalateBefore)
	if first := told.Add(ChaseEvery); at.Before(first) {
		at = first
	}
	if at.After(deadline) {
		at = deadline
	}
	return at
}
