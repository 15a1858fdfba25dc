package bot

import (
	"context"
	"strconv"
	"strings"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
	"github.com/guildhall/guildhall/templates"
)

func (b *Bot) scheduleCommands() []*Command {
	return []*Command{{
		Path:    "schedule build",
		Summary: "build a draft schedule from the line-up (organisers)",
		Details: "Places every accepted and confirmed talk: no speaker in two places, each talk when its speakers can give it and in a room that allows its format, as few people as possible without a seat, topics and departments spread, lightning talks early, first-time speakers not last. A rebuild moves as few talks as it can; fresh=yes starts again. seed=N gives another schedule as good.",
		Args:    []Arg{eventArg},
		Options: []Option{
			{Key: "seed", Value: "N", Label: "Seed", Hint: "1"},
			{Key: "fresh", Value: "yes", Label: "Start again rather than keep the draft"},
		},
		Run: b.scheduleBuild,
	}, {
		Path:    "schedule show",
		Summary: "show the schedule: times down, rooms across",
		Details: "Organisers see the draft while there is one; everyone else sees the latest release. version=N shows release N.",
		Args:    []Arg{eventArg},
		Options: []Option{{Key: "version", Value: "N", Label: "Release"}},
		Run:     b.scheduleShow,
	}, {
		Path:    "schedule move",
		Summary: "move a talk on the draft to another time or room (organisers)",
		Details: "The move is refused when it breaks a rule: a speaker in two places, a time the speakers cannot give it, a room that does not allow its format, across a break, or a room already in use.",
		Args:    []Arg{{Name: "ID", Required: true, Label: "Talk"}},
		Options: []Option{
			{Key: "at", Value: "HH:MM", Required: true, Label: "Starts at", Hint: "10:30"},
			{Key: "room", Value: "NAME", Label: "Room"},
		},
		Run: b.scheduleMove,
	}, {
		Path:    "schedule publish",
		Summary: "publish the draft as the next release and tell people what changed (organisers)",
		Details: "The changes since the last release are posted to the event's channel (/event channel), and each speaker whose talk was added, moved or dropped is told.",
		Args:    []Arg{eventArg},
		Run:     b.schedulePublish,
	}}
}

func (b *Bot) scheduleBuild(ctx context.Context, r *Request) (*Response, error) {
	o := schedule.BuildOptions{Seed: 1}
	if s, ok := r.Opt("seed"); ok {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, guild.FieldErrorf("seed", "seed=%s is not a whole number; give one such as seed=7.", guild.QuoteArg(s))
		}
		o.Seed = n
	}
	fresh, err := yesNo(r, "fresh")
	if err != nil {
		return nil, err
	}
	o.Fresh = fresh
	d, err := b.Schedules.Build(ctx, r.Arg("NAME"), o)
	if err != nil {
		return nil, err
	}
	return b.reply("schedule_built", templates.ScheduleBuilt{Draft: d})
}

func (b *Bot) scheduleShow(ctx context.Context, r *Request) (*Response, error) {
	name := r.Arg("NAME")
	v := templates.ScheduleShow{Organiser: r.User.Organiser}
	latest, err := b.Schedules.FindRelease(ctx, name, 0)
	if err != nil && guild.ErrorCode(err) != guild.ENOTFOUND {
		return nil, err
	}
	if err == nil {
		v.Latest = latest.Version
	} else if _, err := b.Events.FindEvent(ctx, name); err != nil {
		return nil, err // no such event
	}
	if s, ok := r.Opt("version"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return nil, guild.FieldErrorf("version", "version=%s is not a release number; releases count from 1.", guild.QuoteArg(s))
		}
		if v.Program, err = b.Schedules.FindRelease(ctx, name, n); err != nil {
			return nil, err
		}
		return b.reply("schedule_show", v)
	}
	if r.User.Organiser {
		d, err := b.Schedules.FindDraft(ctx, name)
		switch {
		case err == nil && latest != nil && len(d.Missing) == 0 && len(d.Gone) == 0 && len(schedule.Diff(latest, &d.Program)) == 0:
			// Publishing keeps the draft: until it changes, it is the
			// latest release, so show that rather than "not yet published".
		case err == nil:
			v.Draft, v.Program = d, &d.Program
			return b.reply("schedule_show", v)
		case guild.ErrorCode(err) != guild.ENOTFOUND:
			return nil, err
		case latest == nil:
			return nil, err // says how to build one
		}
	}
	if latest == nil {
		return nil, guild.Errorf(guild.ENOTFOUND, "No schedule has been published for %s yet.", name)
	}
	v.Program = latest
	return b.reply("schedule_show", v)
}

func (b *Bot) scheduleMove(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	at, _ := r.Opt("at")
	start, err := event.ParseClock("at", at)
	if err != nil {
		return nil, err
	}
	room, _ := r.Opt("room")
	room = strings.Join(strings.Fields(room), " ")
	d, it, from, err := b.Schedules.Move(ctx, id, room, start)
	if err != nil {
		return nil, err
	}
	return b.reply("schedule_moved", templates.ScheduleMoved{Draft: d, Item: it, From: from})
}

func (b *Bot) schedulePublish(ctx context.Context, r *Request) (*Response, error) {
	rel, err := b.Schedules.Publish(ctx, r.Arg("NAME"))
	if err != nil {
		return nil, err
	}
	return b.reply("schedule_published", templates.SchedulePublished{Release: rel})
}
