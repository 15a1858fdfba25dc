package console_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

func TestSenderSkipsKeysInTheTranscript(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.jsonl")
	tr, err := console.OpenTranscript(path)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	s := &console.Sender{Out: &out, Transcript: tr, Now: guild.FixedClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))}
	ann := &guild.User{Platform: guild.PlatformConsole, PlatformID: "ann", Name: "ann"}
	ctx := context.Background()
	m := &remind.Message{Key: "k1", To: ann, Body: "Hello\nthere"}
	if err := s.Send(ctx, m); err != nil {
		t.Fatal(err)
	}
	if done, err := s.Delivered(ctx, m); err != nil || !done {
		t.Errorf("Delivered(k1) = %v, %v, want true", done, err)
	}
	if err := s.Send(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "→ @ann (direct message):\n    Hello\n    there\n"; got != want {
		t.Errorf("printed %q, want %q (once)", got, want)
	}
	if err := s.Send(ctx, &remind.Message{Key: "k2", Channel: "general", Body: "Hi all"}); err != nil {
		t.Fatal(err)
	}
	tr.Close()

	// A record cut off by a crash is skipped, and the next one stays whole.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"key":"k3","at":"2026-11-24T09:00:00Z","to":"@a`)
	f.Close()
	tr, err = console.OpenTranscript(path)
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	if has, _ := tr.Has("k3"); has {
		t.Error("Has(k3) = true for a cut-off record, want false")
	}
	if fresh, err := tr.Append(console.Record{Key: "k4", To: "@ann", Body: "x"}); err != nil || !fresh {
		t.Errorf("Append(k4) = %v, %v, want true", fresh, err)
	}
	if fresh, _ := tr.Append(console.Record{Key: "k1"}); fresh {
		t.Error("Append(k1) again = true, want false: the key is there")
	}
	f2, _ := os.Open(path)
	defer f2.Close()
	rs, err := console.ReadTranscript(f2)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range rs {
		keys = append(keys, r.Key)
	}
	if got := strings.Join(keys, ","); got != "k1,k2,k4" {
		t.Errorf("transcript keys = %s, want k1,k2,k4", got)
	}
	if rs[1].To != "#general" {
		t.Errorf("channel record to %q, want #general", rs[1].To)
	}
}
