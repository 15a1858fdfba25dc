package survey

// Receipt is what storing an answer did.
type Receipt struct {
	Survey *Survey
	// Updated is true when the answer replaced the person's earlier one.
	Updated bool
	// Anonymous is true when the answer was stored with no link to its
	// author.
	Anonymous bool
	// Idea is the idea the answer raised, nil when none; an idea raised
	// before stays when a later answer gives none. IdeaNew is true when
	// this answer raised it.
	Idea    *Idea
	IdeaNew bool
}
