package fakediscord

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// How long an interaction waits for its response, and how long its token
// then works for follow-ups and edits.
const (
	ResponseWindow = 3 * time.Second
	TokenLifetime  = 15 * time.Minute
)

// Discord's caps on a modal.
const (
	maxModalTitle = 45
	maxInputLabel = 45
	maxInputValue = 4000
	maxHint       = 100
)

// interaction is what the fake knows of an interaction it sent.
type interaction struct {
	id, token string
	typ       discordgo.InteractionType
	user      string
	channel   string
	created   time.Time
	built     *discordgo.Interaction // as sent
	message   string                 // the message of a component, or the one a modal was opened from
	callback  *Callback
	original  string // the original response's message id
	followups []string
	modal     *modal // the modal the response opened
}

// modal is a modal the bot opened.
type modal struct {
	CustomID   string `json:"custom_id"`
	Title      string `json:"title"`
	Components []struct {
		Type       int         `json:"type"`
		Components []textInput `json:"components"`
	} `json:"components"`
}

// textInput is a text input in a modal.
type textInput struct {
	Type        int    `json:"type"`
	CustomID    string `json:"custom_id"`
	Label       string `json:"label"`
	Style       int    `json:"style"`
	MinLength   *int   `json:"min_length"`
	MaxLength   *int   `json:"max_length"`
	Required    *bool  `json:"required"`
	Value       string `json:"value"`
	Placeholder string `json:"placeholder"`
}

// inputs lists the modal's text inputs in order.
func (m *modal) inputs() []textInput {
	var out []textInput
	for _, row := range m.Components {
		out = append(out, row.Components...)
	}
	return out
}

// validate checks a modal as Discord does: a custom id of 1 to 100
// characters, a title of 1 to 45, one to five rows each holding one text
// input, whose labels are 1 to 45 characters, custom ids unique, values up
// to 4000 characters and placeholders up to 100.
func (m *modal) validate(f formErrors) {
	if n := utf8.RuneCountInString(m.CustomID); n < 1 || n > maxCustomID {
		f.length(1, maxCustomID, "data", "custom_id")
	}
	if n := utf8.RuneCountInString(m.Title); n < 1 || n > maxModalTitle {
		f.length(1, maxModalTitle, "data", "title")
	}
	if len(m.Components) < 1 || len(m.Components) > maxRows {
		f.length(1, maxRows, "data", "components")
	}
	seen := map[string]bool{}
	for i, row := range m.Components {
		p := []string{"data", "components", strconv.Itoa(i)}
		if row.Type != 1 || len(row.Components) != 1 {
			f.add("COMPONENT_LAYOUT_WIDTH_EXCEEDED", "A modal row holds exactly one text input", p...)
			continue
		}
		in := row.Components[0]
		p = append(p, "components", "0")
		if in.Type != 4 {
			f.add("UNION_TYPE_CHOICES", `Value of field "type" must be one of (4,).`, append(p, "type")...)
		}
		if n := utf8.RuneCountInString(in.CustomID); n < 1 || n > maxCustomID || seen[in.CustomID] {
			f.length(1, maxCustomID, append(p, "custom_id")...)
		}
		seen[in.CustomID] = true
		if n := utf8.RuneCountInString(in.Label); n < 1 || n > maxInputLabel {
			f.length(1, maxInputLabel, append(p, "label")...)
		}
		if in.Style != 1 && in.Style != 2 {
			f.add("BASE_TYPE_CHOICES", "Value must be one of {1, 2}.", append(p, "style")...)
		}
		if utf8.RuneCountInString(in.Value) > maxInputValue {
			f.length(0, maxInputValue, append(p, "value")...)
		}
		if utf8.RuneCountInString(in.Placeholder) > maxHint {
			f.length(0, maxHint, append(p, "placeholder")...)
		}
		if in.MaxLength != nil && (*in.MaxLength < 1 || *in.MaxLength > maxInputValue) {
			f.add("NUMBER_TYPE_MAX", "int value should be between 1 and 4000.", append(p, "max_length")...)
		}
		if in.MinLength != nil && (*in.MinLength < 0 || *in.MinLength > maxInputValue) {
			f.add("NUMBER_TYPE_MAX", "int value should be between 0 and 4000.", append(p, "min_length")...)
		}
	}
}

