package discord

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Platform is the platform name users of this adapter carry.
const Platform = "discord"

// discordHost is where discordgo sends its REST calls.
const discordHost = "discord.com"

// Transport sends discordgo's requests for https://discord.com to Base
// instead, keeping the path and query: how guildhall reaches a stand-in of
// Discord without rewriting discordgo's package variables.
type Transport struct {
	Base *url.URL
	// Next carries the requests; nil means http.DefaultTransport.
	Next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	next := t.Next
	if next == nil {
		next = http.DefaultTransport
	}
	if t.Base == nil || r.URL.Host != discordHost {
		return next.RoundTrip(r)
	}
	out := r.Clone(r.Context())
	u := *r.URL
	u.Scheme, u.Host = t.Base.Scheme, t.Base.Host
	u.Path = strings.TrimRight(t.Base.Path, "/") + r.URL.Path
	if r.URL.RawPath != "" {
		u.RawPath = strings.TrimRight(t.Base.Path, "/") + r.URL.RawPath
	}
	out.URL, out.Host = &u, ""
	return next.RoundTrip(out)
}

// NewSession returns a discordgo session for the bot token, sending its
// REST calls to apiURL when it is not "" (such as fakediscord's base URL).
// discordgo's own retry on 429 is off: the outbox's runner honours
// retry_after, and an interaction's answer is never held up by a sleep.
func NewSession(token, apiURL string) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + strings.TrimPrefix(token, "Bot "))
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	tr := &Transport{}
	if apiURL != "" {
		u, err := url.Parse(apiURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("discord: DISCORD_API_URL %q is not a URL such as http://127.0.0.1:4000", apiURL)
		}
		tr.Base = u
	}
	s.Client = &http.Client{Transport: tr, Timeout: 20 * time.Second}
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 0
	s.ShouldReconnectOnError = true
	s.Identify.Intents = discordgo.IntentsGuilds
	s.UserAgent = "DiscordBot (https://github.com/guildhall/guildhall, 1) guildhall"
	return s, nil
}
