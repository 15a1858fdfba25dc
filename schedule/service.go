package schedule

import "context"

// Report is what the solver says of a draft: its figures against the
// lower bound, and how much it moved from the schedule before.
type Report struct {
	// Talks counts the talks placed, Sessions the sessions they make (a
	// lightning block is one session).
	Talks    int `json:"talks"`
	Sessions int `json:"sessions"`
	// Score is the draft's room overflow and soft goals.
	Score Score `json:"score"`
	// LowerBound is the least room overflow any schedule can have.
	LowerBound int `json:"lower_bound"`
	// Moved counts the talks that moved from the previous draft or
	// release; Previous says which it was ("draft", "release 2", or "").
	Moved    int    `json:"moved"`
	Previous string `json:"previous,omitempty"`
	// Seed is the solver's seed.
	Seed int64 `json:"seed"`
	// Estimated is true when no talk had interest votes, so audiences were
	// taken as an even share of the seats.
	Estimated bool `json:"estimated,omitempty"`
}

// Draft is the schedule an organiser is working on, with the solver's
// report of its last build.
type Draft struct {
	Program
	Report Report
	// Missing are line-up talks not on the draft (confirmed or accepted
	// since it was built); Gone are placed talks no longer in the line-up
	// (withdrawn or declined). Either means the draft wants a rebuild.
	Missing []int64
	Gone    []int64
}

// Release is a published version of the schedule and what changed since
// the version before.
type Release struct {
	Program
	Changes []Change
	// Posted is the channel the changes were posted to, "" when the event
	// has none; Told counts the speakers sent their new slot.
	Posted string
	Told   int
}

// Service builds, edits and publishes schedules. Methods act as the user
// in the context: organisers build, move and publish, and read drafts;
// anyone reads releases.
type Service interface {
	// Build solves the event's line-up (accepted, offered and confirmed
	// talks) into a new draft, moving as few talks as it can from the
	// current draft or latest release. It returns EINVALID naming the
	// blocking rule when no schedule exists.
	Build(ctx context.Context, event string, o BuildOptions) (*Draft, error)
	// FindDraft returns the event's draft, ENOTFOUND when there is none.
	FindDraft(ctx context.Context, event string) (*Draft, error)
	// Move moves a talk on its event's draft to room at start (minutes
	// after midnight on the event's clock); room "" keeps its room. It
	// refuses a move that breaks a hard rule, naming it. A draft is made
	// from the latest release when there is none. It returns the draft,
	// the talk as moved, and where it was.
	Move(ctx context.Context, talk int64, room string, start int) (d *Draft, it *Item, from Placement, err error)
	// Publish makes the draft the next numbered release, posts the changes
	// since the last release to the event's channel and tells each speaker
	// whose talk was added, moved or dropped, through the outbox.
	Publish(ctx context.Context, event string) (*Release, error)
	// FindRelease returns release version of the event, or the latest with
	// version 0; ENOTFOUND when there is none. It needs no acting user:
	// releases are public.
	FindRelease(ctx context.Context, event string, version int) (*Program, error)
}
