package web_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/schedule"
	"github.com/guildhall/guildhall/web"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	devDayPath = "/events/Dev%20Day/"
	cafePath   = "/events/Caf%C3%A9%20D%C3%ADa/"
	htmlType   = "text/html; charset=utf-8"
	icsType    = "text/calendar; charset=utf-8"
	jsonType   = "application/json"
)

// get serves one request and returns the response with its body read.
func get(t *testing.T, h http.Handler, method, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestRoutes(t *testing.T) {
	tests := []struct {
		name        string
		method      string
		path        string
		status      int
		contentType string
		// want and notWant are texts the body must and must not hold.
		want, notWant []string
		// headers are response headers and their exact values.
		headers map[string]string
	}{
		{name: "latest release", path: devDayPath, status: 200, contentType: htmlType,
			want: []string{`<html lang="en">`, `<meta name="viewport"`, "<h1>Dev Day</h1>", "Release 2, published",
				"Tue 10 Nov 2026, 14:30 GMT", "Tuesday 24 November 2026", "times in Europe/London",
				`id="talk-2"`, `href="speakers/22.ics"`, `href="schedule.ics"`, `href="schedule.json"`,
				"to be confirmed", "first talk", `rowspan="2"`, "Lunch"},
			notWant: []string{"<script>", "See the latest release", "<b>Bold</b>"}},
		{name: "older release", path: devDayPath + "?version=1", status: 200, contentType: htmlType,
			want: []string{"Release 1, published", "See the latest release", `href="schedule.ics?version=1"`,
				`href="speakers/22.ics?version=1"`}, notWant: []string{"Five minutes of Go generics"}},
		{name: "version 0 is the latest", path: devDayPath + "?version=0", status: 200, contentType: htmlType,
			want: []string{"Release 2, published"}, notWant: []string{"See the latest release"}},
		{name: "no such release", path: devDayPath + "?version=7", status: 404, contentType: htmlType,
			want: []string{"Dev Day has no release 7"}},
		{name: "bad version", path: devDayPath + "?version=two", status: 400, contentType: htmlType,
			want: []string{"takes a release number"}},
		{name: "case of the name", path: "/events/dev%20day/", status: 200, contentType: htmlType,
			want: []string{"<h1>Dev Day</h1>"}},
		{name: "unicode name", path: cafePath, status: 200, contentType: htmlType,
			want: []string{"<h1>Café Día</h1>", "¿Qué haremos distinto?", "Sala Ñ", "times in Europe/Madrid"}},
		{name: "without the slash", path: "/events/Caf%C3%A9%20D%C3%ADa?version=1", status: 301,
			headers: map[string]string{"Location": cafePath + "?version=1"}},
		{name: "unknown event", path: "/events/Nope%20Con/", status: 404, contentType: htmlType,
			want: []string{"No schedule has been published for Nope Con yet."}},
		{name: "unknown event escaped", path: "/events/%3Cscript%3Ex/", status: 404, contentType: htmlType,
			want: []string{"&lt;script&gt;x"}, notWant: []string{"<script>"}},
		{name: "internal error", path: "/events/Broken/", status: 500, contentType: htmlType,
			want: []string{"Something went wrong on our side"}, notWant: []string{secret, "disk", "sqlite"}},
		{name: "unknown path", path: "/", status: 404, contentType: htmlType, want: []string{"There is no page here"}},
		{name: "unknown file", path: devDayPath + "slides.pdf", status: 404, contentType: htmlType},
		{name: "event calendar", path: devDayPath + "schedule.ics", status: 200, contentType: icsType,
			want: []string{"BEGIN:VCALENDAR", "Testing in production", "Hands-on property testing", "lunch",
				"http://example.com/events/Dev%20Day/#talk-2"}},
		{name: "calendar of an unknown event", path: "/events/Nope/schedule.ics", status: 404, contentType: htmlType},
		{name: "speaker calendar", path: devDayPath + "speakers/22.ics", status: 200, contentType: icsType,
			want:    []string{"BEGIN:VCALENDAR", "Testing in production", "Panel: remote-first teams"},
			notWant: []string{"Hands-on property testing", "lunch"}},
		{name: "speaker calendar of a release", path: devDayPath + "speakers/22.ics?version=1", status: 200, contentType: icsType,
			want: []string{"Testing in production"}, notWant: []string{"Panel: remote-first teams"}},
		{name: "speaker without talks", path: devDayPath + "speakers/999.ics", status: 404, contentType: htmlType,
			want: []string{"Nobody with that number speaks at Dev Day"}},
		{name: "speaker not a number", path: devDayPath + "speakers/ann.ics", status: 404, contentType: htmlType},
		{name: "speaker without .ics", path: devDayPath + "speakers/22", status: 404, contentType: htmlType},
		{name: "json", path: devDayPath + "schedule.json", status: 200, contentType: jsonType,
			want: []string{`"title": "Testing in production, safely"`}},
		{name: "json of a unicode event", path: cafePath + "schedule.json", status: 200, contentType: jsonType,
			want: []string{"Café Día"}},
		{name: "head", method: "HEAD", path: devDayPath, status: 200, contentType: htmlType,
			notWant: []string{"Dev Day"}},
		{name: "post", method: "POST", path: devDayPath, status: 405, contentType: htmlType,
			headers: map[string]string{"Allow": "GET, HEAD"}},
		{name: "delete a calendar", method: "DELETE", path: devDayPath + "schedule.ics", status: 405,
			headers: map[string]string{"Allow": "GET, HEAD"}},
	}
	h, _ := newHandler()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			resp, body := get(t, h, method, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("%s %s: got status %d, want %d\n%s", method, tt.path, resp.StatusCode, tt.status, body)
			}
			if tt.contentType != "" {
				if got := resp.Header.Get("Content-Type"); got != tt.contentType {
					t.Errorf("%s %s: got Content-Type %q, want %q", method, tt.path, got, tt.contentType)
				}
			}
			for k, v := range tt.headers {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s %s: got %s %q, want %q", method, tt.path, k, got, v)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s %s: got a body without %q, want it:\n%s", method, tt.path, w, body)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(body, w) {
					t.Errorf("%s %s: got a body with %q, want none:\n%s", method, tt.path, w, body)
				}
			}
			// Every answer, error or not, carries the same headers.
			if got, want := resp.Header.Get("X-Content-Type-Options"), "nosniff"; got != want {
				t.Errorf("%s %s: got X-Content-Type-Options %q, want %q", method, tt.path, got, want)
			}
			if got, want := resp.Header.Get("Cache-Control"), "no-cache"; got != want {
				t.Errorf("%s %s: got Cache-Control %q, want %q", method, tt.path, got, want)
			}
			csp := resp.Header.Get("Content-Security-Policy")
			if !regexp.MustCompile(`^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; `).MatchString(csp) {
				t.Errorf("%s %s: got Content-Security-Policy %q, want default-src 'none' and the style sheet's hash", method, tt.path, csp)
			}
			if tag := resp.Header.Get("ETag"); (tag != "") != (tt.status == 200) {
				t.Errorf("%s %s: got ETag %q with status %d, want one exactly on 200", method, tt.path, tag, tt.status)
			}
		})
	}
}

