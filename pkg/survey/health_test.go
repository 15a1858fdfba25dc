package survey_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

func TestElements(t *testing.T) {
	if got, want := len(survey.Elements), survey.NumElements; got != want {
		t.Fatalf("len(Elements) = %d, want %d", got, want)
	}
	keys := []string{"leadership", "engagement", "sharing", "skills", "support"}
	for i, e := range survey.Elements {
		if string(e) != keys[i] {
			t.Errorf("Elements[%d] = %q, want %q", i, e, keys[i])
		}
		if e.Title() == "" || e.About() == "" || !strings.HasSuffix(e.Question(), "?") || !strings.HasSuffix(e.Action(), ".") {
			t.Errorf("%s: title %q, about %q, question %q, action %q; want a title, a description, a question and an action sentence",
				e, e.Title(), e.About(), e.Question(), e.Action())
		}
	}
	// Each action draws on the practices the literature suggests.
	for e, want := range map[survey.Element]string{
		survey.Leadership: "backlog", survey.Engagement: "buddy", survey.Sharing: "shadowing",
		survey.Skills: "mentoring", survey.Support: "sponsorship",
	} {
		if !strings.Contains(e.Action(), want) {
			t.Errorf("%s.Action() = %q, want it to mention %q", e, e.Action(), want)
		}
	}
	if e, err := survey.ParseElement(" Sharing "); err != nil || e != survey.Sharing {
		t.Errorf("ParseElement(Sharing) = %q, %v, want sharing", e, err)
	}
	_, err := survey.ParseElement("vibes")
	checkError(t, "ParseElement(vibes)", err, guild.EINVALID, "element", "vibes is not an element", "leadership, engagement, sharing, skills and support")
}

func TestParseHealthAnswer(t *testing.T) {
	all := map[string]string{"leadership": "4", "engagement": " 3 ", "sharing": "5", "skills": "2", "support": "1", "comment": "  More workshops, please. "}
	a, err := survey.ParseHealthAnswer(all)
	if err != nil {
		t.Fatalf("ParseHealthAnswer = %v", err)
	}
	if want := [5]int{4, 3, 5, 2, 1}; a.Scores != want {
		t.Errorf("Scores = %v, want %v", a.Scores, want)
	}
	a.Normalize()
	if a.Comment != "More workshops, please." || a.Score(survey.Sharing) != 5 || a.Score("vibes") != 0 {
		t.Errorf("Comment %q, Score(sharing) %d, Score(vibes) %d; want trimmed, 5, 0", a.Comment, a.Score(survey.Sharing), a.Score("vibes"))
	}
	if err := a.Validate(); err != nil {
		t.Errorf("Validate = %v, want nil", err)
	}
	_, err = survey.ParseHealthAnswer(map[string]string{"leadership": "high"})
	checkError(t, "ParseHealthAnswer(leadership=high)", err, guild.EINVALID, "leadership",
		"leadership=high is not a score: rate leadership with a clear vision and goals from 1 (weak) to 5 (strong), such as leadership=4.")
	_, err = survey.ParseHealthAnswer(map[string]string{"support": "4.5"})
	checkError(t, "ParseHealthAnswer(support=4.5)", err, guild.EINVALID, "support", "support=4.5 is not a score")
}

func TestHealthAnswerValidate(t *testing.T) {
	long := strings.Repeat("é", guild.MaxText+1)
	tests := []struct {
		name        string
		a           survey.HealthAnswer
		field, want string // "" for valid
	}{
		{"all fives", survey.HealthAnswer{Scores: [5]int{5, 5, 5, 5, 5}}, "", ""},
		{"all ones, with a comment", survey.HealthAnswer{Scores: [5]int{1, 1, 1, 1, 1}, Comment: "We need a sponsor."}, "", ""},
		{"longest comment", survey.HealthAnswer{Scores: [5]int{3, 3, 3, 3, 3}, Comment: strings.Repeat("é", guild.MaxText)}, "", ""},
		{"nothing rated", survey.HealthAnswer{}, "leadership", "Rate leadership with a clear vision and goals too, from 1 (weak) to 5 (strong), such as leadership=4"},
		{"support missing", survey.HealthAnswer{Scores: [5]int{3, 3, 3, 3, 0}}, "support", "Rate visibility and support from the organisation too"},
		{"sharing 6", survey.HealthAnswer{Scores: [5]int{3, 3, 6, 3, 3}}, "sharing", "sharing=6 is out of range: rate each element from 1 (weak) to 5 (strong)."},
		{"skills -1", survey.HealthAnswer{Scores: [5]int{3, 3, 3, -1, 3}}, "skills", "skills=-1 is out of range"},
		{"engagement 0 after leadership 9", survey.HealthAnswer{Scores: [5]int{9, 0, 3, 3, 3}}, "leadership", "leadership=9 is out of range"},
		{"comment too long", survey.HealthAnswer{Scores: [5]int{3, 3, 3, 3, 3}, Comment: long}, "comment", "comment is 2001 characters long; the limit is 2000"},
		{"control character", survey.HealthAnswer{Scores: [5]int{3, 3, 3, 3, 3}, Comment: "a\x00b"}, "comment", "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.a.Validate()
			if tt.field == "" {
				if err != nil {
					t.Errorf("Validate = %v, want nil", err)
				}
				return
			}
			checkError(t, "Validate", err, guild.EINVALID, tt.field, tt.want)
		})
	}
}

