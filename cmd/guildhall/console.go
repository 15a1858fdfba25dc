package main

import (
	"context"
	"io"
	"os"

	"github.com/guildhall/guildhall/bot/console"
)

// runConsole runs the bot on standard input and output.
func runConsole(ctx context.Context, cfg *config, stdin io.Reader, stdout, stderr io.Writer) error {
	a, err := cfg.open(stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	c := &console.Adapter{In: stdin, Out: stdout, User: cfg.user, Database: cfg.db, Prompt: isTerminal(stdin)}
	r, t, err := cfg.runner(a, c.Writer())
	if err != nil {
		return err
	}
	defer t.Close()
	wh, err := a.webHandler()
	if err != nil {
		return err
	}
	stopWeb, err := cfg.serveWeb(wh, a.log, stderr)
	if err != nil {
		return err
	}
	defer stopWeb()
	// What a command queues is delivered before the next prompt; what
	// falls due while the console waits is delivered in the background.
	c.Deliver = func(ctx context.Context) error {
		_, err := r.Tick(ctx)
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Run(ctx)
	}()
	err = c.Run(ctx, a.bot)
	cancel()
	<-done
	return err
}

// isTerminal reports whether r is a character device, such as a terminal,
// so the prompt is shown to people and not written into piped output.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
