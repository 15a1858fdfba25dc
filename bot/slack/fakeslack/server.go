package fakeslack

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slacktest"
	"golang.org/x/time/rate"
)

// Tokens the fake accepts; any token with the right prefix is accepted.
const (
	BotTokenPrefix = "xoxb-"
	AppTokenPrefix = "xapp-"
	// TeamID and BotUserID identify the fake workspace and the bot in it.
	TeamID    = "T0GUILD"
	BotUserID = "UBOT"
)

// Options configure a Server. The zero value is a Slack with no rate
// limits and no faults.
type Options struct {
	// ChannelRate is messages per second one channel (or DM) takes, with
	// ChannelBurst at once; 0 means no limit. Slack's is about 1.
	ChannelRate  float64
	ChannelBurst int
	// WorkspaceRate is messages per second across the workspace, with
	// WorkspaceBurst at once; 0 means no limit.
	WorkspaceRate  float64
	WorkspaceBurst int
	// PingInterval is how often the Socket Mode websocket pings (default
	// 10 s).
	PingInterval time.Duration
	// Now is the fake's clock, for message timestamps and signatures;
	// default time.Now. The fake stands for Slack, so it keeps real time.
	Now func() time.Time
	// OnMessage, when set, is called with each message posted, in order,
	// outside the fake's lock: the fakeslack command prints them.
	OnMessage func(Message)
}

// Server is a running fake Slack.
type Server struct {
	opts Options
	sts  *slacktest.Server

	mu        sync.Mutex
	users     map[string]*slack.User
	order     []string
	channels  map[string]*channel
	calls     []Call
	views     []View
	home      map[string]json.RawMessage
	faults    map[string][]Fault
	socket    map[*websocket.Conn]*sync.Mutex
	acks      map[string]chan json.RawMessage
	ackLog    []Ack
	pending   []envelope // kept while no bot is connected
	responses []Response
	waiting   map[string][]chan Response
	seq       int
	workspace *rate.Limiter
	sockets   chan struct{} // signalled on each Socket Mode connection
	posted    chan Message  // to OnMessage
	called    chan struct{} // closed and replaced on each call
}

// WaitCalls blocks until at least n calls of method have been made, and
// returns them, or ctx's error.
func (s *Server) WaitCalls(ctx context.Context, method string, n int) ([]Call, error) {
	for {
		s.mu.Lock()
		if s.called == nil {
			s.called = make(chan struct{})
		}
		ch := s.called
		s.mu.Unlock()
		if cs := s.Calls(method); len(cs) >= n {
			return cs, nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, fmt.Errorf("fakeslack: %d calls of %s: %w", len(s.Calls(method)), method, ctx.Err())
		}
	}
}

// channel is a conversation: a channel or a DM with one user.
type channel struct {
	id       string
	user     string // the other party of a DM
	limiter  *rate.Limiter
	messages []Message
}

// Message is a message posted to a channel.
type Message struct {
	Channel  string
	TS       string
	User     string
	Text     string
	Blocks   json.RawMessage
	Metadata slack.SlackMetadata
	Edited   bool
}

// Call records one Web API call.
type Call struct {
	Method string
	// Args are the call's form values, or the top-level keys of its JSON
	// body, as strings.
	Args   map[string]string
	Status int
	At     time.Time
}

// View records a views.open, views.update or views.publish.
type View struct {
	Method    string
	TriggerID string
	UserID    string
	ViewID    string
	View      json.RawMessage
}

// Ack is a Socket Mode acknowledgement the bot sent.
type Ack struct {
	EnvelopeID string
	Payload    json.RawMessage
	At         time.Time
}

// New starts a fake Slack. Close it when done.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.PingInterval <= 0 {
		opts.PingInterval = 10 * time.Second
	}
	s := &Server{
		opts:     opts,
		users:    map[string]*slack.User{},
		channels: map[string]*channel{},
		home:     map[string]json.RawMessage{},
		faults:   map[string][]Fault{},
		socket:   map[*websocket.Conn]*sync.Mutex{},
		acks:     map[string]chan json.RawMessage{},
		sockets:  make(chan struct{}, 16),
	}
	if opts.OnMessage != nil {
		s.posted = make(chan Message, 4096)
		go func() {
			for m := range s.posted {
				opts.OnMessage(m)
			}
		}()
	}
	if opts.WorkspaceRate > 0 {
		s.workspace = rate.NewLimiter(rate.Limit(opts.WorkspaceRate), max(opts.WorkspaceBurst, 1))
	}
	s.sts = slacktest.NewTestServer(func(c slacktest.Customize) {
		for method, h := range s.handlers() {
			c.Handle("/"+method, s.api(method, h))
		}
		c.Handle("/socket", s.serveSocket)
		c.Handle("/response/", s.serveResponse)
	})
	s.sts.Start()
	s.AddUser(BotUserID, "guildhall", "")
	return s
}

