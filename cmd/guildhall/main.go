// Command guildhall runs the guildhall bot.
//
// With no platform credentials it runs on the console (standard input and
// output) on an embedded SQLite database. Subcommands:
//
//	guildhall                            the console bot
//	guildhall chat --user NAME "COMMAND" run one command as NAME and print the reply
//	guildhall tick                       deliver what is due now (reminders, messages) and exit
//	guildhall serve                      keep delivering, waking at the next due time
//	guildhall outbox                     list pending, late and dead messages
//	guildhall organisers add|list|remove manage who may run events and CFPs
//	guildhall bench ...                  measure performance (see docs/PERFORMANCE.md)
//
// Flags and environment: --db / GUILDHALL_DB names the database file
// (default guildhall.db); --now / GUILDHALL_NOW pins the clock (RFC 3339);
// GUILDHALL_ORGANISERS=a,b names organisers.
//
// This is the only package that reads flags, the environment or the wall
// clock.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones work even where the system has no zoneinfo
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK      = 0
	exitRefused = 1 // the command was refused, or failed
	exitUsage   = 2 // the invocation itself was wrong
)

// usageError is a mistake in how guildhall was invoked.
type usageError struct{ msg string }

// Error implements error.
func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errRefused means the bot refused a command; its reply is already printed.
var errRefused = errors.New("refused")

const usage = `guildhall helps an organisation grow communities of practice and run internal tech conferences.

Usage:
  guildhall [flags]                          run the bot on the console
  guildhall chat [flags] --user NAME "COMMAND"  run one command as NAME and print the reply
  guildhall tick [--quiet]                   deliver what is due now (reminders, messages) and exit
  guildhall serve                            keep delivering, waking at the next due time
  guildhall outbox [--status pending|late|dead]  list messages not yet delivered, or given up
  guildhall fakeslack [--users a,b]          run a stand-in of Slack for offline demos
  guildhall fakediscord [--users a,b] [--http URL]  run a stand-in of Discord for offline demos
  guildhall organisers add NAME...           make people organisers
  guildhall organisers list
  guildhall organisers remove NAME...
  guildhall bench chat|memory|seed [flags]   measure performance

Flags (before or after the subcommand's name):
  --db PATH     the database file (env GUILDHALL_DB, default guildhall.db)
  --now TIME    pin the clock, RFC 3339 such as 2026-11-24T09:00:00Z (env GUILDHALL_NOW)
  --user NAME   who you are on the console (env GUILDHALL_USER, then USER)
  --transcript PATH  the console's record of delivered messages, which keeps a
                message from being printed twice (env GUILDHALL_TRANSCRIPT,
                default beside the database: guildhall-transcript.jsonl)
  --web ADDR    where the console bot and serve show the published schedules'
                web pages, HOST:PORT or off (env GUILDHALL_WEB, default 127.0.0.1:8080);
                an event's page is http://ADDR/events/NAME/, its organisers'
                feedback page /events/NAME/feedback (opened by the signed link
                /survey results gives)
  --web-url URL where people open the web pages, for the links replies carry
                (env GUILDHALL_WEB_URL, default http://ADDR of --web)

Slack (guildhall serve, or guildhall with these set):
  SLACK_BOT_TOKEN (xoxb-...)   the bot token; SLACK_APP_TOKEN (xapp-...) adds Socket Mode
  SLACK_SIGNING_SECRET         adds the HTTP mode at --addr (env GUILDHALL_ADDR, default localhost:3000), path /slack/events
  SLACK_API_URL                another Web API base URL, such as guildhall fakeslack's

Discord (guildhall serve, or guildhall with these set):
  DISCORD_BOT_TOKEN            the bot token: the gateway, and the Sender of the outbox
  DISCORD_GUILD_ID             the server whose commands are registered at once (else globally)
  DISCORD_APP_ID               the application's id (else the gateway's READY tells it)
  DISCORD_PUBLIC_KEY           adds the HTTP interactions at --addr, path /discord/interactions
  DISCORD_GATEWAY=off          serve the HTTP interactions alone
  DISCORD_NOTICE_CHANNEL       where a member who has not said /profile dms=yes is told messages wait
  DISCORD_DM_RATE              direct-message channels opened per second (default 1)
  DISCORD_REQUEST_RATE         the Sender's requests per second in all (default 50, Discord's global limit)
  DISCORD_API_URL              another REST base URL, such as guildhall fakediscord's

Delivery (tick, serve, and the console):
  --rate R            messages per second to a platform: 20, or slack=1,discord=50 (env GUILDHALL_RATE)
  --recipient-rate R  messages per second to one recipient (env GUILDHALL_RECIPIENT_RATE)
  --max-attempts N    failed sends before a message is dead and organisers told (env GUILDHALL_MAX_ATTEMPTS, default 8)
  --lease D           how long a runner holds what it claimed (default 1m)

Environment:
  GUILDHALL_ORGANISERS=a,b   organisers, besides those added with 'guildhall organisers add'.
                             A bare name is a console user; slack:U0123 or discord:8012... a platform user.
`

// run runs guildhall with args and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	cfg := newConfig(getenv)
	fs := cfg.flagSet("guildhall", stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	args = fs.Args()
	var err error
	switch sub := first(args); sub {
	case "":
		if cfg.hasPlatform() {
			err = runServe(ctx, cfg, nil, stdout, stderr)
		} else {
			err = runConsole(ctx, cfg, stdin, stdout, stderr)
		}
	case "chat":
		err = runChat(ctx, cfg, args[1:], stdout, stderr)
	case "organisers", "organizers":
		err = runOrganisers(ctx, cfg, args[1:], stdout, stderr)
	case "tick":
		err = runTick(ctx, cfg, args[1:], stdout, stderr)
	case "serve":
		err = runServe(ctx, cfg, args[1:], stdout, stderr)
	case "fakeslack":
		err = runFakeslack(ctx, cfg, args[1:], stdin, stdout, stderr)
	case "fakediscord":
		err = runFakediscord(ctx, cfg, args[1:], stdin, stdout, stderr)
	case "outbox":
		err = runOutbox(ctx, cfg, args[1:], stdout, stderr)
	case "bench":
		err = runBench(ctx, cfg, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		err = usagef("unknown command %q; run 'guildhall help' to see the commands", sub)
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errRefused):
		return exitRefused
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "guildhall: %s\n", ue.msg)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "guildhall: %v\n", err)
		return exitRefused
	}
}

func first(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}
