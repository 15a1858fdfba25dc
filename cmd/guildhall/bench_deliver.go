package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

// noopSender delivers nothing, as fast as it is asked: the outbox's own
// cost is what is measured.
type noopSender struct{ n int }

func (s *noopSender) Send(ctx context.Context, m *remind.Message) error {
	s.n++
	return nil
}

// deliverResult reports benchDeliver.
type deliverResult struct {
	Messages      int     `json:"messages"`
	Recipients    int     `json:"recipients"`
	Rate          float64 `json:"limit_per_s,omitempty"`
	Seconds       float64 `json:"seconds"`
	PerSecond     float64 `json:"messages_per_s"`
	OfLimit       float64 `json:"percent_of_limit,omitempty"`
	QueueSeconds  float64 `json:"queue_seconds"`
	Target        string  `json:"target"`
	DatabaseBytes int64   `json:"database_bytes"`
}

// benchDeliver queues messages in a fresh database and times one runner
// delivering all of them to a sink that does nothing, at the rate limit
// --limit (0: none), paced by the wall clock.
func benchDeliver(ctx context.Context, cfg *config, bf benchFlags, stderr io.Writer) (*deliverResult, error) {
	if _, err := os.Stat(cfg.db); err == nil {
		return nil, usagef("bench deliver makes its own database: %s exists already; give a new --db", cfg.db)
	}
	a, err := cfg.open(stderr)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	recipients := min(bf.members, bf.messages)
	users := make([]*guild.User, recipients)
	for i := range users {
		name := fmt.Sprintf("member%d", i)
		if users[i], err = a.users.Resolve(ctx, &guild.User{Platform: guild.PlatformConsole, PlatformID: guild.ConsoleID(name), Name: name}); err != nil {
			return nil, err
		}
	}
	now := a.now()
	start := time.Now()
	for i := 0; i < bf.messages; i += 1000 {
		var ms []*remind.Message
		for j := i; j < min(i+1000, bf.messages); j++ {
			ms = append(ms, &remind.Message{Key: fmt.Sprintf("bench:%d", j), Kind: "bench", To: users[j%recipients],
				Body: fmt.Sprintf("Announcement %d: the schedule for Dev Day is out.", j), DueAt: now})
		}
		if err := a.outbox.Queue(ctx, ms); err != nil {
			return nil, err
		}
	}
	queued := time.Since(start)
	sink := &noopSender{}
	r := &remind.Runner{Outbox: a.outbox, Senders: map[string]remind.Sender{guild.PlatformConsole: sink}, Now: a.now, Pace: wallPacer{},
		Limit: remind.Limit{Rate: bf.limit}}
	start = time.Now()
	st, err := r.Tick(ctx)
	if err != nil {
		return nil, err
	}
	took := time.Since(start)
	if st.Sent != bf.messages || sink.n != bf.messages {
		return nil, fmt.Errorf("bench deliver: sent %d (sink saw %d) of %d", st.Sent, sink.n, bf.messages)
	}
	res := &deliverResult{Messages: bf.messages, Recipients: recipients, Rate: bf.limit, Seconds: took.Seconds(),
		PerSecond: float64(bf.messages) / took.Seconds(), QueueSeconds: queued.Seconds(), Target: "at least 2,000 messages/s unlimited"}
	if bf.limit > 0 {
		res.OfLimit = 100 * res.PerSecond / bf.limit
		res.Target = "at least 95% of the limit"
	}
	if fi, err := os.Stat(cfg.db); err == nil {
		res.DatabaseBytes = fi.Size()
	}
	return res, nil
}

// benchTick times whole 'guildhall tick' processes with nothing due,
// against a seeded database whose communities all have meeting reminders
// and whose outbox holds a delivered history.
func benchTick(ctx context.Context, cfg *config, bf benchFlags, stderr io.Writer) (*chatResult, error) {
	if cfg.now == "" {
		// Pinned, so that no reminder of the seeded communities falls due
		// while the runs are timed.
		cfg.now = time.Now().UTC().Format(time.RFC3339)
	}
	seed, err := benchSeed(ctx, cfg, bf, stderr)
	if err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	res := &chatResult{Database: cfg.db, Seed: seed, Commands: map[string]latency{}, Target: "median under 30 ms"}
	var times []time.Duration
	for range bf.runs {
		cmd := exec.CommandContext(ctx, self, "--db", cfg.db, "--now", cfg.now, "--transcript", os.DevNull, "tick", "--quiet")
		cmd.Stdout, cmd.Stderr = io.Discard, stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("bench tick: %w", err)
		}
		times = append(times, time.Since(start))
	}
	res.Commands["guildhall tick (nothing due)"] = summarise(times)
	return res, nil
}
