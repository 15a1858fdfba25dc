package fakeslack_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/guildhall/guildhall/bot/slack/fakeslack"
)

func newFake(t *testing.T, opts fakeslack.Options) (*fakeslack.Server, *slack.Client) {
	t.Helper()
	fs := fakeslack.New(opts)
	t.Cleanup(fs.Close)
	fs.AddUser("U1", "ann", "Europe/Paris")
	fs.AddUser("U2", "sam", "")
	return fs, slack.New("xoxb-test", slack.OptionAPIURL(fs.URL()), slack.OptionAppLevelToken("xapp-test"))
}

func TestWebAPI(t *testing.T) {
	fs, api := newFake(t, fakeslack.Options{})
	ctx := context.Background()
	u, err := api.GetUserInfoContext(ctx, "U1")
	if err != nil || u.Name != "ann" || u.TZ != "Europe/Paris" {
		t.Fatalf("users.info(U1) = %+v, %v, want ann in Europe/Paris", u, err)
	}
	if _, err := api.GetUserInfoContext(ctx, "U9"); err == nil || err.Error() != "user_not_found" {
		t.Errorf("users.info(U9) = %v, want user_not_found", err)
	}
	users, err := api.GetUsersContext(ctx)
	if err != nil || len(users) != 3 {
		t.Errorf("users.list = %d users, %v, want 3 (the bot, ann, sam)", len(users), err)
	}
	meta := slack.SlackMetadata{EventType: "guildhall_message", EventPayload: map[string]any{"key": "cfp:1:accepted:2"}}
	ch, ts, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("Your talk is in", false), slack.MsgOptionMetadata(meta))
	if err != nil || ch != "D1" || ts == "" {
		t.Fatalf("chat.postMessage(U1) = %q, %q, %v, want the DM D1 and a ts", ch, ts, err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, ch, ts, slack.MsgOptionText("Your talk is in!", false)); err != nil {
		t.Fatal(err)
	}
	h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: ch, IncludeAllMetadata: true})
	if err != nil || len(h.Messages) != 1 {
		t.Fatalf("conversations.history = %+v, %v, want one message", h, err)
	}
	if got := h.Messages[0].Metadata.EventPayload["key"]; got != "cfp:1:accepted:2" || h.Messages[0].Text != "Your talk is in!" {
		t.Errorf("history message = %q with key %v, want the edited text and key cfp:1:accepted:2", h.Messages[0].Text, got)
	}
	if got := fs.Messages("U1"); len(got) != 1 || !got[0].Edited {
		t.Errorf("fake's record of D1 = %+v, want one edited message", got)
	}
	if _, err := slack.New("bad", slack.OptionAPIURL(fs.URL())).AuthTestContext(ctx); err == nil || err.Error() != "invalid_auth" {
		t.Errorf("auth.test with a bad token = %v, want invalid_auth", err)
	}
	if n := len(fs.Calls("chat.postMessage")); n != 1 {
		t.Errorf("recorded chat.postMessage calls = %d, want 1", n)
	}
}

func TestRateLimitAndFaults(t *testing.T) {
	fs, api := newFake(t, fakeslack.Options{ChannelRate: 1, ChannelBurst: 1})
	ctx := context.Background()
	if _, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("one", false)); err != nil {
		t.Fatal(err)
	}
	_, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("two", false))
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter < time.Second {
		t.Fatalf("a second message within the second = %v, want a 429 with Retry-After of at least 1s", err)
	}
	if _, _, err := api.PostMessageContext(ctx, "U2", slack.MsgOptionText("other channel", false)); err != nil {
		t.Errorf("another channel is limited separately, got %v", err)
	}
	fs.Fail("users.info", 1, fakeslack.Fault{Status: http.StatusInternalServerError, Body: map[string]any{"ok": false, "error": "fatal_error"}})
	if _, err := api.GetUserInfoContext(ctx, "U1"); err == nil {
		t.Error("users.info after an injected 500 succeeded, want an error")
	}
	if _, err := api.GetUserInfoContext(ctx, "U1"); err != nil {
		t.Errorf("users.info after the fault = %v, want success", err)
	}
}

func TestSocketMode(t *testing.T) {
	fs, api := newFake(t, fakeslack.Options{PingInterval: 50 * time.Millisecond})
	client := socketmode.New(api)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go client.RunContext(ctx)
	wait, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	if err := fs.WaitConnected(wait); err != nil {
		t.Fatal(err)
	}
	go func() {
		for ev := range client.Events {
			if ev.Type == socketmode.EventTypeSlashCommand {
				cmd := ev.Data.(slack.SlashCommand)
				client.Ack(*ev.Request, map[string]any{"text": "got " + cmd.Text})
			}
		}
	}()
	id, err := fs.Send("slash_commands", fs.SlashCommand("U1", "D1", "/cfp", "mine"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := fs.WaitAck(wait, id)
	if err != nil || !bytes.Contains(p, []byte("got mine")) {
		t.Fatalf("ack = %s, %v, want the reply payload", p, err)
	}

	// A dropped websocket: the client reconnects.
	fs.DropSockets()
	if err := fs.WaitConnected(wait); err != nil {
		t.Fatalf("after a dropped websocket: %v", err)
	}
	id, err = fs.Send("slash_commands", fs.SlashCommand("U1", "D1", "/cfp", "list"))
	if err != nil {
		t.Fatal(err)
	}
	if p, err := fs.WaitAck(wait, id); err != nil || !bytes.Contains(p, []byte("got list")) {
		t.Fatalf("ack after reconnecting = %s, %v", p, err)
	}
}

func TestSignerVerifies(t *testing.T) {
	var verified error
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := slack.NewSecretsVerifier(r.Header, "s3cret")
		if err == nil {
			body, _ := io.ReadAll(r.Body)
			v.Write(body)
			err = v.Ensure()
		}
		verified = err
	}))
	defer srv.Close()
	resp, err := fakeslack.Signer{Secret: "s3cret"}.Event(srv.URL, map[string]any{"type": "url_verification", "challenge": "c"})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if verified != nil {
		t.Errorf("slack-go's verifier refused the fake's signature: %v", verified)
	}
}
