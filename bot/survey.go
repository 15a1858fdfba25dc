package bot

import (
	"context"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
	"github.com/guildhall/guildhall/templates"
)

// Links makes the links the bot hands out to its web pages.
type Links interface {
	// Feedback returns the addresses of the event's feedback page and of
	// its CSV export, signed for u alone and good until the time it
	// returns; "" addresses when no web pages are served.
	Feedback(ctx context.Context, u *guild.User, eventName string) (page, csv string, until time.Time, err error)
}

// surveyEventArg is the event a survey command is about.
var surveyEventArg = Arg{Name: "EVENT", Required: true, Label: "Event", Rest: true}

// surveyOptions are the settings an organiser may give a survey before it
// goes out.
var surveyOptions = []Option{
	{Key: "anonymous", Value: "yes|no", Label: "Anonymous (keep no link from an answer to a person)"},
	{Key: "delay", Value: "DURATION", Label: "How long after the event it goes out", Hint: "0"},
	{Key: "remind", Value: "DURATION", Label: "How long after it goes out the one reminder follows", Hint: "2d"},
	{Key: "close", Value: "DURATION", Label: "How long after it goes out it closes", Hint: "7d"},
	{Key: "community", Value: "NAME", Label: "A community whose members are asked too"},
}

// resultsPerPage is how many "different" answers a page of /survey
// results shows.
const resultsPerPage = 20

func (b *Bot) surveyCommands() []*Command {
	return []*Command{{
		Path:    "event attend",
		Summary: "say you attend an event, so its feedback survey reaches you when it ends",
		Args:    []Arg{eventArg},
		Run:     b.eventAttend,
	}, {
		Path:    "survey answer",
		Summary: "answer an event's survey: how was it, and what will you do differently?",
		Details: `rating= is the day as a whole, 1 (poor) to 5 (excellent); different= is what you will do differently, the one answer every survey needs. Optional: helped=ID names the talk that helped you most; idea= is an idea to take forward (you own it, and I will ask you in two and six weeks how it is going); ratings="#11=5 #12=4" rates the talks you attended; comments="#11: clear and short; #12: slower, please" are comments for their speakers, who see them once an organiser releases them; anonymous=yes keeps your answer and idea from being linked to you. Answering again replaces your earlier answer.`,
		Args:    []Arg{surveyEventArg},
		Options: []Option{
			{Key: "rating", Value: "1..5", Required: true, Label: "The day as a whole, 1 (poor) to 5 (excellent)", Hint: "4"},
			{Key: "different", Value: `"..."`, Required: true, Max: guild.MaxText, Multiline: true, Label: "What will you do differently?", Hint: "Pair on the flaky tests"},
			{Key: "helped", Value: "ID", Label: "The talk that helped you most (its number)", Hint: "#12"},
			{Key: "idea", Value: `"..."`, Max: guild.MaxText, Multiline: true, Label: "An idea to take forward"},
			{Key: "ratings", Value: `"#ID=1..5 ..."`, Max: guild.MaxText, Label: "Ratings of the talks you attended", Hint: "#11=5 #12=4"},
			{Key: "comments", Value: `"#ID: ...; ..."`, Max: 4 * guild.MaxText, Multiline: true, Label: "Comments for the speakers", Hint: "#11: clear and short; #12: slower, please"},
			{Key: "anonymous", Value: "yes", Label: "Answer anonymously (yes)"},
		},
		Form:  true,
		Title: "What will you do differently?",
		Run:   b.surveyAnswer,
	}, {
		Path:    "survey schedule",
		Summary: "show when and how an event's survey goes out, or change that before it does (organisers change)",
		Details: "A survey goes out by itself when its event ends (delay= later), to everyone who said they attend (/event attend) and the members of community=, with one reminder (remind=, 2d) to those yet to answer, and closes (close=, 7d). Durations are whole weeks, days, hours or minutes: 1w, 2d, 36h, 90m, 0. anonymous=yes keeps no link from any answer to a person.",
		Args:    []Arg{surveyEventArg},
		Options: surveyOptions,
		Run:     b.surveySchedule,
	}, {
		Path:    "survey send",
		Summary: "send an event's survey now, rather than when it ends (organisers)",
		Details: "It is sent once; the options are those of /survey schedule.",
		Args:    []Arg{surveyEventArg},
		Options: []Option{surveyOptions[0], surveyOptions[2], surveyOptions[3], surveyOptions[4]},
		Run:     b.surveySend,
	}, {
		Path:    "survey results",
		Summary: "what the answers add up to: response rate, ratings, each talk, every 'different' answer (organisers)",
		Details: "The answers come 20 to a page: page=2 shows the next. The reply links to the feedback page, with charts, every comment and a CSV export, for you alone.",
		Args:    []Arg{surveyEventArg},
		Options: []Option{{Key: "page", Value: "N"}},
		Run:     b.surveyResults,
	}, {
		Path:    "survey release",
		Summary: "send each speaker the ratings and comments on their talk (organisers)",
		Details: "talk=ID releases one talk's; without it, every talk not released yet. Hide a comment first with /survey hide #cN (its number in /survey results).",
		Args:    []Arg{surveyEventArg},
		Options: []Option{{Key: "talk", Value: "ID"}},
		Run:     b.surveyRelease,
	}, {
		Path:    "survey hide",
		Summary: "keep a comment from its talk's speakers (organisers)",
		Args:    []Arg{{Name: "ID", Required: true, Label: "Comment"}},
		Run:     b.surveyHide(true),
	}, {
		Path:    "survey unhide",
		Summary: "let a hidden comment reach its talk's speakers again (organisers)",
		Args:    []Arg{{Name: "ID", Required: true, Label: "Comment"}},
		Run:     b.surveyHide(false),
	}, {
		Path:    "survey feedback",
		Summary: "the ratings and comments on your talk, once an organiser released them (speakers)",
		Args:    []Arg{surveyEventArg},
		Run:     b.surveyFeedback,
	}, {
		Path:    "survey writeup",
		Summary: "a Markdown draft of a post about the day for the tech blog (organisers)",
		Details: "The day in numbers, the talks and speakers, what the answers speak of, a few quotes (an anonymous answer is never quoted by name) and the ideas being taken forward. Edit it before you publish it.",
		Args:    []Arg{surveyEventArg},
		Run:     b.surveyWriteup,
	}}
}

