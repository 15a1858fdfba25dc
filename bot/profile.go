package bot

import (
	"context"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

func (b *Bot) profileCommands() []*Command {
	return []*Command{{
		Path:    "profile",
		Summary: "show or set your department, team, role and time zone",
		Details: "Organisers use departments and teams to balance a conference line-up; your role shows who else does what you do; times are shown in your time zone. On Discord, dms=yes lets guildhall send you direct messages (decisions, reminders, feedback); until then they wait for you. With no arguments, /profile shows your profile.",
		Options: []Option{
			{Key: "department", Value: "NAME", Label: "Department, such as Finance or Engineering"},
			{Key: "team", Value: "NAME", Label: "Team"},
			{Key: "role", Value: "NAME", Label: "What you do, such as tester or business analyst"},
			{Key: "tz", Value: "Area/City", Label: "Time zone, such as Europe/London"},
			{Key: "dms", Value: "yes|no", Label: "Direct messages from guildhall (yes or no)"},
		},
		Run: b.profile,
	}}
}

func (b *Bot) profile(ctx context.Context, r *Request) (*Response, error) {
	p := guild.Profile{Department: r.OptPtr("department"), Team: r.OptPtr("team"), Role: r.OptPtr("role"), TZ: r.OptPtr("tz")}
	if _, ok := r.Opt("dms"); ok {
		dms, err := yesNo(r, "dms")
		if err != nil {
			return nil, err
		}
		p.DMs = &dms
	}
	if p == (guild.Profile{}) {
		return b.reply("profile", templates.Profile{User: r.User})
	}
	u, err := b.Users.UpdateProfile(ctx, p)
	if err != nil {
		return nil, err
	}
	return b.reply("profile", templates.Profile{User: u, Updated: true})
}
