package fakediscord

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// gatewayURL answers GET /gateway: where the websocket is, on this server.
func (s *Server) gatewayURL(r *http.Request, _ []byte) reply {
	return ok(map[string]any{"url": "ws://" + r.Host + "/gateway"})
}

// gatewayBot answers GET /gateway/bot.
func (s *Server) gatewayBot(r *http.Request, _ []byte) reply {
	return ok(map[string]any{"url": "ws://" + r.Host + "/gateway", "shards": 1,
		"session_start_limit": map[string]int{"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1}})
}

// userJSON is a user as Discord shows one.
func userJSON(u *user) map[string]any {
	m := map[string]any{"id": u.id, "username": u.name, "discriminator": "0", "global_name": u.name,
		"avatar": nil, "public_flags": 0, "flags": 0}
	if u.bot {
		m["bot"] = true
		m["global_name"] = nil
	}
	return m
}

func (s *Server) me(*http.Request, []byte) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := userJSON(s.users[DefaultApplicationID])
	m["verified"], m["mfa_enabled"] = true, false
	return ok(m)
}

func (s *Server) userByID(r *http.Request, _ []byte) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[r.PathValue("user")]
	if u == nil {
		return notFound(CodeUnknownUser, "Unknown User")
	}
	return ok(userJSON(u))
}

// channelJSON is a channel as Discord shows one. Called with s.mu held.
func (s *Server) channelJSON(c *channel) map[string]any {
	last := any(nil)
	if n := len(c.messages); n > 0 {
		last = c.messages[n-1].ID
	}
	if c.recipient != "" {
		rcpt := s.users[c.recipient]
		if rcpt == nil {
			rcpt = &user{id: c.recipient, name: c.recipient}
		}
		return map[string]any{"id": c.id, "type": discordgo.ChannelTypeDM, "last_message_id": last, "flags": 0,
			"recipients": []any{userJSON(rcpt)}}
	}
	return map[string]any{"id": c.id, "type": discordgo.ChannelTypeGuildText, "guild_id": DefaultGuildID, "name": c.name,
		"position": slices.Index(s.channelOrder, c.id), "permission_overwrites": []any{}, "nsfw": false,
		"topic": nil, "last_message_id": last, "rate_limit_per_user": 0, "parent_id": nil, "flags": 0}
}

func (s *Server) channelByID(r *http.Request, _ []byte) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[r.PathValue("channel")]
	if c == nil {
		return notFound(CodeUnknownChannel, "Unknown Channel")
	}
	return ok(s.channelJSON(c))
}

// guildChannels answers GET /guilds/{guild}/channels: the text channels
// added with AddChannel, in order.
func (s *Server) guildChannels(r *http.Request, _ []byte) reply {
	if r.PathValue("guild") != DefaultGuildID {
		return notFound(CodeUnknownGuild, "Unknown Guild")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []any{}
	for _, id := range s.channelOrder {
		if c := s.channels[id]; c.recipient == "" {
			out = append(out, s.channelJSON(c))
		}
	}
	return ok(out)
}

// openDM answers POST /users/@me/channels {"recipient_id"}: the DM
// channel with that user, the same one every time. Opening never fails
// here: Discord refuses the first message instead (see createMessage).
func (s *Server) openDM(_ *http.Request, body []byte) reply {
	var req struct {
		RecipientID string `json:"recipient_id"`
	}
	if rep := decode(body, &req); rep != nil {
		return *rep
	}
	if req.RecipientID == "" {
		f := formErrors{}
		f.add("BASE_TYPE_REQUIRED", "This field is required", "recipient_id")
		return *f.reply()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users[req.RecipientID] == nil {
		return notFound(CodeUnknownUser, "Unknown User")
	}
	return ok(s.channelJSON(s.dmFor(req.RecipientID)))
}

// memberJSON is a guild member as Discord shows one. Called with s.mu
// held.
func (s *Server) memberJSON(id string) map[string]any {
	u := s.users[id]
	return map[string]any{"user": userJSON(u), "nick": nil, "avatar": nil, "roles": []string{},
		"joined_at": s.members[id].UTC().Format(time.RFC3339Nano), "premium_since": nil, "deaf": false, "mute": false,
		"flags": 0, "pending": false, "communication_disabled_until": nil}
}

// listMembers answers GET /guilds/{guild}/members?limit=N&after=ID: up to
// limit (1 to 1000, default 1) members whose user ids come after after, in
// id order, as Discord pages them. It needs the Server Members intent.
func (s *Server) listMembers(r *http.Request, _ []byte) reply {
	if r.PathValue("guild") != DefaultGuildID {
		return notFound(CodeUnknownGuild, "Unknown Guild")
	}
	if s.opts.DisallowedIntents&discordgo.IntentsGuildMembers != 0 {
		return errorReply(http.StatusForbidden, CodeMissingAccess, "Missing Access")
	}
	q := r.URL.Query()
	limit := 1
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			f := formErrors{}
			f.add("NUMBER_TYPE_MAX", "int value should be less than or equal to 1000.", "limit")
			return *f.reply()
		}
		limit = n
	}
	after := q.Get("after")
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.members))
	for id := range s.members {
		if after == "" || lessID(after, id) {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b string) int {
		switch {
		case lessID(a, b):
			return -1
		case lessID(b, a):
			return 1
		}
		return 0
	})
	out := []any{}
	for _, id := range ids[:min(limit, len(ids))] {
		out = append(out, s.memberJSON(id))
	}
	return ok(out)
}

func (s *Server) member(r *http.Request, _ []byte) reply {
	if r.PathValue("guild") != DefaultGuildID {
		return notFound(CodeUnknownGuild, "Unknown Guild")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("user")
	if _, ok := s.members[id]; !ok {
		return notFound(CodeUnknownMember, "Unknown Member")
	}
	return ok(s.memberJSON(id))
}
