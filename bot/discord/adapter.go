package discord

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

// Defaults of an Adapter.
const (
	// DefaultDeferAfter is how long an interaction's work may run before
	// it is deferred: Discord wants an answer within three seconds.
	DefaultDeferAfter = 2 * time.Second
	// DefaultRetry is the longest wait between attempts to reach the
	// gateway while Discord cannot be reached.
	DefaultRetry = time.Minute
)

// Adapter connects the bot to Discord through the gateway: it registers
// the application commands, takes interactions, runs each once through
// the bot and answers it. It implements bot.Adapter.
type Adapter struct {
	// Session is the discordgo session, from NewSession.
	Session *discordgo.Session
	// AppID is the application's id; "" takes it from the gateway's READY.
	AppID string
	// GuildID, when set, registers the commands in that guild, where they
	// show at once; otherwise they are global, which Discord takes up to
	// an hour to show.
	GuildID string
	// Users, when set, stores the people a command mentions, so the bot
	// knows them even before they have talked to it.
	Users guild.UserService
	// DeferAfter is how long work may run before the interaction is
	// deferred; 0 means DefaultDeferAfter.
	DeferAfter time.Duration
	// Retry caps the wait between attempts to reach the gateway; 0 means
	// DefaultRetry.
	Retry time.Duration
	// Log receives what goes wrong; nil means slog.Default().
	Log *slog.Logger

	mu    sync.Mutex
	appID string
	ctx   context.Context // bounds the work that goes on after an answer
	wg    sync.WaitGroup
}

var _ bot.Adapter = (*Adapter)(nil)

// Name implements bot.Adapter.
func (a *Adapter) Name() string { return Platform }

func (a *Adapter) log() *slog.Logger {
	if a.Log != nil {
		return a.Log
	}
	return slog.Default()
}

// router is what the bot offers an adapter that registers its commands.
type router interface{ Router() *bot.Router }

// submitter is what the bot offers an adapter that opens forms.
type submitter interface {
	Submit(ctx context.Context, m bot.Message, path string, values map[string]string) *bot.Response
}

// Run implements bot.Adapter: it connects to the gateway, trying again
// with a growing wait while Discord cannot be reached (the rest of
// guildhall serves meanwhile), registers the commands on each READY, and
// handles interactions until ctx is done; then it lets the work in
// progress finish.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	a.start(ctx)
	a.Session.AddHandler(func(s *discordgo.Session, r *discordgo.Ready) {
		if r.Application != nil {
			a.setApp(r.Application.ID)
		}
		a.Register(ctx, h)
	})
	a.Session.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		a.wg.Add(1)
		defer a.wg.Done()
		a.Serve(ctx, h, ic.Interaction, func(r *discordgo.InteractionResponse) error {
			if r == nil {
				return nil // answered when it first came
			}
			// An answer under way when guildhall stops still goes out: it
			// has Discord's three seconds at most.
			actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
			defer cancel()
			return s.InteractionRespond(ic.Interaction, r, discordgo.WithContext(actx))
		})
	})
	wait := time.Second
	for {
		err := a.Session.Open()
		if err == nil {
			break
		}
		a.log().Warn("discord: cannot reach the gateway; guildhall goes on serving and tries again", "in", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		wait = min(2*wait, a.retry())
	}
	<-ctx.Done()
	err := a.Session.Close()
	a.wg.Wait()
	if err != nil {
		return fmt.Errorf("discord: close: %w", err)
	}
	return nil
}

// Wait waits for the work still running after its answers.
func (a *Adapter) Wait() { a.wg.Wait() }

// start sets the context that bounds the work after answers.
func (a *Adapter) start(ctx context.Context) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ctx = ctx
}

func (a *Adapter) setApp(id string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.appID = id
}

// app returns the application's id.
func (a *Adapter) app() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.appID != "" {
		return a.appID
	}
	return a.AppID
}

func (a *Adapter) retry() time.Duration {
	if a.Retry > 0 {
		return a.Retry
	}
	return DefaultRetry
}

func (a *Adapter) deferAfter() time.Duration {
	if a.DeferAfter > 0 {
		return a.DeferAfter
	}
	return DefaultDeferAfter
}