// TestConditional checks that each representation has its own ETag and
// that a client which has it gets 304 Not Modified.
func TestConditional(t *testing.T) {
	h, _ := newHandler()
	tags := map[string]string{}
	for _, path := range []string{devDayPath, devDayPath + "?version=1", devDayPath + "?version=2",
		devDayPath + "schedule.ics", devDayPath + "schedule.json", devDayPath + "speakers/22.ics", devDayPath + "speakers/23.ics", cafePath} {
		resp, _ := get(t, h, "GET", path)
		tag := resp.Header.Get("ETag")
		if resp.StatusCode != 200 || !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) {
			t.Fatalf("GET %s: got status %d and ETag %q, want 200 and a quoted ETag", path, resp.StatusCode, tag)
		}
		if other, dup := tags[tag]; dup {
			t.Errorf("GET %s: got ETag %s, the same as %s; want each its own", path, tag, other)
		}
		tags[tag] = path

		for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, "*"} {
			resp, body := get(t, h, "GET", path, "If-None-Match", inm)
			if resp.StatusCode != http.StatusNotModified || body != "" {
				t.Errorf("GET %s with If-None-Match %s: got status %d and %d bytes, want 304 and none", path, inm, resp.StatusCode, len(body))
			}
			if got := resp.Header.Get("ETag"); got != tag {
				t.Errorf("GET %s with If-None-Match %s: got ETag %q, want %q", path, inm, got, tag)
			}
		}
		if resp, _ := get(t, h, "GET", path, "If-None-Match", `"stale"`); resp.StatusCode != 200 {
			t.Errorf("GET %s with a stale If-None-Match: got status %d, want 200", path, resp.StatusCode)
		}
		if resp, _ := get(t, h, "GET", path); resp.Header.Get("ETag") != tag {
			t.Errorf("GET %s again: got ETag %q, want the same %q", path, resp.Header.Get("ETag"), tag)
		}
	}
	// The latest release and release 2 asked for by number are one release
	// but two pages (only one offers the latest), so their tags differ;
	// a new release changes the latest's tag.
	f := fixture()
	h2 := &web.Handler{Releases: f}
	before, _ := get(t, h2, "GET", devDayPath)
	next := devDayRelease(2)
	next.Version = 3
	f.events["Dev Day"] = append(f.events["Dev Day"], next)
	after, _ := get(t, h2, "GET", devDayPath, "If-None-Match", before.Header.Get("ETag"))
	if after.StatusCode != 200 || after.Header.Get("ETag") == before.Header.Get("ETag") {
		t.Errorf("after release 3: got status %d and ETag %q, want 200 and a new ETag", after.StatusCode, after.Header.Get("ETag"))
	}
}

