package mentor_test

import (
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/mentor"
)

func TestTalkNeedsMentor(t *testing.T) {
	ada := &guild.User{ID: 2, Name: "ada"}
	tests := []struct {
		name string
		t    *mentor.Talk
		want bool
	}{
		{"first time, no mentor", &mentor.Talk{FirstTime: true}, true},
		{"first time, mentor", &mentor.Talk{FirstTime: true, Mentor: ada}, false},
		{"experienced, no mentor", &mentor.Talk{}, false},
		{"experienced, mentor", &mentor.Talk{Mentor: ada}, false},
		{"nil talk", nil, false},
	}
	for _, tt := range tests {
		if got := tt.t.NeedsMentor(); got != tt.want {
			t.Errorf("%s: NeedsMentor() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTalkMilestone(t *testing.T) {
	ev := conf(day(2026, 4, 2), 9*60, "Europe/London")
	plan := mentor.Plan(ev, 7, mentor.DefaultOffsets)
	talk := &mentor.Talk{Submission: 7, Milestones: plan}
	for i, k := range mentor.Kinds {
		if got := talk.Milestone(k); got != plan[i] {
			t.Errorf("Milestone(%q) = %+v, want %+v", k, got, plan[i])
		}
	}
	if got := talk.Milestone("abstract"); got != nil {
		t.Errorf("Milestone(abstract) = %+v, want nil", got)
	}
	partial := &mentor.Talk{Milestones: []*mentor.Milestone{nil, plan[2]}}
	if got := partial.Milestone(mentor.Deck); got != nil {
		t.Errorf("Milestone(deck) of a talk without one = %+v, want nil", got)
	}
	if got := partial.Milestone(mentor.DryRun); got != plan[2] {
		t.Errorf("Milestone(dryrun) = %+v, want %+v", got, plan[2])
	}
	var none *mentor.Talk
	if got := none.Milestone(mentor.Deck); got != nil {
		t.Errorf("nil talk Milestone(deck) = %+v, want nil", got)
	}
}
