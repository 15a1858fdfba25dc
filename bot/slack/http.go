package slack

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	goslack "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/guildhall/guildhall/bot"
)

// Path is where Slack's HTTP deliveries arrive: the Events API, slash
// commands and interactivity share it, as with Slack's Bolt frameworks.
const Path = "/slack/events"

// maxBody caps a request body: Slack's payloads are far smaller.
const maxBody = 1 << 20

// HTTP serves Slack's HTTP mode at Path: it verifies each request, answers
// at once, and does the work after the answer, so Slack never waits past
// its three seconds.
type HTTP struct {
	Adapter  *Adapter
	Handler  bot.Handler
	Verifier *Verifier
	// Ctx bounds the work that continues after an answer.
	Ctx context.Context

	wg sync.WaitGroup
}

// Wait waits for the work still running after its answers.
func (s *HTTP) Wait() { s.wg.Wait() }

// ServeHTTP implements http.Handler.
func (s *HTTP) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	}
	if err := s.Verifier.Verify(r.Header, body); err != nil {
		s.Adapter.log().Warn("slack: refused a request", "err", err, "remote", r.RemoteAddr)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		s.event(w, body)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	if form.Get("command") != "" {
		cmd := goslack.SlashCommand{TeamID: form.Get("team_id"), ChannelID: form.Get("channel_id"), UserID: form.Get("user_id"),
			UserName: form.Get("user_name"), Command: form.Get("command"), Text: form.Get("text"),
			ResponseURL: form.Get("response_url"), TriggerID: form.Get("trigger_id")}
		w.WriteHeader(http.StatusOK)
		s.later(func(ctx context.Context) { s.Adapter.command(ctx, s.Handler, cmd) })
		return
	}
	var cb goslack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	if cb.Type == goslack.InteractionTypeViewSubmission {
		// Answered in the response itself, so errors show inline.
		ctx := s.Ctx
		if ctx == nil {
			ctx = r.Context()
		}
		if resp := s.Adapter.submission(ctx, s.Handler, cb); resp != nil {
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(resp)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
	if cb.Type == goslack.InteractionTypeBlockActions {
		s.later(func(ctx context.Context) { s.Adapter.action(ctx, s.Handler, cb) })
	}
}

// event answers an Events API delivery: the URL check, or an event,
// acknowledged and then handled once by its event_id.
func (s *HTTP) event(w http.ResponseWriter, body []byte) {
	var e struct {
		Type      string `json:"type"`
		Challenge string `json:"challenge"`
		EventID   string `json:"event_id"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		http.Error(w, "bad JSON", http.StatusBadRequest)
		return
	}
	if e.Type == "url_verification" {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, e.Challenge)
		return
	}
	w.WriteHeader(http.StatusOK)
	var cb slackevents.EventsAPICallbackEvent
	if e.Type != "event_callback" || json.Unmarshal(body, &cb) != nil {
		return
	}
	pages, _ := s.Handler.(Pages)
	s.later(func(ctx context.Context) { s.Adapter.event(ctx, pages, &cb) })
}

func (s *HTTP) later(fn func(ctx context.Context)) {
	ctx := s.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		fn(ctx)
	}()
}
