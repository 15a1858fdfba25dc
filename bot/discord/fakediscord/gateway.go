package fakediscord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	OpDispatch       = 0
	OpHeartbeat      = 1
	OpIdentify       = 2
	OpPresenceUpdate = 3
	OpResume         = 6
	OpReconnect      = 7
	OpRequestMembers = 8
	OpInvalidSession = 9
	OpHello          = 10
	OpHeartbeatACK   = 11
)

// Gateway close codes the fake uses.
const (
	CloseUnknownOpcode     = 4001
	CloseDecodeError       = 4002
	CloseNotAuthenticated  = 4003
	CloseAuthFailed        = 4004
	CloseAlreadyAuth       = 4005
	CloseInvalidAPIVersion = 4012
	CloseDisallowedIntents = 4014
)

// writeWait bounds a websocket write, in real time.
const writeWait = 5 * time.Second

// GatewayOp is a payload the bot sent over the gateway.
type GatewayOp struct {
	Op   int
	Data json.RawMessage
	At   time.Time
}

// gateway is the websocket side's state, under its own lock so that
// dispatches are numbered and written in order. Lock order: gateway.mu,
// then Server.mu.
type gateway struct {
	mu      sync.Mutex
	conns   map[*gwConn]bool
	live    *gwConn  // the connection dispatches go to
	session *session // the current session, nil before the first IDENTIFY
	pending []*dispatch
	ops     []GatewayOp
	ready   chan struct{} // signalled on each READY or RESUMED
}

func (g *gateway) init() {
	g.conns = map[*gwConn]bool{}
	g.ready = make(chan struct{}, 16)
}

// session is a gateway session: its id, its last sequence number and the
// dispatches sent in it, for RESUME.
type session struct {
	id  string
	seq int64
	log []*dispatch
}

// dispatch is an event (op 0).
type dispatch struct {
	seq  int64
	t    string
	d    json.RawMessage
	sent bool // written to a connection
}

// gwConn is one gateway websocket.
type gwConn struct {
	ws     *websocket.Conn
	wmu    sync.Mutex // gorilla takes one writer at a time
	host   string
	v      int
	authed bool
}

// frame is a gateway payload.
type frame struct {
	Op int    `json:"op"`
	D  any    `json:"d"`
	S  *int64 `json:"s"`
	T  string `json:"t,omitempty"`
}

func (c *gwConn) write(f frame) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.ws.SetWriteDeadline(time.Now().Add(writeWait))
	return c.ws.WriteJSON(f)
}

// close sends a close frame with code and reason, then closes.
func (c *gwConn) close(code int, reason string) {
	c.wmu.Lock()
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(writeWait))
	c.wmu.Unlock()
	c.ws.Close()
}

// serveGateway is the gateway websocket: HELLO, then IDENTIFY or RESUME,
// heartbeats acknowledged, and dispatches out.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	v := 9
	switch r.URL.Query().Get("v") {
	case "", "9":
	case "10":
		v = 10
	default:
		v = 0
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws, host: r.Host, v: v}
	s.gw.mu.Lock()
	s.gw.conns[c] = true
	s.gw.mu.Unlock()
	defer func() {
		s.gw.mu.Lock()
		delete(s.gw.conns, c)
		if s.gw.live == c {
			s.gw.live = nil
		}
		s.gw.mu.Unlock()
		ws.Close()
	}()
	if v == 0 {
		c.close(CloseInvalidAPIVersion, "Invalid API version.")
		return
	}
	if enc := r.URL.Query().Get("encoding"); enc != "" && enc != "json" {
		c.close(CloseDecodeError, "Decode error.")
		return
	}
	hello := map[string]any{"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()}
	if c.write(frame{Op: OpHello, D: hello}) != nil {
		return
	}
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var in struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if json.Unmarshal(data, &in) != nil {
			c.close(CloseDecodeError, "Decode error.")
			return
		}
		s.gw.mu.Lock()
		s.gw.ops = append(s.gw.ops, GatewayOp{Op: in.Op, Data: in.D, At: s.opts.Now()})
		s.gw.mu.Unlock()
		s.mu.Lock()
		s.broadcast()
		s.mu.Unlock()
		if !s.handleOp(c, in.Op, in.D) {
			return
		}
	}
}

