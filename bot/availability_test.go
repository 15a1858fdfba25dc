package bot_test

import "testing"

func TestCFPAvailableAndInterest(t *testing.T) {
	e := openDevDay(t, "ann", "sam")
	e.do("ann", `/cfp submit DevDay title="Testing in production" format=talk abstract="How."`)
	contains(t, "/cfp available", e.do("ann", `/cfp available 1 "09:00-12:00, 14:00-17:00"`).Text, "can be given 09:00-12:00, 14:00-17:00")
	contains(t, "/cfp available any", e.do("olga", `/cfp available #1 any`).Text, "can be given any time")
	tests := []struct {
		user, line string
		wants      []string
	}{
		{"ann", `/cfp available 1 "12:00-09:00"`, []string{"ends before it starts"}},
		{"ann", `/cfp available 1 "07:00-08:00"`, []string{"outside DevDay's day, 09:00-17:30"}},
		{"ann", `/cfp available 1 "09:00-09:20"`, []string{"long enough for a 30-minute talk"}},
		{"ann", `/cfp available 1 "soon"`, []string{"not a time range"}},
		{"sam", `/cfp available 1 "09:00-12:00"`, []string{"#1"}},
		{"ann", "/cfp interest 1", []string{"You speak in #1"}},
		{"sam", "/cfp interest 1", []string{"no submission #1 that you can see"}},
	}
	for _, tt := range tests {
		e.refuse(tt.user, tt.line, tt.wants...)
	}
	e.do("olga", "/cfp decide 1 accept")
	e.do("olga", "/cfp notify DevDay")
	contains(t, "/cfp interest", e.do("sam", "/cfp interest 1").Text, "Noted: you want to hear #1", "1 person wants to hear it")
	contains(t, "/cfp interest again", e.do("sam", "/cfp interest 1").Text, "You are already down for #1")
	contains(t, "/cfp interest by olga", e.do("olga", "/cfp interest 1").Text, "2 people want to hear it")
	contains(t, "/cfp interest remove", e.do("sam", "/cfp interest 1 remove=yes").Text, "no longer down for #1", "1 person wants")
}

func TestEventBreaks(t *testing.T) {
	e := openDevDay(t)
	contains(t, "/event breaks", e.do("ann", "/event breaks DevDay").Text, "with 3 breaks, the defaults", "12:30-13:30  lunch")
	e.refuse("ann", `/event breaks DevDay at="12:00-13:00 lunch"`, "Only organisers set an event's breaks")
	e.refuse("olga", `/event breaks DevDay at="12:00-11:00 lunch"`, "ends before it starts")
	contains(t, "/event breaks at=", e.do("olga", `/event breaks DevDay at="12:00-13:00 lunch"`).Text, "✓ DevDay runs 09:00-17:30", "with 1 break:", "2 sessions: 09:00-12:00, 13:00-17:30")
	contains(t, "/event breaks at=default", e.do("olga", `/event breaks DevDay at=default`).Text, "the defaults")
}
