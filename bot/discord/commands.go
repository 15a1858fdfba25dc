package discord

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Discord's limits on application commands.
const (
	maxDescription = 100 // characters in a command's or option's description
	maxOptions     = 25  // options of a command or sub-command
)

// optionName is what Discord accepts as a command's or option's name.
var optionName = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)

// Commands returns the application commands that stand for rt's command
// surface: one per top-level command, its sub-commands as SUB_COMMAND
// options, each argument and key=value option as an option of its own,
// required ones first as Discord requires. A command that opens a form
// when given bare has no required options, so that Discord lets it be
// given bare. Mentions are USER options and a CHANNEL argument a
// CHANNEL option.
func Commands(rt *bot.Router) []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	for _, name := range rt.Names() {
		cmds := rt.Commands(name)
		ac := &discordgo.ApplicationCommand{Name: name, Type: discordgo.ChatApplicationCommand, Description: describe(rt.Summary(name), name)}
		if len(cmds) == 1 && cmds[0].Sub() == "" {
			ac.Description = describe(cmds[0].Summary, name)
			ac.Options = options(cmds[0])
		} else {
			for _, c := range cmds {
				ac.Options = append(ac.Options, &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand,
					Name: c.Sub(), Description: describe(c.Summary, c.Sub()), Options: options(c)})
			}
		}
		out = append(out, ac)
	}
	return out
}

// options returns c's arguments and options as Discord options.
func options(c *bot.Command) []*discordgo.ApplicationCommandOption {
	var req, opt []*discordgo.ApplicationCommandOption
	add := func(o *discordgo.ApplicationCommandOption) {
		if o.Required && !c.Form {
			req = append(req, o)
		} else {
			o.Required = false
			opt = append(opt, o)
		}
	}
	for _, a := range c.Args {
		o := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: argName(a),
			Description: describe(a.Label, a.Name), Required: a.Required}
		switch {
		case a.User:
			o.Type = discordgo.ApplicationCommandOptionUser
		case a.Name == "CHANNEL":
			o.Type = discordgo.ApplicationCommandOptionChannel
			o.ChannelTypes = []discordgo.ChannelType{discordgo.ChannelTypeGuildText}
		default:
			o.MaxLength = maxLen(a.Max)
			o.Choices = choices(a)
		}
		add(o)
	}
	for _, k := range c.Options {
		desc := k.Label
		if desc == "" {
			desc = k.Key + "=" + k.Value
		}
		add(&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: k.Key,
			Description: describe(desc, k.Key), Required: k.Required, MaxLength: maxLen(k.Max)})
	}
	out := append(req, opt...)
	if len(out) > maxOptions {
		out = out[:maxOptions]
	}
	return out
}

// maxLen is an option's length cap as Discord takes it (at most 6,000).
func maxLen(n int) int {
	if n == 0 {
		n = guild.MaxName
	}
	return min(n, 6000)
}

// argName is the Discord option name of a positional argument: "EVENT"
// is "event", "@mentor" is "mentor", `"TIMES"` is "times", and a choice
// such as "accept|reject|backup" is named by its label ("decision"), else
// "choice".
func argName(a bot.Arg) string {
	n := strings.ToLower(strings.Trim(a.Name, `@"`))
	if strings.Contains(n, "|") {
		n = "choice"
		if l := strings.ToLower(strings.Join(strings.Fields(a.Label), "-")); optionName.MatchString(l) {
			n = l
		}
	}
	return n
}

// choices are the values a choice argument takes, as Discord offers
// them: "accept|reject|backup" offers the three.
func choices(a bot.Arg) []*discordgo.ApplicationCommandOptionChoice {
	if !strings.Contains(a.Name, "|") {
		return nil
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, c := range strings.Split(a.Name, "|") {
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
	}
	return out
}

// describe cuts s to a description Discord takes, or falls back to name.
func describe(s, name string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		s = name
	}
	if utf8.RuneCountInString(s) > maxDescription {
		s = string([]rune(s)[:maxDescription-1]) + "…"
	}
	return s
}

// Line rebuilds the command line an application command interaction
// stands for, as a person would type it: "/cfp submit DevDay
// title="Testing" format=talk". A user option becomes a mention
// ("<@80351110224678912>") and a channel one a channel mention. It
// reports whether any argument or option was given, so that a bare
// command can open its form.
func Line(rt *bot.Router, d discordgo.ApplicationCommandInteractionData) (line string, given bool, err error) {
	path := d.Name
	opts := d.Options
	if len(opts) == 1 && opts[0].Type == discordgo.ApplicationCommandOptionSubCommand {
		path += " " + opts[0].Name
		opts = opts[0].Options
	}
	c := rt.Lookup(path)
	if c == nil {
		return "", false, guild.Errorf(guild.EINVALID, "/%s is not one of my commands any more; Discord may be showing an old list. Type /help to see them.", path)
	}
	byName := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	for _, o := range opts {
		byName[o.Name] = o
	}
	parts := []string{"/" + path}
	for _, a := range c.Args {
		o, ok := byName[argName(a)]
		if !ok {
			continue
		}
		parts = append(parts, optionText(o))
		given = true
	}
	for _, k := range c.Options {
		o, ok := byName[k.Key]
		if !ok {
			continue
		}
		parts = append(parts, k.Key+"="+optionText(o))
		given = true
	}
	return strings.Join(parts, " "), given, nil
}

// optionText writes an option's value as the command line takes it:
// mentions as mentions, anything else one word, quoted when it must be.
func optionText(o *discordgo.ApplicationCommandInteractionDataOption) string {
	switch o.Type {
	case discordgo.ApplicationCommandOptionUser:
		return fmt.Sprintf("<@%v>", o.Value)
	case discordgo.ApplicationCommandOptionChannel:
		return fmt.Sprintf("<#%v>", o.Value)
	}
	return guild.QuoteArg(fmt.Sprint(o.Value))
}
