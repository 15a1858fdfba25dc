package schedule_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/schedule"
)

func TestValidateRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *schedule.Instance)
		want   string
	}{
		{"room without a name", func(in *schedule.Instance) { in.Rooms[1].Name = "" }, "Room 1 has no name."},
		{"room twice", func(in *schedule.Instance) { in.Rooms[1].Name = "Main" }, `Room "Main" is listed twice.`},
		{"negative capacity", func(in *schedule.Instance) { in.Rooms[1].Capacity = -1 }, `Room "Lab" has capacity -1; give 0 to 1000000.`},
		{"unknown room", func(in *schedule.Instance) { in.Slots[2].Room = "Hall" }, `Slot 2 names room "Hall", which is not in the rooms list.`},
		{"slot without minutes", func(in *schedule.Instance) { in.Slots[0].Minutes = 0 }, "Slot 0 (Main at 09:00) has 0 minutes; a slot needs a positive length."},
		{"negative start", func(in *schedule.Instance) { in.Slots[0].Start = -30 }, "Slot 0 (Main) starts at minute -30"},
		{"slot twice", func(in *schedule.Instance) { in.Slots[1].Start = 540 }, "Slots 0 and 1 are both Main at 09:00."},
		{"slots overlap in a room", func(in *schedule.Instance) { in.Slots[1].Start = 555 }, "Slots 0 (09:00–09:30) and 1 (09:15–09:45) overlap in room Main."},
		{"talk twice", func(in *schedule.Instance) { in.Talks[1].ID = 1 }, "Talk 1 is listed twice."},
		{"negative minutes", func(in *schedule.Instance) { in.Talks[0].Minutes = -5 }, "Talk 1 has -5 minutes; a talk needs a positive length."},
		{"zero minutes", func(in *schedule.Instance) { in.Talks[0].Minutes = 0 }, "Talk 1 has 0 minutes"},
		{"negative audience", func(in *schedule.Instance) { in.Talks[0].Audience = -1 }, "Talk 1 has audience -1; give 0 to 1000000."},
		{"unknown kind", func(in *schedule.Instance) { in.Talks[0].Kind = "keynote" }, `Talk 1 has kind "keynote"; use talk, lightning, game or social.`},
		{"nameless speaker", func(in *schedule.Instance) { in.Talks[0].Speakers = []string{""} }, "Talk 1 has a speaker with no name."},
		{"speaker twice", func(in *schedule.Instance) { in.Talks[0].Speakers = []string{"ann", "ann"} }, "Talk 1 lists speaker ann twice."},
		{"unavailable out of range", func(in *schedule.Instance) { in.Talks[0].Unavailable = []int{6} }, "Talk 1 lists slot 6 as unavailable, but slots are numbered 0 to 5."},
		{"unavailable negative", func(in *schedule.Instance) { in.Talks[0].Unavailable = []int{-1} }, "Talk 1 lists slot -1 as unavailable"},
		{"not_with unknown talk", func(in *schedule.Instance) { in.Talks[0].NotWith = []int{9} }, "Talk 1's not_with names talk 9, which is not in the talks list."},
		{"not_with itself", func(in *schedule.Instance) { in.Talks[0].NotWith = []int{1} }, "Talk 1 lists itself in not_with."},
		{"negative weight", func(in *schedule.Instance) { in.Weights.TagParallel = -1 }, "Weight tag_parallel is -1; give 0 to 1000."},
		{"huge weight", func(in *schedule.Instance) { in.Weights.FirstTimeLast = 1001 }, "Weight first_time_last is 1001; give 0 to 1000."},
		{"huge audience", func(in *schedule.Instance) { in.Talks[1].Audience = 2_000_000 }, "Talk 2 has audience 2000000; give 0 to 1000000."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := small(talk(1, 10, "ann"), talk(2, 10, "sam"))
			if err := in.Validate(); err != nil {
				t.Fatalf("Validate before the change: got %v, want nil", err)
			}
			tt.change(in)
			wantMessage(t, in.Validate(), tt.want)
			_, err := schedule.Solve(in, schedule.Options{})
			wantMessage(t, err, tt.want)
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   *schedule.Instance
	}{
		{"empty", &schedule.Instance{}},
		{"rooms and slots, no talks", small()},
		{"kinds", small(schedule.Talk{ID: 1, Minutes: 5, Kind: schedule.KindLightning}, schedule.Talk{ID: 2, Minutes: 60, Kind: schedule.KindGame},
			schedule.Talk{ID: 3, Minutes: 30, Kind: schedule.KindSocial}, schedule.Talk{ID: 4, Minutes: 30, Kind: schedule.KindTalk})},
		{"touching slots", &schedule.Instance{Rooms: []schedule.Room{{Name: "A", Capacity: 1}},
			Slots: []schedule.Slot{{Room: "A", Start: 0, Minutes: 30}, {Room: "A", Start: 30, Minutes: 30}}}},
		{"zero capacity", &schedule.Instance{Rooms: []schedule.Room{{Name: "Closet", Capacity: 0}}}},
		{"not_with both ways", small(schedule.Talk{ID: 1, Minutes: 30, NotWith: []int{2}}, schedule.Talk{ID: 2, Minutes: 30, NotWith: []int{1}})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.in.Validate(); err != nil {
				t.Errorf("Validate: got %v, want nil", err)
			}
		})
	}
}

