package slack

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	goslack "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Platform is the platform name of Slack users.
const Platform = "slack"

// Adapter runs the bot on Slack. With an app-level token it uses Socket
// Mode, which needs no public URL. It implements bot.Adapter.
type Adapter struct {
	// API is the Web API client, with the bot token (and, for Socket
	// Mode, the app-level token).
	API *goslack.Client
	Log *slog.Logger

	mu    sync.Mutex
	users map[string]guild.User // profiles read with users.info
}

var _ bot.Adapter = (*Adapter)(nil)

// Name implements bot.Adapter.
func (a *Adapter) Name() string { return Platform }

func (a *Adapter) log() *slog.Logger {
	if a.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return a.Log
}

// Run implements bot.Adapter with Socket Mode: it acknowledges each
// envelope at once, then does the work, so Slack never waits past its
// three seconds.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	client := socketmode.New(a.API)
	errc := make(chan error, 1)
	go func() { errc <- client.RunContext(ctx) }()
	var wg sync.WaitGroup
	defer wg.Wait()
	pages, _ := h.(Pages)
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("slack: socket mode: %w", err)
		case ev := <-client.Events:
			switch ev.Type {
			case socketmode.EventTypeSlashCommand:
				cmd, ok := ev.Data.(goslack.SlashCommand)
				if !ok || ev.Request == nil {
					continue
				}
				client.Ack(*ev.Request)
				wg.Add(1)
				go func() {
					defer wg.Done()
					a.command(ctx, h, cmd)
				}()
			case socketmode.EventTypeInteractive:
				cb, ok := ev.Data.(goslack.InteractionCallback)
				if !ok || ev.Request == nil {
					continue
				}
				if cb.Type == goslack.InteractionTypeViewSubmission {
					// Answered in the ack itself, so errors show inline.
					if r := a.submission(ctx, h, cb); r != nil {
						client.Ack(*ev.Request, r)
					} else {
						client.Ack(*ev.Request)
					}
					continue
				}
				client.Ack(*ev.Request)
				if cb.Type == goslack.InteractionTypeBlockActions {
					wg.Add(1)
					go func() {
						defer wg.Done()
						a.action(ctx, h, cb)
					}()
				}
			case socketmode.EventTypeEventsAPI:
				if ev.Request != nil {
					client.Ack(*ev.Request)
				}
				e, ok := ev.Data.(slackevents.EventsAPIEvent)
				if !ok {
					continue
				}
				cb, _ := e.Data.(*slackevents.EventsAPICallbackEvent)
				wg.Add(1)
				go func() {
					defer wg.Done()
					a.event(ctx, pages, cb)
				}()
			case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError, socketmode.EventTypeErrorBadMessage:
				a.log().Warn("slack: socket mode", "event", ev.Type, "data", ev.Data)
			default:
				if ev.Request != nil && ev.Request.EnvelopeID != "" {
					client.Ack(*ev.Request)
				}
			}
		}
	}
}

// command runs a slash command and answers on its response URL, visible
// to its author only.
func (a *Adapter) command(ctx context.Context, h bot.Handler, cmd goslack.SlashCommand) {
	from, err := a.user(ctx, cmd.UserID, cmd.UserName)
	if err != nil {
		a.log().Warn("slack: users.info", "user", cmd.UserID, "err", err)
	}
	line := strings.TrimSpace(cmd.Command + " " + cmd.Text)
	resp := h.Handle(ctx, bot.Message{ID: "cmd:" + cmd.TriggerID, From: from, Channel: cmd.ChannelID, Text: line, Forms: true})
	if resp.Duplicate {
		return
	}
	if resp.Form != nil && !resp.Refused {
		err := a.openForm(ctx, cmd, resp.Form)
		if err == nil {
			return
		}
		a.log().Warn("slack: views.open", "command", line, "err", err)
		resp.Text = "I could not open the form; type the command with its options instead. /help " + strings.TrimPrefix(cmd.Command, "/") + " shows them."
	}
	a.reply(ctx, cmd.UserID, cmd.ResponseURL, resp.Text)
}

// user returns the guild identity of a Slack user, with the display name
// and time zone users.info gives, read once per process. When Slack cannot
// be asked, the name from the command stands in.
func (a *Adapter) user(ctx context.Context, id, name string) (guild.User, error) {
	a.mu.Lock()
	u, ok := a.users[id]
	a.mu.Unlock()
	if ok {
		return u, nil
	}
	u = guild.User{Platform: Platform, PlatformID: id, Name: name}
	info, err := a.API.GetUserInfoContext(ctx, id)
	if err != nil {
		return u, err
	}
	if n := info.Profile.DisplayName; n != "" {
		u.Name = n
	} else if info.Name != "" {
		u.Name = info.Name
	}
	u.TZ = info.TZ
	a.mu.Lock()
	if a.users == nil {
		a.users = map[string]guild.User{}
	}
	a.users[id] = u
	a.mu.Unlock()
	return u, nil
}
