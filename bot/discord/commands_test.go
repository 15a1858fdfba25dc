package discord_test

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/discord"
	"github.com/guildhall/guildhall/pkg/guild"
)

// router is the bot's real command surface, on no store.
func router(t *testing.T) *bot.Router {
	t.Helper()
	return bot.New(bot.Services{}, guild.FixedClock(now), nil).Router()
}

var validName = regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,32}$`)

// Every command Discord is given is one it takes: names, descriptions,
// at most 25 options and sub-commands, required options first, and none
// required where a bare command opens a form.
func TestCommandsAreValid(t *testing.T) {
	rt := router(t)
	cmds := discord.Commands(rt)
	if len(cmds) != len(rt.Names()) {
		t.Fatalf("got %d commands, want %d, one per top-level command", len(cmds), len(rt.Names()))
	}
	var check func(path string, opts []*discordgo.ApplicationCommandOption)
	check = func(path string, opts []*discordgo.ApplicationCommandOption) {
		if len(opts) > 25 {
			t.Errorf("/%s has %d options, want at most 25", path, len(opts))
		}
		seen := map[string]bool{}
		optional := false
		for _, o := range opts {
			if !validName.MatchString(o.Name) || seen[o.Name] {
				t.Errorf("/%s: option %q is not a name Discord takes, or twice", path, o.Name)
			}
			seen[o.Name] = true
			if n := utf8.RuneCountInString(o.Description); n < 1 || n > 100 {
				t.Errorf("/%s %s: description of %d characters, want 1 to 100", path, o.Name, n)
			}
			if o.Required && optional {
				t.Errorf("/%s: required %s after an optional option", path, o.Name)
			}
			optional = optional || !o.Required
			if o.Type == discordgo.ApplicationCommandOptionSubCommand {
				c := rt.Lookup(path + " " + o.Name)
				if c == nil {
					t.Errorf("/%s %s is no command", path, o.Name)
					continue
				}
				check(path+" "+o.Name, o.Options)
				for _, so := range o.Options {
					if c.Form && so.Required {
						t.Errorf("/%s %s opens a form when bare, yet %s is required", path, o.Name, so.Name)
					}
				}
			}
		}
	}
	for _, c := range cmds {
		if !validName.MatchString(c.Name) || utf8.RuneCountInString(c.Description) > 100 {
			t.Errorf("command %q (%q) is not one Discord takes", c.Name, c.Description)
		}
		check(c.Name, c.Options)
	}
}

// str is a string option.
func str(name, v string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}
}

func sub(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}
}

func TestLine(t *testing.T) {
	rt := router(t)
	tests := []struct {
		name  string
		data  discordgo.ApplicationCommandInteractionData
		want  string
		given bool
	}{
		{"a sub-command with its subject and options, in the command's order", discordgo.ApplicationCommandInteractionData{Name: "cfp",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{sub("submit", str("format", "talk"), str("event", "Dev Day"), str("title", `Say "hi"`))}},
			`/cfp submit "Dev Day" title="Say \"hi\"" format=talk`, true},
		{"a bare sub-command", discordgo.ApplicationCommandInteractionData{Name: "cfp",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{sub("submit")}}, "/cfp submit", false},
		{"a user option is a mention", discordgo.ApplicationCommandInteractionData{Name: "mentor",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{sub("assign", str("id", "#12"),
				&discordgo.ApplicationCommandInteractionDataOption{Name: "mentor", Type: discordgo.ApplicationCommandOptionUser, Value: "80351110224678912"})}},
			"/mentor assign #12 <@80351110224678912>", true},
		{"a channel option is a channel mention", discordgo.ApplicationCommandInteractionData{Name: "event",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{sub("channel", str("name", "DevDay"),
				&discordgo.ApplicationCommandInteractionDataOption{Name: "channel", Type: discordgo.ApplicationCommandOptionChannel, Value: "80351110224678913"})}},
			"/event channel DevDay <#80351110224678913>", true},
		{"a command without sub-commands", discordgo.ApplicationCommandInteractionData{Name: "profile",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{str("dms", "yes")}}, "/profile dms=yes", true},
	}
	for _, tt := range tests {
		got, given, err := discord.Line(rt, tt.data)
		if err != nil || got != tt.want || given != tt.given {
			t.Errorf("%s: got %q, given %v, %v; want %q, %v", tt.name, got, given, err, tt.want, tt.given)
		}
	}
	_, _, err := discord.Line(rt, discordgo.ApplicationCommandInteractionData{Name: "frobnicate"})
	if err == nil || !strings.Contains(guild.ErrorMessage(err), "/frobnicate is not one of my commands") {
		t.Errorf("an unknown command: got %v, want it refused", err)
	}
}
