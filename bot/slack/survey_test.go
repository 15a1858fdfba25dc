package slack_test

import (
	"context"
	"strings"
	"testing"
	"time"
)

// The survey's "Answer the survey" button opens the survey as a modal,
// with the event filled in, and a submitted modal is the answer.
func TestSurveyButtonOpensTheModal(t *testing.T) {
	w := newWorld(t)
	wait, stop := context.WithTimeout(w.ctx, 20*time.Second)
	defer stop()
	day := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	w.command(t, "U3", "/event", `create DevDay date=`+day+` start=09:00 end=17:00 tz=Europe/London rooms="Main:100"`)
	if got := w.command(t, "U1", "/event", "attend DevDay"); !strings.Contains(got, "You attend DevDay") {
		t.Fatalf("/event attend: %q", got)
	}
	if got := w.command(t, "U3", "/survey", "send DevDay"); !strings.Contains(got, "went out to 1 person") {
		t.Fatalf("/survey send: %q", got)
	}
	if _, err := w.runner.Tick(w.ctx); err != nil {
		t.Fatal(err)
	}
	dms := w.fs.Messages("U1")
	if len(dms) != 1 || !strings.Contains(dms[0].Text, "what will you do differently?") {
		t.Fatalf("ann's DMs = %+v, want the survey", dms)
	}
	p, err := w.fs.Press("U1", dms[0], "Answer the survey")
	if err != nil {
		t.Fatal(err)
	}
	id, err := w.fs.Send("interactive", p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.fs.WaitAck(wait, id); err != nil {
		t.Fatal(err)
	}
	calls, err := w.fs.WaitCalls(wait, "views.open", 1)
	if err != nil {
		t.Fatal(err)
	}
	if v := calls[0].Args["view"]; !strings.Contains(v, "What will you do differently?") || !strings.Contains(v, `"initial_value":"DevDay"`) {
		t.Fatalf("views.open view = %s, want the survey's modal with the event filled in", v)
	}
	sub, err := w.fs.ViewSubmission("U1", "guildhall:survey answer", map[string]string{
		"EVENT": "DevDay", "rating": "5", "different": "Pair on the flaky tests"})
	if err != nil {
		t.Fatal(err)
	}
	if id, err = w.fs.Send("interactive", sub); err != nil {
		t.Fatal(err)
	}
	if ack, err := w.fs.WaitAck(wait, id); err != nil || (len(ack) != 0 && string(ack) != "null") {
		t.Fatalf("submission ack = %s, %v, want the modal closed", ack, err)
	}
	if r, err := w.fs.WaitResponse(wait, p["response_url"].(string)); err != nil || !strings.Contains(r.Text, "Your answer to the survey of DevDay is in") {
		t.Fatalf("answer reply = %+v, %v", r, err)
	}
}
