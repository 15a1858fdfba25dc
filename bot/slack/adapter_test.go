package slack_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/slack"
	"github.com/guildhall/guildhall/bot/slack/fakeslack"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// world is guildhall on Slack against the fake, over Socket Mode.
type world struct {
	fs     *fakeslack.Server
	api    *goslack.Client
	bot    *bot.Bot
	runner *remind.Runner
	ctx    context.Context
	// stop ends the adapter and waits for its handlers to finish.
	stop func()
}

type wallPacer struct{}

func (wallPacer) Now() time.Time                         { return time.Now() }
func (wallPacer) After(d time.Duration) <-chan time.Time { return time.After(d) }

func newWorld(t testing.TB) *world {
	t.Helper()
	fs := fakeslack.New(fakeslack.Options{PingInterval: time.Second})
	t.Cleanup(fs.Close)
	fs.AddUser("U1", "ann", "Europe/Paris")
	fs.AddUser("U2", "sam", "")
	fs.AddUser("U3", "olga", "Europe/London")
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "g.db"))
	db.Now = time.Now
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	outbox := sqlite.NewOutboxService(db, templates.Render)
	users := sqlite.NewUserService(db)
	users.Organisers = []string{"slack:U3"}
	b := bot.New(bot.Services{Users: users, Communities: sqlite.NewCommunityService(db),
		Events: sqlite.NewEventService(db), Calls: sqlite.NewCallService(db, templates.Compose),
		Mentors: sqlite.NewMentorService(db, templates.Render), Schedules: sqlite.NewScheduleService(db, templates.Render),
		Surveys: sqlite.NewSurveyService(db, templates.Render), Inbox: sqlite.NewInboxService(db), Outbox: outbox}, db.Now, nil)
	api := goslack.New("xoxb-test", goslack.OptionAPIURL(fs.URL()), goslack.OptionAppLevelToken("xapp-test"))
	a := &slack.Adapter{API: api, Log: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.Run(ctx, b)
	}()
	stopped := func() {
		cancel()
		<-done
	}
	t.Cleanup(stopped)
	wait, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	if err := fs.WaitConnected(wait); err != nil {
		t.Fatal(err)
	}
	r := &remind.Runner{Outbox: outbox, Senders: map[string]remind.Sender{slack.Platform: &slack.Sender{API: api}},
		Now: db.Now, Pace: wallPacer{}}
	return &world{fs: fs, api: api, bot: b, runner: r, ctx: ctx, stop: stopped}
}

// command types a slash command as user and returns the reply the bot
// posted to its response URL.
func (w *world) command(t testing.TB, user, command, text string) string {
	t.Helper()
	cmd := w.fs.SlashCommand(user, "C1", command, text)
	id, err := w.fs.Send("slash_commands", cmd)
	if err != nil {
		t.Fatal(err)
	}
	wait, stop := context.WithTimeout(w.ctx, 10*time.Second)
	defer stop()
	if _, err := w.fs.WaitAck(wait, id); err != nil {
		t.Fatal(err)
	}
	r, err := w.fs.WaitResponse(wait, cmd.ResponseURL)
	if err != nil {
		t.Fatalf("%s %s: %v", command, text, err)
	}
	return r.Text
}

func TestSlashCommandsOverSocketMode(t *testing.T) {
	w := newWorld(t)
	if got := w.command(t, "U1", "/community", `create Testers about="People who test"`); !strings.Contains(got, "Created the community Testers") {
		t.Fatalf("reply = %q, want the community created", got)
	}
	if got := w.command(t, "U2", "/community", "join Testers"); !strings.Contains(got, "Welcome to Testers") {
		t.Fatalf("reply = %q, want a welcome", got)
	}
	st, err := w.runner.Tick(w.ctx)
	if err != nil || st.Sent != 1 {
		t.Fatalf("Tick = %+v, %v, want the coordinator's notice sent", st, err)
	}
	dm := w.fs.Messages("U1")
	if len(dm) != 1 || !strings.Contains(dm[0].Text, "@sam joined Testers") || dm[0].Metadata.EventType != slack.MetadataType {
		t.Errorf("ann's DMs = %+v, want the join notice with its key in metadata", dm)
	}
	if u, err := w.bot.Users.Resolve(w.ctx, &guild.User{Platform: "slack", PlatformID: "U1", Name: "ann"}); err != nil || u.TZ != "Europe/Paris" {
		t.Errorf("ann = %+v, %v, want her time zone from users.info", u, err)
	}
}

// The websocket dropped mid-conversation: the adapter reconnects, and a
// command sent while it was away is delivered and answered.
func TestSocketDroppedMidConversation(t *testing.T) {
	w := newWorld(t)
	w.command(t, "U1", "/community", "create Testers")
	w.fs.DropSockets()
	cmd := w.fs.SlashCommand("U2", "C1", "/community", "join Testers")
	id, err := w.fs.Send("slash_commands", cmd)
	if err != nil {
		t.Fatal(err)
	}
	wait, stop := context.WithTimeout(w.ctx, 20*time.Second)
	defer stop()
	if _, err := w.fs.WaitAck(wait, id); err != nil {
		t.Fatal(err)
	}
	r, err := w.fs.WaitResponse(wait, cmd.ResponseURL)
	if err != nil || !strings.Contains(r.Text, "Welcome to Testers") {
		t.Fatalf("reply after reconnecting = %+v, %v, want the welcome", r, err)
	}
	if got := w.command(t, "U1", "/community", "show Testers"); !strings.Contains(got, "2 members") {
		t.Errorf("show after reconnecting: %q, want 2 members", got)
	}
}
