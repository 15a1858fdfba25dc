package slack

import (
	"context"
	"errors"
	"fmt"
	"sync"

	goslack "github.com/slack-go/slack"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

// MetadataType is the event type of the message metadata that carries an
// outbox key, so a message can be found again after a crash.
const MetadataType = "guildhall_message"

// historyDepth is how many recent messages of a conversation are searched
// for a key: a row found in flight was sent moments before the crash, if
// at all.
const historyDepth = 100

// Sender delivers outbox messages to Slack with chat.postMessage, each
// carrying its key in message metadata. It implements remind.Sender and
// remind.Checker.
type Sender struct {
	API *goslack.Client

	mu  sync.Mutex
	dms map[string]string // user id → DM channel id
}

var (
	_ remind.Sender  = (*Sender)(nil)
	_ remind.Checker = (*Sender)(nil)
)

// permanent are the errors no retry mends: the recipient is gone or the
// bot may not post there.
var permanent = map[string]bool{
	"channel_not_found": true, "user_not_found": true, "account_inactive": true, "is_archived": true,
	"not_in_channel": true, "cannot_dm_bot": true, "user_disabled": true, "invalid_auth": true, "msg_too_long": true,
}

// Send implements remind.Sender.
func (s *Sender) Send(ctx context.Context, m *remind.Message) error {
	to := m.Channel
	if m.To != nil {
		to = m.To.PlatformID
	}
	opts := []goslack.MsgOption{goslack.MsgOptionText(m.Body, false),
		goslack.MsgOptionMetadata(goslack.SlackMetadata{EventType: MetadataType, EventPayload: map[string]any{"key": m.Key}})}
	if len(m.Actions) > 0 {
		opts = append(opts, goslack.MsgOptionBlocks(messageBlocks(m.Body, m.Actions)...))
	}
	_, _, err := s.API.PostMessageContext(ctx, to, opts...)
	return classify(err)
}

// actionPrefix marks the buttons guildhall sends; their value is the
// command line they run.
const actionPrefix = "guildhall_cmd:"

// messageBlocks lays out a message with buttons: the text, then one
// button per action.
func messageBlocks(text string, actions []guild.Action) []goslack.Block {
	blocks := []goslack.Block{goslack.NewSectionBlock(goslack.NewTextBlockObject(goslack.MarkdownType, cut(text, maxSection), false, false), nil, nil)}
	var buttons []goslack.BlockElement
	for i, a := range actions {
		b := goslack.NewButtonBlockElement(fmt.Sprintf("%s%d", actionPrefix, i), a.Command, goslack.NewTextBlockObject(goslack.PlainTextType, cutRunes(a.Label, 75), false, false))
		switch {
		case a.Primary:
			b.Style = goslack.StylePrimary
		case a.Danger:
			b.Style = goslack.StyleDanger
		}
		buttons = append(buttons, b)
	}
	return append(blocks, goslack.NewActionBlock("guildhall_actions", buttons...))
}

// classify turns a Slack error into what the runner understands.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var rl *goslack.RateLimitedError
	if errors.As(err, &rl) {
		return &remind.RateLimitError{After: rl.RetryAfter, Scope: remind.ScopeRecipient}
	}
	var se goslack.SlackErrorResponse
	if errors.As(err, &se) && permanent[se.Err] || permanent[err.Error()] {
		return remind.Permanent(fmt.Errorf("slack: %w", err))
	}
	return fmt.Errorf("slack: %w", err)
}

// Delivered implements remind.Checker: it looks for the key in the
// metadata of the conversation's recent messages.
func (s *Sender) Delivered(ctx context.Context, m *remind.Message) (bool, error) {
	ch := m.Channel
	if m.To != nil {
		var err error
		if ch, err = s.dm(ctx, m.To.PlatformID); err != nil {
			return false, err
		}
	}
	h, err := s.API.GetConversationHistoryContext(ctx, &goslack.GetConversationHistoryParameters{ChannelID: ch, Limit: historyDepth, IncludeAllMetadata: true})
	if err != nil {
		return false, classify(err)
	}
	for _, msg := range h.Messages {
		if msg.Metadata.EventType == MetadataType && msg.Metadata.EventPayload["key"] == m.Key {
			return true, nil
		}
	}
	return false, nil
}

// dm returns the id of the DM conversation with user, opening it once.
func (s *Sender) dm(ctx context.Context, user string) (string, error) {
	s.mu.Lock()
	id, ok := s.dms[user]
	s.mu.Unlock()
	if ok {
		return id, nil
	}
	ch, _, _, err := s.API.OpenConversationContext(ctx, &goslack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return "", classify(err)
	}
	s.mu.Lock()
	if s.dms == nil {
		s.dms = map[string]string{}
	}
	s.dms[user] = ch.ID
	s.mu.Unlock()
	return ch.ID, nil
}
