package web_test

import (
	"context"
	"encoding/csv"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/pkg/survey"
	"github.com/guildhall/guildhall/templates"
	"github.com/guildhall/guildhall/web"
)

// movable is a clock a test moves.
type movable struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movable) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *movable) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// feedbackDay ends at 17:00 London time (GMT) on Tuesday 24 November 2026,
// when its survey goes out; the answers come in that evening.
var (
	feedbackEnd = time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	evening     = feedbackEnd.Add(3 * time.Hour)
)

// feedback is a store holding Dev Day, its two talks and the answers to
// its survey, and a handler serving its feedback pages.
type feedback struct {
	h      *web.Handler
	clock  *movable
	users  map[string]*guild.User
	signer web.Signer
}

func newFeedback(t *testing.T) *feedback {
	t.Helper()
	f := &feedback{clock: &movable{t: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}, users: map[string]*guild.User{},
		signer: web.Signer{Key: []byte("a key only the server holds, 32b")}}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "g.db"))
	db.Now = f.clock.Now
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	users := sqlite.NewUserService(db)
	users.Organisers = []string{"olga"}
	surveys := sqlite.NewSurveyService(db, templates.Render)
	calls := sqlite.NewCallService(db, templates.Compose)
	ctx := context.Background()
	as := func(name string) context.Context {
		u, ok := f.users[name]
		if !ok {
			var err error
			if u, err = users.Resolve(ctx, &guild.User{Platform: guild.PlatformConsole, PlatformID: name, Name: name}); err != nil {
				t.Fatal(err)
			}
			dept := "Platform"
			if u, err = users.UpdateProfile(guild.NewContextWithUser(ctx, u), guild.Profile{Department: &dept}); err != nil {
				t.Fatal(err)
			}
			f.users[name] = u
		}
		return guild.NewContextWithUser(ctx, u)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ev := devDay()
	ev.Breaks = nil
	must(sqlite.NewEventService(db).CreateEvent(as("olga"), ev))
	fs, err := cfp.ParseFormats("talk:30")
	must(err)
	must(calls.OpenCall(as("olga"), &cfp.Call{Event: ev, Formats: fs, ClosesAt: cfp.Deadline(time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC), time.UTC)}))
	for _, p := range []struct{ who, title string }{{"ann", "Trunk-based development"}, {"ben", "Testing <b>in</b> production"}} {
		s := &cfp.Submission{Title: p.title, Format: fs[0], Abstract: "How."}
		must(calls.Submit(as(p.who), ev.Name, s))
		_, _, err := calls.Act(as("olga"), s.ID, cfp.Accept)
		must(err)
	}
	for _, u := range []string{"cat", "dan", "eve", "fay"} {
		_, err := surveys.Attend(as(u), ev.Name)
		must(err)
	}
	f.clock.set(feedbackEnd)
	_, err = sqlite.NewReminderService(db, templates.Render).Fire(ctx, feedbackEnd)
	must(err)
	f.clock.set(evening)
	for _, a := range []struct {
		who string
		a   *survey.Answer
	}{
		{"cat", &survey.Answer{Rating: 5, Different: "Pair on the flaky tests every week", Helped: 1, Idea: "A testing guild",
			Ratings: map[int64]int{1: 5, 2: 4}, Comments: map[int64]string{1: "Clear and short", 2: "<script>alert(1)</script>"}}},
		{"dan", &survey.Answer{Rating: 2, Different: "=HYPERLINK(\"http://evil\") fix the flaky tests first", Anonymous: true, Ratings: map[int64]int{2: 2}}},
		{"eve", &survey.Answer{Rating: 4, Different: "Ask the ops team along", Ratings: map[int64]int{1: 4}}},
	} {
		_, err := surveys.Answer(as(a.who), ev.Name, a.a)
		must(err)
	}
	as("ann") // known, but no organiser
	f.h = &web.Handler{Releases: fixture(), Surveys: surveys, Users: users, Signer: f.signer, Now: f.clock.Now}
	return f
}

// link returns the path of the feedback page of event, signed for user
// until until; csv the same for the CSV.
func (f *feedback) link(event, user string, until time.Time) (page, csv string) {
	page, csv = f.signer.FeedbackURL("", event, f.users[user].ID, until)
	return page, csv
}

