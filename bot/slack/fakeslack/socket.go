package fakeslack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
)

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// envelope is what Socket Mode sends the app.
type envelope struct {
	Type                   string `json:"type"`
	EnvelopeID             string `json:"envelope_id"`
	Payload                any    `json:"payload"`
	AcceptsResponsePayload bool   `json:"accepts_response_payload"`
	RetryAttempt           int    `json:"retry_attempt"`
	RetryReason            string `json:"retry_reason,omitempty"`
}

// serveSocket is the Socket Mode websocket: hello, then envelopes out and
// acks in, with pings.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.socket[conn] = &sync.Mutex{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.socket, conn)
		s.mu.Unlock()
		conn.Close()
	}()
	hello := map[string]any{"type": "hello", "num_connections": 1,
		"connection_info": map[string]string{"app_id": "A0GUILD"},
		"debug_info":      map[string]any{"host": "fakeslack", "approximate_connection_time": 18060}}
	if err := s.write(conn, hello); err != nil {
		return
	}
	s.flush(conn)
	select {
	case s.sockets <- struct{}{}:
	default:
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(s.opts.PingInterval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				// WriteControl may run alongside WriteJSON in gorilla.
				if conn.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(5*time.Second)) != nil {
					return
				}
			}
		}
	}()
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &ack) != nil || ack.EnvelopeID == "" {
			continue
		}
		s.mu.Lock()
		s.ackLog = append(s.ackLog, Ack{EnvelopeID: ack.EnvelopeID, Payload: ack.Payload, At: s.opts.Now()})
		ch := s.acks[ack.EnvelopeID]
		s.mu.Unlock()
		if ch != nil {
			select {
			case ch <- ack.Payload:
			default:
			}
		}
	}
}

// write sends v on conn; gorilla's connections take one writer at a
// time, so each has its own lock.
func (s *Server) write(conn *websocket.Conn, v any) error {
	s.mu.Lock()
	mu := s.socket[conn]
	s.mu.Unlock()
	if mu == nil {
		return ErrNoSocket
	}
	mu.Lock()
	defer mu.Unlock()
	conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return conn.WriteJSON(v)
}

// WaitConnected blocks until a bot has opened a Socket Mode connection
// since the last call, or ctx ends.
func (s *Server) WaitConnected(ctx context.Context) error {
	select {
	case <-s.sockets:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("fakeslack: no Socket Mode connection: %w", ctx.Err())
	}
}

// Connected reports how many Socket Mode connections are open.
func (s *Server) Connected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.socket)
}

// ErrNoSocket is returned when writing to a connection that is gone.
var ErrNoSocket = errors.New("fakeslack: no Socket Mode connection")

// Send sends an envelope of typ ("slash_commands", "interactive",
// "events_api") with payload to a connected bot, or keeps it until one
// connects, and returns its id. The same id may be sent again with
// Resend, as Slack retries.
func (s *Server) Send(typ string, payload any) (string, error) {
	s.mu.Lock()
	s.seq++
	id := fmt.Sprintf("env-%06d", s.seq)
	s.acks[id] = make(chan json.RawMessage, 4)
	s.mu.Unlock()
	return id, s.send(envelope{Type: typ, EnvelopeID: id, Payload: payload, AcceptsResponsePayload: typ != "events_api"})
}

// Resend sends the envelope id again, as a retry.
func (s *Server) Resend(id, typ string, payload any, attempt int) error {
	return s.send(envelope{Type: typ, EnvelopeID: id, Payload: payload, AcceptsResponsePayload: typ != "events_api",
		RetryAttempt: attempt, RetryReason: "timeout"})
}

// send sends e to a connected bot. With none connected, Slack keeps the
// envelope and delivers it when the app reconnects; so does the fake.
func (s *Server) send(e envelope) error {
	s.mu.Lock()
	var conn *websocket.Conn
	for c := range s.socket {
		conn = c
		break
	}
	if conn == nil {
		s.pending = append(s.pending, e)
		s.mu.Unlock()
		return nil
	}
	s.mu.Unlock()
	if err := s.write(conn, e); err != nil {
		s.mu.Lock()
		s.pending = append(s.pending, e)
		s.mu.Unlock()
	}
	return nil
}

// flush delivers the envelopes kept while no bot was connected.
func (s *Server) flush(conn *websocket.Conn) {
	s.mu.Lock()
	pending := s.pending
	s.pending = nil
	s.mu.Unlock()
	for i, e := range pending {
		if s.write(conn, e) != nil {
			s.mu.Lock()
			s.pending = append(pending[i:], s.pending...)
			s.mu.Unlock()
			return
		}
	}
}

// WaitAck blocks until the bot acknowledges envelope id, and returns the
// ack's payload (a response, such as a modal's errors), or ctx's error.
func (s *Server) WaitAck(ctx context.Context, id string) (json.RawMessage, error) {
	s.mu.Lock()
	ch := s.acks[id]
	s.mu.Unlock()
	if ch == nil {
		return nil, fmt.Errorf("fakeslack: no envelope %s", id)
	}
	select {
	case p := <-ch:
		return p, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("fakeslack: envelope %s not acknowledged: %w", id, ctx.Err())
	}
}

