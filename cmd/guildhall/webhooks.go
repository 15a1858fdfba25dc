package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/guildhall/guildhall/bot"
)

// hook is one platform's HTTP endpoint: the handler it serves at path for
// a bot, and a wait for the work it goes on with after its answers.
type hook struct {
	path    string
	handler func(ctx context.Context, h bot.Handler) http.Handler
	wait    func()
}

// webhooks serves the platforms' HTTP endpoints (Slack's /slack/events,
// Discord's /discord/interactions) on one address, --addr. It implements
// bot.Adapter.
type webhooks struct {
	addr  string
	hooks []hook
}

// Name implements bot.Adapter.
func (w *webhooks) Name() string {
	var paths []string
	for _, k := range w.hooks {
		paths = append(paths, k.path)
	}
	return "HTTP at " + w.addr + " (" + strings.Join(paths, ", ") + ")"
}

// Run implements bot.Adapter: it serves until ctx is done, then lets the
// work after the answers finish.
func (w *webhooks) Run(ctx context.Context, h bot.Handler) error {
	mux := http.NewServeMux()
	for _, k := range w.hooks {
		mux.Handle(k.path, k.handler(ctx, h))
	}
	srv := &http.Server{Addr: w.addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, MaxHeaderBytes: 64 << 10}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return fmt.Errorf("http at %s: %w", w.addr, err)
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		for _, k := range w.hooks {
			if k.wait != nil {
				k.wait()
			}
		}
		return nil
	}
}
