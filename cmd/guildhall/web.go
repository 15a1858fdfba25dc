package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
	"github.com/guildhall/guildhall/web"
)

// defaultWeb is where the console bot and serve show the web pages unless
// --web or GUILDHALL_WEB says otherwise: this machine only.
const defaultWeb = "127.0.0.1:8080"

// feedbackKey names the secret the links to the feedback pages are signed
// with.
const feedbackKey = "feedback-links"

// webHandler returns the web pages: the published schedules, and the
// feedback pages the links in /survey results open.
func (a *app) webHandler() (*web.Handler, error) {
	key, err := a.db.Secret(context.Background(), feedbackKey)
	if err != nil {
		return nil, err
	}
	return &web.Handler{Releases: sqlite.NewScheduleService(a.db, templates.Render), Log: a.log,
		Surveys: sqlite.NewSurveyService(a.db, templates.Render), Users: a.users, Signer: web.Signer{Key: key}, Now: a.now}, nil
}

// links signs the links replies carry to the web pages, under base.
type links struct {
	db   *sqlite.DB
	base string
	now  func() time.Time
}

// Feedback implements bot.Links.
func (l *links) Feedback(ctx context.Context, u *guild.User, event string) (page, csv string, until time.Time, err error) {
	if l.base == "" {
		return "", "", time.Time{}, nil
	}
	key, err := l.db.Secret(ctx, feedbackKey)
	if err != nil {
		return "", "", time.Time{}, err
	}
	until = l.now().Add(web.LinkLife).Truncate(time.Second)
	page, csv = web.Signer{Key: key}.FeedbackURL(l.base, event, u.ID, until)
	return page, csv, until, nil
}

// webBase returns where people open the web pages: --web-url, or the
// address --web serves them on; "" when they are off.
func (c *config) webBase() string {
	if u := strings.TrimRight(strings.TrimSpace(c.webURL), "/"); u != "" {
		return u
	}
	addr, err := c.webAddr()
	if err != nil || addr == "" {
		return ""
	}
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// webAddr returns the address --web names, "" when it is off, and a usage
// error when it is no HOST:PORT.
func (c *config) webAddr() (string, error) {
	addr := strings.TrimSpace(c.web)
	if addr == "" || strings.EqualFold(addr, "off") {
		return "", nil
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return "", usagef("--web %q is not HOST:PORT (such as %s) or off", c.web, defaultWeb)
	}
	return addr, nil
}

// serveWeb serves the read-only web pages (the published schedules) on
// --web in the background, and says where on stderr, once. A failure to
// listen, such as a port in use, is logged and the bot goes on without
// them. The returned func stops the server and waits for it; call it
// before the database closes.
func (c *config) serveWeb(h *web.Handler, log *slog.Logger, stderr io.Writer) (stop func(), err error) {
	stop = func() {}
	addr, err := c.webAddr()
	if err != nil || addr == "" {
		return stop, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Warn("the web pages are not served; the bot goes on without them (choose another address with --web HOST:PORT, or --web off)",
			"addr", addr, "err", err)
		return stop, nil
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stderr, "guildhall: schedule pages at %s/events/NAME/ (--web off turns them off)\n", webURL(ln.Addr()))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("the web pages stopped", "addr", addr, "err", err)
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			srv.Close()
		}
		<-done
	}, nil
}

// webURL returns the base URL of a listener, naming localhost when it
// listens on every address.
func webURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
