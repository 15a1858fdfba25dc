package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// config is what flags and the environment decide.
type config struct {
	db         string
	now        string
	user       string
	transcript string
	addr       string
	web        string // where the web pages are served; "off" for nowhere
	webURL     string // where people open them, for the links replies carry
	delivery   deliveryConfig
	organisers []string
	getenv     func(string) string
	// mmap is the store's MmapSize: set for one-shot commands, which read
	// many pages once, and left off for the long-running bot.
	mmap int64
	// discord is the one Discord session, made on first use.
	discord struct {
		sync.Once
		s   *discordgo.Session
		err error
	}
}

func newConfig(getenv func(string) string) *config {
	c := &config{db: getenv("GUILDHALL_DB"), now: getenv("GUILDHALL_NOW"), user: getenv("GUILDHALL_USER"),
		transcript: getenv("GUILDHALL_TRANSCRIPT"), addr: getenv("GUILDHALL_ADDR"), delivery: newDeliveryConfig(getenv), getenv: getenv}
	if c.addr == "" {
		c.addr = "localhost:3000"
	}
	if c.web = getenv("GUILDHALL_WEB"); c.web == "" {
		c.web = defaultWeb
	}
	c.webURL = getenv("GUILDHALL_WEB_URL")
	if c.db == "" {
		c.db = sqlite.DefaultPath
	}
	if c.user == "" {
		c.user = getenv("USER")
	}
	if c.user == "" {
		c.user = "you"
	}
	for _, o := range strings.Split(getenv("GUILDHALL_ORGANISERS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.organisers = append(c.organisers, o)
		}
	}
	return c
}

// flagSet returns a flag set for a (sub)command with the common flags
// bound to c, so they work before or after the subcommand's name.
func (c *config) flagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	fs.StringVar(&c.db, "db", c.db, "the database file")
	fs.StringVar(&c.now, "now", c.now, "pin the clock (RFC 3339)")
	fs.StringVar(&c.user, "user", c.user, "who you are on the console")
	fs.StringVar(&c.transcript, "transcript", c.transcript, "the console's record of delivered messages")
	fs.StringVar(&c.addr, "addr", c.addr, "where guildhall serve listens for Slack's HTTP mode")
	fs.StringVar(&c.web, "web", c.web, "where the console bot and serve show the web pages (HOST:PORT), or off")
	fs.StringVar(&c.webURL, "web-url", c.webURL, "where people open the web pages, for the links replies carry (default: the --web address)")
	c.delivery.flags(fs)
	return fs
}

// clock returns the pinned clock, or the wall clock. This is the one place
// guildhall reads the wall clock.
func (c *config) clock() (guild.Clock, error) {
	if c.now == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, c.now)
	if err != nil {
		return nil, usagef("--now %q is not an RFC 3339 time such as 2026-11-24T09:00:00Z", c.now)
	}
	return guild.FixedClock(t), nil
}

// app is guildhall wired together.
type app struct {
	db         *sqlite.DB
	users      *sqlite.UserService
	organisers *sqlite.OrganiserService
	outbox     *sqlite.OutboxService
	reminders  *sqlite.ReminderService
	now        guild.Clock
	bot        *bot.Bot
	log        *slog.Logger
}

func (c *config) open(stderr io.Writer) (*app, error) {
	now, err := c.clock()
	if err != nil {
		return nil, err
	}
	db := sqlite.NewDB(c.db)
	db.Now = now
	db.MmapSize = c.mmap
	db.Organisers = c.organisers
	if err := db.Open(); err != nil {
		return nil, err
	}
	users := sqlite.NewUserService(db)
	users.Organisers = c.organisers
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	outbox := sqlite.NewOutboxService(db, templates.Render)
	b := bot.New(bot.Services{
		Users:       users,
		Communities: sqlite.NewCommunityService(db),
		Events:      sqlite.NewEventService(db),
		Calls:       sqlite.NewCallService(db, templates.Compose),
		Mentors:     sqlite.NewMentorService(db, templates.Render),
		Schedules:   sqlite.NewScheduleService(db, templates.Render),
		Surveys:     sqlite.NewSurveyService(db, templates.Render),
		Health:      sqlite.NewHealthService(db, templates.Render),
		Links:       &links{db: db, base: c.webBase(), now: now},
		Inbox:       sqlite.NewInboxService(db),
		Outbox:      outbox,
	}, now, log)
	return &app{db: db, users: users, organisers: sqlite.NewOrganiserService(db),
		outbox: outbox, reminders: sqlite.NewReminderService(db, templates.Render),
		now: now, bot: b, log: log}, nil
}

// Close closes the database.
func (a *app) Close() error { return a.db.Close() }
