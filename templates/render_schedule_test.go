package templates_test

import (
	"fmt"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
	"github.com/guildhall/guildhall/templates"
)

// scheduleFixture builds DevDay 2027's draft with the solver: a keynote,
// ten talks (one unconfirmed, one with a long title), six lightning
// talks, a workshop and a social.
func scheduleFixture(t *testing.T) (*conf, *schedule.Draft) {
	t.Helper()
	c := newConf(t)
	var subs []*cfp.Submission
	add := func(id int64, title, format string, minutes int, tags ...string) {
		u := &guild.User{ID: 100 + id, Platform: guild.PlatformConsole, PlatformID: fmt.Sprintf("speaker%d", id), Name: fmt.Sprintf("speaker%d", id)}
		subs = append(subs, &cfp.Submission{ID: id, Title: title, Abstract: "About " + title, Format: cfp.Format{Name: format, Minutes: minutes},
			Speakers: []*cfp.Speaker{{User: u, Lead: true, Department: []string{"Platform", "Data", "Mobile"}[id%3]}},
			State:    cfp.Confirmed, Interest: int(10 + id*5), Tags: tags})
	}
	add(1, "Why we build guilds", "keynote", 45)
	for i := int64(2); i <= 11; i++ {
		add(i, fmt.Sprintf("Talk %d", i), "talk", 30, []string{"go", "testing", "ops"}[i%3])
	}
	subs[4].Title = "A very long title about observability in distributed systems"
	subs[5].State = cfp.Accepted
	for i := int64(12); i <= 17; i++ {
		add(i, fmt.Sprintf("Lightning %d", i), "lightning", 5)
	}
	add(18, "Hands-on fuzzing", "workshop", 90)
	add(19, "Board games", "social", 60)
	ps, rep, err := schedule.Build(c.devday, subs, schedule.BuildOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]*cfp.Submission{}
	for _, s := range subs {
		byID[s.ID] = s
	}
	d := &schedule.Draft{Report: rep}
	d.Event, d.Rooms, d.Breaks = c.devday, c.devday.Rooms, c.devday.DayBreaks()
	d.At, d.By = now, "olga"
	for _, p := range ps {
		d.Items = append(d.Items, schedule.ItemOf(p, byID[p.Talk]))
	}
	d.Sort()
	return c, d
}

func scheduleCases() []renderCase {
	release := func(t *testing.T) (*conf, *schedule.Release) {
		c, d := scheduleFixture(t)
		before := d.Program
		before.Items = append([]schedule.Item(nil), d.Items...)
		rel := &schedule.Release{Program: d.Program}
		rel.Items = append([]schedule.Item(nil), d.Items...)
		rel.Version, rel.At = 2, now
		// Release 2: a talk moved, one dropped.
		it, _ := rel.Item(3)
		it.Room, it.Start = "Studio", 11*60+45
		var kept []schedule.Item
		for _, i := range rel.Items {
			if i.Talk != 7 {
				kept = append(kept, i)
			}
		}
		rel.Items = kept
		rel.Sort()
		rel.Changes = schedule.Diff(&before, &rel.Program)
		rel.Posted, rel.Told = "devday", 2
		return c, rel
	}
	return []renderCase{
		{"schedule_built", "schedule_built", func(t *testing.T) any {
			_, d := scheduleFixture(t)
			return templates.ScheduleBuilt{Draft: d}
		}},
		{"schedule_built_rebuilt", "schedule_built", func(t *testing.T) any {
			_, d := scheduleFixture(t)
			d.Report.Previous, d.Report.Moved, d.Report.Estimated = "release 1", 2, true
			d.Report.Score.OverflowTotal, d.Report.Score.OverflowWorst, d.Report.LowerBound = 12, 8, 7
			return templates.ScheduleBuilt{Draft: d}
		}},
		{"schedule_show_draft", "schedule_show", func(t *testing.T) any {
			_, d := scheduleFixture(t)
			d.Missing, d.Gone = []int64{20}, []int64{4}
			return templates.ScheduleShow{Program: &d.Program, Draft: d, Latest: 1, Organiser: true}
		}},
		{"schedule_show_release", "schedule_show", func(t *testing.T) any {
			_, rel := release(t)
			return templates.ScheduleShow{Program: &rel.Program, Latest: 2}
		}},
		{"schedule_show_old_release", "schedule_show", func(t *testing.T) any {
			_, rel := release(t)
			rel.Version = 1
			return templates.ScheduleShow{Program: &rel.Program, Latest: 2}
		}},
		{"schedule_moved", "schedule_moved", func(t *testing.T) any {
			_, d := scheduleFixture(t)
			it, _ := d.Item(3)
			from := it.Placement
			it.Room, it.Start = "Lab", 14*60
			return templates.ScheduleMoved{Draft: d, Item: it, From: from}
		}},
		{"schedule_published_first", "schedule_published", func(t *testing.T) any {
			_, d := scheduleFixture(t)
			rel := &schedule.Release{Program: d.Program, Changes: schedule.Diff(nil, &d.Program), Told: 19}
			rel.Version = 1
			return templates.SchedulePublished{Release: rel}
		}},
		{"schedule_published_changes", "schedule_published", func(t *testing.T) any {
			_, rel := release(t)
			return templates.SchedulePublished{Release: rel}
		}},
		{"schedule_published_no_channel", "schedule_published", func(t *testing.T) any {
			_, rel := release(t)
			rel.Posted = ""
			return templates.SchedulePublished{Release: rel}
		}},
		{"schedule_change", "schedule_change", func(t *testing.T) any {
			_, rel := release(t)
			return rel.Changes[0]
		}},
		{"schedule_notice_channel_first", "schedule_notice_channel", func(t *testing.T) any {
			c, d := scheduleFixture(t)
			return &schedule.Notice{Event: c.devday, Version: 1, Changes: schedule.Diff(nil, &d.Program), Talks: len(d.Items)}
		}},
		{"schedule_notice_channel_changes", "schedule_notice_channel", func(t *testing.T) any {
			c, rel := release(t)
			return &schedule.Notice{Event: c.devday, Version: 2, Changes: rel.Changes, Talks: len(rel.Items)}
		}},
		{"schedule_notice_speaker_first", "schedule_notice_speaker", func(t *testing.T) any {
			c, d := scheduleFixture(t)
			return &schedule.Notice{Event: c.devday, Version: 1, To: c.hana, Changes: schedule.Diff(nil, &d.Program)[:1], Talks: len(d.Items)}
		}},
		{"schedule_notice_speaker_changes", "schedule_notice_speaker", func(t *testing.T) any {
			c, rel := release(t)
			return &schedule.Notice{Event: c.devday, Version: 2, To: c.hana, Changes: rel.Changes, Talks: len(rel.Items)}
		}},
	}
}
