// Package console is the console adapter: a prompt on standard input,
// replies on standard output. "/as NAME" switches the acting user, and
// messages the bot sends to anyone else (a direct message, a channel post)
// are printed with their recipient.
package console

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

// Adapter runs the bot on a reader and a writer, usually standard input
// and output. It implements bot.Adapter, bot.DirectMessenger and
// bot.ChannelPoster.
type Adapter struct {
	In  io.Reader
	Out io.Writer
	// User is the name of the acting user; "/as NAME" changes it.
	User string
	// Prompt, when true, prints "NAME> " before each line, for people.
	Prompt bool
	// Database is shown in the welcome.
	Database string
	// Deliver, when set, is called after each command, so that what the
	// command queued in the outbox is printed before the next prompt.
	Deliver func(ctx context.Context) error

	mu  sync.Mutex // serialises writes to Out
	seq int
}

var (
	_ bot.Adapter         = (*Adapter)(nil)
	_ bot.DirectMessenger = (*Adapter)(nil)
	_ bot.ChannelPoster   = (*Adapter)(nil)
)

// Name implements bot.Adapter.
func (a *Adapter) Name() string { return guild.PlatformConsole }

// Identity returns the console user called name, as the bot expects it.
func Identity(name string) guild.User {
	name = strings.Join(strings.Fields(name), " ")
	return guild.User{Platform: guild.PlatformConsole, PlatformID: guild.ConsoleID(name), Name: name}
}

// Run implements bot.Adapter. It reads commands one per line until the
// input ends, "/quit" is typed, or ctx is done.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	lines := make(chan string)
	errc := make(chan error, 1)
	go a.read(ctx, lines, errc)
	session := sessionID()
	if a.Prompt {
		a.write(a.text("welcome", templates.Welcome{User: &guild.User{Name: a.User}, Database: a.Database}) + "\n\n")
	}
	for {
		if a.Prompt {
			a.write(a.User + "> ")
		}
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			return nil
		case line, ok = <-lines:
		}
		if !ok {
			if err := <-errc; err != nil {
				return fmt.Errorf("console: read: %w", err)
			}
			return nil
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if handled, quit := a.meta(line); quit {
			return nil
		} else if handled {
			continue
		}
		a.seq++
		resp := h.Handle(ctx, bot.Message{ID: "console-" + session + "-" + strconv.Itoa(a.seq), From: Identity(a.User), Text: line})
		if resp.Duplicate {
			continue
		}
		a.write(resp.Text + "\n")
		for _, n := range resp.Notices {
			a.deliver(ctx, n)
		}
		if a.Deliver != nil {
			if err := a.Deliver(ctx); err != nil {
				return err
			}
		}
		if a.Prompt {
			a.write("\n")
		}
	}
}

// meta handles the console's own commands: it reports whether line was
// one, and whether to quit.
// maxRead caps the bytes of one line kept in memory: well over what
// bot.MaxLine allows, so the bot still sees that a longer line is too long
// and refuses it, while a runaway paste cannot exhaust memory.
const maxRead = 4 * (bot.MaxLine + 2)

// read sends each input line on lines, then the read error (nil at the end
// of input) on errc. A line longer than maxRead is cut there, at a
// character boundary, and the rest of it skipped.
func (a *Adapter) read(ctx context.Context, lines chan<- string, errc chan<- error) {
	r := bufio.NewReader(a.In)
	for {
		var line []byte
		var err error
		for {
			var chunk []byte
			chunk, err = r.ReadSlice('\n')
			if len(line) < maxRead {
				line = append(line, chunk[:min(len(chunk), maxRead-len(line))]...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if len(line) > 0 {
			if len(line) == maxRead {
				for len(line) > 0 && !utf8.RuneStart(line[len(line)-1]) {
					line = line[:len(line)-1]
				}
				line = line[:max(0, len(line)-1)]
			}
			select {
			case lines <- strings.TrimRight(string(line), "\r\n"):
			case <-ctx.Done():
				return
			}
		}
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			errc <- err
			close(lines)
			return
		}
	}
}

// sessionID tells this run's messages from another's, so ids stay unique
// across console sessions on one database.
func sessionID() string {
	var p [4]byte
	_, _ = rand.Read(p[:])
	return hex.EncodeToString(p[:])
}

func (a *Adapter) meta(line string) (handled, quit bool) {
	word, rest, _ := strings.Cut(line, " ")
	switch strings.ToLower(word) {
	case "/quit", "/exit":
		return true, true
	case "/as":
		name := strings.TrimPrefix(strings.TrimSpace(rest), "@")
		if err := guild.CheckName("name", name, true); err != nil {
			a.write(a.text("console_as", templates.ConsoleAs{Error: guild.ErrorMessage(err), Current: a.User}) + "\n")
			return true, false
		}
		a.User = strings.Join(strings.Fields(name), " ")
		a.write(a.text("console_as", templates.ConsoleAs{Current: a.User}) + "\n")
		return true, false
	}
	return false, false
}

func (a *Adapter) deliver(ctx context.Context, n bot.Notice) {
	if n.To.User != nil {
		_ = a.SendDirect(ctx, n.To.User, n.Text)
		return
	}
	_ = a.PostChannel(ctx, n.To.Channel, n.Text)
}

// SendDirect implements bot.DirectMessenger by printing the message with
// its recipient.
func (a *Adapter) SendDirect(ctx context.Context, to *guild.User, text string) error {
	a.write(FormatNotice(bot.Recipient{User: to}, text))
	return nil
}

// PostChannel implements bot.ChannelPoster by printing the post with its
// channel.
func (a *Adapter) PostChannel(ctx context.Context, channel, text string) error {
	a.write(FormatNotice(bot.Recipient{Channel: channel}, text))
	return nil
}

// Writer returns a writer that writes to Out between the adapter's own
// writes, never in the middle of one: give it to the Sender that prints
// delivered messages.
func (a *Adapter) Writer() io.Writer { return lockedWriter{a} }

// lockedWriter writes through the adapter's lock.
type lockedWriter struct{ a *Adapter }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.a.write(string(p))
	return len(p), nil
}

// FormatNotice renders a message for someone else the way the console
// shows it: a header naming the recipient, then the text, indented.
func FormatNotice(to bot.Recipient, text string) string {
	kind := "direct message"
	if to.User == nil {
		kind = "channel post"
	}
	return fmt.Sprintf("→ %s (%s):\n    %s\n", to, kind, strings.ReplaceAll(text, "\n", "\n    "))
}

func (a *Adapter) text(name string, data any) string {
	s, err := templates.Render(name, data)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return s
}

func (a *Adapter) write(s string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	io.WriteString(a.Out, s)
}
