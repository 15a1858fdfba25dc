package cfp

import (
	"strings"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Window is a stretch of the event's day when a speaker can give their
// talk, in minutes after midnight on the event's clock.
type Window struct {
	Start, End int
}

// String returns "09:00-12:00".
func (w Window) String() string { return event.Clock(w.Start) + "-" + event.Clock(w.End) }

// MaxWindows caps how many windows a speaker gives.
const MaxWindows = 8

// ParseWindows reads "09:00-12:00, 14:00-17:00". "any" (or "all day")
// means no restriction and returns nil.
func ParseWindows(s string) ([]Window, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "any", "all", "all day", "anytime", "":
		return nil, nil
	}
	var out []Window
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		part = strings.TrimSpace(part)
		from, to, ok := strings.Cut(part, "-")
		if !ok {
			from, to, ok = strings.Cut(part, "–")
		}
		if !ok {
			return nil, guild.FieldErrorf("TIMES", "%q is not a time range; give ranges such as \"09:00-12:00, 14:00-17:00\", or \"any\".", part)
		}
		start, err := event.ParseClock("TIMES", strings.TrimSpace(from))
		if err != nil {
			return nil, err
		}
		end, err := event.ParseClock("TIMES", strings.TrimSpace(to))
		if err != nil {
			return nil, err
		}
		if end <= start {
			return nil, guild.FieldErrorf("TIMES", "%s ends before it starts; give the earlier time first, such as 09:00-12:00.", part)
		}
		out = append(out, Window{start, end})
	}
	if len(out) > MaxWindows {
		return nil, guild.FieldErrorf("TIMES", "That is %d time ranges; give at most %d.", len(out), MaxWindows)
	}
	return out, nil
}

// Windows lists windows as "09:00-12:00, 14:00-17:00", or "any time".
func Windows(ws []Window) string {
	if len(ws) == 0 {
		return "any time"
	}
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.String()
	}
	return strings.Join(parts, ", ")
}

// Fits reports whether a talk from start to end (minutes) lies within one
// of the windows; no windows means any time.
func Fits(ws []Window, start, end int) bool {
	if len(ws) == 0 {
		return true
	}
	for _, w := range ws {
		if start >= w.Start && end <= w.End {
			return true
		}
	}
	return false
}

// CheckWindows checks windows against an event's day: each must overlap
// it, and together they must leave room for a talk of minutes.
func CheckWindows(ws []Window, e *event.Event, minutes int) error {
	for _, w := range ws {
		if w.End <= e.Start || w.Start >= e.End {
			return guild.FieldErrorf("TIMES", "%s is outside %s's day, %s-%s.", w, e.Name, event.Clock(e.Start), event.Clock(e.End))
		}
	}
	for _, w := range ws {
		if min(w.End, e.End)-max(w.Start, e.Start) >= minutes {
			return nil
		}
	}
	if len(ws) > 0 {
		return guild.FieldErrorf("TIMES", "None of %s is long enough for a %d-minute talk.", Windows(ws), minutes)
	}
	return nil
}