func TestFeedbackLinks(t *testing.T) {
	f := newFeedback(t)
	until := evening.Add(web.LinkLife)
	page, csvPath := f.link("Dev Day", "olga", until)
	u, err := url.Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	with := func(key, value string) string {
		v := url.Values{}
		for k := range q {
			v.Set(k, q.Get(k))
		}
		v.Set(key, value)
		return u.EscapedPath() + "?" + v.Encode()
	}
	annPage, _ := f.link("Dev Day", "ann", until)
	otherEvent, _ := f.link("Café Día", "olga", until)
	otherQuery := strings.Replace(devDayPath, "Dev%20Day", "Caf%C3%A9%20D%C3%ADa", 1) + "feedback?" + u.RawQuery
	tests := []struct {
		name   string
		path   string
		status int
		wants  []string
	}{
		{"no link at all", devDayPath + "feedback", 403, []string{"For organisers only", "/survey results &#34;Dev Day&#34;"}},
		{"a forged signature", with("sig", strings.Repeat("0", 64)), 403, []string{"This link is not valid"}},
		{"a signature that is no hex", with("sig", "zz"), 403, []string{"This link is not valid"}},
		{"another user's id", with("u", strconv.FormatInt(f.users["ann"].ID, 10)), 403, []string{"This link is not valid"}},
		{"a stretched expiry", with("exp", "9999999999"), 403, []string{"This link is not valid"}},
		{"the link moved to another event", otherQuery, 403, []string{"This link is not valid"}},
		{"a true link for someone who is no organiser", annPage, 403, []string{"no longer an organiser"}},
		{"a true link to an event without a survey", otherEvent, 404, []string{"There is no event called"}},
		{"the page", page, 200, []string{"Dev Day: feedback", "3 of 4", "75%", "For @olga only"}},
		{"the CSV", csvPath, 200, []string{"answer,answered_at,name"}},
		{"the CSV without a link", devDayPath + "feedback.csv", 403, []string{"For organisers only"}},
	}
	for _, tt := range tests {
		resp, body := get(t, f.h, "GET", tt.path)
		if resp.StatusCode != tt.status {
			t.Errorf("%s: got status %d, want %d\n%s", tt.name, resp.StatusCode, tt.status, body)
		}
		for _, w := range tt.wants {
			if !strings.Contains(body, w) {
				t.Errorf("%s: got a body without %q:\n%s", tt.name, w, body)
			}
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: got Cache-Control %q, want no-store: feedback is never kept anywhere", tt.name, got)
		}
		if got := resp.Header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: got Referrer-Policy %q, want no-referrer, so the link never leaks", tt.name, got)
		}
	}

	// A day later the same link is stale.
	f.clock.set(until)
	resp, body := get(t, f.h, "GET", page)
	if resp.StatusCode != 403 || !strings.Contains(body, "This link has expired") {
		t.Errorf("a stale link: got %d\n%s\nwant 403, expired", resp.StatusCode, body)
	}
}

func TestFeedbackGolden(t *testing.T) {
	f := newFeedback(t)
	page, csvPath := f.link("Dev Day", "olga", evening.Add(web.LinkLife))
	for _, g := range []struct{ path, golden, contentType string }{
		{page, "feedback.html", htmlType},
		{csvPath, "feedback.csv", "text/csv; charset=utf-8"},
	} {
		resp, body := get(t, f.h, "GET", g.path)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != g.contentType {
			t.Fatalf("%s: got %d %s, want 200 %s\n%s", g.golden, resp.StatusCode, resp.Header.Get("Content-Type"), g.contentType, body)
		}
		golden := filepath.Join("testdata", g.golden)
		if *update {
			if err := os.WriteFile(golden, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./web/ -run TestFeedbackGolden -update to write it)", err)
		}
		if body != string(want) {
			t.Errorf("got %s unlike %s (run with -update to accept it):\n%s", g.golden, golden, body)
		}
	}
	// What the page must never do: run a comment, or name an anonymous
	// answer; and the CSV defuses a formula.
	_, body := get(t, f.h, "GET", page)
	for _, bad := range []string{"<script>", "@dan"} {
		if strings.Contains(body, bad) {
			t.Errorf("got the page holding %q, want it escaped or absent", bad)
		}
	}
	_, body = get(t, f.h, "GET", csvPath)
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	for _, r := range rows {
		for _, c := range r {
			if strings.HasPrefix(c, "=") {
				t.Errorf("got a CSV cell %q, want formulas defused", c)
			}
		}
		if len(r) > 2 && r[2] == "dan" {
			t.Errorf("got dan's anonymous answer named in the CSV: %q", r)
		}
	}
	if resp, _ := get(t, f.h, "GET", csvPath); !strings.Contains(resp.Header.Get("Content-Disposition"), `filename="Dev-Day-feedback.csv"`) {
		t.Errorf("got Content-Disposition %q, want a download named Dev-Day-feedback.csv", resp.Header.Get("Content-Disposition"))
	}
}
