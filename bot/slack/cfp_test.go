package slack_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A whole call for proposals through Socket Mode: an organiser sets up the
// event and the call by slash command, a speaker submits through the
// modal, the organiser decides and tells, the speaker's DM arrives with
// Confirm and Decline buttons, and Confirm confirms the talk.
func TestCFPThroughSocketMode(t *testing.T) {
	w := newWorld(t)
	wait, stop := context.WithTimeout(w.ctx, 20*time.Second)
	defer stop()
	day := time.Now().AddDate(0, 2, 0).Format(time.DateOnly)
	closes := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	for _, c := range []struct{ user, cmd, text, want string }{
		{"U3", "/event", `create DevDay date=` + day + ` start=09:00 end=17:00 tz=Europe/London rooms="Main:100"`, "DevDay is on"},
		{"U3", "/cfp", `open DevDay closes=` + closes + ` formats="talk:30, lightning:5"`, "open until"},
		{"U1", "/profile", "department=QA", "Profile saved"},
	} {
		if got := w.command(t, c.user, c.cmd, c.text); !strings.Contains(got, c.want) {
			t.Fatalf("%s %s: %q, want %q", c.cmd, c.text, got, c.want)
		}
	}

	// The speaker submits through the modal.
	cmd := w.fs.SlashCommand("U1", "C1", "/cfp", "submit")
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
	p, err := w.fs.ViewSubmission("U1", "guildhall:cfp submit", map[string]string{
		"EVENT": "DevDay", "title": "Testing in production", "format": "talk", "abstract": "How we test safely in prod."})
	if err != nil {
		t.Fatal(err)
	}
	if id, err = w.fs.Send("interactive", p); err != nil {
		t.Fatal(err)
	}
	if ack, err := w.fs.WaitAck(wait, id); err != nil || (len(ack) != 0 && string(ack) != "null") {
		t.Fatalf("submission ack = %s, %v, want the modal closed", ack, err)
	}
	if r, err := w.fs.WaitResponse(wait, cmd.ResponseURL); err != nil || !strings.Contains(r.Text, "Submitted as #1") {
		t.Fatalf("submission reply = %+v, %v", r, err)
	}

	// The organiser decides and tells; the outbox delivers the DM.
	w.command(t, "U3", "/cfp", "decide 1 accept")
	if got := w.command(t, "U3", "/cfp", "notify DevDay"); !strings.Contains(got, "1 accepted") {
		t.Fatalf("notify: %q", got)
	}
	if _, err := w.runner.Tick(w.ctx); err != nil {
		t.Fatal(err)
	}
	dms := w.fs.Messages("U1")
	if len(dms) != 1 || !strings.Contains(dms[0].Text, "is accepted for DevDay") {
		t.Fatalf("ann's DMs = %+v, want the acceptance", dms)
	}

	// Confirm, from the button.
	p, err = w.fs.Press("U1", dms[0], "Confirm")
	if err != nil {
		t.Fatal(err)
	}
	if id, err = w.fs.Send("interactive", p); err != nil {
		t.Fatal(err)
	}
	if _, err := w.fs.WaitAck(wait, id); err != nil {
		t.Fatal(err)
	}
	r, err := w.fs.WaitResponse(wait, p["response_url"].(string))
	if err != nil || !r.Replace || !strings.Contains(r.Text, "is accepted for DevDay") || !strings.Contains(strings.ToLower(r.Text), "confirm") {
		t.Fatalf("after Confirm: %+v, %v, want the message replaced with its text and the confirmation", r, err)
	}
	if got := w.command(t, "U1", "/cfp", "mine"); !strings.Contains(got, "confirmed") {
		t.Errorf("/cfp mine after Confirm: %q, want the talk confirmed", got)
	}
}
