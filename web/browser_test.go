package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/schedule"
	"github.com/guildhall/guildhall/templates"
	"github.com/guildhall/guildhall/web"
)

// Bounds on the browser: the whole test, and each step of it.
const (
	browserBudget = 2 * time.Minute
	stepBudget    = 30 * time.Second
)

// chromium returns the path of the Chromium binary. Without one the test
// is skipped, unless CI or GUILDHALL_BROWSER_TEST=1 says it must run.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "/usr/bin/chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" || os.Getenv("GUILDHALL_BROWSER_TEST") == "1" {
		t.Fatal("chromium is not installed, and CI or GUILDHALL_BROWSER_TEST=1 wants the browser test: apt-get install chromium")
	}
	t.Skip("chromium is not installed; set GUILDHALL_BROWSER_TEST=1 to make this a failure")
	return ""
}

// seen is what the page shows a person, as the browser laid it out.
type seen struct {
	Text         string     `json:"text"`
	Title        string     `json:"title"`
	Lang         string     `json:"lang"`
	ScrollWidth  float64    `json:"scrollWidth"`
	InnerWidth   float64    `json:"innerWidth"`
	TableDisplay string     `json:"tableDisplay"`
	Heads        []seenHead `json:"heads"`
	Talks        []seenTalk `json:"talks"`
	Breaks       []string   `json:"breaks"`
	ICS          string     `json:"ics"`
	Speaker      string     `json:"speaker"`
}

type seenBox struct {
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

type seenHead struct {
	Text string  `json:"text"`
	Box  seenBox `json:"box"`
}

type seenTalk struct {
	ID      string  `json:"id"`
	Text    string  `json:"text"`
	Box     seenBox `json:"box"`
	Visible bool    `json:"visible"`
	// Room is the box of the talk's room label.
	Room seenBox `json:"room"`
}

// lookJS collects what the page shows.
const lookJS = `(() => {
  const box = el => { if (!el) return {left: 0, right: 0, width: 0, height: 0};
    const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width, height: r.height}; };
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const ics = document.querySelector('a[href="schedule.ics"]');
  const speaker = document.querySelector('#talk-2 a[href^="speakers/"]');
  return {
    text: document.body.innerText,
    title: document.title,
    lang: document.documentElement.lang,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    tableDisplay: getComputedStyle(document.querySelector('table')).display,
    heads: [...document.querySelectorAll('thead th[scope=col]:not(.time)')].filter(visible).map(th => ({text: th.innerText, box: box(th)})),
    talks: [...document.querySelectorAll('[id^="talk-"]')].map(el => ({id: el.id, text: el.innerText, box: box(el),
      visible: visible(el), room: box(el.querySelector('.in-room'))})),
    breaks: [...document.querySelectorAll('tr.break')].map(el => el.innerText),
    ics: ics ? ics.href : '',
    speaker: speaker ? speaker.href : '',
  };
})()`

// newBrowser starts headless Chromium for the test, which stops it at the
// end; everything the browser does ends within browserBudget.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	bin := chromium(t)
	began := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), browserBudget)
	t.Cleanup(cancel)
	out := &syncBuffer{}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		// The machine may have no network: keep Chromium from calling home.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-pings", true),
		chromedp.CombinedOutput(out),
	)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		if t.Failed() {
			// Without a system bus Chromium complains about D-Bus at
			// length; those lines never explain a failure here.
			var lines []string
			for _, l := range strings.Split(out.String(), "\n") {
				if !strings.Contains(l, "dbus") {
					lines = append(lines, l)
				}
			}
			t.Logf("chromium's output:\n%s", strings.Join(lines, "\n"))
		}
	})
	if err := chromedp.Do(browser); err != nil { // starts the browser
		t.Fatalf("starting %s: %v\n%s", bin, err, out.String())
	}
	t.Logf("chromium started in %s", time.Since(began).Round(time.Millisecond))
	return browser
}

