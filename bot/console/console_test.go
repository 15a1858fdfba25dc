package console_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// wait bounds how long a test waits for Run to return.
const wait = 10 * time.Second

// newBot returns a real bot on a fresh SQLite database with a pinned clock.
func newBot(t *testing.T) *bot.Bot {
	t.Helper()
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "g.db"))
	db.Now = guild.FixedClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	if err := db.Open(); err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	users := sqlite.NewUserService(db)
	return bot.New(bot.Services{Users: users, Communities: sqlite.NewCommunityService(db)}, db.Now, nil)
}

// run runs a on h until Run returns, and returns Run's error. It fails the
// test if Run does not return in time.
func run(t *testing.T, ctx context.Context, a *console.Adapter, h bot.Handler) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, h) }()
	select {
	case err := <-done:
		return err
	case <-time.After(wait):
		t.Fatalf("Run did not return within %v", wait)
		return nil
	}
}

// session feeds input to a console adapter acting as alice and returns
// what it printed.
func session(t *testing.T, b *bot.Bot, input string) (string, *console.Adapter) {
	t.Helper()
	var out bytes.Buffer
	a := &console.Adapter{In: strings.NewReader(input), Out: &out, User: "alice"}
	if err := run(t, context.Background(), a, b); err != nil {
		t.Fatalf("Run: got error %v, want nil", err)
	}
	return out.String(), a
}

// ask runs one command on b directly, as name, and returns the reply.
func ask(t *testing.T, b *bot.Bot, name, text string) string {
	t.Helper()
	return b.Handle(context.Background(), bot.Message{ID: "direct-" + text, From: console.Identity(name), Text: text}).Text
}

func TestReplyIsPrinted(t *testing.T) {
	b := newBot(t)
	out, _ := session(t, b, "/community create \"Qualité & Tests\" about=\"We test things\"\n")
	want := "✓ Created the community Qualité & Tests. You are its coordinator"
	if !strings.HasPrefix(out, want) {
		t.Errorf("got output %q, want it to start with %q", out, want)
	}
	if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") {
		t.Errorf("got output %q, want it to end with exactly one newline", out)
	}
	if list := ask(t, b, "alice", "/community list"); !strings.Contains(list, "Qualité & Tests · potential · 1 member · coordinator @alice · you're a member") {
		t.Errorf("after the session, /community list gives %q, want the community alice created", list)
	}
}

func TestAsSwitchesUserAndNoticesArePrinted(t *testing.T) {
	b := newBot(t)
	out, a := session(t, b, strings.Join([]string{
		`/community create "Qualité & Tests"`,
		"/as bob",
		`/community join "Qualité & Tests"`,
		"/community list",
	}, "\n")+"\n")

	if !strings.Contains(out, "You are now @bob.\n") {
		t.Errorf("got output\n%s\nwant it to confirm the switch to @bob", out)
	}
	reply := "✓ Welcome to Qualité & Tests! It has 2 members now; @alice coordinates it.\n"
	notice := "→ @alice (direct message):\n    @bob joined Qualité & Tests, which now has 2 members.\n"
	ri, ni := strings.Index(out, reply), strings.Index(out, notice)
	if ri < 0 {
		t.Errorf("got output\n%s\nwant bob's reply %q", out, reply)
	}
	if ni < 0 {
		t.Errorf("got output\n%s\nwant the direct message to alice %q", out, notice)
	}
	if ri >= 0 && ni >= 0 && ni < ri {
		t.Errorf("got the notice before the reply, want the reply first:\n%s", out)
	}
	// The list after the join runs as bob, who is now a member.
	if !strings.Contains(out, "coordinator @alice · you're a member") {
		t.Errorf("got output\n%s\nwant /community list, run as bob, to mark the community as his", out)
	}
	if a.User != "bob" {
		t.Errorf("got a.User %q after the session, want %q", a.User, "bob")
	}
	// bob was stored as a separate user, and is a member.
	if show := ask(t, b, "alice", `/community show "Qualité & Tests"`); !strings.Contains(show, "@bob") {
		t.Errorf("alice's /community show gives\n%s\nwant @bob among the members", show)
	}
}

