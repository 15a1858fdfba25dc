package sqlite_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
	"github.com/guildhall/guildhall/pkg/sqlite"
)

const meetingKind = "community_meeting_reminder"

// meetingMessages returns the meeting reminders queued, by recipient name,
// in queue order.
func meetingMessages(t *testing.T, s *deliveryStore) map[string][]*remind.Message {
	t.Helper()
	out := map[string][]*remind.Message{}
	for _, m := range s.list(t, remind.Filter{Statuses: []remind.Status{remind.Pending}}) {
		if m.Kind == meetingKind {
			out[m.To.Name] = append(out[m.To.Name], m)
		}
	}
	return out
}

func (s *deliveryStore) fire(t *testing.T, now time.Time) int {
	t.Helper()
	s.clock.Set(now)
	n, err := s.reminders.Fire(context.Background(), now)
	if err != nil {
		t.Fatalf("Fire(%v): %v", now, err)
	}
	return n
}

// A community meeting on Tuesdays at noon in London reminds every member
// a day ahead, in their own zone; after three weeks down, one late
// reminder says the meeting passed and when the next is, and the one after
// comes on time.
func TestMeetingReminderWeekly(t *testing.T) {
	s := newDeliveryStore(t)
	ctx := context.Background()
	communities := sqlite.NewCommunityService(s.db)
	cora := mustUser(t, s.users, "Cora") // no zone: UTC
	nina := s.resolve(t, &guild.User{Platform: guild.PlatformConsole, PlatformID: guild.ConsoleID("Nina"), Name: "Nina", TZ: "America/New_York"})
	mo, err := s.users.UpdateProfile(as(ctx, mustUser(t, s.users, "Mo")), guild.Profile{TZ: strPtr("Europe/London")})
	if err != nil {
		t.Fatal(err)
	}
	if nina.TZ != "America/New_York" || mo.TZ != "Europe/London" {
		t.Fatalf("zones: Nina %q, Mo %q, want America/New_York, Europe/London", nina.TZ, mo.TZ)
	}
	c := &community.Community{Name: "Testers"}
	if err := communities.CreateCommunity(as(ctx, cora), c); err != nil {
		t.Fatal(err)
	}
	for _, u := range []*guild.User{nina, mo} {
		if _, err := communities.JoinCommunity(as(ctx, u), "Testers"); err != nil {
			t.Fatalf("JoinCommunity(%s): %v", u.Name, err)
		}
	}
	if _, err := communities.SetCadence(as(ctx, cora), "Testers", community.Cadence{Spec: "0 12 * * TUE", TZ: "Europe/London"}); err != nil {
		t.Fatal(err)
	}
	key := fmt.Sprintf("meeting:%d", c.ID)

	// t0 is Monday 2 March 09:00 UTC: the first reminder is at noon that
	// day in London (GMT), a day before Tuesday's meeting.
	mon := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	tue := mon.Add(24 * time.Hour)
	r, err := s.reminders.Find(ctx, key)
	if err != nil || r == nil {
		t.Fatalf("Find(%s) = %v, %v, want the meeting reminder", key, r, err)
	}
	if r.Lead != 24*time.Hour || !r.NextDue.Equal(mon) || !r.Occurrence.Equal(tue) || r.Spec != "0 12 * * TUE" || r.TZ != "Europe/London" {
		t.Errorf("reminder = {lead %s, next %v, occurrence %v, %q in %q}, want {24h, %v, %v, 0 12 * * TUE in Europe/London}",
			r.Lead, r.NextDue, r.Occurrence, r.Spec, r.TZ, mon, tue)
	}
	next, ok, err := s.reminders.NextDue(ctx)
	if err != nil || !ok || !next.Equal(mon) {
		t.Errorf("NextDue = %v, %t, %v, want %v (Monday 12:00 in London)", next, ok, err, mon)
	}
	if n := s.fire(t, mon.Add(-time.Second)); n != 0 {
		t.Errorf("Fire a second early = %d, want 0", n)
	}

	// Down for three weeks: up again an hour after the reminder of the
	// fourth meeting was due.
	down := mon.Add(3*7*24*time.Hour + time.Hour)
	if n := s.fire(t, down); n != 1 {
		t.Fatalf("Fire after three weeks down = %d, want 1 firing", n)
	}
	got := meetingMessages(t, s)
	want := map[string][]string{
		"Cora": {"meeting on Tue 3 Mar 2026, 12:00 UTC, which has now passed", "Catch up at the next one: Tue 24 Mar 2026, 12:00 UTC."},
		"Nina": {"meeting on Tue 3 Mar 2026, 07:00 EST, which has now passed", "Catch up at the next one: Tue 24 Mar 2026, 08:00 EDT."},
		"Mo":   {"meeting on Tue 3 Mar 2026, 12:00 GMT, which has now passed", "Catch up at the next one: Tue 24 Mar 2026, 12:00 GMT."},
	}
	if len(got) != len(want) {
		t.Errorf("meeting reminders went to %d members, want %d", len(got), len(want))
	}
	for name, subs := range want {
		ms := got[name]
		if len(ms) != 1 {
			t.Errorf("%s got %d meeting reminders, want 1", name, len(ms))
			continue
		}
		m := ms[0]
		if !m.Late || !m.DueAt.Equal(down) {
			t.Errorf("%s's reminder: Late %t, due %v, want late, due %v", name, m.Late, m.DueAt, down)
		}
		for _, sub := range subs {
			if !strings.Contains(m.Body, sub) {
				t.Errorf("%s's reminder = %q, want it to say %q", name, m.Body, sub)
			}
		}
	}
	if n := s.fire(t, down); n != 0 {
		t.Errorf("Fire again at %v = %d, want 0", down, n)
	}
	if n := len(meetingMessages(t, s)); n != 3 {
		t.Errorf("meeting reminders after firing twice = %d members, want 3", n)
	}

	// The next reminder is the first still ahead: Monday 30 March at noon
	// in London, which is 11:00 UTC in summer time.
	nextMon := time.Date(2026, 3, 30, 11, 0, 0, 0, time.UTC)
	if r, _ := s.reminders.Find(ctx, key); r == nil || !r.NextDue.Equal(nextMon) || r.Fired != 1 {
		t.Errorf("reminder after the late firing = %+v, want next due %v, fired once", r, nextMon)
	}
	if n := s.fire(t, nextMon.Add(-time.Minute)); n != 0 {
		t.Errorf("Fire a minute before %v = %d, want 0", nextMon, n)
	}
	if n := s.fire(t, nextMon); n != 1 {
		t.Fatalf("Fire at %v = %d, want 1", nextMon, n)
	}
	got = meetingMessages(t, s)
	wantOnTime := map[string]string{
		"Cora": "Reminder: Testers meets Tue 31 Mar 2026, 11:00 UTC.",
		"Nina": "Reminder: Testers meets Tue 31 Mar 2026, 07:00 EDT.",
		"Mo":   "Reminder: Testers meets Tue 31 Mar 2026, 12:00 BST.",
	}
	for name, sub := range wantOnTime {
		ms := got[name]
		if len(ms) != 2 {
			t.Errorf("%s got %d meeting reminders in all, want 2", name, len(ms))
			continue
		}
		m := ms[1]
		if m.Late || !m.DueAt.Equal(nextMon) || !strings.Contains(m.Body, sub) || strings.Contains(m.Body, "offline") {
			t.Errorf("%s's on-time reminder: Late %t, due %v, body %q, want on time, due %v, saying %q", name, m.Late, m.DueAt, m.Body, nextMon, sub)
		}
		if ms[0].Key == m.Key {
			t.Errorf("%s's two reminders share the key %s, want one key per meeting", name, m.Key)
		}
	}
}

