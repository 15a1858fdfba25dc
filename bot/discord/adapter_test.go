package discord_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/discord"
	"github.com/guildhall/guildhall/bot/discord/fakediscord"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// The members of the fake server.
const (
	ann     = "1200000000000000001"
	sam     = "1200000000000000002"
	olga    = "1200000000000000003"
	general = "1300000000000000001"
)

// wallPacer paces the runner's sends by the wall clock.
type wallPacer struct{}

func (wallPacer) Now() time.Time                         { return time.Now() }
func (wallPacer) After(d time.Duration) <-chan time.Time { return time.After(d) }

// world is guildhall on Discord's gateway against fakediscord: a bot on a
// fresh store, the adapter connected, and a runner delivering through the
// Sender.
type world struct {
	fs     *fakediscord.Server
	bot    *bot.Bot
	users  *sqlite.UserService
	outbox *sqlite.OutboxService
	sender *discord.Sender
	runner *remind.Runner
	ctx    context.Context
}

func newWorld(t testing.TB, opts fakediscord.Options) *world {
	t.Helper()
	if opts.HeartbeatInterval == 0 {
		opts.HeartbeatInterval = time.Second
	}
	fs := fakediscord.New(opts)
	t.Cleanup(fs.Close)
	for id, name := range map[string]string{ann: "ann", sam: "sam", olga: "olga"} {
		fs.AddUser(id, name)
		fs.AddMember(id)
	}
	fs.AddChannel(general, "general")
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "g.db"))
	db.Now = time.Now
	db.Organisers = []string{"discord:" + olga}
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	outbox := sqlite.NewOutboxService(db, templates.Render)
	users := sqlite.NewUserService(db)
	users.Organisers = []string{"discord:" + olga}
	b := bot.New(bot.Services{Users: users, Communities: sqlite.NewCommunityService(db),
		Events: sqlite.NewEventService(db), Calls: sqlite.NewCallService(db, templates.Compose),
		Mentors: sqlite.NewMentorService(db, templates.Render), Schedules: sqlite.NewScheduleService(db, templates.Render),
		Surveys: sqlite.NewSurveyService(db, templates.Render), Inbox: sqlite.NewInboxService(db), Outbox: outbox}, db.Now, nil)
	s, err := discord.NewSession("fake-token", fs.URL())
	if err != nil {
		t.Fatal(err)
	}
	a := &discord.Adapter{Session: s, GuildID: fs.GuildID(), Users: users, Log: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.Run(ctx, b)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	wait, stop := context.WithTimeout(ctx, 15*time.Second)
	defer stop()
	if err := fs.WaitConnected(wait); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.WaitCalls(wait, fakediscord.RoutePutGuildCommands, 1); err != nil {
		t.Fatalf("the commands were not registered: %v", err)
	}
	sender := &discord.Sender{Session: s, GuildID: fs.GuildID(), Now: time.Now, DMEvery: time.Nanosecond}
	r := &remind.Runner{Outbox: outbox, Senders: map[string]remind.Sender{discord.Platform: sender}, Now: db.Now, Pace: wallPacer{}}
	return &world{fs: fs, bot: b, users: users, outbox: outbox, sender: sender, runner: r, ctx: ctx}
}

// run sends interaction i over the gateway and returns the bot's answer.
func (w *world) run(t testing.TB, i *discordgo.Interaction) fakediscord.Callback {
	t.Helper()
	if err := w.fs.Interact(i); err != nil {
		t.Fatal(err)
	}
	wait, stop := context.WithTimeout(w.ctx, 15*time.Second)
	defer stop()
	cb, err := w.fs.WaitResponse(wait, i.ID)
	if err != nil {
		t.Fatalf("no answer to interaction %s: %v", i.ID, err)
	}
	return cb
}

// command runs /name sub options as user in #general and returns the
// answer's text, failing unless it contains want.
func (w *world) command(t testing.TB, user, name string, o *discordgo.ApplicationCommandInteractionDataOption, want string) fakediscord.Callback {
	t.Helper()
	var opts []*discordgo.ApplicationCommandInteractionDataOption
	if o != nil {
		opts = append(opts, o)
	}
	cb := w.run(t, w.fs.SlashCommand(user, general, name, opts...))
	if !strings.Contains(cb.Content, want) {
		t.Fatalf("/%s: answer %q (type %d), want %q", name, cb.Content, cb.Type, want)
	}
	return cb
}