// Register overwrites the application's commands with those of h's
// router, in one bulk call: in GuildID when it is set, globally otherwise.
// A failure is logged: the commands registered before go on working.
func (a *Adapter) Register(ctx context.Context, h bot.Handler) {
	r, ok := h.(router)
	if !ok {
		return
	}
	app := a.app()
	if app == "" {
		a.log().Warn("discord: no application id yet, so the commands are not registered (set DISCORD_APP_ID)")
		return
	}
	cmds := Commands(r.Router())
	if _, err := a.Session.ApplicationCommandBulkOverwrite(app, a.GuildID, cmds, discordgo.WithContext(ctx)); err != nil {
		a.log().Error("discord: register the commands", "guild", a.GuildID, "err", err)
		return
	}
	a.log().Info("discord: commands registered", "commands", len(cmds), "guild", a.GuildID)
}

// outcome is what handling an interaction came to: a message for the
// person, a form to open, or the message with the button pressed
// rewritten.
type outcome struct {
	text   string
	form   *bot.Form
	update bool // rewrite the message the component is on, dropping its buttons
	none   bool // a redelivery: nothing to say
}

// Serve handles one interaction through h and answers it with answer,
// within DeferAfter: past it, answer defers, and the reply follows as an
// edit once the work is done. answer is called once, before Serve returns,
// with nil for an interaction handled before (a redelivery).
func (a *Adapter) Serve(ctx context.Context, h bot.Handler, i *discordgo.Interaction, answer func(*discordgo.InteractionResponse) error) {
	if i.Type == discordgo.InteractionPing {
		a.answer(answer, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	done := make(chan outcome, 1)
	go func() { done <- a.work(ctx, h, i) }()
	t := time.NewTimer(a.deferAfter())
	defer t.Stop()
	select {
	case o := <-done:
		a.first(i, o, answer)
	case <-t.C:
		typ := discordgo.InteractionResponseDeferredChannelMessageWithSource
		if i.Type == discordgo.InteractionMessageComponent {
			typ = discordgo.InteractionResponseDeferredMessageUpdate
		}
		a.answer(answer, &discordgo.InteractionResponse{Type: typ, Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}})
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			a.late(i, <-done)
		}()
	}
}

// answer gives the interaction its answer r; nil r says the interaction
// was answered before (a redelivery).
func (a *Adapter) answer(answer func(*discordgo.InteractionResponse) error, r *discordgo.InteractionResponse) {
	if err := answer(r); err != nil {
		typ := 0
		if r != nil {
			typ = int(r.Type)
		}
		a.log().Error("discord: answer an interaction", "type", typ, "err", err)
	}
}

// handledAlready is the answer to an HTTP interaction delivered again.
func (a *Adapter) handledAlready() *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: a.text("discord_handled", nil), Flags: discordgo.MessageFlagsEphemeral}}
}

// text renders the template name with data. Templates are covered by
// golden tests, so a failure is a bug: it is logged, and the person gets
// a short apology rather than nothing.
func (a *Adapter) text(name string, data any) string {
	s, err := templates.Render(name, data)
	if err != nil {
		a.log().Error("discord: render", "template", name, "err", err)
		return "Something went wrong while writing my reply."
	}
	return s
}

// refusal is the reply to an interaction refused before it reached the
// bot, as the bot words its refusals.
func (a *Adapter) refusal(msg string) outcome {
	return outcome{text: a.text("refusal", templates.Refusal{Code: guild.EINVALID, Message: msg})}
}

// first answers the interaction with its outcome, then sends what did
// not fit in the answer as follow-ups.
func (a *Adapter) first(i *discordgo.Interaction, o outcome, answer func(*discordgo.InteractionResponse) error) {
	switch {
	case o.none:
		// A redelivery was answered the first time: over the gateway there
		// is nothing more to say, and answer ignores it; an HTTP request
		// still needs a body.
		a.answer(answer, nil)
		return
	case o.form != nil:
		a.answer(answer, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: modal(o.form)})
		return
	}
	parts := chunks(o.text)
	if o.update {
		a.answer(answer, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage,
			Data: &discordgo.InteractionResponseData{Content: parts[0], Components: []discordgo.MessageComponent{}}})
	} else {
		a.answer(answer, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: parts[0], Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()}})
	}
	a.followUps(i, parts[1:])
}