// A zero cadence, or reminders off, drops the meeting reminder.
func TestMeetingReminderDropped(t *testing.T) {
	tests := []struct {
		name string
		cad  community.Cadence
		want bool // a reminder is set
		lead time.Duration
	}{
		{"weekly, default lead", community.Cadence{Spec: "0 12 * * TUE", TZ: "Europe/London"}, true, 24 * time.Hour},
		{"daily, default lead", community.Cadence{Spec: "0 9 * * *"}, true, 2 * time.Hour},
		{"weekly, 3h lead", community.Cadence{Spec: "0 12 * * TUE", Remind: 3 * time.Hour}, true, 3 * time.Hour},
		{"no cadence", community.Cadence{}, false, 0},
		{"reminders off", community.Cadence{Spec: "0 12 * * TUE", TZ: "Europe/London", Remind: -1}, false, 0},
	}
	s := newDeliveryStore(t)
	ctx := context.Background()
	communities := sqlite.NewCommunityService(s.db)
	cora := mustUser(t, s.users, "Cora")
	c := &community.Community{Name: "Testers"}
	if err := communities.CreateCommunity(as(ctx, cora), c); err != nil {
		t.Fatal(err)
	}
	key := fmt.Sprintf("meeting:%d", c.ID)
	// Each case starts from a reminder already set, so dropping is seen.
	set := community.Cadence{Spec: "0 12 * * WED"}
	for _, tt := range tests {
		if _, err := communities.SetCadence(as(ctx, cora), "Testers", set); err != nil {
			t.Fatal(err)
		}
		if _, err := communities.SetCadence(as(ctx, cora), "Testers", tt.cad); err != nil {
			t.Fatalf("%s: SetCadence: %v", tt.name, err)
		}
		r, err := s.reminders.Find(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if (r != nil) != tt.want {
			t.Errorf("%s: Find = %+v, want a reminder %t", tt.name, r, tt.want)
			continue
		}
		if r != nil && (r.Lead != tt.lead || r.Spec != tt.cad.Spec) {
			t.Errorf("%s: reminder lead %s spec %q, want %s, %q", tt.name, r.Lead, r.Spec, tt.lead, tt.cad.Spec)
		}
		_, ok, err := s.reminders.NextDue(ctx)
		if err != nil || ok != tt.want {
			t.Errorf("%s: NextDue found %t, %v, want %t", tt.name, ok, err, tt.want)
		}
	}
	// A dropped reminder fires nothing, however late.
	if _, err := communities.SetCadence(as(ctx, cora), "Testers", community.Cadence{}); err != nil {
		t.Fatal(err)
	}
	if n := s.fire(t, farFuture); n != 0 {
		t.Errorf("Fire with no cadence = %d, want 0", n)
	}
	if ms := meetingMessages(t, s); len(ms) != 0 {
		t.Errorf("meeting reminders with no cadence = %v, want none", slices.Sorted(maps.Keys(ms)))
	}
}