// tab opens a tab of browser at a phone's or a desktop's size, and returns
// it with a func that runs one step of the test within stepBudget.
func tab(t *testing.T, browser context.Context, width, height int64, phone bool) (context.Context, func(string, chromedp.Action[chromedp.Void])) {
	t.Helper()
	tab, cancelTab := chromedp.NewContext(browser)
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil { // opens the tab
		t.Fatalf("opening a tab: %v", err)
	}
	step := func(what string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(tab, stepBudget)
		defer cancel()
		if err := chromedp.Do(sctx, a); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	opts := []chromedp.EmulateViewportOption{}
	if phone {
		opts = append(opts, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	step("set the viewport", chromedp.EmulateViewport(width, height, opts...))
	return tab, step
}

// open navigates tab to page and fails the test unless it answers status.
func open(t *testing.T, tab context.Context, page string, status int) {
	t.Helper()
	sctx, cancel := context.WithTimeout(tab, stepBudget)
	resp, err := chromedp.Run(sctx, chromedp.NavigateResponse(page))
	cancel()
	if err != nil {
		t.Fatalf("opening %s: %v", page, err)
	}
	if resp.Status != int64(status) {
		t.Fatalf("opening %s: got status %d, want %d", page, resp.Status, status)
	}
}

// TestBrowser opens the schedule in headless Chromium at a phone's size
// and a desktop's, and checks what a person sees there.
func TestBrowser(t *testing.T) {
	began := time.Now()
	h, logs := newHandler()
	srv := httptest.NewServer(h)
	defer srv.Close()
	browser := newBrowser(t)

	want := devDayRelease(2)
	viewports := []struct {
		name          string
		width, height int64
		phone         bool
	}{
		{"phone", 390, 844, true},
		{"desktop", 1280, 800, false},
	}
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			tab, step := tab(t, browser, vp.width, vp.height, vp.phone)
			// The address as a person types it, space and all.
			open(t, tab, srv.URL+"/events/Dev Day/", http.StatusOK)
			step("wait for the schedule", chromedp.WaitReady("table"))

			sctx, cancel := context.WithTimeout(tab, stepBudget)
			s, err := chromedp.Run(sctx, chromedp.Evaluate[seen](lookJS))
			cancel()
			if err != nil {
				t.Fatalf("reading the page: %v", err)
			}
			checkSeen(t, vp.phone, s, want.Items, want.Breaks)
			checkFetch(t, "the calendar link", s.ICS, "BEGIN:VCALENDAR")
			checkFetch(t, "a speaker's calendar link", s.Speaker, "BEGIN:VCALENDAR")
		})
	}
	if l := logs.String(); l != "" {
		t.Errorf("got the handler logging %q while the browser read the pages, want nothing", l)
	}
	t.Logf("browser test took %s", time.Since(began).Round(time.Millisecond))
}

