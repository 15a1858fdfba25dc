package guild_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
)

func TestUserLocation(t *testing.T) {
	tests := []struct {
		name string
		u    *guild.User
		want string
	}{
		{"nil user", nil, "UTC"},
		{"unset", &guild.User{}, "UTC"},
		{"valid", &guild.User{TZ: "Europe/Paris"}, "Europe/Paris"},
		{"other valid", &guild.User{TZ: "America/Los_Angeles"}, "America/Los_Angeles"},
		{"unknown", &guild.User{TZ: "Mars/Olympus_Mons"}, "UTC"},
		{"path", &guild.User{TZ: "../../etc/passwd"}, "UTC"},
		{"Local is not a user's zone", &guild.User{TZ: "Local"}, "UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := tt.u.Location()
			if loc.String() != tt.want {
				t.Errorf("Location() = %s, want %s", loc, tt.want)
			}
			if tt.want == "UTC" && loc != time.UTC {
				t.Errorf("Location() = %s (%p), want time.UTC itself", loc, loc)
			}
		})
	}
}

func TestUserHandle(t *testing.T) {
	var nilUser *guild.User
	if got, want := nilUser.Handle(), "@someone"; got != want {
		t.Errorf("(*User)(nil).Handle() = %q, want %q", got, want)
	}
	if got, want := (&guild.User{Name: "Alice"}).Handle(), "@Alice"; got != want {
		t.Errorf("Handle() = %q, want %q", got, want)
	}
}

