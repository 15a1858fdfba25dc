package fakediscord

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Discord's caps on a message.
const (
	maxContent    = 2000
	maxRows       = 5
	maxRowButtons = 5
	maxLabel      = 80
	maxCustomID   = 100
	maxNonce      = 25
	maxEmbeds     = 10
)

// messageBody is what creates or edits a message. Raw fields are absent
// (nil) when not sent, so an edit changes only what it names.
type messageBody struct {
	Content      *string         `json:"content"`
	Components   json.RawMessage `json:"components"`
	Embeds       json.RawMessage `json:"embeds"`
	Flags        *int            `json:"flags"`
	Nonce        json.RawMessage `json:"nonce"`
	EnforceNonce bool            `json:"enforce_nonce"`
}

func (b *messageBody) content() string {
	if b.Content == nil {
		return ""
	}
	return *b.Content
}

// empty reports whether the body would make a message with nothing in it.
func (b *messageBody) empty() bool {
	return b.content() == "" && isEmptyList(b.Components) && isEmptyList(b.Embeds)
}

func isEmptyList(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null" || string(raw) == "[]"
}

// validate adds what Discord would refuse in b to f.
func (b *messageBody) validate(f formErrors) {
	if n := utf8.RuneCountInString(b.content()); n > maxContent {
		f.length(0, maxContent, "content")
	}
	validateComponents(f, b.Components)
	if !isEmptyList(b.Embeds) {
		var embeds []json.RawMessage
		if json.Unmarshal(b.Embeds, &embeds) != nil {
			f.add("LIST_TYPE_CONVERT", "Only iterables may be used in a ListType", "embeds")
		} else if len(embeds) > maxEmbeds {
			f.length(0, maxEmbeds, "embeds")
		}
	}
}

// nonce returns b's nonce as a string, adding an error to f if Discord
// would refuse it: a string of up to 25 characters, or an integer.
func (b *messageBody) nonce(f formErrors) string {
	raw := bytes.TrimSpace(b.Nonce)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var str string
	if json.Unmarshal(raw, &str) == nil {
		if utf8.RuneCountInString(str) > maxNonce {
			f.length(0, maxNonce, "nonce")
		}
		return str
	}
	if _, err := strconv.ParseInt(string(raw), 10, 64); err != nil {
		f.add("NONCE_TYPE_INVALID", "Nonce must be an integer or a string.", "nonce")
		return ""
	}
	return string(raw)
}

// component is the part of a message component the fake checks.
type component struct {
	Type       int               `json:"type"`
	Style      int               `json:"style"`
	Label      string            `json:"label"`
	CustomID   string            `json:"custom_id"`
	URL        string            `json:"url"`
	Components []json.RawMessage `json:"components"`
	Options    []json.RawMessage `json:"options"`
}

// validateComponents checks a message's components as Discord does: up
// to five action rows, each of up to five buttons or one select menu;
// labels up to 80 characters; custom ids of 1 to 100 characters, unique
// in the message; link buttons with a url and no custom id.
func validateComponents(f formErrors, raw json.RawMessage) {
	if isEmptyList(raw) {
		return
	}
	var rows []component
	if err := json.Unmarshal(raw, &rows); err != nil {
		f.add("LIST_TYPE_CONVERT", "Only iterables may be used in a ListType", "components")
		return
	}
	if len(rows) > maxRows {
		f.length(0, maxRows, "components")
	}
	seen := map[string]bool{}
	for i, row := range rows {
		ri := strconv.Itoa(i)
		if row.Type != 1 {
			f.add("UNION_TYPE_CHOICES", `Value of field "type" must be one of (1,).`, "components", ri, "type")
			continue
		}
		if len(row.Components) == 0 || len(row.Components) > maxRowButtons {
			f.length(1, maxRowButtons, "components", ri, "components")
		}
		for j, rawc := range row.Components {
			ci := strconv.Itoa(j)
			var c component
			if json.Unmarshal(rawc, &c) != nil {
				f.add("MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType", "components", ri, "components", ci)
				continue
			}
			path := []string{"components", ri, "components", ci}
			switch c.Type {
			case 2: // button
				if utf8.RuneCountInString(c.Label) > maxLabel {
					f.length(0, maxLabel, append(path, "label")...)
				}
				if c.Style == 5 {
					if c.URL == "" {
						f.add("BUTTON_COMPONENT_URL_REQUIRED", "A url is required", path...)
					}
					if c.CustomID != "" {
						f.add("BUTTON_COMPONENT_INVALID_CUSTOM_ID", "A custom id is not allowed with a link button", path...)
					}
					continue
				}
				if c.Style < 1 || c.Style > 5 {
					f.add("BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5}.", append(path, "style")...)
				}
			case 3, 5, 6, 7, 8: // select menus
				if len(row.Components) != 1 {
					f.add("COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width", path...)
				}
				if c.Type == 3 && (len(c.Options) == 0 || len(c.Options) > 25) {
					f.length(1, 25, append(path, "options")...)
				}
			default:
				f.add("UNION_TYPE_CHOICES", `Value of field "type" must be one of (2, 3, 5, 6, 7, 8).`, append(path, "type")...)
				continue
			}
			switch n := utf8.RuneCountInString(c.CustomID); {
			case n == 0:
				f.add("BASE_TYPE_REQUIRED", "This field is required", append(path, "custom_id")...)
			case n > maxCustomID:
				f.length(1, maxCustomID, append(path, "custom_id")...)
			case seen[c.CustomID]:
				f.add("COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated", append(path, "custom_id")...)
			}
			seen[c.CustomID] = true
		}
	}
}