// Acks returns every acknowledgement received.
func (s *Server) Acks() []Ack {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Ack(nil), s.ackLog...)
}

// DropSockets closes every Socket Mode connection abruptly, as a network
// failure would.
func (s *Server) DropSockets() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.socket {
		c.Close()
		delete(s.socket, c)
	}
	// Forget connections signalled but not waited for: WaitConnected
	// then waits for a new one.
	for {
		select {
		case <-s.sockets:
		default:
			return
		}
	}
}

// SlashCommand returns the payload of user typing command (such as
// "/cfp") with text in channel.
func (s *Server) SlashCommand(user, channel, command, text string) slack.SlashCommand {
	s.mu.Lock()
	s.seq++
	n := s.seq
	name := user
	if u := s.users[user]; u != nil {
		name = u.Name
	}
	s.mu.Unlock()
	return slack.SlashCommand{TeamID: TeamID, TeamDomain: "guildhall", ChannelID: channel, UserID: user, UserName: name,
		Command: command, Text: text, TriggerID: fmt.Sprintf("trigger-%d", n), APIAppID: "A0GUILD",
		ResponseURL: fmt.Sprintf("%sresponse/%d", s.URL(), n)}
}

// ViewSubmission returns the payload of user submitting the modal last
// opened with views.open whose callback_id is callbackID, with the given
// input values by block id (an action "value" in each block; a value
// starting with "U" in a block whose element is a user select is sent as
// the selected user).
func (s *Server) ViewSubmission(user, callbackID string, values map[string]string) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.views) - 1; i >= 0; i-- {
		v := s.views[i]
		if v.Method != "views.open" {
			continue
		}
		var view struct {
			CallbackID      string `json:"callback_id"`
			PrivateMetadata string `json:"private_metadata"`
			Blocks          []struct {
				BlockID string `json:"block_id"`
				Element struct {
					Type string `json:"type"`
				} `json:"element"`
			} `json:"blocks"`
		}
		if json.Unmarshal(v.View, &view) != nil || view.CallbackID != callbackID {
			continue
		}
		state := map[string]any{}
		for _, b := range view.Blocks {
			val, ok := values[b.BlockID]
			if !ok {
				continue
			}
			action := map[string]any{"type": b.Element.Type, "value": val}
			if b.Element.Type == "users_select" {
				action = map[string]any{"type": "users_select", "selected_user": val}
			}
			state[b.BlockID] = map[string]any{"value": action}
		}
		s.seq++
		return map[string]any{"type": "view_submission", "team": map[string]string{"id": TeamID},
			"user": map[string]string{"id": user, "name": s.userName(user)},
			"view": map[string]any{"id": v.ViewID, "type": "modal", "callback_id": view.CallbackID, "private_metadata": view.PrivateMetadata,
				"hash": fmt.Sprintf("h%d", s.seq), "state": map[string]any{"values": state}}}, nil
	}
	return nil, fmt.Errorf("fakeslack: no modal %q was opened", callbackID)
}

// userName is the name of user id, or the id. Called with s.mu held.
func (s *Server) userName(id string) string {
	if u := s.users[id]; u != nil {
		return u.Name
	}
	return id
}

// Press returns the payload of user pressing the button labelled label in
// message m (as Messages returns it).
func (s *Server) Press(user string, m Message, label string) (map[string]any, error) {
	var blocks []struct {
		Type     string `json:"type"`
		BlockID  string `json:"block_id"`
		Elements []struct {
			Type     string `json:"type"`
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
			Text     struct {
				Text string `json:"text"`
			} `json:"text"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
		return nil, fmt.Errorf("fakeslack: message %s has no blocks: %w", m.TS, err)
	}
	for _, b := range blocks {
		for _, e := range b.Elements {
			if e.Type != "button" || e.Text.Text != label {
				continue
			}
			s.mu.Lock()
			s.seq++
			n := s.seq
			name := s.userName(user)
			s.mu.Unlock()
			return map[string]any{"type": "block_actions", "team": map[string]string{"id": TeamID},
				"user":         map[string]string{"id": user, "name": name},
				"trigger_id":   fmt.Sprintf("trigger-%d", n),
				"response_url": fmt.Sprintf("%sresponse/%d", s.URL(), n),
				"channel":      map[string]string{"id": m.Channel},
				"message":      map[string]any{"ts": m.TS, "text": m.Text, "type": "message"},
				"actions": []map[string]any{{"type": "button", "block_id": b.BlockID, "action_id": e.ActionID, "value": e.Value,
					"text": map[string]string{"type": "plain_text", "text": e.Text.Text}}}}, nil
		}
	}
	return nil, fmt.Errorf("fakeslack: no button %q in message %s", label, m.TS)
}
