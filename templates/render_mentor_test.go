package templates_test

import (
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/mentor"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/templates"
)

// DevDay 2027 is on Thursday 18 March 2027 at 09:00 in London (still GMT),
// so with mentor.DefaultOffsets its milestones fall due at 09:00 UTC on
// 4 March (outline), 11 March (deck), 15 March (dry run) and 17 March
// (final check); reminders go out two days before each, and an unfinished
// milestone is escalated a day after it was due. New York moves to summer
// time on 14 March 2027, between the deck and the dry run.
var (
	// prepNow is during the preparation, on Saturday 13 March 2027: the
	// outline and the deck were due, the dry run is due soon and the final
	// check is still ahead.
	prepNow = time.Date(2027, 3, 13, 12, 0, 0, 0, time.UTC)
	// The due times of DevDay 2027's milestones.
	outlineDue = time.Date(2027, 3, 4, 9, 0, 0, 0, time.UTC)
	deckDue    = time.Date(2027, 3, 11, 9, 0, 0, 0, time.UTC)
	dryRunDue  = time.Date(2027, 3, 15, 9, 0, 0, 0, time.UTC)
	finalDue   = time.Date(2027, 3, 17, 9, 0, 0, 0, time.UTC)
)

// prep builds the preparation of an accepted talk as the store does: its
// speakers, mentor (nil for none) and, when planned, the milestones of
// mentor.Plan with the default offsets.
func (c *conf) prep(s *cfp.Submission, by *guild.User, planned bool) *mentor.Talk {
	t := &mentor.Talk{Submission: s.ID, Title: s.Title, Minutes: s.Format.Minutes, FirstTime: s.FirstTime,
		State: string(s.State), Mentor: by}
	for _, sp := range s.Speakers {
		t.Speakers = append(t.Speakers, sp.User)
	}
	if planned {
		t.Milestones = mentor.Plan(c.devday, s.ID, mentor.DefaultOffsets)
	}
	return t
}

// done marks milestone k of t done at at by by, as /mentor done does, and
// returns it.
func done(t *testing.T, talk *mentor.Talk, k mentor.Kind, at time.Time, by *guild.User, minutes int) *mentor.Milestone {
	t.Helper()
	m := talk.Milestone(k)
	if m == nil {
		t.Fatalf("talk #%d has no %s milestone", talk.Submission, k)
	}
	m.DoneAt, m.DoneBy, m.Minutes = at, by, minutes
	return m
}

// milestoneDone builds the reply to /mentor done as the bot does: a verdict
// for a dry run given with its length.
func milestoneDone(talk *mentor.Talk, m *mentor.Milestone, now time.Time, reader *guild.User) templates.MilestoneDone {
	v := templates.MilestoneDone{Talk: talk, Milestone: m, Now: now, Reader: reader}
	if m.Kind == mentor.DryRun && m.Minutes > 0 {
		verdict := mentor.Judge(m.Minutes, talk.Minutes)
		v.Verdict = &verdict
	}
	return v
}

// trunkTalk is #12, a 30-minute talk by alice and chloé, mentored by bob.
func (c *conf) trunkTalk() *mentor.Talk {
	return c.prep(decide(c.trunk, cfp.Confirmed, true), c.bob, true)
}

// contractTalk is #14, erin's first talk, a 5-minute lightning talk, with
// mentor by (nil for none).
func (c *conf) contractTalk(by *guild.User) *mentor.Talk {
	return c.prep(decide(c.contract, cfp.Accepted, true), by, true)
}

// dryRunDone is the reply when alice records a dry run of minutes for a
// talk of slot minutes on Sunday 14 March, the day before it is due.
func dryRunDone(t *testing.T, minutes, slot int) templates.MilestoneDone {
	c := newConf(t)
	talk := c.trunkTalk()
	talk.Minutes = slot
	at := time.Date(2027, 3, 14, 17, 30, 0, 0, time.UTC)
	done(t, talk, mentor.Outline, outlineDue.Add(-26*time.Hour), c.alice, 0)
	done(t, talk, mentor.Deck, deckDue.Add(-20*time.Hour), c.chloe, 0)
	return milestoneDone(talk, done(t, talk, mentor.DryRun, at, c.alice, minutes), at, c.alice)
}

