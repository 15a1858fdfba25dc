package cfp

import (
	"cmp"
	"slices"

	"github.com/guildhall/guildhall/pkg/guild"
)

// SuggestionsPerGap is how many pending talks the balance report suggests
// for each missing department.
const SuggestionsPerGap = 3

// Department is a department and how many people with profiles belong to it.
type Department struct {
	Name    string
	Members int
}

// Count is how many speakers or talks share a value.
type Count struct {
	Name  string
	Count int
	// Members is, for departments, how many people belong to it.
	Members int
}

// Gap is a department with members but no speaker in the line-up, and the
// best-scored pending talks that would fill it.
type Gap struct {
	Department  string
	Members     int
	Suggestions []*Submission
}

// Balance is the mix of the talks accepted or kept as backups: who speaks,
// from where, in which formats, and who is missing.
type Balance struct {
	Call *Call
	// Talks counts the talks in the line-up or on standby; Backups those
	// on standby.
	Talks, Backups int
	// Speakers counts the people speaking, co-speakers included; each is
	// counted once however many talks they give.
	Speakers    int
	Departments []Count
	Teams       []Count
	// FirstTime and Experienced count talks by their lead speaker.
	FirstTime, Experienced int
	Formats                []Count
	// NoDepartment counts speakers whose profile names no department.
	NoDepartment int
	Missing      []Gap
}

// NewBalance computes the balance of selected talks (accepted, backup,
// offered or confirmed) against the departments that have members.
// pending are the talks still waiting for a decision, which the report
// suggests to fill each gap.
func NewBalance(call *Call, selected, pending []*Submission, departments []Department) *Balance {
	b := &Balance{Call: call}
	depts := map[string]*Count{}
	teams := map[string]*Count{}
	formats := map[string]*Count{}
	for _, d := range departments {
		depts[guild.NameKey(d.Name)] = &Count{Name: d.Name, Members: d.Members}
	}
	bump := func(m map[string]*Count, name string) {
		key := guild.NameKey(name)
		c := m[key]
		if c == nil {
			c = &Count{Name: name}
			m[key] = c
		}
		c.Count++
	}
	seen := map[int64]bool{}
	for _, s := range selected {
		b.Talks++
		if s.State == Backup {
			b.Backups++
		}
		if s.FirstTime {
			b.FirstTime++
		} else {
			b.Experienced++
		}
		bump(formats, s.Format.Name)
		for _, sp := range s.Speakers {
			if seen[sp.User.ID] {
				continue
			}
			seen[sp.User.ID] = true
			b.Speakers++
			if sp.Department == "" {
				b.NoDepartment++
			} else {
				bump(depts, sp.Department)
			}
			if sp.Team != "" {
				bump(teams, sp.Team)
			}
		}
	}
	b.Departments = sorted(depts)
	b.Teams = sorted(teams)
	b.Formats = sorted(formats)

	ranked := slices.Clone(pending)
	slices.SortStableFunc(ranked, Rank)
	for _, d := range b.Departments {
		if d.Count > 0 || d.Members == 0 {
			continue
		}
		g := Gap{Department: d.Name, Members: d.Members}
		key := guild.NameKey(d.Name)
		for _, s := range ranked {
			if len(g.Suggestions) == SuggestionsPerGap {
				break
			}
			for _, sp := range s.Speakers {
				if guild.NameKey(sp.Department) == key {
					g.Suggestions = append(g.Suggestions, s)
					break
				}
			}
		}
		b.Missing = append(b.Missing, g)
	}
	slices.SortStableFunc(b.Missing, func(x, y Gap) int { return cmp.Compare(y.Members, x.Members) })
	return b
}

// sorted returns counts, most first, then by name.
func sorted(m map[string]*Count) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(x, y Count) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Members, x.Members); c != 0 {
			return c
		}
		return cmp.Compare(guild.NameKey(x.Name), guild.NameKey(y.Name))
	})
	return out
}

// Rank orders submissions best first: reviewed before unreviewed, then by
// mean score, then by more reviews, then oldest first.
func Rank(x, y *Submission) int {
	if (x.Reviews == 0) != (y.Reviews == 0) {
		if x.Reviews == 0 {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(y.ScoreSum*x.Reviews, x.ScoreSum*y.Reviews); c != 0 {
		return c
	}
	if c := cmp.Compare(y.Reviews, x.Reviews); c != 0 {
		return c
	}
	return cmp.Compare(x.ID, y.ID)
}
