package survey

import (
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Attendance is a person's word that they attend an event, so its survey
// reaches them.
type Attendance struct {
	Event *event.Event
	User  *guild.User
	// Attendees counts the event's attendees, this one included.
	Attendees int
	// Already is true when the person had said so before; nothing changed.
	Already bool
	// Survey is the event's survey.
	Survey *Survey
	// Sent is true when the survey was open, so it was sent to the new
	// attendee at once.
	Sent bool
}
