package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
)

// surveyAnswer is the answer attendee i types: every fifth raises an idea,
// every tenth comments on a talk, a third are anonymous.
func surveyAnswer(i int) string {
	line := fmt.Sprintf(`/survey answer DevDay rating=%d different="Pair on the flaky tests, thing %d we will do differently" helped=2 ratings="#1=%d #2=%d"`,
		i%5+1, i, (i+1)%5+1, (i+2)%5+1)
	if i%5 == 0 {
		line += fmt.Sprintf(` idea="Idea %d to take forward"`, i)
	}
	if i%10 == 0 {
		line += ` comments="#2: clear, and just the right length"`
	}
	if i%3 == 0 {
		line += " anonymous=yes"
	}
	return line
}

// answeredEnv is the survey environment with DevDay's survey out and n
// attendees who answered it.
func answeredEnv(b *testing.B, n int) *surveyEnv {
	b.Helper()
	e := newSurveyEnv(b)
	if err := e.at(dayEnd.Add(-time.Hour)); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if r := e.bot.Handle(ctx, bot.Message{From: console.Identity("olga"), Text: "/survey send DevDay"}); r.Refused {
		b.Fatal(r.Text)
	}
	for i := range n {
		if r := e.bot.Handle(ctx, bot.Message{From: console.Identity(fmt.Sprintf("member%05d", i)), Text: surveyAnswer(i)}); r.Refused {
			b.Fatal(r.Text)
		}
	}
	return e
}

// BenchmarkSurveyAnswerBot is /survey answer as the bot handles it: parse,
// resolve the person, validate, store the answer with its talk ratings
// and idea in one transaction, render the receipt. Each iteration is a
// different person, one the bot knows already, as an attendee is.
func BenchmarkSurveyAnswerBot(b *testing.B) {
	e := answeredEnv(b, 0)
	ctx := context.Background()
	froms := make([]bot.Message, b.N)
	for i := range froms {
		froms[i] = bot.Message{From: console.Identity(fmt.Sprintf("member%07d", i)), Text: surveyAnswer(i)}
		if _, err := e.users.Resolve(ctx, &froms[i].From); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if r := e.bot.Handle(ctx, froms[i]); r.Refused {
			b.Fatal(r.Text)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "answers/s")
}

// BenchmarkSurveyReports10000 is /survey results and /survey writeup on
// 10,000 answers (20,000 talk ratings, 2,000 ideas, 1,000 comments, a third
// anonymous), each a whole Bot.Handle.
func BenchmarkSurveyReports10000(b *testing.B) {
	e := answeredEnv(b, 10000)
	ctx := context.Background()
	for _, cmd := range []string{"results", "writeup"} {
		b.Run(cmd, func(b *testing.B) {
			m := bot.Message{From: console.Identity("olga"), Text: "/survey " + cmd + " DevDay"}
			b.ReportAllocs()
			for b.Loop() {
				if r := e.bot.Handle(ctx, m); r.Refused {
					b.Fatal(r.Text)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}
