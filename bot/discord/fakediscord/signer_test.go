package fakediscord_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot/discord/fakediscord"
)

// httpBot is an HTTP interactions endpoint as a bot serves one: it
// verifies the signature with discordgo, answers PING with PONG and
// commands with a deferred response.
func httpBot(t *testing.T, g *fakediscord.Signer) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !discordgo.VerifyInteraction(r, g.Key()) {
			http.Error(w, "invalid request signature", http.StatusUnauthorized)
			return
		}
		var i discordgo.Interaction
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &i); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		resp := discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
		if i.Type == discordgo.InteractionApplicationCommand {
			resp.Type = discordgo.InteractionResponseDeferredChannelMessageWithSource
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSignerVerifiesWithDiscordgo(t *testing.T) {
	g := fakediscord.NewSigner()
	if len(g.PublicKey()) != 64 {
		t.Errorf("public key %q, want 32 bytes in hex", g.PublicKey())
	}
	body := []byte(`{"type":1}`)
	ts := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	sig, stamp := g.Sign(body, ts)
	req := httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", sig)
	req.Header.Set("X-Signature-Timestamp", stamp)
	if stamp != "1795510800" || !discordgo.VerifyInteraction(req, g.Key()) {
		t.Errorf("discordgo.VerifyInteraction refused the signature (timestamp %s)", stamp)
	}
	req = httptest.NewRequest(http.MethodPost, "/interactions", bytes.NewReader([]byte(`{"type":2}`)))
	req.Header.Set("X-Signature-Ed25519", sig)
	req.Header.Set("X-Signature-Timestamp", stamp)
	if discordgo.VerifyInteraction(req, g.Key()) {
		t.Error("a signature verified over another body")
	}
}

func TestHTTPInteractions(t *testing.T) {
	fs := newFake(t, fakediscord.Options{})
	g := fs.Signer()
	bot := httpBot(t, g)
	ctx := timeout(t)

	resp, body, err := g.Post(ctx, bot.URL, fs.Ping(), time.Now())
	if err != nil || resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"type":1`)) {
		t.Fatalf("PING = %v, %s, %v, want PONG", resp, body, err)
	}
	other := fakediscord.NewSigner()
	if resp, _, err := other.Post(ctx, bot.URL, fs.Ping(), time.Now()); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("signed with another key: %v, %v, want 401", resp, err)
	}

	// A deferred answer in the HTTP response, then the original edited
	// over REST, as on Discord.
	i := fs.SlashCommand(ann, general, "schedule", fakediscord.SubCommand("show", fakediscord.StringOption("event", "DevDay")))
	if resp, _, err := g.Post(ctx, bot.URL, i, time.Now()); err != nil || resp.StatusCode != 200 {
		t.Fatalf("command: %v, %v", resp, err)
	}
	cb, ok := fs.Response(i.ID)
	if !ok || !cb.HTTP || cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("response = %+v, %v, want the deferred HTTP answer", cb, ok)
	}
	content := "The schedule of DevDay"
	if _, err := newSession(t, fs).InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content}); err != nil {
		t.Fatal(err)
	}
	if m, ok := fs.Original(i.ID); !ok || m.Content != content {
		t.Errorf("original = %+v, %v", m, ok)
	}
	if n := len(fs.Calls(fakediscord.RouteCallback)); n != 0 {
		t.Errorf("%d callback calls recorded, want none: the answer came in the HTTP response", n)
	}
}
