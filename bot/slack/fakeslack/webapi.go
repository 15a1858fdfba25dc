package fakeslack

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
)

type handler = func(r *http.Request, args map[string]string) (int, any, http.Header)

func ok(fields map[string]any) (int, any, http.Header) {
	fields["ok"] = true
	return http.StatusOK, fields, nil
}

func fail(code string) (int, any, http.Header) { return http.StatusOK, errorBody(code), nil }

// handlers are the Web API methods the fake answers itself.
func (s *Server) handlers() map[string]handler {
	return map[string]handler{
		"auth.test":             s.authTest,
		"apps.connections.open": s.connectionsOpen,
		"users.info":            s.usersInfo,
		"users.list":            s.usersList,
		"conversations.open":    s.conversationsOpen,
		"conversations.history": s.conversationsHistory,
		"chat.postMessage":      s.postMessage,
		"chat.update":           s.update,
		"views.open":            s.viewsOpen,
		"views.update":          s.viewsUpdate,
		"views.publish":         s.viewsPublish,
	}
}

func (s *Server) authTest(r *http.Request, args map[string]string) (int, any, http.Header) {
	return ok(map[string]any{"url": "https://guildhall.slack.com/", "team": "guildhall", "user": "guildhall",
		"team_id": TeamID, "user_id": BotUserID, "bot_id": "B0BOT"})
}

func (s *Server) connectionsOpen(r *http.Request, args map[string]string) (int, any, http.Header) {
	return ok(map[string]any{"url": "ws://" + r.Host + "/socket"})
}

func (s *Server) usersInfo(r *http.Request, args map[string]string) (int, any, http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[args["user"]]
	if u == nil {
		return fail("user_not_found")
	}
	return ok(map[string]any{"user": u})
}

func (s *Server) usersList(r *http.Request, args map[string]string) (int, any, http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	limit, _ := strconv.Atoi(args["limit"])
	if limit <= 0 {
		limit = 200
	}
	from, _ := strconv.Atoi(args["cursor"])
	var members []*slack.User
	for _, id := range s.order[min(from, len(s.order)):] {
		if len(members) == limit {
			break
		}
		members = append(members, s.users[id])
	}
	next := ""
	if end := from + len(members); end < len(s.order) {
		next = strconv.Itoa(end)
	}
	return ok(map[string]any{"members": members, "response_metadata": map[string]string{"next_cursor": next}})
}

