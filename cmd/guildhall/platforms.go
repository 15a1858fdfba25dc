package main

import (
	"context"
	"net/http"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/guildhall/guildhall/bot"
	slackbot "github.com/guildhall/guildhall/bot/slack"
	"github.com/guildhall/guildhall/pkg/remind"
)

// slackAPI returns the Slack Web API client when SLACK_BOT_TOKEN is set:
// SLACK_APP_TOKEN adds Socket Mode, SLACK_API_URL another base URL (such
// as fakeslack's). It returns nil without a bot token.
func (c *config) slackAPI() *goslack.Client {
	token := c.getenv("SLACK_BOT_TOKEN")
	if token == "" {
		return nil
	}
	opts := []goslack.Option{}
	if app := c.getenv("SLACK_APP_TOKEN"); app != "" {
		opts = append(opts, goslack.OptionAppLevelToken(app))
	}
	if u := c.getenv("SLACK_API_URL"); u != "" {
		if u[len(u)-1] != '/' {
			u += "/"
		}
		opts = append(opts, goslack.OptionAPIURL(u))
	}
	return goslack.New(token, opts...)
}

// platforms returns the adapters whose credentials are set. The
// platforms' HTTP endpoints share one server on --addr.
func (c *config) platforms(a *app, r *remind.Runner) ([]bot.Adapter, error) {
	var out []bot.Adapter
	var hooks []hook
	if api := c.slackAPI(); api != nil {
		ad := &slackbot.Adapter{API: api, Log: a.log}
		secret := c.getenv("SLACK_SIGNING_SECRET")
		if c.getenv("SLACK_APP_TOKEN") != "" {
			out = append(out, ad)
		}
		if secret != "" {
			// The HTTP mode checks request timestamps against the wall
			// clock: Slack signs with real time, whatever --now says.
			var s *slackbot.HTTP
			hooks = append(hooks, hook{path: slackbot.Path, wait: func() {
				if s != nil {
					s.Wait()
				}
			}, handler: func(ctx context.Context, h bot.Handler) http.Handler {
				s = &slackbot.HTTP{Adapter: ad, Handler: h, Verifier: &slackbot.Verifier{Secret: secret, Now: time.Now}, Ctx: ctx}
				return s
			}})
		}
		if c.getenv("SLACK_APP_TOKEN") == "" && secret == "" {
			return nil, usagef("SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode, with --addr)")
		}
	}
	ds, dh, err := c.discordAdapters(a)
	if err != nil {
		return nil, err
	}
	out, hooks = append(out, ds...), append(hooks, dh...)
	if len(hooks) > 0 {
		out = append(out, &webhooks{addr: c.addr, hooks: hooks})
	}
	return out, nil
}

// hasPlatform reports whether any platform's credentials are set, so that
// guildhall with no subcommand serves them instead of the console.
func (c *config) hasPlatform() bool {
	return c.getenv("SLACK_BOT_TOKEN") != "" || c.getenv("DISCORD_BOT_TOKEN") != ""
}
