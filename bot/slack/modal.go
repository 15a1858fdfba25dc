package slack

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf8"

	goslack "github.com/slack-go/slack"

	"github.com/guildhall/guildhall/bot"
)

// callbackPrefix marks the modals guildhall opens; the command's path
// follows it.
const callbackPrefix = "guildhall:"

// actionID is the one input element of each field's block.
const actionID = "value"

// modalState is what a modal carries between opening and submission, in
// its private metadata.
type modalState struct {
	Channel     string `json:"c,omitempty"`
	ResponseURL string `json:"r,omitempty"`
}

// modal lays a form out as a Slack modal: one input block per field,
// keyed by the field, its value kept and its error (set on a refused
// submission) shown by Slack next to it.
func modal(f *bot.Form, st modalState) goslack.ModalViewRequest {
	meta, _ := json.Marshal(st)
	var blocks []goslack.Block
	for _, fl := range f.Fields {
		var el goslack.BlockElement
		if fl.User {
			u := goslack.NewOptionsSelectBlockElement(goslack.OptTypeUser, goslack.NewTextBlockObject(goslack.PlainTextType, "Choose someone", false, false), actionID)
			if id := strings.TrimPrefix(fl.Value, "@"); strings.HasPrefix(id, "U") {
				u.InitialUser = id
			}
			el = u
		} else {
			in := goslack.NewPlainTextInputBlockElement(nil, actionID)
			in.InitialValue, in.Multiline = fl.Value, fl.Multiline
			if fl.Max > 0 {
				in.MaxLength = fl.Max
			}
			if fl.Hint != "" {
				in.Placeholder = goslack.NewTextBlockObject(goslack.PlainTextType, cutRunes(fl.Hint, 150), false, false)
			}
			el = in
		}
		b := goslack.NewInputBlock(fl.Key, goslack.NewTextBlockObject(goslack.PlainTextType, cutRunes(fl.Label, 2000), false, false), nil, el)
		b.Optional = !fl.Required
		blocks = append(blocks, b)
	}
	if f.Error != "" {
		blocks = append([]goslack.Block{goslack.NewSectionBlock(goslack.NewTextBlockObject(goslack.MarkdownType, cut("⚠ "+f.Error, maxSection), false, false), nil, nil)}, blocks...)
	}
	return goslack.ModalViewRequest{
		Type:            goslack.VTModal,
		Title:           goslack.NewTextBlockObject(goslack.PlainTextType, cutRunes(f.Title, 24), false, false),
		Submit:          goslack.NewTextBlockObject(goslack.PlainTextType, "Submit", false, false),
		Close:           goslack.NewTextBlockObject(goslack.PlainTextType, "Cancel", false, false),
		CallbackID:      callbackPrefix + f.Command,
		PrivateMetadata: string(meta),
		Blocks:          goslack.Blocks{BlockSet: blocks},
	}
}

// cutRunes shortens s to at most n characters, with an ellipsis: Slack
// caps a modal's title at 24.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// values reads a submitted modal's fields, by key.
func values(v goslack.View) map[string]string {
	out := map[string]string{}
	if v.State == nil {
		return out
	}
	for key, actions := range v.State.Values {
		a, ok := actions[actionID]
		if !ok {
			continue
		}
		switch {
		case a.SelectedUser != "":
			out[key] = a.SelectedUser
		default:
			out[key] = a.Value
		}
	}
	return out
}

// submission handles a modal's submission and returns what to answer
// Slack with: the modal's errors, inline, when the bot refused it (the
// values typed stay in the modal), or nothing, closing it. The reply then
// goes to the response URL of the command that opened it, or as a DM.
func (a *Adapter) submission(ctx context.Context, h bot.Handler, cb goslack.InteractionCallback) *goslack.ViewSubmissionResponse {
	sub, ok := h.(interface {
		Submit(ctx context.Context, m bot.Message, path string, values map[string]string) *bot.Response
	})
	path, mine := strings.CutPrefix(cb.View.CallbackID, callbackPrefix)
	if !ok || !mine {
		return nil
	}
	var st modalState
	json.Unmarshal([]byte(cb.View.PrivateMetadata), &st)
	from, err := a.user(ctx, cb.User.ID, cb.User.Name)
	if err != nil {
		a.log().Warn("slack: users.info", "user", cb.User.ID, "err", err)
	}
	resp := sub.Submit(ctx, bot.Message{ID: "view:" + cb.View.ID + ":" + cb.View.Hash, From: from, Channel: st.Channel}, path, values(cb.View))
	if resp.Duplicate {
		return nil
	}
	if resp.Refused && resp.Form != nil {
		errs := map[string]string{}
		for _, f := range resp.Form.Fields {
			if f.Error != "" {
				errs[f.Key] = cut(f.Error, 2000)
			}
		}
		if len(errs) == 0 && len(resp.Form.Fields) > 0 {
			errs[resp.Form.Fields[0].Key] = cut(guildMessage(resp), 2000)
		}
		return goslack.NewErrorsViewSubmissionResponse(errs)
	}
	a.reply(ctx, cb.User.ID, st.ResponseURL, resp.Text)
	return nil
}

// guildMessage is a refusal's first line, for a modal error without a
// field.
func guildMessage(resp *bot.Response) string {
	if resp.Form != nil && resp.Form.Error != "" {
		return resp.Form.Error
	}
	line, _, _ := strings.Cut(resp.Text, "\n")
	return line
}

// reply answers the user privately: on the response URL while it lasts,
// else as a DM.
func (a *Adapter) reply(ctx context.Context, user, responseURL, text string) {
	if text == "" {
		return
	}
	if responseURL != "" {
		err := goslack.PostWebhookContext(ctx, responseURL, &goslack.WebhookMessage{Text: text, ResponseType: goslack.ResponseTypeEphemeral})
		if err == nil {
			return
		}
		a.log().Warn("slack: response URL", "err", err)
	}
	if _, _, err := a.API.PostMessageContext(ctx, user, goslack.MsgOptionText(text, false)); err != nil {
		a.log().Error("slack: reply", "user", user, "err", err)
	}
}

// openForm opens f as a modal for the command's trigger.
func (a *Adapter) openForm(ctx context.Context, cmd goslack.SlashCommand, f *bot.Form) error {
	_, err := a.API.OpenViewContext(ctx, cmd.TriggerID, modal(f, modalState{Channel: cmd.ChannelID, ResponseURL: cmd.ResponseURL}))
	return err
}