// late edits a deferred answer with the outcome.
func (a *Adapter) late(i *discordgo.Interaction, o outcome) {
	if o.none {
		return
	}
	if o.form != nil {
		o.text = a.text("discord_form_late", nil)
	}
	parts := chunks(o.text)
	edit := &discordgo.WebhookEdit{Content: &parts[0], AllowedMentions: noMentions()}
	if o.update {
		edit.Components = &[]discordgo.MessageComponent{}
	}
	if _, err := a.Session.InteractionResponseEdit(i, edit, discordgo.WithContext(a.workCtx())); err != nil {
		a.log().Error("discord: edit a deferred answer", "err", err)
	}
	a.followUps(i, parts[1:])
}

// followUps sends the rest of a long reply, each part its own message,
// seen by its author alone.
func (a *Adapter) followUps(i *discordgo.Interaction, parts []string) {
	for _, p := range parts {
		if _, err := a.Session.FollowupMessageCreate(i, false, &discordgo.WebhookParams{Content: p, Flags: discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions()}, discordgo.WithContext(a.workCtx())); err != nil {
			a.log().Error("discord: follow-up", "err", err)
			return
		}
	}
}

// workCtx is the context the work after an answer runs in.
func (a *Adapter) workCtx() context.Context {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.ctx == nil {
		return context.Background()
	}
	return a.ctx
}

// noMentions keeps a reply from pinging anyone it names.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// work runs the interaction through h.
func (a *Adapter) work(ctx context.Context, h bot.Handler, i *discordgo.Interaction) outcome {
	from := author(i)
	m := bot.Message{ID: "discord:" + i.ID, From: from, Channel: i.ChannelID, Forms: true}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		d := i.ApplicationCommandData()
		a.remember(ctx, d.Resolved)
		r, ok := h.(router)
		if !ok {
			return a.refusal("This bot takes no commands.")
		}
		line, _, err := Line(r.Router(), d)
		if err != nil {
			return a.refusal(guild.ErrorMessage(err))
		}
		m.Text = line
		return reply(h.Handle(ctx, m), false)
	case discordgo.InteractionMessageComponent:
		d := i.MessageComponentData()
		cmd, ok := strings.CutPrefix(d.CustomID, buttonPrefix)
		if !ok {
			return a.refusal("That button is not guildhall's.")
		}
		m.Text = cmd
		resp := h.Handle(ctx, m)
		o := reply(resp, !resp.Refused)
		if o.update && i.Message != nil {
			o.text = strings.TrimSpace(i.Message.Content + "\n\n" + o.text)
		}
		return o
	case discordgo.InteractionModalSubmit:
		d := i.ModalSubmitData()
		path, ok := strings.CutPrefix(d.CustomID, formPrefix)
		sub, can := h.(submitter)
		if !ok || !can {
			return a.refusal("That form is not guildhall's.")
		}
		resp := sub.Submit(ctx, m, path, values(d))
		resp.Form = nil // Discord shows no errors in a modal: the refusal echoes what was typed
		return reply(resp, false)
	}
	return a.refusal("I cannot handle that kind of interaction.")
}

// reply turns the bot's response into an outcome.
func reply(resp *bot.Response, update bool) outcome {
	switch {
	case resp.Duplicate:
		return outcome{none: true}
	case resp.Form != nil && !resp.Refused:
		return outcome{form: resp.Form}
	}
	return outcome{text: resp.Text, update: update}
}

// author is who gave the interaction: the member in a guild, the user in
// a direct message.
func author(i *discordgo.Interaction) guild.User {
	u := i.User
	if i.Member != nil && i.Member.User != nil {
		u = i.Member.User
	}
	if u == nil {
		return guild.User{Platform: Platform}
	}
	return guild.User{Platform: Platform, PlatformID: u.ID, Name: displayName(u)}
}

// displayName is how Discord shows u: the global display name, else the
// username.
func displayName(u *discordgo.User) string {
	if u.GlobalName != "" {
		return u.GlobalName
	}
	return u.Username
}

// remember stores the users a command mentions.
func (a *Adapter) remember(ctx context.Context, r *discordgo.ApplicationCommandInteractionDataResolved) {
	if a.Users == nil || r == nil {
		return
	}
	for id, u := range r.Users {
		if _, err := a.Users.Resolve(ctx, &guild.User{Platform: Platform, PlatformID: id, Name: displayName(u)}); err != nil {
			a.log().Warn("discord: store a mentioned user", "user", id, "err", err)
		}
	}
}
