package fakediscord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Call records one REST call.
type Call struct {
	// Route names the route, such as RouteCreateMessage.
	Route  string
	Method string
	// Path is the path as requested, /api/v9/... included; Query its
	// query string.
	Path  string
	Query string
	Body  []byte
	// Status is the answer's HTTP status.
	Status int
	// At is the time of the call on the fake's clock.
	At time.Time
}

// Message is a message the bot created: in a channel, in a DM, or as an
// interaction's response or follow-up.
type Message struct {
	ID        string
	ChannelID string
	// Author is the id of the user who wrote it: the bot.
	Author  string
	Content string
	// Components and Embeds are as the bot sent them, raw.
	Components json.RawMessage
	Embeds     json.RawMessage
	// Nonce is the nonce it was created with, if any.
	Nonce string
	// Flags are Discord's message flags: 64 is ephemeral (seen only by
	// the user of the interaction), 128 a deferred response still loading.
	Flags int
	// Interaction is the id of the interaction it answers, and
	// InteractionUser the id of that interaction's user; both "" for a
	// message not sent in answer to one.
	Interaction     string
	InteractionUser string
	// Edited is true once the message has been edited, last at EditedAt.
	Edited   bool
	EditedAt time.Time
	At       time.Time
}

// Ephemeral reports whether only the interaction's user sees m.
func (m Message) Ephemeral() bool { return m.Flags&64 != 0 }

// Callback is the bot's response to an interaction: through POST
// /interactions/{id}/{token}/callback, or in the body of its answer to
// an HTTP interaction posted by the server's Signer.
type Callback struct {
	InteractionID string
	// User is the id of the interaction's user.
	User string
	// Type is the response type: 1 pong, 4 a message, 5 deferred, 6
	// deferred update, 7 update of the component's message, 9 a modal.
	Type discordgo.InteractionResponseType
	// Data is the response's data, raw; Content, Components and Flags are
	// read from it, as are CustomID and Title for a modal.
	Data       json.RawMessage
	Content    string
	Components json.RawMessage
	Flags      int
	CustomID   string
	Title      string
	// HTTP is true for a response given in the body of an HTTP answer.
	HTTP bool
	At   time.Time
}

// record records a call and wakes the waiters.
func (s *Server) record(name string, r *http.Request, body []byte, status int) {
	if status == 0 {
		status = http.StatusOK
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, Call{Route: name, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
		Body: body, Status: status, At: s.opts.Now()})
	s.broadcast()
}

// Calls returns the calls of route so far ("" for every call), oldest
// first.
func (s *Server) Calls(route string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsLocked(route)
}

