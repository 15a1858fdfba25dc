package console

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

// Sender delivers outbox messages on the console: it prints each with its
// recipient and, when Transcript is set, records it there first under its
// key, skipping keys already recorded. It implements remind.Sender and
// remind.Checker.
type Sender struct {
	Out        io.Writer
	Transcript *Transcript
	Now        guild.Clock

	mu sync.Mutex
}

var (
	_ remind.Sender  = (*Sender)(nil)
	_ remind.Checker = (*Sender)(nil)
)

// Send implements remind.Sender.
func (s *Sender) Send(ctx context.Context, m *remind.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	to := bot.Recipient{User: m.To, Channel: m.Channel}
	if s.Transcript != nil {
		fresh, err := s.Transcript.Append(Record{Key: m.Key, At: s.Now().UTC(), To: to.String(), Body: m.Body})
		if err != nil || !fresh {
			return err
		}
	}
	if _, err := io.WriteString(s.Out, FormatNotice(to, WithActions(m.Body, m.Actions))); err != nil {
		return fmt.Errorf("console: write: %w", err)
	}
	return nil
}

// Delivered implements remind.Checker: a message is delivered when its key
// is in the transcript. Without a transcript nothing can be checked, and
// the message is printed again.
func (s *Sender) Delivered(ctx context.Context, m *remind.Message) (bool, error) {
	if s.Transcript == nil {
		return false, nil
	}
	return s.Transcript.Has(m.Key)
}

// WithActions adds a message's buttons to its text the way the console
// shows them: the command each would run, to type.
func WithActions(text string, actions []guild.Action) string {
	for _, a := range actions {
		text += "\n▸ " + a.Label + ": " + a.Command
	}
	return text
}