// mentorNotice builds a mentoring notice as the store does.
func (c *conf) mentorNotice(kind mentor.NoticeKind, to *guild.User, talk *mentor.Talk, k mentor.Kind, now time.Time) *mentor.Notice {
	n := &mentor.Notice{Kind: kind, To: to, Event: c.devday, Talk: talk, Milestone: talk.Milestone(k), Offsets: mentor.DefaultOffsets, Now: now}
	return n
}

// meetingNotice builds the reminder of Qualité & Tests's Tuesday meeting
// at 12:00 in London, fired at firing for the meeting at at, as the store
// does.
func meetingNotice(t *testing.T, to *guild.User, at, firing time.Time, late bool) *community.MeetingNotice {
	f := newFixture()
	f.qa.Cadence = parseCadence(t, "0 12 * * TUE", "Europe/London")
	if to == nil {
		to = f.alice
	}
	n := &community.MeetingNotice{To: to, Community: f.qa, At: at, Late: late, Past: !at.After(firing)}
	if next := f.qa.Cadence.Next(firing, 1); len(next) > 0 {
		n.Next = next[0]
	}
	return n
}

// chase builds the reminder to confirm a talk told at now, as the store
// does.
func (c *conf) chase(kind cfp.NoticeKind, to *guild.User, s *cfp.Submission, late bool) *cfp.Notice {
	return &cfp.Notice{Kind: kind, To: to, Call: c.call, Submission: s, Deadline: cfp.ConfirmBy(c.call, now), Late: late}
}