func (b *Bot) eventAttend(ctx context.Context, r *Request) (*Response, error) {
	a, err := b.Surveys.Attend(ctx, r.Arg("NAME"))
	if err != nil {
		return nil, err
	}
	return b.reply("event_attend", templates.Attended{Attendance: a, Reader: r.User, Now: b.Now()})
}

func (b *Bot) surveyAnswer(ctx context.Context, r *Request) (*Response, error) {
	a := &survey.Answer{}
	var err error
	if v, ok := r.Opt("rating"); ok {
		if a.Rating, err = survey.ParseRating("rating", v); err != nil {
			return nil, err
		}
	}
	a.Different, _ = r.Opt("different")
	a.Idea, _ = r.Opt("idea")
	if v, ok := r.Opt("helped"); ok {
		if a.Helped, err = survey.ParseID("helped", "a talk's", v); err != nil {
			return nil, err
		}
	}
	if v, ok := r.Opt("ratings"); ok {
		if a.Ratings, err = survey.ParseRatings(v); err != nil {
			return nil, err
		}
	}
	if v, ok := r.Opt("comments"); ok {
		if a.Comments, err = survey.ParseComments(v); err != nil {
			return nil, err
		}
	}
	if a.Anonymous, err = yesNo(r, "anonymous"); err != nil {
		return nil, err
	}
	rc, err := b.Surveys.Answer(ctx, r.Arg("EVENT"), a)
	if err != nil {
		return nil, err
	}
	return b.reply("survey_answered", templates.SurveyAnswered{Receipt: rc, Reader: r.User})
}

// surveyOpts reads the survey options given.
func surveyOpts(r *Request) (survey.Options, error) {
	opts := map[string]string{}
	for _, o := range surveyOptions {
		if v, ok := r.Opt(o.Key); ok {
			opts[o.Key] = v
		}
	}
	return survey.ParseOptions(opts)
}

func (b *Bot) surveySchedule(ctx context.Context, r *Request) (*Response, error) {
	o, err := surveyOpts(r)
	if err != nil {
		return nil, err
	}
	var sv *survey.Survey
	if o.IsZero() {
		sv, err = b.Surveys.Find(ctx, r.Arg("EVENT"))
	} else {
		sv, err = b.Surveys.Schedule(ctx, r.Arg("EVENT"), o)
	}
	if err != nil {
		return nil, err
	}
	return b.reply("survey_schedule", templates.SurveyStatus{Survey: sv, Changed: !o.IsZero(), Reader: r.User, Now: b.Now()})
}

func (b *Bot) surveySend(ctx context.Context, r *Request) (*Response, error) {
	o, err := surveyOpts(r)
	if err != nil {
		return nil, err
	}
	sv, err := b.Surveys.Send(ctx, r.Arg("EVENT"), o)
	if err != nil {
		return nil, err
	}
	return b.reply("survey_sent", templates.SurveyStatus{Survey: sv, Reader: r.User, Now: b.Now()})
}

func (b *Bot) surveyResults(ctx context.Context, r *Request) (*Response, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	res, err := b.Surveys.Results(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	n, err := pages(len(res.Different), resultsPerPage, p)
	if err != nil {
		return nil, err
	}
	v := templates.SurveyResults{Results: res, Page: p, Pages: n, PerPage: resultsPerPage, Reader: r.User, Now: b.Now()}
	if b.Links != nil {
		if v.Link, v.CSV, v.Until, err = b.Links.Feedback(ctx, r.User, res.Survey.Name()); err != nil {
			return nil, err
		}
	}
	return b.reply("survey_results", v)
}

func (b *Bot) surveyRelease(ctx context.Context, r *Request) (*Response, error) {
	var talk int64
	if v, ok := r.Opt("talk"); ok {
		var err error
		if talk, err = survey.ParseID("talk", "a talk's", v); err != nil {
			return nil, err
		}
	}
	fs, err := b.Surveys.Release(ctx, r.Arg("EVENT"), talk)
	if err != nil {
		return nil, err
	}
	return b.reply("survey_released", templates.FeedbackReleased{Event: r.Arg("EVENT"), Feedback: fs})
}

func (b *Bot) surveyHide(hide bool) HandlerFunc {
	return func(ctx context.Context, r *Request) (*Response, error) {
		id, err := survey.ParseCommentID("ID", r.Arg("ID"))
		if err != nil {
			return nil, err
		}
		c, err := b.Surveys.Hide(ctx, id, hide)
		if err != nil {
			return nil, err
		}
		return b.reply("survey_hidden", c)
	}
}

func (b *Bot) surveyFeedback(ctx context.Context, r *Request) (*Response, error) {
	fs, err := b.Surveys.Feedback(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	return b.reply("survey_feedback", templates.SpeakerFeedback{Event: r.Arg("EVENT"), Feedback: fs})
}

func (b *Bot) surveyWriteup(ctx context.Context, r *Request) (*Response, error) {
	res, err := b.Surveys.Results(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	return b.reply("survey_writeup", templates.WriteupView{Writeup: survey.NewWriteup(res), Now: b.Now()})
}
