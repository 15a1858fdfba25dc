package main_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// consoleWeb is a console bot running with its web pages on a free port.
type consoleWeb struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *strings.Builder
	lines  chan string
	// base is the pages' address, such as http://127.0.0.1:41234.
	base string
}

// startConsoleWeb runs the console bot as user on c's database with --web
// on a free port, and reads the pages' address from stderr.
func startConsoleWeb(t *testing.T, c *cli, user string) *consoleWeb {
	t.Helper()
	w := &consoleWeb{t: t, cmd: exec.Command(bin, "--user", user, "--web", "127.0.0.1:0"), stdout: &strings.Builder{}, lines: make(chan string, 16)}
	w.cmd.Env = append([]string{"GUILDHALL_DB=" + c.db, "GUILDHALL_NOW=2026-11-24T09:00:00Z", "PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, c.env...)
	w.cmd.Env = append(w.cmd.Env, "GUILDHALL_WEB=") // --web decides
	var err error
	if w.stdin, err = w.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stderr, err := w.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	w.cmd.Stdout = w.stdout
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.cmd.Process.Kill() })
	go func() {
		defer close(w.lines)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
	}()
	addr := regexp.MustCompile(`schedule pages at (http://127\.0\.0\.1:\d+)/events/NAME/`)
	timeout := time.After(30 * time.Second)
	for w.base == "" {
		select {
		case l, ok := <-w.lines:
			if !ok {
				t.Fatalf("got stderr closed before the pages' address, want %s", addr)
			}
			if m := addr.FindStringSubmatch(l); m != nil {
				w.base = m[1]
			}
		case <-timeout:
			t.Fatalf("got no line matching %s on stderr within 30s", addr)
		}
	}
	return w
}

// get fetches path from the pages and returns the status, content type
// and body.
func (w *consoleWeb) get(path string) (int, string, string) {
	w.t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(w.base + path)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

// stop types input into the console, closes it and waits for the bot to
// exit; it returns what the console printed and fails on anything more
// on stderr.
func (w *consoleWeb) stop(input string) string {
	w.t.Helper()
	io.WriteString(w.stdin, input)
	w.stdin.Close()
	if err := w.cmd.Wait(); err != nil {
		w.t.Fatalf("console: %v\n%s", err, w.stdout.String())
	}
	for l := range w.lines {
		w.t.Errorf("got stderr line %q after the address, want none", l)
	}
	return w.stdout.String()
}

// TestConsoleServesWebPages runs the console bot with --web on a free
// port, reads the pages' address from stderr, and fetches a page while the
// console waits for input.
func TestConsoleServesWebPages(t *testing.T) {
	w := startConsoleWeb(t, newCLI(t), "ana")
	status, _, body := w.get("/events/Dev%20Day/")
	if status != 404 || !strings.Contains(body, "Dev Day") {
		t.Errorf("GET /events/Dev%%20Day/: got status %d and\n%s\nwant 404 naming Dev Day", status, body)
	}
	out := w.stop("/community create Architects\n")
	if !strings.Contains(out, "Created the community Architects") {
		t.Errorf("got console output\n%s\nwant the community created", out)
	}
	if strings.Contains(out, "schedule pages") {
		t.Errorf("got the pages' address in the conversation:\n%s\nwant it on stderr only", out)
	}
}

// TestWebPortInUse checks that a port already taken leaves the bot
// working, with the failure logged.
func TestWebPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c := newCLI(t, "GUILDHALL_WEB="+ln.Addr().String())
	out, errOut, code := c.run("/community create Architects\n", "--user", "ana")
	if code != 0 || !strings.Contains(out, "Created the community Architects") {
		t.Fatalf("console with the web port taken: exit %d\n%s\n%s\nwant exit 0 and the community created", code, out, errOut)
	}
	if !strings.Contains(errOut, "web pages are not served") || !strings.Contains(errOut, ln.Addr().String()) {
		t.Errorf("got stderr %q, want the failure to serve on %s logged", errOut, ln.Addr())
	}
}

func TestWebFlag(t *testing.T) {
	c := newCLI(t)
	tests := []struct {
		args       []string
		code       int
		wantStderr string
		noStderr   string
	}{
		{[]string{"--web", "nonsense"}, 2, `--web "nonsense" is not HOST:PORT`, ""},
		{[]string{"--web", "off"}, 0, "", "schedule pages"},
		// chat and tick serve nothing, whatever --web says.
		{[]string{"--web", "127.0.0.1:0", "chat", "--user", "a", "/help"}, 0, "", "schedule pages"},
		{[]string{"--web", "127.0.0.1:0", "tick"}, 0, "", "schedule pages"},
	}
	for _, tt := range tests {
		_, errOut, code := c.run("", tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.wantStderr) || (tt.noStderr != "" && strings.Contains(errOut, tt.noStderr)) {
			t.Errorf("guildhall %v: got exit %d and stderr %q; want exit %d, %q and not %q", tt.args, code, errOut, tt.code, tt.wantStderr, tt.noStderr)
		}
	}
}
