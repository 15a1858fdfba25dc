package templates_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/mentor"
	"github.com/guildhall/guildhall/templates"
)

func homeCases() []renderCase {
	return []renderCase{
		{"home_empty", "home", func(t *testing.T) any {
			c := newConf(t)
			return templates.Home{User: c.gus, Now: prepNow}
		}},
		// alice speaks in #12 (its deck overdue), has a proposal waiting
		// in the standing call, mentors erin's lightning talk, and belongs
		// to Qualité & Tests, which meets weekly.
		{"home_speaker_and_mentor", "home", func(t *testing.T) any {
			c := newConf(t)
			trunk := c.trunkTalk()
			trunk.Event = c.devday
			done(t, trunk, mentor.Outline, outlineDue.Add(-time.Hour), c.alice, 0)
			contract := c.contractTalk(c.alice)
			contract.Event = c.devday
			done(t, contract, mentor.Outline, outlineDue, c.erin, 0)
			done(t, contract, mentor.Deck, deckDue, c.erin, 0)
			subs := []*cfp.Submission{decide(c.trunk, cfp.Confirmed, true), c.mutation}
			return templates.Home{User: c.alice, Now: prepNow, Submissions: subs, Talks: []*mentor.Talk{trunk, contract},
				Communities: []templates.HomeCommunity{{Community: c.qa, Next: time.Date(2027, 3, 16, 12, 0, 0, 0, time.UTC)}}}
		}},
	}
}
