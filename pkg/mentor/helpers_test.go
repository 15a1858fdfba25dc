package mentor_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones load even where the system has no zoneinfo

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

func loadLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%s) error = %v", name, err)
	}
	return loc
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// conf returns an event on the given day, starting at start minutes after
// midnight in tz.
func conf(day time.Time, start int, tz string) *event.Event {
	return &event.Event{ID: 1, Name: "DevDay", Day: day, Start: start, End: 17 * 60, TZ: tz}
}

// checkFieldError checks that err is an EINVALID *guild.Error blaming
// field, whose message is a full sentence containing want.
func checkFieldError(t *testing.T, call string, err error, field, want string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s error = nil, want an error blaming %s", call, field)
		return
	}
	if got := guild.ErrorCode(err); got != guild.EINVALID {
		t.Errorf("%s error code = %q, want %q", call, got, guild.EINVALID)
	}
	if got := guild.ErrorField(err); got != field {
		t.Errorf("%s error field = %q, want %q", call, got, field)
	}
	msg := guild.ErrorMessage(err)
	if !strings.Contains(msg, want) {
		t.Errorf("%s error message = %q, want it to contain %q", call, msg, want)
	}
	if !strings.HasSuffix(msg, ".") {
		t.Errorf("%s error message = %q, want a full sentence ending in a full stop", call, msg)
	}
}
