package main_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bin is the guildhall binary built once for these tests.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "guildhall-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "guildhall")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building guildhall:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli runs the guildhall binary against one database with the clock pinned.
type cli struct {
	t   *testing.T
	db  string
	env []string
}

func newCLI(t *testing.T, env ...string) *cli {
	return &cli{t: t, db: filepath.Join(t.TempDir(), "guildhall.db"), env: env}
}

// run runs guildhall with args and returns stdout, stderr and the exit code.
func (c *cli) run(stdin string, args ...string) (string, string, int) {
	c.t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"GUILDHALL_DB=" + c.db, "GUILDHALL_NOW=2026-11-24T09:00:00Z", "GUILDHALL_WEB=off", "PATH=" + os.Getenv("PATH"), "HOME=" + c.t.TempDir()}, c.env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return out.String(), errb.String(), 0
	case errors.As(err, &ee):
		return out.String(), errb.String(), ee.ExitCode()
	default:
		c.t.Fatalf("guildhall %v: %v", args, err)
		return "", "", -1
	}
}

// killMidway starts guildhall tick with env(now), kills it with SIGKILL
// once enough is closed (what says what was awaited), restarts it with
// env two minutes later, after the dead runner's lease, and returns the
// restart's output.
func killMidway(t *testing.T, env func(time.Time) []string, now time.Time, enough <-chan struct{}, what string) string {
	t.Helper()
	first := exec.Command(bin, "tick")
	first.Env = env(now)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-enough:
	case <-time.After(60 * time.Second):
		first.Process.Kill()
		t.Fatalf("the fake saw fewer than %s in a minute", what)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	start := time.Now()
	restart := exec.Command(bin, "tick")
	restart.Env = env(now.Add(2 * time.Minute))
	out, err := restart.CombinedOutput()
	if err != nil {
		t.Fatalf("restarted tick: %v\n%s", err, out)
	}
	t.Logf("restart took %s: %s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(string(out)))
	return string(out)
}

// chat runs one command as user and checks the exit code and output.
func (c *cli) chat(user, line string, wantCode int, wants ...string) string {
	c.t.Helper()
	out, errOut, code := c.run("", "chat", "--user", user, line)
	if code != wantCode {
		c.t.Fatalf("guildhall chat --user %s %q: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", user, line, code, wantCode, out, errOut)
	}
	for _, w := range wants {
		if !strings.Contains(out, w) {
			c.t.Errorf("guildhall chat --user %s %q:\n%s\nwant it to contain %q", user, line, out, w)
		}
	}
	return out
}

func TestCommunityLifeThroughChat(t *testing.T) {
	c := newCLI(t, "GUILDHALL_ORGANISERS=olga")
	if out, errOut, code := c.run("", "organisers", "add", "Priya"); code != 0 || !strings.Contains(out, "Priya is an organiser") {
		t.Fatalf("organisers add: exit %d\n%s%s", code, out, errOut)
	}
	out, _, _ := c.run("", "organisers", "list")
	for _, want := range []string{"priya", "olga (from GUILDHALL_ORGANISERS)"} {
		if !strings.Contains(out, want) {
			t.Errorf("organisers list:\n%s\nwant %q", out, want)
		}
	}

	c.chat("alice", "/profile department=QA role=tester tz=Europe/London", 0, "Profile saved")
	c.chat("alice", `/community create "Test Automation" about="People who automate their tests"`, 0,
		"Created the community Test Automation", "coordinator")
	c.chat("alice", `/community charter "Test Automation" why="Share what works" who="Anyone who writes tests" vision="Fast, trusted feedback" goals="fixture library; flaky-test clinic" principles="be kind; show, don't tell"`, 0,
		"Saved the charter", "[ ] fixture library", "[ ] flaky-test clinic")
	c.chat("alice", `/community meet "Test Automation" every="0 12 * * TUE" tz=Europe/Paris`, 0, "Tue 24 Nov 2026, 11:00 GMT")

	// Members join; the coordinator hears about it.
	c.chat("bob", "/profile department=Payments role=Tester tz=America/New_York", 0)
	c.chat("bob", "/community join Test Automation", 0, "Welcome to Test Automation", "→ @alice (direct message):", "@bob joined Test Automation")
	c.chat("carol", "/community join test automation", 0, "3 members")
	c.chat("carol", "/community join test automation", 1, "You are already a member")

	// Stage changes by the coordinator and an organiser; refused for a member.
	c.chat("alice", `/community stage "Test Automation" forming reason="charter written"`, 0, "moved from potential to forming")
	c.chat("bob", `/community stage "Test Automation" maturing`, 1,
		"Only its coordinator @alice or an organiser may change the stage of Test Automation", `You typed: /community stage "Test Automation" maturing`)
	c.chat("bob", `/community charter "Test Automation" why="mine"`, 1, "may change the charter")
	c.chat("bob", `/community stage "Test Automation" teenage`, 1, `"teenage" is not a stage`, "Usage: /community stage NAME STAGE")
	c.chat("priya", `/community stage "Test Automation" maturing reason="backlog under way"`, 0, "→ @alice (direct message):")
	c.chat("olga", `/community stage "Test Automation" self-sustaining`, 0, "moved from maturing to self-sustaining")

	out = c.chat("bob", "/community show Test Automation", 0,
		"Test Automation · self-sustaining stage · 3 members · coordinator @alice",
		"Why:        Share what works",
		"- show, don't tell",
		"[ ] flaky-test clinic",
		"Next, in your time zone (America/New_York):", "Tue 24 Nov 2026, 06:00 EST",
		"Who else does what you do (Tester):", "@alice · QA",
		"potential → forming by @alice: charter written",
		"forming → maturing by @priya: backlog under way",
		"maturing → self-sustaining by @olga",
	)
	if strings.Contains(out, "bob: mine") || strings.Contains(out, "Why:        mine") {
		t.Errorf("a refused charter change showed up:\n%s", out)
	}

	// Hand over, leave, end.
	c.chat("alice", "/community leave Test Automation", 1, "hand it over first")
	c.chat("alice", `/community coordinator "Test Automation" @carol`, 0, "@carol now coordinates Test Automation", "→ @carol (direct message):")
	c.chat("alice", "/community leave Test Automation", 0, "You have left Test Automation")
	c.chat("carol", `/community stage "Test Automation" ended reason="merged into Quality Guild"`, 0, "moved from self-sustaining to ended")
	c.chat("dave", "/community join Test Automation", 1, "has ended")
	c.chat("dave", "/community list", 0, "Test Automation · ended · 2 members · coordinator @carol")

	// Bad input: clear messages, non-zero exits, nothing lost.
	c.chat("dave", "/comunity list", 1, "Did you mean /community?", "You typed: /comunity list")
	c.chat("dave", `/community create "Unclosed`, 1, "never closed")
	c.chat("dave", `/community create Quality Guild about="The guild"`, 0, "Created the community Quality Guild")
}

func TestConsole(t *testing.T) {
	c := newCLI(t)
	in := strings.Join([]string{
		"/community create Architects",
		"/as bea",
		"/community join Architects",
		"/community show architects",
		"/quit",
		"/community list",
	}, "\n")
	out, errOut, code := c.run(in, "--user", "ana")
	if code != 0 {
		t.Fatalf("console: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"Created the community Architects",
		"You are now @bea.",
		"Welcome to Architects",
		"→ @ana (direct message):\n    @bea joined Architects",
		"Architects · potential stage · 2 members · coordinator @ana",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("console output:\n%s\nwant %q", out, want)
		}
	}
	if strings.Contains(out, "1 community:") {
		t.Errorf("console ran a command after /quit:\n%s", out)
	}
}

func TestInvocationErrors(t *testing.T) {
	c := newCLI(t)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"chat", "--user", "a"}, 2, "chat needs a command"},
		{[]string{"--now", "yesterday", "chat", "/help"}, 2, "is not an RFC 3339 time"},
		{[]string{"organisers", "add"}, 2, "needs at least one NAME"},
		{[]string{"organisers", "remove", "nobody"}, 1, "not on the organiser list"},
		{[]string{"--nope"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		_, errOut, code := c.run("", tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("guildhall %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut, tt.code, tt.stderr)
		}
	}
	if out, _, code := c.run("", "help"); code != 0 || !strings.Contains(out, "guildhall chat") {
		t.Errorf("guildhall help: exit %d\n%s", code, out)
	}
}

func TestDatabaseFlagAndDefault(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(bin, "chat", "--user", "a", "/community create Here")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chat in %s: %v\n%s", dir, err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "guildhall.db")); err != nil {
		t.Errorf("default database: %v, want guildhall.db in the working directory", err)
	}
	other := filepath.Join(dir, "other.db")
	cmd = exec.Command(bin, "--db", other, "chat", "--user", "a", "/community list")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "no communities yet") {
		t.Errorf("--db %s: %v\n%s\nwant an empty database", other, err, out)
	}
}
