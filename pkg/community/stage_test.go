package community_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
)

func TestParseStage(t *testing.T) {
	tests := []struct {
		in   string
		want community.Stage
	}{
		{"potential", community.StagePotential},
		{"forming", community.StageForming},
		{"maturing", community.StageMaturing},
		{"self-sustaining", community.StageSelfSustaining},
		{"transformation", community.StageTransformation},
		{"ended", community.StageEnded},
		{"Potential", community.StagePotential},
		{"FORMING", community.StageForming},
		{"  maturing\t", community.StageMaturing},
		{"Self-Sustaining", community.StageSelfSustaining},
		{"self sustaining", community.StageSelfSustaining},
		{"self_sustaining", community.StageSelfSustaining},
		{"SELF_SUSTAINING", community.StageSelfSustaining},
		{"selfsustaining", community.StageSelfSustaining},
		{"SelfSustaining", community.StageSelfSustaining},
		{" Ended ", community.StageEnded},
	}
	for _, tt := range tests {
		got, err := community.ParseStage(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseStage(%q) = %q, %v, want %q, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseStageRefuses(t *testing.T) {
	for _, in := range []string{"", "   ", "mature", "self--sustaining", "self-sustaining-ish", "stalled", "potential forming", "1"} {
		got, err := community.ParseStage(in)
		if err == nil {
			t.Errorf("ParseStage(%q) = %q, nil, want an error", in, got)
			continue
		}
		if got != "" {
			t.Errorf("ParseStage(%q) stage = %q, want \"\" with the error", in, got)
		}
		if code := guild.ErrorCode(err); code != guild.EINVALID {
			t.Errorf("ParseStage(%q) code = %q, want %q", in, code, guild.EINVALID)
		}
		if field := guild.ErrorField(err); field != "stage" {
			t.Errorf("ParseStage(%q) field = %q, want %q", in, field, "stage")
		}
		msg := guild.ErrorMessage(err)
		want := "potential, forming, maturing, self-sustaining, transformation, ended"
		if !strings.Contains(msg, want) {
			t.Errorf("ParseStage(%q) message = %q, want it to list the stages %q", in, msg, want)
		}
	}
}

func TestStagesInOrder(t *testing.T) {
	want := []community.Stage{"potential", "forming", "maturing", "self-sustaining", "transformation", "ended"}
	if len(community.Stages) != len(want) {
		t.Fatalf("len(Stages) = %d, want %d", len(community.Stages), len(want))
	}
	for i, s := range community.Stages {
		if s != want[i] {
			t.Errorf("Stages[%d] = %q, want %q", i, s, want[i])
		}
		if got, err := community.ParseStage(string(s)); err != nil || got != s {
			t.Errorf("ParseStage(%q) = %q, %v, want it to round-trip", s, got, err)
		}
		if s.Description() == "" {
			t.Errorf("Stage(%q).Description() = \"\", want a description", s)
		}
	}
	if got := community.Stage("bogus").Description(); got != "" {
		t.Errorf("Stage(%q).Description() = %q, want \"\"", "bogus", got)
	}
}
