package slack_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// appHomeOpened is the Events API callback Slack sends when user opens
// the app's Home tab.
func appHomeOpened(eventID, user string) map[string]any {
	return map[string]any{"type": "event_callback", "team_id": "T0GUILD", "api_app_id": "A0GUILD", "event_id": eventID,
		"event_time": 1764000000, "event": map[string]any{"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}}
}

// The same event delivered three times (Slack retries) is handled once:
// one App Home published, showing the person's talks and communities.
func TestAppHomeOnceForARedeliveredEvent(t *testing.T) {
	w := newWorld(t)
	w.command(t, "U1", "/community", "create Testers")
	wait, stop := context.WithTimeout(w.ctx, 10*time.Second)
	defer stop()
	for range 3 {
		id, err := w.fs.Send("events_api", appHomeOpened("Ev0HOME1", "U1"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.fs.WaitAck(wait, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.fs.WaitCalls(wait, "views.publish", 1); err != nil {
		t.Fatal(err)
	}
	w.stop() // lets every handler finish
	calls := w.fs.Calls("views.publish")
	if len(calls) != 1 {
		t.Fatalf("views.publish called %d times for one event delivered three times, want 1", len(calls))
	}
	var view struct {
		Type   string `json:"type"`
		Blocks []struct {
			Text struct{ Text string } `json:"text"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(w.fs.Home("U1"), &view); err != nil || view.Type != "home" {
		t.Fatalf("App Home = %s, %v, want a home view", w.fs.Home("U1"), err)
	}
	var text []string
	for _, b := range view.Blocks {
		text = append(text, b.Text.Text)
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"*Your talks*", "You have not proposed a talk yet", "*Your communities*", "• Testers (potential)"} {
		if !strings.Contains(all, want) {
			t.Errorf("App Home:\n%s\nwant it to contain %q", all, want)
		}
	}
}
