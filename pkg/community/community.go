package community

import (
	"context"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Community is a community of practice.
type Community struct {
	ID    int64
	Name  string
	About string
	// Coordinator runs the community; the creator is the first one.
	Coordinator *guild.User
	Stage       Stage
	Charter     Charter
	Cadence     Cadence
	// MemberCount counts members, the coordinator included.
	MemberCount int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Validate checks the fields a user supplies when creating a community.
func (c *Community) Validate() error {
	if err := guild.CheckName("name", c.Name, true); err != nil {
		return err
	}
	return guild.CheckText("about", c.About, false)
}

// CanManage reports whether u may change the community's charter, stage,
// cadence or coordinator: its coordinator and organisers may.
func (c *Community) CanManage(u *guild.User) bool {
	if u == nil {
		return false
	}
	return u.Organiser || (c.Coordinator != nil && c.Coordinator.ID == u.ID)
}

// Authorize returns an EFORBIDDEN error, saying who may, unless u may
// manage the community. what completes "only … may …", e.g. "change its stage".
func (c *Community) Authorize(u *guild.User, what string) error {
	if c.CanManage(u) {
		return nil
	}
	coordinator := "its coordinator"
	if c.Coordinator != nil {
		coordinator = "its coordinator " + c.Coordinator.Handle()
	}
	return guild.Errorf(guild.EFORBIDDEN, "Only %s or an organiser may %s of %s.", coordinator, what, c.Name)
}

// Member is a user's membership of a community.
type Member struct {
	CommunityID int64
	User        *guild.User
	Coordinator bool
	JoinedAt    time.Time
}

// StageChange records a move from one stage to another.
type StageChange struct {
	From   Stage // "" for the stage a community was created in
	To     Stage
	By     *guild.User
	Reason string
	At     time.Time
}

// Service stores communities. The acting user comes from the context
// (guild.UserFromContext); methods that change a community check that the
// user may do so.
type Service interface {
	// CreateCommunity stores c with the acting user as its coordinator and
	// first member, in the potential stage.
	CreateCommunity(ctx context.Context, c *Community) error
	// FindCommunity returns the community called name (compared by
	// guild.NameKey), or an ENOTFOUND error.
	FindCommunity(ctx context.Context, name string) (*Community, error)
	// FindCommunities returns the communities f selects, by name, and how
	// many it selects in all, ignoring f.Offset and f.Limit.
	FindCommunities(ctx context.Context, f Filter) ([]*Community, int, error)
	// JoinCommunity makes the acting user a member.
	JoinCommunity(ctx context.Context, name string) (*Community, error)
	// LeaveCommunity ends the acting user's membership. A coordinator must
	// hand over first.
	LeaveCommunity(ctx context.Context, name string) (*Community, error)
	// UpdateCharter applies upd to the charter; each goal that is new
	// becomes a backlog item, which is returned.
	UpdateCharter(ctx context.Context, name string, upd CharterUpdate) (*Community, []*BacklogItem, error)
	// ChangeStage moves the community to stage and records who, when and why.
	ChangeStage(ctx context.Context, name string, stage Stage, reason string) (*Community, *StageChange, error)
	// SetCadence stores the meeting cadence; a zero Cadence clears it.
	SetCadence(ctx context.Context, name string, c Cadence) (*Community, error)
	// HandOver makes the member to the coordinator, returning the
	// community and its previous coordinator.
	HandOver(ctx context.Context, name string, to *guild.User) (*Community, *guild.User, error)
	// FindMembers lists the memberships that match f, newest first, and
	// how many match in all, ignoring f.Limit.
	FindMembers(ctx context.Context, f MemberFilter) ([]*Member, int, error)
	// FindStageChanges lists a community's stage history, oldest first.
	FindStageChanges(ctx context.Context, communityID int64) ([]*StageChange, error)
	// FindBacklog lists a community's backlog, oldest first.
	FindBacklog(ctx context.Context, communityID int64) ([]*BacklogItem, error)
}

// MemberFilter selects memberships; zero fields select everything.
type MemberFilter struct {
	CommunityID int64
	UserID      int64
	// Role selects members whose profile role matches (by guild.NameKey).
	Role string
	// ExceptUserID leaves one user out ("who else …").
	ExceptUserID int64
	// Limit caps the members returned; 0 means no cap.
	Limit int
}

// Filter selects communities; the zero Filter selects them all.
type Filter struct {
	// Search selects names containing it, compared by guild.NameKey.
	Search string
	// MemberID, when set, selects the communities that user belongs to.
	MemberID int64
	// Offset skips that many; Limit caps how many are returned (0: no cap).
	Offset, Limit int
}
