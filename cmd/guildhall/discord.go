package main

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot"
	discordbot "github.com/guildhall/guildhall/bot/discord"
)

// discordSession returns the Discord session when DISCORD_BOT_TOKEN is
// set, REST going to DISCORD_API_URL when that is set (such as guildhall
// fakediscord's); nil without a token. A process makes one, which its
// adapters and its Sender share.
func (c *config) discordSession() (*discordgo.Session, error) {
	token := c.getenv("DISCORD_BOT_TOKEN")
	if token == "" {
		return nil, nil
	}
	c.discord.Do(func() { c.discord.s, c.discord.err = discordbot.NewSession(token, c.getenv("DISCORD_API_URL")) })
	return c.discord.s, c.discord.err
}

// discordSender returns the outbox's Sender for Discord on s. It paces by
// the wall clock, whatever --now says: the opening of direct messages at
// DISCORD_DM_RATE a second (default 1), and all its requests at
// DISCORD_REQUEST_RATE (default Discord's global 50).
func (c *config) discordSender(s *discordgo.Session) (*discordbot.Sender, error) {
	every := time.Duration(0)
	if v := c.getenv("DISCORD_DM_RATE"); v != "" {
		rate, err := strconv.ParseFloat(v, 64)
		if err != nil || rate <= 0 {
			return nil, usagef("DISCORD_DM_RATE %q is not a number of direct messages opened per second, such as 1 or 0.5", v)
		}
		every = time.Duration(float64(time.Second) / rate)
	}
	requests := 0.0
	if v := c.getenv("DISCORD_REQUEST_RATE"); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r <= 0 {
			return nil, usagef("DISCORD_REQUEST_RATE %q is not a number of requests per second, such as 50", v)
		}
		requests = r
	}
	return &discordbot.Sender{Session: s, GuildID: c.getenv("DISCORD_GUILD_ID"), NoticeChannel: c.getenv("DISCORD_NOTICE_CHANNEL"),
		DMEvery: every, RequestRate: requests, Now: time.Now}, nil
}

// discordAdapters returns the Discord adapters DISCORD_ variables ask for:
// the gateway with the bot token, and the HTTP interactions endpoint as a
// hook on --addr when DISCORD_PUBLIC_KEY is set too.
func (c *config) discordAdapters(a *app) ([]bot.Adapter, []hook, error) {
	s, err := c.discordSession()
	if err != nil || s == nil {
		return nil, nil, err
	}
	ad := &discordbot.Adapter{Session: s, AppID: c.getenv("DISCORD_APP_ID"), GuildID: c.getenv("DISCORD_GUILD_ID"), Users: a.users, Log: a.log}
	var adapters []bot.Adapter
	if c.getenv("DISCORD_GATEWAY") != "off" {
		adapters = append(adapters, ad)
	}
	var hooks []hook
	if k := c.getenv("DISCORD_PUBLIC_KEY"); k != "" {
		key, err := discordbot.ParsePublicKey(k)
		if err != nil {
			return nil, nil, usagef("DISCORD_PUBLIC_KEY: %v", err)
		}
		// Discord signs with real time, whatever --now says.
		h := &discordbot.Endpoint{Adapter: ad, PublicKey: key, Now: time.Now}
		hooks = append(hooks, hook{path: discordbot.Path, wait: ad.Wait,
			handler: func(ctx context.Context, b bot.Handler) http.Handler { return h.Handler(ctx, b) }})
	}
	if len(adapters) == 0 && len(hooks) == 0 {
		return nil, nil, usagef("DISCORD_GATEWAY=off needs DISCORD_PUBLIC_KEY, for the HTTP interactions at --addr%s", discordbot.Path)
	}
	return adapters, hooks, nil
}
