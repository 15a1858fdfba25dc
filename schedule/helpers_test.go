package schedule_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
)

// small returns a hand-made instance: two rooms, a morning of slots.
//
//	Main (100): 09:00–09:30, 09:30–10:00, 10:00–11:00
//	Lab  (30):  09:00–10:00, 10:00–10:30, 10:30–11:00
func small(talks ...schedule.Talk) *schedule.Instance {
	return &schedule.Instance{
		Rooms: []schedule.Room{{Name: "Main", Capacity: 100}, {Name: "Lab", Capacity: 30}},
		Slots: []schedule.Slot{
			{Room: "Main", Start: 540, Minutes: 30}, // 0
			{Room: "Main", Start: 570, Minutes: 30}, // 1
			{Room: "Main", Start: 600, Minutes: 60}, // 2
			{Room: "Lab", Start: 540, Minutes: 60},  // 3
			{Room: "Lab", Start: 600, Minutes: 30},  // 4
			{Room: "Lab", Start: 630, Minutes: 30},  // 5
		},
		Talks: talks,
	}
}

// talk returns a 30-minute talk with the given speakers.
func talk(id, audience int, speakers ...string) schedule.Talk {
	return schedule.Talk{ID: id, Minutes: 30, Audience: audience, Speakers: speakers}
}

// mustSolve solves in and fails the test unless the result is valid by
// Check.
func mustSolve(t *testing.T, in *schedule.Instance, opts schedule.Options) *schedule.Result {
	t.Helper()
	res, err := schedule.Solve(in, opts)
	if err != nil {
		t.Fatalf("Solve: got error %q, want a schedule", guild.ErrorMessage(err))
	}
	mustBeValid(t, in, res)
	return res
}

// mustBeValid fails the test when Check finds a violation in res or res
// says otherwise.
func mustBeValid(t *testing.T, in *schedule.Instance, res *schedule.Result) {
	t.Helper()
	if v := schedule.Check(in, res.Solution); v.Total() != 0 {
		t.Fatalf("Check: got %d violations %v, want 0", v.Total(), v.Details)
	}
	if !res.Valid {
		t.Fatalf("Result.Valid: got false, want true")
	}
	if got, want := res.Score, schedule.Evaluate(in, res.Solution); got != want {
		t.Fatalf("Result.Score: got %+v, want Evaluate's %+v", got, want)
	}
}

// wantMessage fails unless err is a guild EINVALID error whose message
// contains every part of want.
func wantMessage(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one saying %q", want)
	}
	if code := guild.ErrorCode(err); code != guild.EINVALID {
		t.Errorf("error code: got %q, want %q", code, guild.EINVALID)
	}
	msg := guild.ErrorMessage(err)
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error message: got %q, want it to contain %q", msg, w)
		}
	}
}

// slotOf returns the slot an assignment names.
func slotOf(t *testing.T, in *schedule.Instance, sol schedule.Solution, id int) schedule.Slot {
	t.Helper()
	a, ok := sol.Of(id)
	if !ok {
		t.Fatalf("talk %d: got no assignment, want one", id)
	}
	i, ok := in.SlotAt(a.Room, a.Start)
	if !ok {
		t.Fatalf("talk %d: got %s at %d, want a slot", id, a.Room, a.Start)
	}
	return in.Slots[i]
}
