package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/time/rate"

	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/templates"
)

// Defaults of a Sender.
const (
	// DefaultDMEvery is the least time between opening two direct-message
	// channels: the slow lane that keeps the bot from being flagged.
	DefaultDMEvery = time.Second
	// DefaultHold is how long a direct message waits for its recipient to
	// agree to direct messages before it is tried again.
	DefaultHold = time.Hour
	// DefaultRequestRate is Discord's global limit, in requests a second.
	DefaultRequestRate = 50
	// historyDepth is how many recent messages of a channel are searched
	// for a message found in flight after a crash.
	historyDepth = 50
)

// Discord's JSON error codes the Sender tells apart.
const (
	codeUnknownChannel = 10003
	codeUnknownUser    = 10013
	codeDMsTooFast     = 40003 // opening direct messages too fast
	codeMissingAccess  = 50001
	codeCannotMessage  = 50007 // the user closed their direct messages, or shares no server
	codeNoPermission   = 50013
)

// Sender delivers outbox messages to Discord: channel posts, and direct
// messages to members who agreed to them (guild.User.DMs). Each message
// carries a nonce made from its key with enforce_nonce, so Discord creates
// it once however often it is sent; a message longer than Discord's 2,000
// characters goes as several, each with its own nonce. It implements
// remind.Sender and remind.Checker.
type Sender struct {
	Session *discordgo.Session
	// GuildID is the server whose channels a channel's name is looked up
	// in, when a message names a channel rather than giving its id.
	GuildID string
	// NoticeChannel, when set, is where a member who has not agreed to
	// direct messages is told, once, that messages wait for them.
	NoticeChannel string
	// DMEvery is the least time between opening two direct-message
	// channels; 0 means DefaultDMEvery.
	DMEvery time.Duration
	// Hold is how long a direct message to someone who has not agreed
	// waits before it is tried again; 0 means DefaultHold.
	Hold time.Duration
	// RequestRate is how many requests a second the Sender makes in all,
	// under Discord's global limit of 50, so that a fan-out runs at the
	// limit without 429s (invalid requests Discord counts against a bot);
	// 0 means DefaultRequestRate, negative no limit.
	RequestRate float64
	// Now is the clock of the slow lane and the request rate; Sleep waits
	// for the rate, real time (nil means a timer).
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	mu       sync.Mutex
	limit    *rate.Limiter
	dms      map[string]string // user id → DM channel id
	channels map[string]string // channel name → id
	nextDM   time.Time
	told     map[string]bool // members told that messages wait
}

var (
	_ remind.Sender  = (*Sender)(nil)
	_ remind.Checker = (*Sender)(nil)
)

// Nonce is the nonce of part n of the message with key: Discord takes up
// to 25 characters.
func Nonce(key string, n int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s#%d", key, n)))
	return hex.EncodeToString(sum[:])[:25]
}

