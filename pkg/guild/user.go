package guild

import (
	"context"
	"strings"
	"time"
)

// Platforms a user can come from.
const (
	PlatformConsole = "console" // the console and `guildhall chat`
	PlatformSlack   = "slack"
	PlatformDiscord = "discord"
)

// User is a person who talks to the bot, as the store knows them.
type User struct {
	// ID is the store's identifier; zero until the user has been stored.
	ID int64
	// Platform and PlatformID identify the user on their chat platform.
	// On the console the platform id is the lower-cased name.
	Platform   string
	PlatformID string
	// Name is the display name, as the platform last reported it.
	Name string
	// Department, Team and Role come from /profile. Role is what the person
	// does ("tester", "business analyst"): communities gather people who
	// share one.
	Department string
	Team       string
	Role       string
	// TZ is an IANA time zone name such as "Europe/Paris"; "" means UTC.
	TZ string
	// DMs is true when the person agreed to direct messages (/profile
	// dms=yes). Discord quarantines bots that message people who never
	// asked, so on Discord only those who agreed get them.
	DMs bool
	// Organiser is true when the user may run events and CFPs and manage
	// any community. It is computed when the user is resolved, not stored
	// on the user.
	Organiser bool
	// CreatedAt is when the store first saw the user.
	CreatedAt time.Time
}

// Location returns the user's time zone, or UTC when it is unset or unknown.
func (u *User) Location() *time.Location {
	if u == nil || u.TZ == "" {
		return time.UTC
	}
	// LoadLocation, not time.LoadLocation: "Local" is the server's zone,
	// never a user's.
	loc, err := LoadLocation("tz", u.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Handle returns how the user is addressed in replies: "@name".
func (u *User) Handle() string {
	if u == nil {
		return "@someone"
	}
	return "@" + u.Name
}

// ConsoleID returns the platform id of a console user called name.
func ConsoleID(name string) string {
	return strings.ToLower(strings.TrimSpace(name))
}

// Profile is a change to a user's profile; nil fields are left unchanged.
type Profile struct {
	Department *string
	Team       *string
	Role       *string
	TZ         *string
	// DMs, when set, says whether the person agrees to direct messages.
	DMs *bool
}

// Validate checks the profile's fields against the caps and the time zone
// database.
func (p *Profile) Validate() error {
	for _, f := range []struct {
		key string
		v   *string
	}{{"department", p.Department}, {"team", p.Team}, {"role", p.Role}} {
		if f.v == nil {
			continue
		}
		if err := CheckName(f.key, *f.v, false); err != nil {
			return err
		}
	}
	if p.TZ != nil && *p.TZ != "" {
		if _, err := LoadLocation("tz", *p.TZ); err != nil {
			return err
		}
	}
	return nil
}

// UserService stores users, their profiles and the organiser list.
type UserService interface {
	// Resolve stores u if it is new, refreshes its display name if it
	// changed, and returns the stored user with Organiser computed.
	Resolve(ctx context.Context, u *User) (*User, error)
	// FindUser returns the user of the given platform whose platform id
	// is ref, or whose name is ref compared by NameKey (without regard to
	// case). Console platform ids are lower-cased names, so on the console
	// both comparisons ignore case.
	FindUser(ctx context.Context, platform, ref string) (*User, error)
	// UpdateProfile changes the acting user's profile.
	UpdateProfile(ctx context.Context, p Profile) (*User, error)
}

// OrganiserService keeps the list of organisers. An entry is either a bare
// name, which matches the console user of that name, or "platform:id"
// ("slack:U0123", "discord:8012…"), which matches that platform's user.
type OrganiserService interface {
	AddOrganiser(ctx context.Context, entry string) error
	RemoveOrganiser(ctx context.Context, entry string) error
	Organisers(ctx context.Context) ([]string, error)
}

// IsOrganiserEntry reports whether entry names u. Like the stored list, it
// ignores a leading "@" and spaces around the platform and the id.
func IsOrganiserEntry(entry string, u *User) bool {
	if u == nil {
		return false
	}
	entry = strings.TrimPrefix(strings.TrimSpace(entry), "@")
	if platform, id, ok := strings.Cut(entry, ":"); ok {
		return strings.EqualFold(strings.TrimSpace(platform), u.Platform) && strings.TrimSpace(id) == u.PlatformID
	}
	return u.Platform == PlatformConsole && ConsoleID(entry) == u.PlatformID
}

type userContextKey struct{}

// NewContextWithUser returns a copy of ctx carrying the acting user.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userContextKey{}, u)
}

// UserFromContext returns the acting user carried by ctx, or nil.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userContextKey{}).(*User)
	return u
}

// ActingUser returns the acting user carried by ctx, or an EFORBIDDEN error
// when there is none.
func ActingUser(ctx context.Context) (*User, error) {
	u := UserFromContext(ctx)
	if u == nil || u.ID == 0 {
		return nil, Errorf(EFORBIDDEN, "You need to be signed in to do that.")
	}
	return u, nil
}
