package bot

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

// How many submissions /cfp list and /cfp mine show on a page, and how
// many talks in need of a review they point to.
const (
	submissionPage = 15
	toReview       = 3
)

var (
	// callArg names a call (its event or community) when nothing but
	// options follows.
	callArg = Arg{Name: "EVENT", Required: true, Label: "Event or community", Rest: true}
	// idArg is a submission's id.
	idArg = Arg{Name: "ID", Required: true, Label: "Submission (#12)"}
)

// submissionOptions are the fields of a proposal.
var submissionOptions = []Option{
	{Key: "title", Value: `".."`, Max: cfp.MaxTitle, Label: "Title", Hint: "What we learned moving to trunk-based development"},
	{Key: "format", Value: "NAME", Label: "Format", Hint: "talk"},
	{Key: "abstract", Value: `".."`, Max: cfp.MaxAbstract, Label: "Abstract: what will people take away?", Multiline: true},
	{Key: "cospeakers", Value: `"@a @b"`, Max: guild.MaxText, Label: "Co-speakers", Hint: "@sam @kim"},
	{Key: "first", Value: "yes", Label: "Is this your first talk? (yes or no)", Hint: "no"},
	{Key: "tags", Value: `"a, b"`, Max: 200, Label: "Topics, separated by commas (at most 5)", Hint: "testing, ci"},
}

func required(opts []Option, keys ...string) []Option {
	out := append([]Option(nil), opts...)
	for i := range out {
		for _, k := range keys {
			if out[i].Key == k {
				out[i].Required = true
			}
		}
	}
	return out
}

