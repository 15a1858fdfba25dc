package bot_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
)

// cfpBenchEnv is a bot on a store holding a call with 2,000 submissions
// from 600 speakers in 12 departments, 10,000 reviews (five per talk, by
// ten reviewers) and 70 decisions: the size of issue #3's targets.
func cfpBenchEnv(b *testing.B) *env {
	b.Helper()
	e := newEnv(b, "olga")
	ctx := context.Background()
	run := func(user, line string) {
		if r := e.bot.Handle(ctx, bot.Message{From: console.Identity(user), Text: line}); r.Refused {
			b.Fatalf("%s: %s: %s", user, line, r.Text)
		}
	}
	run("olga", `/event create DevDay date=2027-03-18 start=09:00 end=17:30 tz=Europe/London rooms="Main:120, Lab:30, Studio:60"`)
	run("olga", `/cfp open DevDay closes=2027-02-01 formats="lightning:5, talk:30, panel:45, workshop:90"`)
	formats := []string{"lightning", "talk", "panel", "workshop"}
	for i := range 600 {
		run(fmt.Sprintf("speaker%d", i), fmt.Sprintf("/profile department=Dept%d team=Team%d", i%12, i%40))
	}
	for i := range 10 {
		run(fmt.Sprintf("rev%d", i), "/profile department=Reviewing")
		run("olga", fmt.Sprintf("/cfp reviewers add DevDay @rev%d", i))
	}
	for i := range 2000 {
		run(fmt.Sprintf("speaker%d", i%600), fmt.Sprintf(`/cfp submit DevDay title="Talk number %d" format=%s abstract="What we learned, in some detail, about subject %d." first=%v`,
			i, formats[i%len(formats)], i, i%5 == 0))
	}
	for i := range 2000 {
		for r := range 10 {
			if (i+r)%10 < 5 {
				run(fmt.Sprintf("rev%d", r), fmt.Sprintf(`/cfp review %d score=%d comment="Reviewed"`, i+1, 1+(i*7+r)%5))
			}
		}
	}
	// Departments 10 and 11 get no accepted talk, so balance has gaps to fill.
	decided := 0
	for i := 0; decided < 70; i++ {
		if i%12 >= 10 {
			continue
		}
		d := "accept"
		if decided >= 60 {
			d = "backup"
		}
		run("olga", fmt.Sprintf("/cfp decide %d %s", i+1, d))
		decided++
	}
	return e
}

// BenchmarkCFP measures whole commands (resolve, parse, run against
// SQLite, render) on a call of 2,000 submissions and 10,000 reviews. The
// targets are under 20 ms for /cfp list and /cfp balance and under 2 ms
// for a submission.
func BenchmarkCFP(b *testing.B) {
	e := cfpBenchEnv(b)
	ctx := context.Background()
	bench := func(name string, fn func(i int) (string, string)) {
		b.Run(name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				user, line := fn(i)
				if r := e.bot.Handle(ctx, bot.Message{From: console.Identity(user), Text: line}); r.Refused {
					b.Fatalf("%s: %s", line, r.Text)
				}
				i++
			}
		})
	}
	bench("list", func(int) (string, string) { return "olga", "/cfp list DevDay" })
	bench("list-reviewer", func(int) (string, string) { return "rev3", "/cfp list DevDay page=40" })
	bench("balance", func(int) (string, string) { return "olga", "/cfp balance DevDay" })
	bench("show", func(i int) (string, string) { return "olga", fmt.Sprintf("/cfp show %d", 1+i%2000) })
	bench("mine", func(i int) (string, string) { return fmt.Sprintf("speaker%d", i%600), "/cfp mine" })
	bench("review", func(i int) (string, string) {
		// rev0 reviewed the talks whose index i has i%10 in 0..4, so ids
		// 1001..1005, 1011..1015, …: updates, on talks not yet decided.
		id := 1001 + (i%99)*10 + i%5
		return "rev0", fmt.Sprintf(`/cfp review %d score=%d comment="Changed my mind"`, id, 1+i%5)
	})
	// Titles must differ across every run of the sub-benchmark, which the
	// testing package may start more than once on the same store.
	submitted := 0
	bench("submit", func(int) (string, string) {
		submitted++
		return fmt.Sprintf("speaker%d", submitted%600), fmt.Sprintf(`/cfp submit DevDay title="Benchmark talk %d" format=talk abstract="An abstract of a benchmark talk."`, submitted)
	})
}
