package templates_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
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

func availabilityCases() []renderCase {
	return []renderCase{
		{"cfp_available_windows", "cfp_available", func(t *testing.T) any {
			c := newConf(t)
			s := decide(c.trunk, cfp.Confirmed, true)
			s.Available = []cfp.Window{{Start: 9 * 60, End: 12 * 60}, {Start: 14 * 60, End: 17 * 60}}
			return templates.Available{Submission: s, Windows: cfp.Windows(s.Available)}
		}},
		{"cfp_available_any", "cfp_available", func(t *testing.T) any {
			c := newConf(t)
			return templates.Available{Submission: decide(c.trunk, cfp.Confirmed, true), Windows: cfp.Windows(nil)}
		}},
		{"cfp_interest_added", "cfp_interest", func(t *testing.T) any {
			c := newConf(t)
			s := decide(c.trunk, cfp.Confirmed, true)
			s.Interest = 12
			return templates.Interested{Submission: s, Changed: true}
		}},
		{"cfp_interest_already", "cfp_interest", func(t *testing.T) any {
			c := newConf(t)
			s := decide(c.trunk, cfp.Confirmed, true)
			s.Interest = 1
			return templates.Interested{Submission: s}
		}},
		{"cfp_interest_removed", "cfp_interest", func(t *testing.T) any {
			c := newConf(t)
			s := decide(c.trunk, cfp.Confirmed, true)
			return templates.Interested{Submission: s, Removed: true, Changed: true}
		}},
	}
}

func breaksCases() []renderCase {
	return []renderCase{
		{"event_breaks_default", "event_breaks", func(t *testing.T) any {
			c := newConf(t)
			bs := c.devday.DayBreaks()
			return templates.EventBreaks{Event: c.devday, Breaks: bs, Sessions: event.Sessions(c.devday, bs), Default: true}
		}},
		{"event_breaks_set", "event_breaks", func(t *testing.T) any {
			c := newConf(t)
			bs, err := event.ParseBreaks(c.devday, "12:00-13:00 lunch")
			if err != nil {
				t.Fatal(err)
			}
			return templates.EventBreaks{Event: c.devday, Breaks: bs, Sessions: event.Sessions(c.devday, bs), Set: true}
		}},
		{"event_breaks_none", "event_breaks", func(t *testing.T) any {
			c := newConf(t)
			return templates.EventBreaks{Event: c.devday, Breaks: []event.Break{}, Sessions: event.Sessions(c.devday, nil), Set: true}
		}},
	}
}