func (b *Bot) cfpCommands() []*Command {
	return []*Command{{
		Path:    "cfp open",
		Summary: "open a call for proposals for an event, or a standing one for a community (organisers)",
		Details: `closes= is the last day for submissions, in the event's time zone. formats= lists what the call offers with minutes: formats="lightning:5, talk:30, panel:45, workshop:90". With community=NAME instead of an event, the call is standing: it never closes and every member sees every proposal; /cfp move takes a proposal to a dated event later. anonymous=yes hides speakers' names from reviewers who are not organisers. Opening a closed call again reopens it.`,
		Args:    []Arg{{Name: "EVENT", Label: "Event", Rest: true}},
		Options: []Option{
			{Key: "closes", Value: "YYYY-MM-DD", Label: "Last day for submissions", Hint: "2027-02-01"},
			{Key: "formats", Value: `"lightning:5, talk:30"`, Required: true, Max: guild.MaxText, Label: "Formats with minutes", Hint: "lightning:5, talk:30, workshop:90"},
			{Key: "community", Value: "NAME", Label: "Community (for a standing call)"},
			{Key: "anonymous", Value: "yes", Label: "Hide speakers from reviewers (yes or no)"},
		},
		Run: b.cfpOpen,
	}, {
		Path:    "cfp close",
		Summary: "close a call for proposals now (organisers)",
		Args:    []Arg{callArg},
		Run:     b.cfpClose,
	}, {
		Path:    "cfp reviewers",
		Summary: "add a reviewer to a call, or list its reviewers (organisers add)",
		Details: "Organisers always review; /cfp reviewers add EVENT @user adds someone else and tells them.",
		Args:    []Arg{{Name: "add|list", Required: true, Label: "add or list"}, {Name: "EVENT", Required: true, Label: "Event or community"}, {Name: "@user", User: true, Label: "Reviewer"}},
		Run:     b.cfpReviewers,
	}, {
		Path:    "cfp submit",
		Summary: "propose a talk",
		Details: `Your department and team come from your profile (/profile). cospeakers= names up to four co-speakers; first=yes says this is your first talk, so organisers can offer a mentor. tags= gives up to five topics, such as tags="go, testing": the schedule keeps talks that share a topic apart. You can change it with /cfp edit until the call closes.`,
		Args:    []Arg{callArg},
		Options: required(submissionOptions, "title", "format", "abstract"),
		Form:    true,
		Title:   "Propose a talk",
		Run:     b.cfpSubmit,
	}, {
		Path:       "cfp edit",
		Summary:    "change your proposal until the call closes",
		Details:    `Give only what changes; the rest stays as it is. tags= replaces the tags; tags=none clears them.`,
		Args:       []Arg{idArg},
		Options:    submissionOptions,
		AtLeastOne: true,
		Run:        b.cfpEdit,
	}, {
		Path:    "cfp mine",
		Summary: "list your proposals and where they stand",
		Options: []Option{{Key: "page", Value: "N", Label: "Which page"}},
		Run:     b.cfpMine,
	}, {
		Path:    "cfp list",
		Summary: "rank a call's submissions by mean score, with review counts",
		Details: "Organisers and reviewers see every submission, best first, and where a review is needed most; others see their own (in a community's standing call, every member sees all). state= limits the list: submitted, accepted, backup, rejected, confirmed, declined.",
		Args:    []Arg{callArg},
		Options: []Option{{Key: "state", Value: "STATE", Label: "Only in this state"}, {Key: "page", Value: "N", Label: "Which page"}},
		Run:     b.cfpList,
	}, {
		Path:    "cfp show",
		Summary: "show a submission",
		Args:    []Arg{idArg},
		Run:     b.cfpShow,
	}, {
		Path:    "cfp withdraw",
		Summary: "take back your proposal",
		Args:    []Arg{idArg},
		Run:     b.cfpAct(cfp.Withdraw),
	}, {
		Path:    "cfp review",
		Summary: "score a submission from 1 to 5, with a comment (organisers and reviewers)",
		Details: "One review each; reviewing again replaces yours. You cannot review a talk you speak in.",
		Args:    []Arg{idArg},
		Options: []Option{
			{Key: "score", Value: "1..5", Required: true, Label: "Score: 1 weak, 3 solid, 5 outstanding", Hint: "4"},
			{Key: "comment", Value: `".."`, Max: guild.MaxText, Label: "Comment", Multiline: true},
		},
		Form:  true,
		Title: "Review a talk",
		Run:   b.cfpReview,
	}, {
		Path:    "cfp decide",
		Summary: "accept, reject or keep a talk as a backup (organisers)",
		Details: "A decision can change until its speakers are told by /cfp notify. Backups are offered the slot of a speaker who declines, best-scored first.",
		Args:    []Arg{idArg, {Name: "accept|reject|backup", Required: true, Label: "Decision"}},
		Run:     b.cfpDecide,
	}, {
		Path:    "cfp notify",
		Summary: "tell every speaker of a decision not yet sent (organisers)",
		Args:    []Arg{callArg},
		Run:     b.cfpNotify,
	}, {
		Path:    "cfp balance",
		Summary: "show the mix of accepted and backup talks, and who is missing (organisers)",
		Args:    []Arg{callArg},
		Run:     b.cfpBalance,
	}, {
		Path:    "cfp confirm",
		Summary: "confirm you will give your accepted talk",
		Args:    []Arg{idArg},
		Run:     b.cfpAct(cfp.Confirm),
	}, {
		Path:    "cfp decline",
		Summary: "say you cannot give your accepted talk; a backup is offered the slot",
		Args:    []Arg{idArg},
		Run:     b.cfpAct(cfp.Decline),
	}, {
		Path:    "cfp available",
		Summary: "say when your talk can be given, such as \"09:00-12:00, 14:00-17:00\" (speakers, organisers)",
		Details: `Times are on the event's clock. "any" clears them. The schedule places the talk only within them.`,
		Args:    []Arg{idArg, {Name: `"TIMES"`, Required: true, Label: "When it can be given", Rest: true}},
		Run:     b.cfpAvailable,
	}, {
		Path:    "cfp interest",
		Summary: "say you want to hear a talk; interest estimates its audience when rooms are chosen",
		Details: "remove=yes takes it back.",
		Args:    []Arg{idArg},
		Options: []Option{{Key: "remove", Value: "yes", Label: "Take it back"}},
		Run:     b.cfpInterest,
	}, {
		Path:    "cfp move",
		Summary: "move a proposal from a community's standing call to an event's call (organisers)",
		Args:    []Arg{idArg, {Name: "EVENT", Required: true, Label: "Event", Rest: true}},
		Run:     b.cfpMove,
	}}
}