// checkSeen checks the page as laid out at one viewport.
func checkSeen(t *testing.T, phone bool, s seen, items []schedule.Item, breaks []event.Break) {
	t.Helper()
	if s.Lang != "en" {
		t.Errorf("got lang %q, want en", s.Lang)
	}
	for _, w := range []string{"Dev Day", "Tuesday 24 November 2026", "Release 2", "Europe/London"} {
		if !strings.Contains(s.Text, w) {
			t.Errorf("got visible text without %q, want it:\n%s", w, s.Text)
		}
	}
	if !strings.Contains(s.Title, "Dev Day") {
		t.Errorf("got title %q, want the event's name in it", s.Title)
	}
	// The style sheet applies (so its CSP hash is right), and on a phone
	// the grid becomes one column.
	wantDisplay := "table"
	if phone {
		wantDisplay = "block"
	}
	if s.TableDisplay != wantDisplay {
		t.Errorf("got the table displayed as %q, want %q (is the style sheet blocked?)", s.TableDisplay, wantDisplay)
	}
	if phone && s.ScrollWidth > s.InnerWidth {
		t.Errorf("got a page %v px wide in a %v px viewport, want no horizontal scrolling", s.ScrollWidth, s.InnerWidth)
	}
	if !phone && len(s.Heads) != 2 {
		t.Fatalf("got %d visible room headings, want 2: %+v", len(s.Heads), s.Heads)
	}

	talks := map[string]seenTalk{}
	for _, st := range s.Talks {
		talks[st.ID] = st
	}
	if len(talks) != len(items) {
		t.Errorf("got %d talks on the page, want %d", len(talks), len(items))
	}
	for _, it := range items {
		id := fmt.Sprintf("talk-%d", it.Talk)
		st, ok := talks[id]
		switch {
		case !ok:
			t.Errorf("got no element #%s, want %q", id, it.Title)
			continue
		case !st.Visible || st.Box.Width == 0 || st.Box.Height == 0:
			t.Errorf("got #%s (%q) invisible, want it shown", id, it.Title)
			continue
		}
		when := event.Clock(it.Start) + "–" + event.Clock(it.End())
		room := it.Room
		if it.Plenary() {
			room = templates.WebAllRooms
		}
		for _, w := range []string{it.Title, when} {
			if !strings.Contains(st.Text, w) {
				t.Errorf("got #%s reading %q, want %q in it", id, st.Text, w)
			}
		}
		if st.Box.Left < 0 || st.Box.Right > s.InnerWidth+0.5 {
			t.Errorf("got #%s from %v to %v px, want it within the %v px viewport", id, st.Box.Left, st.Box.Right, s.InnerWidth)
		}
		switch {
		case phone || it.Plenary():
			// The room is written on the talk itself.
			if !strings.Contains(st.Text, room) || st.Room.Width <= 1 {
				t.Errorf("got #%s reading %q with its room label %v px wide, want %q shown", id, st.Text, st.Room.Width, room)
			}
			if !phone && (st.Box.Left > s.Heads[0].Box.Right || st.Box.Right < s.Heads[len(s.Heads)-1].Box.Left) {
				t.Errorf("got plenary #%s from %v to %v px, want it across every room's column", id, st.Box.Left, st.Box.Right)
			}
		default:
			// The room is the heading of the column the talk is in.
			mid := (st.Box.Left + st.Box.Right) / 2
			col := ""
			for _, hd := range s.Heads {
				if hd.Box.Left <= mid && mid <= hd.Box.Right {
					col = hd.Text
				}
			}
			if !strings.HasPrefix(col, room) {
				t.Errorf("got #%s (%q) under the heading %q, want %q", id, it.Title, col, room)
			}
			if st.Room.Width > 1 {
				t.Errorf("got #%s's room label %v px wide on a wide screen, want it only for screen readers", id, st.Room.Width)
			}
		}
	}

	if len(s.Breaks) != len(breaks) {
		t.Errorf("got %d break rows %q, want %d", len(s.Breaks), s.Breaks, len(breaks))
	}
	for i, b := range breaks {
		if i >= len(s.Breaks) {
			break
		}
		for _, w := range []string{b.Name, event.Clock(b.Start) + "–" + event.Clock(b.End)} {
			if !strings.Contains(strings.ToLower(s.Breaks[i]), strings.ToLower(w)) {
				t.Errorf("got break row %d reading %q, want %q in it", i, s.Breaks[i], w)
			}
		}
	}
}

// checkFetch fetches a link's href as a calendar app would and checks the
// body begins with prefix.
func checkFetch(t *testing.T, what, href, prefix string) {
	t.Helper()
	if href == "" {
		t.Errorf("got no %s, want one", what)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), stepBudget)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", href, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("fetching %s %s: %v", what, href, err)
		return
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Errorf("reading %s %s: %v", what, href, err)
		return
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(string(body), prefix) {
		t.Errorf("fetching %s %s: got status %d and %.60q, want 200 and %q first", what, href, resp.StatusCode, body, prefix)
	}
}

// seenFeedback is what the feedback page shows a person.
type seenFeedback struct {
	Text        string  `json:"text"`
	Title       string  `json:"title"`
	ScrollWidth float64 `json:"scrollWidth"`
	InnerWidth  float64 `json:"innerWidth"`
	// Bars are the drawn bars that are filled, each as a share of its
	// track; Track is the first track's width in pixels.
	Bars    []float64 `json:"bars"`
	Track   float64   `json:"track"`
	Scripts int       `json:"scripts"`
	CSV     string    `json:"csv"`
}