func TestInternalErrorIsLogged(t *testing.T) {
	h, logs := newHandler()
	resp, body := get(t, h, "GET", "/events/Broken/schedule.json")
	if resp.StatusCode != 500 {
		t.Fatalf("got status %d, want 500", resp.StatusCode)
	}
	if strings.Contains(body, secret) {
		t.Errorf("got a page that shows the internal error:\n%s", body)
	}
	if !strings.Contains(logs.String(), secret) {
		t.Errorf("got log %q, want the internal error in it", logs.String())
	}
}

func TestNoReleases(t *testing.T) {
	h := &web.Handler{}
	resp, body := get(t, h, "GET", devDayPath)
	if resp.StatusCode != 404 || !strings.Contains(body, "No schedule has been published for Dev Day yet.") {
		t.Errorf("with no Releases: got status %d and\n%s\nwant 404 and no schedule yet", resp.StatusCode, body)
	}
}

func TestJSONIsValid(t *testing.T) {
	h, _ := newHandler()
	_, body := get(t, h, "GET", devDayPath+"schedule.json")
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("got invalid JSON: %v\n%s", err, body)
	}
	if _, ok := v["schedule"]; !ok {
		t.Errorf("got JSON keys %v, want a schedule", v)
	}
}

// TestGolden pins the page of Dev Day's latest release; -update rewrites
// testdata/schedule.html.
func TestGolden(t *testing.T) {
	h, _ := newHandler()
	resp, body := get(t, h, "GET", devDayPath)
	if resp.StatusCode != 200 {
		t.Fatalf("got status %d, want 200", resp.StatusCode)
	}
	golden := filepath.Join("testdata", "schedule.html")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./web/ -run TestGolden -update to write it)", err)
	}
	if body != string(want) {
		t.Errorf("got a page unlike %s (run with -update to accept it):\n%s", golden, body)
	}
}

// TestStyleHash checks, without a browser, that the CSP's hash is that of
// the style sheet the page carries, so browsers apply it.
func TestStyleHash(t *testing.T) {
	h, _ := newHandler()
	for _, path := range []string{devDayPath, "/events/Nope/"} {
		resp, body := get(t, h, "GET", path)
		m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindAllStringSubmatch(body, -1)
		if len(m) != 1 {
			t.Fatalf("GET %s: got %d <style> elements, want 1", path, len(m))
		}
		sum := sha256.Sum256([]byte(m[0][1]))
		want := "style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "';"
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, want) {
			t.Errorf("GET %s: got Content-Security-Policy %q, want %q in it", path, csp, want)
		}
		for _, bad := range []string{"<script", " style=", "http://", "https://"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: got %q in the page, want everything inline and no scripts", path, bad)
			}
		}
	}
}

// TestOddPrograms renders releases the store should never hold, to check
// that the page still shows every talk: no event, a room the release does
// not list, two talks in one room at once, no rooms, no breaks.
func TestOddPrograms(t *testing.T) {
	odd := devDayRelease(2)
	odd.Event = nil
	odd.Rooms = nil
	odd.Breaks = []event.Break{}
	odd.Items = append(odd.Items,
		item(20, "Garden", "09:30", 45, "Talk in a room nobody listed", "talk", kim),
		item(21, "Main hall", "09:45", 15, "Clash in the main hall", "talk", raj),
	)
	empty := &schedule.Program{Event: &event.Event{Name: "Empty"}, Version: 1}
	h := &web.Handler{Releases: &fakeReleases{events: map[string][]*schedule.Program{"Odd": {odd}, "Empty": {empty}}}}

	resp, body := get(t, h, "GET", "/events/Odd/")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /events/Odd/: got status %d, want 200\n%s", resp.StatusCode, body)
	}
	for _, it := range odd.Items {
		if !strings.Contains(body, `id="talk-`+strconv.FormatInt(it.Talk, 10)+`"`) {
			t.Errorf("GET /events/Odd/: got no talk-%d (%q), want every talk shown", it.Talk, it.Title)
		}
	}
	for _, w := range []string{"<h1>Odd</h1>", `<th scope="col">Garden</th>`, "Release 2"} {
		if !strings.Contains(body, w) {
			t.Errorf("GET /events/Odd/: got a page without %q, want it", w)
		}
	}
	resp, body = get(t, h, "GET", "/events/Empty/")
	if resp.StatusCode != 200 || !strings.Contains(body, "Nothing is on the schedule yet.") {
		t.Errorf("GET /events/Empty/: got status %d and\n%s\nwant 200 and nothing on the schedule", resp.StatusCode, body)
	}
}
