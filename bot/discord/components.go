package discord

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Discord's limits on components and modals.
const (
	maxCustomID   = 100 // characters in a component's custom_id
	maxLabel      = 80  // characters in a button's label
	maxInputLabel = 45  // characters in a text input's label
	maxTitle      = 45  // characters in a modal's title
	maxHint       = 100 // characters in a placeholder
	maxInputs     = 5   // text inputs in a modal
	maxInput      = 4000
	maxButtons    = 5 // buttons in an action row
	maxRows       = 5 // action rows in a message
)

// The prefixes of guildhall's custom ids: a button's carries the command
// line it runs, a modal's the path of the command its form is for.
const (
	buttonPrefix = "gh:"
	formPrefix   = "ghform:"
)

// buttons lays out actions as rows of buttons, each carrying the command
// line it runs in its custom_id. An action whose command is too long for
// a custom_id is left out; the text of the message names every command.
func buttons(actions []guild.Action) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	var row discordgo.ActionsRow
	for _, a := range actions {
		id := buttonPrefix + a.Command
		if utf8.RuneCountInString(id) > maxCustomID || len(rows) == maxRows {
			continue
		}
		style := discordgo.SecondaryButton
		switch {
		case a.Primary:
			style = discordgo.PrimaryButton
		case a.Danger:
			style = discordgo.DangerButton
		}
		row.Components = append(row.Components, discordgo.Button{Label: cut(a.Label, maxLabel), Style: style, CustomID: id})
		if len(row.Components) == maxButtons {
			rows = append(rows, row)
			row = discordgo.ActionsRow{}
		}
	}
	if len(row.Components) > 0 && len(rows) < maxRows {
		rows = append(rows, row)
	}
	return rows
}

// modal lays out f as a Discord modal: at most five text inputs, the
// required fields first, each filled with what it holds. Fields beyond
// five can still be given as options of the typed command.
func modal(f *bot.Form) *discordgo.InteractionResponseData {
	var fields []bot.Field
	for _, req := range []bool{true, false} {
		for _, fd := range f.Fields {
			if fd.Required == req && len(fields) < maxInputs {
				fields = append(fields, fd)
			}
		}
	}
	d := &discordgo.InteractionResponseData{CustomID: formPrefix + f.Command, Title: cut(f.Title, maxTitle)}
	for _, fd := range fields {
		style := discordgo.TextInputShort
		if fd.Multiline {
			style = discordgo.TextInputParagraph
		}
		label := fd.Label
		if fd.Error != "" {
			label = "⚠ " + label
		}
		in := discordgo.TextInput{CustomID: fd.Key, Label: cut(label, maxInputLabel), Style: style, Required: fd.Required,
			Value: cut(fd.Value, maxInput), MaxLength: min(max(fd.Max, 1), maxInput)}
		hint := fd.Hint
		if fd.User && hint == "" {
			hint = "@name"
		}
		if fd.Error != "" {
			hint = fd.Error
		}
		in.Placeholder = cut(hint, maxHint)
		d.Components = append(d.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{in}})
	}
	return d
}

// values reads a submitted modal's text inputs, by custom id.
func values(d discordgo.ModalSubmitInteractionData) map[string]string {
	out := map[string]string{}
	for _, c := range d.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, in := range row.Components {
			if t, ok := in.(*discordgo.TextInput); ok {
				out[t.CustomID] = t.Value
			}
		}
	}
	return out
}

// cut shortens s to n characters, with an ellipsis when it was longer.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}
