package survey_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

func TestParseIdeaState(t *testing.T) {
	tests := []struct {
		in   string
		want survey.IdeaState
	}{
		{"done", survey.IdeaDone}, {"DONE", survey.IdeaDone}, {"in progress", survey.IdeaInProgress},
		{"in-progress", survey.IdeaInProgress}, {"In_Progress", survey.IdeaInProgress}, {"progress", survey.IdeaInProgress},
		{"doing", survey.IdeaInProgress}, {"dropped", survey.IdeaDropped}, {"drop", survey.IdeaDropped}, {"open", survey.IdeaOpen},
	}
	for _, tt := range tests {
		if got, err := survey.ParseIdeaState(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseIdeaState(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
	for _, st := range survey.IdeaStates {
		if got, err := survey.ParseIdeaState(string(st)); err != nil || got != st {
			t.Errorf("ParseIdeaState(%q) = %q, %v, want it back", st, got, err)
		}
		if got, err := survey.ParseIdeaState(st.Verb()); err != nil || got != st {
			t.Errorf("ParseIdeaState(Verb %q) = %q, %v, want %q", st.Verb(), got, err, st)
		}
	}
	bad := []struct{ in, want string }{
		{"", "Say where the idea stands: done, in progress or dropped."},
		{"finished", `"finished" is not a state of an idea`},
		{"a very long state that nobody would ever type", "That is not a state of an idea"},
	}
	for _, tt := range bad {
		_, err := survey.ParseIdeaState(tt.in)
		checkError(t, "ParseIdeaState("+tt.in+")", err, guild.EINVALID, "state", tt.want)
	}
}

func TestIdeaFollowups(t *testing.T) {
	raised := time.Date(2026, 4, 16, 10, 30, 0, 0, time.UTC)
	i := &survey.Idea{ID: 4, RaisedAt: raised}
	tests := []struct {
		n    int
		want time.Time
	}{
		{1, time.Date(2026, 4, 30, 10, 30, 0, 0, time.UTC)},
		{2, time.Date(2026, 5, 28, 10, 30, 0, 0, time.UTC)},
		{0, time.Time{}},
		{3, time.Time{}},
	}
	for _, tt := range tests {
		if got := i.FollowupAt(tt.n); !got.Equal(tt.want) {
			t.Errorf("FollowupAt(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
	if i.Ref() != "#4" {
		t.Errorf("Ref() = %q, want #4", i.Ref())
	}
}

func TestIdeaCheckSet(t *testing.T) {
	owned := &survey.Idea{ID: 4, Owner: ann, State: survey.IdeaOpen}
	anon := &survey.Idea{ID: 5, State: survey.IdeaInProgress}
	tests := []struct {
		name       string
		i          *survey.Idea
		me         *guild.User
		st         survey.IdeaState
		code, want string
	}{
		{"owner", owned, ann, survey.IdeaDone, "", ""},
		{"organiser", owned, olga, survey.IdeaDropped, "", ""},
		{"organiser on an anonymous idea", anon, olga, survey.IdeaDone, "", ""},
		{"someone else", owned, ben, survey.IdeaDone, guild.EFORBIDDEN, "Only @ann, who raised #4, and organisers change where it stands."},
		{"someone on an anonymous idea", anon, ben, survey.IdeaDone, guild.EFORBIDDEN, "#5 was raised anonymously, so only organisers"},
		{"no change", anon, olga, survey.IdeaInProgress, guild.ECONFLICT, "#5 is in progress already."},
	}
	for _, tt := range tests {
		err := tt.i.CheckSet(tt.me, tt.st)
		if tt.code == "" {
			if err != nil {
				t.Errorf("%s: CheckSet = %v, want nil", tt.name, err)
			}
			continue
		}
		checkError(t, tt.name, err, tt.code, "", tt.want)
	}
}

func TestIdeaStates(t *testing.T) {
	tests := []struct {
		st             survey.IdeaState
		title, command string
		settled        bool
	}{
		{survey.IdeaOpen, "open", "/idea open #12", false},
		{survey.IdeaInProgress, "in progress", "/idea progress #12", false},
		{survey.IdeaDone, "done", "/idea done #12", true},
		{survey.IdeaDropped, "dropped", "/idea drop #12", true},
	}
	for _, tt := range tests {
		if got := tt.st.Title(); got != tt.title {
			t.Errorf("%s.Title() = %q, want %q", tt.st, got, tt.title)
		}
		if got := survey.SetCommand(12, tt.st); got != tt.command {
			t.Errorf("SetCommand(12, %s) = %q, want %q", tt.st, got, tt.command)
		}
		if got := tt.st.Settled(); got != tt.settled {
			t.Errorf("%s.Settled() = %t, want %t", tt.st, got, tt.settled)
		}
	}
}
