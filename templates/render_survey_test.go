package templates_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
	"github.com/guildhall/guildhall/templates"
)

// DevDay 2027 ends at 17:30 London time (GMT) on Thursday 18 March 2027;
// its survey goes out then, is reminded two days later and closes a week
// later.
var (
	devDayEnd = time.Date(2027, 3, 18, 17, 30, 0, 0, time.UTC)
	// afterNow is the evening after DevDay 2027, while its survey is open.
	afterNow = devDayEnd.Add(3 * time.Hour)
)

// surveyConf is conf with DevDay 2027's survey and its line-up.
type surveyConf struct {
	*conf
	talks []survey.Talk
}

func newSurveyConf(t testing.TB) *surveyConf {
	c := &surveyConf{conf: newConf(t)}
	c.talks = []survey.Talk{
		{ID: 12, Title: "Trunk-based development at scale", Speakers: []*guild.User{c.alice, c.chloe}, Format: "talk"},
		{ID: 14, Title: "Contract testing in five minutes", Speakers: []*guild.User{c.erin}, Format: "lightning", FirstTime: true},
		{ID: 15, Title: "Flaky tests: a field guide", Speakers: []*guild.User{c.hana}, Format: "talk"},
	}
	return c
}

// survey returns DevDay 2027's survey: scheduled, or sent by itself when
// the day ended to recipients people, anonymous or not.
func (c *surveyConf) survey(sent bool, recipients int, anonymous bool) *survey.Survey {
	s := survey.New(c.devday)
	s.ID, s.Anonymous = 5, anonymous
	if sent {
		s.Send(s.DueAt(), nil)
		s.Recipients = recipients
	}
	return s
}

// rows are answers to DevDay 2027's survey from alice, bob, dan, erin, finn
// and an anonymous answer, with talk ratings and comments.
func (c *surveyConf) rows(s *survey.Survey) survey.Rows {
	by := func(u *guild.User) *guild.User {
		if s.Anonymous {
			return nil
		}
		return u
	}
	return survey.Rows{Survey: s, Talks: c.talks,
		Responses: []survey.Response{
			{ID: 1, By: by(c.bob), Rating: 5, Different: "Pair on the flaky tests with the person who wrote them.", Helped: 15},
			{ID: 2, By: by(c.dan), Rating: 4, Different: "Merge to trunk daily; no more week-long branches.", Helped: 12},
			{ID: 3, Rating: 2, Different: "Less time on slides, more on live demos."},
			{ID: 4, By: by(c.erin), Rating: 4, Different: "Quarantine flaky tests instead of retrying them.", Helped: 15},
			{ID: 5, By: by(c.finn), Rating: 5, Different: "Write a contract test for the payments API."},
			{ID: 6, By: by(c.ivan), Rating: 3, Different: "Ask the ops team about flaky tests."},
		},
		Ratings: []survey.TalkRating{
			{ID: 1, Response: 1, Talk: 15, Rating: 5, Comment: "The field guide table is going on our wall."},
			{ID: 2, Response: 1, Talk: 12, Rating: 4},
			{ID: 3, Response: 2, Talk: 12, Rating: 5, Comment: "Clear, and the numbers convinced me."},
			{ID: 4, Response: 3, Talk: 12, Rating: 2, Comment: "Too fast; the slides were unreadable from the back.", Hidden: true},
			{ID: 5, Response: 3, Talk: 15, Rating: 3},
			{ID: 6, Response: 4, Talk: 15, Rating: 4, Comment: "More examples next time, please."},
			{ID: 7, Response: 6, Talk: 15, Rating: 4, Comment: "Useful."},
			{ID: 8, Response: 6, Talk: 12, Rating: 3, Comment: "Good."},
		},
		Releases: []survey.Release{{Talk: 15, By: c.org, At: afterNow}},
		Ideas: []*survey.Idea{
			{ID: 1, SurveyID: 5, Event: c.devday.Name, Text: "A flaky-test wall in the office", Owner: by(c.bob), State: survey.IdeaInProgress, RaisedAt: devDayEnd.Add(time.Hour)},
			{ID: 2, SurveyID: 5, Event: c.devday.Name, Text: "Live demos only at the next DevDay", State: survey.IdeaOpen, RaisedAt: devDayEnd},
			{ID: 3, SurveyID: 5, Event: c.devday.Name, Text: "Friday trunk parties", Owner: by(c.dan), State: survey.IdeaDropped, RaisedAt: devDayEnd.Add(time.Hour)},
		},
	}
}

