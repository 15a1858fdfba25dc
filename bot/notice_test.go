package bot_test

import (
	"context"
	"testing"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/sqlite"
	"github.com/guildhall/guildhall/templates"
)

// With an outbox, the notices a command causes go to it, under a key made
// from the message they answer, instead of back to the adapter.
func TestNoticesGoToTheOutbox(t *testing.T) {
	e := newEnv(t)
	outbox := sqlite.NewOutboxService(e.db, templates.Render)
	e.bot.Outbox = outbox
	e.do("alice", "/community create Testers")
	r := e.bot.Handle(context.Background(), bot.Message{ID: "M1", From: console.Identity("bob"), Text: "/community join Testers"})
	if r.Refused || len(r.Notices) != 0 {
		t.Fatalf("join = %+v, want success with the notice queued, not returned", r)
	}
	ms, err := outbox.Due(context.Background(), now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Key != "notice:console:M1:0" || ms[0].To == nil || ms[0].To.Name != "alice" {
		t.Fatalf("outbox = %+v, want one notice to alice keyed notice:console:M1:0", ms)
	}
	contains(t, "the queued notice", ms[0].Body, "@bob joined Testers")
}
