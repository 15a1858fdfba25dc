package survey

import (
	"math"
	"slices"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Response is one stored answer, as results are computed from it.
type Response struct {
	// ID identifies the answer in the store.
	ID int64
	// By is who answered; nil when the answer is anonymous.
	By        *guild.User
	Rating    int
	Different string
	Helped    int64
	// Idea is the idea the answer raised, "" for none.
	Idea string
	// At is when it was last answered; zero when the answer is anonymous.
	At time.Time
}

// TalkRating is one answer's rating of, and comment on, one talk.
type TalkRating struct {
	// ID identifies it in the store; it numbers the comment, for hiding.
	ID int64
	// Response is the ID of the answer it belongs to.
	Response int64
	Talk     int64
	// Rating is 1..5, or 0 when the talk was commented on but not rated.
	Rating  int
	Comment string
	// Hidden comments are kept from the speakers.
	Hidden bool
}

// Release is an organiser's release of a talk's feedback to its speakers.
type Release struct {
	Talk int64
	By   *guild.User
	At   time.Time
}

// Comment is a comment on a talk for its speakers. It never names who
// wrote it.
type Comment struct {
	ID   int64
	Talk int64
	Text string
	// Hidden comments are kept from the speakers.
	Hidden bool
	// Released is true once the talk's feedback went to its speakers.
	Released bool
}

// Ref is how the comment is named in replies: "#c7", so that it is not
// taken for a talk's "#7" beside it.
func (c *Comment) Ref() string { return "#c" + itoa(c.ID) }

// Distribution counts ratings: Distribution[0] counts the 1s, …,
// Distribution[4] the 5s.
type Distribution [5]int

// Add counts rating r; a rating outside 1..5 is not counted.
func (d *Distribution) Add(r int) {
	if r >= 1 && r <= 5 {
		d[r-1]++
	}
}

// Count is how many ratings were counted.
func (d *Distribution) Count() int {
	n := 0
	for _, c := range d {
		n += c
	}
	return n
}

// Average is the mean rating, 0 when there is none.
func (d *Distribution) Average() float64 {
	n, sum := 0, 0
	for i, c := range d {
		n += c
		sum += c * (i + 1)
	}
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

// Of is how many ratings of r (1..5) were counted.
func (d *Distribution) Of(r int) int {
	if r < 1 || r > 5 {
		return 0
	}
	return d[r-1]
}

// TalkFeedback is what the answers said of one talk: what organisers read
// in the results, and what its speakers get once it is released.
type TalkFeedback struct {
	Talk Talk
	// Ratings counts its ratings 1..5.
	Ratings Distribution
	// Helped counts the answers that named it the talk that helped most.
	Helped int
	// Comments are in the order they were written; hidden ones are
	// flagged, and left out of ForSpeaker.
	Comments []Comment
	// Released is set once an organiser released it to the speakers.
	Released   bool
	ReleasedAt time.Time
	ReleasedBy *guild.User
}

// Average is the talk's mean rating, 0 when nobody rated it.
func (f *TalkFeedback) Average() float64 { return f.Ratings.Average() }

// Count is how many rated the talk.
func (f *TalkFeedback) Count() int { return f.Ratings.Count() }

// Hidden counts the comments kept from the speakers.
func (f *TalkFeedback) Hidden() int {
	n := 0
	for _, c := range f.Comments {
		if c.Hidden {
			n++
		}
	}
	return n
}

// ForSpeaker returns a copy of the feedback without its hidden comments,
// as the talk's speakers see it.
func (f *TalkFeedback) ForSpeaker() *TalkFeedback {
	out := *f
	out.Comments = nil
	for _, c := range f.Comments {
		if !c.Hidden {
			out.Comments = append(out.Comments, c)
		}
	}
	return &out
}

// Quote is one "What will you do differently?" answer.
type Quote struct {
	// Response is the ID of the answer.
	Response int64
	Text     string
	// By is who wrote it; nil when the survey is anonymous, so a write-up
	// never quotes an anonymous answer by name.
	By     *guild.User
	Rating int
}

// Results are what a survey's answers add up to.
type Results struct {
	Survey *Survey
	// Recipients is how many were asked, Answers how many answered.
	Recipients int
	Answers    int
	// Ratings counts the overall ratings 1..5.
	Ratings Distribution
	// Talks are the line-up's talks in its order, then any other talk the
	// answers rated, by ID.
	Talks []*TalkFeedback
	// Different is every "What will you do differently?" answer, in the
	// order they were first given.
	Different []Quote
	// Ideas are the ideas raised, in the order they were raised.
	Ideas []*Idea
}

// ResponseRate is the share of recipients who answered, from 0 to 1.
func (r *Results) ResponseRate() float64 {
	if r.Recipients == 0 {
		return 0
	}
	return float64(r.Answers) / float64(r.Recipients)
}

// Percent is the response rate in whole percent, rounded.
func (r *Results) Percent() int { return int(math.Round(100 * r.ResponseRate())) }

// Average is the mean overall rating, 0 when nobody answered.
func (r *Results) Average() float64 { return r.Ratings.Average() }

// Talk returns the feedback on the talk with id, or nil.
func (r *Results) Talk(id int64) *TalkFeedback {
	for _, f := range r.Talks {
		if f.Talk.ID == id {
			return f
		}
	}
	return nil
}

// TalkCount is how many answers gave a talk one rating.
type TalkCount struct {
	Talk   int64
	Rating int
	N      int
}

// Rows are the plain rows results are computed from, as the store reads
// them.
type Rows struct {
	Survey *Survey
	// Talks is the event's line-up, in the order results list it.
	Talks     []Talk
	Responses []Response
	// Ratings are each answer's rating of and comment on each talk. When
	// Counts is set, the store counted the ratings itself: Ratings then
	// hold only the comments, whose ratings Counts holds already.
	Ratings  []TalkRating
	Counts   []TalkCount
	Releases []Release
	Ideas    []*Idea
}

// Compute adds up the rows: the response rate, the distribution of overall
// ratings, each talk's ratings, "helped most" votes and comments, every
// "different" answer and the ideas. Responses are taken in the order of
// their IDs, and ratings and comments in the order of theirs, whatever the
// order of the rows. It takes time linear in the rows, plus sorting them.
func Compute(in Rows) *Results {
	r := &Results{Survey: in.Survey, Answers: len(in.Responses), Ideas: in.Ideas}
	if in.Survey != nil {
		r.Recipients = in.Survey.Recipients
	}
	r.Recipients = max(r.Recipients, r.Answers)

	byID := make(map[int64]*TalkFeedback, len(in.Talks))
	r.Talks = make([]*TalkFeedback, 0, len(in.Talks))
	talk := func(id int64) *TalkFeedback {
		if f, ok := byID[id]; ok {
			return f
		}
		f := &TalkFeedback{Talk: Talk{ID: id}}
		byID[id] = f
		r.Talks = append(r.Talks, f)
		return f
	}
	for _, t := range in.Talks {
		if _, ok := byID[t.ID]; !ok {
			f := &TalkFeedback{Talk: t}
			byID[t.ID] = f
			r.Talks = append(r.Talks, f)
		}
	}
	lineUp := len(r.Talks)

	responses := sortedBy(in.Responses, func(x Response) int64 { return x.ID })
	r.Different = make([]Quote, 0, len(responses))
	for _, x := range responses {
		r.Ratings.Add(x.Rating)
		if x.Different != "" {
			r.Different = append(r.Different, Quote{Response: x.ID, Text: x.Different, By: x.By, Rating: x.Rating})
		}
		if x.Helped != 0 {
			talk(x.Helped).Helped++
		}
	}
	for _, c := range in.Counts {
		if c.Rating >= 1 && c.Rating <= 5 {
			talk(c.Talk).Ratings[c.Rating-1] += c.N
		}
	}
	counted := in.Counts != nil
	for _, x := range sortedBy(in.Ratings, func(x TalkRating) int64 { return x.ID }) {
		f := talk(x.Talk)
		if !counted {
			f.Ratings.Add(x.Rating)
		}
		if x.Comment != "" {
			f.Comments = append(f.Comments, Comment{ID: x.ID, Talk: x.Talk, Text: x.Comment, Hidden: x.Hidden})
		}
	}
	for _, rel := range in.Releases {
		f := talk(rel.Talk)
		f.Released, f.ReleasedAt, f.ReleasedBy = true, rel.At, rel.By
	}
	for _, f := range r.Talks {
		for i := range f.Comments {
			f.Comments[i].Released = f.Released
		}
	}
	// Talks no longer in the line-up follow it, by ID.
	slices.SortFunc(r.Talks[lineUp:], func(a, b *TalkFeedback) int { return cmpInt(a.Talk.ID, b.Talk.ID) })
	return r
}

// sortedBy returns xs sorted by key, without copying when already sorted.
func sortedBy[T any](xs []T, key func(T) int64) []T {
	if slices.IsSortedFunc(xs, func(a, b T) int { return cmpInt(key(a), key(b)) }) {
		return xs
	}
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int { return cmpInt(key(a), key(b)) })
	return out
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