func (b *Bot) cfpOpen(ctx context.Context, r *Request) (*Response, error) {
	formats, _ := r.Opt("formats")
	fs, err := cfp.ParseFormats(formats)
	if err != nil {
		return nil, err
	}
	c := &cfp.Call{Formats: fs}
	if c.Anonymous, err = yesNo(r, "anonymous"); err != nil {
		return nil, err
	}
	community, standing := r.Opt("community")
	name := r.Arg("EVENT")
	switch {
	case standing && name != "":
		return nil, guild.Errorf(guild.EINVALID, "Name an event or community=NAME, not both: a community's standing call has no event.")
	case standing:
		if _, ok := r.Opt("closes"); ok {
			return nil, guild.FieldErrorf("closes", "A community's standing call never closes; leave out closes=.")
		}
		c.CommunityName = community
	case name == "":
		return nil, guild.FieldErrorf("EVENT", "Name the event, or give community=NAME for a standing call.")
	default:
		e, err := b.Events.FindEvent(ctx, name)
		if err != nil {
			return nil, err
		}
		c.Event = e
		closes, ok := r.Opt("closes")
		if !ok {
			return nil, guild.FieldErrorf("closes", "Say the last day for submissions, such as closes=%s.", e.Day.AddDate(0, 0, -28).Format(time.DateOnly))
		}
		day, err := event.ParseDate("closes", closes)
		if err != nil {
			return nil, err
		}
		c.ClosesAt = cfp.Deadline(day, e.Location())
	}
	if err := b.Calls.OpenCall(ctx, c); err != nil {
		return nil, err
	}
	return b.reply("cfp_opened", templates.CallOpened{Call: c})
}