func TestConsoleID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"alice", "alice"},
		{"Alice", "alice"},
		{"  Alice Smith ", "alice smith"},
		{"ÉLODIE", "élodie"},
	}
	for _, tt := range tests {
		if got := guild.ConsoleID(tt.in); got != tt.want {
			t.Errorf("ConsoleID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsOrganiserEntry(t *testing.T) {
	alice := &guild.User{Platform: guild.PlatformConsole, PlatformID: "alice", Name: "Alice"}
	aliceSmith := &guild.User{Platform: guild.PlatformConsole, PlatformID: "alice smith", Name: "Alice Smith"}
	slackAlice := &guild.User{Platform: guild.PlatformSlack, PlatformID: "U0123", Name: "alice"}
	discord := &guild.User{Platform: guild.PlatformDiscord, PlatformID: "801234567890", Name: "alice"}
	tests := []struct {
		entry string
		u     *guild.User
		want  bool
	}{
		// A bare name matches only the console user of that name.
		{"alice", alice, true},
		{"Alice", alice, true},
		{"  ALICE  ", alice, true},
		{"@alice", alice, true},
		{"Alice Smith", aliceSmith, true},
		{"alice", aliceSmith, false},
		{"bob", alice, false},
		{"alice", slackAlice, false},
		{"alice", discord, false},
		{"U0123", slackAlice, false},
		// platform:id matches that platform's user by exact id.
		{"slack:U0123", slackAlice, true},
		{"Slack:U0123", slackAlice, true},
		{" slack:U0123 ", slackAlice, true},
		{"slack : U0123", slackAlice, true},
		{"@slack:U0123", slackAlice, true},
		{"slack:u0123", slackAlice, false},
		{"slack:U01234", slackAlice, false},
		{"slack:U012", slackAlice, false},
		{"discord:U0123", slackAlice, false},
		{"slack:U0123", alice, false},
		{"discord:801234567890", discord, true},
		{"slack:801234567890", discord, false},
		{"console:alice", alice, true},
		{"console:alice", slackAlice, false},
	}
	for _, tt := range tests {
		if got := guild.IsOrganiserEntry(tt.entry, tt.u); got != tt.want {
			t.Errorf("IsOrganiserEntry(%q, %s:%s) = %v, want %v", tt.entry, tt.u.Platform, tt.u.PlatformID, got, tt.want)
		}
	}
}

func ptr(s string) *string { return &s }

func TestProfileValidate(t *testing.T) {
	tests := []struct {
		name      string
		p         guild.Profile
		wantField string // "" for no error
	}{
		{"empty", guild.Profile{}, ""},
		{"all set", guild.Profile{Department: ptr("Engineering"), Team: ptr("Payments"), Role: ptr("Développeuse"), TZ: ptr("Europe/Paris")}, ""},
		{"clearing", guild.Profile{Department: ptr(""), Team: ptr(""), Role: ptr(""), TZ: ptr("")}, ""},
		{"80-rune department", guild.Profile{Department: ptr(strings.Repeat("é", 80))}, ""},
		{"81-rune department", guild.Profile{Department: ptr(strings.Repeat("é", 81))}, "department"},
		{"81-rune team", guild.Profile{Team: ptr(strings.Repeat("t", 81))}, "team"},
		{"81-rune role", guild.Profile{Role: ptr(strings.Repeat("r", 81))}, "role"},
		{"newline in team", guild.Profile{Team: ptr("a\nb")}, "team"},
		{"invalid UTF-8 role", guild.Profile{Role: ptr("\xff")}, "role"},
		{"unknown tz", guild.Profile{TZ: ptr("Mars/Olympus_Mons")}, "tz"},
		{"Local tz", guild.Profile{TZ: ptr("Local")}, "tz"},
		{"path tz", guild.Profile{TZ: ptr("/etc/passwd")}, "tz"},
		{"UTC", guild.Profile{TZ: ptr("UTC")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.wantField == "" {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			if got := guild.ErrorCode(err); got != guild.EINVALID {
				t.Errorf("Validate() code = %q (%v), want %q", got, err, guild.EINVALID)
			}
			if got := guild.ErrorField(err); got != tt.wantField {
				t.Errorf("Validate() field = %q, want %q", got, tt.wantField)
			}
		})
	}
}

func TestContextUser(t *testing.T) {
	ctx := context.Background()
	if u := guild.UserFromContext(ctx); u != nil {
		t.Errorf("UserFromContext(empty) = %v, want nil", u)
	}
	if _, err := guild.ActingUser(ctx); guild.ErrorCode(err) != guild.EFORBIDDEN {
		t.Errorf("ActingUser(empty) error code = %q, want %q", guild.ErrorCode(err), guild.EFORBIDDEN)
	}

	unstored := &guild.User{Platform: guild.PlatformConsole, PlatformID: "alice", Name: "Alice"}
	if _, err := guild.ActingUser(guild.NewContextWithUser(ctx, unstored)); guild.ErrorCode(err) != guild.EFORBIDDEN {
		t.Errorf("ActingUser(user with ID 0) error code = %q, want %q", guild.ErrorCode(err), guild.EFORBIDDEN)
	}

	alice := &guild.User{ID: 7, Platform: guild.PlatformConsole, PlatformID: "alice", Name: "Alice"}
	ctx = guild.NewContextWithUser(ctx, alice)
	if u := guild.UserFromContext(ctx); u != alice {
		t.Errorf("UserFromContext = %v, want %v", u, alice)
	}
	u, err := guild.ActingUser(ctx)
	if err != nil || u != alice {
		t.Errorf("ActingUser = %v, %v, want %v, nil", u, err, alice)
	}

	bob := &guild.User{ID: 8, Name: "Bob"}
	inner := guild.NewContextWithUser(ctx, bob)
	if u := guild.UserFromContext(inner); u != bob {
		t.Errorf("UserFromContext(inner) = %v, want %v", u, bob)
	}
	if u := guild.UserFromContext(ctx); u != alice {
		t.Errorf("UserFromContext(outer) after deriving = %v, want %v", u, alice)
	}
}

func TestFixedClock(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	clock := guild.FixedClock(at)
	for i := 0; i < 3; i++ {
		if got := clock(); !got.Equal(at) {
			t.Errorf("FixedClock(%v)() = %v, want %v", at, got, at)
		}
	}
}

func TestIsOrganiserEntryNilUser(t *testing.T) {
	if guild.IsOrganiserEntry("alice", nil) {
		t.Error("IsOrganiserEntry(alice, nil) = true, want false")
	}
}
