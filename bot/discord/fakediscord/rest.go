package fakediscord

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// Routes, as Calls, WaitCalls, RequestTimes and Fail name them: the method
// and the path under /api/v9, with its parameters in braces.
const (
	RouteGateway          = "GET /gateway"
	RouteGatewayBot       = "GET /gateway/bot"
	RouteMe               = "GET /users/@me"
	RouteUser             = "GET /users/{user}"
	RouteChannel          = "GET /channels/{channel}"
	RoutePutCommands      = "PUT /applications/{app}/commands"
	RouteCommands         = "GET /applications/{app}/commands"
	RoutePutGuildCommands = "PUT /applications/{app}/guilds/{guild}/commands"
	RouteGuildCommands    = "GET /applications/{app}/guilds/{guild}/commands"
	RouteCallback         = "POST /interactions/{interaction}/{token}/callback"
	RouteFollowup         = "POST /webhooks/{app}/{token}"
	RouteOriginal         = "GET /webhooks/{app}/{token}/messages/@original"
	RouteEditOriginal     = "PATCH /webhooks/{app}/{token}/messages/@original"
	RouteEditFollowup     = "PATCH /webhooks/{app}/{token}/messages/{message}"
	RouteOpenDM           = "POST /users/@me/channels"
	RouteCreateMessage    = "POST /channels/{channel}/messages"
	RouteMessages         = "GET /channels/{channel}/messages"
	RouteEditMessage      = "PATCH /channels/{channel}/messages/{message}"
	RouteMembers          = "GET /guilds/{guild}/members"
	RouteMember           = "GET /guilds/{guild}/members/{user}"
	RouteGuildChannels    = "GET /guilds/{guild}/channels"
	// RouteUnknown records calls of routes the fake does not know, which
	// answer 404.
	RouteUnknown = "unknown"
)

// maxBody caps a request body.
const maxBody = 8 << 20

// reply is a handler's answer.
type reply struct {
	status int
	body   any // marshalled as JSON; nil for no body
	header http.Header
}

// handler answers one route. body is the request body.
type handler func(r *http.Request, body []byte) reply

// route is one REST route and how it is limited.
type route struct {
	name string
	// auth: the route needs the bot token. Interaction callbacks and
	// webhooks are authorised by the token in their path instead.
	auth bool
	// global: the route counts against the global rate limit; Discord
	// exempts interaction endpoints.
	global bool
	// major is the path parameter(s) whose value picks the bucket.
	major []string
	h     handler
}

// routes builds the server's handler: every route under /api/v9 and
// /api/v10, the gateway websocket at /gateway, and JSON 404s.
func (s *Server) routes() http.Handler {
	table := []route{
		{name: RouteGateway, h: s.gatewayURL},
		{name: RouteGatewayBot, auth: true, global: true, h: s.gatewayBot},
		{name: RouteMe, auth: true, global: true, h: s.me},
		{name: RouteUser, auth: true, global: true, h: s.userByID},
		{name: RouteChannel, auth: true, global: true, major: []string{"channel"}, h: s.channelByID},
		{name: RoutePutCommands, auth: true, global: true, h: s.putCommands},
		{name: RouteCommands, auth: true, global: true, h: s.getCommands},
		{name: RoutePutGuildCommands, auth: true, global: true, major: []string{"guild"}, h: s.putCommands},
		{name: RouteGuildCommands, auth: true, global: true, major: []string{"guild"}, h: s.getCommands},
		{name: RouteCallback, major: []string{"interaction", "token"}, h: s.callback},
		{name: RouteFollowup, major: []string{"app", "token"}, h: s.followup},
		{name: RouteOriginal, major: []string{"app", "token"}, h: s.original},
		{name: RouteEditOriginal, major: []string{"app", "token"}, h: s.editWebhookMessage},
		{name: RouteEditFollowup, major: []string{"app", "token"}, h: s.editWebhookMessage},
		{name: RouteOpenDM, auth: true, global: true, h: s.openDM},
		{name: RouteCreateMessage, auth: true, global: true, major: []string{"channel"}, h: s.createMessage},
		{name: RouteMessages, auth: true, global: true, major: []string{"channel"}, h: s.listMessages},
		{name: RouteEditMessage, auth: true, global: true, major: []string{"channel"}, h: s.editMessage},
		{name: RouteMembers, auth: true, global: true, major: []string{"guild"}, h: s.listMembers},
		{name: RouteMember, auth: true, global: true, major: []string{"guild"}, h: s.member},
		{name: RouteGuildChannels, auth: true, global: true, major: []string{"guild"}, h: s.guildChannels},
	}
	mux := http.NewServeMux()
	for _, rt := range table {
		method, path, _ := strings.Cut(rt.name, " ")
		for _, v := range []string{"/api/v9", "/api/v10"} {
			mux.Handle(method+" "+v+path, s.api(rt))
		}
	}
	unknown := s.api(route{name: RouteUnknown, h: func(*http.Request, []byte) reply {
		return notFound(CodeGeneral, "404: Not Found")
	}})
	mux.Handle("/api/", unknown)
	mux.HandleFunc("GET /gateway", s.serveGateway)
	mux.HandleFunc("GET /gateway/{$}", s.serveGateway)
	return mux
}

