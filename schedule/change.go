package schedule

import "slices"

// ChangeKind says how a talk changed between two versions of a schedule.
type ChangeKind string

// The ways a talk changes between releases.
const (
	Added   ChangeKind = "added"   // on the new version only
	Moved   ChangeKind = "moved"   // another room or time
	Dropped ChangeKind = "dropped" // on the old version only
)

// Change is one talk's change between two versions.
type Change struct {
	Kind ChangeKind
	// Item is the talk as the new version has it, or as the old one had it
	// when Dropped.
	Item Item
	// Before is where the talk was, for Moved.
	Before Placement
}

// Diff lists what changed from old to new (old may be nil: everything is
// added), by the new start time, dropped talks last. A talk whose room
// and start stay is not a change, whatever else was edited.
func Diff(old, new *Program) []Change {
	var out []Change
	was := map[int64]Item{}
	if old != nil {
		for _, it := range old.Items {
			was[it.Talk] = it
		}
	}
	for _, it := range new.Items {
		prev, ok := was[it.Talk]
		delete(was, it.Talk)
		switch {
		case !ok:
			out = append(out, Change{Kind: Added, Item: it})
		case prev.Room != it.Room || prev.Start != it.Start || prev.Minutes != it.Minutes:
			out = append(out, Change{Kind: Moved, Item: it, Before: prev.Placement})
		}
	}
	var dropped []Change
	for _, it := range was {
		dropped = append(dropped, Change{Kind: Dropped, Item: it})
	}
	slices.SortFunc(dropped, func(a, b Change) int {
		if a.Item.Start != b.Item.Start {
			return a.Item.Start - b.Item.Start
		}
		return int(a.Item.Talk - b.Item.Talk)
	})
	return append(out, dropped...)
}
