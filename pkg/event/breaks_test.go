package event_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/event"
)

func eventDay(start, end int) *event.Event {
	return &event.Event{Name: "DevDay", Day: time.Date(2027, 3, 18, 0, 0, 0, 0, time.UTC), Start: start, End: end}
}

func TestDefaultBreaksAndSessions(t *testing.T) {
	full := eventDay(9*60, 17*60+30)
	got := full.DefaultBreaks()
	if len(got) != 3 || got[1].Name != "lunch" {
		t.Fatalf("DefaultBreaks of a full day = %v, want coffee, lunch, coffee", got)
	}
	want := [][2]int{{540, 630}, {645, 750}, {810, 900}, {915, 1050}}
	if s := event.Sessions(full, got); !reflect.DeepEqual(s, want) {
		t.Errorf("Sessions = %v, want %v", s, want)
	}
	morning := eventDay(9*60, 12*60)
	if b := morning.DefaultBreaks(); len(b) != 1 || b[0].Name != "coffee" {
		t.Errorf("DefaultBreaks of a morning = %v, want one coffee", b)
	}
}

func TestParseBreaks(t *testing.T) {
	e := eventDay(9*60, 17*60)
	b, err := event.ParseBreaks(e, "12:30-13:30 lunch, 10:30-10:45 coffee")
	if err != nil || len(b) != 2 || b[0].Name != "coffee" || b[1].String() != "12:30-13:30 lunch" {
		t.Fatalf("ParseBreaks = %v, %v, want coffee then lunch", b, err)
	}
	if b, err := event.ParseBreaks(e, "none"); err != nil || len(b) != 0 || b == nil {
		t.Errorf("ParseBreaks(none) = %#v, %v, want an empty list", b, err)
	}
	for _, tt := range []struct{ in, want string }{
		{"lunch", "is not a break"},
		{"13:30-12:30 lunch", "ends before it starts"},
		{"08:00-09:30 breakfast", "not inside the day"},
		{"12:00-13:00 lunch, 12:30-12:45 coffee", "overlaps"},
		{"12:00-1300 lunch", "HH:MM"},
	} {
		_, err := event.ParseBreaks(e, tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseBreaks(%q) = %v, want an error containing %q", tt.in, err, tt.want)
		}
	}
}