func mentorCases() []renderCase {
	return []renderCase{
		// mentor_assigned
		{"mentor_assigned_first_time", "mentor_assigned", func(t *testing.T) any {
			c := newConf(t)
			talk := c.contractTalk(c.bob)
			return templates.MentorAssigned{Talk: talk,
				Mentoring: &mentor.Mentoring{Submission: talk.Submission, Mentor: c.bob, AssignedBy: c.org, AssignedAt: now}}
		}},
		{"mentor_assigned", "mentor_assigned", func(t *testing.T) any {
			c := newConf(t)
			talk := c.trunkTalk()
			return templates.MentorAssigned{Talk: talk,
				Mentoring: &mentor.Mentoring{Submission: talk.Submission, Mentor: c.bob, AssignedBy: c.org, AssignedAt: now}}
		}},

		// mentor_done
		{"mentor_done_deck_on_time", "mentor_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.trunkTalk()
			at := time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)
			done(t, talk, mentor.Outline, outlineDue.Add(-26*time.Hour), c.alice, 0)
			return milestoneDone(talk, done(t, talk, mentor.Deck, at, c.chloe, 0), at, c.chloe)
		}},
		{"mentor_done_deck_late", "mentor_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.trunkTalk()
			at := time.Date(2027, 3, 12, 10, 15, 0, 0, time.UTC)
			done(t, talk, mentor.Outline, outlineDue.Add(-26*time.Hour), c.alice, 0)
			m := done(t, talk, mentor.Deck, at, c.alice, 0)
			m.Escalated = true
			return milestoneDone(talk, m, at, c.alice)
		}},
		{"mentor_done_deck_outline_still_open", "mentor_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.trunkTalk()
			at := time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)
			return milestoneDone(talk, done(t, talk, mentor.Deck, at, c.alice, 0), at, c.alice)
		}},
		{"mentor_done_dryrun_over_slot", "mentor_done", func(t *testing.T) any {
			return dryRunDone(t, 38, 30)
		}},
		{"mentor_done_dryrun_fits_just", "mentor_done", func(t *testing.T) any {
			return dryRunDone(t, 29, 30)
		}},
		{"mentor_done_dryrun_short", "mentor_done", func(t *testing.T) any {
			return dryRunDone(t, 12, 30)
		}},
		{"mentor_done_dryrun_fits_well", "mentor_done", func(t *testing.T) any {
			return dryRunDone(t, 26, 30)
		}},
		{"mentor_done_dryrun_no_minutes_by_mentor", "mentor_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.trunkTalk()
			at := time.Date(2027, 3, 14, 17, 30, 0, 0, time.UTC)
			done(t, talk, mentor.Outline, outlineDue.Add(-26*time.Hour), c.alice, 0)
			done(t, talk, mentor.Deck, deckDue.Add(-20*time.Hour), c.chloe, 0)
			return milestoneDone(talk, done(t, talk, mentor.DryRun, at, c.bob, 0), at, c.bob)
		}},
		{"mentor_done_lightning_over_slot", "mentor_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.contractTalk(c.bob)
			at := time.Date(2027, 3, 14, 11, 0, 0, 0, time.UTC)
			done(t, talk, mentor.Outline, outlineDue.Add(-3*24*time.Hour), c.erin, 0)
			done(t, talk, mentor.Deck, deckDue.Add(-2*time.Hour), c.erin, 0)
			return milestoneDone(talk, done(t, talk, mentor.DryRun, at, c.erin, 7), at, c.erin)
		}},
		{"mentor_done_dryrun_over_slot_by_mentor", "mentor_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.trunkTalk()
			at := time.Date(2027, 3, 14, 17, 30, 0, 0, time.UTC)
			done(t, talk, mentor.Outline, outlineDue.Add(-26*time.Hour), c.alice, 0)
			done(t, talk, mentor.Deck, deckDue.Add(-20*time.Hour), c.chloe, 0)
			return milestoneDone(talk, done(t, talk, mentor.DryRun, at, c.bob, 38), at, c.bob)
		}},
		{"mentor_done_lightning_over_slot_no_mentor", "mentor_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.contractTalk(nil)
			at := time.Date(2027, 3, 14, 11, 0, 0, 0, time.UTC)
			done(t, talk, mentor.Outline, outlineDue.Add(-3*24*time.Hour), c.erin, 0)
			done(t, talk, mentor.Deck, deckDue.Add(-2*time.Hour), c.erin, 0)
			return milestoneDone(talk, done(t, talk, mentor.DryRun, at, c.erin, 7), at, c.erin)
		}},
		{"mentor_done_final_all_done", "mentor_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.trunkTalk()
			at := time.Date(2027, 3, 16, 16, 45, 0, 0, time.UTC)
			done(t, talk, mentor.Outline, outlineDue.Add(-26*time.Hour), c.alice, 0)
			done(t, talk, mentor.Deck, deckDue.Add(-20*time.Hour), c.chloe, 0)
			done(t, talk, mentor.DryRun, dryRunDue.Add(-15*time.Hour), c.alice, 27)
			return milestoneDone(talk, done(t, talk, mentor.Final, at, c.alice, 0), at, c.alice)
		}},

		// mentor_status
		{"mentor_status_mix", "mentor_status", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorStatus(t, c.org)
		}},
		{"mentor_status_reader_new_york", "mentor_status", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorStatus(t, c.bob)
		}},
		{"mentor_status_no_talks", "mentor_status", func(t *testing.T) any {
			c := newConf(t)
			return templates.MentorStatus{Event: c.devday, Offsets: mentor.DefaultOffsets, Now: now, Reader: c.org}
		}},
		{"mentor_status_two_need_mentors", "mentor_status", func(t *testing.T) any {
			c := newConf(t)
			c.stories.FirstTime = true
			return templates.MentorStatus{Event: c.devday, Offsets: mentor.DefaultOffsets, Now: now, Reader: c.org,
				Talks: []*mentor.Talk{c.contractTalk(nil), c.prep(decide(c.stories, cfp.Accepted, true), nil, true)}}
		}},

		// mentor_offsets
		{"mentor_offsets_defaults", "mentor_offsets", func(t *testing.T) any {
			return templates.MentorOffsets{Event: newConf(t).devday, Offsets: mentor.DefaultOffsets}
		}},
		{"mentor_offsets_changed_one_day", "mentor_offsets", func(t *testing.T) any {
			return templates.MentorOffsets{Event: newConf(t).devday, Changed: true,
				Offsets: mentor.Offsets{Outline: 10, Deck: 5, DryRun: 2, Final: 1, Grace: 1, Lead: 1}}
		}},

		// mentor_notice_assigned
		{"mentor_notice_assigned_to_mentor", "mentor_notice_assigned", func(t *testing.T) any {
			c := newConf(t)
			n := c.mentorNotice(mentor.NoticeAssigned, c.bob, c.trunkTalk(), "", now)
			n.By = c.org
			return n
		}},
		{"mentor_notice_assigned_to_mentor_first_time", "mentor_notice_assigned", func(t *testing.T) any {
			c := newConf(t)
			n := c.mentorNotice(mentor.NoticeAssigned, c.hana, c.contractTalk(c.hana), "", now)
			n.By = c.org
			return n
		}},
		{"mentor_notice_assigned_to_speaker", "mentor_notice_assigned", func(t *testing.T) any {
			c := newConf(t)
			n := c.mentorNotice(mentor.NoticeAssigned, c.alice, c.trunkTalk(), "", now)
			n.By = c.org
			return n
		}},

		// mentor_notice_due, to the speakers and the mentor as each reminder
		// fires, two days before the milestone is due
		{"mentor_notice_due_outline", "mentor_notice_due", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorNotice(mentor.NoticeDue, c.alice, c.trunkTalk(), mentor.Outline, outlineDue.AddDate(0, 0, -2))
		}},
		{"mentor_notice_due_deck", "mentor_notice_due", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorNotice(mentor.NoticeDue, c.alice, c.trunkTalk(), mentor.Deck, deckDue.AddDate(0, 0, -2))
		}},
		{"mentor_notice_due_dryrun", "mentor_notice_due", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorNotice(mentor.NoticeDue, c.chloe, c.trunkTalk(), mentor.DryRun, dryRunDue.AddDate(0, 0, -2))
		}},
		{"mentor_notice_due_final", "mentor_notice_due", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorNotice(mentor.NoticeDue, c.alice, c.trunkTalk(), mentor.Final, finalDue.AddDate(0, 0, -2))
		}},
		{"mentor_notice_due_dryrun_no_mentor", "mentor_notice_due", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorNotice(mentor.NoticeDue, c.erin, c.contractTalk(nil), mentor.DryRun, dryRunDue.AddDate(0, 0, -2))
		}},
		{"mentor_notice_due_deck_lightning_late", "mentor_notice_due", func(t *testing.T) any {
			c := newConf(t)
			n := c.mentorNotice(mentor.NoticeDue, c.erin, c.contractTalk(c.bob), mentor.Deck, deckDue.AddDate(0, 0, -1))
			n.Late = true
			return n
		}},
		{"mentor_notice_due_late_past_due", "mentor_notice_due", func(t *testing.T) any {
			c := newConf(t)
			n := c.mentorNotice(mentor.NoticeDue, c.alice, c.trunkTalk(), mentor.Outline, outlineDue.Add(6*time.Hour))
			n.Late = true
			return n
		}},
		{"mentor_notice_due_to_mentor_dryrun_two_speakers", "mentor_notice_due", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorNotice(mentor.NoticeDue, c.bob, c.trunkTalk(), mentor.DryRun, dryRunDue.AddDate(0, 0, -2))
		}},
		{"mentor_notice_due_to_mentor_deck_one_speaker", "mentor_notice_due", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorNotice(mentor.NoticeDue, c.hana, c.contractTalk(c.hana), mentor.Deck, deckDue.AddDate(0, 0, -2))
		}},

		// mentor_notice_overdue, to the organisers once the grace has passed
		{"mentor_notice_overdue", "mentor_notice_overdue", func(t *testing.T) any {
			c := newConf(t)
			return c.mentorNotice(mentor.NoticeOverdue, c.org, c.trunkTalk(), mentor.Deck, deckDue.AddDate(0, 0, 1))
		}},
		{"mentor_notice_overdue_no_mentor_late", "mentor_notice_overdue", func(t *testing.T) any {
			c := newConf(t)
			c.org.TZ = "Europe/Paris"
			n := c.mentorNotice(mentor.NoticeOverdue, c.org, c.contractTalk(nil), mentor.DryRun, dryRunDue.AddDate(0, 0, 1).Add(5*time.Hour))
			n.Late = true
			return n
		}},

		// mentor_notice_done, to whoever did not mark it
		{"mentor_notice_done_dryrun_minutes_to_mentor", "mentor_notice_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.trunkTalk()
			at := time.Date(2027, 3, 14, 17, 30, 0, 0, time.UTC)
			done(t, talk, mentor.DryRun, at, c.alice, 28)
			n := c.mentorNotice(mentor.NoticeDone, c.bob, talk, mentor.DryRun, at)
			n.By = c.alice
			return n
		}},
		{"mentor_notice_done_deck_to_speaker", "mentor_notice_done", func(t *testing.T) any {
			c := newConf(t)
			talk := c.trunkTalk()
			at := time.Date(2027, 3, 10, 15, 0, 0, 0, time.UTC)
			done(t, talk, mentor.Deck, at, c.bob, 0)
			n := c.mentorNotice(mentor.NoticeDone, c.chloe, talk, mentor.Deck, at)
			n.By = c.bob
			return n
		}},
	}
}

