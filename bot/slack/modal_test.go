package slack_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A command given without its arguments opens a modal; a submission the
// bot refuses comes back with the error on its field and the values kept;
// a good one closes the modal and the reply reaches the person.
func TestModalSubmitAndInlineErrors(t *testing.T) {
	w := newWorld(t)
	wait, stop := context.WithTimeout(w.ctx, 10*time.Second)
	defer stop()
	cmd := w.fs.SlashCommand("U1", "C1", "/community", "create")
	id, err := w.fs.Send("slash_commands", cmd)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.fs.WaitAck(wait, id); err != nil {
		t.Fatal(err)
	}
	if _, err := w.fs.WaitCalls(wait, "views.open", 1); err != nil {
		t.Fatal(err)
	}

	submit := func(values map[string]string) json.RawMessage {
		t.Helper()
		p, err := w.fs.ViewSubmission("U1", "guildhall:community create", values)
		if err != nil {
			t.Fatal(err)
		}
		id, err := w.fs.Send("interactive", p)
		if err != nil {
			t.Fatal(err)
		}
		ack, err := w.fs.WaitAck(wait, id)
		if err != nil {
			t.Fatal(err)
		}
		return ack
	}
	long := strings.Repeat("x", 81)
	ack := submit(map[string]string{"NAME": long, "about": "We test"})
	var bad struct {
		ResponseAction string            `json:"response_action"`
		Errors         map[string]string `json:"errors"`
	}
	if err := json.Unmarshal(ack, &bad); err != nil || bad.ResponseAction != "errors" || !strings.Contains(bad.Errors["NAME"], "limit") {
		t.Fatalf("ack of a too-long name = %s, want response_action errors with the NAME field's error", ack)
	}
	if ack := submit(map[string]string{"NAME": "Testers", "about": "We test"}); len(ack) != 0 && string(ack) != "null" {
		t.Errorf("ack of a good submission = %s, want an empty ack that closes the modal", ack)
	}
	r, err := w.fs.WaitResponse(wait, cmd.ResponseURL)
	if err != nil || !strings.Contains(r.Text, "Created the community Testers") {
		t.Fatalf("reply = %+v, %v, want the community created", r, err)
	}
}
