package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
)

// BenchmarkHealth reads and adds up a community's health checks as
// /community health does: 12 closed rounds, each answered by all 500
// members, every tenth answer with a comment.
func BenchmarkHealth(b *testing.B) {
	const members, rounds = 500, 12
	f := newHealthFixture(b)
	us := []*guild.User{f.ann, f.ben, f.cat, f.dan}
	for i := len(us); i < members; i++ {
		u := f.user(b, fmt.Sprintf("member%04d", i))
		f.join(b, u)
		us = append(us, u)
	}
	at := t0
	for r := range rounds {
		f.at(at)
		sv := f.send(b, f.ann)
		for i, u := range us {
			a := [5]int{(i+r)%5 + 1, (i+2*r)%5 + 1, i%5 + 1, (i*3+r)%5 + 1, (r+1)%5 + 1}
			comment := ""
			if i%10 == 0 {
				comment = fmt.Sprintf("Comment %d on round %d: more workshops, please.", i, r+1)
			}
			f.rate(b, u, a, comment)
		}
		f.fire(b, sv.ClosesAt)
		at = at.AddDate(0, 1, 0)
	}
	ctx := as(context.Background(), f.ben)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := f.health.Report(ctx, testers)
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Scored) != rounds || r.Latest().Answers != members {
			b.Fatalf("report: %d scored rounds, %d answers in the latest, want %d and %d", len(r.Scored), r.Latest().Answers, rounds, members)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/report")
}
