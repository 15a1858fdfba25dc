package survey

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Limits on a survey's timing.
const (
	MaxDelay      = 14 * 24 * time.Hour // the latest after the event's end a survey goes out
	MinCloseAfter = time.Hour           // the shortest a survey stays open
	MaxCloseAfter = 60 * 24 * time.Hour // the longest a survey stays open
)

// Options are what an organiser may set on a survey before it goes out;
// nil fields leave the survey as it is.
type Options struct {
	// Anonymous keeps no link from an answer to a person.
	Anonymous *bool
	// Delay is how long after the event's end the survey goes out.
	Delay *time.Duration
	// RemindAfter and CloseAfter are how long after sending the reminder
	// goes out and the survey closes.
	RemindAfter *time.Duration
	CloseAfter  *time.Duration
	// Community names a community whose members are asked as well as the
	// event's attendees; "" asks the attendees only.
	Community *string
}

// IsZero reports whether the options change nothing.
func (o Options) IsZero() bool {
	return o.Anonymous == nil && o.Delay == nil && o.RemindAfter == nil && o.CloseAfter == nil && o.Community == nil
}

// ParseOptions reads options typed as key=value: anonymous=yes|no,
// delay=DURATION, remind=DURATION, close=DURATION and community=NAME. A
// duration is a whole number of weeks, days, hours or minutes, such as
// "2d", "36h", "1w" or "0". Other keys are ignored.
func ParseOptions(opts map[string]string) (Options, error) {
	var o Options
	if v, ok := opts["anonymous"]; ok {
		b, err := parseYes("anonymous", v)
		if err != nil {
			return Options{}, err
		}
		o.Anonymous = &b
	}
	for _, f := range []struct {
		key string
		to  **time.Duration
	}{{"delay", &o.Delay}, {"remind", &o.RemindAfter}, {"close", &o.CloseAfter}} {
		v, ok := opts[f.key]
		if !ok {
			continue
		}
		d, err := ParseDuration(f.key, v)
		if err != nil {
			return Options{}, err
		}
		*f.to = &d
	}
	if v, ok := opts["community"]; ok {
		name := strings.Join(strings.Fields(v), " ")
		if err := guild.CheckName("community", name, false); err != nil {
			return Options{}, err
		}
		o.Community = &name
	}
	return o, nil
}

// parseYes reads yes or no.
func parseYes(key, v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "y", "true", "on":
		return true, nil
	case "no", "n", "false", "off":
		return false, nil
	}
	return false, guild.FieldErrorf(key, "%s= takes yes or no, not %s.", key, guild.QuoteArg(v))
}

// durationUnits are the units ParseDuration reads, longest names first.
var durationUnits = []struct {
	name string
	d    time.Duration
}{
	{"weeks", 7 * 24 * time.Hour}, {"week", 7 * 24 * time.Hour}, {"w", 7 * 24 * time.Hour},
	{"days", 24 * time.Hour}, {"day", 24 * time.Hour}, {"d", 24 * time.Hour},
	{"hours", time.Hour}, {"hour", time.Hour}, {"h", time.Hour},
	{"minutes", time.Minute}, {"minute", time.Minute}, {"min", time.Minute}, {"m", time.Minute},
}

// ParseDuration reads a whole number of weeks, days, hours or minutes for
// field: "2d", "2 days", "36h", "1w", "90m"; a bare "0" is no time at all.
func ParseDuration(field, s string) (time.Duration, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "0" {
		return 0, nil
	}
	for _, u := range durationUnits {
		num, ok := strings.CutSuffix(t, u.name)
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(num))
		if err != nil || n < 0 || n > 10000 {
			break
		}
		return time.Duration(n) * u.d, nil
	}
	return 0, guild.FieldErrorf(field, "%s=%s is not a length of time; give whole weeks, days, hours or minutes, such as %s=2d or %s=36h.", field, guild.QuoteArg(s), field, field)
}

// FormatDuration writes d as ParseDuration reads it, in the largest unit
// that divides it: "2d", "36h", "1w", "90m", "0".
func FormatDuration(d time.Duration) string {
	switch {
	case d == 0:
		return "0"
	case d%(7*24*time.Hour) == 0:
		return fmt.Sprintf("%dw", d/(7*24*time.Hour))
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}

// Apply changes s as o says and checks the result: the delay is between 0
// and MaxDelay, the survey stays open between MinCloseAfter and
// MaxCloseAfter, and the reminder goes out after sending and before
// closing. The community is not looked up: the store does that. On an
// error s is unchanged.
func (o Options) Apply(s *Survey) error {
	out := *s
	if o.Anonymous != nil {
		out.Anonymous = *o.Anonymous
	}
	if o.Delay != nil {
		out.Delay = *o.Delay
	}
	if o.RemindAfter != nil {
		out.RemindAfter = *o.RemindAfter
	}
	if o.CloseAfter != nil {
		out.CloseAfter = *o.CloseAfter
	}
	if o.Community != nil {
		out.Community = *o.Community
		if out.Community == "" {
			out.CommunityID = 0
		}
	}
	if out.Delay < 0 || out.Delay > MaxDelay {
		return guild.FieldErrorf("delay", "delay=%s is out of range: a survey goes out between 0 and %s after the event ends, such as delay=1h.",
			FormatDuration(out.Delay), FormatDuration(MaxDelay))
	}
	if out.CloseAfter < MinCloseAfter || out.CloseAfter > MaxCloseAfter {
		return guild.FieldErrorf("close", "close=%s is out of range: a survey stays open between %s and %s, such as close=%s.",
			FormatDuration(out.CloseAfter), FormatDuration(MinCloseAfter), FormatDuration(MaxCloseAfter), FormatDuration(DefaultCloseAfter))
	}
	if out.RemindAfter <= 0 || out.RemindAfter >= out.CloseAfter {
		return guild.FieldErrorf("remind", "remind=%s must fall after the survey goes out and before it closes (close=%s), such as remind=%s.",
			FormatDuration(out.RemindAfter), FormatDuration(out.CloseAfter), FormatDuration(min(DefaultRemindAfter, out.CloseAfter/2)))
	}
	out.SendAt = out.DueAt()
	*s = out
	return nil
}