func (s *Server) conversationsOpen(r *http.Request, args map[string]string) (int, any, http.Header) {
	users := strings.Split(args["users"], ",")
	if len(users) != 1 || users[0] == "" {
		return fail("users_list_not_supplied")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users[users[0]] == nil {
		return fail("user_not_found")
	}
	c := s.channelFor(users[0])
	return ok(map[string]any{"channel": map[string]any{"id": c.id, "is_im": true, "user": c.user}})
}

func (s *Server) conversationsHistory(r *http.Request, args map[string]string) (int, any, http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[s.resolve(args["channel"])]
	if c == nil {
		return fail("channel_not_found")
	}
	limit, _ := strconv.Atoi(args["limit"])
	if limit <= 0 {
		limit = 100
	}
	withMeta := args["include_all_metadata"] == "1" || args["include_all_metadata"] == "true"
	var out []map[string]any
	for i := len(c.messages) - 1; i >= 0 && len(out) < limit; i-- {
		m := c.messages[i]
		if oldest := args["oldest"]; oldest != "" && m.TS <= oldest {
			break
		}
		msg := map[string]any{"type": "message", "user": m.User, "text": m.Text, "ts": m.TS}
		if withMeta && m.Metadata.EventType != "" {
			msg["metadata"] = m.Metadata
		}
		out = append(out, msg)
	}
	return ok(map[string]any{"messages": out, "has_more": false})
}

// postMessage posts, within the channel's and the workspace's rate
// limits: over them, it answers 429 with Retry-After, as Slack does.
func (s *Server) postMessage(r *http.Request, args map[string]string) (int, any, http.Header) {
	if args["channel"] == "" {
		return fail("channel_not_found")
	}
	if args["text"] == "" && args["blocks"] == "" {
		return fail("no_text")
	}
	var meta slack.SlackMetadata
	if raw := args["metadata"]; raw != "" {
		if err := json.Unmarshal([]byte(raw), &meta); err != nil {
			return fail("invalid_metadata_format")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.HasPrefix(args["channel"], "U") && s.users[args["channel"]] == nil {
		return fail("channel_not_found")
	}
	c := s.channelFor(args["channel"])
	now := s.opts.Now()
	if wait := s.reserve(c, now); wait > 0 {
		return http.StatusTooManyRequests, errorBody("ratelimited"),
			http.Header{"Retry-After": {strconv.Itoa(int(math.Ceil(wait.Seconds())))}}
	}
	m := Message{Channel: c.id, TS: s.nextTS(), User: BotUserID, Text: args["text"], Metadata: meta}
	if b := args["blocks"]; b != "" {
		m.Blocks = json.RawMessage(b)
	}
	c.messages = append(c.messages, m)
	if s.posted != nil {
		s.posted <- m
	}
	return ok(map[string]any{"channel": c.id, "ts": m.TS, "message": map[string]any{"text": m.Text, "ts": m.TS, "user": BotUserID}})
}

// reserve takes a token from the workspace's and the channel's buckets
// at now, or returns how long until both would have one. Called with s.mu
// held.
func (s *Server) reserve(c *channel, now time.Time) time.Duration {
	var wait time.Duration
	if s.workspace != nil {
		if t := s.workspace.TokensAt(now); t < 1 {
			wait = time.Duration((1 - t) / float64(s.workspace.Limit()) * float64(time.Second))
		}
	}
	if c.limiter != nil {
		if t := c.limiter.TokensAt(now); t < 1 {
			wait = max(wait, time.Duration((1-t)/float64(c.limiter.Limit())*float64(time.Second)))
		}
	}
	if wait > 0 {
		return wait
	}
	if s.workspace != nil {
		s.workspace.AllowN(now, 1)
	}
	if c.limiter != nil {
		c.limiter.AllowN(now, 1)
	}
	return 0
}

func (s *Server) update(r *http.Request, args map[string]string) (int, any, http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[s.resolve(args["channel"])]
	if c == nil {
		return fail("channel_not_found")
	}
	i := slices.IndexFunc(c.messages, func(m Message) bool { return m.TS == args["ts"] })
	if i < 0 {
		return fail("message_not_found")
	}
	c.messages[i].Text, c.messages[i].Edited = args["text"], true
	if b := args["blocks"]; b != "" {
		c.messages[i].Blocks = json.RawMessage(b)
	}
	return ok(map[string]any{"channel": c.id, "ts": args["ts"], "text": args["text"]})
}

// viewBody checks a view and gives it an id.
func (s *Server) viewBody(raw string) (map[string]any, string, error) {
	var v map[string]any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return nil, "", err
	}
	if v["type"] != "modal" && v["type"] != "home" {
		return nil, "", fmt.Errorf("invalid view type %v", v["type"])
	}
	s.seq++
	id := fmt.Sprintf("V%06d", s.seq)
	v["id"] = id
	return v, id, nil
}

func (s *Server) viewsOpen(r *http.Request, args map[string]string) (int, any, http.Header) {
	if args["trigger_id"] == "" {
		return fail("invalid_trigger_id")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, id, err := s.viewBody(args["view"])
	if err != nil {
		return fail("invalid_arguments")
	}
	s.views = append(s.views, View{Method: "views.open", TriggerID: args["trigger_id"], ViewID: id, View: json.RawMessage(args["view"])})
	return ok(map[string]any{"view": v})
}

func (s *Server) viewsUpdate(r *http.Request, args map[string]string) (int, any, http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, _, err := s.viewBody(args["view"])
	if err != nil {
		return fail("invalid_arguments")
	}
	v["id"] = args["view_id"]
	s.views = append(s.views, View{Method: "views.update", ViewID: args["view_id"], View: json.RawMessage(args["view"])})
	return ok(map[string]any{"view": v})
}

func (s *Server) viewsPublish(r *http.Request, args map[string]string) (int, any, http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users[args["user_id"]] == nil {
		return fail("user_not_found")
	}
	v, id, err := s.viewBody(args["view"])
	if err != nil || v["type"] != "home" {
		return fail("invalid_arguments")
	}
	s.home[args["user_id"]] = json.RawMessage(args["view"])
	s.views = append(s.views, View{Method: "views.publish", UserID: args["user_id"], ViewID: id, View: json.RawMessage(args["view"])})
	return ok(map[string]any{"view": v})
}
