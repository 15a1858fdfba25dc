package cfp

import (
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Call is a call for proposals: for a dated event, or a standing call for
// a community that never closes.
type Call struct {
	ID int64
	// Name is the event's name, or the community's for a standing call;
	// commands name a call by it.
	Name string
	// Event is the dated event; nil for a standing call.
	Event *event.Event
	// CommunityID and CommunityName identify a standing call's community.
	CommunityID   int64
	CommunityName string
	Formats       []Format
	// ClosesAt is when submissions stop: the end of the closing date in the
	// event's time zone. Zero for a standing call.
	ClosesAt time.Time
	// ClosedAt is set when an organiser closed the call early.
	ClosedAt time.Time
	// Anonymous hides speakers' names from reviewers who are not organisers.
	Anonymous bool
	OpenedBy  *guild.User
	CreatedAt time.Time
}

// Standing reports whether the call belongs to a community and never closes.
func (c *Call) Standing() bool { return c.Event == nil }

// Location is the time zone the call's deadline is in.
func (c *Call) Location() *time.Location {
	if c.Event != nil {
		return c.Event.Location()
	}
	return time.UTC
}

// Closed reports whether the call takes no more submissions or edits at now.
func (c *Call) Closed(now time.Time) bool {
	if !c.ClosedAt.IsZero() && !now.Before(c.ClosedAt) {
		return true
	}
	return !c.ClosesAt.IsZero() && !now.Before(c.ClosesAt)
}

// ClosedOn is when the call closed, or zero while it is open at now.
func (c *Call) ClosedOn(now time.Time) time.Time {
	if !c.Closed(now) {
		return time.Time{}
	}
	if !c.ClosedAt.IsZero() && (c.ClosesAt.IsZero() || c.ClosedAt.Before(c.ClosesAt)) {
		return c.ClosedAt
	}
	return c.ClosesAt
}

// CheckOpen returns an ECONFLICT error saying when the call closed, unless
// it is open at now. what completes "… no longer takes …".
func (c *Call) CheckOpen(now time.Time, what string) error {
	if !c.Closed(now) {
		return nil
	}
	at := c.ClosedOn(now).In(c.Location())
	if at.Hour() == 0 && at.Minute() == 0 {
		// A closing date ends at midnight: name the day that ended.
		return guild.Errorf(guild.ECONFLICT, "The call for proposals for %s closed at the end of %s (%s); it no longer takes %s.",
			c.Name, at.Add(-time.Minute).Format("Monday 2 January 2006"), c.Location(), what)
	}
	return guild.Errorf(guild.ECONFLICT, "The call for proposals for %s closed on %s at %s (%s); it no longer takes %s.",
		c.Name, at.Format("Monday 2 January 2006"), at.Format("15:04"), c.Location(), what)
}

// Format returns the offered format called name, or an error listing the
// formats the call offers.
func (c *Call) Format(name string) (Format, error) {
	key := strings.ToLower(strings.Join(strings.Fields(name), "-"))
	for _, f := range c.Formats {
		if f.Name == key {
			return f, nil
		}
	}
	if strings.TrimSpace(name) == "" {
		return Format{}, guild.FieldErrorf("format", "Choose a format: %s offers %s.", c.Name, FormatList(c.Formats))
	}
	return Format{}, guild.FieldErrorf("format", "%s does not offer %q; it offers %s.", c.Name, name, FormatList(c.Formats))
}

// Deadline returns the instant a call closing on day (a date) stops taking
// submissions: the midnight that ends that day in loc.
func Deadline(day time.Time, loc *time.Location) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}
