package survey_test

import (
	"reflect"
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

func TestNoticeActions(t *testing.T) {
	s := sent(false)
	s.Event.Name = "Dev Day"
	answer := []guild.Action{{Label: "Answer the survey", Primary: true, Command: `/survey answer "Dev Day"`}}
	tests := []struct {
		kind     survey.NoticeKind
		template string
		want     []guild.Action
	}{
		{survey.NoticeRequest, "survey_notice_request", answer},
		{survey.NoticeReminder, "survey_notice_reminder", answer},
		{survey.NoticeFeedback, "survey_notice_feedback", nil},
	}
	for _, tt := range tests {
		n := &survey.Notice{Kind: tt.kind, To: ann, Survey: s}
		if got := n.Template(); got != tt.template {
			t.Errorf("%s: Template() = %q, want %q", tt.kind, got, tt.template)
		}
		if got := n.Actions(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Actions() = %+v, want %+v", tt.kind, got, tt.want)
		}
	}
}

func TestIdeaNoticeActions(t *testing.T) {
	tests := []struct {
		state survey.IdeaState
		want  []string
	}{
		{survey.IdeaOpen, []string{"Done:/idea done #4", "In progress:/idea progress #4", "Dropped:/idea drop #4"}},
		{survey.IdeaInProgress, []string{"Done:/idea done #4", "Dropped:/idea drop #4"}},
	}
	for _, tt := range tests {
		n := &survey.IdeaNotice{To: ann, Idea: &survey.Idea{ID: 4, Owner: ann, State: tt.state}, Followup: 1, Weeks: 2}
		var got []string
		for _, a := range n.Actions() {
			got = append(got, a.Label+":"+a.Command)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Actions() = %q, want %q", tt.state, got, tt.want)
		}
	}
	if got := (&survey.IdeaNotice{}).Actions(); got != nil {
		t.Errorf("Actions() with no idea = %v, want nil", got)
	}
}
