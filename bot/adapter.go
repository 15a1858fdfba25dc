package bot

import (
	"context"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Message is something a person said to the bot, as an adapter received it.
type Message struct {
	// ID is the platform's id of the message or event, used to handle a
	// redelivered event once.
	ID string
	// From identifies the sender: Platform, PlatformID and Name are
	// required; TZ is used when the platform knows it.
	From guild.User
	// Channel is where the message was said; "" for the console.
	Channel string
	// Text is the command line.
	Text string
	// Forms is true when the adapter can open a form for this message, so a
	// command given without arguments opens one instead of a usage reply.
	Forms bool
}

// Response is the bot's answer to a message.
type Response struct {
	// Text is the reply to the sender.
	Text string
	// Refused is true when the command was refused and nothing changed.
	Refused bool
	// Code is the guild error code of a refusal.
	Code string
	// Form, when set, is a form the adapter should open instead of (or, when
	// it came back from a failed submission, with) the reply.
	Form *Form
	// Notices are messages for other people that the command caused.
	Notices []Notice
	// Duplicate is true when the message was handled before (a platform
	// delivered it again): the adapter sends nothing.
	Duplicate bool
}

// Notice is a message for someone other than the sender.
type Notice struct {
	// To is the recipient: a user (a direct message) or a channel.
	To Recipient
	// Text is the message.
	Text string
}

// Recipient is where a notice goes. Exactly one field is set.
type Recipient struct {
	User    *guild.User
	Channel string
}

// String describes the recipient for logs and the console: "@alex" or
// "#general".
func (r Recipient) String() string {
	if r.User != nil {
		return r.User.Handle()
	}
	return "#" + r.Channel
}

// Inbox remembers the platform events already handled, by the platform's
// id, so that an event delivered again is handled once.
type Inbox interface {
	// Record records the event id on platform and reports whether it is
	// the first time it arrived.
	Record(ctx context.Context, platform, id string) (bool, error)
}

// Handler handles messages; *Bot is one.
type Handler interface {
	Handle(ctx context.Context, m Message) *Response
}

// Adapter connects the bot to a platform. Run receives messages until ctx
// is done, hands each to h, and replies to the sender with the response's
// text; what else it can do it declares through the capability interfaces
// below.
type Adapter interface {
	// Name is the platform's name, as in guild.User.Platform.
	Name() string
	// Run serves until ctx is done or the platform connection fails.
	Run(ctx context.Context, h Handler) error
}

// DirectMessenger is an adapter that can send a user a direct message.
type DirectMessenger interface {
	SendDirect(ctx context.Context, to *guild.User, text string) error
}

// ChannelPoster is an adapter that can post in a channel.
type ChannelPoster interface {
	PostChannel(ctx context.Context, channel, text string) error
}

// FormOpener is an adapter that can show a form (a Slack or Discord modal).
// Adapters that open forms set Message.Forms and send a submitted form back
// through Bot.Submit.
type FormOpener interface {
	OpenForm(ctx context.Context, m Message, f *Form) error
}

// Editor is an adapter that can change a message it sent earlier.
type Editor interface {
	Edit(ctx context.Context, ref, text string) error
}
