package fakediscord_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot/discord/fakediscord"
)

// post sends a message over plain HTTP and returns the answer's status,
// headers and body.
func post(t *testing.T, fs *fakediscord.Server, channelID, content string) (int, http.Header, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, fs.URL()+"/api/v9/channels/"+channelID+"/messages", strings.NewReader(`{"content":"`+content+`"}`))
	req.Header.Set("Authorization", "Bot "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var body map[string]any
	json.Unmarshal(raw, &body)
	return resp.StatusCode, resp.Header, body
}

func TestRateLimitHeadersAnd429(t *testing.T) {
	clk := newClock()
	fs := newFake(t, fakediscord.Options{Now: clk.Now, MessageRate: 5, MessageBurst: 5})
	var bucket string
	for n := 4; n >= 0; n-- {
		status, h, _ := post(t, fs, general, "hi")
		if status != 200 || h.Get("X-RateLimit-Limit") != "5" || h.Get("X-RateLimit-Remaining") != fmt.Sprint(n) ||
			h.Get("X-RateLimit-Reset-After") != fmt.Sprintf("%.3f", float64(5-n)/5) || h.Get("X-RateLimit-Reset") == "" || h.Get("X-RateLimit-Bucket") == "" {
			t.Errorf("message %d: %d with %v, want 200 and %d remaining", 5-n, status, h, n)
		}
		bucket = h.Get("X-RateLimit-Bucket")
	}
	status, h, body := post(t, fs, general, "one too many")
	if status != http.StatusTooManyRequests || h.Get("Retry-After") != "1" || h.Get("X-RateLimit-Scope") != "user" ||
		h.Get("X-RateLimit-Remaining") != "0" || h.Get("X-RateLimit-Global") != "" {
		t.Errorf("sixth message: %d with %v, want a per-route 429", status, h)
	}
	if body["message"] != "You are being rate limited." || body["retry_after"] != 0.2 || body["global"] != false {
		t.Errorf("429 body = %v, want retry_after 0.2, not global", body)
	}
	dm := fs.DMChannel(ann)
	if status, h, _ := post(t, fs, dm, "elsewhere"); status != 200 || h.Get("X-RateLimit-Bucket") != bucket {
		t.Errorf("another channel: %d, bucket %s; want 200 from its own bucket of the same route (%s)", status, h.Get("X-RateLimit-Bucket"), bucket)
	}
	clk.Advance(200 * time.Millisecond)
	if status, _, _ := post(t, fs, general, "later"); status != 200 {
		t.Errorf("after retry_after: %d, want 200", status)
	}
	if n := len(fs.RequestTimes(fakediscord.RouteCreateMessage)); n != 7 {
		t.Errorf("RequestTimes = %d, want the 7 accepted", n)
	}
}

// TestRetryAfterGivesTheRate: a client that waits what retry_after says
// achieves the configured rate.
func TestRetryAfterGivesTheRate(t *testing.T) {
	clk := newClock()
	const rate, burst, n = 10, 3, 50
	fs := newFake(t, fakediscord.Options{Now: clk.Now, MessageRate: rate, MessageBurst: burst})
	refused := 0
	for sent := 0; sent < n; {
		status, _, body := post(t, fs, general, "m")
		switch status {
		case 200:
			sent++
		case http.StatusTooManyRequests:
			refused++
			clk.Advance(time.Duration(body["retry_after"].(float64) * float64(time.Second)))
		default:
			t.Fatalf("status %d", status)
		}
	}
	times := fs.RequestTimes(fakediscord.RouteCreateMessage)
	span := times[len(times)-1].Sub(times[0]).Seconds()
	if got := float64(n-burst) / span; got < 0.95*rate || got > 1.05*rate {
		t.Errorf("achieved %.2f messages a second after the burst (%d refused), want about %d", got, refused, rate)
	}
}

// TestGlobalLimitUnderLoad: senders to many channels at once meet the
// global limit; discordgo reports its 429s as RateLimitErrors.
func TestGlobalLimitUnderLoad(t *testing.T) {
	clk := newClock() // stands still: no token comes back during the test
	fs := newFake(t, fakediscord.Options{Now: clk.Now, GlobalRate: 10, GlobalBurst: 10})
	dg := newSession(t, fs)
	channels := make([]string, 20)
	for k := range channels {
		channels[k] = fmt.Sprintf("30000000000000010%d", k)
		fs.AddChannel(channels[k], fmt.Sprintf("room-%d", k))
	}
	var wg sync.WaitGroup
	errs := make([]error, len(channels))
	for k, c := range channels {
		wg.Go(func() { _, errs[k] = dg.ChannelMessageSend(c, "load") })
	}
	wg.Wait()
	sent, limited := 0, 0
	for _, err := range errs {
		var rl *discordgo.RateLimitError
		switch {
		case err == nil:
			sent++
		case errors.As(err, &rl) && rl.RetryAfter == 100*time.Millisecond:
			limited++
		default:
			t.Errorf("send: %v", err)
		}
	}
	if sent != 10 || limited != 10 {
		t.Errorf("%d sent and %d rate limited, want 10 and 10", sent, limited)
	}
	status, h, body := post(t, fs, general, "one more")
	if status != http.StatusTooManyRequests || h.Get("X-RateLimit-Global") != "true" || h.Get("X-RateLimit-Scope") != "global" ||
		body["global"] != true || h.Get("X-RateLimit-Reset-After") != "0.100" {
		t.Errorf("over the global limit: %d with %v and %v, want a global 429", status, h, body)
	}
}

// TestDiscordgoRetriesWithinTheRate: discordgo, retrying 429s as it does
// by default, gets every message through at no more than the channel's
// rate.
func TestDiscordgoRetriesWithinTheRate(t *testing.T) {
	const rate, burst, n = 20, 2, 16
	fs := newFake(t, fakediscord.Options{MessageRate: rate, MessageBurst: burst})
	dg := newSession(t, fs)
	dg.ShouldRetryOnRateLimit = true
	for k := range n {
		if _, err := dg.ChannelMessageSend(general, fmt.Sprint(k)); err != nil {
			t.Fatal(err)
		}
	}
	times := fs.RequestTimes(fakediscord.RouteCreateMessage)
	if span, least := times[n-1].Sub(times[0]), time.Duration(n-burst)*time.Second/rate; len(times) != n || span < least-10*time.Millisecond {
		t.Errorf("%d messages over %v, want %d over at least %v", len(times), span, n, least)
	}
}