func (s *Server) callsLocked(route string) []Call {
	var out []Call
	for _, c := range s.calls {
		if route == "" || c.Route == route {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls blocks until at least n calls of route ("" for any) have been
// made, and returns them all, or ctx's error.
func (s *Server) WaitCalls(ctx context.Context, route string, n int) ([]Call, error) {
	var out []Call
	err := s.waitFor(ctx, func() bool {
		out = s.callsLocked(route)
		return len(out) >= n
	})
	if err != nil {
		return out, fmt.Errorf("fakediscord: %d calls of %q, want %d: %w", len(out), route, n, err)
	}
	return out, nil
}

// RequestTimes returns, on the fake's clock, when each call of route that
// succeeded (2xx) was answered: the achieved rate of a sender is their
// count over their span.
func (s *Server) RequestTimes(route string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Time
	for _, c := range s.calls {
		if c.Route == route && c.Status/100 == 2 {
			out = append(out, c.At)
		}
	}
	return out
}

// waitFor blocks until cond, called with s.mu held, is true, or ctx ends.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Messages returns the messages in channelID that everyone there sees,
// oldest first, as they are now (edits applied).
func (s *Server) Messages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[channelID]
	if c == nil {
		return nil
	}
	out := make([]Message, len(c.messages))
	for i, m := range c.messages {
		out[i] = *m
	}
	return out
}

// WaitMessages blocks until channelID holds at least n messages, and
// returns them, or ctx's error.
func (s *Server) WaitMessages(ctx context.Context, channelID string, n int) ([]Message, error) {
	err := s.waitFor(ctx, func() bool {
		c := s.channels[channelID]
		return c != nil && len(c.messages) >= n
	})
	out := s.Messages(channelID)
	if err != nil {
		return out, fmt.Errorf("fakediscord: %d messages in %s, want %d: %w", len(out), channelID, n, err)
	}
	return out, nil
}

// DMs returns the messages in the DM channel with userID, oldest first.
func (s *Server) DMs(userID string) []Message {
	s.mu.Lock()
	id, ok := s.dms[userID]
	s.mu.Unlock()
	if !ok {
		return nil
	}
	return s.Messages(id)
}

// WaitDMs blocks until the DM with userID holds at least n messages, and
// returns them, or ctx's error.
func (s *Server) WaitDMs(ctx context.Context, userID string, n int) ([]Message, error) {
	err := s.waitFor(ctx, func() bool {
		id, ok := s.dms[userID]
		return ok && len(s.channels[id].messages) >= n
	})
	out := s.DMs(userID)
	if err != nil {
		return out, fmt.Errorf("fakediscord: %d DMs to %s, want %d: %w", len(out), userID, n, err)
	}
	return out, nil
}

// Visible returns the messages userID sees, oldest first: those in guild
// channels and in the user's DM, and the ephemeral ones answering the
// user's interactions.
func (s *Server) Visible(userID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.messages {
		c := s.channels[m.ChannelID]
		switch {
		case m.Ephemeral():
			if m.InteractionUser != userID {
				continue
			}
		case c == nil || c.recipient != "" && c.recipient != userID:
			continue
		}
		out = append(out, *m)
	}
	slices.SortFunc(out, func(a, b Message) int {
		if lessID(a.ID, b.ID) {
			return -1
		}
		return 1
	})
	return out
}

// Message returns the message with id as it is now, wherever it is
// (ephemeral responses included).
func (s *Server) Message(id string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.messages[id]
	if m == nil {
		return Message{}, false
	}
	return *m, true
}

// Response returns the response to the interaction with id.
func (s *Server) Response(interactionID string) (Callback, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.interactions[interactionID]
	if i == nil || i.callback == nil {
		return Callback{}, false
	}
	return *i.callback, true
}

// WaitResponse blocks until the bot responds to the interaction with id,
// and returns the response, or ctx's error.
func (s *Server) WaitResponse(ctx context.Context, interactionID string) (Callback, error) {
	var cb Callback
	err := s.waitFor(ctx, func() bool {
		i := s.interactions[interactionID]
		if i == nil || i.callback == nil {
			return false
		}
		cb = *i.callback
		return true
	})
	if err != nil {
		return cb, fmt.Errorf("fakediscord: no response to interaction %s: %w", interactionID, err)
	}
	return cb, nil
}

// Callbacks returns every interaction response, oldest first.
func (s *Server) Callbacks() []Callback {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.callbacks)
}

// Original returns the interaction's original response message as it is
// now: the message a type 4 or 5 response created (edited by PATCH
// @original), or the component's message for types 6 and 7.
func (s *Server) Original(interactionID string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.interactions[interactionID]
	if i == nil || i.original == "" || s.messages[i.original] == nil {
		return Message{}, false
	}
	return *s.messages[i.original], true
}

// WaitOriginal blocks until the interaction's original response exists
// and satisfies ok (nil for any), and returns it, or ctx's error: a test
// of a deferred response waits for the edit that fills it.
func (s *Server) WaitOriginal(ctx context.Context, interactionID string, ok func(Message) bool) (Message, error) {
	var m Message
	err := s.waitFor(ctx, func() bool {
		i := s.interactions[interactionID]
		if i == nil || i.original == "" || s.messages[i.original] == nil {
			return false
		}
		m = *s.messages[i.original]
		return ok == nil || ok(m)
	})
	if err != nil {
		return m, fmt.Errorf("fakediscord: original response to %s: %w", interactionID, err)
	}
	return m, nil
}

// Followups returns the follow-up messages sent with an interaction's
// token, oldest first, as they are now.
func (s *Server) Followups(token string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.byToken[token]
	if i == nil {
		return nil
	}
	out := make([]Message, 0, len(i.followups))
	for _, id := range i.followups {
		out = append(out, *s.messages[id])
	}
	return out
}

// Commands returns the application commands as last overwritten: the
// global ones, then the guild's.
func (s *Server) Commands() []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.ApplicationCommand
	for _, c := range append(slices.Clone(s.global), s.guildCmds...) {
		cp := *c
		out = append(out, &cp)
	}
	return out
}
