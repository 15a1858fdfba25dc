package schedule_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/guildhall/guildhall/schedule"
)

// benchSizes are the sizes of the performance targets: talks, rooms, days.
var benchSizes = []struct{ talks, rooms, days int }{{120, 4, 2}, {330, 6, 3}, {1000, 20, 3}}

// BenchmarkSolve times whole solves of generated instances and reports,
// per solve, the time to the first valid schedule (ms-valid), to the final
// overflow (ms-overflow), the overflow's gap to LowerBound and the soft
// cost.
func BenchmarkSolve(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(fmt.Sprint(size.talks), func(b *testing.B) {
			in := schedule.Generate(size.talks, size.rooms, size.days, 1)
			b.ReportAllocs()
			var valid, overflow time.Duration
			var gap, soft int
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				res, err := schedule.Solve(in, schedule.Options{Seed: int64(i), Progress: func(p schedule.Progress) {
					switch p.Stage {
					case schedule.StageValid:
						valid += time.Since(start)
					case schedule.StageOverflow:
						overflow += time.Since(start) // the last report counts
					}
				}})
				if err != nil || !res.Valid {
					b.Fatalf("Solve: got %v, valid %v; want a valid schedule", err, res != nil && res.Valid)
				}
				gap += res.Gap()
				soft += res.Score.Soft
			}
			n := float64(b.N)
			b.ReportMetric(float64(valid.Microseconds())/1000/n, "ms-valid")
			b.ReportMetric(float64(overflow.Microseconds())/1000/n, "ms-overflow")
			b.ReportMetric(float64(gap)/n, "overflow-gap")
			b.ReportMetric(float64(soft)/n, "soft")
		})
	}
}

// BenchmarkResolve times re-solving a solved 120-talk instance after a
// talk is withdrawn and a backup given by a busy speaker is promoted into
// no free slot, so talks must move; it reports how many.
func BenchmarkResolve(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(fmt.Sprint(size.talks), func(b *testing.B) {
			in := schedule.Generate(size.talks, size.rooms, size.days, 1)
			base, err := schedule.Solve(in, schedule.Options{Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			gone := base.Solution[len(base.Solution)/2].Talk
			out := withdraw(in, gone)
			after, err := schedule.Resolve(out, base.Solution, schedule.Options{})
			if err != nil {
				b.Fatal(err)
			}
			withdrawn, _ := in.Talk(gone)
			backup := schedule.Talk{ID: 100000, Minutes: withdrawn.Minutes, Audience: withdrawn.Audience, Speakers: []string{busiest(out)},
				Unavailable: freeSlots(out, after.Solution)}
			next := promote(out, backup)
			b.ReportAllocs()
			moved := 0
			for b.Loop() {
				if _, err := schedule.Resolve(out, base.Solution, schedule.Options{}); err != nil {
					b.Fatal(err)
				}
				res, err := schedule.Resolve(next, after.Solution, schedule.Options{})
				if err != nil || !res.Valid {
					b.Fatalf("Resolve: got %v; want a valid schedule", err)
				}
				moved += len(res.Moved)
			}
			b.ReportMetric(float64(moved)/float64(b.N), "moved")
		})
	}
}

// BenchmarkExact times Exact on 30-talk instances.
func BenchmarkExact(b *testing.B) {
	in := schedule.Generate(30, 3, 1, 5)
	b.ReportAllocs()
	proven := 0
	for b.Loop() {
		res, err := schedule.Exact(in, schedule.Options{Seed: 5})
		if err != nil {
			b.Fatal(err)
		}
		if res.Proven {
			proven++
		}
	}
	b.ReportMetric(float64(proven)/float64(b.N), "proven")
}

// BenchmarkLowerBound times the bound at 1,000 talks.
func BenchmarkLowerBound(b *testing.B) {
	in := schedule.Generate(1000, 20, 3, 1)
	for b.Loop() {
		schedule.LowerBound(in)
	}
}
