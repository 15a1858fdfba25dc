package schedule

import (
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Notice is what a release tells people: the event's channel gets every
// change, each speaker the changes to their own talks. The store renders
// it with the schedule_notice_channel or schedule_notice_speaker template
// and queues it in the transaction that publishes the release.
type Notice struct {
	Event   *event.Event
	Version int
	// To is the speaker told; nil for the channel post.
	To *guild.User
	// Changes are the changes the recipient is told of.
	Changes []Change
	// Talks counts the talks on the release.
	Talks int
}
