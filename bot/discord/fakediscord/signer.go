package fakediscord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Signer plays Discord's HTTP interactions: it signs each interaction
// with the application's Ed25519 key, as Discord does, and POSTs it to the
// bot's endpoint, which answers with the response in its body.
type Signer struct {
	public  ed25519.PublicKey
	private ed25519.PrivateKey
	// Client sends the requests; default http.DefaultClient.
	Client *http.Client
	// server, when set, takes the bot's answers as the interactions'
	// responses.
	server *Server
}

// NewSigner returns a signer with a new key pair. It records nothing; a
// Server's Signer also takes the bot's answers as responses.
func NewSigner() *Signer {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic("fakediscord: " + err.Error()) // crypto/rand does not fail
	}
	return &Signer{public: pub, private: priv}
}

// Signer returns the server's signer, which holds the application's key
// pair: the answers the bot gives to what it posts are recorded as the
// interactions' responses (see Response), as if through the callback
// route, though no Call is recorded, so that follow-ups and edits of a
// deferred answer work as on Discord.
func (s *Server) Signer() *Signer { return s.signer }

// PublicKey is the public key in hex, as the developer portal shows it
// and DISCORD_PUBLIC_KEY holds it.
func (g *Signer) PublicKey() string { return hex.EncodeToString(g.public) }

// Key is the public key, as discordgo.VerifyInteraction takes it.
func (g *Signer) Key() ed25519.PublicKey { return g.public }

// Sign returns the X-Signature-Ed25519 and X-Signature-Timestamp headers
// of body sent at ts: the signature is over the timestamp (Unix seconds)
// followed by the body.
func (g *Signer) Sign(body []byte, ts time.Time) (sig, timestamp string) {
	timestamp = strconv.FormatInt(ts.Unix(), 10)
	msg := append([]byte(timestamp), body...)
	return hex.EncodeToString(ed25519.Sign(g.private, msg)), timestamp
}

// Post signs i at ts and POSTs it to url as Discord does, and returns the
// bot's answer and its body (read and closed).
func (g *Signer) Post(ctx context.Context, url string, i *discordgo.Interaction, ts time.Time) (*http.Response, []byte, error) {
	body, err := Encode(i)
	if err != nil {
		return nil, nil, err
	}
	if g.server != nil {
		g.server.mu.Lock()
		g.server.track(i)
		g.server.mu.Unlock()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	sig, stamp := g.Sign(body, ts)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)")
	req.Header.Set("X-Signature-Ed25519", sig)
	req.Header.Set("X-Signature-Timestamp", stamp)
	c := g.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp, answer, err
	}
	if g.server != nil && resp.StatusCode == http.StatusOK {
		g.server.acknowledgeHTTP(i.ID, answer)
	}
	return resp, answer, nil
}