// Close stops the server and drops every websocket.
func (s *Server) Close() {
	s.DropSockets()
	s.sts.Stop()
}

// URL is the Web API's base URL, with its trailing slash, as SLACK_API_URL
// and slack.OptionAPIURL take it.
func (s *Server) URL() string { return s.sts.GetAPIURL() }

// AddUser adds a member of the workspace; tz is an IANA zone ("" for
// UTC).
func (s *Server) AddUser(id, name, tz string) *slack.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	if tz == "" {
		tz = "UTC"
	}
	u := &slack.User{ID: id, TeamID: TeamID, Name: name, RealName: name, TZ: tz, IsBot: id == BotUserID,
		Profile: slack.UserProfile{DisplayName: name, RealName: name}}
	if _, ok := s.users[id]; !ok {
		s.order = append(s.order, id)
	}
	s.users[id] = u
	return u
}

// Calls returns the calls of method so far ("" for every call).
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Messages returns what was posted to channel (a channel id, or a user id
// for the DM with that user), oldest first.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[s.resolve(channel)]
	if c == nil {
		return nil
	}
	return append([]Message(nil), c.messages...)
}

// AllMessages returns every message posted, by channel.
func (s *Server) AllMessages() map[string][]Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][]Message{}
	for id, c := range s.channels {
		out[id] = append([]Message(nil), c.messages...)
	}
	return out
}

// Views returns the views opened, updated and published so far.
func (s *Server) Views() []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]View(nil), s.views...)
}

// Home returns the App Home view last published for user, or nil.
func (s *Server) Home(user string) json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.home[user]
}

// resolve maps a user id to the id of the DM channel with that user.
// Called with s.mu held.
func (s *Server) resolve(id string) string {
	if strings.HasPrefix(id, "U") {
		return "D" + id[1:]
	}
	return id
}

// channelFor returns the conversation id, creating it. Called with s.mu
// held.
func (s *Server) channelFor(id string) *channel {
	id = s.resolve(id)
	c := s.channels[id]
	if c == nil {
		c = &channel{id: id}
		if strings.HasPrefix(id, "D") {
			c.user = "U" + id[1:]
		}
		if s.opts.ChannelRate > 0 {
			c.limiter = rate.NewLimiter(rate.Limit(s.opts.ChannelRate), max(s.opts.ChannelBurst, 1))
		}
		s.channels[id] = c
	}
	return c
}

// nextTS returns a message timestamp, unique and increasing. Called with
// s.mu held.
func (s *Server) nextTS() string {
	s.seq++
	now := s.opts.Now()
	return fmt.Sprintf("%d.%06d", now.Unix(), s.seq%1000000)
}

// api wraps a Web API handler: it checks the token, applies injected
// faults and records the call.
func (s *Server) api(method string, h func(r *http.Request, args map[string]string) (int, any, http.Header)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		args, err := readArgs(r)
		status, body, header := 0, any(nil), http.Header(nil)
		if err != nil {
			status, body = http.StatusOK, errorBody("invalid_arguments")
		} else if f, ok := s.takeFault(method); ok {
			if f.Delay > 0 {
				time.Sleep(f.Delay)
			}
			status, body = f.Status, f.Body
			if f.RetryAfter > 0 {
				header = http.Header{"Retry-After": {fmt.Sprint(int(f.RetryAfter / time.Second))}}
			}
			if status == 0 {
				status, body, header = h(r, args)
			}
		} else if !authorised(method, r) {
			status, body = http.StatusOK, errorBody("invalid_auth")
		} else {
			status, body, header = h(r, args)
		}
		s.mu.Lock()
		s.calls = append(s.calls, Call{Method: method, Args: args, Status: status, At: s.opts.Now()})
		if s.called != nil {
			close(s.called)
		}
		s.called = make(chan struct{})
		s.mu.Unlock()
		for k, vs := range header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		if body != nil {
			json.NewEncoder(w).Encode(body)
		}
	}
}

// authorised checks the bearer token: an app token for
// apps.connections.open, a bot token for everything else.
func authorised(method string, r *http.Request) bool {
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if tok == "" {
		tok = r.FormValue("token")
	}
	if method == "apps.connections.open" {
		return strings.HasPrefix(tok, AppTokenPrefix)
	}
	return strings.HasPrefix(tok, BotTokenPrefix)
}

func errorBody(code string) map[string]any { return map[string]any{"ok": false, "error": code} }

// readArgs reads a call's arguments from its form or JSON body.
func readArgs(r *http.Request) (map[string]string, error) {
	args := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil && err != io.EOF {
			return nil, err
		}
		for k, v := range m {
			var str string
			if json.Unmarshal(v, &str) == nil {
				args[k] = str
			} else {
				args[k] = string(v)
			}
		}
		return args, nil
	}
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	for k := range r.Form {
		args[k] = r.Form.Get(k)
	}
	return args, nil
}
