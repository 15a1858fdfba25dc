package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/mentor"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/survey"
	"github.com/guildhall/guildhall/schedule"
	"github.com/guildhall/guildhall/templates"
)

// Services are the domain services the bot's commands use.
type Services struct {
	Users       guild.UserService
	Communities community.Service
	Events      event.Service
	Calls       cfp.Service
	Mentors     mentor.Service
	Schedules   schedule.Service
	Surveys     survey.Service
	Health      survey.HealthService
	// Links, when set, makes the links to the web pages that replies
	// carry, such as the feedback page.
	Links Links
	// Inbox, when set, makes a message or form whose ID arrived before a
	// duplicate, answered with nothing.
	Inbox Inbox
	// Outbox, when set, takes the notices a command causes for other
	// people (a coordinator told of a new member, someone given a role),
	// so that they are delivered by the runner with its retries and rate
	// limits rather than by the adapter there and then.
	Outbox Queuer
}

// Queuer queues messages in the outbox, each under its own key.
type Queuer interface {
	Queue(ctx context.Context, ms []*remind.Message) error
}

// Bot handles commands from every adapter. It is safe for concurrent use.
type Bot struct {
	Services
	// Now is the clock commands read (the next meetings, say); only
	// cmd/guildhall passes the wall clock, tests pin it.
	Now guild.Clock
	// Log receives internal errors, with the reference shown to the user.
	Log *slog.Logger

	router *Router
}

