package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/discord"
)

// recorder is a bot.Handler that answers every command with its line and
// records what it was given.
type recorder struct {
	mu   sync.Mutex
	seen []bot.Message
	rt   *bot.Router
}

func (r *recorder) Handle(_ context.Context, m bot.Message) *bot.Response {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, m)
	return &bot.Response{Text: "ran " + m.Text}
}

func (r *recorder) Router() *bot.Router { return r.rt }

// signed posts body to srv as Discord would, signed with key at ts.
func signed(t *testing.T, srv *httptest.Server, key ed25519.PrivateKey, body []byte, ts time.Time) (int, []byte) {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+discord.Path, bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(stamp), body...))))
	req.Header.Set("X-Signature-Timestamp", stamp)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, b.Bytes()
}

func TestInteractionsEndpoint(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	rec := &recorder{rt: router(t)}
	clock := now
	h := &discord.Interactions{Adapter: &discord.Adapter{}, Handler: rec, PublicKey: pub, Now: func() time.Time { return clock }}
	srv := httptest.NewServer(h)
	defer srv.Close()

	ping, _ := json.Marshal(map[string]any{"id": "1", "type": 1, "application_id": "9", "token": "t", "version": 1})
	if code, body := signed(t, srv, priv, ping, now); code != 200 || !strings.Contains(string(body), `"type":1`) {
		t.Fatalf("PING: got %d %s, want 200 and a PONG", code, body)
	}
	cmd, _ := json.Marshal(map[string]any{"id": "2", "type": 2, "application_id": "9", "token": "t", "version": 1, "channel_id": "5",
		"member": map[string]any{"user": map[string]any{"id": "42", "username": "ann"}},
		"data":   map[string]any{"id": "7", "name": "help", "type": 1}})
	tests := []struct {
		name string
		key  ed25519.PrivateKey
		body []byte
		ts   time.Time
		want int
	}{
		{"forged: signed with another key", other, cmd, now, 401},
		{"stale: six minutes old", priv, cmd, now.Add(-6 * time.Minute), 401},
		{"from the future", priv, cmd, now.Add(6 * time.Minute), 401},
		{"a true request", priv, cmd, now.Add(-time.Minute), 200},
		{"the same request again: a replay", priv, cmd, now.Add(-time.Minute), 401},
	}
	for _, tt := range tests {
		code, body := signed(t, srv, tt.key, tt.body, tt.ts)
		if code != tt.want {
			t.Errorf("%s: got %d %s, want %d", tt.name, code, body, tt.want)
		}
		if tt.want == 200 {
			var r discordgo.InteractionResponse
			if err := json.Unmarshal(body, &r); err != nil || r.Type != discordgo.InteractionResponseChannelMessageWithSource ||
				r.Data == nil || r.Data.Content != "ran /help" || r.Data.Flags != discordgo.MessageFlagsEphemeral {
				t.Errorf("%s: got %s, want the reply, seen by its author alone", tt.name, body)
			}
		}
	}
	if len(rec.seen) != 1 || rec.seen[0].ID != "discord:2" || rec.seen[0].From.PlatformID != "42" || rec.seen[0].From.Name != "ann" {
		t.Errorf("the bot was given %+v, want /help once, from ann, under the interaction's id", rec.seen)
	}
	// Without a signature at all, or not a POST.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+discord.Path, bytes.NewReader(cmd))
	if resp, err := srv.Client().Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("unsigned: got %v, %v, want 401", resp.StatusCode, err)
	}
	if resp, err := srv.Client().Get(srv.URL + discord.Path); err != nil || resp.StatusCode != 405 {
		t.Errorf("GET: got %v, %v, want 405", resp.StatusCode, err)
	}
}

func TestParsePublicKey(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	if k, err := discord.ParsePublicKey(hex.EncodeToString(pub)); err != nil || !bytes.Equal(k, pub) {
		t.Errorf("a true key: got %x, %v", k, err)
	}
	for _, bad := range []string{"", "zz", hex.EncodeToString(pub[:31])} {
		if _, err := discord.ParsePublicKey(bad); err == nil {
			t.Errorf("ParsePublicKey(%q): got no error, want one", bad)
		}
	}
}
