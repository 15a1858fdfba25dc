package bot

import (
	"context"
	"strings"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

// How many members and role-mates /community show lists before "… and N
// more", and how many communities /community list shows on a page: a
// reply must stay readable and within Discord's 2,000 characters.
const (
	showMembers  = 15
	showSameRole = 10
	listPage     = 10
)

var (
	// nameArg is a community's name when nothing follows it but options:
	// the remaining words make the name.
	nameArg = Arg{Name: "NAME", Required: true, Label: "Community", Rest: true}
	// nameFirst is a community's name when more words follow: quote it.
	nameFirst = Arg{Name: "NAME", Required: true, Label: "Community"}
)

func (b *Bot) communityCommands() []*Command {
	return []*Command{{
		Path:    "community create",
		Summary: "start a community of practice; you become its coordinator",
		Details: "A community gathers people who share a role (testers, business analysts) or an interest (NoSQL). A name may have spaces; quote it where more words follow it, as in /community stage \"Test Automation\" forming.",
		Args:    []Arg{nameArg},
		Options: []Option{{Key: "about", Value: `"..."`, Max: guild.MaxText, Label: "What is it about?", Multiline: true}},
		Form:    true,
		Title:   "Start a community",
		Run:     b.communityCreate,
	}, {
		Path:    "community list",
		Summary: "list the communities, or those whose names contain SEARCH",
		Args:    []Arg{{Name: "SEARCH", Rest: true, Label: "Part of a name"}},
		Options: []Option{{Key: "page", Value: "N", Label: "Which page"}},
		Run:     b.communityList,
	}, {
		Path:    "community show",
		Summary: "show a community's charter, backlog, next meetings, members and stage history",
		Args:    []Arg{nameArg},
		Run:     b.communityShow,
	}, {
		Path:    "community join",
		Summary: "join a community",
		Args:    []Arg{nameArg},
		Run:     b.communityJoin,
	}, {
		Path:    "community leave",
		Summary: "leave a community",
		Args:    []Arg{nameArg},
		Run:     b.communityLeave,
	}, {
		Path:    "community charter",
		Summary: "write or change a community's charter (coordinator or organiser)",
		Details: "Give any of the fields; the others stay as they are. Goals and principles are lists separated by semicolons; each new goal becomes a backlog item.",
		Args:    []Arg{nameArg},
		Options: []Option{
			{Key: "why", Value: `".."`, Max: guild.MaxText, Label: "Why does the community exist?", Multiline: true},
			{Key: "who", Value: `".."`, Max: guild.MaxText, Label: "Who are its members?", Multiline: true},
			{Key: "vision", Value: `".."`, Max: guild.MaxText, Label: "Its vision", Multiline: true},
			{Key: "goals", Value: `"a; b"`, Max: guild.MaxText, Label: "Goals, separated by semicolons", Multiline: true},
			{Key: "principles", Value: `"a; b"`, Max: guild.MaxText, Label: "How it runs, separated by semicolons", Multiline: true},
		},
		AtLeastOne: true,
		Form:       true,
		Title:      "Community charter",
		Run:        b.communityCharter,
	}, {
		Path:    "community stage",
		Summary: "move a community to another maturity stage (coordinator or organiser)",
		Details: "Stages: " + stageList() + ".",
		Args:    []Arg{nameFirst, {Name: "STAGE", Required: true, Label: "Stage"}},
		Options: []Option{{Key: "reason", Value: `".."`, Max: guild.MaxText, Label: "Why?"}},
		Run:     b.communityStage,
	}, {
		Path:    "community meet",
		Summary: "set when a community meets, as a cron expression (coordinator or organiser)",
		Details: `every= takes five fields, minute hour day-of-month month day-of-week: every="0 12 * * TUE" is Tuesdays at noon, every="30 9 * * 1-5" weekdays at 9:30; @weekly and @daily work too. every=off clears it. tz= is the zone the times are in; it defaults to yours (see /profile). Members are reminded before each meeting, in their own time zone: a day ahead (two hours ahead for daily meetings) unless remind= says otherwise, such as remind=2h; remind=off stops the reminders.`,
		Args:    []Arg{nameArg},
		Options: []Option{
			{Key: "every", Value: `"CRON"`, Required: true, Label: "When, as a cron expression", Hint: "0 12 * * TUE"},
			{Key: "tz", Value: "Area/City", Label: "Time zone", Hint: "Europe/London"},
			{Key: "remind", Value: "24h", Label: "Remind members before each meeting", Hint: "24h"},
		},
		Run: b.communityMeet,
	}, {
		Path:    "community coordinator",
		Summary: "hand the coordination of a community to another member (coordinator or organiser)",
		Args:    []Arg{nameFirst, {Name: "@member", Required: true, User: true, Label: "New coordinator"}},
		Run:     b.communityCoordinator,
	}}
}

func stageList() string {
	names := make([]string, len(community.Stages))
	for i, s := range community.Stages {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func (b *Bot) communityCreate(ctx context.Context, r *Request) (*Response, error) {
	about, _ := r.Opt("about")
	c := &community.Community{Name: r.Arg("NAME"), About: about}
	if err := b.Communities.CreateCommunity(ctx, c); err != nil {
		return nil, err
	}
	return b.reply("community_created", templates.CommunityCreated{Community: c})
}

func (b *Bot) communityList(ctx context.Context, r *Request) (*Response, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	f := community.Filter{Search: r.Arg("SEARCH"), Offset: (p - 1) * listPage, Limit: listPage}
	cs, total, err := b.Communities.FindCommunities(ctx, f)
	if err != nil {
		return nil, err
	}
	n, err := pages(total, listPage, p)
	if err != nil {
		return nil, err
	}
	mine, _, err := b.Communities.FindMembers(ctx, community.MemberFilter{UserID: r.User.ID})
	if err != nil {
		return nil, err
	}
	v := templates.CommunityList{Communities: cs, Mine: map[int64]bool{}, Search: f.Search, Total: total, Page: p, Pages: n}
	for _, m := range mine {
		v.Mine[m.CommunityID] = true
	}
	return b.reply("community_list", v)
}

func (b *Bot) communityShow(ctx context.Context, r *Request) (*Response, error) {
	c, err := b.Communities.FindCommunity(ctx, r.Arg("NAME"))
	if err != nil {
		return nil, err
	}
	loc := r.User.Location()
	v := templates.CommunityShow{Community: c, Reader: r.User, Loc: loc, CanManage: c.CanManage(r.User)}
	if v.Members, _, err = b.Communities.FindMembers(ctx, community.MemberFilter{CommunityID: c.ID, Limit: showMembers}); err != nil {
		return nil, err
	}
	me, _, err := b.Communities.FindMembers(ctx, community.MemberFilter{CommunityID: c.ID, UserID: r.User.ID})
	if err != nil {
		return nil, err
	}
	v.IsMember = len(me) > 0
	if r.User.Role != "" {
		v.SameRole, v.SameRoleCount, err = b.Communities.FindMembers(ctx, community.MemberFilter{
			CommunityID: c.ID, Role: r.User.Role, ExceptUserID: r.User.ID, Limit: showSameRole})
		if err != nil {
			return nil, err
		}
	}
	if v.Backlog, err = b.Communities.FindBacklog(ctx, c.ID); err != nil {
		return nil, err
	}
	if v.History, err = b.Communities.FindStageChanges(ctx, c.ID); err != nil {
		return nil, err
	}
	v.NextMeetings = c.Cadence.Next(b.Now(), 3)
	return b.reply("community_show", v)
}

func (b *Bot) communityJoin(ctx context.Context, r *Request) (*Response, error) {
	c, err := b.Communities.JoinCommunity(ctx, r.Arg("NAME"))
	if err != nil {
		return nil, err
	}
	v := templates.CommunityJoined{Community: c, User: r.User, Loc: r.User.Location()}
	if next := c.Cadence.Next(b.Now(), 1); len(next) > 0 {
		v.NextMeeting = next[0]
	}
	n, err := b.notice(c.Coordinator, "community_member_joined", v)
	if err != nil {
		return nil, err
	}
	return b.reply("community_joined", v, n)
}

func (b *Bot) communityLeave(ctx context.Context, r *Request) (*Response, error) {
	c, err := b.Communities.LeaveCommunity(ctx, r.Arg("NAME"))
	if err != nil {
		return nil, err
	}
	v := templates.CommunityJoined{Community: c, User: r.User, Loc: r.User.Location()}
	n, err := b.notice(c.Coordinator, "community_member_left", v)
	if err != nil {
		return nil, err
	}
	return b.reply("community_left", v, n)
}

func (b *Bot) communityCharter(ctx context.Context, r *Request) (*Response, error) {
	upd := community.CharterUpdate{Why: trimmed(r.OptPtr("why")), Who: trimmed(r.OptPtr("who")), Vision: trimmed(r.OptPtr("vision"))}
	if v, ok := r.Opt("goals"); ok {
		goals := community.SplitList(v)
		upd.Goals = &goals
	}
	if v, ok := r.Opt("principles"); ok {
		principles := community.SplitList(v)
		upd.Principles = &principles
	}
	c, added, err := b.Communities.UpdateCharter(ctx, r.Arg("NAME"), upd)
	if err != nil {
		return nil, err
	}
	return b.reply("community_charter", templates.CharterUpdated{Community: c, Added: added})
}

func trimmed(p *string) *string {
	if p == nil {
		return nil
	}
	s := strings.TrimSpace(*p)
	return &s
}

func (b *Bot) communityStage(ctx context.Context, r *Request) (*Response, error) {
	stage, err := community.ParseStage(r.Arg("STAGE"))
	if err != nil {
		return nil, err
	}
	reason, _ := r.Opt("reason")
	c, change, err := b.Communities.ChangeStage(ctx, r.Arg("NAME"), stage, reason)
	if err != nil {
		return nil, err
	}
	v := templates.StageChanged{Community: c, Change: change}
	var notices []Notice
	if c.Coordinator.ID != r.User.ID {
		n, err := b.notice(c.Coordinator, "community_stage_notice", v)
		if err != nil {
			return nil, err
		}
		notices = append(notices, n)
	}
	return b.reply("community_stage", v, notices...)
}

func (b *Bot) communityMeet(ctx context.Context, r *Request) (*Response, error) {
	every, _ := r.Opt("every")
	tz, hasTZ := r.Opt("tz")
	var cad community.Cadence
	if !strings.EqualFold(strings.TrimSpace(every), "off") {
		if !hasTZ {
			tz = r.User.TZ
		}
		var err error
		if cad, err = community.ParseCadence(every, tz); err != nil {
			return nil, err
		}
		if s, ok := r.Opt("remind"); ok {
			if cad.Remind, err = cad.ParseRemind(s, b.Now()); err != nil {
				return nil, err
			}
		}
	}
	c, err := b.Communities.SetCadence(ctx, r.Arg("NAME"), cad)
	if err != nil {
		return nil, err
	}
	now := b.Now()
	young := c.Stage == community.StagePotential || c.Stage == community.StageForming
	v := templates.CadenceSet{
		Community: c, Loc: r.User.Location(), Next: c.Cadence.Next(now, 3),
		LessThanWeekly: young && c.Cadence.LessThanWeekly(now), Remind: cad.Remind,
	}
	if v.Remind == 0 && !cad.IsZero() {
		v.Remind = cad.DefaultRemind(now)
	}
	v.Remind = max(v.Remind, 0)
	return b.reply("community_meet", v)
}

func (b *Bot) communityCoordinator(ctx context.Context, r *Request) (*Response, error) {
	to, err := r.UserArg(ctx, "@member")
	if err != nil {
		return nil, err
	}
	c, from, err := b.Communities.HandOver(ctx, r.Arg("NAME"), to)
	if err != nil {
		return nil, err
	}
	v := templates.HandedOver{Community: c, From: from, By: r.User}
	n, err := b.notice(to, "community_coordinator_notice", v)
	if err != nil {
		return nil, err
	}
	return b.reply("community_coordinator", v, n)
}
