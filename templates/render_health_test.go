package templates_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
	"github.com/guildhall/guildhall/templates"
)

// healthStart is when round 1 of Qualité & Tests' health check went out;
// each later round went out four weeks after the one before, and each
// closed a week after it went out.
var healthStart = time.Date(2026, 8, 4, 9, 0, 0, 0, time.UTC)

// healthRound is round n of qa's health check, sent to recipients by
// alice (or by itself for round 1) and closed.
func healthRound(f *fixture, n, recipients int) *survey.Survey {
	s := survey.NewHealthRound(f.qa.ID, f.qa.Name, n)
	s.ID, s.Recipients = int64(40+n), recipients
	var by *guild.User
	if n > 1 {
		by = f.alice
	}
	s.Send(healthStart.AddDate(0, 0, 28*(n-1)), by)
	s.State, s.ClosedAt = survey.Closed, s.ClosesAt
	return s
}

// healthHistory is qa's health check in stage, one closed round per avgs
// entry: two answers per round whose element averages are exactly the
// entry (halves split into the two scores either side).
func healthHistory(f *fixture, stage community.Stage, avgs ...[5]float64) survey.HealthRows {
	in := survey.HealthRows{Community: f.qa.Name, Stage: stage}
	for i, a := range avgs {
		var lo, hi [5]int
		for j, v := range a {
			lo[j], hi[j] = int(math.Floor(v)), int(math.Ceil(v))
		}
		sv := healthRound(f, i+1, 3)
		in.Rounds = append(in.Rounds, sv)
		in.Answers = append(in.Answers, survey.HealthRow{Survey: sv.ID, Scores: lo}, survey.HealthRow{Survey: sv.ID, Scores: hi})
	}
	in.Now = now
	return in
}

func healthView(f *fixture, in survey.HealthRows, reader *guild.User) templates.HealthReportView {
	c := f.qa
	c.Stage = in.Stage
	return templates.HealthReportView{Report: survey.ComputeHealth(in), Community: c, Member: true,
		CanManage: reader.Organiser || reader.ID == c.Coordinator.ID, Reader: reader}
}

// openRound adds round n, open since sent, with answers answers of 3s.
func openRound(f *fixture, in *survey.HealthRows, n int, sent time.Time, answers int) {
	s := survey.NewHealthRound(f.qa.ID, f.qa.Name, n)
	s.ID, s.Recipients = int64(40+n), 3
	s.Send(sent, f.alice)
	in.Rounds = append(in.Rounds, s)
	for range answers {
		in.Answers = append(in.Answers, survey.HealthRow{Survey: s.ID, Scores: [5]int{3, 3, 3, 3, 3}})
	}
}

func mustCadence(t *testing.T, spec, tz string) survey.HealthCadence {
	t.Helper()
	c, err := survey.ParseHealthCadence(spec, tz, survey.HealthOptions{})
	if err != nil {
		t.Fatalf("ParseHealthCadence(%q, %q): %v", spec, tz, err)
	}
	return c
}

func healthNotice(f *fixture, kind survey.NoticeKind, to *guild.User, round *survey.Survey, late bool) *survey.HealthNotice {
	return &survey.HealthNotice{Kind: kind, To: to, Round: round, Late: late, Now: round.SentAt}
}

