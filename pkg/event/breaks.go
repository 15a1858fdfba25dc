package event

import (
	"slices"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Break is a pause in the day for everyone: coffee, lunch.
type Break struct {
	Name string `json:"name"`
	// Start and End are minutes after midnight on the event's clock.
	Start int `json:"start"`
	End   int `json:"end"`
}

// String returns "12:30-13:30 lunch".
func (b Break) String() string { return Clock(b.Start) + "-" + Clock(b.End) + " " + b.Name }

// DayBreaks returns the event's breaks: those set, or the defaults.
func (e *Event) DayBreaks() []Break {
	if e.Breaks != nil {
		return e.Breaks
	}
	return e.DefaultBreaks()
}

// MaxBreaks caps an event's breaks.
const MaxBreaks = 8

// DefaultBreaks are an event's breaks unless an organiser sets them:
// coffee at 10:30 and 15:00, lunch at 12:30, those that fall within the
// day.
func (e *Event) DefaultBreaks() []Break {
	all := []Break{{"coffee", 10*60 + 30, 10*60 + 45}, {"lunch", 12*60 + 30, 13*60 + 30}, {"coffee", 15 * 60, 15*60 + 15}}
	var out []Break
	for _, b := range all {
		if b.Start > e.Start && b.End < e.End {
			out = append(out, b)
		}
	}
	return out
}

// ParseBreaks reads "10:30-10:45 coffee, 12:30-13:30 lunch" for event e:
// each within the day, none overlapping; "none" means no breaks.
func ParseBreaks(e *Event, s string) ([]Break, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "none") {
		return []Break{}, nil
	}
	var out []Break
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		span, name, _ := strings.Cut(part, " ")
		from, to, ok := strings.Cut(span, "-")
		if !ok {
			return nil, guild.FieldErrorf("breaks", "%q is not a break; give breaks such as breaks=\"10:30-10:45 coffee, 12:30-13:30 lunch\", or breaks=none.", part)
		}
		start, err := ParseClock("breaks", from)
		if err != nil {
			return nil, err
		}
		end, err := ParseClock("breaks", to)
		if err != nil {
			return nil, err
		}
		if end <= start {
			return nil, guild.FieldErrorf("breaks", "%s ends before it starts.", span)
		}
		if start <= e.Start || end >= e.End {
			return nil, guild.FieldErrorf("breaks", "%s is not inside the day, %s-%s.", span, Clock(e.Start), Clock(e.End))
		}
		name = strings.TrimSpace(name)
		if name == "" {
			name = "break"
		}
		if err := guild.CheckName("breaks", name, true); err != nil {
			return nil, err
		}
		out = append(out, Break{Name: name, Start: start, End: end})
	}
	if len(out) > MaxBreaks {
		return nil, guild.FieldErrorf("breaks", "That is %d breaks; give at most %d.", len(out), MaxBreaks)
	}
	slices.SortFunc(out, func(a, b Break) int { return a.Start - b.Start })
	for i := 1; i < len(out); i++ {
		if out[i].Start < out[i-1].End {
			return nil, guild.FieldErrorf("breaks", "%s overlaps %s.", out[i], out[i-1])
		}
	}
	return out, nil
}

// Sessions returns the stretches of the day between breaks, as
// [start, end) minutes.
func Sessions(e *Event, breaks []Break) [][2]int {
	var out [][2]int
	at := e.Start
	for _, b := range breaks {
		if b.Start > at {
			out = append(out, [2]int{at, b.Start})
		}
		at = max(at, b.End)
	}
	if at < e.End {
		out = append(out, [2]int{at, e.End})
	}
	return out
}
