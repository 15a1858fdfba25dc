package remind_test

import (
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/remind"
)

func utc(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
}

// fire is one Fire of a reminder and what it should give.
type fire struct {
	at       time.Time
	wantDue  time.Time // Firing.DueAt
	wantOcc  time.Time // Firing.Occurrence
	wantLate bool
	// The reminder after the firing; zero when it will not fire again.
	wantNextDue, wantNextOcc time.Time
}

func TestReminderStartAndFire(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	weekly := func() remind.Reminder {
		return remind.Reminder{Key: "k", Spec: "0 12 * * MON", TZ: "Europe/London", Lead: 24 * time.Hour}
	}
	wed := utc(2026, 3, 4, 10, 0) // before the first Monday
	sun8, mon9 := utc(2026, 3, 8, 12, 0), utc(2026, 3, 9, 12, 0)
	tests := []struct {
		name                   string
		r                      remind.Reminder
		start                  time.Time
		wantDue, wantOcc       time.Time // after Start
		fires                  []fire
		wantOccurrenceWallHHMM string // every occurrence, in London
	}{
		{
			name: "weekly with a day's lead", r: weekly(), start: wed,
			wantDue: sun8, wantOcc: mon9,
			fires: []fire{
				{at: sun8.Add(5 * time.Minute), wantDue: sun8, wantOcc: mon9, wantNextDue: utc(2026, 3, 15, 12, 0), wantNextOcc: utc(2026, 3, 16, 12, 0)},
			},
			wantOccurrenceWallHHMM: "12:00",
		},
		{
			name: "on the due instant", r: weekly(), start: wed, wantDue: sun8, wantOcc: mon9,
			fires: []fire{{at: sun8, wantDue: sun8, wantOcc: mon9, wantNextDue: utc(2026, 3, 15, 12, 0), wantNextOcc: utc(2026, 3, 16, 12, 0)}},
		},
		{
			name: "exactly LateAfter after is on time", r: weekly(), start: wed, wantDue: sun8, wantOcc: mon9,
			fires: []fire{{at: sun8.Add(remind.LateAfter), wantDue: sun8, wantOcc: mon9, wantNextDue: utc(2026, 3, 15, 12, 0), wantNextOcc: utc(2026, 3, 16, 12, 0)}},
		},
		{
			name: "just past LateAfter is late", r: weekly(), start: wed, wantDue: sun8, wantOcc: mon9,
			fires: []fire{{at: sun8.Add(remind.LateAfter + time.Second), wantDue: sun8, wantOcc: mon9, wantLate: true,
				wantNextDue: utc(2026, 3, 15, 12, 0), wantNextOcc: utc(2026, 3, 16, 12, 0)}},
		},
		{
			// Down from before the 9th to after the 23rd: three meetings
			// missed, one late firing about the first, and the next is the
			// first whose reminder is still ahead (the 30th, in summer time).
			name: "clock jumps past three occurrences", r: weekly(), start: wed, wantDue: sun8, wantOcc: mon9,
			fires: []fire{{at: utc(2026, 3, 24, 10, 0), wantDue: sun8, wantOcc: mon9, wantLate: true,
				wantNextDue: utc(2026, 3, 29, 11, 0), wantNextOcc: utc(2026, 3, 30, 11, 0)}},
			wantOccurrenceWallHHMM: "12:00",
		},
		{
			// Spring forward: noon in London moves from 12:00 to 11:00 UTC;
			// autumn back: from 11:00 to 12:00 UTC.
			name: "DST keeps the wall clock", r: weekly(), start: utc(2026, 3, 20, 0, 0),
			wantDue: utc(2026, 3, 22, 12, 0), wantOcc: utc(2026, 3, 23, 12, 0),
			fires: []fire{
				{at: utc(2026, 3, 22, 12, 0), wantDue: utc(2026, 3, 22, 12, 0), wantOcc: utc(2026, 3, 23, 12, 0),
					wantNextDue: utc(2026, 3, 29, 11, 0), wantNextOcc: utc(2026, 3, 30, 11, 0)},
				{at: utc(2026, 3, 29, 11, 0), wantDue: utc(2026, 3, 29, 11, 0), wantOcc: utc(2026, 3, 30, 11, 0),
					wantNextDue: utc(2026, 4, 5, 11, 0), wantNextOcc: utc(2026, 4, 6, 11, 0)},
			},
			wantOccurrenceWallHHMM: "12:00",
		},
		{
			name: "DST ends", r: weekly(), start: utc(2026, 10, 16, 0, 0),
			wantDue: utc(2026, 10, 18, 11, 0), wantOcc: utc(2026, 10, 19, 11, 0),
			fires: []fire{{at: utc(2026, 10, 18, 11, 0), wantDue: utc(2026, 10, 18, 11, 0), wantOcc: utc(2026, 10, 19, 11, 0),
				wantNextDue: utc(2026, 10, 25, 12, 0), wantNextOcc: utc(2026, 10, 26, 12, 0)}},
			wantOccurrenceWallHHMM: "12:00",
		},
		{
			name: "one-shot", r: remind.Reminder{Key: "k", NextDue: utc(2026, 3, 5, 9, 0), Lead: 2 * time.Hour}, start: wed,
			wantDue: utc(2026, 3, 5, 9, 0), wantOcc: utc(2026, 3, 5, 11, 0),
			fires: []fire{{at: utc(2026, 3, 5, 9, 1), wantDue: utc(2026, 3, 5, 9, 0), wantOcc: utc(2026, 3, 5, 11, 0)}},
		},
		{
			name: "one-shot fired late", r: remind.Reminder{Key: "k", NextDue: utc(2026, 3, 5, 9, 0)}, start: wed,
			wantDue: utc(2026, 3, 5, 9, 0), wantOcc: utc(2026, 3, 5, 9, 0),
			fires: []fire{{at: utc(2026, 3, 9, 9, 0), wantDue: utc(2026, 3, 5, 9, 0), wantOcc: utc(2026, 3, 5, 9, 0), wantLate: true}},
		},
		{
			name: "one-shot keeps its occurrence", r: remind.Reminder{Key: "k", NextDue: utc(2026, 3, 5, 9, 0), Occurrence: utc(2026, 3, 6, 17, 0), Lead: time.Hour},
			start: wed, wantDue: utc(2026, 3, 5, 9, 0), wantOcc: utc(2026, 3, 6, 17, 0),
			fires: []fire{{at: utc(2026, 3, 5, 9, 0), wantDue: utc(2026, 3, 5, 9, 0), wantOcc: utc(2026, 3, 6, 17, 0)}},
		},
		{
			name: "@every 72h", r: remind.Reminder{Key: "k", Spec: "@every 72h"}, start: utc(2026, 3, 2, 9, 0),
			wantDue: utc(2026, 3, 5, 9, 0), wantOcc: utc(2026, 3, 5, 9, 0),
			fires: []fire{
				{at: utc(2026, 3, 5, 9, 0), wantDue: utc(2026, 3, 5, 9, 0), wantOcc: utc(2026, 3, 5, 9, 0), wantNextDue: utc(2026, 3, 8, 9, 0), wantNextOcc: utc(2026, 3, 8, 9, 0)},
				// Two days down: one late firing, then 72h from now.
				{at: utc(2026, 3, 10, 9, 0), wantDue: utc(2026, 3, 8, 9, 0), wantOcc: utc(2026, 3, 8, 9, 0), wantLate: true, wantNextDue: utc(2026, 3, 13, 9, 0), wantNextOcc: utc(2026, 3, 13, 9, 0)},
			},
		},
		{
			name: "@every 72h with an hour's lead", r: remind.Reminder{Key: "k", Spec: "@every 72h", Lead: time.Hour}, start: utc(2026, 3, 2, 9, 0),
			wantDue: utc(2026, 3, 5, 9, 0), wantOcc: utc(2026, 3, 5, 10, 0),
		},
		{
			name: "Until stops a recurring reminder", r: func() remind.Reminder {
				r := weekly()
				r.TZ, r.Lead, r.Until = "", 0, utc(2026, 3, 16, 13, 0)
				return r
			}(), start: wed, wantDue: mon9, wantOcc: mon9,
			fires: []fire{
				{at: mon9, wantDue: mon9, wantOcc: mon9, wantNextDue: utc(2026, 3, 16, 12, 0), wantNextOcc: utc(2026, 3, 16, 12, 0)},
				{at: utc(2026, 3, 16, 12, 0), wantDue: utc(2026, 3, 16, 12, 0), wantOcc: utc(2026, 3, 16, 12, 0)},
			},
		},
		{
			name: "Until before the first occurrence", r: func() remind.Reminder {
				r := weekly()
				r.Until = utc(2026, 3, 5, 0, 0)
				return r
			}(), start: wed,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			if err := r.Start(tt.start); err != nil {
				t.Fatalf("Start(%v): %v", tt.start, err)
			}
			if !r.NextDue.Equal(tt.wantDue) || !r.Occurrence.Equal(tt.wantOcc) {
				t.Fatalf("after Start(%v): NextDue %v, Occurrence %v, want %v, %v", tt.start, r.NextDue, r.Occurrence, tt.wantDue, tt.wantOcc)
			}
			if r.Due(tt.start) {
				t.Errorf("Due(%v) right after Start = true, want false", tt.start)
			}
			for i, f := range tt.fires {
				if !r.Due(f.at) {
					t.Fatalf("fire %d: Due(%v) = false, want true (NextDue %v)", i, f.at, r.NextDue)
				}
				got, err := r.Fire(f.at)
				if err != nil {
					t.Fatalf("fire %d: Fire(%v): %v", i, f.at, err)
				}
				if !got.DueAt.Equal(f.wantDue) || !got.Occurrence.Equal(f.wantOcc) || got.Late != f.wantLate || !got.Now.Equal(f.at) || got.Reminder != &r {
					t.Errorf("fire %d: Fire(%v) = {DueAt %v, Occurrence %v, Late %t, Now %v}, want {%v, %v, %t, %v}",
						i, f.at, got.DueAt, got.Occurrence, got.Late, got.Now, f.wantDue, f.wantOcc, f.wantLate, f.at)
				}
				if r.Fired != i+1 {
					t.Errorf("fire %d: Fired = %d, want %d", i, r.Fired, i+1)
				}
				if !r.NextDue.Equal(f.wantNextDue) || !r.Occurrence.Equal(f.wantNextOcc) {
					t.Errorf("fire %d: next NextDue %v, Occurrence %v, want %v, %v", i, r.NextDue, r.Occurrence, f.wantNextDue, f.wantNextOcc)
				}
				// Never a burst: fired once, it is not due again at once.
				if r.Due(f.at) {
					t.Errorf("fire %d: Due(%v) after firing = true, want false", i, f.at)
				}
				if tt.wantOccurrenceWallHHMM != "" && !r.Occurrence.IsZero() {
					if hm := r.Occurrence.In(london).Format("15:04"); hm != tt.wantOccurrenceWallHHMM {
						t.Errorf("fire %d: next occurrence %v is %s in London, want %s", i, r.Occurrence, hm, tt.wantOccurrenceWallHHMM)
					}
				}
			}
			if len(tt.fires) > 0 && r.NextDue.IsZero() && r.Due(farFuture) {
				t.Errorf("a finished reminder is Due(%v), want never", farFuture)
			}
		})
	}
}

func TestReminderBadSpec(t *testing.T) {
	tests := []struct{ spec, tz string }{
		{"every tuesday", ""},
		{"0 12 * * MON", "Mars/Olympus_Mons"},
		{"61 * * * *", "UTC"},
	}
	for _, tt := range tests {
		if _, _, err := remind.ParseSpec(tt.spec, tt.tz); guild.ErrorCode(err) != guild.EINVALID {
			t.Errorf("ParseSpec(%q, %q) error = %v, want %s", tt.spec, tt.tz, err, guild.EINVALID)
		}
		r := remind.Reminder{Spec: tt.spec, TZ: tt.tz}
		if err := r.Start(T); err == nil {
			t.Errorf("Start with spec %q in %q = nil, want an error", tt.spec, tt.tz)
		}
	}
	if _, loc, err := remind.ParseSpec(" 0 12 * * TUE ", "Asia/Tokyo"); err != nil || loc.String() != "Asia/Tokyo" {
		t.Errorf("ParseSpec(0 12 * * TUE, Asia/Tokyo) = %v, %v, want Asia/Tokyo, nil", loc, err)
	}
}