func TestHealthAnswerValidateSeveral(t *testing.T) {
	// The want list of the table holds one string; this case checks two.
	a := survey.HealthAnswer{Scores: [5]int{3, 3, 3, 3, 0}}
	checkError(t, "Validate", a.Validate(), guild.EINVALID, "support", "support=4", "leadership, engagement, sharing, skills and support")
}

func TestNewHealthRound(t *testing.T) {
	s := survey.NewHealthRound(7, "Testers", 3)
	if s.Kind != survey.KindHealth || s.CommunityID != 7 || s.Community != "Testers" || s.Round != 3 || !s.Anonymous ||
		s.State != survey.Scheduled || s.RemindAfter != 48*time.Hour || s.CloseAfter != 7*24*time.Hour || s.Event != nil {
		t.Errorf("NewHealthRound = %+v, want round 3 of Testers, health, anonymous, scheduled, reminding after 2d, closing after 7d", s)
	}
	if s.Name() != "Testers" || !s.SendAt.IsZero() {
		t.Errorf("Name() = %q, SendAt = %v, want Testers and no time to go out by itself", s.Name(), s.SendAt)
	}
}

func TestHealthOptions(t *testing.T) {
	o, err := survey.ParseHealthOptions(map[string]string{"remind": "1d", "close": "3d", "every": "ignored"})
	if err != nil || o.IsZero() || *o.RemindAfter != 24*time.Hour || *o.CloseAfter != 72*time.Hour {
		t.Fatalf("ParseHealthOptions = %+v, %v, want remind 1d and close 3d", o, err)
	}
	s := survey.NewHealthRound(1, "Testers", 1)
	if err := o.Apply(s); err != nil || s.RemindAfter != 24*time.Hour || s.CloseAfter != 72*time.Hour {
		t.Errorf("Apply = %v, round reminds after %s and closes after %s; want 24h and 72h", err, s.RemindAfter, s.CloseAfter)
	}
	if o, err := survey.ParseHealthOptions(nil); err != nil || !o.IsZero() {
		t.Errorf("ParseHealthOptions(nil) = %+v, %v, want zero", o, err)
	}
	_, err = survey.ParseHealthOptions(map[string]string{"close": "soon"})
	checkError(t, "ParseHealthOptions(close=soon)", err, guild.EINVALID, "close", "close=soon is not a length of time")
	tests := []struct {
		opts        map[string]string
		field, want string
	}{
		{map[string]string{"remind": "8d"}, "remind", "remind=8d must fall after the survey goes out and before it closes (close=1w)"},
		{map[string]string{"close": "90d"}, "close", "close=90d is out of range"},
		{map[string]string{"remind": "0"}, "remind", "remind=0 must fall after"},
	}
	for _, tt := range tests {
		o, err := survey.ParseHealthOptions(tt.opts)
		if err != nil {
			t.Fatalf("ParseHealthOptions(%v) = %v", tt.opts, err)
		}
		s := survey.NewHealthRound(1, "Testers", 1)
		before := *s
		checkError(t, "Apply", o.Apply(s), guild.EINVALID, tt.field, tt.want)
		if !reflect.DeepEqual(*s, before) {
			t.Errorf("Apply(%v) failed but changed the round to %+v", tt.opts, s)
		}
	}
}

