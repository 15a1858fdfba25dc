// Package web serves guildhall's read-only web pages: each event's
// published schedule as a page that reads well on a phone and on a wall
// screen, the schedule as iCalendar (the whole day, or one speaker's
// talks), and as pretalx's schedule.json; and, for organisers, the
// answers to the event's survey as a page of charts and as CSV.
//
// The routes, all GET or HEAD:
//
//	/events/{name}/                       the latest release; ?version=N an older one
//	/events/{name}/schedule.ics           the whole day as iCalendar
//	/events/{name}/speakers/{userID}.ics  one speaker's talks
//	/events/{name}/schedule.json          pretalx-compatible JSON
//	/events/{name}/feedback               the survey's answers, for organisers
//	/events/{name}/feedback.csv           every answer as CSV, for organisers
//
// The feedback pages open only with a link an organiser got in chat
// (/survey results), signed for them alone and good for a day (see
// Signer); they are never cached.
//
// Releases never change once published, so every answer carries an ETag
// made from the event and the release, and Cache-Control: no-cache: a
// browser or calendar app asks again each time and gets 304 Not Modified
// until a new release is out.
//
// The package imports the domain packages and templates; it knows nothing
// of storage or chat platforms. Its pages need no JavaScript and load
// nothing from elsewhere.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
	"github.com/guildhall/guildhall/templates"
)

// Releases finds published schedules; schedule.Service does.
type Releases interface {
	// FindRelease returns release version of the event, the latest when
	// version is 0, and an ENOTFOUND guild error when there is none.
	FindRelease(ctx context.Context, event string, version int) (*schedule.Program, error)
}

// Handler serves the web pages. Set its fields before the first request
// and do not change them after.
type Handler struct {
	// Releases finds the schedules; nil means none is published.
	Releases Releases
	// Log records failures, which the pages do not show; nil means
	// slog.Default().
	Log *slog.Logger
	// BaseURL is where the pages are seen from, such as
	// https://guildhall.example.com, for the links inside calendars and
	// JSON; "" means the scheme and host of each request.
	BaseURL string
	// Surveys and Users serve the organisers' feedback pages, opened by
	// links Signer signs, whose expiry is checked against Now; without
	// all three there are no feedback pages.
	Surveys Surveys
	Users   Users
	Signer  Signer
	Now     func() time.Time

	once sync.Once
	mux  *http.ServeMux
	csp  string
}

// maxName caps the event names the handler looks up.
const maxName = 200

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.once.Do(h.init)
	hd := w.Header()
	hd.Set("Content-Security-Policy", h.csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cache-Control", "no-cache")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		h.errorPage(w, http.StatusMethodNotAllowed, templates.WebError{
			Title:   "Method not allowed",
			Message: "These pages can only be read (GET or HEAD).",
		})
		return
	}
	h.mux.ServeHTTP(w, r)
}

func (h *Handler) init() {
	// Only the pages' own inline style sheet may apply: no scripts, no
	// images, no frames, nothing from elsewhere.
	h.csp = "default-src 'none'; style-src " + templates.StyleHash() + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	m := http.NewServeMux()
	m.HandleFunc("GET /events/{name}/{$}", h.serveSchedule)
	m.HandleFunc("GET /events/{name}", h.redirectSlash)
	m.HandleFunc("GET /events/{name}/schedule.ics", h.serveICal)
	m.HandleFunc("GET /events/{name}/speakers/{file}", h.serveSpeaker)
	m.HandleFunc("GET /events/{name}/schedule.json", h.serveJSON)
	m.HandleFunc("GET /events/{name}/feedback", h.serveFeedback)
	m.HandleFunc("GET /events/{name}/feedback.csv", h.serveFeedbackCSV)
	m.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		h.errorPage(w, http.StatusNotFound, templates.WebError{
			Title:   "Page not found",
			Message: "There is no page here. An event's schedule is at /events/NAME/.",
		})
	})
	h.mux = m
}

func (h *Handler) log() *slog.Logger {
	if h.Log != nil {
		return h.Log
	}
	return slog.Default()
}

