package survey

import (
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Limits of a write-up.
const (
	// MaxQuotes is how many "different" answers a write-up quotes.
	MaxQuotes = 4
	// MinQuote and MaxQuote bound the length of an answer worth quoting,
	// in characters.
	MinQuote = 12
	MaxQuote = 280
)

// Writeup is the draft of a post about an event for the public tech blog:
// the day in numbers, the talks and their speakers, what the "different"
// answers speak of, a few quotes, and the ideas being taken forward.
type Writeup struct {
	Results *Results
	// Talks are the talks of the line-up, in its order.
	Talks []*TalkFeedback
	// Speakers counts the people who spoke, FirstTimers the talks whose
	// lead speaker spoke for the first time.
	Speakers    int
	FirstTimers int
	Themes      []Theme
	// Quotes are a few "different" answers, one per theme where there is
	// one; an anonymous answer's quote has no By, so it is never shown by
	// name.
	Quotes []Quote
	// Ideas are up to MaxWriteupIdeas of the ideas raised that were not
	// dropped: those done, then those in progress, then those open, each
	// in the order they were raised. MoreIdeas counts the rest.
	Ideas     []*Idea
	MoreIdeas int
}

// MaxWriteupIdeas is how many ideas a write-up lists.
const MaxWriteupIdeas = 10

// NewWriteup drafts the write-up of r. It takes time linear in the
// answers.
func NewWriteup(r *Results) *Writeup {
	w := &Writeup{Results: r}
	speakers := map[int64]bool{}
	for _, f := range r.Talks {
		if len(f.Talk.Speakers) == 0 {
			continue // rated, but no longer in the line-up
		}
		w.Talks = append(w.Talks, f)
		for _, u := range f.Talk.Speakers {
			speakers[u.ID] = true
		}
		if f.Talk.FirstTime {
			w.FirstTimers++
		}
	}
	w.Speakers = len(speakers)
	texts := make([]string, len(r.Different))
	for i, q := range r.Different {
		texts[i] = q.Text
	}
	w.Themes = Themes(texts)
	w.Quotes = quotes(r.Different, w.Themes)
	for _, st := range []IdeaState{IdeaDone, IdeaInProgress, IdeaOpen} {
		for _, i := range r.Ideas {
			if i.State != st {
				continue
			}
			if len(w.Ideas) < MaxWriteupIdeas {
				w.Ideas = append(w.Ideas, i)
			} else {
				w.MoreIdeas++
			}
		}
	}
	return w
}

// quotes picks up to MaxQuotes answers of a quotable length: for each
// theme the first that speaks of it, one given by name before an
// anonymous one; then, while there is room, the first others given by
// name.
func quotes(all []Quote, themes []Theme) []Quote {
	quotable := func(q Quote) bool {
		n := utf8.RuneCountInString(q.Text)
		return n >= MinQuote && n <= MaxQuote
	}
	used := map[int64]bool{}
	var out []Quote
	for _, t := range themes {
		if len(out) == MaxQuotes {
			break
		}
		best := -1
		for i, q := range all {
			if used[q.Response] || !quotable(q) || !t.In(q.Text) {
				continue
			}
			if best < 0 || (all[best].By == nil && q.By != nil) {
				best = i
			}
			if all[best].By != nil {
				break
			}
		}
		if best >= 0 {
			used[all[best].Response] = true
			out = append(out, all[best])
		}
	}
	for _, q := range all {
		if len(out) == MaxQuotes {
			break
		}
		if !used[q.Response] && q.By != nil && quotable(q) {
			used[q.Response] = true
			out = append(out, q)
		}
	}
	return out
}

// Attribution is how a quote is signed: the person's name and
// department, or "an attendee" for an anonymous answer.
func (q Quote) Attribution() string {
	if q.By == nil {
		return "an attendee"
	}
	return attribution(q.By)
}

func attribution(u *guild.User) string {
	if u.Department != "" {
		return u.Name + ", " + u.Department
	}
	return u.Name
}
