package templates

import (
	"strconv"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/schedule"
)

func init() {
	funcs["speakerNames"] = SpeakerNames
	funcs["refs"] = Refs
	funcs["where"] = Where
}

// SpeakerNames names a talk's speakers: "@ann and @bo".
func SpeakerNames(ps []schedule.Person) string {
	hs := make([]string, len(ps))
	for i, p := range ps {
		hs[i] = "@" + p.Name
	}
	if len(hs) == 0 {
		return "nobody"
	}
	return List(hs)
}

// Refs writes talk IDs as "#3, #7 and #9".
func Refs(ids []int64) string {
	words := make([]string, len(ids))
	for i, id := range ids {
		words[i] = "#" + strconv.FormatInt(id, 10)
	}
	return List(words)
}

// ScheduleBuilt is the reply to /schedule build.
type ScheduleBuilt struct {
	Draft *schedule.Draft
}

// Gap is how far the draft's room overflow is above the lower bound.
func (v ScheduleBuilt) Gap() int {
	return v.Draft.Report.Score.OverflowTotal - v.Draft.Report.LowerBound
}

// ScheduleShow is the reply to /schedule show: a draft (Draft set) or a
// release.
type ScheduleShow struct {
	Program *schedule.Program
	// Draft is set when the program is the draft.
	Draft *schedule.Draft
	// Latest is the newest release's number, 0 when none.
	Latest int
	// Organiser is true when the reader may see drafts.
	Organiser bool
}

// Grid draws the program as text.
func (v ScheduleShow) Grid() string { return Grid(v.Program) }

// Unconfirmed reports whether any talk awaits its speaker's confirmation.
func (v ScheduleShow) Unconfirmed() bool {
	for _, it := range v.Program.Items {
		if !it.Confirmed {
			return true
		}
	}
	return false
}

// ScheduleMoved is the reply to /schedule move.
type ScheduleMoved struct {
	Draft *schedule.Draft
	Item  *schedule.Item
	// From is where the talk was.
	From schedule.Placement
}

// SchedulePublished is the reply to /schedule publish.
type SchedulePublished struct {
	Release *schedule.Release
}

// Where says where and when a placement is: "in Main, 10:00-10:30", or
// "in every room, 09:00-09:45".
func Where(p schedule.Placement) string {
	room := p.Room
	if p.Plenary() {
		room = "every room"
	}
	return "in " + room + ", " + event.Clock(p.Start) + "-" + event.Clock(p.End())
}