// handleOp handles one payload from the bot, and reports whether the
// connection stays open.
func (s *Server) handleOp(c *gwConn, op int, d json.RawMessage) bool {
	switch op {
	case OpHeartbeat:
		return c.write(frame{Op: OpHeartbeatACK}) == nil
	case OpIdentify:
		var id identifyData
		if json.Unmarshal(d, &id) != nil {
			c.close(CloseDecodeError, "Decode error.")
			return false
		}
		switch {
		case c.authed:
			c.close(CloseAlreadyAuth, "Already authenticated.")
			return false
		case !s.tokenOK(id.Token):
			c.close(CloseAuthFailed, "Authentication failed.")
			return false
		case id.Intents&s.opts.DisallowedIntents != 0:
			c.close(CloseDisallowedIntents, "Disallowed intent(s).")
			return false
		}
		c.authed = true
		s.identify(c, id)
		return true
	case OpResume:
		var res struct {
			Token     string `json:"token"`
			SessionID string `json:"session_id"`
			Seq       int64  `json:"seq"`
		}
		if json.Unmarshal(d, &res) != nil {
			c.close(CloseDecodeError, "Decode error.")
			return false
		}
		if !s.tokenOK(res.Token) {
			c.close(CloseAuthFailed, "Authentication failed.")
			return false
		}
		if !s.resume(c, res.SessionID, res.Seq) {
			// Not resumable: the bot should IDENTIFY on this connection.
			return c.write(frame{Op: OpInvalidSession, D: false}) == nil
		}
		c.authed = true
		return true
	case OpPresenceUpdate:
		return true
	case OpRequestMembers:
		if !c.authed {
			c.close(CloseNotAuthenticated, "Not authenticated.")
			return false
		}
		s.memberChunk(d)
		return true
	default:
		c.close(CloseUnknownOpcode, "Unknown opcode.")
		return false
	}
}

// identifyData is the part of IDENTIFY the fake reads.
type identifyData struct {
	Token   string           `json:"token"`
	Intents discordgo.Intent `json:"intents"`
	Shard   *[2]int          `json:"shard"`
}

// tokenOK checks a gateway token, with or without "Bot ".
func (s *Server) tokenOK(tok string) bool {
	tok = strings.TrimPrefix(tok, "Bot ")
	return tok != "" && (s.opts.Token == "" || tok == s.opts.Token)
}

// identify starts a new session on c: READY, GUILD_CREATE, then what was
// kept for the bot while none was connected: dispatches made before any
// session, and those of the last session that no connection took.
func (s *Server) identify(c *gwConn, id identifyData) {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	var carry []*dispatch
	if old := g.session; old != nil {
		for _, e := range old.log {
			if !e.sent {
				carry = append(carry, e)
			}
		}
	}
	carry = append(carry, g.pending...)
	g.pending = nil
	g.session = &session{id: randomHex(16)}
	s.mu.Lock()
	ready := map[string]any{"v": c.v, "user": userJSON(s.users[DefaultApplicationID]), "session_id": g.session.id,
		"resume_gateway_url": "ws://" + c.host + "/gateway", "private_channels": []any{}, "guilds": []any{
			map[string]any{"id": DefaultGuildID, "unavailable": true}},
		"application": map[string]any{"id": DefaultApplicationID, "flags": 0}}
	if id.Shard != nil {
		ready["shard"] = id.Shard
	}
	guild := s.guildJSON()
	s.mu.Unlock()
	s.send(c, "READY", ready, true)
	s.send(c, "GUILD_CREATE", guild, true)
	g.live = c
	for _, e := range carry {
		s.send(c, e.t, e.d, true)
	}
	s.signalReady()
}

// resume resumes session on c, replaying what came after seq, then
// RESUMED; it reports false when the session is not the current one.
func (s *Server) resume(c *gwConn, sessionID string, seq int64) bool {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.session == nil || g.session.id != sessionID || seq > g.session.seq {
		return false
	}
	for _, e := range g.session.log {
		if e.seq > seq && c.write(frame{Op: OpDispatch, D: e.d, S: &e.seq, T: e.t}) == nil {
			e.sent = true
		}
	}
	s.send(c, "RESUMED", map[string]any{}, false)
	g.live = c
	s.signalReady()
	return true
}

// send numbers an event in the current session and writes it to c (if
// not nil); logged events are kept for RESUME. Called with gateway.mu
// held.
func (s *Server) send(c *gwConn, t string, d any, logged bool) {
	raw, err := json.Marshal(d)
	if err != nil {
		return
	}
	g := &s.gw
	g.session.seq++
	e := &dispatch{seq: g.session.seq, t: t, d: raw}
	if logged {
		g.session.log = append(g.session.log, e)
	}
	if c != nil && c.write(frame{Op: OpDispatch, D: e.d, S: &e.seq, T: t}) == nil {
		e.sent = true
	}
}

func (s *Server) signalReady() {
	select {
	case s.gw.ready <- struct{}{}:
	default:
	}
}

// guildJSON is the guild as GUILD_CREATE shows it. Called with s.mu held.
func (s *Server) guildJSON() map[string]any {
	channels := []any{}
	for _, id := range s.channelOrder {
		if c := s.channels[id]; c.recipient == "" {
			ch := s.channelJSON(c)
			delete(ch, "guild_id")
			channels = append(channels, ch)
		}
	}
	joined := s.members[DefaultApplicationID].UTC().Format(time.RFC3339Nano)
	return map[string]any{"id": DefaultGuildID, "name": "guildhall", "icon": nil, "owner_id": DefaultApplicationID,
		"unavailable": false, "large": false, "member_count": len(s.members), "joined_at": joined,
		"roles":    []any{map[string]any{"id": DefaultGuildID, "name": "@everyone", "permissions": "2248473465835073", "position": 0}},
		"channels": channels, "members": []any{s.memberJSON(DefaultApplicationID)}, "threads": []any{}, "emojis": []any{},
		"stickers": []any{}, "voice_states": []any{}, "presences": []any{}, "features": []any{},
		"preferred_locale": "en-US", "verification_level": 0}
}