// redirectSlash sends /events/NAME to /events/NAME/, where relative links
// work.
func (h *Handler) redirectSlash(w http.ResponseWriter, r *http.Request) {
	to := "/events/" + url.PathEscape(r.PathValue("name")) + "/"
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, http.StatusMovedPermanently)
}

// serveSchedule serves the schedule's page.
func (h *Handler) serveSchedule(w http.ResponseWriter, r *http.Request) {
	p, pinned, ok := h.find(w, r)
	if !ok {
		return
	}
	if h.notModified(w, r, etag("html", p, pinned, "")) {
		return
	}
	var buf bytes.Buffer
	if err := templates.RenderHTML(&buf, "schedule", templates.NewWebSchedule(p, pinned)); err != nil {
		h.fail(w, r, "render the schedule page", err)
		return
	}
	send(w, r, "text/html; charset=utf-8", buf.Bytes())
}

// serveICal serves the whole event as iCalendar.
func (h *Handler) serveICal(w http.ResponseWriter, r *http.Request) {
	h.serveCalendar(w, r, 0)
}

// serveSpeaker serves one speaker's talks as iCalendar, from
// speakers/{userID}.ics.
func (h *Handler) serveSpeaker(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(strings.TrimSuffix(r.PathValue("file"), ".ics"), 10, 64)
	if !strings.HasSuffix(r.PathValue("file"), ".ics") || err != nil || id <= 0 {
		h.errorPage(w, http.StatusNotFound, templates.WebError{
			Title:   "Calendar not found",
			Message: "A speaker's calendar is at speakers/ID.ics, where ID is the number in the link on the schedule.",
			Latest:  "../",
		})
		return
	}
	h.serveCalendar(w, r, id)
}

// serveCalendar serves the event's calendar, or one speaker's when
// speaker is not 0.
func (h *Handler) serveCalendar(w http.ResponseWriter, r *http.Request, speaker int64) {
	p, pinned, ok := h.find(w, r)
	if !ok {
		return
	}
	if speaker != 0 && len(p.For(speaker)) == 0 {
		h.errorPage(w, http.StatusNotFound, templates.WebError{
			Title:   "Calendar not found",
			Message: fmt.Sprintf("Nobody with that number speaks at %s in release %d of its schedule.", p.Event.Name, p.Version),
			Latest:  "../",
		})
		return
	}
	page := h.pageURL(r, p.Event.Name)
	if h.notModified(w, r, etag("ics", p, pinned, fmt.Sprint(speaker, " ", page))) {
		return
	}
	var buf bytes.Buffer
	if err := schedule.WriteICal(&buf, p, schedule.ICalOptions{Speaker: speaker, URL: page}); err != nil {
		h.fail(w, r, "write the calendar", err)
		return
	}
	send(w, r, "text/calendar; charset=utf-8", buf.Bytes())
}

// serveJSON serves the schedule as pretalx's schedule.json.
func (h *Handler) serveJSON(w http.ResponseWriter, r *http.Request) {
	p, pinned, ok := h.find(w, r)
	if !ok {
		return
	}
	page := h.pageURL(r, p.Event.Name)
	if h.notModified(w, r, etag("json", p, pinned, page)) {
		return
	}
	var buf bytes.Buffer
	if err := schedule.WritePretalx(&buf, p, page); err != nil {
		h.fail(w, r, "write the JSON schedule", err)
		return
	}
	send(w, r, "application/json", buf.Bytes())
}

