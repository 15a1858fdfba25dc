package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
	discordbot "github.com/guildhall/guildhall/bot/discord"
	slackbot "github.com/guildhall/guildhall/bot/slack"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

// deliveryConfig is how the runner delivers: rate limits and retries.
type deliveryConfig struct {
	rate, recipientRate string
	maxAttempts         int
	lease               time.Duration
}

func newDeliveryConfig(getenv func(string) string) deliveryConfig {
	d := deliveryConfig{rate: getenv("GUILDHALL_RATE"), recipientRate: getenv("GUILDHALL_RECIPIENT_RATE"), maxAttempts: 8, lease: time.Minute}
	if n, err := strconv.Atoi(getenv("GUILDHALL_MAX_ATTEMPTS")); err == nil {
		d.maxAttempts = n
	}
	return d
}

func (d *deliveryConfig) flags(fs *flag.FlagSet) {
	fs.StringVar(&d.rate, "rate", d.rate, "messages per second to a whole platform: 20, or slack=1,discord=40")
	fs.StringVar(&d.recipientRate, "recipient-rate", d.recipientRate, "messages per second to one recipient: 1, or slack=1,console=0")
	fs.IntVar(&d.maxAttempts, "max-attempts", d.maxAttempts, "failed sends before a message is dead")
	fs.DurationVar(&d.lease, "lease", d.lease, "how long a runner holds the messages it claimed")
}

// defaultLimits are the rate limits of each platform unless configured:
// Slack posts about one message a second to a channel, Discord five in
// five seconds, and takes 50 requests a second in all (its Sender paces
// its requests to that); the console has none.
var defaultLimits = map[string]remind.Limit{
	guild.PlatformConsole: {},
	"slack":               {Rate: 20, PerRecipient: 1, RecipientBurst: 3},
	"discord":             {Rate: 50, PerRecipient: 1, RecipientBurst: 5},
}

// limits returns the rate limits for platforms, with the configured rates
// applied.
func (d *deliveryConfig) limits(platforms []string) (map[string]remind.Limit, error) {
	all, err := parseRates("rate", d.rate)
	if err != nil {
		return nil, err
	}
	each, err := parseRates("recipient-rate", d.recipientRate)
	if err != nil {
		return nil, err
	}
	out := map[string]remind.Limit{}
	for _, p := range platforms {
		l := defaultLimits[p]
		if r, ok := pick(all, p); ok {
			l.Rate, l.Burst = r, 0
		}
		if r, ok := pick(each, p); ok {
			l.PerRecipient, l.RecipientBurst = r, 0
		}
		out[p] = l
	}
	return out, nil
}

func pick(rates map[string]float64, platform string) (float64, bool) {
	if r, ok := rates[platform]; ok {
		return r, true
	}
	r, ok := rates[""]
	return r, ok
}

// parseRates reads "20" (every platform) or "slack=1,discord=40".
func parseRates(flag, s string) (map[string]float64, error) {
	out := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		platform, v, ok := strings.Cut(part, "=")
		if !ok {
			platform, v = "", part
		}
		r, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || r < 0 {
			return nil, usagef("--%s %q: give messages per second, such as 20 or slack=1,discord=40 (0 for no limit)", flag, s)
		}
		out[strings.ToLower(strings.TrimSpace(platform))] = r
	}
	return out, nil
}

// wallPacer paces sends by the wall clock, whatever --now says.
type wallPacer struct{}

func (wallPacer) Now() time.Time                         { return time.Now() }
func (wallPacer) After(d time.Duration) <-chan time.Time { return time.After(d) }

// transcriptPath is the console's transcript: --transcript, or beside the
// database.
func (c *config) transcriptPath() string {
	if c.transcript != "" {
		return c.transcript
	}
	return strings.TrimSuffix(c.db, ".db") + "-transcript.jsonl"
}

// runner returns the delivery runner of a, printing console messages to
// out and recording them in the transcript, which the caller closes.
func (c *config) runner(a *app, out io.Writer) (*remind.Runner, *console.Transcript, error) {
	t, err := console.OpenTranscript(c.transcriptPath())
	if err != nil {
		return nil, nil, err
	}
	senders := map[string]remind.Sender{guild.PlatformConsole: &console.Sender{Out: out, Transcript: t, Now: a.now}}
	if api := c.slackAPI(); api != nil {
		senders[slackbot.Platform] = &slackbot.Sender{API: api}
	}
	ds, err := c.discordSession()
	if err != nil {
		t.Close()
		return nil, nil, err
	}
	if ds != nil {
		sender, err := c.discordSender(ds)
		if err != nil {
			t.Close()
			return nil, nil, err
		}
		senders[discordbot.Platform] = sender
	}
	platforms := make([]string, 0, len(senders))
	for p := range senders {
		platforms = append(platforms, p)
	}
	limits, err := c.delivery.limits(platforms)
	if err != nil {
		t.Close()
		return nil, nil, err
	}
	if c.delivery.maxAttempts < 1 {
		t.Close()
		return nil, nil, usagef("--max-attempts must be at least 1")
	}
	return &remind.Runner{
		Outbox: a.outbox, Reminders: a.reminders, Senders: senders, Now: a.now, Pace: wallPacer{},
		Limits: limits, MaxAttempts: c.delivery.maxAttempts, Lease: c.delivery.lease, Log: a.log,
	}, t, nil
}

