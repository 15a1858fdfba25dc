package templates_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

// conf holds an internal conference, its call for proposals, a community's
// standing call and the talks proposed to them, on top of the people of
// fixture. Each call of newConf builds fresh values.
type conf struct {
	*fixture
	// hana and ivan add two departments to the people of fixture.
	hana, ivan *guild.User
	devday     *event.Event
	// call is DevDay 2027's call, open until the end of 1 February 2027 in
	// London; standing is the standing call of Qualité & Tests.
	call, standing *cfp.Call
	// The talks proposed to call, by id, and to standing.
	trunk, contract, flaky, a11y, stories, payments *cfp.Submission
	mutation                                        *cfp.Submission
}

func newConf(t testing.TB) *conf {
	t.Helper()
	c := &conf{fixture: newFixture()}
	c.hana = &guild.User{ID: 9, Platform: guild.PlatformConsole, PlatformID: "hana", Name: "hana",
		Department: "Design", Team: "Brand", Role: "designer", TZ: "Europe/London", CreatedAt: now}
	c.ivan = &guild.User{ID: 10, Platform: guild.PlatformConsole, PlatformID: "ivan", Name: "ivan",
		Department: "Data", Team: "Analytics", Role: "data engineer", CreatedAt: now}
	c.devday = &event.Event{
		ID:        3,
		Name:      "DevDay 2027",
		Day:       time.Date(2027, 3, 18, 0, 0, 0, 0, time.UTC),
		Start:     9 * 60,
		End:       17*60 + 30,
		TZ:        "Europe/London",
		Rooms:     []event.Room{{Name: "Main hall", Capacity: 120}, {Name: "Lab", Capacity: 30}, {Name: "Studio", Capacity: 60}},
		CreatedBy: c.org,
		CreatedAt: now.AddDate(0, 0, -7),
	}
	london := loadLocation(t, "Europe/London")
	c.call = &cfp.Call{
		ID:        4,
		Name:      c.devday.Name,
		Event:     c.devday,
		Formats:   []cfp.Format{{Name: "lightning", Minutes: 5}, {Name: "talk", Minutes: 30}, {Name: "workshop", Minutes: 90}},
		ClosesAt:  cfp.Deadline(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), london),
		OpenedBy:  c.org,
		CreatedAt: now.AddDate(0, 0, -6),
	}
	c.standing = &cfp.Call{
		ID:            5,
		Name:          c.qa.Name,
		CommunityID:   c.qa.ID,
		CommunityName: c.qa.Name,
		Formats:       []cfp.Format{{Name: "lightning", Minutes: 5}, {Name: "talk", Minutes: 30}},
		OpenedBy:      c.alice,
		CreatedAt:     now.AddDate(0, -1, 0),
	}
	talk := func(call *cfp.Call, id int64, title, format string, reviews, sum int, speakers ...*guild.User) *cfp.Submission {
		f, err := call.Format(format)
		if err != nil {
			t.Fatalf("call.Format(%q): %v", format, err)
		}
		s := &cfp.Submission{
			ID: id, CallID: call.ID, CallName: call.Name, Title: title, Format: f,
			State: cfp.Submitted, Reviews: reviews, ScoreSum: sum,
			CreatedAt: now.AddDate(0, 0, -5).Add(time.Duration(id) * time.Hour),
		}
		s.UpdatedAt = s.CreatedAt.Add(2 * time.Hour)
		for i, u := range speakers {
			s.Speakers = append(s.Speakers, &cfp.Speaker{User: u, Lead: i == 0, Department: u.Department, Team: u.Team})
		}
		return s
	}
	c.trunk = talk(c.call, 12, "What we learned moving to trunk-based development", "talk", 3, 13, c.alice, c.chloe)
	c.trunk.Abstract = "Two years ago every team kept long-lived branches and merged on Fridays.\n" +
		"This is how we moved twelve teams to trunk-based development, what broke, and what we would do again."
	c.contract = talk(c.call, 14, "Contract testing without tears", "lightning", 1, 4, c.erin)
	c.contract.FirstTime = true
	c.contract.Abstract = "Five minutes on why our product team writes consumer contracts before the API exists."
	c.flaky = talk(c.call, 15, "Flaky tests: a field guide for the whole team", "workshop", 0, 0, c.chloe)
	c.flaky.Abstract = "Bring a flaky test; leave with a diagnosis and a fix."
	c.a11y = talk(c.call, 17, "Accessibility is a feature, not a ticket", "talk", 2, 9, c.hana)
	c.a11y.Abstract = "What changed when designers and developers reviewed accessibility together from the first sketch."
	c.stories = talk(c.call, 19, "Writing user stories that testers love", "talk", 2, 6, c.erin, c.finn)
	c.stories.Abstract = "Acceptance criteria that survive contact with a test plan."
	c.payments = talk(c.call, 21, "Moving the payments platform from a monolith to services without ever stopping the world", "talk", 1, 2, c.bob)
	c.payments.Abstract = "Strangler figs, feature flags and one very long night."
	c.mutation = talk(c.standing, 8, "Mutation testing in practice", "talk", 0, 0, c.chloe, c.alice)
	c.mutation.Abstract = "Do our tests catch anything? Mutation testing answers, slowly."
	return c
}

