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
			resp = handledAlready
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

// HTTPAdapter serves Interactions on Addr. It implements bot.Adapter; with
// no gateway, the commands are registered through REST at start.
type HTTPAdapter struct {
	Adapter   *Adapter
	PublicKey ed25519.PublicKey
	Now       func() time.Time
	// Addr is where it listens; Handler serves the same on a server of
	// one's own, such as one Slack's HTTP mode shares.
	Addr string
}

var _ bot.Adapter = (*HTTPAdapter)(nil)

// Name implements bot.Adapter.
func (a *HTTPAdapter) Name() string {
	return Platform + " (HTTP interactions at " + a.Addr + Path + ")"
}

// Handler returns the http.Handler of the interactions for h, with the
// commands registered.
func (a *HTTPAdapter) Handler(ctx context.Context, h bot.Handler) *Interactions {
	a.Adapter.start(ctx)
	a.Adapter.Register(ctx, h)
	return &Interactions{Adapter: a.Adapter, Handler: h, PublicKey: a.PublicKey, Now: a.Now}
}

// Run implements bot.Adapter: it serves until ctx is done, then lets the
// work in progress finish.
func (a *HTTPAdapter) Run(ctx context.Context, h bot.Handler) error {
	mux := http.NewServeMux()
	mux.Handle(Path, a.Handler(ctx, h))
	srv := &http.Server{Addr: a.Addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return fmt.Errorf("discord: http: %w", err)
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		a.Adapter.wg.Wait()
		return nil
	}
}
