package discord_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/discord"
	"github.com/guildhall/guildhall/bot/discord/fakediscord"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

// member stores the Discord user id called name, agreeing to direct
// messages or not, and returns them.
func (w *world) member(t *testing.T, id, name string, dms bool) *guild.User {
	t.Helper()
	ctx := context.Background()
	u, err := w.users.Resolve(ctx, &guild.User{Platform: discord.Platform, PlatformID: id, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if u, err = w.users.UpdateProfile(guild.NewContextWithUser(ctx, u), guild.Profile{DMs: &dms}); err != nil {
		t.Fatal(err)
	}
	return u
}

// queue queues one message for each of to, under keys prefix:ID.
func (w *world) queue(t *testing.T, prefix, body string, to ...*guild.User) {
	t.Helper()
	var ms []*remind.Message
	for _, u := range to {
		ms = append(ms, &remind.Message{Key: prefix + ":" + u.PlatformID, Kind: "test", To: u, Body: body, DueAt: time.Now()})
	}
	if err := w.outbox.Queue(context.Background(), ms); err != nil {
		t.Fatal(err)
	}
}

// status returns where the message with key stands, and its last error.
func (w *world) status(t *testing.T, key string) (remind.Status, string) {
	t.Helper()
	ms, err := w.outbox.List(context.Background(), remind.Filter{Statuses: []remind.Status{remind.Pending, remind.Sent, remind.Dead}})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Key == key {
			return m.Status, m.LastError
		}
	}
	t.Fatalf("no message %s", key)
	return "", ""
}

// A member whose direct messages are closed (50007) does not stall the
// others: theirs is marked dead at once, not retried, and the organisers
// are told; the rest are delivered in the same round.
func TestClosedDMsDoNotStallTheRest(t *testing.T) {
	w := newWorld(t, fakediscord.Options{})
	a, s, o := w.member(t, ann, "ann", true), w.member(t, sam, "sam", true), w.member(t, olga, "olga", true)
	w.fs.CloseDMs(sam)
	w.queue(t, "survey", "What will you do differently?", s, a, o)
	st, err := w.runner.Tick(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Sent != 2 || st.Dead != 1 || st.Retried != 0 {
		t.Errorf("tick: %+v, want 2 sent and sam's dead at once", st)
	}
	for _, u := range []string{ann, olga} {
		if got := w.fs.DMs(u); len(got) == 0 || !strings.Contains(got[0].Content, "What will you do differently?") {
			t.Errorf("%s's DMs = %+v, want the survey", u, got)
		}
	}
	if status, why := w.status(t, "survey:"+sam); status != remind.Dead || !strings.Contains(why, "50007") {
		t.Errorf("sam's message is %s (%q), want dead with 50007", status, why)
	}
	// The organisers hear of it on the next round.
	if _, err := w.runner.Tick(w.ctx); err != nil {
		t.Fatal(err)
	}
	if got := w.fs.DMs(olga); len(got) != 2 || !strings.Contains(got[1].Content, "could not be delivered") {
		t.Errorf("olga's DMs = %+v, want the survey and word of the dead message", got)
	}
}

// Opening direct messages too fast (40003) is never retried into a ban:
// the message is marked dead and the organisers are told, whatever status
// Discord sends it with.
func TestDMsOpenedTooFastAreNotRetried(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusForbidden, http.StatusTooManyRequests} {
		t.Run(http.StatusText(status), func(t *testing.T) { dmsTooFast(t, status) })
	}
}

func dmsTooFast(t *testing.T, status int) {
	w := newWorld(t, fakediscord.Options{DMOpenRate: 0.001, DMOpenBurst: 1, DMOpenStatus: status})
	a, s := w.member(t, ann, "ann", true), w.member(t, sam, "sam", true)
	w.queue(t, "announce", "The schedule is out.", a, s)
	st, err := w.runner.Tick(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Sent != 1 || st.Dead != 1 {
		t.Errorf("tick: %+v, want one sent and one dead", st)
	}
	dead := 0
	for _, u := range []string{ann, sam} {
		if status, why := w.status(t, "announce:"+u); status == remind.Dead {
			dead++
			if !strings.Contains(why, "40003") {
				t.Errorf("the dead message's error = %q, want 40003", why)
			}
		}
	}
	if dead != 1 {
		t.Errorf("%d dead, want 1", dead)
	}
}

// A member who has not agreed to direct messages gets none: the message
// waits, they are told once in the notice channel, and it goes out once
// they agree.
func TestDMsWaitForConsent(t *testing.T) {
	w := newWorld(t, fakediscord.Options{})
	w.sender.NoticeChannel = "general"
	w.sender.Hold = time.Millisecond
	a := w.member(t, ann, "ann", false)
	w.queue(t, "decision", "Your talk is accepted.", a)
	w.queue(t, "reminder", "Your deck is due.", a)
	st, err := w.runner.Tick(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Sent != 0 || st.Dead != 0 || len(w.fs.DMs(ann)) != 0 {
		t.Fatalf("tick: %+v, DMs %+v; want nothing sent to ann, nothing dead", st, w.fs.DMs(ann))
	}
	if status, why := w.status(t, "decision:"+ann); status != remind.Pending || !strings.Contains(why, "/profile dms=yes") {
		t.Errorf("the decision is %s (%q), want pending, waiting for consent", status, why)
	}
	told := w.fs.Messages(general)
	if len(told) != 1 || !strings.Contains(told[0].Content, "<@"+ann+">") || !strings.Contains(told[0].Content, "/profile dms=yes") {
		t.Fatalf("#general = %+v, want ann told once", told)
	}
	// ann agrees; the runner sends the messages when their wait is over.
	w.member(t, ann, "ann", true)
	wait, stop := context.WithTimeout(w.ctx, 15*time.Second)
	defer stop()
	go w.runner.Run(wait)
	dms, err := w.fs.WaitDMs(wait, ann, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(dms) != 2 || dms[0].Content != "Your talk is accepted." {
		t.Errorf("ann's DMs = %+v, want both, in order", dms)
	}
	if len(w.fs.Messages(general)) != 1 {
		t.Errorf("#general has %d messages, want ann told once only", len(w.fs.Messages(general)))
	}
}

// A message sent twice with the same key is created once: the nonce with
// enforce_nonce, as after a crash between the send and its record.
func TestSendTwiceCreatesOnce(t *testing.T) {
	w := newWorld(t, fakediscord.Options{})
	m := &remind.Message{Key: "k1", To: w.member(t, ann, "ann", true), Body: strings.Repeat("long line of text\n", 200), DueAt: time.Now()}
	for range 2 {
		if err := w.sender.Send(w.ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	dms := w.fs.DMs(ann)
	if len(dms) != 2 || len(dms[0].Content) > 2000 || !strings.HasPrefix(dms[1].Content, "long line") {
		t.Fatalf("ann has %d messages, want the 3,600 characters as two, each once", len(dms))
	}
	if ok, err := w.sender.Delivered(w.ctx, m); err != nil || !ok {
		t.Errorf("Delivered = %v, %v, want true: its text is in the history", ok, err)
	}
	if ok, _ := w.sender.Delivered(w.ctx, &remind.Message{Key: "k2", To: m.To, Body: "never sent"}); ok {
		t.Error("Delivered of a message never sent = true, want false")
	}
}

// A 429 defers the message by retry_after without counting a failed
// attempt; discordgo does not sleep on it.
func TestRateLimitDefers(t *testing.T) {
	w := newWorld(t, fakediscord.Options{})
	a := w.member(t, ann, "ann", true)
	w.sender.Send(w.ctx, &remind.Message{Key: "warm", To: a, Body: "hello"}) // opens the DM
	w.fs.Fail(fakediscord.RouteCreateMessage, 1, fakediscord.Fault{Status: http.StatusTooManyRequests, RetryAfter: 50 * time.Millisecond})
	w.queue(t, "news", "The schedule is out.", a)
	st, err := w.runner.Tick(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Deferred != 1 || st.Sent != 0 || st.Retried != 0 {
		t.Errorf("tick under a 429: %+v, want the message deferred", st)
	}
	if status, why := w.status(t, "news:"+ann); status != remind.Pending || !strings.Contains(why, "rate limited") {
		t.Errorf("the message is %s (%q), want pending, rate limited", status, why)
	}
}

// An interaction delivered twice (a gateway that resumes and replays) is
// handled once.
func TestRedeliveredInteractionHandledOnce(t *testing.T) {
	w := newWorld(t, fakediscord.Options{})
	i := w.fs.SlashCommand(ann, general, "community", sub("create", str("name", "Testers")))
	if cb := w.run(t, i); !strings.Contains(cb.Content, "Created the community Testers") {
		t.Fatalf("first delivery: %q", cb.Content)
	}
	if err := w.fs.Interact(i); err != nil {
		t.Fatal(err)
	}
	cb := w.command(t, sam, "community", sub("list"), "Testers")
	if strings.Count(cb.Content, "Testers") != 1 {
		t.Errorf("/community list after a redelivery: %q, want Testers once", cb.Content)
	}
	if n := len(w.fs.Calls(fakediscord.RouteCallback)); n != 2 {
		t.Errorf("%d callbacks, want 2: the first delivery's and the list's, none for the redelivery", n)
	}
}

// slow is a handler whose commands wait for release.
type slow struct {
	*recorder
	release chan struct{}
}

func (s slow) Handle(ctx context.Context, m bot.Message) *bot.Response {
	<-s.release
	return s.recorder.Handle(ctx, m)
}

// Work that takes longer than DeferAfter is deferred within Discord's
// three seconds, then the answer follows as an edit.
func TestSlowWorkIsDeferred(t *testing.T) {
	fs := fakediscord.New(fakediscord.Options{HeartbeatInterval: time.Second})
	defer fs.Close()
	fs.AddUser(ann, "ann")
	s, err := discord.NewSession("fake-token", fs.URL())
	if err != nil {
		t.Fatal(err)
	}
	h := slow{recorder: &recorder{rt: router(t)}, release: make(chan struct{})}
	a := &discord.Adapter{Session: s, AppID: fs.ApplicationID(), DeferAfter: 20 * time.Millisecond}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); a.Run(ctx, h) }()
	defer func() { cancel(); <-done }()
	if err := fs.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	i := fs.SlashCommand(ann, "", "help")
	if err := fs.Interact(i); err != nil {
		t.Fatal(err)
	}
	cb, err := fs.WaitResponse(ctx, i.ID)
	if err != nil || cb.Type != 5 || cb.Flags&64 == 0 {
		t.Fatalf("first answer = %+v, %v, want deferred, for its author alone", cb, err)
	}
	close(h.release)
	m, err := fs.WaitOriginal(ctx, i.ID, func(m fakediscord.Message) bool { return m.Content != "" })
	if err != nil || m.Content != "ran /help" {
		t.Fatalf("the answer after the work: %+v, %v, want the deferred answer edited", m, err)
	}
}

// The HTTP interactions endpoint against the fake's signer: a command is
// answered in the response, a forged one refused.
func TestHTTPInteractionsFromTheFake(t *testing.T) {
	fs := fakediscord.New(fakediscord.Options{})
	defer fs.Close()
	fs.AddUser(ann, "ann")
	s, err := discord.NewSession("fake-token", fs.URL())
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{rt: router(t)}
	ha := &discord.Endpoint{Adapter: &discord.Adapter{Session: s, AppID: fs.ApplicationID()}, PublicKey: fs.Signer().Key(), Now: time.Now}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	srv := httptest.NewServer(ha.Handler(ctx, rec))
	defer srv.Close()
	if got := fs.Commands(); len(got) == 0 {
		t.Errorf("the commands were not registered through REST at start")
	}
	resp, body, err := fs.Signer().Post(ctx, srv.URL, fs.SlashCommand(ann, "", "help"), time.Now())
	if err != nil || resp.StatusCode != 200 || !strings.Contains(string(body), "ran /help") {
		t.Fatalf("a signed command: %v %s, %v; want it answered", resp.StatusCode, body, err)
	}
	resp, _, err = fakediscord.NewSigner().Post(ctx, srv.URL, fs.SlashCommand(ann, "", "help"), time.Now())
	if err != nil || resp.StatusCode != 401 {
		t.Errorf("signed with another key: %v, %v; want 401", resp.StatusCode, err)
	}
	resp, _, err = fs.Signer().Post(ctx, srv.URL, fs.SlashCommand(ann, "", "help"), time.Now().Add(-10*time.Minute))
	if err != nil || resp.StatusCode != 401 {
		t.Errorf("ten minutes old: %v, %v; want 401", resp.StatusCode, err)
	}
	if len(rec.seen) != 1 {
		t.Errorf("the bot ran %d commands, want 1", len(rec.seen))
	}
}
