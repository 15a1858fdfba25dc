package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// benchAnswer is the answer user i gives: every fifth raises an idea and
// every tenth comments on a talk.
func benchAnswer(f *surveyFixture, i int) *survey.Answer {
	a := &survey.Answer{Rating: i%5 + 1, Different: fmt.Sprintf("Thing %d I will do differently after the day.", i),
		Helped: f.benTalk, Ratings: map[int64]int{f.annTalk: (i+1)%5 + 1, f.benTalk: (i+2)%5 + 1}}
	if i%5 == 0 {
		a.Idea = fmt.Sprintf("Idea %d to take forward", i)
	}
	if i%10 == 0 {
		a.Comments = map[int64]string{f.benTalk: "Clear, and just the right length."}
	}
	return a
}

// benchUsers resolves n users to answer.
func benchUsers(b *testing.B, f *surveyFixture, n int) []*guild.User {
	b.Helper()
	out := make([]*guild.User, n)
	for i := range out {
		out[i] = f.user(b, fmt.Sprintf("member%06d", i))
	}
	return out
}

// BenchmarkSurveyAnswer stores answers to an open survey, each by someone
// new, through the service, as the bot does: one transaction each.
func BenchmarkSurveyAnswer(b *testing.B) {
	for _, anonymous := range []bool{false, true} {
		b.Run(fmt.Sprintf("anonymous=%t", anonymous), func(b *testing.B) {
			f := sentFixture(b, survey.Options{Anonymous: &anonymous})
			users := benchUsers(b, f, b.N)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, err := f.surveys.Answer(as(ctx, users[i]), "DevDay", benchAnswer(f, i)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "answers/s")
		})
	}
}

// BenchmarkSurveyResults10000 reads and adds up 10,000 answers (each rating
// two talks, 2,000 ideas, 1,000 comments) as /survey results does.
func BenchmarkSurveyResults10000(b *testing.B) {
	for _, anonymous := range []bool{false, true} {
		b.Run(fmt.Sprintf("anonymous=%t", anonymous), func(b *testing.B) {
			const n = 10000
			f := sentFixture(b, survey.Options{Anonymous: &anonymous})
			users := benchUsers(b, f, n)
			ctx := context.Background()
			for i, u := range users {
				if _, err := f.surveys.Answer(as(ctx, u), "DevDay", benchAnswer(f, i)); err != nil {
					b.Fatal(err)
				}
			}
			octx := as(ctx, f.olga)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := f.surveys.Results(octx, "DevDay")
				if err != nil {
					b.Fatal(err)
				}
				if res.Answers != n || len(res.Ideas) != n/5 {
					b.Fatalf("results: %d answers, %d ideas, want %d, %d", res.Answers, len(res.Ideas), n, n/5)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/results")
		})
	}
}

var _ = time.Second