func TestReadInstance(t *testing.T) {
	tests := []struct {
		name string
		json string
		want string // part of the error; "" for none
	}{
		{"minimal", `{"rooms":[{"name":"Main","capacity":10}],"slots":[{"room":"Main","start":540,"minutes":30}],"talks":[{"id":1,"minutes":30,"audience":5}]}`, ""},
		{"misspelt key", `{"rooms":[],"slots":[],"talks":[{"id":1,"minutes":30,"notwith":[2]}]}`, `unknown field "notwith"`},
		{"not JSON", `rooms: Main`, "The instance is not valid JSON"},
		{"wrong type", `{"rooms":[{"name":"Main","capacity":"big"}]}`, "The instance is not valid JSON"},
		{"invalid", `{"rooms":[],"slots":[{"room":"Main","start":0,"minutes":30}],"talks":[]}`, `Slot 0 names room "Main"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := schedule.ReadInstance(strings.NewReader(tt.json))
			if tt.want == "" {
				if err != nil || in == nil {
					t.Fatalf("ReadInstance: got %v, want an instance", err)
				}
				return
			}
			wantMessage(t, err, tt.want)
		})
	}
}

func TestInstanceRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   *schedule.Instance
	}{
		{"hand-made", small(schedule.Talk{ID: 1, Minutes: 30, Audience: 80, Speakers: []string{"ann", "sam"}, Tags: []string{"testing"},
			Department: "QA", Unavailable: []int{3}, NotWith: []int{2}, Kind: schedule.KindLightning, FirstTime: true}, talk(2, 10, "li"))},
		{"weights", func() *schedule.Instance {
			in := small(talk(1, 10))
			in.Weights = schedule.Weights{TagParallel: 1, FirstTimeLast: 7}
			return in
		}()},
		{"generated", schedule.Generate(60, 3, 2, 4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.in.Write(&buf); err != nil {
				t.Fatalf("Write: got %v, want nil", err)
			}
			got, err := schedule.ReadInstance(&buf)
			if err != nil {
				t.Fatalf("ReadInstance: got %v, want nil", err)
			}
			if !reflect.DeepEqual(got, tt.in) {
				t.Errorf("round trip: got %+v, want %+v", got, tt.in)
			}
		})
	}
}

func TestSolutionRoundTrip(t *testing.T) {
	in := schedule.Generate(40, 2, 2, 3)
	res := mustSolve(t, in, schedule.Options{Seed: 3})
	tests := []struct {
		name string
		sol  schedule.Solution
		want schedule.Solution
	}{
		{"solved", res.Solution, res.Solution},
		{"hand-made", schedule.Solution{{Talk: 1, Room: "Main", Start: 540}}, schedule.Solution{{Talk: 1, Room: "Main", Start: 540}}},
		{"empty", nil, schedule.Solution{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.sol.Write(&buf); err != nil {
				t.Fatalf("Write: got %v, want nil", err)
			}
			got, err := schedule.ReadSolution(&buf)
			if err != nil {
				t.Fatalf("ReadSolution: got %v, want nil", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("round trip: got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := schedule.ReadSolution(strings.NewReader(`[{"talk":1,"slot":3}]`)); err == nil {
		t.Errorf("ReadSolution of an unknown key: got nil, want an error")
	}
}

// The documented example (docs/schedule-instance.md) stays valid and
// solvable.
func TestExampleInstance(t *testing.T) {
	f, err := os.Open("testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := schedule.ReadInstance(f)
	if err != nil {
		t.Fatalf("ReadInstance(testdata/example.json): got %v, want nil", err)
	}
	mustSolve(t, in, schedule.Options{})
}

func TestClock(t *testing.T) {
	tests := []struct {
		minute int
		want   string
	}{
		{0, "00:00"}, {540, "09:00"}, {1049, "17:29"}, {1440 + 540, "d2 09:00"}, {2*1440 + 630, "d3 10:30"},
	}
	for _, tt := range tests {
		if got := schedule.Clock(tt.minute); got != tt.want {
			t.Errorf("Clock(%d): got %q, want %q", tt.minute, got, tt.want)
		}
	}
}