func TestHealthRoundChecks(t *testing.T) {
	paris := time.FixedZone("CET", 60*60)
	sentAt := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	byHand := survey.NewHealthRound(1, "Test Automation", 2)
	byHand.Send(sentAt, ann)
	byItself := survey.NewHealthRound(1, "Testers", 4)
	byItself.Send(sentAt, nil)
	next := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		err        error
		code, want string
	}{
		{"next round with none before", (*survey.Survey)(nil).CheckNextRound(sentAt, time.UTC), "", ""},
		{"next round while open", byHand.CheckNextRound(sentAt.Add(time.Hour), paris), guild.ECONFLICT,
			`Round 2 of the health check of Test Automation went out on Tue 1 Dec 2026, 10:00 CET, by @ann, and is open until Tue 8 Dec 2026, 10:00 CET; one round goes out at a time. /community health "Test Automation" shows how it stands.`},
		{"next round while open, sent by itself", byItself.CheckNextRound(sentAt, time.UTC), guild.ECONFLICT, "went out on Tue 1 Dec 2026, 09:00 UTC, by itself"},
		{"next round once closed", byHand.CheckNextRound(byHand.ClosesAt, time.UTC), "", ""},
		{"answer while open", survey.CheckHealthAnswer("Test Automation", byHand, time.Time{}, sentAt, time.UTC), "", ""},
		{"answer with no round", survey.CheckHealthAnswer("Test Automation", nil, time.Time{}, sentAt, time.UTC), guild.ECONFLICT,
			`No health check of Test Automation is open, so there is nothing to answer yet; its coordinator sends one with /community health "Test Automation".`},
		{"answer after closing", survey.CheckHealthAnswer("Test Automation", byHand, time.Time{}, byHand.ClosesAt, paris), guild.ECONFLICT,
			`Round 2 of the health check of Test Automation closed on Tue 8 Dec 2026, 10:00 CET; it no longer takes answers. /community health "Test Automation" shows its results.`},
		{"answer after closing, with a cadence", survey.CheckHealthAnswer("Testers", byItself, next, byItself.ClosesAt.Add(time.Hour), time.UTC), guild.ECONFLICT,
			"Round 4 of the health check of Testers closed on Tue 8 Dec 2026, 09:00 UTC; it no longer takes answers. /community health Testers shows its results. The next round goes out on Fri 1 Jan 2027, 09:00 UTC."},
	}
	for _, tt := range tests {
		if tt.code == "" {
			if tt.err != nil {
				t.Errorf("%s: error = %v, want nil", tt.name, tt.err)
			}
			continue
		}
		checkError(t, tt.name, tt.err, tt.code, "", tt.want)
	}
}

