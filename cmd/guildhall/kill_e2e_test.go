package main_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// seedOutbox queues n messages to 50 console users in the database at
// path, due at now, and returns their keys.
func seedOutbox(t *testing.T, path string, now time.Time, n int) map[string]bool {
	t.Helper()
	db := sqlite.NewDB(path)
	db.Now = guild.FixedClock(now)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	users := sqlite.NewUserService(db)
	var to []*guild.User
	for i := range 50 {
		name := fmt.Sprintf("member%d", i)
		u, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformConsole, PlatformID: guild.ConsoleID(name), Name: name})
		if err != nil {
			t.Fatal(err)
		}
		to = append(to, u)
	}
	keys := map[string]bool{}
	var ms []*remind.Message
	for i := range n {
		k := fmt.Sprintf("announce:%d", i)
		keys[k] = true
		ms = append(ms, &remind.Message{Key: k, Kind: "test", To: to[i%len(to)], Body: fmt.Sprintf("Announcement %d", i), DueAt: now})
	}
	if err := sqlite.NewOutboxService(db, templates.Render).Queue(ctx, ms); err != nil {
		t.Fatal(err)
	}
	return keys
}

// TestTickKilledMidRunDeliversExactlyOnce starts guildhall tick over an
// outbox of 5,000 messages, kills it with SIGKILL once part of them are
// out, restarts it after the dead runner's lease has run out, and checks
// that every key reached the console's transcript exactly once.
func TestTickKilledMidRunDeliversExactlyOnce(t *testing.T) {
	const n = 5000
	c := newCLI(t)
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	keys := seedOutbox(t, c.db, now, n)
	transcript := filepath.Join(filepath.Dir(c.db), "transcript.jsonl")
	env := func(at time.Time) []string {
		return []string{"GUILDHALL_DB=" + c.db, "GUILDHALL_NOW=" + at.Format(time.RFC3339), "GUILDHALL_TRANSCRIPT=" + transcript, "PATH=" + os.Getenv("PATH")}
	}

	// The first run is killed once a fifth of the messages are printed.
	cmd := exec.Command(bin, "tick", "--quiet")
	cmd.Env = env(now)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	seen := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() && seen < n/5 {
		if strings.HasPrefix(sc.Text(), "→ ") {
			seen++
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	go func() { // drain, so the child is never blocked writing
		for sc.Scan() {
		}
	}()
	if err := cmd.Wait(); err == nil {
		t.Fatalf("guildhall tick finished before it was killed (%d messages seen); the test needs a larger outbox", seen)
	}
	before := readTranscript(t, transcript)
	if len(before) < n/5 || len(before) >= n {
		t.Fatalf("transcript after the kill has %d records, want at least %d and fewer than %d", len(before), n/5, n)
	}

	// The restart, after the killed runner's one-minute lease, delivers
	// the rest: the messages it had claimed are checked against the
	// transcript before they are sent again.
	restart := exec.Command(bin, "tick")
	restart.Env = env(now.Add(2 * time.Minute))
	var stderr strings.Builder
	restart.Stdout, restart.Stderr = nil, &stderr
	if err := restart.Run(); err != nil {
		t.Fatalf("restarted tick: %v\n%s", err, stderr.String())
	}
	t.Logf("killed after %d records; restart: %s", len(before), strings.TrimSpace(stderr.String()))

	count := map[string]int{}
	for _, r := range readTranscript(t, transcript) {
		count[r.Key]++
	}
	for k := range keys {
		if count[k] != 1 {
			t.Errorf("key %s delivered %d times, want exactly once", k, count[k])
		}
	}
	if len(count) != n {
		t.Errorf("transcript holds %d keys, want %d", len(count), n)
	}
	if o, _, _ := c.at(now.Add(2*time.Minute).Format(time.RFC3339)).run("", "outbox"); !strings.Contains(o, "The outbox is empty") {
		t.Errorf("guildhall outbox after the restart:\n%s\nwant it empty", o)
	}
}

func readTranscript(t *testing.T, path string) []console.Record {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := console.ReadTranscript(f)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// guildhall outbox lists what waits: a message for Slack, which this
// process does not run, stays pending and turns late.
func TestOutboxCommand(t *testing.T) {
	c := newCLI(t)
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	db := sqlite.NewDB(c.db)
	db.Now = guild.FixedClock(now)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	u, err := sqlite.NewUserService(db).Resolve(ctx, &guild.User{Platform: "slack", PlatformID: "U042", Name: "rita"})
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlite.NewOutboxService(db, templates.Render).Queue(ctx, []*remind.Message{
		{Key: "slack:hello", Kind: "test", To: u, Body: "Hello from the outbox", DueAt: now},
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	at := func(d time.Duration, args ...string) (string, int) {
		out, errOut, code := c.at(now.Add(d).Format(time.RFC3339)).run("", args...)
		return out + errOut, code
	}
	if out, _ := at(time.Minute, "tick"); !strings.Contains(out, "0 sent") {
		t.Errorf("tick with only a Slack message:\n%s\nwant nothing sent", out)
	}
	out, code := at(time.Minute, "outbox")
	if code != 0 || !strings.Contains(out, "pending") || !strings.Contains(out, "slack:hello") || !strings.Contains(out, "@rita") {
		t.Errorf("outbox a minute on (exit %d):\n%s\nwant slack:hello pending to @rita", code, out)
	}
	out, _ = at(time.Hour, "outbox", "--status", "late")
	if !strings.Contains(out, "late") || !strings.Contains(out, "slack:hello") {
		t.Errorf("outbox --status late an hour on:\n%s\nwant slack:hello late", out)
	}
	if out, _ := at(time.Hour, "outbox", "--status", "dead"); !strings.Contains(out, "The outbox is empty") {
		t.Errorf("outbox --status dead:\n%s\nwant empty", out)
	}
	if out, code := at(time.Hour, "outbox", "--status", "lost"); code != 2 || !strings.Contains(out, "takes pending, late or dead") {
		t.Errorf("outbox --status lost = exit %d:\n%s\nwant exit 2 naming the statuses", code, out)
	}
}