// decide sets a talk's state as the store would after a decision.
func decide(s *cfp.Submission, st cfp.State, notified bool) *cfp.Submission {
	s.State, s.Notified = st, notified
	s.UpdatedAt = now
	return s
}

func cfpCases() []renderCase {
	return []renderCase{
		// cfp_opened
		{"cfp_opened_dated", "cfp_opened", func(t *testing.T) any {
			return templates.CallOpened{Call: newConf(t).call}
		}},
		{"cfp_opened_standing", "cfp_opened", func(t *testing.T) any {
			return templates.CallOpened{Call: newConf(t).standing}
		}},
		{"cfp_opened_anonymous", "cfp_opened", func(t *testing.T) any {
			c := newConf(t)
			c.call.Anonymous = true
			return templates.CallOpened{Call: c.call}
		}},

		// cfp_closed
		{"cfp_closed", "cfp_closed", func(t *testing.T) any {
			c := newConf(t)
			c.call.ClosedAt = now
			return templates.CallClosed{Call: c.call}
		}},

		// cfp_reviewers
		{"cfp_reviewers_added", "cfp_reviewers", func(t *testing.T) any {
			c := newConf(t)
			return templates.Reviewers{Call: c.call, Reviewers: []*guild.User{c.bob, c.chloe, c.ivan}, Added: c.ivan}
		}},
		{"cfp_reviewers_first_added", "cfp_reviewers", func(t *testing.T) any {
			c := newConf(t)
			return templates.Reviewers{Call: c.call, Reviewers: []*guild.User{c.bob}, Added: c.bob}
		}},
		{"cfp_reviewers_organisers_only", "cfp_reviewers", func(t *testing.T) any {
			return templates.Reviewers{Call: newConf(t).call}
		}},

		// cfp_submission
		{"cfp_submission_submitted", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			s := c.trunk
			s.Reviews, s.ScoreSum, s.CreatedAt, s.UpdatedAt = 0, 0, now, now
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.alice, Submitted: true, Now: now}
		}},
		{"cfp_submission_submitted_first_time", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			s := c.contract
			s.Reviews, s.ScoreSum, s.CreatedAt, s.UpdatedAt = 0, 0, now, now
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.erin, Submitted: true, Now: now}
		}},
		{"cfp_submission_edited", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			s := c.trunk
			s.Reviews, s.ScoreSum, s.UpdatedAt = 0, 0, now
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.chloe, Edited: true, Now: now}
		}},
		{"cfp_submission_shown_to_speaker", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			s := c.trunk
			s.Reviews, s.ScoreSum = 0, 0 // speakers do not see scores
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.alice, Now: now}
		}},
		{"cfp_submission_shown_to_organiser", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			s := c.trunk
			s.MyScore = 5
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.org, Now: now, Reviews: []*cfp.Review{
				{SubmissionID: 12, Reviewer: c.org, Score: 5, Comment: "Exactly what the teams still on long-lived branches need to hear.", CreatedAt: now},
				{SubmissionID: 12, Reviewer: c.bob, Score: 4, Comment: "Good, but cut the history section.\nThe demo is the strong part.", CreatedAt: now},
				{SubmissionID: 12, Reviewer: c.ivan, Score: 4, CreatedAt: now},
			}}
		}},
		{"cfp_submission_anonymised", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			c.call.Anonymous = true
			s := c.trunk
			s.Speakers, s.Anonymous, s.MyScore = nil, true, 4
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.ivan, Now: now, Reviews: []*cfp.Review{
				{SubmissionID: 12, Reviewer: c.ivan, Score: 4, Comment: "Solid; the twelve-team story is the hook.", CreatedAt: now},
			}}
		}},
		{"cfp_submission_anonymised_unreviewed", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			c.call.Anonymous = true
			s := c.flaky
			s.Speakers, s.Anonymous = nil, true
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.ivan, Now: now}
		}},
		{"cfp_submission_closed_call", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			c.call.ClosedAt = now.Add(-time.Hour)
			s := c.stories
			s.Reviews, s.ScoreSum = 0, 0
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.erin, Now: now}
		}},
		{"cfp_submission_accepted_lead", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			c.call.ClosedAt = now.AddDate(0, 0, -1)
			s := decide(c.trunk, cfp.Accepted, true)
			s.Reviews, s.ScoreSum = 0, 0
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.alice, Now: now}
		}},
		{"cfp_submission_accepted_co_speaker", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			c.call.ClosedAt = now.AddDate(0, 0, -1)
			s := decide(c.trunk, cfp.Accepted, true)
			s.Reviews, s.ScoreSum = 0, 0
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.chloe, Now: now}
		}},
		{"cfp_submission_accepted_organiser", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			c.call.ClosedAt = now.AddDate(0, 0, -1)
			s := decide(c.trunk, cfp.Accepted, true)
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.org, Now: now}
		}},
		{"cfp_submission_offered_lead", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			c.call.ClosedAt = now.AddDate(0, 0, -1)
			s := decide(c.stories, cfp.Offered, true)
			s.Reviews, s.ScoreSum = 0, 0
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.erin, Now: now}
		}},
		{"cfp_submission_confirmed_lead", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			c.call.ClosedAt = now.AddDate(0, 0, -1)
			s := decide(c.contract, cfp.Confirmed, true)
			s.Reviews, s.ScoreSum = 0, 0
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.erin, Now: now}
		}},
		{"cfp_submission_standing", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			return templates.SubmissionView{Submission: c.mutation, Call: c.standing, Reader: c.chloe, Now: now}
		}},
		{"cfp_submission_tags", "cfp_submission", func(t *testing.T) any {
			c := newConf(t)
			s := c.trunk
			s.Reviews, s.ScoreSum = 0, 0
			s.Tags = []string{"git", "trunk-based-development", "ci"}
			return templates.SubmissionView{Submission: s, Call: c.call, Reader: c.alice, Edited: true, Now: now}
		}},

		// cfp_list
		{"cfp_list_tags", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			c.trunk.Tags = []string{"git", "ci"}
			c.flaky.Tags = []string{"testing"}
			return templates.SubmissionList{Call: c.call, Submissions: []*cfp.Submission{c.trunk, c.contract, c.flaky},
				Total: 3, Page: 1, Pages: 1, Reviewer: true, Organiser: true}
		}},
		{"cfp_list_mine_tags", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			c.trunk.Reviews, c.trunk.ScoreSum = 0, 0
			c.trunk.Tags = []string{"git", "ci"}
			return templates.SubmissionList{Submissions: []*cfp.Submission{c.trunk}, Total: 1, Page: 1, Pages: 1}
		}},
		{"cfp_list_reviewer_paged", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			c.trunk.MyScore, c.a11y.MyScore = 5, 4
			return templates.SubmissionList{
				Call:        c.call,
				Submissions: []*cfp.Submission{c.a11y, c.trunk, c.contract, c.stories, c.payments, c.flaky},
				Total:       38, Page: 1, Pages: 3,
				ToReview:  []*cfp.Submission{c.flaky, c.contract, c.payments},
				Reviewer:  true,
				Organiser: true,
			}
		}},
		{"cfp_list_reviewer_last_page", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			return templates.SubmissionList{
				Call:        c.call,
				Submissions: []*cfp.Submission{c.payments, c.flaky},
				Total:       32, Page: 3, Pages: 3,
				ToReview: []*cfp.Submission{c.flaky},
				Reviewer: true,
			}
		}},
		{"cfp_list_reviewer_anonymised", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			c.call.Anonymous = true
			ss := []*cfp.Submission{c.a11y, c.trunk, c.flaky}
			for _, s := range ss {
				s.Speakers, s.Anonymous = nil, true
			}
			c.trunk.MyScore = 4
			return templates.SubmissionList{Call: c.call, Submissions: ss, Total: 3, Page: 1, Pages: 1,
				ToReview: []*cfp.Submission{c.flaky}, Reviewer: true}
		}},
		{"cfp_list_state", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			return templates.SubmissionList{Call: c.call, Submissions: []*cfp.Submission{decide(c.a11y, cfp.Backup, false)},
				Total: 1, Page: 1, Pages: 1, State: "backup", Reviewer: true, Organiser: true}
		}},
		{"cfp_list_state_empty", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			return templates.SubmissionList{Call: c.call, Page: 1, Pages: 1, State: "confirmed", Reviewer: true, Organiser: true}
		}},
		{"cfp_list_speaker", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			c.stories.Reviews, c.stories.ScoreSum = 0, 0
			c.contract.Reviews, c.contract.ScoreSum = 0, 0
			return templates.SubmissionList{Call: c.call, Submissions: []*cfp.Submission{c.contract, c.stories},
				Total: 2, Page: 1, Pages: 1}
		}},
		{"cfp_list_speaker_none", "cfp_list", func(t *testing.T) any {
			return templates.SubmissionList{Call: newConf(t).call, Page: 1, Pages: 1}
		}},
		{"cfp_list_standing_member", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			other := &cfp.Submission{ID: 9, CallID: c.standing.ID, CallName: c.standing.Name, Title: "Exploratory testing charters",
				Format: cfp.Format{Name: "lightning", Minutes: 5}, State: cfp.Submitted, FirstTime: true,
				Speakers:  []*cfp.Speaker{{User: c.bob, Lead: true, Department: c.bob.Department}},
				CreatedAt: now, UpdatedAt: now}
			return templates.SubmissionList{Call: c.standing, Submissions: []*cfp.Submission{c.mutation, other},
				Total: 2, Page: 1, Pages: 1}
		}},
		{"cfp_list_empty", "cfp_list", func(t *testing.T) any {
			return templates.SubmissionList{Call: newConf(t).call, Page: 1, Pages: 1, Reviewer: true, Organiser: true}
		}},
		{"cfp_list_mine", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			for _, s := range []*cfp.Submission{c.trunk, c.payments, c.mutation} {
				s.Reviews, s.ScoreSum = 0, 0
			}
			decide(c.trunk, cfp.Accepted, true)
			return templates.SubmissionList{Submissions: []*cfp.Submission{c.trunk, c.payments, c.mutation},
				Total: 3, Page: 1, Pages: 1}
		}},
		{"cfp_list_mine_paged", "cfp_list", func(t *testing.T) any {
			c := newConf(t)
			c.trunk.Reviews, c.trunk.ScoreSum = 0, 0
			return templates.SubmissionList{Submissions: []*cfp.Submission{c.trunk}, Total: 16, Page: 1, Pages: 2}
		}},
		{"cfp_list_mine_empty", "cfp_list", func(t *testing.T) any {
			return templates.SubmissionList{Page: 1, Pages: 1}
		}},

		// cfp_reviewed
		{"cfp_reviewed", "cfp_reviewed", func(t *testing.T) any {
			c := newConf(t)
			s := c.contract
			s.Reviews, s.ScoreSum, s.MyScore = 2, 7, 3
			return templates.Reviewed{Submission: s, Review: &cfp.Review{SubmissionID: s.ID, Reviewer: c.ivan, Score: 3, Comment: "Short and useful."},
				Next: []*cfp.Submission{c.flaky, c.payments, c.stories}}
		}},
		{"cfp_reviewed_updated_none_left", "cfp_reviewed", func(t *testing.T) any {
			c := newConf(t)
			s := c.payments
			s.MyScore = 2
			return templates.Reviewed{Submission: s, Review: &cfp.Review{SubmissionID: s.ID, Reviewer: c.org, Score: 2}, Updated: true}
		}},

		// cfp_acted
		{"cfp_acted_withdraw", "cfp_acted", func(t *testing.T) any {
			c := newConf(t)
			return templates.Acted{Submission: decide(c.flaky, cfp.Withdrawn, false), Action: cfp.Withdraw}
		}},
		{"cfp_acted_accept", "cfp_acted", func(t *testing.T) any {
			c := newConf(t)
			return templates.Acted{Submission: decide(c.trunk, cfp.Accepted, false), Action: cfp.Accept}
		}},
		{"cfp_acted_reject", "cfp_acted", func(t *testing.T) any {
			c := newConf(t)
			return templates.Acted{Submission: decide(c.payments, cfp.Rejected, false), Action: cfp.Reject}
		}},
		{"cfp_acted_backup", "cfp_acted", func(t *testing.T) any {
			c := newConf(t)
			return templates.Acted{Submission: decide(c.stories, cfp.Backup, false), Action: cfp.MakeBackup}
		}},
		{"cfp_acted_confirm", "cfp_acted", func(t *testing.T) any {
			c := newConf(t)
			return templates.Acted{Submission: decide(c.trunk, cfp.Confirmed, true), Action: cfp.Confirm}
		}},
		{"cfp_acted_decline", "cfp_acted", func(t *testing.T) any {
			c := newConf(t)
			return templates.Acted{Submission: decide(c.trunk, cfp.Declined, true), Action: cfp.Decline}
		}},
		{"cfp_acted_decline_offered", "cfp_acted", func(t *testing.T) any {
			c := newConf(t)
			return templates.Acted{Submission: decide(c.trunk, cfp.Declined, true), Action: cfp.Decline,
				Offered: decide(c.stories, cfp.Offered, true)}
		}},

		// cfp_notified
		{"cfp_notified", "cfp_notified", func(t *testing.T) any {
			c := newConf(t)
			ss := []*cfp.Submission{
				decide(c.trunk, cfp.Accepted, true), decide(c.contract, cfp.Accepted, true),
				decide(c.a11y, cfp.Accepted, true), decide(c.stories, cfp.Backup, true),
				decide(c.flaky, cfp.Backup, true), decide(c.payments, cfp.Rejected, true),
			}
			return templates.Notified{Call: c.call, Submissions: ss, Messages: 8, Counts: []templates.StateCount{
				{State: cfp.Accepted, Count: 3}, {State: cfp.Backup, Count: 2}, {State: cfp.Rejected, Count: 1}}}
		}},
		{"cfp_notified_one_rejected", "cfp_notified", func(t *testing.T) any {
			c := newConf(t)
			return templates.Notified{Call: c.call, Submissions: []*cfp.Submission{decide(c.payments, cfp.Rejected, true)},
				Messages: 1, Counts: []templates.StateCount{{State: cfp.Rejected, Count: 1}}}
		}},
		{"cfp_notified_one_backup", "cfp_notified", func(t *testing.T) any {
			c := newConf(t)
			return templates.Notified{Call: c.call, Submissions: []*cfp.Submission{decide(c.stories, cfp.Backup, true)},
				Messages: 2, Counts: []templates.StateCount{{State: cfp.Backup, Count: 1}}}
		}},

		// cfp_moved
		{"cfp_moved", "cfp_moved", func(t *testing.T) any {
			c := newConf(t)
			s := c.mutation
			s.CallID, s.CallName, s.UpdatedAt = c.call.ID, c.call.Name, now
			return templates.Moved{Submission: s, From: c.standing.Name}
		}},

		// cfp_balance
		{"cfp_balance_gaps", "cfp_balance", func(t *testing.T) any {
			c := newConf(t)
			lone := &guild.User{ID: 11, Platform: guild.PlatformConsole, PlatformID: "jo", Name: "jo", CreatedAt: now}
			noDept := &cfp.Submission{ID: 23, CallID: c.call.ID, CallName: c.call.Name, Title: "Pairing with your on-call self",
				Format: cfp.Format{Name: "lightning", Minutes: 5}, Speakers: []*cfp.Speaker{{User: lone, Lead: true}}, FirstTime: true}
			selected := []*cfp.Submission{
				decide(c.trunk, cfp.Confirmed, true), decide(c.contract, cfp.Accepted, true),
				decide(c.payments, cfp.Backup, true), decide(noDept, cfp.Offered, true),
			}
			hanaToo := &cfp.Submission{ID: 25, CallID: c.call.ID, CallName: c.call.Name, Title: "Design systems for people who do not design",
				Format: cfp.Format{Name: "talk", Minutes: 30}, Speakers: []*cfp.Speaker{{User: c.hana, Lead: true, Department: "Design", Team: "Brand"}}}
			pending := []*cfp.Submission{c.a11y, c.flaky, hanaToo}
			return cfp.NewBalance(c.call, selected, pending, []cfp.Department{
				{Name: "Engineering", Members: 42}, {Name: "Product", Members: 12}, {Name: "Data", Members: 9},
				{Name: "Design", Members: 5}, {Name: "Qualité", Members: 3}, {Name: "People", Members: 1},
			})
		}},
		{"cfp_balance_no_gaps", "cfp_balance", func(t *testing.T) any {
			c := newConf(t)
			selected := []*cfp.Submission{
				decide(c.trunk, cfp.Confirmed, true), decide(c.contract, cfp.Accepted, true), decide(c.a11y, cfp.Accepted, true),
			}
			return cfp.NewBalance(c.call, selected, []*cfp.Submission{c.flaky}, []cfp.Department{
				{Name: "Engineering", Members: 42}, {Name: "Product", Members: 12}, {Name: "Design", Members: 5}, {Name: "Qualité", Members: 1},
			})
		}},
		{"cfp_balance_nothing_accepted", "cfp_balance", func(t *testing.T) any {
			c := newConf(t)
			return cfp.NewBalance(c.call, nil, []*cfp.Submission{c.trunk, c.a11y, c.flaky}, []cfp.Department{
				{Name: "Engineering", Members: 42}, {Name: "Product", Members: 12}, {Name: "Design", Members: 5},
			})
		}},

		// the messages a call sends, through templates.Compose
		{"cfp_notice_accepted", "cfp_notice_accepted", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeAccepted, To: c.alice, Call: c.call, Submission: decide(c.trunk, cfp.Accepted, true), By: c.org}
		}},
		{"cfp_notice_accepted_co_speaker", "cfp_notice_accepted", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeAccepted, To: c.chloe, Call: c.call, Submission: decide(c.trunk, cfp.Accepted, true), By: c.org}
		}},
		{"cfp_notice_accepted_standing", "cfp_notice_accepted", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeAccepted, To: c.chloe, Call: c.standing, Submission: decide(c.mutation, cfp.Accepted, true), By: c.alice}
		}},
		{"cfp_notice_rejected", "cfp_notice_rejected", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeRejected, To: c.bob, Call: c.call, Submission: decide(c.payments, cfp.Rejected, true), By: c.org}
		}},
		{"cfp_notice_backup", "cfp_notice_backup", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeBackup, To: c.erin, Call: c.call, Submission: decide(c.stories, cfp.Backup, true), By: c.org}
		}},
		{"cfp_notice_backup_co_speaker", "cfp_notice_backup", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeBackup, To: c.finn, Call: c.call, Submission: decide(c.stories, cfp.Backup, true), By: c.org}
		}},
		{"cfp_notice_offered", "cfp_notice_offered", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeOffered, To: c.erin, Call: c.call, Submission: decide(c.stories, cfp.Offered, true), By: c.org}
		}},
		{"cfp_notice_offered_co_speaker", "cfp_notice_offered", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeOffered, To: c.finn, Call: c.call, Submission: decide(c.stories, cfp.Offered, true), By: c.org}
		}},
		{"cfp_notice_declined", "cfp_notice_declined", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeDeclined, To: c.org, Call: c.call, Submission: decide(c.trunk, cfp.Declined, true), By: c.alice,
				Offered: decide(c.stories, cfp.Offered, true)}
		}},
		{"cfp_notice_declined_no_backup", "cfp_notice_declined", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeDeclined, To: c.org, Call: c.call, Submission: decide(c.trunk, cfp.Declined, true), By: c.alice}
		}},
		{"cfp_notice_reviewer-added", "cfp_notice_reviewer-added", func(t *testing.T) any {
			c := newConf(t)
			return &cfp.Notice{Kind: cfp.NoticeReviewerAdded, To: c.ivan, Call: c.call, By: c.org}
		}},
		{"cfp_notice_reviewer-added_anonymous", "cfp_notice_reviewer-added", func(t *testing.T) any {
			c := newConf(t)
			c.call.Anonymous = true
			return &cfp.Notice{Kind: cfp.NoticeReviewerAdded, To: c.ivan, Call: c.call, By: c.org}
		}},
	}
}

// TestComposeUsesTheNoticeTemplates checks that Compose picks the template
// of each kind of notice, as the store calls it.
func TestComposeUsesTheNoticeTemplates(t *testing.T) {
	c := newConf(t)
	for _, kind := range []cfp.NoticeKind{cfp.NoticeAccepted, cfp.NoticeRejected, cfp.NoticeBackup, cfp.NoticeOffered, cfp.NoticeDeclined, cfp.NoticeReviewerAdded} {
		n := &cfp.Notice{Kind: kind, To: c.alice, Call: c.call, Submission: c.trunk, By: c.org}
		got, err := templates.Compose(n)
		if err != nil {
			t.Errorf("Compose(%s): %v", kind, err)
			continue
		}
		want, err := templates.Render("cfp_notice_"+string(kind), n)
		if err != nil || got != want {
			t.Errorf("Compose(%s) = %q, want %q (%v)", kind, got, want, err)
		}
	}
}
