package remind_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// benchPacer stands still: the benchmark runs without a rate limit.
type benchPacer struct{ t time.Time }

func (p benchPacer) Now() time.Time                         { return p.t }
func (p benchPacer) After(d time.Duration) <-chan time.Time { return nil }

type countingSender struct{ n int }

func (s *countingSender) Send(ctx context.Context, m *remind.Message) error {
	s.n++
	return nil
}

// BenchmarkDeliver measures the outbox's own cost per message: claim,
// send to a sink that does nothing, record as sent, on a SQLite file.
// Target: at least 2,000 messages/s.
func BenchmarkDeliver(b *testing.B) {
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	db := sqlite.NewDB(filepath.Join(b.TempDir(), "g.db"))
	db.Now = guild.FixedClock(now)
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var to []*guild.User
	for i := range 100 {
		name := fmt.Sprintf("member%d", i)
		u, err := sqlite.NewUserService(db).Resolve(ctx, &guild.User{Platform: guild.PlatformConsole, PlatformID: guild.ConsoleID(name), Name: name})
		if err != nil {
			b.Fatal(err)
		}
		to = append(to, u)
	}
	outbox := sqlite.NewOutboxService(db, templates.Render)
	var ms []*remind.Message
	for i := range b.N {
		ms = append(ms, &remind.Message{Key: fmt.Sprintf("bench:%d", i), Kind: "bench", To: to[i%len(to)], Body: "The schedule is out.", DueAt: now})
	}
	if err := outbox.Queue(ctx, ms); err != nil {
		b.Fatal(err)
	}
	sink := &countingSender{}
	r := &remind.Runner{Outbox: outbox, Senders: map[string]remind.Sender{guild.PlatformConsole: sink}, Now: db.Now, Pace: benchPacer{now}}
	b.ResetTimer()
	st, err := r.Tick(ctx)
	b.StopTimer()
	if err != nil || st.Sent != b.N || sink.n != b.N {
		b.Fatalf("Tick = %+v, %v; sink saw %d, want %d sent", st, err, sink.n, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
