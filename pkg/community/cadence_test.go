package community_test

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones load even where the system has no zoneinfo

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

func mustCadence(t *testing.T, spec, tz string) community.Cadence {
	t.Helper()
	c, err := community.ParseCadence(spec, tz)
	if err != nil {
		t.Fatalf("ParseCadence(%q, %q) = %v, want nil", spec, tz, err)
	}
	return c
}

func TestParseCadenceValid(t *testing.T) {
	tests := []struct {
		spec, tz         string
		wantSpec, wantTZ string
	}{
		{"0 12 * * TUE", "", "0 12 * * TUE", ""},
		{"0 12 * * tue", "", "0 12 * * tue", ""},
		{"  0   12 *  * TUE  ", "", "0 12 * * TUE", ""},
		{"0\t12 * * TUE", "", "0 12 * * TUE", ""},
		{"0 12 * * 2", "Europe/London", "0 12 * * 2", "Europe/London"},
		{"30 9 * * 1-5", "America/New_York", "30 9 * * 1-5", "America/New_York"},
		{"0 17 1-7 * *", "Asia/Tokyo", "0 17 1-7 * *", "Asia/Tokyo"},
		{"0 9 * * MON-FRI", "", "0 9 * * MON-FRI", ""},
		{"0 0 29 2 *", "", "0 0 29 2 *", ""},
		{"0 12 * * TUE", "UTC", "0 12 * * TUE", "UTC"},
		{"0 12 * * TUE", "utc", "0 12 * * TUE", "UTC"},
		{"@weekly", "", "@weekly", ""},
		{"@monthly", "Europe/Paris", "@monthly", "Europe/Paris"},
		{"@daily", "", "@daily", ""},
		{"@midnight", "", "@midnight", ""},
		{"@yearly", "", "@yearly", ""},
		{"@annually", "", "@annually", ""},
	}
	for _, tt := range tests {
		c, err := community.ParseCadence(tt.spec, tt.tz)
		if err != nil {
			t.Errorf("ParseCadence(%q, %q) = %v, want nil", tt.spec, tt.tz, err)
			continue
		}
		if c.Spec != tt.wantSpec || c.TZ != tt.wantTZ {
			t.Errorf("ParseCadence(%q, %q) = {%q, %q}, want {%q, %q}", tt.spec, tt.tz, c.Spec, c.TZ, tt.wantSpec, tt.wantTZ)
		}
		if c.IsZero() {
			t.Errorf("ParseCadence(%q, %q).IsZero() = true, want false", tt.spec, tt.tz)
		}
		if got := c.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 1); len(got) != 1 {
			t.Errorf("ParseCadence(%q, %q).Next(…, 1) = %v, want one time", tt.spec, tt.tz, got)
		}
	}
}

