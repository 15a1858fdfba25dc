package schedule_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
)

// benchEvent is a one-day event with rooms rooms from start to end (in
// hours) and n talks: one keynote, a tenth lightning talks, a workshop per
// four rooms, a social, the rest 30-minute talks, with interest votes,
// tags, departments and some speakers giving two talks.
func benchEvent(rooms, n, start, end int) (*event.Event, []*cfp.Submission) {
	ev := &event.Event{ID: 1, Name: "Bench Day", Day: time.Date(2027, 3, 18, 0, 0, 0, 0, time.UTC), Start: start * 60, End: end * 60, TZ: "Europe/London"}
	for r := range rooms {
		ev.Rooms = append(ev.Rooms, event.Room{Name: fmt.Sprintf("Room %d", r+1), Capacity: 30 + (r*37)%150})
	}
	tags := []string{"go", "testing", "ops", "data", "security", "frontend", "ml", "mobile"}
	depts := []string{"Platform", "Data", "Mobile", "Payments", "Search"}
	var subs []*cfp.Submission
	for i := 1; i <= n; i++ {
		f := cfp.Format{Name: "talk", Minutes: 30}
		switch {
		case i == 1:
			f = cfp.Format{Name: "keynote", Minutes: 45}
		case i == n:
			f = cfp.Format{Name: "social", Minutes: 60}
		case i%10 == 0:
			f = cfp.Format{Name: "lightning", Minutes: 5}
		case i%(4*10+1) == 0 && i/(41) <= rooms/4:
			f = cfp.Format{Name: "workshop", Minutes: 90}
		}
		speaker := int64(i)
		if i%7 == 0 {
			speaker = int64(i - 3) // gives two talks
		}
		u := &guild.User{ID: speaker, Name: fmt.Sprintf("s%d", speaker)}
		subs = append(subs, &cfp.Submission{ID: int64(i), Title: fmt.Sprintf("Talk %d", i), Format: f, State: cfp.Confirmed,
			Speakers: []*cfp.Speaker{{User: u, Lead: true, Department: depts[i%len(depts)]}},
			Interest: (i * 31) % 140, Tags: []string{tags[i%len(tags)]}, FirstTime: i%5 == 0})
	}
	return ev, subs
}

// BenchmarkBuild times schedule.Build, layout and solve, on one-day events
// the bot builds: 25 talks in 3 rooms, 100 in 10, 300 in 20 rooms over a
// 12-hour day; then a rebuild after a withdrawal and a backup's promotion,
// reporting the talks it moved.
func BenchmarkBuild(b *testing.B) {
	sizes := []struct{ rooms, talks, start, end int }{{3, 25, 9, 17}, {10, 100, 9, 18}, {20, 300, 8, 20}}
	for _, s := range sizes {
		ev, subs := benchEvent(s.rooms, s.talks, s.start, s.end)
		b.Run(fmt.Sprintf("%dtalks-%drooms", s.talks, s.rooms), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := schedule.Build(ev, subs, schedule.BuildOptions{Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("%dtalks-%drooms-rebuild", s.talks, s.rooms), func(b *testing.B) {
			ps, _, err := schedule.Build(ev, subs, schedule.BuildOptions{Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			// #6 withdrew and a backup by #3's speaker takes the slot.
			fewer := append(append([]*cfp.Submission(nil), subs[:5]...), subs[6:]...)
			backup := *subs[2]
			backup.ID, backup.Title = int64(len(subs)+1), "Backup"
			fewer = append(fewer, &backup)
			moved := 0
			b.ReportAllocs()
			for b.Loop() {
				_, rep, err := schedule.Build(ev, fewer, schedule.BuildOptions{Seed: 1, Previous: ps})
				if err != nil {
					b.Fatal(err)
				}
				moved = rep.Moved
			}
			b.ReportMetric(float64(moved), "moved")
		})
	}
}
