package slack

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf8"

	goslack "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Pages is what the adapter asks of the bot beyond commands: a person's
// home page, and the inbox for events that are not commands. *bot.Bot is
// one.
type Pages interface {
	Home(ctx context.Context, from guild.User) (string, error)
	Seen(ctx context.Context, platform, id string) (bool, error)
}

// maxSection is the longest text a Block Kit section takes.
const maxSection = 3000

// event handles an Events API event, once per event_id.
func (a *Adapter) event(ctx context.Context, pages Pages, cb *slackevents.EventsAPICallbackEvent) {
	if pages == nil || cb == nil || cb.InnerEvent == nil {
		return
	}
	if cb.EventID != "" {
		if seen, err := pages.Seen(ctx, Platform, "ev:"+cb.EventID); err != nil || seen {
			if err != nil {
				a.log().Error("slack: inbox", "event", cb.EventID, "err", err)
			}
			return
		}
	}
	var inner struct {
		Type string `json:"type"`
		User string `json:"user"`
		Tab  string `json:"tab"`
	}
	if json.Unmarshal(*cb.InnerEvent, &inner) != nil {
		return
	}
	if inner.Type == string(slackevents.AppHomeOpened) && (inner.Tab == "" || inner.Tab == "home") {
		if err := a.publishHome(ctx, pages, inner.User); err != nil {
			a.log().Error("slack: app home", "user", inner.User, "err", err)
		}
	}
}

// publishHome renders user's home page and publishes it as their App
// Home: one section per paragraph.
func (a *Adapter) publishHome(ctx context.Context, pages Pages, user string) error {
	from, err := a.user(ctx, user, user)
	if err != nil {
		a.log().Warn("slack: users.info", "user", user, "err", err)
	}
	text, err := pages.Home(ctx, from)
	if err != nil {
		return err
	}
	var blocks []goslack.Block
	for _, para := range strings.Split(text, "\n\n") {
		if para = strings.TrimSpace(para); para == "" {
			continue
		}
		blocks = append(blocks, goslack.NewSectionBlock(goslack.NewTextBlockObject(goslack.MarkdownType, cut(para, maxSection), false, false), nil, nil))
	}
	_, err = a.API.PublishViewContext(ctx, goslack.PublishViewContextRequest{UserID: user,
		View: goslack.HomeTabViewRequest{Type: goslack.VTHomeTab, Blocks: goslack.Blocks{BlockSet: blocks}}})
	return err
}

// cut shortens s to at most n bytes at a character boundary, with an
// ellipsis.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n-len("…")]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