func TestAs(t *testing.T) {
	long := strings.Repeat("x", guild.MaxName+1)
	tests := []struct {
		name     string
		line     string
		wantOut  string
		wantUser string
	}{
		{"switch", "/as bob", "You are now @bob.\n", "bob"},
		{"at sign and case", "/AS @Bob", "You are now @Bob.\n", "Bob"},
		{"spaces collapse", "/as   carol    smith  ", "You are now @carol smith.\n", "carol smith"},
		{"empty", "/as", "✗ name must not be empty. Usage: /as NAME (you are @alice)\n", "alice"},
		{"only spaces", "/as    ", "✗ name must not be empty. Usage: /as NAME (you are @alice)\n", "alice"},
		{"only an at sign", "/as @", "✗ name must not be empty. Usage: /as NAME (you are @alice)\n", "alice"},
		{"too long", "/as " + long, fmt.Sprintf("✗ name is %d characters long; the limit is %d. Usage: /as NAME (you are @alice)\n", guild.MaxName+1, guild.MaxName), "alice"},
		{"control character", "/as bo\x07b", "✗ name contains a control character (U+0007); please remove it. Usage: /as NAME (you are @alice)\n", "alice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBot(t)
			out, a := session(t, b, tt.line+"\n/profile\n")
			if !strings.HasPrefix(out, tt.wantOut) {
				t.Errorf("got output\n%s\nwant it to start with %q", out, tt.wantOut)
			}
			if a.User != tt.wantUser {
				t.Errorf("got a.User %q, want %q", a.User, tt.wantUser)
			}
			// The next command runs as the acting user.
			if want := "name:        " + tt.wantUser + "\n"; !strings.Contains(out, want) {
				t.Errorf("got output\n%s\nwant /profile to show %q", out, want)
			}
		})
	}
}

func TestQuitStopsReading(t *testing.T) {
	for _, quit := range []string{"/quit", "/exit", "/QUIT", "  /quit  "} {
		t.Run(quit, func(t *testing.T) {
			b := newBot(t)
			out, _ := session(t, b, "/profile\n"+quit+"\n/community create Late\n/as bob\n")
			if !strings.HasPrefix(out, "Your profile:") {
				t.Errorf("got output %q, want the reply to the line before %s", out, quit)
			}
			for _, after := range []string{"Late", "You are now"} {
				if strings.Contains(out, after) {
					t.Errorf("got output\n%s\nwant nothing from the lines after %s", out, quit)
				}
			}
			if list := ask(t, b, "alice", "/community list"); !strings.HasPrefix(list, "There are no communities yet.") {
				t.Errorf("/community list after the session gives %q, want no communities: the line after %s must not run", list, quit)
			}
		})
	}
}

func TestEOFEndsRun(t *testing.T) {
	b := newBot(t)
	// The last line has no newline; it still runs.
	out, _ := session(t, b, "/community create Testers\n/community list")
	if !strings.Contains(out, "1 community:") {
		t.Errorf("got output\n%s\nwant the reply to the last, unterminated line", out)
	}
	if out, _ := session(t, b, ""); out != "" {
		t.Errorf("empty input: got output %q, want none", out)
	}
}

func TestBlankLinesIgnored(t *testing.T) {
	b := newBot(t)
	out, _ := session(t, b, "\n   \n\t\n/profile\n\n \r\n")
	want := ask(t, b, "alice", "/profile") + "\n"
	if out != want {
		t.Errorf("got output %q, want only the reply to /profile %q", out, want)
	}
}

func TestRefusalIsPrinted(t *testing.T) {
	b := newBot(t)
	out, _ := session(t, b, "/community join Nowhere\n/community frobnicate\n/profile\n")
	if !strings.HasPrefix(out, "✗ ") {
		t.Errorf("got output\n%s\nwant it to start with a ✗ refusal", out)
	}
	if !strings.Contains(out, "You typed: /community join Nowhere\n") {
		t.Errorf("got output\n%s\nwant the refused command echoed back", out)
	}
	if n := strings.Count(out, "✗ "); n != 2 {
		t.Errorf("got %d refusals in\n%s\nwant 2", n, out)
	}
	if !strings.Contains(out, "Usage:\n  /community create") {
		t.Errorf("got output\n%s\nwant the wrong sub-command to list the group's usages", out)
	}
	if !strings.Contains(out, "Your profile:") {
		t.Errorf("got output\n%s\nwant the session to go on after a refusal", out)
	}
}

func TestOverLongLineIsRefused(t *testing.T) {
	b := newBot(t)
	out, _ := session(t, b, "/community create "+strings.Repeat("x", bot.MaxLine)+"\n/profile\n")
	want := fmt.Sprintf("✗ The command is %d characters long; the limit is %d.", len("/community create ")+bot.MaxLine, bot.MaxLine)
	if !strings.HasPrefix(out, want) {
		t.Errorf("got output starting %.200q, want it to start with %q", out, want)
	}
	if !strings.Contains(out, "Your profile:") {
		t.Errorf("got output ending %q, want the session to go on", out[max(0, len(out)-300):])
	}
}

