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
	// RoomsOffLimits are the rooms that allow formats the call does not
	// offer.
	RoomsOffLimits []RoomFormats
}

// RoomFormats names formats a room allows that the event's call does not
// offer.
type RoomFormats struct {
	Room    string
	Formats []string
	// None is true when the call offers none of the room's formats, so no
	// talk can be held there.
	None bool
}

// EventChannel is the reply to /event channel.
type EventChannel struct {
	// Event carries the channel as set now.
	Event *event.Event
	// Previous is the channel before, "" for none.
	Previous string
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
