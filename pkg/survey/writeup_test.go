package survey_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

func TestWriteup(t *testing.T) {
	talks := lineUp()
	talks[0].FirstTime = true
	in := survey.Rows{Survey: sent(false), Talks: talks,
		Responses: []survey.Response{
			{ID: 1, By: ann, Rating: 5, Different: "Pair on the flaky tests every week."},
			{ID: 2, Rating: 4, Different: "Pair programming with the ops team."},
			{ID: 3, By: cat, Rating: 4, Different: "Write the flaky tests down first."},
			{ID: 4, By: ben, Rating: 3, Different: "Ship less."},
			{ID: 5, By: olga, Rating: 2, Different: "Ask the ops team to join the next dry run."},
		},
		Ideas: []*survey.Idea{
			{ID: 1, Text: "A testing guild", State: survey.IdeaInProgress, Owner: ann},
			{ID: 2, Text: "Friday demos", State: survey.IdeaDropped, Owner: ben},
			{ID: 3, Text: "A flaky-test wall", State: survey.IdeaOpen},
		},
	}
	w := survey.NewWriteup(survey.Compute(in))
	if len(w.Talks) != 3 || w.Speakers != 3 || w.FirstTimers != 1 {
		t.Errorf("talks %d, speakers %d, first-timers %d, want 3, 3, 1", len(w.Talks), w.Speakers, w.FirstTimers)
	}
	var themes []string
	for _, th := range w.Themes {
		themes = append(themes, th.Words)
	}
	if want := []string{"flaky tests", "ops team", "pair"}; !reflect.DeepEqual(themes, want) {
		t.Errorf("themes = %q, want %q", themes, want)
	}
	var quotes []string
	for _, q := range w.Quotes {
		quotes = append(quotes, q.Attribution()+": "+q.Text)
	}
	want := []string{
		"ann: Pair on the flaky tests every week.",         // flaky tests
		"olga: Ask the ops team to join the next dry run.", // ops team: by name before the anonymous answer
		"an attendee: Pair programming with the ops team.", // pair: the only one left, quoted without a name
		"cat: Write the flaky tests down first.",           // the rest by name; "Ship less." is too short
	}
	if !reflect.DeepEqual(quotes, want) {
		t.Errorf("quotes =\n%q\nwant\n%q", quotes, want)
	}
	if len(w.Ideas) != 2 || w.Ideas[0].ID != 1 || w.Ideas[1].ID != 3 {
		t.Errorf("ideas = %+v, want #1 and #3 (not the dropped #2)", w.Ideas)
	}
}

// A write-up quotes an anonymous answer only without a name.
func TestWriteupAnonymous(t *testing.T) {
	in := survey.Rows{Survey: sent(true), Talks: lineUp(), Responses: []survey.Response{
		{ID: 1, Rating: 5, Different: "Pair on the flaky tests every week."},
		{ID: 2, Rating: 4, Different: "Fix the flaky tests before the demo."},
	}}
	w := survey.NewWriteup(survey.Compute(in))
	if len(w.Quotes) != 1 || w.Quotes[0].By != nil || w.Quotes[0].Attribution() != "an attendee" {
		t.Errorf("quotes = %+v, want one, from an attendee", w.Quotes)
	}
}

func TestWriteCSV(t *testing.T) {
	at := time.Date(2026, 4, 15, 18, 0, 0, 0, time.UTC)
	dev := &guild.User{ID: 4, Name: "dev", Department: "QA", Team: "Core"}
	in := survey.Rows{Survey: sent(false), Talks: lineUp(),
		Responses: []survey.Response{
			{ID: 2, Rating: 3, Different: "=HYPERLINK(\"http://x\")", Helped: 11},
			{ID: 1, By: dev, Rating: 5, Different: "Pair, more", Idea: "A guild", At: at},
		},
		Ratings: []survey.TalkRating{
			{ID: 1, Response: 1, Talk: 12, Rating: 4, Comment: "Clear, \"short\""},
			{ID: 2, Response: 2, Talk: 11, Rating: 0, Comment: "@everyone"},
			{ID: 3, Response: 2, Talk: 99, Rating: 2},
		},
	}
	var b bytes.Buffer
	if err := survey.WriteCSV(&b, in); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v\n%s", err, b.String())
	}
	want := [][]string{
		{"answer", "answered_at", "name", "department", "team", "rating", "different", "helped", "idea",
			"#11 rating", "#11 comment", "#12 rating", "#12 comment", "#13 rating", "#13 comment"},
		{"1", "2026-04-15T18:00:00Z", "dev", "QA", "Core", "5", "Pair, more", "", "A guild", "", "", "4", "Clear, \"short\"", "", ""},
		{"2", "", "", "", "", "3", "'=HYPERLINK(\"http://x\")", "#11", "", "", "'@everyone", "", "", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CSV =\n%q\nwant\n%q", got, want)
	}
}

// A write-up lists the ideas done first, then in progress, then open, at
// most MaxWriteupIdeas of them, and counts the rest.
func TestWriteupIdeasCapped(t *testing.T) {
	in := survey.Rows{Survey: sent(false), Talks: lineUp()}
	for i := range 14 {
		st := survey.IdeaOpen
		switch i {
		case 5:
			st = survey.IdeaDone
		case 7:
			st = survey.IdeaInProgress
		case 9:
			st = survey.IdeaDropped
		}
		in.Ideas = append(in.Ideas, &survey.Idea{ID: int64(i + 1), State: st})
	}
	w := survey.NewWriteup(survey.Compute(in))
	if len(w.Ideas) != survey.MaxWriteupIdeas || w.MoreIdeas != 3 || w.Ideas[0].ID != 6 || w.Ideas[1].ID != 8 || w.Ideas[2].ID != 1 {
		t.Errorf("ideas %d (first #%d, #%d, #%d), %d more; want %d: #6 done, #8 in progress, then #1, and 3 more",
			len(w.Ideas), w.Ideas[0].ID, w.Ideas[1].ID, w.Ideas[2].ID, w.MoreIdeas, survey.MaxWriteupIdeas)
	}
}

// Ratings the store counted itself add up as the same ratings read one by
// one do.
func TestComputeCounts(t *testing.T) {
	one := answers(func(u *guild.User) *guild.User { return u })
	one.Survey, one.Talks = sent(false), lineUp()
	counted := one
	counted.Ratings, counted.Counts = nil, []survey.TalkCount{}
	tally := map[survey.TalkCount]int{}
	for _, r := range one.Ratings {
		if r.Comment != "" {
			counted.Ratings = append(counted.Ratings, r)
		}
		if r.Rating > 0 {
			tally[survey.TalkCount{Talk: r.Talk, Rating: r.Rating}]++
		}
	}
	for c, n := range tally {
		c.N = n
		counted.Counts = append(counted.Counts, c)
	}
	a, b := survey.Compute(one), survey.Compute(counted)
	for i := range a.Talks {
		fa, fb := a.Talks[i], b.Talks[i]
		if fa.Talk.ID != fb.Talk.ID || fa.Ratings != fb.Ratings || len(fa.Comments) != len(fb.Comments) {
			t.Errorf("talk %s: counted %v with %d comments, one by one %v with %d", fa.Talk.Ref(), fb.Ratings, len(fb.Comments), fa.Ratings, len(fa.Comments))
		}
	}
}
