package slack_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot/slack"
	"github.com/guildhall/guildhall/bot/slack/fakeslack"
	"github.com/guildhall/guildhall/pkg/community"
)

// httpWorld serves the bot's HTTP mode in front of the fake.
func httpWorld(t *testing.T) (*world, *httptest.Server, *slack.HTTP) {
	t.Helper()
	w := newWorld(t)
	h := &slack.HTTP{Adapter: &slack.Adapter{API: w.api}, Handler: w.bot, Verifier: &slack.Verifier{Secret: "s3cret", Now: time.Now}, Ctx: w.ctx}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	t.Cleanup(h.Wait)
	return w, srv, h
}

func TestHTTPModeRefusesForgedStaleAndReplayed(t *testing.T) {
	w, srv, h := httpWorld(t)
	endpoint := srv.URL + slack.Path
	cmd := w.fs.SlashCommand("U1", "C1", "/community", "create Forgers")
	form := url.Values{"command": {cmd.Command}, "text": {cmd.Text}, "user_id": {"U1"}, "user_name": {"ann"},
		"response_url": {cmd.ResponseURL}, "trigger_id": {cmd.TriggerID}}
	body := []byte(form.Encode())
	post := func(sig string, ts time.Time) int {
		req, _ := http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
		req.Header.Set("X-Slack-Signature", sig)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	now := time.Now()
	good := fakeslack.Signer{Secret: "s3cret"}
	tests := []struct {
		name string
		sig  string
		ts   time.Time
	}{
		{"forged", fakeslack.Signer{Secret: "guess"}.Sign(body, now), now},
		{"stale", good.Sign(body, now.Add(-6*time.Minute)), now.Add(-6 * time.Minute)},
		{"from the future", good.Sign(body, now.Add(6*time.Minute)), now.Add(6 * time.Minute)},
		{"unsigned", "", now},
	}
	for _, tt := range tests {
		if got := post(tt.sig, tt.ts); got != http.StatusUnauthorized {
			t.Errorf("%s request: status %d, want 401", tt.name, got)
		}
	}
	sig := good.Sign(body, now)
	if got := post(sig, now); got != http.StatusOK {
		t.Fatalf("signed request: status %d, want 200", got)
	}
	if got := post(sig, now); got != http.StatusUnauthorized {
		t.Errorf("the same request replayed: status %d, want 401", got)
	}
	h.Wait()
	wait, stop := context.WithTimeout(w.ctx, 10*time.Second)
	defer stop()
	r, err := w.fs.WaitResponse(wait, cmd.ResponseURL)
	if err != nil || !strings.Contains(r.Text, "Created the community Forgers") {
		t.Fatalf("reply = %+v, %v, want the community created once", r, err)
	}
	if n := len(w.fs.Responses(cmd.ResponseURL[strings.LastIndex(cmd.ResponseURL, "/"):])); n != 1 {
		t.Errorf("replies = %d, want 1: the refused requests changed nothing", n)
	}
	cs, _, err := w.bot.Communities.FindCommunities(w.ctx, community.Filter{})
	if err != nil || len(cs) != 1 {
		t.Errorf("communities = %d, %v, want 1", len(cs), err)
	}
}

func TestHTTPModeURLVerification(t *testing.T) {
	_, srv, _ := httpWorld(t)
	resp, err := fakeslack.Signer{Secret: "s3cret"}.Event(srv.URL+slack.Path, map[string]any{"type": "url_verification", "challenge": "abc123"})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	if resp.StatusCode != http.StatusOK || b.String() != "abc123" {
		t.Errorf("url_verification = %d %q, want 200 abc123", resp.StatusCode, b.String())
	}
}

// Slack retries an Events API delivery it thinks failed, signed afresh:
// the event is handled once, by its event_id.
func TestHTTPModeEventRetriedHandledOnce(t *testing.T) {
	w, srv, h := httpWorld(t)
	w.command(t, "U1", "/community", "create Testers")
	base := time.Now()
	for i := range 3 {
		at := base.Add(time.Duration(i) * time.Second)
		resp, err := fakeslack.Signer{Secret: "s3cret", Now: func() time.Time { return at }}.Event(srv.URL+slack.Path, appHomeOpened("Ev0RETRY", "U1"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("delivery %d: status %d, want 200", i+1, resp.StatusCode)
		}
	}
	h.Wait()
	if n := len(w.fs.Calls("views.publish")); n != 1 {
		t.Errorf("views.publish called %d times for one event delivered three times, want 1", n)
	}
}
