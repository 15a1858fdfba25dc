package fakediscord_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot/discord/fakediscord"
)

const token = "fake-bot-token"

// Users the tests add.
const (
	ann  = "200000000000000001"
	sam  = "200000000000000002"
	olga = "200000000000000003"
	// general is a guild text channel.
	general = "300000000000000001"
)

// clock is a clock the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// rewrite sends discordgo's requests for https://discord.com to the fake,
// keeping the path, as the adapter's transport does.
type rewrite struct {
	base *url.URL
	t    *testing.T
}

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Host != "discord.com" || r.URL.Scheme != "https" {
		rw.t.Errorf("discordgo requested %s, want https://discord.com/...", r.URL)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rw.base.Scheme, rw.base.Host, rw.base.Host
	return http.DefaultTransport.RoundTrip(r)
}

// newFake starts a fake with ann, sam and olga as members and #general.
func newFake(t *testing.T, opts fakediscord.Options) *fakediscord.Server {
	t.Helper()
	if opts.Token == "" {
		opts.Token = token
	}
	fs := fakediscord.New(opts)
	t.Cleanup(fs.Close)
	for id, name := range map[string]string{ann: "ann", sam: "sam", olga: "olga"} {
		fs.AddUser(id, name)
		fs.AddMember(id)
	}
	fs.AddChannel(general, "general")
	return fs
}

// newSession is a discordgo session whose requests go to the fake. It
// does not retry on 429s, so the tests see them; it is closed at cleanup.
func newSession(t *testing.T, fs *fakediscord.Server) *discordgo.Session {
	t.Helper()
	dg, err := discordgo.New("Bot " + token)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse(fs.URL())
	dg.Client = &http.Client{Transport: rewrite{base: base, t: t}, Timeout: 10 * time.Second}
	dg.ShouldRetryOnRateLimit = false
	dg.MaxRestRetries = 0
	t.Cleanup(func() { dg.Close() })
	return dg
}

// timeout is a context for one test's waits.
func timeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// restCode returns the Discord error code of a discordgo REST error, or -1.
func restCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return -1
}

// restStatus returns the HTTP status of a discordgo REST error, or 0.
func restStatus(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) {
		return re.Response.StatusCode
	}
	return 0
}
