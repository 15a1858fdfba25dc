package slack_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/guildhall/guildhall/bot/slack"
	"github.com/guildhall/guildhall/bot/slack/fakeslack"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// BenchmarkSocketModeAck sends slash commands through fakeslack's Socket
// Mode at 200 a second and measures each one's time to acknowledgement,
// from the fake writing the envelope to the fake reading the ack. The
// work (running the command, answering on the response URL) goes on after
// the ack. Target: p99 under 50 ms.
func BenchmarkSocketModeAck(b *testing.B) {
	w := newWorld(b)
	w.command(b, "U1", "/community", "create Testers")
	wait, stop := context.WithTimeout(w.ctx, 10*time.Minute)
	defer stop()
	tick := time.NewTicker(time.Second / 200)
	defer tick.Stop()
	type sent struct {
		id string
		at time.Time
	}
	var out []sent
	b.ResetTimer()
	for range b.N {
		<-tick.C
		id, err := w.fs.Send("slash_commands", w.fs.SlashCommand("U2", "C1", "/community", "show Testers"))
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, sent{id, time.Now()})
	}
	for _, s := range out {
		if _, err := w.fs.WaitAck(wait, s.id); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	acked := map[string]time.Time{}
	for _, a := range w.fs.Acks() {
		acked[a.EnvelopeID] = a.At
	}
	var lat []time.Duration
	for _, s := range out {
		lat = append(lat, acked[s.id].Sub(s.at))
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
}

// BenchmarkFanOut delivers a DM to each of 5,000 users through the
// outbox and the Slack Sender against fakeslack limited to 1,000
// messages a second (a burst of 100) and one a second per DM, with the
// runner paced at the same rate. The least time the fake's limits allow
// is (5,000 - 100) / 1,000 = 4.9 s. Target: within 5% of it.
func BenchmarkFanOut(b *testing.B) {
	const n, rate, burst = 5000, 1000, 100
	for range b.N {
		b.StopTimer()
		fs := fakeslack.New(fakeslack.Options{ChannelRate: 1, ChannelBurst: 1, WorkspaceRate: rate, WorkspaceBurst: burst})
		db := sqlite.NewDB(filepath.Join(b.TempDir(), "g.db"))
		db.Now = time.Now
		if err := db.Open(); err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		users := sqlite.NewUserService(db)
		var ms []*remind.Message
		for i := range n {
			id := fmt.Sprintf("U%05d", i)
			fs.AddUser(id, id, "")
			u, err := users.Resolve(ctx, &guild.User{Platform: slack.Platform, PlatformID: id, Name: id})
			if err != nil {
				b.Fatal(err)
			}
			ms = append(ms, &remind.Message{Key: "fan:" + id, Kind: "bench", To: u, Body: "What will you do differently?", DueAt: db.Now()})
		}
		outbox := sqlite.NewOutboxService(db, templates.Render)
		if err := outbox.Queue(ctx, ms); err != nil {
			b.Fatal(err)
		}
		api := goslack.New("xoxb-test", goslack.OptionAPIURL(fs.URL()))
		r := &remind.Runner{Outbox: outbox, Senders: map[string]remind.Sender{slack.Platform: &slack.Sender{API: api}}, Now: db.Now,
			Pace: wallPacer{}, Limit: remind.Limit{Rate: rate, Burst: burst, PerRecipient: 1, RecipientBurst: 1}}
		b.StartTimer()
		start := time.Now()
		sent := 0
		for sent < n {
			st, err := r.Tick(ctx)
			if err != nil {
				b.Fatal(err)
			}
			sent += st.Sent
			if st.Sent == 0 && st.Deferred == 0 {
				b.Fatalf("stuck at %d of %d", sent, n)
			}
		}
		took := time.Since(start)
		b.StopTimer()
		minimum := time.Duration(float64(n-burst) / rate * float64(time.Second))
		b.ReportMetric(took.Seconds(), "s")
		b.ReportMetric(100*(took.Seconds()/minimum.Seconds()-1), "%over-min")
		b.ReportMetric(float64(len(fs.Calls("chat.postMessage"))-n), "429s")
		db.Close()
		fs.Close()
	}
}
