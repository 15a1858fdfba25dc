package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
)

// runChat runs one command as a console user and prints the reply and any
// messages it sent to others. It returns errRefused when the bot refused
// the command, so the exit status tells scripts.
func runChat(ctx context.Context, cfg *config, args []string, stdout, stderr io.Writer) error {
	fs := cfg.flagSet("chat", stderr)
	if err := fs.Parse(args); err != nil {
		return usagef("chat: %v", err)
	}
	if fs.NArg() == 0 {
		return usagef(`chat needs a command, such as: guildhall chat --user alex "/community list"`)
	}
	line := strings.Join(fs.Args(), " ")
	cfg.mmap = 256 << 20
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
	resp := a.bot.Handle(ctx, bot.Message{From: console.Identity(cfg.user), Text: line})
	fmt.Fprintln(stdout, resp.Text)
	for _, n := range resp.Notices {
		fmt.Fprint(stdout, console.FormatNotice(n.To, n.Text))
	}
	if _, err := r.Tick(ctx); err != nil {
		return err
	}
	if resp.Refused {
		return errRefused
	}
	return nil
}