// newMessage creates a message in c, or, when c is nil, one only its
// interaction's user sees. Called with s.mu held.
func (s *Server) newMessage(c *channel, channelID string, b *messageBody, nonce string, ia *interaction) *Message {
	m := &Message{ID: s.snowflake(), ChannelID: channelID, Author: DefaultApplicationID, Content: b.content(),
		Components: cloneRaw(b.Components), Embeds: cloneRaw(b.Embeds), Nonce: nonce, At: s.opts.Now()}
	if b.Flags != nil {
		m.Flags = *b.Flags
	}
	if ia != nil {
		m.Interaction, m.InteractionUser = ia.id, ia.user
	}
	s.messages[m.ID] = m
	if c != nil {
		c.messages = append(c.messages, m)
	}
	s.messageChanged(m)
	return m
}

// messageChanged wakes the waiters and tells OnMessage. Called with s.mu
// held.
func (s *Server) messageChanged(m *Message) {
	s.broadcast()
	if s.opts.OnMessage != nil {
		cp := *m
		s.emit(func() { s.opts.OnMessage(cp) })
	}
}

// edit applies b to m: what b names replaces what m had.
func (s *Server) edit(m *Message, b *messageBody) {
	if b.Content != nil {
		m.Content = *b.Content
	}
	if b.Components != nil {
		m.Components = cloneRaw(b.Components)
	}
	if b.Embeds != nil {
		m.Embeds = cloneRaw(b.Embeds)
	}
	if b.Flags != nil {
		m.Flags = m.Flags&64 | *b.Flags&^64 // ephemeral cannot change
	}
	m.Flags &^= 128 // no longer loading
	m.Edited, m.EditedAt = true, s.opts.Now()
	s.messageChanged(m)
}

func cloneRaw(raw json.RawMessage) json.RawMessage {
	if isEmptyList(raw) {
		return nil
	}
	return slices.Clone(raw)
}

// messageJSON is m as Discord shows it. The nonce is shown when withNonce
// (the create response) or when Options.HistoryNonces. Called with s.mu
// held.
func (s *Server) messageJSON(m *Message, withNonce bool) map[string]any {
	typ := 0
	if ia := s.interactions[m.Interaction]; ia != nil && ia.typ == 2 {
		typ = 20 // a response to a slash command
	}
	out := map[string]any{"id": m.ID, "type": typ, "channel_id": m.ChannelID, "author": userJSON(s.users[DefaultApplicationID]),
		"content": m.Content, "timestamp": m.At.UTC().Format("2006-01-02T15:04:05.000000-07:00"), "edited_timestamp": nil,
		"tts": false, "mention_everyone": false, "mentions": []any{}, "mention_roles": []any{}, "attachments": []any{},
		"embeds": rawOrEmpty(m.Embeds), "components": rawOrEmpty(m.Components), "pinned": false, "flags": m.Flags}
	if c := s.channels[m.ChannelID]; c != nil && c.recipient == "" {
		out["guild_id"] = DefaultGuildID
	}
	if m.Edited {
		out["edited_timestamp"] = m.EditedAt.UTC().Format("2006-01-02T15:04:05.000000-07:00")
	}
	if m.Nonce != "" && (withNonce || s.opts.HistoryNonces) {
		out["nonce"] = m.Nonce
	}
	if m.Interaction != "" {
		out["webhook_id"] = DefaultApplicationID
		out["application_id"] = DefaultApplicationID
		out["interaction_metadata"] = map[string]any{"id": m.Interaction, "type": s.interactions[m.Interaction].typ,
			"user": userJSON(s.userOrStub(m.InteractionUser))}
	}
	return out
}

// userOrStub returns the user with id, or one named by the id. Called
// with s.mu held.
func (s *Server) userOrStub(id string) *user {
	if u := s.users[id]; u != nil {
		return u
	}
	return &user{id: id, name: id}
}

