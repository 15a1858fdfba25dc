package mentor

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Limits on Offsets, in days.
const (
	MaxDays  = 120 // the furthest before the event a milestone may fall due
	MaxGrace = 14  // the longest wait before an overdue milestone is escalated
	MaxLead  = 14  // the earliest before a milestone's due time its reminder goes out
)

// Offsets say how many days before the event each milestone falls due, how
// many days after its due time an unfinished milestone is escalated to the
// organisers (Grace), and how many days before a milestone is due its
// reminder is sent (Lead).
type Offsets struct {
	Outline, Deck, DryRun, Final int
	Grace, Lead                  int
}

// DefaultOffsets are the offsets of an event whose organisers have not
// changed them: the outline two weeks before, the deck a week before, the
// dry run three days before and the final check the day before; reminders
// two days ahead and escalation a day late.
var DefaultOffsets = Offsets{Outline: 14, Deck: 7, DryRun: 3, Final: 1, Grace: 1, Lead: 2}

// Days returns how many days before the event milestone k falls due, or 0
// for an unknown kind.
func (o Offsets) Days(k Kind) int {
	switch k {
	case Outline:
		return o.Outline
	case Deck:
		return o.Deck
	case DryRun:
		return o.DryRun
	case Final:
		return o.Final
	}
	return 0
}

// field returns a pointer to the value a With key names, or nil.
func (o *Offsets) field(key string) *int {
	switch key {
	case "outline":
		return &o.Outline
	case "deck":
		return &o.Deck
	case "dryrun":
		return &o.DryRun
	case "final":
		return &o.Final
	case "grace":
		return &o.Grace
	case "lead":
		return &o.Lead
	}
	return nil
}

// offsetKeys are the keys With reads, in the order it checks them.
var offsetKeys = []string{"outline", "deck", "dryrun", "final", "grace", "lead"}

// daysBefore writes n days before the event for a sentence.
func daysBefore(n int) string {
	switch n {
	case 0:
		return "on the day"
	case 1:
		return "1 day before"
	}
	return fmt.Sprintf("%d days before", n)
}

// Validate checks the offsets: each milestone falls due between 0 and
// MaxDays days before the event, in the order of Kinds and on different
// days; Grace is between 0 and MaxGrace and Lead between 0 and MaxLead.
// The error names the field at fault: outline, deck, dryrun, final, grace
// or lead.
func (o Offsets) Validate() error {
	for _, k := range Kinds {
		if n := o.Days(k); n < 0 || n > MaxDays {
			return guild.FieldErrorf(string(k), "%s=%d is out of range: a milestone falls due between 0 and %d days before the event, such as %s=%d.", k, n, MaxDays, k, DefaultOffsets.Days(k))
		}
	}
	for i := 1; i < len(Kinds); i++ {
		prev, k := Kinds[i-1], Kinds[i]
		if o.Days(k) >= o.Days(prev) {
			return guild.FieldErrorf(string(k), "The %s (%s) must come after the %s (%s): give %s fewer days than %s, or %s more.", k.short(), daysBefore(o.Days(k)), prev.short(), daysBefore(o.Days(prev)), k, prev, prev)
		}
	}
	if o.Grace < 0 || o.Grace > MaxGrace {
		return guild.FieldErrorf("grace", "grace=%d is out of range: organisers hear of an overdue milestone between 0 and %d days after it was due, such as grace=%d.", o.Grace, MaxGrace, DefaultOffsets.Grace)
	}
	if o.Lead < 0 || o.Lead > MaxLead {
		return guild.FieldErrorf("lead", "lead=%d is out of range: a milestone's reminder goes out between 0 and %d days before it is due, such as lead=%d.", o.Lead, MaxLead, DefaultOffsets.Lead)
	}
	return nil
}

// parseDays reads a whole number of days: "7", "7d", "7 days" or "1 day".
func parseDays(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, unit := range []string{"days", "day", "d"} {
		if t, ok := strings.CutSuffix(s, unit); ok {
			s = strings.TrimSpace(t)
			break
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// With returns o with the values opts gives changed. The keys are outline,
// deck, dryrun, final, grace and lead; a value is a whole number of days,
// such as "7" or "7d". Other keys are ignored. The result is validated, so
// a change that puts the milestones out of order is refused. On an error
// it returns o unchanged.
func (o Offsets) With(opts map[string]string) (Offsets, error) {
	out := o
	for _, key := range offsetKeys {
		v, ok := opts[key]
		if !ok {
			continue
		}
		n, ok := parseDays(v)
		if !ok {
			return o, guild.FieldErrorf(key, "%s=%s is not a number of days; give whole days such as %s=%d.", key, guild.QuoteArg(v), key, example(key))
		}
		*out.field(key) = n
	}
	if err := out.Validate(); err != nil {
		return o, err
	}
	return out, nil
}

// example is the default value of a With key, for error messages.
func example(key string) int {
	d := DefaultOffsets
	return *d.field(key)
}