// find returns the release the request names: the event in the path and
// ?version=N, the latest without. pinned is true when a version was
// named. When it returns false it has answered the request.
func (h *Handler) find(w http.ResponseWriter, r *http.Request) (p *schedule.Program, pinned, ok bool) {
	name := r.PathValue("name")
	version := 0
	if v := r.URL.Query().Get("version"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			h.errorPage(w, http.StatusBadRequest, templates.WebError{
				Title:   "No such release",
				Message: fmt.Sprintf("?version= takes a release number, such as ?version=2, not %q.", truncate(v, 20)),
				Latest:  "./",
			})
			return nil, false, false
		}
		version, pinned = n, n > 0
	}
	notFound := func() {
		e := templates.WebError{Title: "No schedule yet", Message: fmt.Sprintf("No schedule has been published for %s yet.", name),
			Hint: "Once its organisers publish one, it will be at this address. If you followed a link, check the event's name in it."}
		if version > 0 {
			e = templates.WebError{Title: "No such release",
				Message: fmt.Sprintf("%s has no release %d of its schedule.", name, version), Latest: "./"}
		}
		h.errorPage(w, http.StatusNotFound, e)
	}
	if name == "" || len(name) > maxName || !utf8.ValidString(name) || h.Releases == nil {
		name = truncate(name, 80)
		notFound()
		return nil, false, false
	}
	p, err := h.Releases.FindRelease(r.Context(), name, version)
	switch code := guild.ErrorCode(err); {
	case code == guild.ENOTFOUND || (err == nil && p == nil):
		notFound()
		return nil, false, false
	case code == guild.EINVALID:
		h.errorPage(w, http.StatusBadRequest, templates.WebError{Title: "Bad request", Message: guild.ErrorMessage(err)})
		return nil, false, false
	case err != nil:
		h.fail(w, r, "find the release", err)
		return nil, false, false
	}
	if p.Event == nil {
		cp := *p
		cp.Event = &event.Event{Name: name}
		p = &cp
	}
	return p, pinned, true
}

// pageURL returns the absolute URL of the event's page.
func (h *Handler) pageURL(r *http.Request, name string) string {
	base := strings.TrimRight(h.BaseURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	return base + "/events/" + url.PathEscape(name) + "/"
}

// notModified sets the ETag and reports whether the request's
// If-None-Match already holds it, in which case it has answered 304.
func (h *Handler) notModified(w http.ResponseWriter, r *http.Request, tag string) bool {
	w.Header().Set("ETag", tag)
	if !etagMatch(r.Header.Values("If-None-Match"), tag) {
		return false
	}
	w.WriteHeader(http.StatusNotModified)
	return true
}

// etagMatch reports whether one of the If-None-Match headers names tag
// (weakly: W/ is ignored) or is "*".
func etagMatch(headers []string, tag string) bool {
	for _, h := range headers {
		for _, t := range strings.Split(h, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == tag {
				return true
			}
		}
	}
	return false
}

// build names this build of guildhall, so that a new one does not leave
// browsers with pages, calendars or JSON the old one made.
var build = sync.OnceValue(func() string {
	b := templates.HTMLDigest()
	if info, ok := debug.ReadBuildInfo(); ok {
		b += " " + info.Main.Version
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				b += " " + s.Value
			}
		}
	}
	return b
})

// etag returns the strong ETag of one representation of release p: what
// it is (kind), the event and release, and whatever else it depends on.
func etag(kind string, p *schedule.Program, pinned bool, extra string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%s\x00%d\x00%d\x00%t\x00%s\x00%s",
		kind, p.Event.ID, p.Event.Name, p.Version, p.At.UnixNano(), pinned, extra, build())
	return `"` + kind + "-" + strconv.Itoa(p.Version) + "-" + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
}

// send answers 200 with body.
func send(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// fail logs err and answers 500 without saying more than that something
// went wrong.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the client went away; nobody is left to answer
	}
	h.log().Error("web: could not "+what, "path", r.URL.Path, "err", err)
	h.errorPage(w, http.StatusInternalServerError, templates.WebError{
		Title:   "Something went wrong",
		Message: "Something went wrong on our side, and the page could not be shown. Please try again in a moment.",
	})
}

// errorPage answers status with a page that says why.
func (h *Handler) errorPage(w http.ResponseWriter, status int, e templates.WebError) {
	e.Status = status
	var buf bytes.Buffer
	w.Header().Del("ETag")
	if err := templates.RenderHTML(&buf, "error", e); err != nil {
		h.log().Error("web: could not render the error page", "err", err)
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	io.Copy(w, &buf)
}

// truncate cuts s to at most n runes, for echoing input back safely.
func truncate(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