func TestReadErrorIsReturned(t *testing.T) {
	boom := errors.New("boom")
	a := &console.Adapter{In: iotest.ErrReader(boom), Out: io.Discard, User: "alice"}
	err := run(t, context.Background(), a, newBot(t))
	if !errors.Is(err, boom) {
		t.Errorf("got error %v, want one wrapping %v", err, boom)
	}
}

func TestPrompt(t *testing.T) {
	b := newBot(t)
	var out bytes.Buffer
	a := &console.Adapter{In: strings.NewReader("/as bob\n/profile\n"), Out: &out, User: "alice", Prompt: true, Database: "g.db"}
	if err := run(t, context.Background(), a, b); err != nil {
		t.Fatalf("Run: got error %v, want nil", err)
	}
	welcome, err := templates.Render("welcome", templates.Welcome{User: &guild.User{Name: "alice"}, Database: "g.db"})
	if err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if want := welcome + "\n\nalice> You are now @bob.\nbob> Your profile:"; !strings.HasPrefix(got, want) {
		t.Errorf("got output\n%s\nwant it to start with\n%s", got, want)
	}
	if !strings.Contains(got, "the database is g.db.") {
		t.Errorf("got output\n%s\nwant the welcome to name the database", got)
	}
	// After a reply, a blank line and the next prompt.
	if !strings.HasSuffix(got, "\n\nbob> ") {
		t.Errorf("got output ending %q, want a blank line and the prompt %q", got[max(0, len(got)-40):], "bob> ")
	}
}

func TestNoPromptWithoutPrompt(t *testing.T) {
	b := newBot(t)
	out, _ := session(t, b, "/profile\n")
	if strings.Contains(out, "alice> ") || strings.Contains(out, "guildhall, on the console") {
		t.Errorf("got output\n%s\nwant no welcome and no prompt when Prompt is false", out)
	}
}

// signalWriter is a writer safe for concurrent use that signals each write.
type signalWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	wrote chan struct{}
}

func newSignalWriter() *signalWriter { return &signalWriter{wrote: make(chan struct{}, 1)} }

func (w *signalWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	select {
	case w.wrote <- struct{}{}:
	default:
	}
	return n, err
}

func (w *signalWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// waitFor blocks until the output contains s.
func (w *signalWriter) waitFor(t *testing.T, s string) {
	t.Helper()
	timeout := time.After(wait)
	for !strings.Contains(w.String(), s) {
		select {
		case <-w.wrote:
		case <-timeout:
			t.Fatalf("got output %q, want it to contain %q within %v", w.String(), s, wait)
		}
	}
}

func TestCancelReturnsPromptly(t *testing.T) {
	b := newBot(t)
	pr, pw := io.Pipe()
	// Unblock the adapter's reading goroutine when the test ends.
	t.Cleanup(func() { pw.Close() })
	out := newSignalWriter()
	a := &console.Adapter{In: pr, Out: out, User: "alice", Prompt: true}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, b) }()

	// Run is waiting for a line once it has printed the prompt.
	out.waitFor(t, "alice> ")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after cancel: got error %v, want nil", err)
		}
	case <-time.After(wait):
		t.Fatalf("Run did not return within %v of the context being cancelled", wait)
	}
}

func TestCancelledBeforeRun(t *testing.T) {
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	a := &console.Adapter{In: pr, Out: &out, User: "alice"}
	if err := run(t, ctx, a, newBot(t)); err != nil {
		t.Errorf("Run with a cancelled context: got error %v, want nil", err)
	}
	if out.Len() != 0 {
		t.Errorf("got output %q, want none", out.String())
	}
}

// recorder is a handler that records the messages it gets and answers
// each with a fixed response.
type recorder struct {
	mu   sync.Mutex
	msgs []bot.Message
	resp bot.Response
}

func (r *recorder) Handle(ctx context.Context, m bot.Message) *bot.Response {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	resp := r.resp
	return &resp
}