func surveyCases() []renderCase {
	results := func(t *testing.T, anonymous bool, page, per int, link bool) templates.SurveyResults {
		c := newSurveyConf(t)
		s := c.survey(true, 12, anonymous)
		r := survey.Compute(c.rows(s))
		v := templates.SurveyResults{Results: r, Page: page, Pages: (len(r.Different) + per - 1) / per, PerPage: per, Reader: c.org, Now: afterNow}
		if link {
			v.Link = "http://127.0.0.1:8080/events/DevDay%202027/feedback?u=6&exp=1805000000&sig=0f1e"
			v.CSV = "http://127.0.0.1:8080/events/DevDay%202027/feedback.csv?u=6&exp=1805000000&sig=0f1e"
			v.Until = afterNow.Add(24 * time.Hour)
		}
		return v
	}
	idea := func(c *surveyConf, st survey.IdeaState, owner *guild.User) *survey.Idea {
		return &survey.Idea{ID: 4, SurveyID: 5, Event: c.devday.Name, Text: "A testing guild that meets on Thursdays", Owner: owner, State: st, RaisedAt: devDayEnd.Add(time.Hour)}
	}
	return []renderCase{
		{"event_attend_scheduled", "event_attend", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.Attended{Attendance: &survey.Attendance{Event: c.devday, User: c.bob, Attendees: 31, Survey: c.survey(false, 0, false)}, Reader: c.bob, Now: now}
		}},
		{"event_attend_first", "event_attend", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.Attended{Attendance: &survey.Attendance{Event: c.devday, User: c.bob, Attendees: 1, Survey: c.survey(false, 0, false)}, Reader: c.bob, Now: now}
		}},
		{"event_attend_open_sent", "event_attend", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.Attended{Attendance: &survey.Attendance{Event: c.devday, User: c.bob, Attendees: 2, Survey: c.survey(true, 2, false), Sent: true}, Reader: c.bob, Now: afterNow}
		}},
		{"event_attend_already", "event_attend", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.Attended{Attendance: &survey.Attendance{Event: c.devday, User: c.bob, Attendees: 40, Already: true, Survey: c.survey(true, 40, false)}, Reader: c.bob, Now: afterNow}
		}},
		{"survey_answered_with_idea", "survey_answered", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.SurveyAnswered{Receipt: &survey.Receipt{Survey: c.survey(true, 12, false), Idea: idea(c, survey.IdeaOpen, c.bob), IdeaNew: true}, Reader: c.bob}
		}},
		{"survey_answered_updated_anonymous", "survey_answered", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.SurveyAnswered{Receipt: &survey.Receipt{Survey: c.survey(true, 12, false), Updated: true, Anonymous: true, Idea: idea(c, survey.IdeaOpen, nil)}, Reader: c.bob}
		}},
		{"survey_answered", "survey_answered", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.SurveyAnswered{Receipt: &survey.Receipt{Survey: c.survey(true, 12, true), Anonymous: true}, Reader: c.alice}
		}},
		{"survey_schedule_scheduled", "survey_schedule", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.SurveyStatus{Survey: c.survey(false, 0, false), Reader: c.org, Now: now}
		}},
		{"survey_schedule_changed", "survey_schedule", func(t *testing.T) any {
			c := newSurveyConf(t)
			s := c.survey(false, 0, true)
			s.Delay, s.RemindAfter, s.CloseAfter, s.Community = time.Hour, 36*time.Hour, 14*24*time.Hour, "Qualité & Tests"
			s.SendAt = s.DueAt()
			return templates.SurveyStatus{Survey: s, Changed: true, Reader: c.org, Now: now}
		}},
		{"survey_schedule_shown_to_member", "survey_schedule", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.SurveyStatus{Survey: c.survey(false, 0, false), Reader: c.bob, Now: now}
		}},
		{"survey_schedule_open", "survey_schedule", func(t *testing.T) any {
			c := newSurveyConf(t)
			s := c.survey(true, 40, false)
			s.Answers = 17
			return templates.SurveyStatus{Survey: s, Reader: c.alice, Now: devDayEnd.Add(3 * 24 * time.Hour)}
		}},
		{"survey_schedule_closed_by_hand", "survey_schedule", func(t *testing.T) any {
			c := newSurveyConf(t)
			s := survey.New(c.devday)
			s.ID = 5
			s.Send(devDayEnd.Add(-time.Hour), c.org)
			s.Recipients, s.Answers = 40, 31
			return templates.SurveyStatus{Survey: s, Reader: c.org, Now: devDayEnd.Add(30 * 24 * time.Hour)}
		}},
		{"survey_sent", "survey_sent", func(t *testing.T) any {
			c := newSurveyConf(t)
			s := survey.New(c.devday)
			s.ID, s.Anonymous = 5, true
			s.Send(devDayEnd.Add(-time.Hour), c.org)
			s.Recipients = 42
			return templates.SurveyStatus{Survey: s, Reader: c.org, Now: devDayEnd.Add(-time.Hour)}
		}},
		{"survey_sent_nobody", "survey_sent", func(t *testing.T) any {
			c := newSurveyConf(t)
			s := survey.New(c.devday)
			s.ID = 5
			s.Send(devDayEnd, c.org)
			return templates.SurveyStatus{Survey: s, Reader: c.org, Now: devDayEnd}
		}},
		{"survey_results", "survey_results", func(t *testing.T) any { return results(t, false, 1, 20, true) }},
		{"survey_results_paged", "survey_results", func(t *testing.T) any { return results(t, false, 1, 4, false) }},
		{"survey_results_last_page_anonymous", "survey_results", func(t *testing.T) any { return results(t, true, 2, 4, false) }},
		{"survey_results_empty", "survey_results", func(t *testing.T) any {
			c := newSurveyConf(t)
			s := c.survey(true, 12, false)
			return templates.SurveyResults{Results: survey.Compute(survey.Rows{Survey: s, Talks: c.talks}), Page: 1, Pages: 1, PerPage: 20, Reader: c.org, Now: afterNow}
		}},
		{"survey_results_closed_many_comments", "survey_results", func(t *testing.T) any {
			c := newSurveyConf(t)
			s := c.survey(true, 7, false)
			in := survey.Rows{Survey: s, Talks: c.talks[:1], Responses: []survey.Response{{ID: 1, By: c.bob, Rating: 4, Different: "Pair more."}}}
			for i := 1; i <= 5; i++ {
				in.Ratings = append(in.Ratings, survey.TalkRating{ID: int64(i), Response: 1, Talk: 12, Rating: 4, Comment: fmt.Sprintf("Comment %d.", i)})
			}
			return templates.SurveyResults{Results: survey.Compute(in), Page: 1, Pages: 1, PerPage: 20, Reader: c.org, Now: devDayEnd.Add(8 * 24 * time.Hour)}
		}},
		{"survey_released", "survey_released", func(t *testing.T) any {
			c := newSurveyConf(t)
			r := survey.Compute(c.rows(c.survey(true, 12, false)))
			return templates.FeedbackReleased{Event: c.devday.Name, Feedback: []*survey.TalkFeedback{r.Talk(12), r.Talk(14)}}
		}},
		{"survey_hidden", "survey_hidden", func(t *testing.T) any {
			return &survey.Comment{ID: 4, Talk: 12, Text: "Too fast", Hidden: true}
		}},
		{"survey_hidden_released", "survey_hidden", func(t *testing.T) any {
			return &survey.Comment{ID: 4, Talk: 12, Text: "Too fast", Hidden: true, Released: true}
		}},
		{"survey_unhidden", "survey_hidden", func(t *testing.T) any {
			return &survey.Comment{ID: 4, Talk: 12, Text: "Too fast"}
		}},
		{"survey_unhidden_released", "survey_hidden", func(t *testing.T) any {
			return &survey.Comment{ID: 4, Talk: 12, Text: "Too fast", Released: true}
		}},
		{"survey_feedback", "survey_feedback", func(t *testing.T) any {
			c := newSurveyConf(t)
			r := survey.Compute(c.rows(c.survey(true, 12, false)))
			return templates.SpeakerFeedback{Event: c.devday.Name, Feedback: []*survey.TalkFeedback{r.Talk(12).ForSpeaker(), r.Talk(14)}}
		}},
		{"survey_writeup", "survey_writeup", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.WriteupView{Writeup: survey.NewWriteup(survey.Compute(c.rows(c.survey(true, 12, false)))), Now: afterNow}
		}},
		{"survey_writeup_anonymous", "survey_writeup", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.WriteupView{Writeup: survey.NewWriteup(survey.Compute(c.rows(c.survey(true, 12, true)))), Now: afterNow}
		}},
		{"survey_writeup_no_answers", "survey_writeup", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.WriteupView{Writeup: survey.NewWriteup(survey.Compute(survey.Rows{Survey: c.survey(true, 12, false), Talks: c.talks})), Now: afterNow}
		}},
		{"survey_notice_request", "survey_notice_request", func(t *testing.T) any {
			c := newSurveyConf(t)
			return &survey.Notice{Kind: survey.NoticeRequest, To: c.bob, Survey: c.survey(true, 12, false), Talks: c.talks, Now: devDayEnd}
		}},
		{"survey_notice_request_anonymous_late", "survey_notice_request", func(t *testing.T) any {
			c := newSurveyConf(t)
			var many []survey.Talk
			for i := range 14 {
				many = append(many, survey.Talk{ID: int64(20 + i), Title: fmt.Sprintf("Lightning talk %d", i+1), Speakers: []*guild.User{c.ivan}})
			}
			return &survey.Notice{Kind: survey.NoticeRequest, To: c.alice, Survey: c.survey(true, 12, true), Talks: many, Late: true, Now: devDayEnd.Add(5 * time.Hour)}
		}},
		{"survey_notice_reminder", "survey_notice_reminder", func(t *testing.T) any {
			c := newSurveyConf(t)
			return &survey.Notice{Kind: survey.NoticeReminder, To: c.bob, Survey: c.survey(true, 12, false), Talks: c.talks, Now: devDayEnd.Add(48 * time.Hour)}
		}},
		{"survey_notice_reminder_anonymous_late", "survey_notice_reminder", func(t *testing.T) any {
			c := newSurveyConf(t)
			return &survey.Notice{Kind: survey.NoticeReminder, To: c.bob, Survey: c.survey(true, 12, true), Talks: c.talks, Late: true, Now: devDayEnd.Add(50 * time.Hour)}
		}},
		{"survey_notice_open", "survey_notice_open", func(t *testing.T) any {
			c := newSurveyConf(t)
			return &survey.Notice{Kind: survey.NoticeOpen, Survey: c.survey(true, 12, true), Talks: c.talks, Now: devDayEnd}
		}},
		{"survey_notice_feedback", "survey_notice_feedback", func(t *testing.T) any {
			c := newSurveyConf(t)
			r := survey.Compute(c.rows(c.survey(true, 12, false)))
			return &survey.Notice{Kind: survey.NoticeFeedback, To: c.alice, Survey: r.Survey, Feedback: r.Talk(12).ForSpeaker(), Now: afterNow}
		}},
		{"survey_notice_feedback_unrated", "survey_notice_feedback", func(t *testing.T) any {
			c := newSurveyConf(t)
			r := survey.Compute(c.rows(c.survey(true, 12, false)))
			return &survey.Notice{Kind: survey.NoticeFeedback, To: c.erin, Survey: r.Survey, Feedback: r.Talk(14), Now: afterNow}
		}},
		{"idea_notice_followup_first", "idea_notice_followup", func(t *testing.T) any {
			c := newSurveyConf(t)
			i := idea(c, survey.IdeaOpen, c.bob)
			return &survey.IdeaNotice{To: c.bob, Idea: i, Followup: 1, Weeks: 2, Now: i.FollowupAt(1)}
		}},
		{"idea_notice_followup_second_late", "idea_notice_followup", func(t *testing.T) any {
			c := newSurveyConf(t)
			i := idea(c, survey.IdeaInProgress, c.bob)
			return &survey.IdeaNotice{To: c.bob, Idea: i, Followup: 2, Weeks: 6, Late: true, Now: i.FollowupAt(2).Add(3 * time.Hour)}
		}},
		{"idea_list", "idea_list", func(t *testing.T) any {
			c := newSurveyConf(t)
			rows := c.rows(c.survey(true, 12, false))
			return templates.IdeaList{Event: c.devday, Ideas: rows.Ideas, All: len(rows.Ideas), Reader: c.alice}
		}},
		{"idea_list_state", "idea_list", func(t *testing.T) any {
			c := newSurveyConf(t)
			rows := c.rows(c.survey(true, 12, false))
			return templates.IdeaList{Event: c.devday, Ideas: rows.Ideas[:1], All: len(rows.Ideas), State: survey.IdeaInProgress, Reader: c.alice}
		}},
		{"idea_list_state_none", "idea_list", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.IdeaList{Event: c.devday, All: 3, State: survey.IdeaDone, Reader: c.alice}
		}},
		{"idea_list_none", "idea_list", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.IdeaList{Event: c.devday, Reader: c.alice}
		}},
		{"idea_set_done", "idea_set", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.IdeaSet{Idea: idea(c, survey.IdeaDone, c.bob), Reader: c.bob}
		}},
		{"idea_set_done_by_organiser", "idea_set", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.IdeaSet{Idea: idea(c, survey.IdeaDone, c.bob), Reader: c.org}
		}},
		{"idea_set_progress", "idea_set", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.IdeaSet{Idea: idea(c, survey.IdeaInProgress, c.bob), Reader: c.bob}
		}},
		{"idea_set_progress_by_organiser", "idea_set", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.IdeaSet{Idea: idea(c, survey.IdeaInProgress, c.bob), Reader: c.org}
		}},
		{"idea_set_dropped", "idea_set", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.IdeaSet{Idea: idea(c, survey.IdeaDropped, nil), Reader: c.org}
		}},
		{"idea_set_open", "idea_set", func(t *testing.T) any {
			c := newSurveyConf(t)
			return templates.IdeaSet{Idea: idea(c, survey.IdeaOpen, c.bob), Reader: c.bob}
		}},
	}
}