// mentorStatus is /mentor status for DevDay 2027 on prepNow, read by
// reader: #12 has one milestone of each status and an escalated deck; #14
// is a first-time speaker's without a mentor; #17 is on track with a dry
// run recorded; #19 was only just accepted and has no milestones yet.
func (c *conf) mentorStatus(t *testing.T, reader *guild.User) templates.MentorStatus {
	trunk := c.trunkTalk()
	done(t, trunk, mentor.Outline, outlineDue.Add(-26*time.Hour), c.alice, 0)
	trunk.Milestone(mentor.Deck).Escalated = true

	contract := c.contractTalk(nil)
	done(t, contract, mentor.Outline, outlineDue.Add(-3*24*time.Hour), c.erin, 0)
	done(t, contract, mentor.Deck, deckDue.Add(-2*time.Hour), c.erin, 0)

	a11y := c.prep(decide(c.a11y, cfp.Confirmed, true), c.ivan, true)
	done(t, a11y, mentor.Outline, outlineDue.AddDate(0, 0, -5), c.hana, 0)
	done(t, a11y, mentor.Deck, deckDue.AddDate(0, 0, -1), c.hana, 0)
	done(t, a11y, mentor.DryRun, time.Date(2027, 3, 12, 16, 0, 0, 0, time.UTC), c.ivan, 27)

	stories := c.prep(decide(c.stories, cfp.Accepted, false), nil, false)

	return templates.MentorStatus{Event: c.devday, Talks: []*mentor.Talk{trunk, contract, a11y, stories},
		Offsets: mentor.DefaultOffsets, Now: prepNow, Reader: reader}
}

