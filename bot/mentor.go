package bot

import (
	"context"
	"strconv"
	"strings"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/mentor"
	"github.com/guildhall/guildhall/templates"
)

// mentorEventArg is the event whose talks /mentor status and offsets read.
var mentorEventArg = Arg{Name: "EVENT", Required: true, Label: "Event", Rest: true}

func (b *Bot) mentorCommands() []*Command {
	return []*Command{{
		Path:    "mentor assign",
		Summary: "give an accepted talk a mentor, who hears its dry run (organisers)",
		Details: "First-time speakers especially: /mentor status flags their talks until they have a mentor. The mentor and the speakers are told, and the mentor gets the milestone reminders too.",
		Args:    []Arg{{Name: "ID", Required: true, Label: "Talk"}, {Name: "@mentor", Required: true, User: true, Label: "Mentor"}},
		Run:     b.mentorAssign,
	}, {
		Path:    "mentor done",
		Summary: "mark a milestone of your talk done: outline, deck, dryrun or final (speakers, mentors, organisers)",
		Details: "minutes= is how long the dry run took; I will say whether it fits the slot, and by how much to trim if not.",
		Args:    []Arg{{Name: "ID", Required: true, Label: "Talk"}, {Name: "MILESTONE", Required: true, Label: "Milestone (outline, deck, dryrun, final)"}},
		Options: []Option{{Key: "minutes", Value: "N", Label: "How long the dry run took, in minutes", Hint: "28"}},
		Form:    true,
		Title:   "Mark a milestone done",
		Run:     b.mentorDone,
	}, {
		Path:    "mentor status",
		Summary: "every talk's mentor and milestones at a glance (organisers; speakers and mentors see their own)",
		Args:    []Arg{mentorEventArg},
		Run:     b.mentorStatus,
	}, {
		Path:    "mentor offsets",
		Summary: "change how many days before an event each milestone falls due (organisers)",
		Details: "Give days before the event: outline=14 deck=7 dryrun=3 final=1 (the defaults); grace= is how many days after a milestone is due the organisers are told it is overdue (1); lead= how many days before it is due the speaker and mentor are reminded (2). With no options it shows the current ones.",
		Args:    []Arg{mentorEventArg},
		Options: []Option{
			{Key: "outline", Value: "DAYS"}, {Key: "deck", Value: "DAYS"}, {Key: "dryrun", Value: "DAYS"},
			{Key: "final", Value: "DAYS"}, {Key: "grace", Value: "DAYS"}, {Key: "lead", Value: "DAYS"},
		},
		Run: b.mentorOffsets,
	}}
}

func (b *Bot) mentorAssign(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	to, err := r.UserArg(ctx, "@mentor")
	if err != nil {
		return nil, err
	}
	m, t, err := b.Mentors.Assign(ctx, id, to)
	if err != nil {
		return nil, err
	}
	return b.reply("mentor_assigned", templates.MentorAssigned{Mentoring: m, Talk: t})
}

func (b *Bot) mentorDone(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	k, err := mentor.ParseKind(r.Arg("MILESTONE"))
	if err != nil {
		return nil, err
	}
	minutes := 0
	if raw, ok := r.Opt("minutes"); ok {
		s := strings.TrimSuffix(strings.TrimSpace(strings.ToLower(raw)), "m")
		if minutes, err = strconv.Atoi(strings.TrimSpace(s)); err != nil {
			return nil, guild.FieldErrorf("minutes", "minutes=%s is not a whole number of minutes; give how long the dry run took, such as minutes=28.", guild.QuoteArg(raw))
		}
		if err := mentor.CheckMinutes(minutes); err != nil {
			return nil, err
		}
	}
	t, m, err := b.Mentors.Done(ctx, id, k, minutes)
	if err != nil {
		return nil, err
	}
	v := templates.MilestoneDone{Talk: t, Milestone: m, Now: b.Now(), Reader: r.User}
	if m.Kind == mentor.DryRun && minutes > 0 {
		verdict := mentor.Judge(minutes, t.Minutes)
		v.Verdict = &verdict
	}
	return b.reply("mentor_done", v)
}

func (b *Bot) mentorStatus(ctx context.Context, r *Request) (*Response, error) {
	ev, talks, err := b.Mentors.Status(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	o, err := b.Mentors.Offsets(ctx, ev.Name)
	if err != nil {
		return nil, err
	}
	return b.reply("mentor_status", templates.MentorStatus{Event: ev, Talks: talks, Offsets: o, Now: b.Now(), Reader: r.User})
}

func (b *Bot) mentorOffsets(ctx context.Context, r *Request) (*Response, error) {
	opts := map[string]string{}
	for _, k := range []string{"outline", "deck", "dryrun", "final", "grace", "lead"} {
		if v, ok := r.Opt(k); ok {
			opts[k] = v
		}
	}
	ev, o, err := b.Mentors.SetOffsets(ctx, r.Arg("EVENT"), opts)
	if err != nil {
		return nil, err
	}
	return b.reply("mentor_offsets", templates.MentorOffsets{Event: ev, Offsets: o, Changed: len(opts) > 0})
}
