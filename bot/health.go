package bot

import (
	"context"
	"strings"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
	"github.com/guildhall/guildhall/templates"
)

// healthNextShown is how many of the next rounds /community health every=
// lists.
const healthNextShown = 3

func (b *Bot) healthCommands() []*Command {
	return []*Command{{
		Path:    "community health",
		Summary: "check a community's health: send a round of five questions, or show the results and their trend",
		Details: `A health check asks every member five questions, one per element of a self-sustaining community: leadership with a clear vision and goals, engaged members, sharing of knowledge and practice, skills development, and visibility and support from the organisation, each scored from 1 (weak) to 5 (strong), anonymously. ` +
			`For its coordinator or an organiser, with no round open, it sends the next round now: those yet to answer are reminded after remind= (2d) and it closes after close= (7d). ` +
			`Otherwise, or with results=yes, it shows the results: each element over the past rounds with its trend, the weak elements (below 3.0, or down two rounds in a row) with a suggested action each, and a note when the trend suggests the community's stage has changed. A round's scores show once it closes. ` +
			`every="CRON" sends rounds by themselves, at most weekly, such as every="0 9 1 */3 *" each quarter; tz= is the zone the times are in (yours by default); every=off stops them.`,
		Args: []Arg{nameArg},
		Options: []Option{
			{Key: "every", Value: `"CRON"|off`, Label: "Send rounds by themselves, as a cron expression", Hint: "0 9 1 */3 *"},
			{Key: "tz", Value: "Area/City", Label: "Time zone of every=", Hint: "Europe/London"},
			{Key: "remind", Value: "2d", Label: "How long after a round goes out the one reminder follows", Hint: "2d"},
			{Key: "close", Value: "7d", Label: "How long after a round goes out it closes", Hint: "7d"},
			{Key: "results", Value: "yes", Label: "Show the results without sending (yes)"},
		},
		Run: b.communityHealth,
	}, {
		Path:    "community rate",
		Summary: "answer a community's health check: score its five elements from 1 (weak) to 5 (strong), anonymously",
		Details: "Only members answer, while a round is open; answering again replaces your answer. Nothing links your answer to you.",
		Args:    []Arg{nameArg},
		Options: []Option{
			{Key: "leadership", Value: "1..5", Required: true, Label: "Leadership with a clear vision and goals (1 to 5)", Hint: "4"},
			{Key: "engagement", Value: "1..5", Required: true, Label: "Engaged members: coming and taking part (1 to 5)", Hint: "4"},
			{Key: "sharing", Value: "1..5", Required: true, Label: "Sharing of knowledge and practice (1 to 5)", Hint: "4"},
			{Key: "skills", Value: "1..5", Required: true, Label: "Help to develop your skills (1 to 5)", Hint: "4"},
			{Key: "support", Value: "1..5", Required: true, Label: "Visibility and support from the organisation (1 to 5)", Hint: "4"},
			{Key: "comment", Value: `".."`, Max: guild.MaxText, Multiline: true, Label: "A comment for the coordinator, anonymous"},
		},
		Form:  true,
		Title: "Health check",
		Run:   b.communityRate,
	}}
}

// healthOpts returns the options of r given among keys, as typed.
func healthOpts(r *Request, keys ...string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		if v, ok := r.Opt(k); ok {
			out[k] = v
		}
	}
	return out
}

func (b *Bot) communityHealth(ctx context.Context, r *Request) (*Response, error) {
	name := r.Arg("NAME")
	results, err := yesNo(r, "results")
	if err != nil {
		return nil, err
	}
	o, err := survey.ParseHealthOptions(healthOpts(r, "remind", "close"))
	if err != nil {
		return nil, err
	}
	if every, ok := r.Opt("every"); ok {
		if _, ok := r.Opt("results"); ok {
			return nil, guild.FieldErrorf("results", "results= shows the results and every= sets when rounds go out; give one or the other.")
		}
		return b.healthCadence(ctx, r, name, every, o)
	}
	if _, ok := r.Opt("tz"); ok {
		return nil, guild.FieldErrorf("tz", `tz= is the time zone of every=; give them together, such as every="0 9 1 */3 *" tz=Europe/London.`)
	}
	if results && !o.IsZero() {
		return nil, guild.FieldErrorf("results", "results=yes shows the results without sending, and remind= and close= go with sending a round; give one or the other.")
	}
	c, err := b.Communities.FindCommunity(ctx, name)
	if err != nil {
		return nil, err
	}
	if !o.IsZero() {
		return b.healthSend(ctx, r, c, o)
	}
	manage := c.CanManage(r.User)
	rep, err := b.Health.Report(ctx, c.Name)
	if err != nil {
		return nil, err
	}
	if manage && !results && rep.Open == nil && c.Stage != community.StageEnded {
		return b.healthSend(ctx, r, c, o)
	}
	members, _, err := b.Communities.FindMembers(ctx, community.MemberFilter{CommunityID: c.ID, UserID: r.User.ID})
	if err != nil {
		return nil, err
	}
	return b.reply("health_report", templates.HealthReportView{Report: rep, Community: c, Member: len(members) > 0, CanManage: manage, Reader: r.User})
}

func (b *Bot) healthSend(ctx context.Context, r *Request, c *community.Community, o survey.HealthOptions) (*Response, error) {
	sv, err := b.Health.Send(ctx, c.Name, o)
	if err != nil {
		return nil, err
	}
	return b.reply("health_sent", templates.HealthSent{Round: sv, Reader: r.User})
}

func (b *Bot) healthCadence(ctx context.Context, r *Request, name, every string, o survey.HealthOptions) (*Response, error) {
	var cad survey.HealthCadence
	if strings.EqualFold(strings.TrimSpace(every), "off") {
		for _, k := range []string{"tz", "remind", "close"} {
			if _, ok := r.Opt(k); ok {
				return nil, guild.FieldErrorf(k, `every=off stops the rounds, so %s= has nothing to apply to; give it with every="CRON", or leave it out.`, k)
			}
		}
	} else {
		tz, ok := r.Opt("tz")
		if !ok {
			tz = r.User.TZ
		}
		var err error
		if cad, err = survey.ParseHealthCadence(every, tz, o); err != nil {
			return nil, err
		}
	}
	set, err := b.Health.SetCadence(ctx, name, cad)
	if err != nil {
		return nil, err
	}
	c, err := b.Communities.FindCommunity(ctx, name)
	if err != nil {
		return nil, err
	}
	return b.reply("health_cadence", templates.HealthCadenceSet{Community: c.Name, Cadence: *set, Next: set.Next(b.Now(), healthNextShown), Reader: r.User})
}

func (b *Bot) communityRate(ctx context.Context, r *Request) (*Response, error) {
	keys := make([]string, 0, survey.NumElements+1)
	for _, e := range survey.Elements {
		keys = append(keys, string(e))
	}
	a, err := survey.ParseHealthAnswer(healthOpts(r, append(keys, "comment")...))
	if err != nil {
		return nil, err
	}
	rc, err := b.Health.Answer(ctx, r.Arg("NAME"), a)
	if err != nil {
		return nil, err
	}
	return b.reply("health_rated", templates.HealthRated{Receipt: rc, Answer: a, Reader: r.User})
}