// callback answers POST /interactions/{interaction}/{token}/callback: the
// first response within 3 s of the interaction is taken; a second is
// refused with 40060, a late one with 10062.
func (s *Server) callback(r *http.Request, body []byte) reply {
	var resp struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if rep := decode(body, &resp); rep != nil {
		return *rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ia := s.interactions[r.PathValue("interaction")]
	switch {
	case ia == nil:
		return notFound(CodeUnknownInteraction, "Unknown interaction")
	case ia.token != r.PathValue("token"):
		return errorReply(http.StatusUnauthorized, CodeInvalidWebhookToken, "Invalid Webhook Token")
	case ia.callback != nil:
		return errorReply(http.StatusBadRequest, CodeAlreadyAcknowledged, "Interaction has already been acknowledged.")
	case s.opts.Now().Sub(ia.created) > ResponseWindow:
		return notFound(CodeUnknownInteraction, "Unknown interaction")
	}
	return s.acknowledge(ia, resp.Type, resp.Data, false)
}

// allowed are the response types each interaction type takes.
var allowed = map[discordgo.InteractionType][]discordgo.InteractionResponseType{
	discordgo.InteractionPing:                           {discordgo.InteractionResponsePong},
	discordgo.InteractionApplicationCommand:             {4, 5, 9},
	discordgo.InteractionMessageComponent:               {4, 5, 6, 7, 9},
	discordgo.InteractionApplicationCommandAutocomplete: {8},
	discordgo.InteractionModalSubmit:                    {4, 5, 6, 7},
}

// acknowledge takes a response to ia, checked as Discord checks it, and
// applies it: a message for type 4, a loading message for 5, an edit of
// the component's message for 7, a modal for 9. Called with s.mu held.
func (s *Server) acknowledge(ia *interaction, typ discordgo.InteractionResponseType, data json.RawMessage, viaHTTP bool) reply {
	if !slices.Contains(allowed[ia.typ], typ) {
		f := formErrors{}
		f.add("INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type is invalid for this interaction", "type")
		return *f.reply()
	}
	if (typ == 6 || typ == 7) && ia.message == "" {
		f := formErrors{}
		f.add("INTERACTION_RESPONSE_TYPE_INVALID", "There is no message to update", "type")
		return *f.reply()
	}
	cb := &Callback{InteractionID: ia.id, User: ia.user, Type: typ, Data: cloneRaw(data), HTTP: viaHTTP, At: s.opts.Now()}
	var b messageBody
	switch typ {
	case 4, 5, 7:
		if len(data) > 0 && json.Unmarshal(data, &b) != nil {
			return invalidJSON()
		}
		f := formErrors{}
		b.validate(f)
		if rep := f.reply(); rep != nil {
			return *rep
		}
		if typ == 4 && b.empty() {
			return errorReply(http.StatusBadRequest, CodeEmptyMessage, "Cannot send an empty message")
		}
		cb.Content, cb.Components = b.content(), cloneRaw(b.Components)
		if b.Flags != nil {
			cb.Flags = *b.Flags
		}
	case 9:
		var m modal
		if json.Unmarshal(data, &m) != nil {
			return invalidJSON()
		}
		f := formErrors{}
		m.validate(f)
		if rep := f.reply(); rep != nil {
			return *rep
		}
		cb.CustomID, cb.Title, cb.Components = m.CustomID, m.Title, cloneRaw(jsonField(data, "components"))
		ia.modal = &m
	}
	ia.callback = cb
	switch typ {
	case 4:
		ia.original = s.respondWith(ia, &b).ID
	case 5:
		flags := cb.Flags&64 | 128 // loading until edited
		ia.original = s.respondWith(ia, &messageBody{Flags: &flags}).ID
	case 6:
		ia.original = ia.message
	case 7:
		if m := s.messages[ia.message]; m != nil {
			b.Flags = nil
			s.edit(m, &b)
		}
		ia.original = ia.message
	}
	s.callbacks = append(s.callbacks, *cb)
	s.broadcast()
	if s.opts.OnCallback != nil {
		c := *cb
		s.emit(func() { s.opts.OnCallback(c) })
	}
	return reply{status: http.StatusNoContent}
}

// respondWith creates a message answering ia: in its channel, or seen by
// its user alone when ephemeral. Called with s.mu held.
func (s *Server) respondWith(ia *interaction, b *messageBody) *Message {
	var c *channel
	if b.Flags == nil || *b.Flags&64 == 0 {
		c = s.channels[ia.channel]
	}
	return s.newMessage(c, ia.channel, b, "", ia)
}

// jsonField returns one field of a JSON object, raw.
func jsonField(raw json.RawMessage, name string) json.RawMessage {
	var m map[string]json.RawMessage
	json.Unmarshal(raw, &m)
	return m[name]
}

// webhookInteraction finds the interaction of a webhook route's token,
// or the refusal: Discord's for a wrong application, an unknown or expired
// token, or one not yet acknowledged. Called with s.mu held.
func (s *Server) webhookInteraction(r *http.Request) (*interaction, *reply) {
	fail := func(rep reply) (*interaction, *reply) { return nil, &rep }
	if r.PathValue("app") != DefaultApplicationID {
		return fail(notFound(CodeUnknownWebhook, "Unknown Webhook"))
	}
	ia := s.byToken[r.PathValue("token")]
	switch {
	case ia == nil, s.opts.Now().Sub(ia.created) > TokenLifetime:
		return fail(errorReply(http.StatusUnauthorized, CodeInvalidWebhookToken, "Invalid Webhook Token"))
	case ia.callback == nil:
		return fail(notFound(CodeUnknownWebhook, "Unknown Webhook"))
	}
	return ia, nil
}

// followup answers POST /webhooks/{app}/{token}: a follow-up message. The
// first after a deferred response (type 5) fills that response's loading
// message, as Discord does. With ?wait=true it answers the message, else
// 204.
func (s *Server) followup(r *http.Request, body []byte) reply {
	var b messageBody
	if rep := decode(body, &b); rep != nil {
		return *rep
	}
	f := formErrors{}
	b.validate(f)
	if rep := f.reply(); rep != nil {
		return *rep
	}
	if b.empty() {
		return errorReply(http.StatusBadRequest, CodeEmptyMessage, "Cannot send an empty message")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ia, rep := s.webhookInteraction(r)
	if rep != nil {
		return *rep
	}
	var m *Message
	if o := s.messages[ia.original]; o != nil && ia.callback.Type == 5 && o.Flags&128 != 0 {
		b.Flags = nil
		s.edit(o, &b)
		m = o
	} else {
		m = s.respondWith(ia, &b)
	}
	ia.followups = append(ia.followups, m.ID)
	if w, _ := strconv.ParseBool(r.URL.Query().Get("wait")); !w {
		return reply{status: http.StatusNoContent}
	}
	return ok(s.messageJSON(m, false))
}

// original answers GET /webhooks/{app}/{token}/messages/@original.
func (s *Server) original(r *http.Request, _ []byte) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	ia, rep := s.webhookInteraction(r)
	if rep != nil {
		return *rep
	}
	m := s.messages[ia.original]
	if m == nil {
		return notFound(CodeUnknownMessage, "Unknown Message")
	}
	return ok(s.messageJSON(m, false))
}

// editWebhookMessage answers PATCH of @original or of a follow-up.
func (s *Server) editWebhookMessage(r *http.Request, body []byte) reply {
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
	ia, rep := s.webhookInteraction(r)
	if rep != nil {
		return *rep
	}
	id := r.PathValue("message")
	if id == "" {
		id = ia.original
	} else if id != ia.original && !slices.Contains(ia.followups, id) {
		id = ""
	}
	m := s.messages[id]
	if m == nil {
		return notFound(CodeUnknownMessage, "Unknown Message")
	}
	s.edit(m, &b)
	return ok(s.messageJSON(m, false))
}

// acknowledgeHTTP takes the body of the bot's answer to an HTTP
// interaction as its response, as Discord does.
func (s *Server) acknowledgeHTTP(id string, body []byte) {
	var resp struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if json.Unmarshal(body, &resp) != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ia := s.interactions[id]; ia != nil && ia.callback == nil {
		s.acknowledge(ia, resp.Type, resp.Data, true)
	}
}