func healthCases() []renderCase {
	return []renderCase{
		// /community health: the report
		{"health_report_empty", "health_report", func(t *testing.T) any {
			f := newFixture()
			return healthView(f, survey.HealthRows{Community: f.qa.Name, Stage: community.StageForming, Now: now}, f.bob)
		}},
		{"health_report_empty_coordinator", "health_report", func(t *testing.T) any {
			f := newFixture()
			return healthView(f, survey.HealthRows{Community: f.qa.Name, Stage: community.StageForming, Now: now}, f.alice)
		}},
		{"health_report_first_round", "health_report", func(t *testing.T) any {
			f := newFixture()
			sv := healthRound(f, 1, 5)
			in := survey.HealthRows{Community: f.qa.Name, Stage: community.StageForming, Now: now, Rounds: []*survey.Survey{sv},
				Answers: []survey.HealthRow{
					{Survey: sv.ID, Scores: [5]int{4, 2, 3, 5, 1}, Comment: "We never hear from management."},
					{Survey: sv.ID, Scores: [5]int{5, 3, 3, 4, 2}},
					{Survey: sv.ID, Scores: [5]int{3, 2, 4, 4, 2}, Comment: "More pairing, please.\nAnd fewer slides."},
				}}
			return healthView(f, in, f.bob)
		}},
		{"health_report_three_rounds", "health_report", func(t *testing.T) any {
			// Leadership goes up, engagement down round after round.
			f := newFixture()
			in := healthHistory(f, community.StageForming,
				[5]float64{3, 4.5, 3.5, 3.5, 3},
				[5]float64{3.5, 4, 3.5, 3.75, 3},
				[5]float64{4.5, 3.5, 3.5, 4, 3.5})
			in.Cadence = mustCadence(t, "0 9 1 * *", "Europe/London")
			return healthView(f, in, f.bob) // in New York
		}},
		{"health_report_weak", "health_report", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageMaturing,
				[5]float64{4, 4, 4, 4, 2.5},
				[5]float64{3.5, 4, 4.5, 3.5, 2.5},
				[5]float64{3.5, 4, 4.5, 2.5, 2})
			in.Rounds[len(in.Rounds)-1].Recipients = 12
			last := in.Rounds[len(in.Rounds)-1].ID
			for i := range 7 {
				in.Answers = append(in.Answers, survey.HealthRow{Survey: last, Scores: [5]int{3, 4, 5, 2, 2}, Comment: fmt.Sprintf("Comment %d.", i+1)})
			}
			in.Cadence = mustCadence(t, "0 9 1 * *", "Europe/Paris")
			return healthView(f, in, f.alice)
		}},
		{"health_report_stage_maturing", "health_report", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageForming, [5]float64{4, 3.5, 4, 3.5, 3.5}, [5]float64{4, 4, 4, 3.5, 3.5})
			return healthView(f, in, f.alice)
		}},
		{"health_report_stage_self_sustaining", "health_report", func(t *testing.T) any {
			f := newFixture()
			strong := [5]float64{4, 4.5, 4, 4, 5}
			in := healthHistory(f, community.StageMaturing, [5]float64{3, 3, 3, 3, 3}, strong, strong, strong)
			return healthView(f, in, f.org)
		}},
		{"health_report_stalling", "health_report", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageForming, [5]float64{4, 3.5, 4, 3.5, 3.5}, [5]float64{3, 3, 3, 3, 3}, [5]float64{2, 2.5, 2.5, 2, 2.5})
			return healthView(f, in, f.bob)
		}},
		{"health_report_stalling_maturing", "health_report", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageMaturing, [5]float64{4, 3.5, 4, 3.5, 3.5}, [5]float64{3.5, 3.5, 3.5, 3.5, 3}, [5]float64{3, 3, 3, 3, 3})
			return healthView(f, in, f.alice)
		}},
		{"health_report_many_rounds", "health_report", func(t *testing.T) any {
			f := newFixture()
			var avgs [][5]float64
			for i := range 8 {
				v := 3 + float64(i%3)/2
				avgs = append(avgs, [5]float64{v, 4, 4, 4, 4})
			}
			return healthView(f, healthHistory(f, community.StageSelfSustaining, avgs...), f.bob)
		}},
		{"health_report_open_first_round", "health_report", func(t *testing.T) any {
			f := newFixture()
			in := survey.HealthRows{Community: f.qa.Name, Stage: community.StageForming, Now: now}
			openRound(f, &in, 1, now.Add(-24*time.Hour), 1)
			return healthView(f, in, f.bob)
		}},
		{"health_report_open_answered", "health_report", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageForming, [5]float64{3, 3.5, 3, 4, 3}, [5]float64{3.5, 3.5, 3, 4, 3})
			openRound(f, &in, 3, now.Add(-24*time.Hour), 2)
			in.Cadence = mustCadence(t, "@monthly", "")
			v := healthView(f, in, f.alice)
			v.Report.Answered = true
			return v
		}},
		{"health_report_organiser_not_member", "health_report", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageForming, [5]float64{3, 3.5, 3, 4, 3})
			openRound(f, &in, 2, now.Add(-24*time.Hour), 0)
			v := healthView(f, in, f.org)
			v.Member = false
			return v
		}},
		{"health_report_unanswered", "health_report", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageForming, [5]float64{3, 3.5, 3, 4, 3})
			in.Rounds = append(in.Rounds, healthRound(f, 2, 4))
			return healthView(f, in, f.alice)
		}},

		// /community health sending, /community rate, every=
		{"health_sent", "health_sent", func(t *testing.T) any {
			f := newFixture()
			s := survey.NewHealthRound(f.qa.ID, f.qa.Name, 3)
			s.Send(now, f.alice)
			s.Recipients = 12
			return templates.HealthSent{Round: s, Reader: f.alice}
		}},
		{"health_rated", "health_rated", func(t *testing.T) any {
			f := newFixture()
			s := survey.NewHealthRound(f.qa.ID, f.qa.Name, 2)
			s.Send(now.Add(-time.Hour), f.alice)
			return templates.HealthRated{Receipt: &survey.Receipt{Survey: s, Anonymous: true},
				Answer: &survey.HealthAnswer{Scores: [5]int{4, 3, 5, 2, 1}}, Reader: f.bob}
		}},
		{"health_rated_updated", "health_rated", func(t *testing.T) any {
			f := newFixture()
			s := survey.NewHealthRound(f.qa.ID, f.qa.Name, 2)
			s.Send(now.Add(-time.Hour), f.alice)
			return templates.HealthRated{Receipt: &survey.Receipt{Survey: s, Updated: true, Anonymous: true},
				Answer: &survey.HealthAnswer{Scores: [5]int{4, 4, 5, 2, 2}, Comment: "Our sponsor left; we need a new one."}, Reader: f.chloe}
		}},
		{"health_cadence_set", "health_cadence", func(t *testing.T) any {
			f := newFixture()
			c := mustCadence(t, "0 9 1 */3 *", "Europe/Paris")
			return templates.HealthCadenceSet{Community: f.qa.Name, Cadence: c, Next: c.Next(now, 3), Reader: f.bob}
		}},
		{"health_cadence_off", "health_cadence", func(t *testing.T) any {
			f := newFixture()
			return templates.HealthCadenceSet{Community: f.qa.Name, Reader: f.alice}
		}},

		// the messages a round sends
		{"health_notice_request", "health_notice_request", func(t *testing.T) any {
			f := newFixture()
			s := survey.NewHealthRound(f.qa.ID, f.qa.Name, 1)
			s.Send(now, f.alice)
			return healthNotice(f, survey.NoticeRequest, f.bob, s, false)
		}},
		{"health_notice_request_late", "health_notice_request", func(t *testing.T) any {
			f := newFixture()
			s := survey.NewHealthRound(f.qa.ID, "Testers", 4)
			s.Send(now, nil)
			return healthNotice(f, survey.NoticeRequest, f.alice, s, true)
		}},
		{"health_notice_reminder", "health_notice_reminder", func(t *testing.T) any {
			f := newFixture()
			s := survey.NewHealthRound(f.qa.ID, f.qa.Name, 2)
			s.Send(now.Add(-48*time.Hour), f.alice)
			return healthNotice(f, survey.NoticeReminder, f.bob, s, false)
		}},
		{"health_notice_reminder_late", "health_notice_reminder", func(t *testing.T) any {
			f := newFixture()
			s := survey.NewHealthRound(f.qa.ID, f.qa.Name, 2)
			s.Send(now.Add(-72*time.Hour), f.alice)
			return healthNotice(f, survey.NoticeReminder, f.chloe, s, true)
		}},
		{"health_notice_closed", "health_notice_closed", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageForming, [5]float64{3, 3.5, 3, 4, 3}, [5]float64{3.5, 3.5, 3, 4, 3})
			n := healthNotice(f, survey.NoticeRoundClosed, f.alice, in.Rounds[1], false)
			n.Report = survey.ComputeHealth(in)
			return n
		}},
		{"health_notice_closed_weak_stalling", "health_notice_closed", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageForming, [5]float64{4, 3.5, 4, 3.5, 3.5}, [5]float64{3, 3, 3, 3, 3}, [5]float64{2, 2.5, 2.5, 2, 2.5})
			n := healthNotice(f, survey.NoticeRoundClosed, f.alice, in.Rounds[2], true)
			n.Report = survey.ComputeHealth(in)
			return n
		}},
		{"health_notice_closed_maturing", "health_notice_closed", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageForming, [5]float64{4, 3.5, 4, 3.5, 3.5}, [5]float64{4, 4, 4, 3.5, 3.5})
			n := healthNotice(f, survey.NoticeRoundClosed, f.alice, in.Rounds[1], false)
			n.Report = survey.ComputeHealth(in)
			return n
		}},
		{"health_notice_closed_no_answers", "health_notice_closed", func(t *testing.T) any {
			f := newFixture()
			in := healthHistory(f, community.StageForming, [5]float64{3, 3.5, 3, 4, 3})
			in.Rounds = append(in.Rounds, healthRound(f, 2, 4))
			n := healthNotice(f, survey.NoticeRoundClosed, f.alice, in.Rounds[1], false)
			n.Report = survey.ComputeHealth(in)
			return n
		}},
	}
}
