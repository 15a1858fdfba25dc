package templates

import (
	"strconv"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// WebFeedback is the organisers' page of an event's survey
// (html/feedback.html): the response rate, the rating distribution, each
// talk's ratings and comments, every "different" answer and the ideas,
// drawn as bars that need no script.
type WebFeedback struct {
	Event string
	// Reader is the organiser the page was made for; Until when the link
	// stops working, in the reader's zone.
	Reader string
	Until  string
	// State says where the survey stands: "open until …" or "closed on …".
	State string
	// Answers of Recipients answered, Percent of them.
	Answers, Recipients, Percent int
	// RateBar is the response rate as a bar.
	RateBar WebBar
	// Average is the overall rating, "4.3", "–" before any answer.
	Average string
	// Ratings are the bars of the distribution, 5 down to 1.
	Ratings []WebRating
	Talks   []WebTalkFeedback
	// Different is every "What will you do differently?" answer.
	Different []WebQuote
	Ideas     []WebIdea
	// CSV links to the export, signed as the page is.
	CSV string
}

// WebBar is a bar of a chart: Width is its length in hundredths of the
// chart's, Label what it says to someone who cannot see it.
type WebBar struct {
	Width int
	Label string
}

// WebRating is one bar of a rating distribution.
type WebRating struct {
	Stars, Count int
	Bar          WebBar
}

// WebTalkFeedback is one talk's row.
type WebTalkFeedback struct {
	// Anchor is the row's element id, "talk-12".
	Anchor               string
	Ref, Title, Speakers string
	// Average is "4.5", or "–" when nobody rated it; Bar the same out of 5.
	Average  string
	Bar      WebBar
	Count    int
	Helped   int
	Released bool
	Ratings  []WebRating
	Comments []WebComment
}

// WebComment is a comment for a talk's speakers.
type WebComment struct {
	Ref, Text string
	Hidden    bool
}

// WebQuote is one "different" answer; By is "" when it is anonymous.
type WebQuote struct {
	Text, By string
	Rating   int
}

// WebIdea is an idea raised; Owner is "" when it was raised anonymously.
type WebIdea struct {
	Ref, Text, Owner, State string
}

// bar draws n of most.
func bar(n, most int, label string) WebBar {
	w := 0
	if most > 0 && n > 0 {
		w = max(1, (100*n+most/2)/most)
	}
	return WebBar{Width: min(w, 100), Label: label}
}

// ratingBars draws d, 5 stars first, scaled to its largest count.
func ratingBars(d survey.Distribution) []WebRating {
	most := Most(d)
	out := make([]WebRating, 0, 5)
	for s := 5; s >= 1; s-- {
		n := d.Of(s)
		out = append(out, WebRating{Stars: s, Count: n, Bar: bar(n, most, Plural(n, "rating", "ratings")+" of "+strconv.Itoa(s))})
	}
	return out
}

func average(count int, avg float64) string {
	if count == 0 {
		return "–"
	}
	return Decimal(avg)
}

// NewWebFeedback lays out r for the organiser reader, whose link works
// until until, as the page is at now; csv is the address of the export.
func NewWebFeedback(r *survey.Results, reader *guild.User, until, now time.Time, csv string) *WebFeedback {
	s := r.Survey
	loc := reader.Location()
	v := &WebFeedback{Event: s.Name(), Reader: reader.Handle(), Until: When(until, loc), Answers: r.Answers, Recipients: r.Recipients,
		Percent: r.Percent(), Average: average(r.Answers, r.Average()), Ratings: ratingBars(r.Ratings), CSV: csv}
	v.RateBar = bar(r.Answers, max(r.Recipients, 1), strconv.Itoa(r.Percent())+"% answered")
	if s.StateAt(now) == survey.Closed {
		v.State = "closed on " + When(s.ClosesAt, loc)
	} else {
		v.State = "open until " + When(s.ClosesAt, loc)
	}
	for _, f := range r.Talks {
		t := WebTalkFeedback{Anchor: "talk-" + strconv.FormatInt(f.Talk.ID, 10), Ref: f.Talk.Ref(), Title: f.Talk.Title, Speakers: Handles(f.Talk.Speakers), Average: average(f.Count(), f.Average()),
			Count: f.Count(), Helped: f.Helped, Released: f.Released, Ratings: ratingBars(f.Ratings)}
		if len(f.Talk.Speakers) == 0 {
			t.Speakers = "no longer in the line-up"
		}
		if t.Title == "" {
			t.Title = "(no longer in the line-up)"
		}
		t.Bar = bar(int(10*f.Average()+0.5), 50, t.Average+" out of 5")
		for _, c := range f.Comments {
			t.Comments = append(t.Comments, WebComment{Ref: c.Ref(), Text: c.Text, Hidden: c.Hidden})
		}
		v.Talks = append(v.Talks, t)
	}
	for _, q := range r.Different {
		w := WebQuote{Text: q.Text, Rating: q.Rating}
		if q.By != nil {
			w.By = q.By.Handle()
		}
		v.Different = append(v.Different, w)
	}
	for _, i := range r.Ideas {
		w := WebIdea{Ref: i.Ref(), Text: i.Text, State: i.State.Title()}
		if i.Owner != nil {
			w.Owner = i.Owner.Handle()
		}
		v.Ideas = append(v.Ideas, w)
	}
	return v
}