func TestParseHealthCadence(t *testing.T) {
	c, err := survey.ParseHealthCadence(" 0  9 1 * * ", "Europe/Paris", survey.HealthOptions{})
	if err != nil {
		t.Fatalf("ParseHealthCadence = %v", err)
	}
	if c.Spec != "0 9 1 * *" || c.TZ != "Europe/Paris" || c.RemindAfter != 48*time.Hour || c.CloseAfter != 7*24*time.Hour || c.IsZero() {
		t.Errorf("cadence = %+v, want the first of the month at 9:00 in Paris, reminding after 2d, closing after 7d", c)
	}
	after := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	next := c.Next(after, 2)
	if len(next) != 2 || !next[0].Equal(time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)) || !next[1].Equal(time.Date(2027, 1, 1, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("Next = %v, want 1 Dec 2026 and 1 Jan 2027 at 08:00 UTC", next)
	}
	if got := c.NextAt(after); !got.Equal(next[0]) {
		t.Errorf("NextAt = %v, want %v", got, next[0])
	}
	stored := survey.HealthCadence{Cadence: community.Cadence{Spec: c.Spec, TZ: c.TZ}}
	if got := stored.NextAt(after); !got.Equal(next[0]) || stored.Location().String() != "Europe/Paris" {
		t.Errorf("a stored cadence: NextAt = %v in %s, want %v in Europe/Paris", got, stored.Location(), next[0])
	}
	if (survey.HealthCadence{}).Next(after, 3) != nil || !(survey.HealthCadence{}).NextAt(after).IsZero() {
		t.Errorf("a zero cadence gives times, want none")
	}
	if c, err := survey.ParseHealthCadence("@weekly", "", survey.HealthOptions{}); err != nil || c.TZ != "" {
		t.Errorf("ParseHealthCadence(@weekly) = %+v, %v, want weekly in UTC", c, err)
	}
	// Weekly across a change of clocks is still weekly.
	if _, err := survey.ParseHealthCadence("0 9 * * MON", "Europe/London", survey.HealthOptions{}); err != nil {
		t.Errorf("ParseHealthCadence(Mondays in London) = %v, want nil", err)
	}
	three := 3 * 24 * time.Hour
	if c, err := survey.ParseHealthCadence("@monthly", "", survey.HealthOptions{CloseAfter: &three}); err != nil || c.CloseAfter != three {
		t.Errorf("ParseHealthCadence(@monthly, close=3d) = %+v, %v, want closing after 3d", c, err)
	}

	twoWeeks, day := 14*24*time.Hour, 24*time.Hour
	tests := []struct {
		spec, tz    string
		o           survey.HealthOptions
		field, want string
	}{
		{"", "", survey.HealthOptions{}, "every", `every= needs a cron expression, such as every="0 9 1 * *"`},
		{strings.Repeat("1", 81), "", survey.HealthOptions{}, "every", "every= is 81 characters long; the limit is 80."},
		{"TZ=Europe/Paris 0 9 1 * *", "", survey.HealthOptions{}, "every", "Give the time zone as tz=Area/City"},
		{"@every 720h", "", survey.HealthOptions{}, "every", "not at an interval"},
		{"0 9 1 *", "", survey.HealthOptions{}, "every", `"0 9 1 *" is not a cron expression I can read`},
		{"0 9 30 2 *", "", survey.HealthOptions{}, "every", "never happens"},
		{"0 9 * * *", "", survey.HealthOptions{}, "every", `"0 9 * * *" sends a health check more than once a week; members need time to answer and the community to act, so send at most weekly, such as @monthly`},
		{"0 9 * * MON,THU", "", survey.HealthOptions{}, "every", "more than once a week"},
		{"@monthly", "Mars/Olympus", survey.HealthOptions{}, "tz", `"Mars/Olympus" is not a time zone I know`},
		{"@weekly", "", survey.HealthOptions{CloseAfter: &twoWeeks}, "close", `close=2w is longer than the 1w between two rounds of "@weekly", so rounds would overlap; close sooner, such as close=1w.`},
		{"@monthly", "", survey.HealthOptions{RemindAfter: &twoWeeks}, "remind", "remind=2w must fall after the survey goes out and before it closes"},
		{"@monthly", "", survey.HealthOptions{CloseAfter: &day, RemindAfter: &day}, "remind", "remind=1d must fall"},
	}
	for _, tt := range tests {
		_, err := survey.ParseHealthCadence(tt.spec, tt.tz, tt.o)
		checkError(t, "ParseHealthCadence("+tt.spec+")", err, guild.EINVALID, tt.field, tt.want)
	}
}

func TestHealthNotice(t *testing.T) {
	s := survey.NewHealthRound(1, "Test Automation", 1)
	rate := []guild.Action{{Label: "Answer the health check", Primary: true, Command: `/community rate "Test Automation"`}}
	tests := []struct {
		kind     survey.NoticeKind
		template string
		want     []guild.Action
	}{
		{survey.NoticeRequest, "health_notice_request", rate},
		{survey.NoticeReminder, "health_notice_reminder", rate},
		{survey.NoticeRoundClosed, "health_notice_closed", nil},
	}
	for _, tt := range tests {
		n := &survey.HealthNotice{Kind: tt.kind, To: ann, Round: s}
		if got := n.Template(); got != tt.template {
			t.Errorf("%s: Template() = %q, want %q", tt.kind, got, tt.template)
		}
		if got := n.Actions(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Actions() = %+v, want %+v", tt.kind, got, tt.want)
		}
	}
	if got := (&survey.HealthNotice{Kind: survey.NoticeRequest}).Actions(); got != nil {
		t.Errorf("Actions() with no round = %v, want nil", got)
	}
	if got := survey.HealthCommand("Testers"); got != "/community health Testers" {
		t.Errorf("HealthCommand = %q, want /community health Testers", got)
	}
	if n := (&survey.HealthNotice{}); len(n.Elements()) != 5 {
		t.Errorf("Elements() = %v, want the five", n.Elements())
	}
}