func (b *Bot) cfpClose(ctx context.Context, r *Request) (*Response, error) {
	c, err := b.Calls.CloseCall(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	return b.reply("cfp_closed", templates.CallClosed{Call: c})
}

func (b *Bot) cfpReviewers(ctx context.Context, r *Request) (*Response, error) {
	v := templates.Reviewers{}
	switch strings.ToLower(r.Arg("add|list")) {
	case "add":
		u, err := r.UserArg(ctx, "@user")
		if err != nil {
			return nil, err
		}
		if v.Call, err = b.Calls.AddReviewer(ctx, r.Arg("EVENT"), u); err != nil {
			return nil, err
		}
		v.Added = u
	case "list":
		if r.Arg("@user") != "" {
			return nil, guild.FieldErrorf("@user", "/cfp reviewers list takes no @user; to add one: /cfp reviewers add %s %s", guild.QuoteArg(r.Arg("EVENT")), r.Arg("@user"))
		}
		c, err := b.Calls.FindCall(ctx, r.Arg("EVENT"))
		if err != nil {
			return nil, err
		}
		v.Call = c
	default:
		return nil, guild.FieldErrorf("add|list", "/cfp reviewers takes add or list, not %q.", r.Arg("add|list"))
	}
	var err error
	if v.Reviewers, err = b.Calls.FindReviewers(ctx, v.Call.Name); err != nil {
		return nil, err
	}
	return b.reply("cfp_reviewers", v)
}

// coSpeakers resolves cospeakers="@a @b" to users.
func (b *Bot) coSpeakers(ctx context.Context, r *Request) ([]*guild.User, bool, error) {
	v, ok := r.Opt("cospeakers")
	if !ok {
		return nil, false, nil
	}
	var out []*guild.User
	for _, tok := range strings.FieldsFunc(v, func(c rune) bool { return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' }) {
		ref := tok
		if m := parseMention(tok); m != nil {
			if ref = m.ID; ref == "" {
				ref = m.Name
			}
		}
		ref = strings.TrimPrefix(ref, "@")
		if ref == "" {
			continue
		}
		u, err := b.Users.FindUser(ctx, r.User.Platform, ref)
		if err != nil {
			return nil, true, guild.FieldErrorf("cospeakers", "%s", guild.ErrorMessage(err))
		}
		out = append(out, u)
	}
	if len(out) > cfp.MaxCoSpeakers {
		return nil, true, guild.FieldErrorf("cospeakers", "A talk may have at most %d co-speakers; you named %d.", cfp.MaxCoSpeakers, len(out))
	}
	return out, true, nil
}

func (b *Bot) cfpSubmit(ctx context.Context, r *Request) (*Response, error) {
	s := &cfp.Submission{}
	s.Title, _ = r.Opt("title")
	s.Abstract, _ = r.Opt("abstract")
	s.Format.Name, _ = r.Opt("format")
	var err error
	if s.FirstTime, err = yesNo(r, "first"); err != nil {
		return nil, err
	}
	if v, ok := r.Opt("tags"); ok {
		if s.Tags, err = cfp.ParseTags(v); err != nil {
			return nil, err
		}
	}
	co, _, err := b.coSpeakers(ctx, r)
	if err != nil {
		return nil, err
	}
	s.Speakers = []*cfp.Speaker{{User: r.User, Lead: true}}
	for _, u := range co {
		s.Speakers = append(s.Speakers, &cfp.Speaker{User: u})
	}
	if err := b.Calls.Submit(ctx, r.Arg("EVENT"), s); err != nil {
		return nil, err
	}
	c, err := b.Calls.FindCall(ctx, s.CallName)
	if err != nil {
		return nil, err
	}
	return b.reply("cfp_submission", templates.SubmissionView{Submission: s, Call: c, Reader: r.User, Submitted: true, Now: b.Now()})
}

func (b *Bot) cfpEdit(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	u := cfp.Update{Title: r.OptPtr("title"), Abstract: r.OptPtr("abstract"), Format: r.OptPtr("format")}
	if _, ok := r.Opt("first"); ok {
		first, err := yesNo(r, "first")
		if err != nil {
			return nil, err
		}
		u.FirstTime = &first
	}
	if v, ok := r.Opt("tags"); ok {
		tags, err := cfp.ParseTags(v)
		if err != nil {
			return nil, err
		}
		if tags == nil {
			tags = []string{}
		}
		u.Tags = &tags
	}
	co, given, err := b.coSpeakers(ctx, r)
	if err != nil {
		return nil, err
	}
	if given {
		u.CoSpeakers = &co
	}
	s, err := b.Calls.UpdateSubmission(ctx, id, u)
	if err != nil {
		return nil, err
	}
	c, err := b.Calls.FindCall(ctx, s.CallName)
	if err != nil {
		return nil, err
	}
	return b.reply("cfp_submission", templates.SubmissionView{Submission: s, Call: c, Reader: r.User, Edited: true, Now: b.Now()})
}

func (b *Bot) cfpMine(ctx context.Context, r *Request) (*Response, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	ss, total, err := b.Calls.FindSubmissions(ctx, cfp.Filter{Mine: true, Offset: (p - 1) * submissionPage, Limit: submissionPage,
		States: []cfp.State{cfp.Submitted, cfp.Accepted, cfp.Rejected, cfp.Backup, cfp.Offered, cfp.Confirmed, cfp.Declined, cfp.Withdrawn}})
	if err != nil {
		return nil, err
	}
	return b.list(templates.SubmissionList{Submissions: ss, Total: total, Page: p})
}

func (b *Bot) list(v templates.SubmissionList) (*Response, error) {
	var err error
	if v.Pages, err = pages(v.Total, submissionPage, v.Page); err != nil {
		return nil, err
	}
	return b.reply("cfp_list", v)
}

func (b *Bot) cfpList(ctx context.Context, r *Request) (*Response, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	c, err := b.Calls.FindCall(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	f := cfp.Filter{Call: c.Name, Offset: (p - 1) * submissionPage, Limit: submissionPage}
	v := templates.SubmissionList{Call: c, Page: p, Organiser: r.User.Organiser}
	if st, ok := r.Opt("state"); ok {
		state := cfp.State(strings.ToLower(strings.TrimSpace(st)))
		if !knownState(state) {
			return nil, guild.FieldErrorf("state", "%q is not a state; states are submitted, accepted, backup, offered, rejected, confirmed, declined and withdrawn.", st)
		}
		f.States, v.State = []cfp.State{state}, string(state)
	}
	if v.Submissions, v.Total, err = b.Calls.FindSubmissions(ctx, f); err != nil {
		return nil, err
	}
	if v.ToReview, _, err = b.Calls.FindSubmissions(ctx, cfp.Filter{Call: c.Name, ToReview: true, States: []cfp.State{cfp.Submitted}, Limit: toReview}); err != nil {
		return nil, err
	}
	v.Reviewer = r.User.Organiser || len(v.ToReview) > 0 || b.reviews(ctx, c.Name, r.User)
	return b.list(v)
}

// reviews reports whether u is a named reviewer of the call.
func (b *Bot) reviews(ctx context.Context, call string, u *guild.User) bool {
	rs, err := b.Calls.FindReviewers(ctx, call)
	if err != nil {
		return false
	}
	for _, r := range rs {
		if r.ID == u.ID {
			return true
		}
	}
	return false
}

func knownState(s cfp.State) bool {
	switch s {
	case cfp.Submitted, cfp.Accepted, cfp.Rejected, cfp.Backup, cfp.Offered, cfp.Confirmed, cfp.Declined, cfp.Withdrawn:
		return true
	}
	return false
}

func (b *Bot) cfpShow(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	s, err := b.Calls.FindSubmission(ctx, id)
	if err != nil {
		return nil, err
	}
	c, err := b.Calls.FindCall(ctx, s.CallName)
	if err != nil {
		return nil, err
	}
	v := templates.SubmissionView{Submission: s, Call: c, Reader: r.User, Now: b.Now()}
	// FindReviews gives organisers every review and reviewers their own;
	// speakers see feedback after the event, not reviews.
	if !s.HasSpeaker(r.User) {
		if v.Reviews, err = b.Calls.FindReviews(ctx, id); err != nil {
			return nil, err
		}
	}
	return b.reply("cfp_submission", v)
}

func (b *Bot) cfpReview(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	score, _ := r.Opt("score")
	n, err := strconv.Atoi(strings.TrimSpace(score))
	if err != nil {
		return nil, guild.FieldErrorf("score", "score= takes a whole number from 1 (weak) to 5 (outstanding), not %q.", score)
	}
	rev := &cfp.Review{SubmissionID: id, Score: n}
	rev.Comment, _ = r.Opt("comment")
	s, updated, err := b.Calls.Review(ctx, rev)
	if err != nil {
		return nil, err
	}
	next, _, err := b.Calls.FindSubmissions(ctx, cfp.Filter{Call: s.CallName, ToReview: true, States: []cfp.State{cfp.Submitted}, Limit: toReview})
	if err != nil {
		return nil, err
	}
	return b.reply("cfp_reviewed", templates.Reviewed{Submission: s, Review: rev, Updated: updated, Next: next})
}

func (b *Bot) cfpDecide(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	a, err := cfp.ParseDecision(r.Arg("accept|reject|backup"))
	if err != nil {
		return nil, err
	}
	return b.act(ctx, id, a)
}

// cfpAct returns the handler of a speaker's action on their talk.
func (b *Bot) cfpAct(a cfp.Action) HandlerFunc {
	return func(ctx context.Context, r *Request) (*Response, error) {
		id, err := cfp.ParseID(r.Arg("ID"))
		if err != nil {
			return nil, err
		}
		return b.act(ctx, id, a)
	}
}

func (b *Bot) act(ctx context.Context, id int64, a cfp.Action) (*Response, error) {
	s, offered, err := b.Calls.Act(ctx, id, a)
	if err != nil {
		return nil, err
	}
	return b.reply("cfp_acted", templates.Acted{Submission: s, Action: a, Offered: offered})
}

func (b *Bot) cfpNotify(ctx context.Context, r *Request) (*Response, error) {
	ss, err := b.Calls.Notify(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	c, err := b.Calls.FindCall(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	v := templates.Notified{Call: c, Submissions: ss}
	counts := map[cfp.State]int{}
	for _, s := range ss {
		counts[s.State]++
		v.Messages += len(s.Speakers)
	}
	for _, st := range []cfp.State{cfp.Accepted, cfp.Backup, cfp.Rejected} {
		if counts[st] > 0 {
			v.Counts = append(v.Counts, templates.StateCount{State: st, Count: counts[st]})
		}
	}
	return b.reply("cfp_notified", v)
}

func (b *Bot) cfpBalance(ctx context.Context, r *Request) (*Response, error) {
	bal, err := b.Calls.Balance(ctx, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	return b.reply("cfp_balance", bal)
}

func (b *Bot) cfpMove(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	before, err := b.Calls.FindSubmission(ctx, id)
	if err != nil {
		return nil, err
	}
	s, err := b.Calls.Move(ctx, id, r.Arg("EVENT"))
	if err != nil {
		return nil, err
	}
	return b.reply("cfp_moved", templates.Moved{Submission: s, From: before.CallName})
}

func (b *Bot) cfpAvailable(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	ws, err := cfp.ParseWindows(r.Arg(`"TIMES"`))
	if err != nil {
		return nil, err
	}
	s, err := b.Calls.SetAvailable(ctx, id, ws)
	if err != nil {
		return nil, err
	}
	return b.reply("cfp_available", templates.Available{Submission: s, Windows: cfp.Windows(s.Available)})
}

func (b *Bot) cfpInterest(ctx context.Context, r *Request) (*Response, error) {
	id, err := cfp.ParseID(r.Arg("ID"))
	if err != nil {
		return nil, err
	}
	remove, err := yesNo(r, "remove")
	if err != nil {
		return nil, err
	}
	s, changed, err := b.Calls.Interest(ctx, id, remove)
	if err != nil {
		return nil, err
	}
	return b.reply("cfp_interest", templates.Interested{Submission: s, Removed: remove, Changed: changed})
}
