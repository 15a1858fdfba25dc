package survey_test

import (
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestComputeEmpty(t *testing.T) {
	tests := []struct {
		name       string
		recipients int
		talks      []survey.Talk
	}{
		{"no answers from ten", 10, lineUp()},
		{"nobody asked", 0, lineUp()},
		{"no talks", 3, nil},
	}
	for _, tt := range tests {
		s := sent(false)
		s.Recipients = tt.recipients
		r := survey.Compute(survey.Rows{Survey: s, Talks: tt.talks})
		if r.Answers != 0 || r.Recipients != tt.recipients || r.ResponseRate() != 0 || r.Percent() != 0 || r.Average() != 0 {
			t.Errorf("%s: answers %d of %d, rate %v (%d%%), average %v, want 0 of %d, 0, 0", tt.name, r.Answers, r.Recipients,
				r.ResponseRate(), r.Percent(), r.Average(), tt.recipients)
		}
		if r.Ratings != (survey.Distribution{}) || len(r.Different) != 0 || len(r.Ideas) != 0 {
			t.Errorf("%s: ratings %v, %d different answers, %d ideas, want none", tt.name, r.Ratings, len(r.Different), len(r.Ideas))
		}
		if len(r.Talks) != len(tt.talks) {
			t.Fatalf("%s: %d talks, want %d", tt.name, len(r.Talks), len(tt.talks))
		}
		for _, f := range r.Talks {
			if f.Count() != 0 || f.Average() != 0 || f.Helped != 0 || len(f.Comments) != 0 || f.Released {
				t.Errorf("%s: talk %s = %+v, want no feedback", tt.name, f.Talk.Ref(), f)
			}
		}
	}
}

// answers are four answers, given out of order, with their talk ratings.
func answers(by func(u *guild.User) *guild.User) survey.Rows {
	at := time.Date(2026, 4, 15, 18, 0, 0, 0, time.UTC)
	return survey.Rows{
		Responses: []survey.Response{
			{ID: 3, By: by(cat), Rating: 5, Different: "Mob on the next spike.", Helped: 11},
			{ID: 1, By: by(olga), Rating: 4, Different: "Write the test first.", Helped: 12, At: at},
			{ID: 2, By: by(ann), Rating: 2, Different: "Ask for help sooner.", Helped: 12},
			{ID: 4, By: by(ben), Rating: 4, Different: "", Helped: 0},
		},
		Ratings: []survey.TalkRating{
			{ID: 6, Response: 3, Talk: 11, Rating: 5, Comment: "Clear and short"},
			{ID: 1, Response: 1, Talk: 11, Rating: 4},
			{ID: 2, Response: 1, Talk: 12, Rating: 5, Comment: "Best of the day"},
			{ID: 3, Response: 2, Talk: 12, Rating: 2, Comment: "Rubbish", Hidden: true},
			{ID: 4, Response: 2, Talk: 13, Rating: 0, Comment: "Missed the start"},
			{ID: 5, Response: 4, Talk: 20, Rating: 3},
		},
		Releases: []survey.Release{{Talk: 12, By: olga, At: at.Add(24 * time.Hour)}},
		Ideas:    []*survey.Idea{{ID: 1, Text: "A testing guild", State: survey.IdeaOpen}},
	}
}

func TestCompute(t *testing.T) {
	for _, anonymous := range []bool{false, true} {
		t.Run(fmt.Sprintf("anonymous=%t", anonymous), func(t *testing.T) {
			by := func(u *guild.User) *guild.User {
				if anonymous {
					return nil
				}
				return u
			}
			in := answers(by)
			in.Survey, in.Talks = sent(anonymous), lineUp()
			r := survey.Compute(in)
			if r.Answers != 4 || r.Recipients != 10 || !near(r.ResponseRate(), 0.4) || r.Percent() != 40 {
				t.Errorf("answers %d of %d, rate %v (%d%%), want 4 of 10, 0.4 (40%%)", r.Answers, r.Recipients, r.ResponseRate(), r.Percent())
			}
			if want := (survey.Distribution{0, 1, 0, 2, 1}); r.Ratings != want {
				t.Errorf("Ratings = %v, want %v", r.Ratings, want)
			}
			if !near(r.Average(), 15.0/4) || r.Ratings.Count() != 4 || r.Ratings.Of(4) != 2 || r.Ratings.Of(6) != 0 {
				t.Errorf("Average %v, Count %d, Of(4) %d, Of(6) %d, want 3.75, 4, 2, 0", r.Average(), r.Ratings.Count(), r.Ratings.Of(4), r.Ratings.Of(6))
			}
			var quotes []string
			for _, q := range r.Different {
				name := "anonymous"
				if q.By != nil {
					name = q.By.Name
				}
				quotes = append(quotes, fmt.Sprintf("%d %s %d %s", q.Response, name, q.Rating, q.Text))
			}
			want := []string{"1 olga 4 Write the test first.", "2 ann 2 Ask for help sooner.", "3 cat 5 Mob on the next spike."}
			if anonymous {
				want = []string{"1 anonymous 4 Write the test first.", "2 anonymous 2 Ask for help sooner.", "3 anonymous 5 Mob on the next spike."}
			}
			if !reflect.DeepEqual(quotes, want) {
				t.Errorf("Different = %q, want %q", quotes, want)
			}
			type talk struct {
				id       int64
				count    int
				average  float64
				helped   int
				comments []string
				released bool
			}
			wantTalks := []talk{
				{11, 2, 4.5, 1, []string{"6 Clear and short"}, false},
				{12, 2, 3.5, 2, []string{"2 Best of the day", "3 Rubbish (hidden)"}, true},
				{13, 0, 0, 0, []string{"4 Missed the start"}, false},
				{20, 1, 3, 0, nil, false}, // rated, but no longer in the line-up
			}
			if len(r.Talks) != len(wantTalks) {
				t.Fatalf("%d talks, want %d", len(r.Talks), len(wantTalks))
			}
			for i, w := range wantTalks {
				f := r.Talks[i]
				var comments []string
				for _, c := range f.Comments {
					s := fmt.Sprintf("%d %s", c.ID, c.Text)
					if c.Hidden {
						s += " (hidden)"
					}
					if c.Released != f.Released || c.Talk != f.Talk.ID {
						t.Errorf("comment %s: released %t talk %d, want %t, %d", c.Ref(), c.Released, c.Talk, f.Released, f.Talk.ID)
					}
					comments = append(comments, s)
				}
				got := talk{f.Talk.ID, f.Count(), f.Average(), f.Helped, comments, f.Released}
				if !reflect.DeepEqual(got, w) {
					t.Errorf("talk %d = %+v, want %+v", i, got, w)
				}
			}
			if r.Talk(12).ReleasedBy != olga || r.Talk(12).Hidden() != 1 || r.Talk(99) != nil {
				t.Errorf("Talk(12) released by %v with %d hidden, Talk(99) = %v; want olga, 1, nil", r.Talk(12).ReleasedBy, r.Talk(12).Hidden(), r.Talk(99))
			}
			if r.Talk(11).Talk.Title != "Trunk-based development" {
				t.Errorf("Talk(11) title = %q, want the line-up's", r.Talk(11).Talk.Title)
			}
			fs := r.Talk(12).ForSpeaker()
			if len(fs.Comments) != 1 || fs.Comments[0].Text != "Best of the day" || len(r.Talk(12).Comments) != 2 {
				t.Errorf("ForSpeaker comments = %+v (organisers' %d), want only the visible one, the original untouched", fs.Comments, len(r.Talk(12).Comments))
			}
			if len(r.Ideas) != 1 || r.Ideas[0].Text != "A testing guild" {
				t.Errorf("Ideas = %+v, want the one raised", r.Ideas)
			}
		})
	}
}

func TestComputeMoreAnswersThanRecipients(t *testing.T) {
	s := sent(false)
	s.Recipients = 1
	r := survey.Compute(survey.Rows{Survey: s, Responses: []survey.Response{{ID: 1, Rating: 3, Different: "x"}, {ID: 2, Rating: 3, Different: "y"}}})
	if r.Recipients != 2 || r.ResponseRate() != 1 || r.Percent() != 100 {
		t.Errorf("two answers from one recipient: %d of %d, %d%%, want 2 of 2, 100%%", r.Answers, r.Recipients, r.Percent())
	}
}

// bigRows is n answers to a survey of 30 talks, each rating three talks,
// one in ten with a comment.
func bigRows(n int) survey.Rows {
	in := survey.Rows{Survey: sent(true)}
	in.Survey.Recipients = n + n/4
	for i := range 30 {
		in.Talks = append(in.Talks, survey.Talk{ID: int64(i + 1), Title: fmt.Sprintf("Talk %d", i+1)})
	}
	id := int64(0)
	for i := range n {
		in.Responses = append(in.Responses, survey.Response{ID: int64(i + 1), Rating: i%5 + 1, Different: "Something to do differently", Helped: int64(i%30 + 1)})
		for k := range 3 {
			id++
			r := survey.TalkRating{ID: id, Response: int64(i + 1), Talk: int64((i+k)%30 + 1), Rating: (i+k)%5 + 1}
			if i%10 == 0 {
				r.Comment = "A comment"
			}
			in.Ratings = append(in.Ratings, r)
		}
	}
	return in
}

func TestComputeLarge(t *testing.T) {
	r := survey.Compute(bigRows(10000))
	if r.Answers != 10000 || r.Ratings.Count() != 10000 || len(r.Different) != 10000 || len(r.Talks) != 30 {
		t.Fatalf("answers %d, ratings %d, different %d, talks %d, want 10000, 10000, 10000, 30", r.Answers, r.Ratings.Count(), len(r.Different), len(r.Talks))
	}
	n := 0
	for _, f := range r.Talks {
		n += f.Count()
	}
	if n != 30000 {
		t.Errorf("talk ratings counted = %d, want 30000", n)
	}
}

func BenchmarkCompute10000(b *testing.B) {
	in := bigRows(10000)
	b.ReportAllocs()
	for b.Loop() {
		survey.Compute(in)
	}
}
