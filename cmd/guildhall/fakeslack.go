package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/guildhall/guildhall/bot/slack/fakeslack"
)

const fakeslackUsage = `guildhall fakeslack runs a stand-in of Slack on this machine, for demos and tests.

It prints the environment that points guildhall at it; start 'guildhall serve' with it in another
terminal. Then type lines here as a Slack user would:

  @ann /community create Testers
  @sam /cfp mine
  @ann press Confirm          (presses that button in @ann's latest direct message offering it)

Replies (visible to their author) and direct messages are printed as they arrive.
  --users "ann,sam,olga"   the workspace's members (default ann, sam, olga)`

// runFakeslack runs fakeslack until the input ends or ctx is done.
func runFakeslack(ctx context.Context, cfg *config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := cfg.flagSet("fakeslack", stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, fakeslackUsage) }
	users := fs.String("users", "ann,sam,olga", "the workspace's members")
	if err := fs.Parse(args); err != nil {
		return usagef("fakeslack: %v", err)
	}
	out := &syncWriter{w: stdout}
	var ids map[string]string
	names := map[string]string{}
	srv := fakeslack.New(fakeslack.Options{ChannelRate: 1, ChannelBurst: 3, OnMessage: func(m fakeslack.Message) {
		to := m.Channel
		if strings.HasPrefix(to, "D") {
			to = "@" + names["U"+to[1:]]
		}
		buttons := ""
		for _, l := range buttonLabels(m) {
			buttons += " [" + l + "]"
		}
		if buttons != "" {
			buttons = "\n    buttons:" + buttons
		}
		fmt.Fprintf(out, "→ %s (Slack):\n    %s%s\n", to, strings.ReplaceAll(m.Text, "\n", "\n    "), buttons)
	}})
	defer srv.Close()
	ids = map[string]string{}
	for i, n := range strings.Split(*users, ",") {
		if n = strings.TrimSpace(n); n != "" {
			id := fmt.Sprintf("U%03d", i+1)
			srv.AddUser(id, n, "")
			ids[n], names[id] = id, n
		}
	}
	fmt.Fprintf(out, "fakeslack is running. In another terminal:\n\n  SLACK_API_URL=%s SLACK_BOT_TOKEN=xoxb-fake SLACK_APP_TOKEN=xapp-fake guildhall serve\n\nthen type lines such as: @%s /community list\n",
		srv.URL(), first(strings.Split(*users, ",")))
	wait, stop := context.WithTimeout(ctx, 10*time.Minute)
	defer stop()
	if err := srv.WaitConnected(wait); err != nil {
		return err
	}
	fmt.Fprintln(out, "guildhall connected over Socket Mode.")
	sc := bufio.NewScanner(stdin)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		who, rest, _ := strings.Cut(line, " ")
		id := ids[strings.TrimPrefix(who, "@")]
		cmd, text, _ := strings.Cut(strings.TrimSpace(rest), " ")
		var responseURL string
		switch {
		case id != "" && cmd == "press":
			p, err := pressLatest(srv, id, strings.TrimSpace(text))
			if err != nil {
				fmt.Fprintf(out, "%v\n", err)
				continue
			}
			if _, err := srv.Send("interactive", p); err != nil {
				fmt.Fprintf(out, "fakeslack: %v\n", err)
				continue
			}
			responseURL = p["response_url"].(string)
		case id != "" && strings.HasPrefix(cmd, "/"):
			sc := srv.SlashCommand(id, "C001", cmd, text)
			if _, err := srv.Send("slash_commands", sc); err != nil {
				fmt.Fprintf(out, "fakeslack: %v\n", err)
				continue
			}
			responseURL = sc.ResponseURL
		default:
			fmt.Fprintf(out, "Type @NAME /command ... or @NAME press LABEL, NAME one of %s.\n", *users)
			continue
		}
		r, err := srv.WaitResponse(wait, responseURL)
		if err != nil {
			fmt.Fprintf(out, "fakeslack: %v\n", err)
			continue
		}
		fmt.Fprintf(out, "%s (only you can see this):\n    %s\n", who, strings.ReplaceAll(r.Text, "\n", "\n    "))
	}
	return sc.Err()
}

// syncWriter serialises writes from several goroutines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// pressLatest presses the button labelled label in user's latest direct
// message that offers it.
func pressLatest(srv *fakeslack.Server, user, label string) (map[string]any, error) {
	ms := srv.Messages(user)
	for i := len(ms) - 1; i >= 0; i-- {
		if p, err := srv.Press(user, ms[i], label); err == nil {
			return p, nil
		}
	}
	return nil, fmt.Errorf("no direct message to that user offers a %q button", label)
}

// buttonLabels lists the labels of a message's buttons.
func buttonLabels(m fakeslack.Message) []string {
	var blocks []struct {
		Elements []struct {
			Type string `json:"type"`
			Text struct {
				Text string `json:"text"`
			} `json:"text"`
		} `json:"elements"`
	}
	json.Unmarshal(m.Blocks, &blocks)
	var out []string
	for _, b := range blocks {
		for _, e := range b.Elements {
			if e.Type == "button" {
				out = append(out, e.Text.Text)
			}
		}
	}
	return out
}
