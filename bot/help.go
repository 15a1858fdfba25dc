package bot

import (
	"context"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

func (b *Bot) helpCommands() []*Command {
	return []*Command{{
		Path:    "help",
		Summary: "how to use guildhall and each of its commands",
		Args:    []Arg{{Name: "COMMAND"}, {Name: "SUB"}},
		Run:     b.help,
	}}
}

func (b *Bot) help(ctx context.Context, r *Request) (*Response, error) {
	topic := strings.ToLower(strings.TrimPrefix(r.Arg("COMMAND"), "/"))
	sub := strings.ToLower(r.Arg("SUB"))
	if topic == "" {
		v := templates.Help{}
		for _, name := range b.router.Names() {
			v.Groups = append(v.Groups, b.helpGroup(name))
		}
		return b.reply("help", v)
	}
	if b.router.Commands(topic) == nil {
		msg := "There is no /" + topic + " command."
		if s := closest(topic, b.router.Names()); s != "" {
			msg += " Did you mean /help " + s + "?"
		}
		return nil, guild.Errorf(guild.ENOTFOUND, "%s Type /help to see every command.", msg)
	}
	path := topic
	if sub != "" {
		path += " " + sub
	}
	if c := b.router.Lookup(path); c != nil {
		hc := helpCommand(c)
		return b.reply("help", templates.Help{Topic: path, Command: &hc})
	}
	if sub != "" {
		msg := "/" + topic + " has no " + sub + "."
		if s := closest(sub, b.router.subs(topic)); s != "" {
			msg += " Did you mean /help " + topic + " " + s + "?"
		}
		return nil, guild.Errorf(guild.ENOTFOUND, "%s It takes: %s.", msg, strings.Join(b.router.subs(topic), ", "))
	}
	return b.reply("help", templates.Help{Topic: topic, Groups: []templates.HelpGroup{b.helpGroup(topic)}})
}

func (b *Bot) helpGroup(name string) templates.HelpGroup {
	g := templates.HelpGroup{Name: name, Summary: b.router.Summary(name)}
	for _, c := range b.router.Commands(name) {
		g.Commands = append(g.Commands, helpCommand(c))
	}
	return g
}

func helpCommand(c *Command) templates.HelpCommand {
	hc := templates.HelpCommand{Path: c.Path, Sub: c.Sub(), Usage: c.Usage(), Summary: c.Summary, Details: c.Details}
	for _, a := range c.Args {
		hc.Options = append(hc.Options, templates.HelpOption{Name: a.Name, Label: a.Label, Required: a.Required})
	}
	for _, o := range c.Options {
		hc.Options = append(hc.Options, templates.HelpOption{Name: o.Key + "=", Label: o.Label, Required: o.Required})
	}
	return hc
}