// memberChunk answers REQUEST_GUILD_MEMBERS with one GUILD_MEMBERS_CHUNK.
func (s *Server) memberChunk(d json.RawMessage) {
	var req struct {
		Nonce string `json:"nonce"`
	}
	json.Unmarshal(d, &req)
	s.mu.Lock()
	members := []any{}
	for id := range s.members {
		members = append(members, s.memberJSON(id))
	}
	s.mu.Unlock()
	s.dispatch("GUILD_MEMBERS_CHUNK", map[string]any{"guild_id": DefaultGuildID, "members": members,
		"chunk_index": 0, "chunk_count": 1, "nonce": req.Nonce})
}

// dispatch sends an event to the connected bot, or keeps it until one
// connects: numbered in the session for RESUME, or, before any session,
// until the first IDENTIFY.
func (s *Server) dispatch(t string, d any) {
	raw, err := json.Marshal(d)
	if err != nil {
		return
	}
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.session == nil {
		g.pending = append(g.pending, &dispatch{t: t, d: raw})
		return
	}
	s.send(g.live, t, json.RawMessage(raw), true)
}

// Interact dispatches INTERACTION_CREATE with i (from SlashCommand, Press
// or ModalSubmit, or built by hand) over the gateway, or keeps it until a
// bot connects. The 3-second window of its response runs from when it was
// built.
func (s *Server) Interact(i *discordgo.Interaction) error {
	raw, err := Encode(i)
	if err != nil {
		return fmt.Errorf("fakediscord: encoding interaction %s: %w", i.ID, err)
	}
	s.mu.Lock()
	s.track(i)
	s.mu.Unlock()
	s.dispatch("INTERACTION_CREATE", json.RawMessage(raw))
	return nil
}

// Dispatch sends any event t with data d, as Interact does.
func (s *Server) Dispatch(t string, d any) { s.dispatch(t, d) }

// WaitConnected blocks until a bot has identified or resumed on the
// gateway since the last call (or the last DropSockets), or ctx ends.
func (s *Server) WaitConnected(ctx context.Context) error {
	select {
	case <-s.gw.ready:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("fakediscord: no gateway connection: %w", ctx.Err())
	}
}

// Connected reports how many gateway websockets are open.
func (s *Server) Connected() int {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	return len(s.gw.conns)
}

// SessionID is the current gateway session's id, "" before the first
// IDENTIFY.
func (s *Server) SessionID() string {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	if s.gw.session == nil {
		return ""
	}
	return s.gw.session.id
}

// DropSockets closes every gateway websocket abruptly, as a network
// failure would: no close frame. The session stays resumable.
func (s *Server) DropSockets() {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	for c := range s.gw.conns {
		c.ws.Close()
	}
	s.gw.live = nil
	for {
		select {
		case <-s.gw.ready:
		default:
			return
		}
	}
}

// InvalidateSession forgets the current session, as Discord does when one
// expires: a RESUME is answered with INVALID_SESSION (op 9, d false), and
// the bot must IDENTIFY again. Dispatches not yet taken by a connection
// are kept for the new session.
func (s *Server) InvalidateSession() {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	if g := &s.gw; g.session != nil {
		g.session.id = "expired-" + g.session.id
	}
}

// Reconnect asks the connected bot to reconnect and resume (op 7).
func (s *Server) Reconnect() error {
	s.gw.mu.Lock()
	c := s.gw.live
	s.gw.mu.Unlock()
	if c == nil {
		return ErrNotConnected
	}
	return c.write(frame{Op: OpReconnect})
}

// ErrNotConnected is returned when no bot is connected to the gateway.
var ErrNotConnected = errors.New("fakediscord: no bot connected to the gateway")

// GatewayOps returns the payloads of op (-1 for all) the bot sent over
// the gateway, oldest first.
func (s *Server) GatewayOps(op int) []GatewayOp {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	var out []GatewayOp
	for _, o := range s.gw.ops {
		if op < 0 || o.Op == op {
			out = append(out, o)
		}
	}
	return out
}

// WaitGatewayOps blocks until the bot has sent at least n payloads of op
// (-1 for any), and returns them, or ctx's error.
func (s *Server) WaitGatewayOps(ctx context.Context, op, n int) ([]GatewayOp, error) {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if ops := s.GatewayOps(op); len(ops) >= n {
			return ops, nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return s.GatewayOps(op), fmt.Errorf("fakediscord: %d gateway payloads of op %d, want %d: %w", len(s.GatewayOps(op)), op, n, ctx.Err())
		}
	}
}
