package bot

import (
	"context"

	"github.com/guildhall/guildhall/pkg/survey"
	"github.com/guildhall/guildhall/templates"
)

func (b *Bot) ideaCommands() []*Command {
	idArg := []Arg{{Name: "ID", Required: true, Label: "Idea"}}
	return []*Command{{
		Path:    "idea list",
		Summary: "the ideas raised in an event's survey, who carries each forward and where it stands",
		Details: "state=open, in-progress, done or dropped lists only those.",
		Args:    []Arg{surveyEventArg},
		Options: []Option{{Key: "state", Value: "STATE"}},
		Run:     b.ideaList,
	}, {
		Path:    "idea done",
		Summary: "say an idea was taken forward (its owner, or organisers)",
		Args:    idArg,
		Run:     b.ideaSet(survey.IdeaDone),
	}, {
		Path:    "idea progress",
		Summary: "say an idea is being taken forward (its owner, or organisers)",
		Args:    idArg,
		Run:     b.ideaSet(survey.IdeaInProgress),
	}, {
		Path:    "idea drop",
		Summary: "let an idea go (its owner, or organisers)",
		Args:    idArg,
		Run:     b.ideaSet(survey.IdeaDropped),
	}, {
		Path:    "idea open",
		Summary: "open an idea again (its owner, or organisers)",
		Args:    idArg,
		Run:     b.ideaSet(survey.IdeaOpen),
	}}
}

func (b *Bot) ideaList(ctx context.Context, r *Request) (*Response, error) {
	var only survey.IdeaState
	if v, ok := r.Opt("state"); ok {
		var err error
		if only, err = survey.ParseIdeaState(v); err != nil {
			return nil, err
		}
	}
	ev, ideas, err := b.Surveys.Ideas(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	v := templates.IdeaList{Event: ev, State: only, Reader: r.User}
	for _, i := range ideas {
		if only == "" || i.State == only {
			v.Ideas = append(v.Ideas, i)
		}
	}
	v.All = len(ideas)
	return b.reply("idea_list", v)
}

func (b *Bot) ideaSet(st survey.IdeaState) HandlerFunc {
	return func(ctx context.Context, r *Request) (*Response, error) {
		id, err := survey.ParseID("ID", "an idea's", r.Arg("ID"))
		if err != nil {
			return nil, err
		}
		i, err := b.Surveys.SetIdea(ctx, id, st)
		if err != nil {
			return nil, err
		}
		return b.reply("idea_set", templates.IdeaSet{Idea: i, Reader: r.User})
	}
}