func TestMessagesAndNotices(t *testing.T) {
	h := &recorder{resp: bot.Response{Text: "ok", Notices: []bot.Notice{
		{To: bot.Recipient{User: &guild.User{Name: "alice"}}, Text: "for alice\nline two"},
		{To: bot.Recipient{Channel: "general"}, Text: "for everyone"},
	}}}
	var out bytes.Buffer
	a := &console.Adapter{In: strings.NewReader("  /one  \n/as Bob  Smith\n/two\n"), Out: &out, User: "alice"}
	if err := run(t, context.Background(), a, h); err != nil {
		t.Fatalf("Run: got error %v, want nil", err)
	}
	if len(h.msgs) != 2 {
		t.Fatalf("got %d messages handled, want 2 (/as is the console's own)", len(h.msgs))
	}
	tests := []struct {
		text, user string
	}{{"/one", "alice"}, {"/two", "Bob Smith"}}
	ids := map[string]bool{}
	for i, tt := range tests {
		m := h.msgs[i]
		if m.Text != tt.text {
			t.Errorf("message %d: got text %q, want %q", i, m.Text, tt.text)
		}
		if want := console.Identity(tt.user); m.From != want {
			t.Errorf("message %d: got from %+v, want %+v", i, m.From, want)
		}
		if m.ID == "" || ids[m.ID] {
			t.Errorf("message %d: got id %q, want a fresh non-empty one", i, m.ID)
		}
		ids[m.ID] = true
		if m.Channel != "" || m.Forms {
			t.Errorf("message %d: got channel %q and forms %v, want none: the console has neither", i, m.Channel, m.Forms)
		}
	}
	block := "ok\n→ @alice (direct message):\n    for alice\n    line two\n→ #general (channel post):\n    for everyone\n"
	if want := block + "You are now @Bob Smith.\n" + block; out.String() != want {
		t.Errorf("got output\n%s\nwant\n%s", out.String(), want)
	}
}

func TestFormatNotice(t *testing.T) {
	tests := []struct {
		name string
		to   bot.Recipient
		text string
		want string
	}{
		{"user", bot.Recipient{User: &guild.User{Name: "alice"}}, "@bob joined Testers.",
			"→ @alice (direct message):\n    @bob joined Testers.\n"},
		{"user, several lines", bot.Recipient{User: &guild.User{Name: "chloé"}}, "line one\nline two\n\nline four",
			"→ @chloé (direct message):\n    line one\n    line two\n    \n    line four\n"},
		{"channel", bot.Recipient{Channel: "general"}, "The schedule is out.",
			"→ #general (channel post):\n    The schedule is out.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := console.FormatNotice(tt.to, tt.text); got != tt.want {
				t.Errorf("FormatNotice(%v, %q) = %q, want %q", tt.to, tt.text, got, tt.want)
			}
		})
	}
}

// TestSendConcurrently checks that direct messages and channel posts sent
// from other goroutines (reminders, say) are printed whole.
func TestSendConcurrently(t *testing.T) {
	out := newSignalWriter()
	a := &console.Adapter{Out: out, User: "alice"}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 20 {
		wg.Go(func() {
			errs <- a.SendDirect(context.Background(), &guild.User{Name: fmt.Sprintf("u%d", i)}, fmt.Sprintf("hello %d\nsecond line %d", i, i))
			errs <- a.PostChannel(context.Background(), fmt.Sprintf("c%d", i), fmt.Sprintf("post %d", i))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("got error %v, want nil", err)
		}
	}
	got := out.String()
	for i := range 20 {
		for _, want := range []string{
			fmt.Sprintf("→ @u%d (direct message):\n    hello %d\n    second line %d\n", i, i, i),
			fmt.Sprintf("→ #c%d (channel post):\n    post %d\n", i, i),
		} {
			if !strings.Contains(got, want) {
				t.Errorf("got output without %q, want every message whole", want)
			}
		}
	}
}

func TestIdentity(t *testing.T) {
	tests := []struct {
		in, name, id string
	}{
		{"alice", "alice", "alice"},
		{"Alice", "Alice", "alice"},
		{"  Bob   Smith ", "Bob Smith", "bob smith"},
		{"Chloé", "Chloé", "chloé"},
	}
	for _, tt := range tests {
		got := console.Identity(tt.in)
		want := guild.User{Platform: guild.PlatformConsole, PlatformID: tt.id, Name: tt.name}
		if got != want {
			t.Errorf("Identity(%q) = %+v, want %+v", tt.in, got, want)
		}
	}
	if got, want := (&console.Adapter{}).Name(), guild.PlatformConsole; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
}

// A pasted line far longer than any command is refused, and the session
// carries on with the next line.
func TestRunawayLineIsRefusedNotFatal(t *testing.T) {
	for _, r := range []string{"a", "é", "😀"} {
		b := newBot(t)
		in := "/community create " + strings.Repeat(r, 200000) + "\n/community list\n"
		var out bytes.Buffer
		a := &console.Adapter{In: strings.NewReader(in), Out: &out, User: "alice"}
		if err := a.Run(context.Background(), b); err != nil {
			t.Fatalf("%q line: Run = %v, want nil", r, err)
		}
		if got := out.String(); !strings.Contains(got, "the limit is 20000") || !strings.Contains(got, "There are no communities yet") {
			t.Errorf("%q line: output %.300q…, want a refusal naming the limit and then the list", r, got)
		}
	}
}