func TestParseCadenceRefuses(t *testing.T) {
	tests := []struct {
		name, spec, tz string
		wantField      string
		wantInMessage  string
	}{
		{"empty", "", "", "every", "cron expression"},
		{"blank", "   ", "", "every", "cron expression"},
		{"@every", "@every 1h", "", "every", "calendar times"},
		{"@every with days", "@every 168h", "Europe/London", "every", "calendar times"},
		{"TZ= prefix", "TZ=Europe/London 0 12 * * TUE", "", "every", "tz="},
		{"CRON_TZ= prefix", "CRON_TZ=Europe/London 0 12 * * TUE", "", "every", "tz="},
		{"lower-case tz= prefix", "tz=Europe/London 0 12 * * TUE", "", "every", "tz="},
		{"lower-case cron_tz= prefix", "cron_tz=UTC 0 12 * * TUE", "", "every", "tz="},
		{"four fields", "0 12 * *", "", "every", "five fields"},
		{"six fields", "0 0 12 * * TUE", "", "every", "five fields"},
		{"minute out of range", "61 12 * * *", "", "every", "five fields"},
		{"hour out of range", "0 25 * * *", "", "every", "five fields"},
		{"day out of range", "0 12 32 * *", "", "every", "five fields"},
		{"bad day name", "0 12 * * FUNDAY", "", "every", "five fields"},
		{"unknown descriptor", "@fortnightly", "", "every", "five fields"},
		{"words", "every tuesday at noon", "", "every", "five fields"},
		{"30 February", "0 0 30 2 *", "", "every", "never happens"},
		{"every quarter hour", "*/15 9-17 * * MON,WED", "", "every", "more than once a day"},
		{"every minute", "* * * * *", "", "every", "more than once a day"},
		{"@hourly", "@hourly", "", "every", "more than once a day"},
		{"twice a day", "0 9,17 * * *", "", "every", "more than once a day"},
		{"81 characters", "0 12 * * " + strings.Repeat("1,", 35) + "1234567", "", "every", "the limit is 80"},
		{"31 February", "0 0 31 2 *", "", "every", "never happens"},
		{"31 April", "0 0 31 4 *", "", "every", "never happens"},
		{"31st of short months", "0 0 31 2,4,6,9,11 *", "", "every", "never happens"},
		{"over-long", "0 12 * * " + strings.Repeat("MON,", 20) + "TUE", "", "every", "limit"},
		{"unknown zone", "0 12 * * TUE", "Mars/Olympus_Mons", "tz", "Europe/London"},
		{"Local zone", "0 12 * * TUE", "Local", "tz", "Europe/London"},
		{"path zone", "0 12 * * TUE", "../etc", "tz", "Europe/London"},
		{"absolute path zone", "0 12 * * TUE", "/etc/passwd", "tz", "Europe/London"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := community.ParseCadence(tt.spec, tt.tz)
			if err == nil {
				t.Fatalf("ParseCadence(%q, %q) = %+v, nil, want an error", tt.spec, tt.tz, c)
			}
			if !c.IsZero() {
				t.Errorf("ParseCadence(%q, %q) returned a non-zero cadence %q with its error", tt.spec, tt.tz, c.Spec)
			}
			if got := guild.ErrorCode(err); got != guild.EINVALID {
				t.Errorf("ParseCadence(%q, %q) code = %q, want %q", tt.spec, tt.tz, got, guild.EINVALID)
			}
			if got := guild.ErrorField(err); got != tt.wantField {
				t.Errorf("ParseCadence(%q, %q) field = %q, want %q", tt.spec, tt.tz, got, tt.wantField)
			}
			if got := guild.ErrorMessage(err); !strings.Contains(got, tt.wantInMessage) {
				t.Errorf("ParseCadence(%q, %q) message = %q, want it to contain %q", tt.spec, tt.tz, got, tt.wantInMessage)
			}
		})
	}
}

func TestCadenceNext(t *testing.T) {
	london := mustLoad(t, "Europe/London")
	paris := mustLoad(t, "Europe/Paris")
	newYork := mustLoad(t, "America/New_York")
	tests := []struct {
		name     string
		spec, tz string
		after    time.Time
		want     []time.Time
	}{
		{
			"Tuesdays at noon UTC", "0 12 * * TUE", "",
			time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), // a Monday
			[]time.Time{
				time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC),
				time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC),
				time.Date(2026, 3, 17, 12, 0, 0, 0, time.UTC),
			},
		},
		{
			"strictly after", "0 12 * * TUE", "",
			time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC),
			[]time.Time{time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)},
		},
		{
			"read in Paris, asked in UTC", "0 12 * * TUE", "Europe/Paris",
			time.Date(2026, 3, 3, 11, 30, 0, 0, time.UTC), // 12:30 in Paris: this week's has passed
			[]time.Time{time.Date(2026, 3, 10, 12, 0, 0, 0, paris)},
		},
		{
			"read in New York, after UTC midnight", "0 18 * * MON", "America/New_York",
			time.Date(2026, 3, 3, 1, 0, 0, 0, time.UTC), // still Monday 20:00 in New York
			[]time.Time{time.Date(2026, 3, 9, 18, 0, 0, 0, newYork)},
		},
		{
			"London weekly across the end of summer time", "0 12 * * SAT", "Europe/London",
			time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC),
			[]time.Time{
				time.Date(2026, 10, 24, 11, 0, 0, 0, time.UTC), // 12:00 BST
				time.Date(2026, 10, 31, 12, 0, 0, 0, time.UTC), // 12:00 GMT
				time.Date(2026, 11, 7, 12, 0, 0, 0, time.UTC),
			},
		},
		{
			"London weekly across the start of summer time", "0 12 * * SUN", "Europe/London",
			time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC),
			[]time.Time{
				time.Date(2026, 3, 22, 12, 0, 0, 0, time.UTC), // 12:00 GMT
				time.Date(2026, 3, 29, 11, 0, 0, 0, time.UTC), // 12:00 BST, the day clocks change
			},
		},
		{
			"monthly descriptor", "@monthly", "",
			time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC),
			[]time.Time{
				time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
				time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
			},
		},
		{
			"weekly descriptor is Sunday midnight", "@weekly", "Europe/London",
			time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC),
			[]time.Time{time.Date(2026, 3, 8, 0, 0, 0, 0, london)},
		},
		{
			"29 February", "0 0 29 2 *", "",
			time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			[]time.Time{time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCadence(t, tt.spec, tt.tz)
			got := c.Next(tt.after, len(tt.want))
			if len(got) != len(tt.want) {
				t.Fatalf("Next(%v, %d) = %v, want %v", tt.after, len(tt.want), got, tt.want)
			}
			wantZone := "UTC"
			if tt.tz != "" {
				wantZone = tt.tz
			}
			for i := range got {
				if !got[i].Equal(tt.want[i]) {
					t.Errorf("Next(%v)[%d] = %v, want %v", tt.after, i, got[i], tt.want[i])
				}
				if got[i].Location().String() != wantZone {
					t.Errorf("Next(%v)[%d] is in %s, want %s", tt.after, i, got[i].Location(), wantZone)
				}
			}
		})
	}
}

