package fakediscord

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// The fake's fixed identities. The bot user has the application's id, as
// it does for applications made since 2020.
const (
	DefaultApplicationID = "1100000000000000001"
	DefaultGuildID       = "1100000000000000002"
	// BotName is the bot user's name.
	BotName = "guildhall"
)

// discordEpoch is the first millisecond of 2015, where snowflakes count from.
const discordEpoch = 1420070400000

// Options configure a Server. The zero value is a Discord with no rate
// limits, no faults and every intent allowed, that accepts any bot token.
type Options struct {
	// Token, when set, is the one bot token accepted, with or without its
	// "Bot " prefix: REST calls need "Authorization: Bot TOKEN" and
	// IDENTIFY this token, else 401 and close code 4004. Unset, any
	// "Bot ..." authorization is accepted (a bare token is still refused,
	// as Discord refuses it).
	Token string
	// HeartbeatInterval is what HELLO tells the bot (default 41.25 s; at
	// least 1 ms, as it is sent in whole milliseconds).
	HeartbeatInterval time.Duration
	// Now is the fake's clock: rate limits, the 3-second window of an
	// interaction, the 15 minutes of its token, nonce windows and
	// timestamps all run on it. Default time.Now: the fake stands for
	// Discord, so it keeps real time unless a test moves it.
	Now func() time.Time

	// GlobalRate is requests per second the bot may make across every
	// route but interactions' (Discord's is 50), with GlobalBurst at once
	// (default the rate, at least 1); 0 means no global limit.
	GlobalRate  float64
	GlobalBurst int
	// MessageRate is messages per second one channel takes (POST
	// /channels/{channel}/messages, a bucket per channel; Discord's is
	// about 5 in 5 s), with MessageBurst at once (default the rate, at
	// least 1); 0 means no limit.
	MessageRate  float64
	MessageBurst int
	// RouteRate and RouteBurst limit every other route the same way, a
	// bucket per route and top-level resource (channel, guild, webhook);
	// 0 means no limit.
	RouteRate  float64
	RouteBurst int

	// DMOpenRate is how many direct-message conversations the bot may open
	// per second, with DMOpenBurst at once (default the rate, at least 1);
	// 0 means no limit. A conversation opens with its first message; over
	// the limit that message is refused with code 40003 "You are opening
	// direct messages too fast." and status DMOpenStatus (default 400;
	// Discord has been seen answering 400, 403 and 429, so a bot should
	// go by the code).
	DMOpenRate   float64
	DMOpenBurst  int
	DMOpenStatus int

	// NonceWindow is how long a nonce sent with enforce_nonce keeps
	// deduplicating messages in its channel (default 2 minutes: Discord
	// says "the past few minutes").
	NonceWindow time.Duration
	// HistoryNonces makes GET /channels/{channel}/messages show each
	// message's nonce. Discord does not: it keeps a nonce only to
	// deduplicate, and returns it in the create response and the
	// MESSAGE_CREATE dispatch, never in history.
	HistoryNonces bool
	// DisallowedIntents are privileged intents not enabled for the
	// application in the developer portal: IDENTIFY asking for one is
	// closed with 4014, and without IntentsGuildMembers the member list
	// answers 403 50001.
	DisallowedIntents discordgo.Intent

	// OnMessage, when set, is called with every message the bot creates or
	// edits (Edited set), ephemeral ones included, in order, outside the
	// fake's lock: the fakediscord command prints them.
	OnMessage func(Message)
	// OnCallback, when set, is called with every interaction response, in
	// order, outside the fake's lock.
	OnCallback func(Callback)
}

// Server is a running fake Discord.
type Server struct {
	opts Options
	http *httptest.Server

	mu           sync.Mutex
	users        map[string]*user
	members      map[string]time.Time // user id → joined at
	channels     map[string]*channel
	channelOrder []string
	dms          map[string]string // user id → DM channel id
	closedDMs    map[string]bool
	messages     map[string]*Message // by id
	interactions map[string]*interaction
	byToken      map[string]*interaction
	callbacks    []Callback
	global       []*discordgo.ApplicationCommand
	guildCmds    []*discordgo.ApplicationCommand
	cmdIDs       map[string]string // type/name → id, kept across overwrites
	calls        []Call
	faults       map[string][]Fault
	buckets      map[string]*bucket
	globalBucket *bucket
	dmOpen       *bucket
	lastID       int64
	changed      chan struct{} // closed and replaced on every change

	gw     gateway
	signer *Signer

	queue  []func()      // calls of OnMessage and OnCallback, in order
	notify chan struct{} // signalled when queue grows
	done   chan struct{}
}

// user is a Discord user.
type user struct {
	id, name string
	bot      bool
}

// channel is a guild text channel or a DM.
type channel struct {
	id, name  string
	recipient string // the other party of a DM; "" for a guild channel
	opened    bool   // a DM in which a message was created
	messages  []*Message
	nonces    map[string]nonceUse
}

// nonceUse is the message a nonce created, for enforce_nonce.
type nonceUse struct {
	message string
	at      time.Time
}