// api wraps a route: it applies an injected fault, checks the token and
// the rate limits, answers, and records the call.
func (s *Server) api(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		var rep reply
		switch f, faulted := s.takeFault(rt.name); {
		case err != nil:
			rep = errorReply(http.StatusBadRequest, CodeGeneral, "400: Bad Request")
		case faulted && !f.wait(r):
			return // the client gave up
		case faulted && f.Status != 0:
			rep = f.reply(w.Header())
		case rt.auth && !s.authorised(r):
			rep = unauthorized()
		default:
			var ok bool
			if rep, ok = s.limit(rt, r, w.Header()); ok {
				rep = rt.h(r, body)
			}
		}
		for k, vs := range rep.header {
			w.Header()[k] = vs
		}
		s.record(rt.name, r, body, rep.status)
		writeJSON(w, rep)
	})
}

// authorised checks the Authorization header: "Bot " and the token.
func (s *Server) authorised(r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bot ")
	if !ok || tok == "" {
		return false
	}
	return s.opts.Token == "" || tok == s.opts.Token
}

// limit takes a token from the global bucket and the route's, or answers
// 429; either way it sets the route bucket's X-RateLimit headers.
func (s *Server) limit(rt route, r *http.Request, h http.Header) (reply, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	key := rt.name
	for _, p := range rt.major {
		key += " " + r.PathValue(p)
	}
	b := s.buckets[key]
	if b == nil {
		rate, burst := s.opts.RouteRate, s.opts.RouteBurst
		if rt.name == RouteCreateMessage {
			rate, burst = s.opts.MessageRate, s.opts.MessageBurst
		}
		b = newBucket(rate, burst, now)
		s.buckets[key] = b
	}
	var gwait time.Duration
	if rt.global && s.globalBucket != nil {
		gwait = s.globalBucket.wait(now)
	}
	rwait := b.wait(now)
	if gwait == 0 && rwait == 0 {
		if rt.global && s.globalBucket != nil {
			s.globalBucket.take(now)
		}
		b.take(now)
	}
	setRateHeaders(h, rt.name, b, now)
	switch {
	case gwait > 0:
		return rateLimited(h, gwait, true, 0, ""), false
	case rwait > 0:
		return rateLimited(h, rwait, false, 0, ""), false
	}
	return reply{}, true
}

// writeJSON writes rep; a 204 has no body.
func writeJSON(w http.ResponseWriter, rep reply) {
	if rep.status == 0 {
		rep.status = http.StatusOK
	}
	if rep.status == http.StatusNoContent || rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	json.NewEncoder(w).Encode(rep.body)
}

// ok answers 200 with body.
func ok(body any) reply { return reply{status: http.StatusOK, body: body} }

// decode unmarshals a JSON body into v, or answers 50109.
func decode(body []byte, v any) *reply {
	if err := json.Unmarshal(body, v); err != nil {
		r := invalidJSON()
		return &r
	}
	return nil
}
