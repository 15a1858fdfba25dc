package slack_test

import (
	"context"
	"errors"
	"testing"

	goslack "github.com/slack-go/slack"

	"github.com/guildhall/guildhall/bot/slack"
	"github.com/guildhall/guildhall/bot/slack/fakeslack"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

func TestSender(t *testing.T) {
	fs := fakeslack.New(fakeslack.Options{ChannelRate: 1, ChannelBurst: 1})
	defer fs.Close()
	fs.AddUser("U1", "ann", "")
	s := &slack.Sender{API: goslack.New("xoxb-test", goslack.OptionAPIURL(fs.URL()))}
	ctx := context.Background()
	ann := &guild.User{Platform: "slack", PlatformID: "U1", Name: "ann"}
	m := &remind.Message{Key: "cfp:1:accepted:7", To: ann, Body: "Your talk is in"}

	if done, err := s.Delivered(ctx, m); err != nil || done {
		t.Fatalf("Delivered before sending = %v, %v, want false", done, err)
	}
	if err := s.Send(ctx, m); err != nil {
		t.Fatal(err)
	}
	if got := fs.Messages("U1"); len(got) != 1 || got[0].Metadata.EventPayload["key"] != m.Key {
		t.Fatalf("the fake saw %+v, want one message carrying key %s", got, m.Key)
	}
	if done, err := s.Delivered(ctx, m); err != nil || !done {
		t.Errorf("Delivered after sending = %v, %v, want true", done, err)
	}

	// Within the second: Slack's 429 becomes the runner's rate limit.
	err := s.Send(ctx, &remind.Message{Key: "k2", To: ann, Body: "again"})
	var rl *remind.RateLimitError
	if !errors.As(err, &rl) || rl.After <= 0 {
		t.Errorf("a second message within the second = %v, want a RateLimitError with Retry-After", err)
	}
	// A user who is not there: no retry can mend it.
	err = s.Send(ctx, &remind.Message{Key: "k3", To: &guild.User{Platform: "slack", PlatformID: "U9"}, Body: "hello"})
	if !remind.IsPermanent(err) {
		t.Errorf("a message to a missing user = %v, want a permanent error", err)
	}
}
