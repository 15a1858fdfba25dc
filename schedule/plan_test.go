package schedule_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
)

// devDay is an event from 09:00 to 17:00 with the default breaks.
func devDay() *event.Event {
	return &event.Event{ID: 1, Name: "Dev Day", Day: time.Date(2027, 3, 18, 0, 0, 0, 0, time.UTC), Start: 9 * 60, End: 17 * 60, TZ: "Europe/London",
		Rooms: []event.Room{{Name: "Main", Capacity: 120}, {Name: "Lab", Capacity: 30, Formats: []string{"workshop", "talk"}}, {Name: "Side", Capacity: 60}}}
}

// lineUp makes n submissions of format f from id, each with its own
// speaker unless speaker is set.
type talkSpec struct {
	id        int64
	format    string
	minutes   int
	speakers  []int64
	available []cfp.Window
	interest  int
	tags      []string
	dept      string
	first     bool
}

func sub(t talkSpec) *cfp.Submission {
	s := &cfp.Submission{ID: t.id, Title: fmt.Sprintf("Talk %d", t.id), Format: cfp.Format{Name: t.format, Minutes: t.minutes},
		Available: t.available, Interest: t.interest, Tags: t.tags, FirstTime: t.first, State: cfp.Confirmed}
	sp := t.speakers
	if len(sp) == 0 {
		sp = []int64{100 + t.id}
	}
	for i, id := range sp {
		s.Speakers = append(s.Speakers, &cfp.Speaker{User: &guild.User{ID: id, Name: fmt.Sprintf("u%d", id)}, Lead: i == 0, Department: t.dept})
	}
	return s
}

func mixed() []*cfp.Submission {
	var out []*cfp.Submission
	out = append(out, sub(talkSpec{id: 1, format: "keynote", minutes: 45}))
	for i := int64(2); i < 16; i++ {
		out = append(out, sub(talkSpec{id: i, format: "talk", minutes: 30, interest: int(i * 7)}))
	}
	for i := int64(16); i < 23; i++ {
		out = append(out, sub(talkSpec{id: i, format: "lightning", minutes: 5}))
	}
	out = append(out, sub(talkSpec{id: 23, format: "workshop", minutes: 90}))
	out = append(out, sub(talkSpec{id: 24, format: "social", minutes: 60}))
	return out
}

func TestBuildMixedDay(t *testing.T) {
	ev := devDay()
	ps, rep, err := schedule.Build(ev, mixed(), schedule.BuildOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "#%d %s\n", p.Talk, p)
	}
	t.Logf("%+v\n%s", rep, b.String())
}
