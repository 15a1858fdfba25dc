package mentor

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

// Kind is a milestone of a speaker's preparation.
type Kind string

// The milestones of a talk's preparation.
const (
	Outline Kind = "outline" // what the talk will cover, in a few lines
	Deck    Kind = "deck"    // the slides, about one per minute
	DryRun  Kind = "dryrun"  // the talk given to the mentor, timed
	Final   Kind = "final"   // the last check before the day
)

// Kinds lists the milestones in the order they fall due.
var Kinds = []Kind{Outline, Deck, DryRun, Final}

// kindNames maps what a user may type, normalised by normKind, to a Kind.
var kindNames = map[string]Kind{
	"outline":     Outline,
	"deck":        Deck,
	"slides":      Deck,
	"slide deck":  Deck,
	"dryrun":      DryRun,
	"dry run":     DryRun,
	"rehearsal":   DryRun,
	"final":       Final,
	"final check": Final,
	"check":       Final,
}

// normKind lower-cases s, reads hyphens and underscores as spaces and
// collapses runs of spaces.
func normKind(s string) string {
	s = strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// ParseKind reads a milestone name, without regard to case. Besides the
// names of the Kinds it accepts "slides" for the deck, "dry run", "dry-run"
// and "rehearsal" for the dry run, and "final check", "final-check" and
// "check" for the final check.
func ParseKind(s string) (Kind, error) {
	key := normKind(s)
	if k, ok := kindNames[key]; ok {
		return k, nil
	}
	if key == "" {
		return "", guild.FieldErrorf("milestone", "Name the milestone: outline, deck, dryrun or final.")
	}
	if utf8.RuneCountInString(key) > 30 {
		return "", guild.FieldErrorf("milestone", "That is not a milestone; name one of outline, deck, dryrun or final.")
	}
	return "", guild.FieldErrorf("milestone", "%q is not a milestone; name one of outline, deck, dryrun or final.", strings.TrimSpace(s))
}

// Title is how a milestone reads in a sentence: "outline", "slide deck",
// "dry run with your mentor" or "final check". An unknown kind reads as its
// name.
func (k Kind) Title() string {
	switch k {
	case Outline:
		return "outline"
	case Deck:
		return "slide deck"
	case DryRun:
		return "dry run with your mentor"
	case Final:
		return "final check"
	}
	return string(k)
}

// Noun is how a milestone reads about someone else's talk: "outline",
// "slide deck", "dry run" or "final check".
func (k Kind) Noun() string {
	if k == Deck {
		return "slide deck"
	}
	return k.short()
}

// short is the milestone's name in an organiser's error message.
func (k Kind) short() string {
	switch k {
	case DryRun:
		return "dry run"
	case Final:
		return "final check"
	}
	return string(k)
}

// Milestone is one step of one talk's preparation.
type Milestone struct {
	// Submission is the ID of the accepted submission the talk came from.
	Submission int64
	Kind       Kind
	// DueAt is when the milestone falls due; see DueAt.
	DueAt time.Time
	// DoneAt is when the milestone was marked done; zero until then.
	DoneAt time.Time
	// DoneBy is who marked it done: a speaker, the mentor or an organiser.
	DoneBy *guild.User
	// Minutes is how long the dry run took, when the speaker gave it; 0
	// otherwise.
	Minutes int
	// Escalated is true once the organisers were told it is overdue.
	Escalated bool
}

// Done reports whether the milestone has been marked done.
func (m *Milestone) Done() bool { return !m.DoneAt.IsZero() }

// Status is where a milestone stands at a given time.
type Status string

// The statuses of a milestone.
const (
	StatusDone     Status = "done"
	StatusUpcoming Status = "upcoming"
	StatusDueSoon  Status = "due soon"
	StatusOverdue  Status = "overdue"
)

// Status is where the milestone stands at now: done once marked done;
// otherwise overdue when now is after DueAt, due soon from RemindAt up to
// and including DueAt, and upcoming before that.
func (m *Milestone) Status(now time.Time, o Offsets) Status {
	switch {
	case m.Done():
		return StatusDone
	case now.After(m.DueAt):
		return StatusOverdue
	case !now.Before(m.RemindAt(o)):
		return StatusDueSoon
	}
	return StatusUpcoming
}

// EscalateAt is when an unfinished milestone is escalated to the
// organisers: Grace days after DueAt, on the same wall clock in DueAt's
// location.
func (m *Milestone) EscalateAt(o Offsets) time.Time {
	return m.DueAt.AddDate(0, 0, o.Grace)
}

// RemindAt is when the milestone's reminder is sent: Lead days before
// DueAt, on the same wall clock in DueAt's location.
func (m *Milestone) RemindAt(o Offsets) time.Time {
	return m.DueAt.AddDate(0, 0, -o.Lead)
}

// DueAt returns when milestone k of a talk at ev falls due: o.Days(k) days
// before the event's day, at the event's start time on the wall clock in
// the event's time zone. Across a daylight-saving change the wall clock is
// kept, so the instant is not a whole number of 24 hours before the event.
func DueAt(ev *event.Event, k Kind, o Offsets) time.Time {
	y, m, d := ev.Day.Date()
	return time.Date(y, m, d-o.Days(k), 0, ev.Start, 0, 0, ev.Location())
}

// Plan returns the milestones of submission sub at ev, one per Kind in the
// order they fall due, none of them done.
func Plan(ev *event.Event, sub int64, o Offsets) []*Milestone {
	out := make([]*Milestone, len(Kinds))
	for i, k := range Kinds {
		out[i] = &Milestone{Submission: sub, Kind: k, DueAt: DueAt(ev, k, o)}
	}
	return out
}