// New starts a fake Discord. Close it when done.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = 41250 * time.Millisecond
	}
	if opts.HeartbeatInterval < time.Millisecond {
		opts.HeartbeatInterval = time.Millisecond
	}
	if opts.NonceWindow <= 0 {
		opts.NonceWindow = 2 * time.Minute
	}
	if opts.DMOpenStatus == 0 {
		opts.DMOpenStatus = http.StatusBadRequest
	}
	opts.Token = strings.TrimPrefix(opts.Token, "Bot ")
	s := &Server{
		opts:         opts,
		users:        map[string]*user{},
		members:      map[string]time.Time{},
		channels:     map[string]*channel{},
		dms:          map[string]string{},
		closedDMs:    map[string]bool{},
		messages:     map[string]*Message{},
		interactions: map[string]*interaction{},
		byToken:      map[string]*interaction{},
		cmdIDs:       map[string]string{},
		faults:       map[string][]Fault{},
		buckets:      map[string]*bucket{},
		changed:      make(chan struct{}),
		notify:       make(chan struct{}, 1),
		done:         make(chan struct{}),
	}
	now := opts.Now()
	if opts.GlobalRate > 0 {
		s.globalBucket = newBucket(opts.GlobalRate, opts.GlobalBurst, now)
	}
	if opts.DMOpenRate > 0 {
		s.dmOpen = newBucket(opts.DMOpenRate, opts.DMOpenBurst, now)
	}
	s.gw.init()
	s.signer = NewSigner()
	s.signer.server = s
	s.users[DefaultApplicationID] = &user{id: DefaultApplicationID, name: BotName, bot: true}
	s.members[DefaultApplicationID] = now
	go s.deliverEvents()
	s.http = httptest.NewServer(s.routes())
	return s
}

// Close drops every websocket and stops the server.
func (s *Server) Close() {
	s.DropSockets()
	s.http.Close()
	s.mu.Lock()
	select {
	case <-s.done:
	default:
		close(s.done)
	}
	s.mu.Unlock()
}

// URL is the server's base URL, such as http://127.0.0.1:PORT, which
// stands for https://discord.com: REST routes are under URL()+"/api/v9/".
func (s *Server) URL() string { return s.http.URL }

// Addr is the server's host:port.
func (s *Server) Addr() string {
	return s.http.Listener.Addr().(*net.TCPAddr).String()
}

// ApplicationID is the application's id, which is also the bot user's.
func (s *Server) ApplicationID() string { return DefaultApplicationID }

// BotUserID is the bot user's id.
func (s *Server) BotUserID() string { return DefaultApplicationID }

// GuildID is the id of the fake's one guild.
func (s *Server) GuildID() string { return DefaultGuildID }

// AddUser adds (or renames) a Discord user. Ids are snowflakes on Discord;
// the fake takes any string, ordering ids as numbers where they are.
func (s *Server) AddUser(id, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[id] = &user{id: id, name: name}
}

// AddMember makes userID a member of the guild, adding the user (named by
// the id) if unknown.
func (s *Server) AddMember(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users[userID] == nil {
		s.users[userID] = &user{id: userID, name: userID}
	}
	if _, ok := s.members[userID]; !ok {
		s.members[userID] = s.opts.Now()
	}
}

// AddChannel adds a text channel to the guild.
func (s *Server) AddChannel(id, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.channels[id]; c != nil {
		c.name = name
		return
	}
	s.channels[id] = &channel{id: id, name: name}
	s.channelOrder = append(s.channelOrder, id)
}

// CloseDMs makes userID refuse direct messages from the bot, as a user
// does who allows none from server members or has blocked it: creating a
// message in the DM answers 403 with code 50007.
func (s *Server) CloseDMs(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closedDMs[userID] = true
}

// OpenDMs undoes CloseDMs.
func (s *Server) OpenDMs(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.closedDMs, userID)
}

// DMChannel returns the id of the DM channel with userID, creating it as
// POST /users/@me/channels would.
func (s *Server) DMChannel(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dmFor(userID).id
}

// dmFor returns the DM channel with userID, creating it. Called with s.mu
// held.
func (s *Server) dmFor(userID string) *channel {
	if id, ok := s.dms[userID]; ok {
		return s.channels[id]
	}
	c := &channel{id: s.snowflake(), recipient: userID}
	s.channels[c.id] = c
	s.dms[userID] = c.id
	return c
}

// snowflake returns a new id: milliseconds since Discord's epoch on the
// fake's clock, shifted left 22 bits, kept increasing. Called with s.mu
// held.
func (s *Server) snowflake() string {
	id := (s.opts.Now().UnixMilli() - discordEpoch) << 22
	if id <= s.lastID {
		id = s.lastID + 1
	}
	s.lastID = id
	return strconv.FormatInt(id, 10)
}

// broadcast wakes every Wait. Called with s.mu held.
func (s *Server) broadcast() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// emit queues f for the events goroutine, keeping order. Called with s.mu
// held, so events are queued in the order the changes were made.
func (s *Server) emit(f func()) {
	s.queue = append(s.queue, f)
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

// deliverEvents calls OnMessage and OnCallback outside the lock, so they
// may call the server.
func (s *Server) deliverEvents() {
	for {
		select {
		case <-s.notify:
		case <-s.done:
			return
		}
		s.mu.Lock()
		q := s.queue
		s.queue = nil
		s.mu.Unlock()
		for _, f := range q {
			f()
		}
	}
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// lessID orders ids as numbers when they are (snowflakes), else as strings.
func lessID(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// upgrader accepts the gateway's websocket from any origin.
var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