func TestCadenceNextWallClockAcrossDST(t *testing.T) {
	c := mustCadence(t, "0 12 * * SAT", "Europe/London")
	got := c.Next(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), 8)
	if len(got) != 8 {
		t.Fatalf("Next(…, 8) returned %d times, want 8", len(got))
	}
	for i, tm := range got {
		if tm.Hour() != 12 || tm.Minute() != 0 || tm.Weekday() != time.Saturday {
			t.Errorf("Next[%d] = %v, want Saturday 12:00 London time", i, tm)
		}
	}
}

func TestCadenceNextEdgeCases(t *testing.T) {
	after := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var zero community.Cadence
	if !zero.IsZero() {
		t.Errorf("Cadence{}.IsZero() = false, want true")
	}
	if got := zero.Next(after, 3); got != nil {
		t.Errorf("Cadence{}.Next = %v, want nil", got)
	}
	if got := mustCadence(t, "0 12 * * TUE", "").Next(after, 0); len(got) != 0 {
		t.Errorf("Next(…, 0) = %v, want none", got)
	}

	// A cadence built by hand, as the store does, parses its spec lazily.
	byHand := community.Cadence{Spec: "0 12 * * TUE", TZ: "Europe/Paris"}
	got := byHand.Next(after, 1)
	want := time.Date(2026, 3, 3, 11, 0, 0, 0, time.UTC)
	if len(got) != 1 || !got[0].Equal(want) {
		t.Errorf("hand-built Next = %v, want [%v]", got, want)
	}
	if got := (community.Cadence{Spec: "not cron"}).Next(after, 1); got != nil {
		t.Errorf("hand-built invalid Next = %v, want nil", got)
	}
	if got := (community.Cadence{Spec: "0 0 30 2 *"}).Next(after, 1); len(got) != 0 {
		t.Errorf("hand-built impossible Next = %v, want none", got)
	}
}

func TestCadenceLocation(t *testing.T) {
	tests := []struct {
		c    community.Cadence
		want string
	}{
		{mustCadence(t, "@weekly", ""), "UTC"},
		{mustCadence(t, "@weekly", "Asia/Tokyo"), "Asia/Tokyo"},
		{community.Cadence{Spec: "@weekly", TZ: "Europe/Paris"}, "Europe/Paris"},
		{community.Cadence{Spec: "@weekly", TZ: "Mars/Olympus_Mons"}, "UTC"},
		{community.Cadence{Spec: "@weekly", TZ: "Local"}, "UTC"},
		{community.Cadence{}, "UTC"},
	}
	for _, tt := range tests {
		if got := tt.c.Location().String(); got != tt.want {
			t.Errorf("Cadence{%q, %q}.Location() = %s, want %s", tt.c.Spec, tt.c.TZ, got, tt.want)
		}
	}
}

func TestCadenceLessThanWeekly(t *testing.T) {
	after := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		spec, tz string
		want     bool
	}{
		{"0 12 * * TUE", "", false},
		{"@weekly", "", false},
		{"@daily", "", false},
		{"0 9 * * 1-5", "", false},
		{"0 12 * * SAT", "Europe/London", false}, // one gap is 7 days and an hour, across the clock change
		{"0 12 * * SUN", "America/New_York", false},
		{"@monthly", "", true},
		{"0 12 1 * *", "", true},
		{"0 12 1,15 * *", "", true},
		{"0 12 1-7 * TUE", "", false}, // day-of-month OR day-of-week: daily in the first week, then Tuesdays
	}
	for _, tt := range tests {
		c := mustCadence(t, tt.spec, tt.tz)
		if got := c.LessThanWeekly(after); got != tt.want {
			t.Errorf("ParseCadence(%q, %q).LessThanWeekly(%v) = %v, want %v (next: %v)", tt.spec, tt.tz, after, got, tt.want, c.Next(after, 5))
		}
	}
	var zero community.Cadence
	if zero.LessThanWeekly(after) {
		t.Errorf("Cadence{}.LessThanWeekly = true, want false")
	}
}
