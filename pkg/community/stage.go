package community

import (
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Stage is a community's maturity stage.
type Stage string

// The maturity stages, in order, plus Ended for a community that stalled or
// finished. Energy dips after forming; that is normal and not a stage.
const (
	StagePotential      Stage = "potential"
	StageForming        Stage = "forming"
	StageMaturing       Stage = "maturing"
	StageSelfSustaining Stage = "self-sustaining"
	StageTransformation Stage = "transformation"
	StageEnded          Stage = "ended"
)

// Stages lists every stage in order.
var Stages = []Stage{StagePotential, StageForming, StageMaturing, StageSelfSustaining, StageTransformation, StageEnded}

var stageDescriptions = map[Stage]string{
	StagePotential:      "people with a shared role or interest are finding each other",
	StageForming:        "the community has a charter and meets regularly; energy may dip, which is normal",
	StageMaturing:       "members work through the backlog and share practice",
	StageSelfSustaining: "leadership, engagement, sharing, skills and visibility all hold up",
	StageTransformation: "the community is changing its purpose or merging into another",
	StageEnded:          "the community has stopped meeting",
}

// Description says in a few words what the stage means.
func (s Stage) Description() string { return stageDescriptions[s] }

// ParseStage parses a stage name, accepting spaces or underscores for
// hyphens and any letter case.
func ParseStage(v string) (Stage, error) {
	k := strings.NewReplacer(" ", "-", "_", "-").Replace(strings.ToLower(strings.TrimSpace(v)))
	if k == "selfsustaining" {
		k = string(StageSelfSustaining)
	}
	for _, s := range Stages {
		if string(s) == k {
			return s, nil
		}
	}
	names := make([]string, len(Stages))
	for i, s := range Stages {
		names[i] = string(s)
	}
	return "", guild.FieldErrorf("stage", "%q is not a stage. The stages are: %s.", v, strings.Join(names, ", "))
}