// A whole call for proposals through the gateway: an organiser sets up the
// event and the call by slash command, a speaker who agreed to direct
// messages submits through the modal, the organiser decides and tells,
// the speaker's direct message arrives with Confirm and Decline, and
// Confirm confirms the talk.
func TestCFPThroughTheGateway(t *testing.T) {
	w := newWorld(t, fakediscord.Options{})
	day := time.Now().AddDate(0, 2, 0).Format(time.DateOnly)
	closes := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	w.command(t, olga, "event", sub("create", str("name", "DevDay"), str("date", day), str("start", "09:00"), str("end", "17:00"),
		str("tz", "Europe/London"), str("rooms", "Main:100")), "DevDay is on")
	w.command(t, olga, "cfp", sub("open", str("event", "DevDay"), str("closes", closes), str("formats", "talk:30, lightning:5")), "open until")
	cb := w.command(t, ann, "profile", nil, "direct messages: no")
	if cb.Flags&64 == 0 {
		t.Errorf("the answer to /profile has flags %d, want it seen by its author alone", cb.Flags)
	}
	w.run(t, w.fs.SlashCommand(ann, general, "profile", str("department", "QA"), str("dms", "yes")))

	// The modal.
	cb = w.run(t, w.fs.SlashCommand(ann, general, "cfp", sub("submit")))
	if cb.Type != discordgo.InteractionResponseModal || cb.CustomID != "ghform:cfp submit" {
		t.Fatalf("bare /cfp submit: answer type %d %q, want the modal", cb.Type, cb.CustomID)
	}
	i, err := w.fs.ModalSubmit(ann, "ghform:cfp submit", map[string]string{"EVENT": "DevDay", "title": "Testing in production",
		"format": "talk", "abstract": "How we test safely in prod."})
	if err != nil {
		t.Fatal(err)
	}
	if cb = w.run(t, i); !strings.Contains(cb.Content, "Submitted as #1") {
		t.Fatalf("the modal's answer: %q, want the receipt", cb.Content)
	}

	w.command(t, olga, "cfp", sub("decide", str("id", "1"), str("decision", "accept")), "is accepted")
	w.command(t, olga, "cfp", sub("notify", str("event", "DevDay")), "1 accepted")
	if _, err := w.runner.Tick(w.ctx); err != nil {
		t.Fatal(err)
	}
	wait, stop := context.WithTimeout(w.ctx, 15*time.Second)
	defer stop()
	dms, err := w.fs.WaitDMs(wait, ann, 1)
	if err != nil || !strings.Contains(dms[0].Content, "is accepted for DevDay") || dms[0].Nonce == "" {
		t.Fatalf("ann's DMs = %+v, %v, want the acceptance with a nonce", dms, err)
	}
	i, err = w.fs.Press(ann, dms[0], "Confirm")
	if err != nil {
		t.Fatal(err)
	}
	cb = w.run(t, i)
	if cb.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(cb.Content, "is accepted for DevDay") ||
		!strings.Contains(strings.ToLower(cb.Content), "confirm") {
		t.Fatalf("after Confirm: type %d %q, want the message rewritten with the confirmation", cb.Type, cb.Content)
	}
	var comps []any
	if json.Unmarshal(cb.Components, &comps); len(comps) != 0 {
		t.Errorf("after Confirm the message keeps buttons %s, want none, so it cannot be pressed twice", cb.Components)
	}
	w.command(t, ann, "cfp", sub("mine"), "confirmed")
}

// The survey goes to the event's channel with a button, not to everyone's
// direct messages; the button opens the survey's modal with the event
// filled in, and the modal is the answer.
func TestSurveyFromTheChannelButton(t *testing.T) {
	w := newWorld(t, fakediscord.Options{})
	day := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	w.command(t, olga, "event", sub("create", str("name", "DevDay"), str("date", day), str("start", "09:00"), str("end", "17:00"),
		str("rooms", "Main:100"), str("channel", "<#"+general+">")), "DevDay is on")
	w.command(t, ann, "event", sub("attend", str("name", "DevDay")), "You attend DevDay")
	w.command(t, olga, "survey", sub("send", str("event", "DevDay")), "went out to 1 person")
	if _, err := w.runner.Tick(w.ctx); err != nil {
		t.Fatal(err)
	}
	posts := w.fs.Messages(general)
	var post *fakediscord.Message
	for i := range posts {
		if strings.Contains(posts[i].Content, "What will you do differently?") {
			post = &posts[i]
		}
	}
	if post == nil {
		t.Fatalf("#general = %+v, want the survey posted", posts)
	}
	if len(w.fs.DMs(ann)) != 0 {
		t.Errorf("ann, who did not agree to direct messages, got %+v", w.fs.DMs(ann))
	}
	i, err := w.fs.Press(ann, *post, "Answer the survey")
	if err != nil {
		t.Fatal(err)
	}
	cb := w.run(t, i)
	if cb.Type != discordgo.InteractionResponseModal || cb.CustomID != "ghform:survey answer" || !strings.Contains(string(cb.Data), `"value":"DevDay"`) {
		t.Fatalf("the button's answer: type %d %q %s, want the survey's modal with the event filled in", cb.Type, cb.CustomID, cb.Data)
	}
	i, err = w.fs.ModalSubmit(ann, "ghform:survey answer", map[string]string{"EVENT": "DevDay", "rating": "5", "different": "Pair more"})
	if err != nil {
		t.Fatal(err)
	}
	if cb = w.run(t, i); !strings.Contains(cb.Content, "Your answer to the survey of DevDay is in") {
		t.Fatalf("the modal's answer: %q", cb.Content)
	}
}

// With Discord out of reach at start, the adapter logs it and keeps
// trying, and stops cleanly when told to.
func TestDiscordUnreachableAtStart(t *testing.T) {
	fs := fakediscord.New(fakediscord.Options{})
	url := fs.URL()
	fs.Close() // nothing listens there now
	s, err := discord.NewSession("fake-token", url)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncLog{seen: make(chan struct{})}
	a := &discord.Adapter{Session: s, Retry: 10 * time.Millisecond, Log: slog.New(slog.NewTextHandler(logs, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, &recorder{rt: router(t)}) }()
	select {
	case <-logs.seen:
	case <-time.After(15 * time.Second):
		t.Fatal("no word of the gateway being out of reach")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil once stopped", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not stop")
	}
	if !strings.Contains(logs.String(), "cannot reach the gateway; guildhall goes on serving") {
		t.Errorf("logs = %q", logs.String())
	}
}

// syncLog collects log lines and signals the first.
type syncLog struct {
	mu   sync.Mutex
	b    strings.Builder
	seen chan struct{}
	once sync.Once
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.once.Do(func() { close(l.seen) })
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
