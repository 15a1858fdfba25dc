package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot"
)

// Path is where Discord's HTTP interactions arrive.
const Path = "/discord/interactions"

// MaxSkew is how far a request's timestamp may be from now: an older
// request is a replay, whatever its signature (discordgo does not check
// the age).
const MaxSkew = 5 * time.Minute

// maxBody caps a request body: interactions are far smaller.
const maxBody = 1 << 20

// ParsePublicKey reads an application's public key, as the Developer
// Portal shows it (64 hex digits): DISCORD_PUBLIC_KEY.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("discord: the public key must be %d hex digits, as the Developer Portal shows it", 2*ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// Interactions serves Discord's HTTP interactions at Path: it checks each
// request's Ed25519 signature against PublicKey, refuses one whose
// timestamp is more than MaxSkew from Now or whose signature it has seen
// before, answers a PING with a PONG, and runs every other interaction
// through Adapter.Serve, answering in the response.
type Interactions struct {
	Adapter   *Adapter
	Handler   bot.Handler
	PublicKey ed25519.PublicKey
	// Now is the clock timestamps are checked against: Discord signs with
	// real time.
	Now func() time.Time

	mu   sync.Mutex
	seen map[string]time.Time // signatures within MaxSkew, by when they expire
}

// verify checks the request's signature and timestamp, and that the
// signature is new.
func (s *Interactions) verify(r *http.Request, body []byte) error {
	sig, err := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
	ts := r.Header.Get("X-Signature-Timestamp")
	if err != nil || len(sig) != ed25519.SignatureSize || ts == "" || len(s.PublicKey) != ed25519.PublicKeySize {
		return errors.New("no signature")
	}
	if !ed25519.Verify(s.PublicKey, append([]byte(ts), body...), sig) {
		return errors.New("bad signature")
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("bad timestamp")
	}
	now := s.Now()
	at := time.Unix(secs, 0)
	if now.Sub(at) > MaxSkew || at.Sub(now) > MaxSkew {
		return errors.New("stale or future timestamp")
	}
	key := string(sig)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]time.Time{}
	}
	for k, until := range s.seen {
		if now.After(until) {
			delete(s.seen, k)
		}
	}
	if _, dup := s.seen[key]; dup {
		return errors.New("replayed signature")
	}
	s.seen[key] = at.Add(MaxSkew)
	return nil
}

// ServeHTTP implements http.Handler.
func (s *Interactions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	}
	if err := s.verify(r, body); err != nil {
		s.Adapter.log().Warn("discord: refused an interaction request", "err", err, "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		http.Error(w, "not an interaction", http.StatusBadRequest)
		return
	}
	answered := false
	s.Adapter.Serve(s.Adapter.workCtx(), s.Handler, &i, func(resp *discordgo.InteractionResponse) error {
		if answered {
			return errors.New("answered already")
		}
		answered = true
		if resp == nil {
			resp = s.Adapter.handledAlready()
		}
		b, err := json.Marshal(resp)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json")
		_, err = w.Write(b)
		return err
	})
}

// Endpoint makes the HTTP interactions endpoint of an Adapter: with no
// gateway, the commands are registered through REST when it is made.
// guildhall serve mounts it at Path on --addr, beside Slack's.
type Endpoint struct {
	Adapter   *Adapter
	PublicKey ed25519.PublicKey
	// Now is the clock request timestamps are checked against.
	Now func() time.Time
}

// Handler registers the commands and returns the http.Handler of the
// interactions for h; the work after its answers runs within ctx, and
// Adapter.Wait waits for it.
func (e *Endpoint) Handler(ctx context.Context, h bot.Handler) *Interactions {
	e.Adapter.start(ctx)
	e.Adapter.Register(ctx, h)
	return &Interactions{Adapter: e.Adapter, Handler: h, PublicKey: e.PublicKey, Now: e.Now}
}
