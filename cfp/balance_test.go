package cfp_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

func ids(ss []*cfp.Submission) []int64 {
	out := make([]int64, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

func scored(id int64, reviews, sum int) *cfp.Submission {
	return &cfp.Submission{ID: id, Reviews: reviews, ScoreSum: sum, State: cfp.Submitted}
}

func TestRank(t *testing.T) {
	tests := []struct {
		name string
		in   []*cfp.Submission
		want []int64
	}{
		{"reviewed before unreviewed, even a poor review", []*cfp.Submission{scored(1, 0, 0), scored(2, 1, 1)}, []int64{2, 1}},
		{"by mean", []*cfp.Submission{scored(1, 2, 6), scored(2, 1, 5), scored(3, 3, 12)}, []int64{2, 3, 1}},
		{"mean, not sum", []*cfp.Submission{scored(1, 4, 12), scored(2, 1, 4)}, []int64{2, 1}},
		{"fractional means", []*cfp.Submission{scored(1, 3, 13), scored(2, 2, 9)}, []int64{2, 1}}, // 4.33 < 4.5
		{"equal mean: more reviews first", []*cfp.Submission{scored(1, 1, 4), scored(2, 3, 12), scored(3, 2, 8)}, []int64{2, 3, 1}},
		{"equal everything: lower id first", []*cfp.Submission{scored(9, 2, 8), scored(3, 2, 8), scored(5, 2, 8)}, []int64{3, 5, 9}},
		{"unreviewed by id", []*cfp.Submission{scored(7, 0, 0), scored(2, 0, 0), scored(4, 0, 0)}, []int64{2, 4, 7}},
		{
			"all rules at once",
			[]*cfp.Submission{scored(10, 0, 0), scored(4, 1, 5), scored(8, 2, 10), scored(2, 0, 0), scored(6, 2, 7), scored(3, 2, 7)},
			[]int64{8, 4, 3, 6, 2, 10},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			slices.SortFunc(got, cfp.Rank)
			if !slices.Equal(ids(got), tt.want) {
				t.Errorf("sorted by Rank = %v, want %v", ids(got), tt.want)
			}
			// Rank must be a consistent comparison whatever the input order.
			rev := slices.Clone(tt.in)
			slices.Reverse(rev)
			slices.SortFunc(rev, cfp.Rank)
			if !slices.Equal(ids(rev), tt.want) {
				t.Errorf("reversed then sorted by Rank = %v, want %v", ids(rev), tt.want)
			}
		})
	}
}

func TestRankIsAntisymmetric(t *testing.T) {
	subs := []*cfp.Submission{scored(1, 0, 0), scored(2, 1, 5), scored(3, 2, 10), scored(4, 3, 7), scored(5, 2, 7), scored(6, 1, 1)}
	for _, x := range subs {
		if got := cfp.Rank(x, x); got != 0 {
			t.Errorf("Rank(#%d, #%d) = %d, want 0", x.ID, x.ID, got)
		}
		for _, y := range subs {
			if x == y {
				continue
			}
			if a, b := cfp.Rank(x, y), cfp.Rank(y, x); a == 0 || a != -b {
				t.Errorf("Rank(#%d, #%d) = %d and Rank(#%d, #%d) = %d, want opposite non-zero signs", x.ID, y.ID, a, y.ID, x.ID, b)
			}
		}
	}
}

// person is a user with the department and team their profile names.
type person struct {
	u          *guild.User
	dept, team string
}

func talk(id int64, state cfp.State, format string, firstTime bool, ps ...person) *cfp.Submission {
	s := &cfp.Submission{ID: id, State: state, Format: cfp.Format{Name: format, Minutes: 30}, FirstTime: firstTime}
	for i, p := range ps {
		s.Speakers = append(s.Speakers, &cfp.Speaker{User: p.u, Lead: i == 0, Department: p.dept, Team: p.team})
	}
	return s
}

func TestNewBalance(t *testing.T) {
	alice := person{user(1, "alice"), "Testing", "QA"}
	bob := person{user(2, "bob"), "testing", "qa"} // same department and team, other case
	carol := person{user(3, "carol"), "Ops", ""}
	dave := person{user(4, "dave"), "", "Platform"}
	erin := person{user(5, "erin"), "TESTING", "Web"}

	selected := []*cfp.Submission{
		talk(1, cfp.Accepted, "talk", false, alice, carol),
		talk(2, cfp.Backup, "lightning", true, bob, alice), // alice speaks twice
		talk(3, cfp.Confirmed, "talk", true, dave),
		talk(4, cfp.Offered, "workshop", false, erin),
		talk(5, cfp.Backup, "talk", false, carol), // carol speaks twice
	}
	departments := []cfp.Department{
		{"Testing", 40}, {"Ops", 10}, {"Legal", 5}, {"HR", 25}, {"Finance", 25}, {"Board", 0},
	}

	frank := person{user(10, "frank"), "Finance", ""}
	gina := person{user(11, "gina"), "HR", ""}
	harry := person{user(12, "harry"), "finance", ""}
	ivan := person{user(13, "ivan"), "FINANCE", ""}
	jo := person{user(14, "jo"), "Finance", ""}
	kim := person{user(15, "kim"), "Finance", ""}
	lee := person{user(16, "lee"), "Legal", ""}
	mo := person{user(17, "mo"), "Testing", ""}
	board := person{user(18, "ola"), "Board", ""}
	withScore := func(s *cfp.Submission, reviews, sum int) *cfp.Submission {
		s.Reviews, s.ScoreSum = reviews, sum
		return s
	}
	pending := []*cfp.Submission{
		withScore(talk(20, cfp.Submitted, "talk", false, frank), 2, 6),       // Finance, 3.0
		withScore(talk(21, cfp.Submitted, "talk", false, gina, harry), 1, 5), // HR lead, Finance co-speaker, 5.0
		withScore(talk(22, cfp.Submitted, "talk", false, ivan), 0, 0),        // Finance, unreviewed
		withScore(talk(23, cfp.Submitted, "talk", false, jo), 3, 12),         // Finance, 4.0
		withScore(talk(24, cfp.Submitted, "talk", false, kim), 2, 9),         // Finance, 4.5
		withScore(talk(25, cfp.Submitted, "talk", false, lee), 1, 1),         // Legal, 1.0
		withScore(talk(26, cfp.Submitted, "talk", false, mo), 3, 15),         // Testing: not missing
		withScore(talk(27, cfp.Submitted, "talk", false, board), 1, 5),       // Board has no members
	}
	pendingOrder := ids(pending)
	call := &cfp.Call{ID: 7, Name: "DevDay"}

	b := cfp.NewBalance(call, selected, pending, departments)

	if b.Call != call {
		t.Errorf("Call = %v, want %v", b.Call, call)
	}
	ints := []struct {
		name      string
		got, want int
	}{
		{"Talks", b.Talks, 5},
		{"Backups", b.Backups, 2},
		{"Speakers", b.Speakers, 5}, // alice, carol, bob, dave, erin, each once
		{"FirstTime", b.FirstTime, 2},
		{"Experienced", b.Experienced, 3},
		{"NoDepartment", b.NoDepartment, 1}, // dave
	}
	for _, c := range ints {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}

	wantDepts := []cfp.Count{
		{"Testing", 3, 40}, // alice, bob, erin
		{"Ops", 1, 10},     // carol, counted once
		{"Finance", 0, 25}, // ties on count and members go by name
		{"HR", 0, 25},
		{"Legal", 0, 5},
		{"Board", 0, 0},
	}
	if !reflect.DeepEqual(b.Departments, wantDepts) {
		t.Errorf("Departments = %v, want %v", b.Departments, wantDepts)
	}
	wantTeams := []cfp.Count{{"QA", 2, 0}, {"Platform", 1, 0}, {"Web", 1, 0}}
	if !reflect.DeepEqual(b.Teams, wantTeams) {
		t.Errorf("Teams = %v, want %v", b.Teams, wantTeams)
	}
	wantFormats := []cfp.Count{{"talk", 3, 0}, {"lightning", 1, 0}, {"workshop", 1, 0}}
	if !reflect.DeepEqual(b.Formats, wantFormats) {
		t.Errorf("Formats = %v, want %v", b.Formats, wantFormats)
	}

	type gap struct {
		dept    string
		members int
		ids     []int64
	}
	var gotGaps []gap
	for _, g := range b.Missing {
		gotGaps = append(gotGaps, gap{g.Department, g.Members, ids(g.Suggestions)})
	}
	wantGaps := []gap{
		{"Finance", 25, []int64{21, 24, 23}}, // best first, at most SuggestionsPerGap; 21 by its co-speaker
		{"HR", 25, []int64{21}},
		{"Legal", 5, []int64{25}},
	}
	if !reflect.DeepEqual(gotGaps, wantGaps) {
		t.Errorf("Missing = %+v, want %+v", gotGaps, wantGaps)
	}
	for _, g := range b.Missing {
		if len(g.Suggestions) > cfp.SuggestionsPerGap {
			t.Errorf("Missing %s has %d suggestions, want at most %d", g.Department, len(g.Suggestions), cfp.SuggestionsPerGap)
		}
	}
	if got := ids(pending); !slices.Equal(got, pendingOrder) {
		t.Errorf("NewBalance reordered its pending argument to %v, want it left as %v", got, pendingOrder)
	}
}

func TestNewBalanceMissingSortedByMembers(t *testing.T) {
	departments := []cfp.Department{{"Small", 2}, {"Big", 300}, {"Medium", 40}, {"Covered", 500}}
	selected := []*cfp.Submission{talk(1, cfp.Accepted, "talk", false, person{user(1, "a"), "covered", ""})}
	b := cfp.NewBalance(&cfp.Call{}, selected, nil, departments)
	var got []string
	for _, g := range b.Missing {
		got = append(got, fmt.Sprintf("%s:%d:%d", g.Department, g.Members, len(g.Suggestions)))
	}
	want := []string{"Big:300:0", "Medium:40:0", "Small:2:0"}
	if !slices.Equal(got, want) {
		t.Errorf("Missing = %v, want %v", got, want)
	}
	// The department list's spelling wins over a speaker's.
	if len(b.Departments) == 0 || b.Departments[0] != (cfp.Count{"Covered", 1, 500}) {
		t.Errorf("Departments[0] = %v, want %v", b.Departments, cfp.Count{"Covered", 1, 500})
	}
}

func TestNewBalanceDepartmentWithoutMembersListed(t *testing.T) {
	// A speaker's department that no member list names still counts.
	selected := []*cfp.Submission{talk(1, cfp.Accepted, "talk", false, person{user(1, "a"), "Research", ""})}
	b := cfp.NewBalance(&cfp.Call{}, selected, nil, nil)
	want := []cfp.Count{{"Research", 1, 0}}
	if !reflect.DeepEqual(b.Departments, want) {
		t.Errorf("Departments = %v, want %v", b.Departments, want)
	}
	if len(b.Missing) != 0 {
		t.Errorf("Missing = %v, want none", b.Missing)
	}
}

func TestNewBalanceEmpty(t *testing.T) {
	b := cfp.NewBalance(&cfp.Call{}, nil, nil, nil)
	if b.Talks != 0 || b.Backups != 0 || b.Speakers != 0 || b.FirstTime != 0 || b.Experienced != 0 || b.NoDepartment != 0 {
		t.Errorf("NewBalance(nothing) = %+v, want all counts zero", b)
	}
	if len(b.Departments) != 0 || len(b.Teams) != 0 || len(b.Formats) != 0 || len(b.Missing) != 0 {
		t.Errorf("NewBalance(nothing) lists = %v %v %v %v, want all empty", b.Departments, b.Teams, b.Formats, b.Missing)
	}

	// With departments but no talks, every department with members is
	// missing, and pending talks are suggested.
	pending := []*cfp.Submission{
		talk(2, cfp.Submitted, "talk", false, person{user(2, "b"), "Ops", ""}),
		talk(1, cfp.Submitted, "talk", false, person{user(1, "a"), "ops", ""}),
	}
	b = cfp.NewBalance(&cfp.Call{}, nil, pending, []cfp.Department{{"Ops", 3}})
	if len(b.Missing) != 1 || b.Missing[0].Department != "Ops" || !slices.Equal(ids(b.Missing[0].Suggestions), []int64{1, 2}) {
		t.Errorf("Missing = %+v, want Ops suggesting [1 2]", b.Missing)
	}
}
