package main_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot/slack/fakeslack"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// TestSlackFanOutKilledMidwayDeliversExactlyOnce queues a DM to each of
// 5,000 Slack users (a survey, say), starts guildhall tick against
// fakeslack, kills it with SIGKILL once a fifth are out, restarts it after
// the lease, and checks that every user has exactly one message: the rows
// in flight at the kill are found in the DM's history by their metadata
// key and not sent again.
func TestSlackFanOutKilledMidwayDeliversExactlyOnce(t *testing.T) {
	const n = 5000
	var mu sync.Mutex
	count := 0
	fifth := make(chan struct{})
	fs := fakeslack.New(fakeslack.Options{ChannelRate: 1, ChannelBurst: 1, WorkspaceRate: 5000, WorkspaceBurst: 500,
		OnMessage: func(fakeslack.Message) {
			mu.Lock()
			defer mu.Unlock()
			if count++; count == n/5 {
				close(fifth)
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
	var ms []*remind.Message
	for i := range n {
		id := fmt.Sprintf("U%05d", i)
		fs.AddUser(id, fmt.Sprintf("member%d", i), "")
		u, err := users.Resolve(ctx, &guild.User{Platform: "slack", PlatformID: id, Name: fmt.Sprintf("member%d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, &remind.Message{Key: fmt.Sprintf("survey:1:%d", u.ID), Kind: "test", To: u,
			Body: "How was Dev Day? What will you do differently?", DueAt: now})
	}
	if err := sqlite.NewOutboxService(db, templates.Render).Queue(ctx, ms); err != nil {
		t.Fatal(err)
	}
	db.Close()

	env := func(at time.Time) []string {
		return []string{"GUILDHALL_DB=" + c.db, "GUILDHALL_NOW=" + at.Format(time.RFC3339), "PATH=" + os.Getenv("PATH"),
			"GUILDHALL_TRANSCRIPT=" + c.db + ".transcript", "SLACK_BOT_TOKEN=xoxb-fake", "SLACK_API_URL=" + fs.URL(),
			"GUILDHALL_RATE=slack=2000", "GUILDHALL_RECIPIENT_RATE=slack=1"}
	}
	killMidway(t, env, now, fifth, "a fifth of the messages")

	all := fs.AllMessages()
	for i := range n {
		id := fmt.Sprintf("D%05d", i)
		if got := len(all[id]); got != 1 {
			t.Errorf("U%05d has %d messages, want exactly 1", i, got)
		}
	}
	if calls := fs.Calls("chat.postMessage"); len(calls) < n {
		t.Errorf("chat.postMessage calls = %d, want at least %d", len(calls), n)
	}
}
