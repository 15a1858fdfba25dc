package community

import "time"

// Backlog item states.
const (
	BacklogOpen = "open"
	BacklogDone = "done"
)

// BacklogItem is a piece of work the members do together; each charter goal
// starts one.
type BacklogItem struct {
	ID          int64
	CommunityID int64
	Title       string
	State       string
	CreatedAt   time.Time
}
