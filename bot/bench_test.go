package bot_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
)

// benchEnv is a bot on a store with 200 communities and 2,000 members.
func benchEnv(b *testing.B) *env {
	b.Helper()
	e := newEnv(b)
	ctx := context.Background()
	run := func(user, line string) {
		if r := e.bot.Handle(ctx, bot.Message{From: console.Identity(user), Text: line}); r.Refused {
			b.Fatalf("%s: %s: %s", user, line, r.Text)
		}
	}
	for i := range 200 {
		run(fmt.Sprintf("coord%d", i), fmt.Sprintf(`/community create "Community %d" about="A community of practice"`, i))
		run(fmt.Sprintf("coord%d", i), fmt.Sprintf(`/community charter "Community %d" why="why" goals="one; two; three" principles="a; b"`, i))
		run(fmt.Sprintf("coord%d", i), fmt.Sprintf(`/community meet "Community %d" every="0 12 * * TUE" tz=Europe/Paris`, i))
	}
	for i := range 2000 {
		user := fmt.Sprintf("member%d", i)
		run(user, fmt.Sprintf("/profile department=Dept%d role=tester tz=Europe/London", i%12))
		run(user, fmt.Sprintf(`/community join "Community %d"`, i%200))
	}
	return e
}

// BenchmarkHandle measures in-process command handling, parse to reply,
// on the SQLite store. The target is at least 5,000 commands/s on a
// 2-core machine; cmds/s is reported per sub-benchmark.
func BenchmarkHandle(b *testing.B) {
	e := benchEnv(b)
	ctx := context.Background()
	reads := []string{
		"/help",
		"/help community meet",
		"/community list",
		`/community show "Community 7"`,
		"/profile",
	}
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
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cmds/s")
		})
	}
	bench("show", func(i int) (string, string) { return "member1", `/community show "Community 7"` })
	bench("list", func(i int) (string, string) { return "member1", "/community list" })
	bench("help", func(i int) (string, string) { return "member1", "/help community" })
	bench("join-leave", func(i int) (string, string) {
		if i%2 == 0 {
			return "member1", `/community join "Community 9"`
		}
		return "member1", `/community leave "Community 9"`
	})
	bench("profile-write", func(i int) (string, string) {
		return fmt.Sprintf("member%d", i%2000), fmt.Sprintf("/profile team=T%d", i%7)
	})
	// The mix: four reads to one write, as in a chat where people mostly look.
	bench("mix", func(i int) (string, string) {
		user := fmt.Sprintf("member%d", i%2000)
		if i%5 == 4 {
			return user, fmt.Sprintf("/profile team=T%d", i%7)
		}
		return user, reads[i%len(reads)]
	})
	b.Run("mix-parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				user := fmt.Sprintf("member%d", i%2000)
				line := reads[i%len(reads)]
				if i%5 == 4 {
					line = fmt.Sprintf("/profile team=T%d", i%7)
				}
				if r := e.bot.Handle(ctx, bot.Message{From: console.Identity(user), Text: line}); r.Refused {
					b.Fatalf("%s: %s", line, r.Text)
				}
				i++
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cmds/s")
	})
}

// BenchmarkParse measures the parser alone.
func BenchmarkParse(b *testing.B) {
	line := `/community charter "Test Automation" why="Share what works" goals="fixture library; flaky-test clinic" principles="kind; practical"`
	for b.Loop() {
		if _, err := bot.Parse(line); err != nil {
			b.Fatal(err)
		}
	}
}
