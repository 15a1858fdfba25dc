package templates

import (
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// EventCreated is the reply to /event create.
type EventCreated struct {
	Event *event.Event
}

// EventList is the reply to /event list.
type EventList struct {
	// Events are shown in their own time zones.
	Events []*event.Event
}

// EventShow is the reply to /event show.
type EventShow struct {
	Event *event.Event
	// Call is the event's call for proposals, nil when none is open.
	Call *cfp.Call
	// Now is the current time, to say whether the call is open.
	Now         time.Time
	Assignments []*event.Assignment
	// Unfilled are the roles nobody holds; TalksWithoutAsker the accepted
	// talks without a prepared asker.
	Unfilled          []event.RoleInfo
	TalksWithoutAsker []int64
	Organiser         bool
}

// RoleAssigned is the reply to /event role.
type RoleAssigned struct {
	Event      *event.Event
	Assignment *event.Assignment
	Removed    bool
	Unfilled   []event.RoleInfo
}

// RoleNotice tells someone they were given a role.
type RoleNotice struct {
	Event      *event.Event
	Assignment *event.Assignment
	By         *guild.User
}

// EventBreaks shows, or confirms a change to, an event's breaks and the
// sessions between them.
type EventBreaks struct {
	Event    *event.Event
	Breaks   []event.Break
	Sessions [][2]int
	// Set is true when the breaks were just changed; Default when they
	// are the defaults.
	Set, Default bool
}
