package slack

import (
	"context"
	"strings"

	goslack "github.com/slack-go/slack"

	"github.com/guildhall/guildhall/bot"
)

// action runs the buttons pressed in cb: each guildhall button carries the
// command line it stands for, run as the person who pressed it. On
// success the message is replaced by its text and the outcome, so the
// buttons cannot be pressed twice; a refusal is shown to the presser only.
// A button whose command needs more than it carries, such as "Answer the
// survey", opens the command's form instead, with what it carries filled
// in.
func (a *Adapter) action(ctx context.Context, h bot.Handler, cb goslack.InteractionCallback) {
	for _, act := range cb.ActionCallback.BlockActions {
		if act == nil || !strings.HasPrefix(act.ActionID, actionPrefix) || !strings.HasPrefix(act.Value, "/") {
			continue
		}
		from, err := a.user(ctx, cb.User.ID, cb.User.Name)
		if err != nil {
			a.log().Warn("slack: users.info", "user", cb.User.ID, "err", err)
		}
		resp := h.Handle(ctx, bot.Message{ID: "act:" + cb.TriggerID + ":" + act.ActionID, From: from, Channel: cb.Channel.ID, Text: act.Value, Forms: true})
		if resp.Duplicate {
			continue
		}
		if resp.Form != nil && !resp.Refused {
			// A button such as "Answer the survey" opens its form.
			if _, err := a.API.OpenViewContext(ctx, cb.TriggerID, modal(resp.Form, modalState{Channel: cb.Channel.ID, ResponseURL: cb.ResponseURL})); err != nil {
				a.log().Error("slack: open the form of a button", "command", act.Value, "err", err)
			}
			continue
		}
		if resp.Text == "" {
			continue
		}
		msg := &goslack.WebhookMessage{Text: resp.Text, ResponseType: goslack.ResponseTypeEphemeral}
		if !resp.Refused && cb.Message.Text != "" {
			msg = &goslack.WebhookMessage{Text: cb.Message.Text + "\n\n" + resp.Text, ReplaceOriginal: true}
		}
		if cb.ResponseURL == "" {
			a.reply(ctx, cb.User.ID, "", resp.Text)
			continue
		}
		if err := goslack.PostWebhookContext(ctx, cb.ResponseURL, msg); err != nil {
			a.log().Error("slack: button reply", "command", act.Value, "err", err)
		}
	}
}
