package main_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot/discord/fakediscord"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// TestDiscordAnnouncementKilledMidwayDeliversExactlyOnce queues an
// announcement to each of 2,000 Discord members who agreed to direct
// messages, starts guildhall tick against fakediscord, kills it with
// SIGKILL once a third are out, restarts it after the lease, and checks
// that every member has exactly one message: the rows in flight at the
// kill are found in the DM's history, or sent again under the same nonce,
// which Discord creates once.
func TestDiscordAnnouncementKilledMidwayDeliversExactlyOnce(t *testing.T) {
	const n = 2000
	var mu sync.Mutex
	count := 0
	third := make(chan struct{})
	fs := fakediscord.New(fakediscord.Options{GlobalRate: 4000, GlobalBurst: 200, OnMessage: func(m fakediscord.Message) {
		mu.Lock()
		defer mu.Unlock()
		if count++; count == n/3 {
			close(third)
		}
	}})
	defer fs.Close()

	c := newCLI(t)
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	db := sqlite.NewDB(c.db)
	db.Now = guild.FixedClock(now)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	users := sqlite.NewUserService(db)
	yes := true
	var ms []*remind.Message
	for i := range n {
		id := fmt.Sprintf("14%016d", i)
		name := fmt.Sprintf("member%d", i)
		fs.AddUser(id, name)
		fs.AddMember(id)
		u, err := users.Resolve(ctx, &guild.User{Platform: "discord", PlatformID: id, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		if u, err = users.UpdateProfile(guild.NewContextWithUser(ctx, u), guild.Profile{DMs: &yes}); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, &remind.Message{Key: fmt.Sprintf("announce:1:%d", u.ID), Kind: "test", To: u,
			Body: "The schedule of Dev Day is out: /schedule show DevDay", DueAt: now})
	}
	if err := sqlite.NewOutboxService(db, templates.Render).Queue(ctx, ms); err != nil {
		t.Fatal(err)
	}
	db.Close()

	env := func(at time.Time) []string {
		return []string{"GUILDHALL_DB=" + c.db, "GUILDHALL_NOW=" + at.Format(time.RFC3339), "PATH=" + os.Getenv("PATH"),
			"GUILDHALL_TRANSCRIPT=" + c.db + ".transcript", "DISCORD_BOT_TOKEN=fake", "DISCORD_API_URL=" + fs.URL(),
			"DISCORD_DM_RATE=100000", "DISCORD_REQUEST_RATE=4000", "GUILDHALL_RATE=discord=3000", "GUILDHALL_RECIPIENT_RATE=discord=1"}
	}
	killMidway(t, env, now, third, "a third of the messages")
	for i := range n {
		id := fmt.Sprintf("14%016d", i)
		if got := fs.DMs(id); len(got) != 1 {
			t.Errorf("%s has %d messages, want exactly 1", id, len(got))
		}
	}
}
