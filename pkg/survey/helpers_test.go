package survey_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones load even where the system has no zoneinfo

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// devDay is an event on Wednesday 15 April 2026 from 09:00 to 17:00 in tz.
func devDay(tz string) *event.Event {
	return &event.Event{ID: 1, Name: "DevDay", Day: time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC), Start: 9 * 60, End: 17 * 60, TZ: tz}
}

var (
	ann  = &guild.User{ID: 1, Name: "ann"}
	ben  = &guild.User{ID: 2, Name: "ben"}
	cat  = &guild.User{ID: 3, Name: "cat"}
	olga = &guild.User{ID: 9, Name: "olga", Organiser: true}
)

// lineUp is DevDay's talks: #11 by Ann, #12 by Ben and Cat, #13 by Cat.
func lineUp() []survey.Talk {
	return []survey.Talk{
		{ID: 11, Title: "Trunk-based development", Speakers: []*guild.User{ann}},
		{ID: 12, Title: "Testing in production", Speakers: []*guild.User{ben, cat}},
		{ID: 13, Title: "Mob programming", Speakers: []*guild.User{cat}},
	}
}

// sent is DevDay's survey, sent by itself at 17:00 UTC with 10
// recipients.
func sent(anonymous bool) *survey.Survey {
	s := survey.New(devDay(""))
	s.ID, s.Anonymous, s.Recipients = 7, anonymous, 10
	s.Send(s.DueAt(), nil)
	return s
}

// checkError checks that err is a *guild.Error with code and field, whose
// message is a full sentence containing every one of want.
func checkError(t *testing.T, call string, err error, code, field string, want ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s error = nil, want a %s error", call, code)
		return
	}
	if got := guild.ErrorCode(err); got != code {
		t.Errorf("%s error code = %q (%v), want %q", call, got, err, code)
	}
	if got := guild.ErrorField(err); got != field {
		t.Errorf("%s error field = %q, want %q", call, got, field)
	}
	msg := guild.ErrorMessage(err)
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%s error message = %q, want it to contain %q", call, msg, w)
		}
	}
	if !strings.HasSuffix(msg, ".") {
		t.Errorf("%s error message = %q, want a full sentence ending in a full stop", call, msg)
	}
}
