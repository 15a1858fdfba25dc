package event_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

func TestParseRole(t *testing.T) {
	tests := []struct {
		in   string
		want event.Role
	}{
		{"stage-manager", event.StageManager},
		{"Stage Manager", event.StageManager},
		{"stagemanager", event.StageManager},
		{"STAGE_MANAGER", event.StageManager},
		{"  stage manager  ", event.StageManager},
		{"timekeeper", event.Timekeeper},
		{"Time Keeper", event.Timekeeper},
		{"scribe", event.Scribe},
		{"mic-runner", event.MicRunner},
		{"mic runner", event.MicRunner},
		{"mic", event.MicRunner},
		{"Microphone", event.MicRunner},
		{"channel-watcher", event.ChannelWatcher},
		{"watcher", event.ChannelWatcher},
		{"remote questions", event.ChannelWatcher},
		{"prepared-asker", event.PreparedAsker},
		{"Prepared Asker", event.PreparedAsker},
		{"asker", event.PreparedAsker},
		{"prepared question", event.PreparedAsker},
		{"first-question", event.PreparedAsker},
		{"war-room", event.WarRoom},
		{"War Room", event.WarRoom},
		{"on call", event.WarRoom},
		{"On-Call", event.WarRoom},
	}
	for _, tt := range tests {
		got, err := event.ParseRole(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseRole(%q) = %q, %v, want %q, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseRoleRoundTrips(t *testing.T) {
	for _, i := range event.Roles {
		for _, in := range []string{string(i.Role), i.Title, strings.ToUpper(i.Title)} {
			got, err := event.ParseRole(in)
			if err != nil || got != i.Role {
				t.Errorf("ParseRole(%q) = %q, %v, want %q, nil", in, got, err, i.Role)
			}
		}
	}
}

func TestParseRoleErrors(t *testing.T) {
	for _, in := range []string{"", "  ", "chair", "stage", "askers", "manager", "war", "speaker"} {
		got, err := event.ParseRole(in)
		if err == nil {
			t.Errorf("ParseRole(%q) = %q, want an error", in, got)
			continue
		}
		if got != "" {
			t.Errorf("ParseRole(%q) = %q with an error, want \"\"", in, got)
		}
		if code := guild.ErrorCode(err); code != guild.EINVALID {
			t.Errorf("ParseRole(%q) code = %q, want %q", in, code, guild.EINVALID)
		}
		if field := guild.ErrorField(err); field != "ROLE" {
			t.Errorf("ParseRole(%q) field = %q, want %q", in, field, "ROLE")
		}
		want := `"` + in + `" is not a role on the day; the roles are stage-manager, timekeeper, scribe, mic-runner, channel-watcher, prepared-asker, war-room.`
		if msg := guild.ErrorMessage(err); msg != want {
			t.Errorf("ParseRole(%q) message = %q, want %q", in, msg, want)
		}
	}
}

func TestRoleInfo(t *testing.T) {
	seen := map[event.Role]bool{}
	for _, i := range event.Roles {
		if seen[i.Role] {
			t.Errorf("Roles lists %s twice, want once", i.Role)
		}
		seen[i.Role] = true
		if got := i.Role.Info(); got != i {
			t.Errorf("%s.Info() = %+v, want %+v", i.Role, got, i)
		}
		if i.Title == "" || i.About == "" {
			t.Errorf("%s.Info() = %+v, want a title and a description", i.Role, i)
		}
		if want := i.Role == event.PreparedAsker; i.PerTalk != want {
			t.Errorf("%s.Info().PerTalk = %v, want %v", i.Role, i.PerTalk, want)
		}
	}
	if len(event.Roles) != 7 {
		t.Errorf("len(Roles) = %d, want 7", len(event.Roles))
	}
	unknown := event.Role("juggler")
	want := event.RoleInfo{Role: unknown, Title: "juggler"}
	if got := unknown.Info(); got != want {
		t.Errorf("%s.Info() = %+v, want %+v", unknown, got, want)
	}
}

func roleNames(rs []event.RoleInfo) []event.Role {
	out := make([]event.Role, len(rs))
	for i, r := range rs {
		out[i] = r.Role
	}
	return out
}

func TestUnfilled(t *testing.T) {
	all := []event.Role{event.StageManager, event.Timekeeper, event.Scribe, event.MicRunner, event.ChannelWatcher, event.PreparedAsker, event.WarRoom}
	assign := func(role event.Role, talk int64) *event.Assignment {
		return &event.Assignment{EventID: 1, Role: role, User: &guild.User{ID: 1, Name: "ana"}, Talk: talk}
	}
	// everyoneBut holds every role once except the given ones, and no
	// prepared askers.
	everyoneBut := func(except ...event.Role) []*event.Assignment {
		var out []*event.Assignment
		for _, r := range all {
			if r == event.PreparedAsker || slices.Contains(except, r) {
				continue
			}
			out = append(out, assign(r, 0))
		}
		return out
	}
	with := func(as []*event.Assignment, more ...*event.Assignment) []*event.Assignment {
		return append(slices.Clone(as), more...)
	}

	allBut := func(r event.Role) []event.Role {
		return slices.DeleteFunc(slices.Clone(all), func(x event.Role) bool { return x == r })
	}

	tests := []struct {
		name         string
		assignments  []*event.Assignment
		talks        []int64
		wantRoles    []event.Role
		wantTalksOut []int64
	}{
		{"nothing assigned, no talks: no asker needed yet", nil, nil, allBut(event.PreparedAsker), nil},
		{"nothing assigned, two talks", nil, []int64{1, 2}, all, []int64{1, 2}},
		{"all held, every talk has an asker", with(everyoneBut(), assign(event.PreparedAsker, 1), assign(event.PreparedAsker, 2)), []int64{1, 2}, nil, nil},
		{"one talk lacks an asker", with(everyoneBut(), assign(event.PreparedAsker, 1)), []int64{1, 2, 3}, []event.Role{event.PreparedAsker}, []int64{2, 3}},
		{"askers for other talks do not count", with(everyoneBut(), assign(event.PreparedAsker, 9)), []int64{1}, []event.Role{event.PreparedAsker}, []int64{1}},
		{"an asker for no talk does not cover one", with(everyoneBut(), assign(event.PreparedAsker, 0)), []int64{1}, []event.Role{event.PreparedAsker}, []int64{1}},
		{"an asker and no talks", with(everyoneBut(), assign(event.PreparedAsker, 4)), nil, nil, nil},
		{"no asker and no talks", everyoneBut(), nil, nil, nil},
		{"two askers on one talk", with(everyoneBut(), assign(event.PreparedAsker, 1), assign(event.PreparedAsker, 1)), []int64{1}, nil, nil},
		{
			"some missing, in Roles order",
			with(everyoneBut(event.WarRoom, event.StageManager, event.Scribe), assign(event.PreparedAsker, 1)),
			[]int64{1},
			[]event.Role{event.StageManager, event.Scribe, event.WarRoom},
			nil,
		},
		{"a role held twice is held", with(everyoneBut(), assign(event.Scribe, 0), assign(event.PreparedAsker, 1)), []int64{1}, nil, nil},
		{"talks kept in the order given", nil, []int64{5, 3, 8}, all, []int64{5, 3, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			roles, without := event.Unfilled(tt.assignments, tt.talks)
			if got := roleNames(roles); !slices.Equal(got, tt.wantRoles) {
				t.Errorf("Unfilled(…, %v) roles = %v, want %v", tt.talks, got, tt.wantRoles)
			}
			if !slices.Equal(without, tt.wantTalksOut) {
				t.Errorf("Unfilled(…, %v) talks without an asker = %v, want %v", tt.talks, without, tt.wantTalksOut)
			}
			for _, r := range roles {
				if r != r.Role.Info() {
					t.Errorf("Unfilled returned %+v, want the full %+v", r, r.Role.Info())
				}
			}
		})
	}
}