// lookFeedbackJS collects what the feedback page shows.
const lookFeedbackJS = `(() => {
  const csv = document.querySelector('a[href^="feedback.csv"]');
  const track = document.querySelector('svg.bar');
  return {
    text: document.body.innerText,
    title: document.title,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    bars: [...document.querySelectorAll('svg.bar')].filter(b => b.querySelector('rect:not(.track)')).map(b =>
      b.querySelector('rect:not(.track)').getBoundingClientRect().width / b.querySelector('rect.track').getBoundingClientRect().width),
    track: track ? track.getBoundingClientRect().width : 0,
    scripts: document.querySelectorAll('script').length,
    csv: csv ? csv.href : '',
  };
})()`

// TestBrowserFeedback opens the organisers' feedback page in headless
// Chromium, by its signed link and without one, and checks what a person
// sees: the figures, the bars drawn to scale, every answer, no script run
// from an answer, and the page whole on a phone.
func TestBrowserFeedback(t *testing.T) {
	f := newFeedback(t)
	srv := httptest.NewServer(f.h)
	defer srv.Close()
	browser := newBrowser(t)
	page, _ := f.link("Dev Day", "olga", evening.Add(web.LinkLife))
	for _, vp := range []struct {
		name          string
		width, height int64
		phone         bool
	}{{"phone", 390, 844, true}, {"desktop", 1280, 800, false}} {
		t.Run(vp.name, func(t *testing.T) {
			tab, step := tab(t, browser, vp.width, vp.height, vp.phone)
			open(t, tab, srv.URL+"/events/Dev Day/feedback", http.StatusForbidden)
			sctx, cancel := context.WithTimeout(tab, stepBudget)
			refused, err := chromedp.Run(sctx, chromedp.Evaluate[string](`document.body.innerText`))
			cancel()
			if err != nil || !strings.Contains(refused, "For organisers only") || strings.Contains(refused, "flaky") {
				t.Errorf("without a link the page reads %q (%v), want it refused with nothing of the answers", refused, err)
			}

			open(t, tab, srv.URL+page, http.StatusOK)
			step("wait for the feedback", chromedp.WaitReady("#different"))
			sctx, cancel = context.WithTimeout(tab, stepBudget)
			s, err := chromedp.Run(sctx, chromedp.Evaluate[seenFeedback](lookFeedbackJS))
			cancel()
			if err != nil {
				t.Fatalf("reading the page: %v", err)
			}
			for _, w := range []string{"Dev Day: feedback", "3 of 4", "75%", "3.7", "For @olga only", "Trunk-based development",
				"Pair on the flaky tests every week", "— @cat, 5 of 5", "— anonymous, 2 of 5", "A testing guild", "Every answer as CSV"} {
				if !strings.Contains(s.Text, w) {
					t.Errorf("got visible text without %q:\n%s", w, s.Text)
				}
			}
			if strings.Contains(s.Text, "@dan") {
				t.Errorf("got the anonymous answer's author on the page:\n%s", s.Text)
			}
			if s.Scripts != 0 {
				t.Errorf("got %d script elements, want none: a comment must never become code", s.Scripts)
			}
			// 1 response-rate bar, 3 of 5 rating bars, 2 talks' averages.
			if len(s.Bars) != 6 || s.Track < 100 {
				t.Fatalf("got %d filled bars %v on a %v px track, want 6 drawn (is the style sheet blocked?)", len(s.Bars), s.Bars, s.Track)
			}
			// 75% answered; the 5s are the commonest rating (tied), so full;
			// talk #1 averages 4.5 of 5.
			for i, want := range map[int]float64{0: 0.75, 1: 1, 4: 0.9} {
				if got := s.Bars[i]; got < want-0.02 || got > want+0.02 {
					t.Errorf("got bar %d drawn at %.3f of its track, want %.2f", i, got, want)
				}
			}
			if vp.phone && s.ScrollWidth > s.InnerWidth {
				t.Errorf("got a page %v px wide in a %v px viewport, want no horizontal scrolling", s.ScrollWidth, s.InnerWidth)
			}
			checkFetch(t, "the CSV link", s.CSV, "answer,answered_at,name")
		})
	}
}