// runTick delivers everything due now and exits.
func runTick(ctx context.Context, cfg *config, args []string, stdout, stderr io.Writer) error {
	fs := cfg.flagSet("tick", stderr)
	quiet := fs.Bool("quiet", false, "print only the messages, not the summary")
	if err := fs.Parse(args); err != nil {
		return usagef("tick: %v", err)
	}
	a, err := cfg.open(stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	r, t, err := cfg.runner(a, stdout)
	if err != nil {
		return err
	}
	defer t.Close()
	st, err := r.Tick(ctx)
	if !*quiet {
		fmt.Fprintf(stderr, "tick: %d reminders fired, %d sent, %d already sent, %d deferred, %d to retry, %d dead\n",
			st.Fired, st.Sent, st.Skipped, st.Deferred, st.Retried, st.Dead)
	}
	return err
}

// runServe runs the bot on every platform whose credentials are set, and
// delivery, until interrupted.
func runServe(ctx context.Context, cfg *config, args []string, stdout, stderr io.Writer) error {
	fs := cfg.flagSet("serve", stderr)
	if err := fs.Parse(args); err != nil {
		return usagef("serve: %v", err)
	}
	a, err := cfg.open(stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	r, t, err := cfg.runner(a, stdout)
	if err != nil {
		return err
	}
	defer t.Close()
	adapters, err := cfg.platforms(a, r)
	if err != nil {
		return err
	}
	serving := "no platform (set SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Slack, DISCORD_BOT_TOKEN for Discord)"
	if len(adapters) > 0 {
		var names []string
		for _, ad := range adapters {
			names = append(names, ad.Name())
		}
		serving = strings.Join(names, ", ")
	}
	wh, err := a.webHandler()
	if err != nil {
		return err
	}
	stopWeb, err := cfg.serveWeb(wh, a.log, stderr)
	if err != nil {
		return err
	}
	defer stopWeb()
	fmt.Fprintf(stderr, "guildhall: serving %s, delivering on %s, from %s; Ctrl-C stops\n", serving, strings.Join(r.Platforms(), ", "), cfg.db)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, len(adapters)+1)
	go func() { errc <- r.Run(ctx) }()
	h := wakingHandler{a.bot, r}
	for _, ad := range adapters {
		go func() { errc <- ad.Run(ctx, h) }()
	}
	err = <-errc
	cancel()
	return err
}

// wakingHandler wakes the runner after each message, so that what the
// message queued is delivered at once. It keeps the bot's other methods
// (home pages, the inbox) for the adapters that use them.
type wakingHandler struct {
	*bot.Bot
	r *remind.Runner
}

// Handle implements bot.Handler.
func (h wakingHandler) Handle(ctx context.Context, m bot.Message) *bot.Response {
	resp := h.Bot.Handle(ctx, m)
	h.r.Wake()
	return resp
}

// runOutbox lists pending, late and dead messages.
func runOutbox(ctx context.Context, cfg *config, args []string, stdout, stderr io.Writer) error {
	fs := cfg.flagSet("outbox", stderr)
	status := fs.String("status", "", "only pending, late or dead")
	limit := fs.Int("limit", 100, "at most this many rows")
	if err := fs.Parse(args); err != nil {
		return usagef("outbox: %v", err)
	}
	a, err := cfg.open(stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	now := a.now()
	f := remind.Filter{Now: now, LateAfter: remind.LateAfter, Limit: *limit}
	switch *status {
	case "":
	case "pending":
		f.Statuses = []remind.Status{remind.Pending}
	case "dead":
		f.Statuses = []remind.Status{remind.Dead}
	case "late":
		f.Statuses, f.OnlyLate = []remind.Status{remind.Pending}, true
	default:
		return usagef("outbox --status takes pending, late or dead, not %q", *status)
	}
	ms, err := a.outbox.List(ctx, f)
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		fmt.Fprintln(stdout, "The outbox is empty: nothing pending, late or dead.")
		return nil
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "STATUS\tKEY\tTO\tDUE\tNEXT TRY\tTRIES\tLAST ERROR")
	for _, m := range ms {
		st := string(m.Status)
		if m.IsLate(now, remind.LateAfter) {
			st = "late"
		}
		next := m.NextAttemptAt.UTC().Format(time.DateTime)
		if m.Status == remind.Dead {
			next = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", st, m.Key, m.Recipient(), m.DueAt.UTC().Format(time.DateTime), next, m.Attempts, oneLine(m.LastError, 60))
	}
	return w.Flush()
}

// oneLine puts s on one line, cut to at most n characters.
func oneLine(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return string(r)
}
