package bot

import (
	"context"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

// homeLimit caps each list of a home page.
const homeLimit = 10

// Home renders a person's own page, such as Slack's App Home: their
// proposals and where they stand, the talks they prepare or mentor with
// the next milestone, and their communities with the next meeting.
func (b *Bot) Home(ctx context.Context, from guild.User) (string, error) {
	u, err := b.Users.Resolve(ctx, &from)
	if err != nil {
		return "", err
	}
	ctx = guild.NewContextWithUser(ctx, u)
	v := templates.Home{User: u, Now: b.Now()}
	if v.Submissions, _, err = b.Calls.FindSubmissions(ctx, cfp.Filter{Mine: true, Limit: homeLimit}); err != nil {
		return "", err
	}
	if b.Mentors != nil {
		if v.Talks, err = b.Mentors.Mine(ctx); err != nil {
			return "", err
		}
	}
	cs, _, err := b.Communities.FindCommunities(ctx, community.Filter{MemberID: u.ID, Limit: homeLimit})
	if err != nil {
		return "", err
	}
	for _, c := range cs {
		hc := templates.HomeCommunity{Community: c}
		if next := c.Cadence.Next(v.Now, 1); len(next) > 0 {
			hc.Next = next[0]
		}
		v.Communities = append(v.Communities, hc)
	}
	return b.render("home", v), nil
}

// Seen records an incoming platform event by its id and reports whether
// it arrived before, for events that are not commands (Slack's
// app_home_opened, say). Without an inbox nothing is remembered.
func (b *Bot) Seen(ctx context.Context, platform, id string) (bool, error) {
	return b.seen(ctx, Message{ID: id, From: guild.User{Platform: platform}})
}