// post is the body of a message create with a nonce.
type post struct {
	Content         string                            `json:"content"`
	Components      []discordgo.MessageComponent      `json:"components,omitempty"`
	Nonce           string                            `json:"nonce"`
	EnforceNonce    bool                              `json:"enforce_nonce"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
}

// Send implements remind.Sender.
func (s *Sender) Send(ctx context.Context, m *remind.Message) error {
	ch, err := s.target(ctx, m)
	if err != nil {
		return err
	}
	parts := chunks(m.Body)
	for n, text := range parts {
		p := post{Content: text, Nonce: Nonce(m.Key, n), EnforceNonce: true, AllowedMentions: noMentions()}
		if n == len(parts)-1 {
			p.Components = buttons(m.Actions)
		}
		if err := s.create(ctx, ch, p); err != nil {
			return err
		}
	}
	return nil
}

// create posts p in channel ch.
func (s *Sender) create(ctx context.Context, ch string, p post) error {
	if err := s.pace(ctx); err != nil {
		return err
	}
	ep := discordgo.EndpointChannelMessages(ch)
	_, err := s.Session.RequestWithBucketID(http.MethodPost, ep, p, ep, discordgo.WithContext(ctx))
	return classify(err)
}

// pace waits for the next request's turn under RequestRate.
func (s *Sender) pace(ctx context.Context) error {
	s.mu.Lock()
	if s.limit == nil {
		r := s.RequestRate
		if r == 0 {
			r = DefaultRequestRate
		}
		if r < 0 {
			s.limit = rate.NewLimiter(rate.Inf, 1)
		} else {
			s.limit = rate.NewLimiter(rate.Limit(r), max(1, int(r)))
		}
	}
	now := s.Now()
	d := s.limit.ReserveN(now, 1).DelayFrom(now)
	s.mu.Unlock()
	if d <= 0 {
		return nil
	}
	if s.Sleep != nil {
		return s.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// target returns the id of the channel m goes to: the recipient's direct
// messages, or the channel, looked up by name when it is no id.
func (s *Sender) target(ctx context.Context, m *remind.Message) (string, error) {
	if m.To == nil {
		return s.channel(ctx, m.Channel)
	}
	if !m.To.DMs {
		s.tell(ctx, m.To.PlatformID)
		return "", &remind.RateLimitError{After: s.hold(), Scope: remind.ScopeRecipient,
			Reason: fmt.Sprintf("waiting for @%s to agree to direct messages (/profile dms=yes)", m.To.Name)}
	}
	return s.dm(ctx, m.To.PlatformID)
}

func (s *Sender) hold() time.Duration {
	if s.Hold > 0 {
		return s.Hold
	}
	return DefaultHold
}

// dm returns the DM channel with user, opening it at most one every
// DMEvery: past that, the message waits its turn.
func (s *Sender) dm(ctx context.Context, user string) (string, error) {
	s.mu.Lock()
	if id, ok := s.dms[user]; ok {
		s.mu.Unlock()
		return id, nil
	}
	now := s.Now()
	if wait := s.nextDM.Sub(now); wait > 0 {
		s.mu.Unlock()
		return "", &remind.RateLimitError{After: wait, Scope: remind.ScopeRecipient, Reason: "opening direct messages one a second"}
	}
	every := s.DMEvery
	if every <= 0 {
		every = DefaultDMEvery
	}
	s.nextDM = now.Add(every)
	s.mu.Unlock()
	if err := s.pace(ctx); err != nil {
		return "", err
	}
	c, err := s.Session.UserChannelCreate(user, discordgo.WithContext(ctx))
	if err != nil {
		return "", classify(err)
	}
	s.mu.Lock()
	if s.dms == nil {
		s.dms = map[string]string{}
	}
	s.dms[user] = c.ID
	s.mu.Unlock()
	return c.ID, nil
}

// channel returns the id of the channel ch names: ch itself when it is an
// id, else the guild's text channel of that name.
func (s *Sender) channel(ctx context.Context, ch string) (string, error) {
	name := strings.TrimPrefix(ch, "#")
	if isSnowflake(name) {
		return name, nil
	}
	s.mu.Lock()
	id, ok := s.channels[name]
	s.mu.Unlock()
	if ok {
		return id, nil
	}
	if s.GuildID == "" {
		return "", remind.Permanent(fmt.Errorf("discord: no server to find #%s in (set DISCORD_GUILD_ID), and no channel id", name))
	}
	if err := s.pace(ctx); err != nil {
		return "", err
	}
	cs, err := s.Session.GuildChannels(s.GuildID, discordgo.WithContext(ctx))
	if err != nil {
		return "", classify(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.channels == nil {
		s.channels = map[string]string{}
	}
	for _, c := range cs {
		s.channels[strings.ToLower(c.Name)] = c.ID
	}
	if id, ok := s.channels[strings.ToLower(name)]; ok {
		return id, nil
	}
	return "", remind.Permanent(fmt.Errorf("discord: the server has no channel #%s", name))
}

// tell posts, once per member, in NoticeChannel that messages wait for
// them until they agree to direct messages. A failure is not the
// message's: it only delays the telling.
func (s *Sender) tell(ctx context.Context, user string) {
	if s.NoticeChannel == "" {
		return
	}
	s.mu.Lock()
	if s.told[user] {
		s.mu.Unlock()
		return
	}
	if s.told == nil {
		s.told = map[string]bool{}
	}
	s.told[user] = true
	s.mu.Unlock()
	ch, err := s.channel(ctx, s.NoticeChannel)
	var text string
	if err == nil {
		text, err = templates.Render("discord_dm_consent", templates.DMConsent{User: user})
	}
	if err == nil {
		err = s.create(ctx, ch, post{Content: text, Nonce: Nonce("dm-consent:"+user, 0), EnforceNonce: true,
			AllowedMentions: &discordgo.MessageAllowedMentions{Users: []string{user}}})
	}
	if err != nil {
		s.mu.Lock()
		delete(s.told, user)
		s.mu.Unlock()
	}
}

// Delivered implements remind.Checker: it looks for the message among the
// channel's recent ones by its nonce, or, where Discord does not give
// nonces back, by its text from the bot.
func (s *Sender) Delivered(ctx context.Context, m *remind.Message) (bool, error) {
	if m.To != nil && !m.To.DMs {
		return false, nil
	}
	ch, err := s.target(ctx, m)
	if err != nil {
		return false, err
	}
	if err := s.pace(ctx); err != nil {
		return false, err
	}
	ep := discordgo.EndpointChannelMessages(ch) + fmt.Sprintf("?limit=%d", historyDepth)
	b, err := s.Session.RequestWithBucketID(http.MethodGet, ep, nil, discordgo.EndpointChannelMessages(ch), discordgo.WithContext(ctx))
	if err != nil {
		return false, classify(err)
	}
	var msgs []struct {
		Content string          `json:"content"`
		Nonce   json.RawMessage `json:"nonce"`
		Author  struct {
			ID string `json:"id"`
		} `json:"author"`
	}
	if err := json.Unmarshal(b, &msgs); err != nil {
		return false, fmt.Errorf("discord: channel history: %w", err)
	}
	first, nonce := chunks(m.Body)[0], Nonce(m.Key, 0)
	me := ""
	if st := s.Session.State; st != nil && st.User != nil {
		me = st.User.ID
	}
	for _, h := range msgs {
		if strings.Trim(string(h.Nonce), `"`) == nonce || (h.Content == first && (me == "" || h.Author.ID == me)) {
			return true, nil
		}
	}
	return false, nil
}

