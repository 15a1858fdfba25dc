package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// demoCommands are registered as guildhall registers its commands:
// positional arguments first, then key=value options, sub-commands under
// their command.
var demoCommands = []*discordgo.ApplicationCommand{
	{Name: "help", Type: discordgo.ChatApplicationCommand, Description: "What I can do", Options: []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionString, Name: "command", Description: "A command"}}},
	{Name: "community", Type: discordgo.ChatApplicationCommand, Description: "Communities", Options: []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "create", Description: "Create one", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "name", Description: "Name"},
			{Type: discordgo.ApplicationCommandOptionString, Name: "about", Description: "About"}}},
		{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "join", Description: "Join one", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "name", Description: "Name", Required: true}}},
	}},
	{Name: "cfp", Type: discordgo.ChatApplicationCommand, Description: "Calls for proposals", Options: []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "decide", Description: "Decide", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "id", Description: "ID"},
			{Type: discordgo.ApplicationCommandOptionString, Name: "decision", Description: "Decision", Choices: []*discordgo.ApplicationCommandOptionChoice{
				{Name: "accept", Value: "accept"}, {Name: "reject", Value: "reject"}, {Name: "backup", Value: "backup"}}}}},
		{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "reviewers", Description: "Reviewers", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "action", Description: "add"},
			{Type: discordgo.ApplicationCommandOptionString, Name: "event", Description: "Event"},
			{Type: discordgo.ApplicationCommandOptionUser, Name: "user", Description: "Reviewer"}}},
	}},
	{Name: "event", Type: discordgo.ChatApplicationCommand, Description: "Events", Options: []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "channel", Description: "Its channel", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "name", Description: "Event"},
			{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "Channel"},
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "seats", Description: "Seats"},
			{Type: discordgo.ApplicationCommandOptionBoolean, Name: "remote", Description: "Remote"}}},
	}},
}

func TestSlashOptions(t *testing.T) {
	dir := directory{users: map[string]string{"ann": "1301", "sam": "1302"}, channels: map[string]string{"general": "1200"}}
	for _, tc := range []struct {
		line, want string // want: the command name and its options as JSON
	}{
		{"/help", `help null`},
		{"/help cfp", `help [{"name":"command","type":3,"value":"cfp"}]`},
		{"/community create Testers", `community [{"name":"create","type":1,"options":[{"name":"name","type":3,"value":"Testers"}]}]`},
		{`/community create "Test Automation" about="People who automate"`,
			`community [{"name":"create","type":1,"options":[{"name":"name","type":3,"value":"Test Automation"},{"name":"about","type":3,"value":"People who automate"}]}]`},
		{"/community join Test Automation", `community [{"name":"join","type":1,"options":[{"name":"name","type":3,"value":"Test Automation"}]}]`},
		{"/cfp decide 1 accept", `cfp [{"name":"decide","type":1,"options":[{"name":"id","type":3,"value":"1"},{"name":"decision","type":3,"value":"accept"}]}]`},
		{"/cfp reviewers add DevDay @sam", `cfp [{"name":"reviewers","type":1,"options":[{"name":"action","type":3,"value":"add"},{"name":"event","type":3,"value":"DevDay"},{"name":"user","type":6,"value":"1302"}]}]`},
		{"/event channel DevDay #general seats=40 remote=yes",
			`event [{"name":"channel","type":1,"options":[{"name":"name","type":3,"value":"DevDay"},{"name":"channel","type":7,"value":"1200"},{"name":"seats","type":4,"value":40},{"name":"remote","type":5,"value":true}]}]`},
	} {
		name, opts, err := slashOptions(demoCommands, dir, tc.line)
		if err != nil {
			t.Errorf("%s: %v", tc.line, err)
			continue
		}
		b, _ := json.Marshal(opts)
		if got := name + " " + string(b); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.line, got, tc.want)
		}
	}
	for _, tc := range []struct{ line, want string }{
		{"/schedule build DevDay", "not a registered command"},
		{"/community", "needs one of: create, join"},
		{"/community join", "needs name"},
		{"/community create Testers colour=blue", "has no option colour="},
		{"/cfp decide 1 maybe", `"maybe" is left over`},
		{"/cfp decide decision=maybe", "is one of accept, reject, backup"},
		{"/cfp reviewers add DevDay user=@olga", "takes a member"},
		{"/event channel DevDay seats=many", "takes a whole number"},
		{`/help "unclosed`, "quote"},
	} {
		if _, _, err := slashOptions(demoCommands, dir, tc.line); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.line, err, tc.want)
		}
	}
	if _, _, err := slashOptions(nil, dir, "/help"); err == nil || !strings.Contains(err.Error(), "not registered its commands yet") {
		t.Errorf("with no commands: %v", err)
	}
}
