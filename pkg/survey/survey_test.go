package survey_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

func TestNewSurveyDefaults(t *testing.T) {
	tests := []struct {
		tz   string
		want time.Time
	}{
		{"", time.Date(2026, 4, 15, 17, 0, 0, 0, time.UTC)},
		{"Europe/Paris", time.Date(2026, 4, 15, 15, 0, 0, 0, time.UTC)}, // CEST, UTC+2
		{"America/New_York", time.Date(2026, 4, 15, 21, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		s := survey.New(devDay(tt.tz))
		if !s.SendAt.Equal(tt.want) || !s.DueAt().Equal(tt.want) {
			t.Errorf("%q: SendAt = %v, DueAt = %v, want %v (the event's end)", tt.tz, s.SendAt, s.DueAt(), tt.want)
		}
		if s.Kind != survey.KindEvent || s.State != survey.Scheduled || s.Anonymous || s.Delay != 0 || s.Sent() {
			t.Errorf("%q: New = {kind %s, state %s, anonymous %t, delay %s, sent %t}, want an event survey, scheduled, named, no delay, not sent",
				tt.tz, s.Kind, s.State, s.Anonymous, s.Delay, s.Sent())
		}
		if s.RemindAfter != 48*time.Hour || s.CloseAfter != 7*24*time.Hour {
			t.Errorf("%q: RemindAfter, CloseAfter = %s, %s, want 48h, 168h", tt.tz, s.RemindAfter, s.CloseAfter)
		}
		if s.Name() != "DevDay" {
			t.Errorf("Name() = %q, want DevDay", s.Name())
		}
	}
}

func TestSurveySendAndState(t *testing.T) {
	s := survey.New(devDay(""))
	s.Delay = time.Hour
	at := s.DueAt()
	if want := time.Date(2026, 4, 15, 18, 0, 0, 0, time.UTC); !at.Equal(want) {
		t.Fatalf("DueAt with a 1h delay = %v, want %v", at, want)
	}
	if got := s.StateAt(at.Add(24 * time.Hour)); got != survey.Scheduled {
		t.Errorf("StateAt before sending = %s, want scheduled", got)
	}
	s.Send(at, olga)
	if !s.Sent() || s.State != survey.Open || s.SentBy != olga {
		t.Errorf("after Send: sent %t, state %s, by %v, want sent, open, by olga", s.Sent(), s.State, s.SentBy)
	}
	if want := at.Add(48 * time.Hour); !s.RemindAt.Equal(want) {
		t.Errorf("RemindAt = %v, want %v", s.RemindAt, want)
	}
	if want := at.Add(7 * 24 * time.Hour); !s.ClosesAt.Equal(want) {
		t.Errorf("ClosesAt = %v, want %v", s.ClosesAt, want)
	}
	tests := []struct {
		name string
		now  time.Time
		want survey.State
	}{
		{"as it goes out", at, survey.Open},
		{"a second before closing", s.ClosesAt.Add(-time.Second), survey.Open},
		{"at closing, not yet recorded", s.ClosesAt, survey.Closed},
		{"a week after", s.ClosesAt.Add(7 * 24 * time.Hour), survey.Closed},
	}
	for _, tt := range tests {
		if got := s.StateAt(tt.now); got != tt.want {
			t.Errorf("%s: StateAt(%v) = %s, want %s", tt.name, tt.now, got, tt.want)
		}
	}
	s.State = survey.Closed
	if got := s.StateAt(at); got != survey.Closed {
		t.Errorf("StateAt once closed = %s, want closed", got)
	}
}

func TestSurveyChecks(t *testing.T) {
	paris := time.FixedZone("CEST", 2*60*60)
	scheduled := survey.New(devDay(""))
	byHand := sent(false)
	byHand.SentBy = olga
	auto := sent(false)
	tests := []struct {
		name       string
		err        error
		code, want string
	}{
		{"send a scheduled survey", scheduled.CheckSend(time.UTC), "", ""},
		{"send one sent by hand", byHand.CheckSend(time.UTC), guild.ECONFLICT, "went out already, on Wed 15 Apr 2026, 17:00 UTC, by @olga"},
		{"send one that went by itself", auto.CheckSend(paris), guild.ECONFLICT, "went out already, on Wed 15 Apr 2026, 19:00 CEST, by itself when DevDay ended"},
		{"change a scheduled survey", scheduled.CheckChange(time.UTC), "", ""},
		{"change a sent survey", auto.CheckChange(time.UTC), guild.ECONFLICT, "settings can no longer change"},
		{"answer before it goes out", scheduled.CheckAnswer(scheduled.SendAt.Add(-time.Minute), time.UTC), guild.ECONFLICT,
			"has not gone out yet: it goes out on Wed 15 Apr 2026, 17:00 UTC"},
		{"answer while open", auto.CheckAnswer(auto.SentAt.Add(time.Hour), time.UTC), "", ""},
		{"answer after closing", auto.CheckAnswer(auto.ClosesAt, time.UTC), guild.ECONFLICT, "closed on Wed 22 Apr 2026, 17:00 UTC"},
	}
	for _, tt := range tests {
		if tt.code == "" {
			if tt.err != nil {
				t.Errorf("%s: error = %v, want nil", tt.name, tt.err)
			}
			continue
		}
		checkError(t, tt.name, tt.err, tt.code, "", tt.want)
	}
}
