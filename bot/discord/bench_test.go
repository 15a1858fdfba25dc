package discord_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot/discord/fakediscord"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

// BenchmarkInteractions sends b.N slash commands over the gateway at 200 a
// second (a mix: /help, /community list, /community show, /profile) and
// measures the time from the dispatch to the bot's answer reaching the
// fake, whose p50 and p99 it reports.
func BenchmarkInteractions(b *testing.B) {
	w := newWorld(b, fakediscord.Options{})
	w.run(b, w.fs.SlashCommand(olga, general, "community", sub("create", str("name", "Testers"), str("about", "People who test"))))
	mix := []func() *discordgo.Interaction{
		func() *discordgo.Interaction { return w.fs.SlashCommand(ann, general, "help") },
		func() *discordgo.Interaction { return w.fs.SlashCommand(sam, general, "community", sub("list")) },
		func() *discordgo.Interaction {
			return w.fs.SlashCommand(ann, general, "community", sub("show", str("name", "Testers")))
		},
		func() *discordgo.Interaction { return w.fs.SlashCommand(sam, general, "profile") },
	}
	is := make([]*discordgo.Interaction, b.N)
	sent := make([]time.Time, b.N)
	tick := time.NewTicker(time.Second / 200)
	defer tick.Stop()
	b.ResetTimer()
	for n := range is {
		<-tick.C
		// Made as it is sent: Discord refuses an answer more than three
		// seconds after an interaction was made.
		is[n] = mix[n%len(mix)]()
		sent[n] = time.Now()
		if err := w.fs.Interact(is[n]); err != nil {
			b.Fatal(err)
		}
	}
	wait, stop := context.WithTimeout(w.ctx, time.Minute)
	defer stop()
	lat := make([]time.Duration, b.N)
	for n, i := range is {
		cb, err := w.fs.WaitResponse(wait, i.ID)
		if err != nil {
			b.Fatal(err)
		}
		lat[n] = cb.At.Sub(sent[n])
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "ms-p99")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "interactions/s")
}

// BenchmarkFanOut delivers b.N direct messages to members who agreed,
// each to open, through the runner and the Sender, against a fake that
// takes 50 requests a second in all, and reports the requests a second
// achieved and the 429s met.
func BenchmarkFanOut(b *testing.B) {
	w := newWorld(b, fakediscord.Options{GlobalRate: 50, GlobalBurst: 50})
	w.sender.RequestRate = 50
	ctx := context.Background()
	yes := true
	var ms []*remind.Message
	for n := range b.N {
		id := fmt.Sprintf("15%016d", n)
		w.fs.AddUser(id, fmt.Sprintf("m%d", n))
		w.fs.AddMember(id)
		u, err := w.users.Resolve(ctx, &guild.User{Platform: "discord", PlatformID: id, Name: fmt.Sprintf("m%d", n)})
		if err != nil {
			b.Fatal(err)
		}
		if u, err = w.users.UpdateProfile(guild.NewContextWithUser(ctx, u), guild.Profile{DMs: &yes}); err != nil {
			b.Fatal(err)
		}
		ms = append(ms, &remind.Message{Key: fmt.Sprintf("fan:%d", n), Kind: "test", To: u, Body: "The schedule is out.", DueAt: time.Now()})
	}
	if err := w.outbox.Queue(ctx, ms); err != nil {
		b.Fatal(err)
	}
	w.runner.Limits = map[string]remind.Limit{"discord": {Rate: 1000}}
	before := len(w.fs.Calls(""))
	b.ResetTimer()
	start := time.Now()
	sent := 0
	for sent < b.N {
		st, err := w.runner.Tick(ctx)
		if err != nil {
			b.Fatal(err)
		}
		sent += st.Sent
		if st.Sent == 0 && st.Deferred == 0 {
			b.Fatalf("a round sent nothing: %+v", st)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	calls := w.fs.Calls("")[before:]
	limited := 0
	for _, c := range calls {
		if c.Status == 429 {
			limited++
		}
	}
	b.ReportMetric(float64(len(calls))/elapsed.Seconds(), "requests/s")
	b.ReportMetric(float64(limited), "429s")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "messages/s")
}