// classify turns a discordgo error into what the runner understands: a
// 429 is a wait of retry_after; the refusals no retry mends, among them
// 50007 and 40003, are permanent, so the message is marked and the
// organisers told rather than retried into a ban.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.TooManyRequests != nil && strings.Contains(strings.ToLower(rl.Message), "opening direct messages too fast") {
		// 40003 sent as a 429: discordgo keeps its message, not its code.
		return remind.Permanent(fmt.Errorf("discord: opening direct messages too fast (40003): not retried, so that the bot is not flagged as spam"))
	}
	if errors.As(err, &rl) {
		after := time.Second
		if rl.TooManyRequests != nil && rl.RetryAfter > 0 {
			after = rl.RetryAfter
		}
		return &remind.RateLimitError{After: after, Scope: remind.ScopeRecipient}
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) {
		code := 0
		if re.Message != nil {
			code = re.Message.Code
		}
		switch code {
		case codeCannotMessage:
			return remind.Permanent(fmt.Errorf("discord: cannot message this user (50007): they closed their direct messages or left the server"))
		case codeDMsTooFast:
			return remind.Permanent(fmt.Errorf("discord: opening direct messages too fast (40003): not retried, so that the bot is not flagged as spam"))
		case codeUnknownChannel, codeUnknownUser, codeMissingAccess, codeNoPermission:
			return remind.Permanent(fmt.Errorf("discord: %w", err))
		}
		if re.Response != nil && re.Response.StatusCode >= 400 && re.Response.StatusCode < 500 && re.Response.StatusCode != http.StatusTooManyRequests {
			return remind.Permanent(fmt.Errorf("discord: %w", err))
		}
	}
	return fmt.Errorf("discord: %w", err)
}

// isSnowflake reports whether s is a Discord id: digits only.
func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