// New returns a bot with every command registered. now is required; log
// may be nil to discard logs.
func New(s Services, now guild.Clock, log *slog.Logger) *Bot {
	if now == nil {
		panic("bot: New needs a clock")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bot{Services: s, Now: now, Log: log, router: NewRouter()}
	b.router.Register(b.helpCommands()...)
	b.router.Register(b.profileCommands()...)
	b.router.Group("community", "communities of practice: charter, members, stages and meetings")
	b.router.Register(b.communityCommands()...)
	b.router.Register(b.healthCommands()...)
	b.router.Group("event", "internal tech conferences: the day, its rooms and the roles that keep it running")
	b.router.Register(b.eventCommands()...)
	b.router.Group("cfp", "calls for proposals: submit, review, balance, decide, backups")
	b.router.Register(b.cfpCommands()...)
	b.router.Group("mentor", "speaker mentoring: a mentor per talk, and the outline, deck, dry run and final check")
	b.router.Register(b.mentorCommands()...)
	b.router.Group("schedule", "the day's schedule: build a draft, adjust it, publish releases")
	b.router.Register(b.scheduleCommands()...)
	b.router.Group("survey", "after the event: what will you do differently? The survey, its results, the feedback to speakers and the write-up")
	b.router.Register(b.surveyCommands()...)
	b.router.Group("idea", "the ideas raised in surveys, each carried forward by the person who raised it")
	b.router.Register(b.ideaCommands()...)
	return b
}

// Router returns the bot's router, for adapters that register commands
// with their platform and for help.
func (b *Bot) Router() *Router { return b.router }

// Handle parses and runs one command line and returns the response. It
// never panics and never returns nil.
func (b *Bot) Handle(ctx context.Context, m Message) (resp *Response) {
	defer b.recoverInto(&resp, m.Text)
	if dup, err := b.seen(ctx, m); dup || err != nil {
		return b.duplicate(m.Text, err)
	}
	u, err := b.Users.Resolve(ctx, &m.From)
	if err != nil {
		return b.refuse(nil, m.Text, err)
	}
	l, err := Parse(m.Text)
	if err != nil {
		return b.refuse(nil, m.Text, err)
	}
	c, args, mentions, err := b.router.Match(l)
	if err != nil {
		re := err.(*routeError)
		if re.command != nil && re.command.Form && m.Forms {
			if values, ok := formValues(l, re.command); ok {
				return &Response{Form: FormFor(re.command, values)}
			}
		}
		return b.refuseRoute(m.Text, re)
	}
	if c.Form && m.Forms && bare(l, c) {
		return &Response{Form: FormFor(c, nil)}
	}
	r := &Request{Command: c, User: u, Message: m, args: args, mentions: mentions, opts: l.Options, bot: b}
	return b.run(ctx, r, nil)
}

// seen reports whether m was handled before, by its platform id.
func (b *Bot) seen(ctx context.Context, m Message) (bool, error) {
	if b.Inbox == nil || m.ID == "" {
		return false, nil
	}
	first, err := b.Inbox.Record(ctx, m.From.Platform, m.ID)
	return !first, err
}

// duplicate answers a message seen before with nothing, or err when the
// inbox failed.
func (b *Bot) duplicate(typed string, err error) *Response {
	if err != nil {
		return b.refuse(nil, typed, err)
	}
	return &Response{Duplicate: true}
}

// formValues returns the form values of l's arguments when a form should
// open for it rather than a refusal: l names c with no options, such as a
// button's "/survey answer DevDay", and its words fit c's arguments, so
// the form opens with them filled in and asks for the rest.
func formValues(l *Line, c *Command) (map[string]string, bool) {
	if len(l.Options) > 0 {
		return nil, false
	}
	words := l.Words
	if c.Sub() != "" && len(words) > 0 {
		words = words[1:]
	}
	// The form asks for the arguments missing.
	loose := *c
	loose.Args = slices.Clone(c.Args)
	for i := range loose.Args {
		loose.Args[i].Required = false
	}
	args, _, err := bindArgs(&loose, words)
	if err != nil {
		return nil, false
	}
	return args, true
}

// bare reports whether l names c and gives no arguments at all.
func bare(l *Line, c *Command) bool {
	words := 0
	if c.Sub() != "" {
		words = 1
	}
	return len(l.Words) == words && len(l.Options) == 0
}

// Submit runs the command at path with values from a submitted form. A
// refusal comes back with the form, its values kept and the error on the
// field at fault.
func (b *Bot) Submit(ctx context.Context, m Message, path string, values map[string]string) (resp *Response) {
	defer b.recoverInto(&resp, path)
	c := b.router.Lookup(path)
	if c == nil {
		return b.refuse(nil, "/"+path, guild.Errorf(guild.EINVALID, "That form is out of date: /%s no longer exists.", path))
	}
	if dup, err := b.seen(ctx, m); dup || err != nil {
		return b.duplicate("/"+path, err)
	}
	form := FormFor(c, values)
	refuse := func(err error) *Response {
		resp := b.refuse(c, typed(c, values, values), err)
		form.setError(err)
		resp.Form = form
		return resp
	}
	u, err := b.Users.Resolve(ctx, &m.From)
	if err != nil {
		return refuse(err)
	}
	var words []Word
	for _, a := range c.Args {
		v := strings.TrimSpace(values[a.Name])
		if v == "" {
			break
		}
		w := Word{Text: v, Quoted: !a.User}
		if a.User {
			w.Mention = parseMention(v)
			if w.Mention == nil {
				w.Mention = &Mention{ID: v}
			}
		}
		words = append(words, w)
	}
	args, mentions, gerr := bindArgs(c, words)
	if gerr != nil {
		return refuse(gerr)
	}
	opts := map[string]string{}
	var keys []string
	for _, o := range c.Options {
		if v, ok := values[o.Key]; ok && strings.TrimSpace(v) != "" {
			opts[o.Key] = v
			keys = append(keys, o.Key)
		}
	}
	if gerr := checkOptions(c, opts, keys); gerr != nil {
		return refuse(gerr)
	}
	r := &Request{Command: c, User: u, Message: m, args: args, mentions: mentions, opts: opts, bot: b}
	return b.run(ctx, r, form)
}

func (b *Bot) run(ctx context.Context, r *Request, form *Form) *Response {
	ctx = guild.NewContextWithUser(ctx, r.User)
	resp, err := r.Command.Run(ctx, r)
	if err != nil {
		out := b.refuse(r.Command, r.Typed(), err)
		if form != nil {
			form.setError(err)
			out.Form = form
		}
		return out
	}
	b.queueNotices(ctx, r, resp)
	return resp
}

// queueNotices moves the response's notices to the outbox, keyed by the
// message they answer, so a redelivered message cannot queue them twice.
// Should the outbox fail, they stay on the response for the adapter to
// send, and the failure is logged.
func (b *Bot) queueNotices(ctx context.Context, r *Request, resp *Response) {
	if b.Outbox == nil || len(resp.Notices) == 0 {
		return
	}
	id := r.Message.ID
	if id == "" {
		id = strings.ToLower(reference()) + reference()
	}
	ms := make([]*remind.Message, len(resp.Notices))
	for i, n := range resp.Notices {
		ms[i] = &remind.Message{Key: fmt.Sprintf("notice:%s:%s:%d", r.User.Platform, id, i), Kind: "notice",
			To: n.To.User, Channel: n.To.Channel, Platform: r.User.Platform, Body: n.Text, DueAt: b.Now()}
	}
	if err := b.Outbox.Queue(ctx, ms); err != nil {
		b.Log.Error("queue notices", "command", r.Typed(), "err", err)
		return
	}
	resp.Notices = nil
}

func (b *Bot) recoverInto(resp **Response, typed string) {
	if v := recover(); v != nil {
		*resp = b.refuse(nil, typed, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
	}
}

// refuse translates err into a reply. This is the one place where errors
// become text for users: a guild.Error shows its message (and, for bad
// input, the usage that would work); anything else is logged with a
// reference and shown as a generic message.
func (b *Bot) refuse(c *Command, typed string, err error) *Response {
	code := guild.ErrorCode(err)
	v := templates.Refusal{Code: code, Message: guild.ErrorMessage(err), Typed: typed}
	if code == guild.EINTERNAL {
		v.Ref = reference()
		b.Log.Error("command failed", "ref", v.Ref, "command", typed, "err", err)
	}
	if c != nil && (code == guild.EINVALID || code == guild.ECONFLICT) {
		v.Usage = c.Usage()
		v.HelpTopic = c.Path
	}
	return &Response{Text: b.render("refusal", v), Refused: true, Code: code}
}

func (b *Bot) refuseRoute(typed string, re *routeError) *Response {
	resp := b.refuse(re.command, typed, re.err)
	if re.command == nil && re.group != "" {
		var usages []string
		for _, c := range b.router.Commands(re.group) {
			usages = append(usages, c.Usage())
		}
		resp.Text = b.render("refusal", templates.Refusal{Code: resp.Code, Message: guild.ErrorMessage(re.err), Typed: typed, Usages: usages, HelpTopic: re.group})
	}
	return resp
}

func reference() string {
	var p [4]byte
	_, _ = rand.Read(p[:])
	return strings.ToUpper(hex.EncodeToString(p[:]))
}

// render renders a template. Templates are covered by golden tests, so a
// failure here is a bug: it is logged and the user gets a short apology
// rather than nothing.
func (b *Bot) render(name string, data any) string {
	s, err := templates.Render(name, data)
	if err != nil {
		ref := reference()
		b.Log.Error("render failed", "ref", ref, "template", name, "err", err)
		return fmt.Sprintf("Something went wrong while writing my reply (reference %s).", ref)
	}
	return s
}

// reply returns a response rendered from a template.
func (b *Bot) reply(name string, data any, notices ...Notice) (*Response, error) {
	s, err := templates.Render(name, data)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return &Response{Text: s, Notices: notices}, nil
}

// notice returns a notice for a user rendered from a template.
func (b *Bot) notice(to *guild.User, name string, data any) (Notice, error) {
	s, err := templates.Render(name, data)
	if err != nil {
		return Notice{}, fmt.Errorf("render %s: %w", name, err)
	}
	return Notice{To: Recipient{User: to}, Text: s}, nil
}