func remindCases() []renderCase {
	// The Tuesday meeting after now, at 12:00 in London.
	meeting := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	return []renderCase{
		// community_meeting_reminder
		{"community_meeting_reminder", "community_meeting_reminder", func(t *testing.T) any {
			return meetingNotice(t, nil, meeting, meeting.Add(-24*time.Hour), false)
		}},
		{"community_meeting_reminder_late_still_ahead", "community_meeting_reminder", func(t *testing.T) any {
			return meetingNotice(t, nil, meeting, meeting.Add(-2*time.Hour), true)
		}},
		{"community_meeting_reminder_late_passed", "community_meeting_reminder", func(t *testing.T) any {
			return meetingNotice(t, nil, meeting, meeting.Add(3*time.Hour), true)
		}},
		{"community_meeting_reminder_new_york", "community_meeting_reminder", func(t *testing.T) any {
			return meetingNotice(t, newFixture().bob, meeting, meeting.Add(-24*time.Hour), false)
		}},

		// remind_dead, to each organiser
		{"remind_dead_direct_message", "remind_dead", func(t *testing.T) any {
			f := newFixture()
			return &remind.DeadNotice{To: f.org, Reason: "slack: user_not_found", Message: &remind.Message{
				ID: 41, Key: "cfp:12:accepted:1", Kind: "cfp_notice_accepted", Platform: "slack", To: f.alice,
				Body:  `Good news: your talk #12 "What we learned moving to trunk-based development" is in at DevDay 2027.`,
				DueAt: now, NextAttemptAt: now, Status: remind.Dead, Attempts: 8, LastError: "slack: user_not_found", CreatedAt: now,
			}}
		}},
		{"remind_dead_channel_post", "remind_dead", func(t *testing.T) any {
			f := newFixture()
			return &remind.DeadNotice{To: f.org, Reason: "slack: not_in_channel (permanent)", Message: &remind.Message{
				ID: 42, Key: "announce:3:agenda", Kind: "announce", Platform: "slack", Channel: "general",
				Body:  "The DevDay 2027 agenda is out: /event show \"DevDay 2027\".",
				DueAt: now, NextAttemptAt: now, Status: remind.Dead, Attempts: 1, LastError: "slack: not_in_channel", CreatedAt: now,
			}}
		}},
		{"remind_dead_long_body", "remind_dead", func(t *testing.T) any {
			f := newFixture()
			body := "Your talk #21 \"Moving the payments platform from a monolith to services without ever stopping the world\" at DevDay 2027 is waiting for you to confirm, " +
				"and the organisers would like to hear from you before the programme is printed.\n" +
				"Please confirm by Thu 4 Mar 2027, 09:00 EST: /cfp confirm #21 — or /cfp decline #21, and a backup speaker gets the slot.\n" +
				strings.Repeat("More lines follow. ", 3)
			return &remind.DeadNotice{To: f.org, Reason: "console: write /dev/pts/3: input/output error", Message: &remind.Message{
				ID: 43, Key: "confirm:21:1803027600:2", Kind: "cfp_notice_chase", Platform: "console", To: f.bob,
				Body: body, DueAt: now, NextAttemptAt: now, Status: remind.Dead, Attempts: 8, CreatedAt: now,
			}}
		}},
		{"remind_dead_multi_line_body", "remind_dead", func(t *testing.T) any {
			f := newFixture()
			body := "Reminder: Qualité & Tests meets Tue 1 Dec 2026, 12:00 GMT.\n" +
				"/community show \"Qualité & Tests\" has the charter and the backlog; members who miss a meeting catch up at the next."
			return &remind.DeadNotice{To: f.org, Reason: "slack: account_inactive", Message: &remind.Message{
				ID: 44, Key: "meeting:7:1764590400:3", Kind: "community_meeting_reminder", Platform: "slack", To: f.chloe,
				Body: body, DueAt: now, NextAttemptAt: now, Status: remind.Dead, Attempts: 3, CreatedAt: now,
			}}
		}},

		// cfp_notice_chase, to the lead speaker
		{"cfp_notice_chase_accepted", "cfp_notice_chase", func(t *testing.T) any {
			c := newConf(t)
			return c.chase(cfp.NoticeChase, c.alice, decide(c.trunk, cfp.Accepted, true), false)
		}},
		{"cfp_notice_chase_offered", "cfp_notice_chase", func(t *testing.T) any {
			c := newConf(t)
			return c.chase(cfp.NoticeChase, c.erin, decide(c.stories, cfp.Offered, true), false)
		}},
		{"cfp_notice_chase_late", "cfp_notice_chase", func(t *testing.T) any {
			c := newConf(t)
			return c.chase(cfp.NoticeChase, c.alice, decide(c.trunk, cfp.Accepted, true), true)
		}},
		{"cfp_notice_chase_new_york", "cfp_notice_chase", func(t *testing.T) any {
			c := newConf(t)
			return c.chase(cfp.NoticeChase, c.bob, decide(c.payments, cfp.Accepted, true), false)
		}},

		// cfp_notice_unconfirmed, to each organiser
		{"cfp_notice_unconfirmed_accepted", "cfp_notice_unconfirmed", func(t *testing.T) any {
			c := newConf(t)
			return c.chase(cfp.NoticeUnconfirmed, c.org, decide(c.trunk, cfp.Accepted, true), false)
		}},
		{"cfp_notice_unconfirmed_offered", "cfp_notice_unconfirmed", func(t *testing.T) any {
			c := newConf(t)
			return c.chase(cfp.NoticeUnconfirmed, c.org, decide(c.stories, cfp.Offered, true), false)
		}},
		{"cfp_notice_unconfirmed_late", "cfp_notice_unconfirmed", func(t *testing.T) any {
			c := newConf(t)
			return c.chase(cfp.NoticeUnconfirmed, c.org, decide(c.contract, cfp.Accepted, true), true)
		}},
		{"cfp_notice_unconfirmed_organiser_in_tokyo", "cfp_notice_unconfirmed", func(t *testing.T) any {
			c := newConf(t)
			c.org.TZ = "Asia/Tokyo"
			return c.chase(cfp.NoticeUnconfirmed, c.org, decide(c.trunk, cfp.Accepted, true), false)
		}},
	}
}
