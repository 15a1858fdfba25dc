package templates

import (
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

//go:embed *.tmpl
var files embed.FS

var (
	parseOnce sync.Once
	set       *template.Template
	parseErr  error
	bufs      = sync.Pool{New: func() any { return new(bytes.Buffer) }}
)

// Funcs are the functions templates may call.
var funcs = template.FuncMap{
	"when":   When,
	"date":   func(t time.Time, loc *time.Location) string { return t.In(loc).Format("Mon 2 Jan 2006") },
	"arg":    guild.QuoteArg,
	"plural": Plural,
	"join":   strings.Join,
	"indent": func(n int, s string) string {
		pad := strings.Repeat(" ", n)
		return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
	},
	"short": Short,
	"add":   func(a, b int) int { return a + b },
	"sub":   func(a, b int) int { return a - b },
	"handle": func(u *guild.User) string {
		return u.Handle()
	},
	"speakers": Speakers,
	"mean":     Mean,
	"clock":    event.Clock,
	"day":      func(t time.Time) string { return t.Format("Monday 2 January 2006") },
	"duration": Duration,
	"handles":  Handles,
	"excerpt":  Excerpt,
	"list":     List,
	"seats":    Seats,
	"channel":  event.ChannelRef,
	"bar":      Bar,
	"decimal":  Decimal,
	"most":     Most,
	"stars":    Stars,
	"names":    PeopleNames,
}

// List joins words the way people do: "a", "a and b", "a, b and c".
func List(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Seats describes a room's seats and the formats it holds: "120 seats",
// "30 seats, workshop and talk only".
func Seats(r event.Room) string {
	s := Plural(r.Capacity, "seat", "seats")
	if len(r.Formats) > 0 {
		s += ", " + List(r.Formats) + " only"
	}
	return s
}

// Excerpt returns s on one line, its line breaks shown as " / ", cut to at
// most n characters with an ellipsis.
func Excerpt(n int, s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	one := strings.Join(lines, " / ")
	if utf8.RuneCountInString(one) <= n {
		return one
	}
	r := []rune(one)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// Handles names people: "@alex", "@alex and @sam", "@alex, @sam and @kim".
func Handles(us []*guild.User) string {
	hs := make([]string, len(us))
	for i, u := range us {
		hs[i] = u.Handle()
	}
	switch len(hs) {
	case 0:
		return "nobody"
	case 1:
		return hs[0]
	}
	return strings.Join(hs[:len(hs)-1], ", ") + " and " + hs[len(hs)-1]
}

// Duration says a length of time the way people do: "2 days", "1 day and
// 6 hours", "90 minutes", "2 hours".
func Duration(d time.Duration) string {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		return Plural(int(d/(24*time.Hour)), "day", "days")
	case d >= 24*time.Hour && d%time.Hour == 0:
		return Plural(int(d/(24*time.Hour)), "day", "days") + " and " + Plural(int(d%(24*time.Hour)/time.Hour), "hour", "hours")
	case d >= time.Hour && d%time.Hour == 0:
		return Plural(int(d/time.Hour), "hour", "hours")
	default:
		return Plural(int(d.Round(time.Minute)/time.Minute), "minute", "minutes")
	}
}

// Speakers names a submission's speakers: "@alex (Platform) with @sam
// (Data)", or says they are hidden from an anonymised review.
func Speakers(s *cfp.Submission) string {
	if s.Anonymous {
		return "speakers hidden for review"
	}
	var parts []string
	for _, sp := range s.Speakers {
		p := sp.User.Handle()
		if sp.Department != "" {
			p += " (" + sp.Department + ")"
		}
		parts = append(parts, p)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return parts[0] + " with " + strings.Join(parts[1:], ", ")
}

// Mean writes a submission's mean score with one decimal, or "–" before
// any review.
func Mean(s *cfp.Submission) string {
	if s.Reviews == 0 {
		return "–"
	}
	return strconv.FormatFloat(s.Mean(), 'f', 1, 64)
}

func parse() (*template.Template, error) {
	parseOnce.Do(func() {
		set, parseErr = template.New("").Option("missingkey=error").Funcs(funcs).ParseFS(files, "*.tmpl")
	})
	return set, parseErr
}

// Names returns the name of every template, for tests.
func Names() []string {
	t, err := parse()
	if err != nil {
		return nil
	}
	var out []string
	for _, tt := range t.Templates() {
		if name, ok := strings.CutSuffix(tt.Name(), ".tmpl"); ok {
			out = append(out, name)
		}
	}
	return out
}

// Render renders the template called name with data.
func Render(name string, data any) (string, error) {
	t, err := parse()
	if err != nil {
		return "", fmt.Errorf("templates: parse: %w", err)
	}
	buf := bufs.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); bufs.Put(buf) }()
	if err := t.ExecuteTemplate(buf, name+".tmpl", data); err != nil {
		return "", fmt.Errorf("templates: %w", err)
	}
	return tidy(buf.String()), nil
}

// tidy trims trailing spaces, keeps at most one blank line in a row, and
// trims the text.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// When formats a time for a reader in loc: "Tue 24 Nov 2026, 12:00 CET".
func When(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2 Jan 2006, 15:04 MST")
}

// Plural returns "1 member" or "3 members".
func Plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Short returns the first line of s, cut to at most n characters with an
// ellipsis, for one-line summaries.
func Short(n int, s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