func rawOrEmpty(raw json.RawMessage) any {
	if isEmptyList(raw) {
		return []any{}
	}
	return raw
}

// createMessage answers POST /channels/{channel}/messages. In a DM it
// refuses a user whose DMs are closed (50007), and counts the DM's first
// message against Options.DMOpenRate (40003). With enforce_nonce, a nonce
// used in the channel within Options.NonceWindow returns the message it
// created then, creating nothing.
func (s *Server) createMessage(r *http.Request, body []byte) reply {
	var b messageBody
	if rep := decode(body, &b); rep != nil {
		return *rep
	}
	f := formErrors{}
	b.validate(f)
	nonce := b.nonce(f)
	if rep := f.reply(); rep != nil {
		return *rep
	}
	if b.empty() {
		return errorReply(http.StatusBadRequest, CodeEmptyMessage, "Cannot send an empty message")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[r.PathValue("channel")]
	if c == nil {
		return notFound(CodeUnknownChannel, "Unknown Channel")
	}
	if c.recipient != "" && s.closedDMs[c.recipient] {
		return errorReply(http.StatusForbidden, CodeCannotSendToUser, "Cannot send messages to this user")
	}
	now := s.opts.Now()
	if nonce != "" && b.EnforceNonce {
		if u, seen := c.nonces[nonce]; seen && now.Sub(u.at) < s.opts.NonceWindow {
			return ok(s.messageJSON(s.messages[u.message], true))
		}
	}
	if c.recipient != "" && !c.opened && s.dmOpen != nil {
		if wait := s.dmOpen.wait(now); wait > 0 {
			return s.dmTooFast(wait)
		}
		s.dmOpen.take(now)
	}
	c.opened = true
	if b.Flags != nil {
		*b.Flags &^= 64 // only interaction responses are ephemeral
	}
	m := s.newMessage(c, c.id, &b, nonce, nil)
	if nonce != "" && b.EnforceNonce {
		if c.nonces == nil {
			c.nonces = map[string]nonceUse{}
		}
		c.nonces[nonce] = nonceUse{message: m.ID, at: now}
	}
	return ok(s.messageJSON(m, true))
}

// dmTooFast is the refusal of a DM opened over Options.DMOpenRate.
func (s *Server) dmTooFast(wait time.Duration) reply {
	const msg = "You are opening direct messages too fast."
	if s.opts.DMOpenStatus == http.StatusTooManyRequests {
		h := http.Header{}
		rep := rateLimited(h, wait, false, CodeOpeningDMsTooFast, msg)
		rep.header = h
		return rep
	}
	return errorReply(s.opts.DMOpenStatus, CodeOpeningDMsTooFast, msg)
}

// listMessages answers GET /channels/{channel}/messages: up to limit (1
// to 100, default 50) messages, newest first, before or after a message
// id when given.
func (s *Server) listMessages(r *http.Request, _ []byte) reply {
	q := r.URL.Query()
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			f := formErrors{}
			f.add("NUMBER_TYPE_MAX", "int value should be less than or equal to 100.", "limit")
			return *f.reply()
		}
		limit = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[r.PathValue("channel")]
	if c == nil {
		return notFound(CodeUnknownChannel, "Unknown Channel")
	}
	var picked []*Message
	switch before, after := q.Get("before"), q.Get("after"); {
	case after != "":
		for _, m := range c.messages {
			if lessID(after, m.ID) && len(picked) < limit {
				picked = append(picked, m)
			}
		}
		slices.Reverse(picked)
	default:
		for i := len(c.messages) - 1; i >= 0 && len(picked) < limit; i-- {
			if m := c.messages[i]; before == "" || lessID(m.ID, before) {
				picked = append(picked, m)
			}
		}
	}
	out := make([]any, 0, len(picked))
	for _, m := range picked {
		out = append(out, s.messageJSON(m, false))
	}
	return ok(out)
}

// editMessage answers PATCH /channels/{channel}/messages/{message}.
func (s *Server) editMessage(r *http.Request, body []byte) reply {
	var b messageBody
	if rep := decode(body, &b); rep != nil {
		return *rep
	}
	f := formErrors{}
	b.validate(f)
	if rep := f.reply(); rep != nil {
		return *rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[r.PathValue("channel")]
	if c == nil {
		return notFound(CodeUnknownChannel, "Unknown Channel")
	}
	m := s.messages[r.PathValue("message")]
	if m == nil || m.ChannelID != c.id || m.Ephemeral() {
		return notFound(CodeUnknownMessage, "Unknown Message")
	}
	if m.Author != DefaultApplicationID {
		return errorReply(http.StatusForbidden, CodeCannotEditOthersMessage, "Cannot edit a message authored by another user")
	}
	s.edit(m, &b)
	return ok(s.messageJSON(m, false))
}
