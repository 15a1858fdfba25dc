package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
)

func TestResolveCreatesOnce(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()

	first, err := users.Resolve(ctx, consoleUser("Alice"))
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 {
		t.Fatalf("Resolve(new user).ID = 0, want a stored ID")
	}
	if first.Platform != guild.PlatformConsole || first.PlatformID != "alice" || first.Name != "Alice" {
		t.Errorf("Resolve = {%q, %q, %q}, want {console, alice, Alice}", first.Platform, first.PlatformID, first.Name)
	}
	if !first.CreatedAt.Equal(t0) {
		t.Errorf("CreatedAt = %v, want the pinned clock %v", first.CreatedAt, t0)
	}
	if first.Organiser {
		t.Errorf("Resolve(Alice).Organiser = true, want false with no organisers")
	}

	db.Now = guild.FixedClock(t0.Add(time.Hour))
	again, err := users.Resolve(ctx, consoleUser("Alice"))
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID {
		t.Errorf("Resolve again: ID = %d, want %d", again.ID, first.ID)
	}
	if !again.CreatedAt.Equal(t0) {
		t.Errorf("Resolve again: CreatedAt = %v, want the first sighting %v", again.CreatedAt, t0)
	}

	bob := mustUser(t, users, "Bob")
	if bob.ID == first.ID {
		t.Errorf("Resolve(Bob).ID = %d, the same as Alice's", bob.ID)
	}
	// The same id on another platform is another person.
	slack, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformSlack, PlatformID: "alice", Name: "Alice"})
	if err != nil {
		t.Fatal(err)
	}
	if slack.ID == first.ID {
		t.Errorf("Resolve(slack:alice).ID = %d, the same as console:alice", slack.ID)
	}
}

func TestResolveRefreshesName(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()
	u, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformSlack, PlatformID: "U0123", Name: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	renamed, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformSlack, PlatformID: "U0123", Name: "Alice Martin"})
	if err != nil {
		t.Fatal(err)
	}
	if renamed.ID != u.ID || renamed.Name != "Alice Martin" {
		t.Errorf("Resolve(renamed) = {%d, %q}, want {%d, %q}", renamed.ID, renamed.Name, u.ID, "Alice Martin")
	}
	found, err := users.FindUser(ctx, guild.PlatformSlack, "alice martin")
	if err != nil || found.ID != u.ID {
		t.Errorf("FindUser(new name) = %v, %v, want ID %d", found, err, u.ID)
	}
	if _, err := users.FindUser(ctx, guild.PlatformSlack, "alice"); guild.ErrorCode(err) != guild.ENOTFOUND {
		t.Errorf("FindUser(old name) code = %q (%v), want %q", guild.ErrorCode(err), err, guild.ENOTFOUND)
	}
}

func TestResolveKeepsProfile(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()
	alice := mustUser(t, users, "Alice")
	if _, err := users.UpdateProfile(as(ctx, alice), guild.Profile{Department: ptr("Engineering"), TZ: ptr("Europe/Paris")}); err != nil {
		t.Fatal(err)
	}
	u, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformConsole, PlatformID: "alice", Name: "Alice B.", TZ: "Asia/Tokyo"})
	if err != nil {
		t.Fatal(err)
	}
	if u.Department != "Engineering" || u.TZ != "Europe/Paris" {
		t.Errorf("Resolve after a rename = {dept %q, tz %q}, want the stored profile {Engineering, Europe/Paris}", u.Department, u.TZ)
	}
}

func TestResolveTZ(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()
	tests := []struct{ id, tz, want string }{
		{"u1", "Europe/Paris", "Europe/Paris"},
		{"u2", "Mars/Olympus_Mons", ""},
		{"u3", "Local", ""},
		{"u4", "../../etc/passwd", ""},
		{"u5", "", ""},
	}
	for _, tt := range tests {
		u, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformDiscord, PlatformID: tt.id, Name: tt.id, TZ: tt.tz})
		if err != nil {
			t.Fatalf("Resolve(tz %q): %v", tt.tz, err)
		}
		if u.TZ != tt.want {
			t.Errorf("Resolve(tz %q).TZ = %q, want %q", tt.tz, u.TZ, tt.want)
		}
	}
}

func TestResolveRefuses(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()
	tests := []struct {
		name string
		u    *guild.User
		code string
	}{
		{"no platform", &guild.User{PlatformID: "x", Name: "X"}, guild.EINTERNAL},
		{"no platform id", &guild.User{Platform: guild.PlatformSlack, Name: "X"}, guild.EINTERNAL},
		{"no name", &guild.User{Platform: guild.PlatformSlack, PlatformID: "U1"}, guild.EINVALID},
		{"blank name", &guild.User{Platform: guild.PlatformSlack, PlatformID: "U1", Name: "  "}, guild.EINVALID},
		{"long name", &guild.User{Platform: guild.PlatformSlack, PlatformID: "U1", Name: strings.Repeat("n", 81)}, guild.EINVALID},
		{"control character", &guild.User{Platform: guild.PlatformSlack, PlatformID: "U1", Name: "a\nb"}, guild.EINVALID},
	}
	for _, tt := range tests {
		u, err := users.Resolve(ctx, tt.u)
		if err == nil {
			t.Errorf("%s: Resolve = %+v, want an error", tt.name, u)
			continue
		}
		if got := guild.ErrorCode(err); got != tt.code {
			t.Errorf("%s: Resolve code = %q (%v), want %q", tt.name, got, err, tt.code)
		}
	}
	if _, err := users.FindUser(ctx, guild.PlatformSlack, "U1"); guild.ErrorCode(err) != guild.ENOTFOUND {
		t.Errorf("FindUser after refused Resolves: code %q, want %q (nothing stored)", guild.ErrorCode(err), guild.ENOTFOUND)
	}
}

func TestResolveOrganiserFromList(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	users.Organisers = []string{"alice", " Carol Jones ", "slack:U0123", "discord:4242"}
	ctx := context.Background()
	tests := []struct {
		u    *guild.User
		want bool
	}{
		{consoleUser("Alice"), true},
		{consoleUser("Carol Jones"), true},
		{consoleUser("Bob"), false},
		{consoleUser("Carol"), false},
		{&guild.User{Platform: guild.PlatformSlack, PlatformID: "U0123", Name: "sam"}, true},
		{&guild.User{Platform: guild.PlatformSlack, PlatformID: "U9999", Name: "alice"}, false},
		{&guild.User{Platform: guild.PlatformDiscord, PlatformID: "4242", Name: "dee"}, true},
		{&guild.User{Platform: guild.PlatformDiscord, PlatformID: "U0123", Name: "eve"}, false},
	}
	for _, tt := range tests {
		u, err := users.Resolve(ctx, tt.u)
		if err != nil {
			t.Fatal(err)
		}
		if u.Organiser != tt.want {
			t.Errorf("Resolve(%s:%s).Organiser = %v, want %v", tt.u.Platform, tt.u.PlatformID, u.Organiser, tt.want)
		}
	}
}

func TestResolveOrganiserFromStore(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	orgs := sqlite.NewOrganiserService(db)
	ctx := context.Background()
	for _, e := range []string{"Alice", "@Carol Jones", "slack:U0123", "Discord:4242", "console:dave"} {
		if err := orgs.AddOrganiser(ctx, e); err != nil {
			t.Fatalf("AddOrganiser(%q): %v", e, err)
		}
	}
	tests := []struct {
		u    *guild.User
		want bool
	}{
		{consoleUser("alice"), true},
		{consoleUser("ALICE"), true},
		{consoleUser("Carol Jones"), true},
		{consoleUser("Dave"), true},
		{consoleUser("Bob"), false},
		{&guild.User{Platform: guild.PlatformSlack, PlatformID: "U0123", Name: "sam"}, true},
		{&guild.User{Platform: guild.PlatformSlack, PlatformID: "u0123", Name: "sam2"}, false},
		{&guild.User{Platform: guild.PlatformSlack, PlatformID: "alice", Name: "alice"}, false},
		{&guild.User{Platform: guild.PlatformDiscord, PlatformID: "4242", Name: "dee"}, true},
		{&guild.User{Platform: guild.PlatformSlack, PlatformID: "4242", Name: "dee"}, false},
	}
	for _, tt := range tests {
		u, err := users.Resolve(ctx, tt.u)
		if err != nil {
			t.Fatal(err)
		}
		if u.Organiser != tt.want {
			t.Errorf("Resolve(%s:%s).Organiser = %v, want %v", tt.u.Platform, tt.u.PlatformID, u.Organiser, tt.want)
		}
	}

	// Removing the entry takes effect at the next Resolve.
	if err := orgs.RemoveOrganiser(ctx, "alice"); err != nil {
		t.Fatal(err)
	}
	if u := mustUser(t, users, "Alice"); u.Organiser {
		t.Errorf("Resolve(Alice).Organiser after RemoveOrganiser = true, want false")
	}
}

func TestFindUser(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()
	alice := mustUser(t, users, "Alice Martin")
	elodie := mustUser(t, users, "Élodie")
	sam, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformSlack, PlatformID: "U0123", Name: "Sam"})
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		platform, ref string
		want          int64
	}{
		{guild.PlatformConsole, "alice martin", alice.ID},
		{guild.PlatformConsole, "Alice Martin", alice.ID},
		{guild.PlatformConsole, "ALICE MARTIN", alice.ID},
		{guild.PlatformConsole, "@alice martin", alice.ID},
		{guild.PlatformConsole, "  alice   martin ", alice.ID},
		{guild.PlatformConsole, "ÉLODIE", elodie.ID},
		{guild.PlatformConsole, "élodie", elodie.ID},
		{guild.PlatformSlack, "U0123", sam.ID},
		{guild.PlatformSlack, "@U0123", sam.ID},
		{guild.PlatformSlack, "sam", sam.ID},
		{guild.PlatformSlack, "SAM", sam.ID},
	}
	for _, tt := range tests {
		u, err := users.FindUser(ctx, tt.platform, tt.ref)
		if err != nil {
			t.Errorf("FindUser(%s, %q) = %v, want ID %d", tt.platform, tt.ref, err, tt.want)
			continue
		}
		if u.ID != tt.want {
			t.Errorf("FindUser(%s, %q).ID = %d, want %d", tt.platform, tt.ref, u.ID, tt.want)
		}
	}

	for _, tt := range []struct{ platform, ref string }{
		{guild.PlatformConsole, "nobody"},
		{guild.PlatformConsole, "alice"},
		{guild.PlatformConsole, "sam"},        // Sam is on Slack
		{guild.PlatformSlack, "alice martin"}, // Alice is on the console
		{guild.PlatformDiscord, "U0123"},
		{guild.PlatformSlack, "U012"},
	} {
		_, err := users.FindUser(ctx, tt.platform, tt.ref)
		wantCode(t, "FindUser("+tt.platform+", "+tt.ref+")", err, guild.ENOTFOUND)
		if msg := guild.ErrorMessage(err); !strings.Contains(msg, tt.ref) {
			t.Errorf("FindUser(%s, %q) message = %q, want it to name %q", tt.platform, tt.ref, msg, tt.ref)
		}
	}
}

func TestFindUserAmbiguousName(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()
	var ids []int64
	for _, id := range []string{"U1", "U2"} {
		u, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformSlack, PlatformID: id, Name: "Sam"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	_, err := users.FindUser(ctx, guild.PlatformSlack, "sam")
	wantCode(t, "FindUser(two Sams)", err, guild.ECONFLICT)
	for i, id := range []string{"U1", "U2"} {
		u, err := users.FindUser(ctx, guild.PlatformSlack, id)
		if err != nil || u.ID != ids[i] {
			t.Errorf("FindUser(slack, %q) = %v, %v, want ID %d", id, u, err, ids[i])
		}
	}
}

func TestFindUserPlatformIDBeatsName(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()
	// Someone whose display name is another user's id.
	owner, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformSlack, PlatformID: "U1", Name: "Uma"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := users.Resolve(ctx, &guild.User{Platform: guild.PlatformSlack, PlatformID: "U2", Name: "U1"}); err != nil {
		t.Fatal(err)
	}
	u, err := users.FindUser(ctx, guild.PlatformSlack, "U1")
	if err != nil || u.ID != owner.ID {
		t.Errorf("FindUser(slack, U1) = %v, %v, want the owner of id U1 (ID %d)", u, err, owner.ID)
	}
}

func ptr(s string) *string { return &s }

func TestUpdateProfile(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()
	alice := mustUser(t, users, "Alice")
	actx := as(ctx, alice)

	u, err := users.UpdateProfile(actx, guild.Profile{Department: ptr("  Quality   Engineering "), Team: ptr("Payments"), TZ: ptr("Europe/Paris")})
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != alice.ID || u.Department != "Quality Engineering" || u.Team != "Payments" || u.TZ != "Europe/Paris" || u.Role != "" {
		t.Errorf("UpdateProfile = {%d %q %q %q %q}, want {%d %q %q %q %q}", u.ID, u.Department, u.Team, u.Role, u.TZ,
			alice.ID, "Quality Engineering", "Payments", "", "Europe/Paris")
	}
	if u.Location().String() != "Europe/Paris" {
		t.Errorf("Location() after UpdateProfile = %s, want Europe/Paris", u.Location())
	}

	// A partial update keeps the other fields.
	u, err = users.UpdateProfile(actx, guild.Profile{Role: ptr("Développeuse")})
	if err != nil {
		t.Fatal(err)
	}
	if u.Department != "Quality Engineering" || u.Team != "Payments" || u.TZ != "Europe/Paris" || u.Role != "Développeuse" {
		t.Errorf("UpdateProfile(role only) = {%q %q %q %q}, want {Quality Engineering, Payments, Développeuse, Europe/Paris}", u.Department, u.Team, u.Role, u.TZ)
	}

	// An empty value clears a field.
	u, err = users.UpdateProfile(actx, guild.Profile{Team: ptr(""), TZ: ptr("")})
	if err != nil {
		t.Fatal(err)
	}
	if u.Team != "" || u.TZ != "" || u.Department != "Quality Engineering" {
		t.Errorf("UpdateProfile(clear team, tz) = {team %q, tz %q, dept %q}, want {\"\", \"\", Quality Engineering}", u.Team, u.TZ, u.Department)
	}

	// The stored profile is what Resolve returns.
	again := mustUser(t, users, "Alice")
	if again.Department != "Quality Engineering" || again.Role != "Développeuse" || again.Team != "" {
		t.Errorf("Resolve after UpdateProfile = {%q %q %q}, want {Quality Engineering, \"\", Développeuse}", again.Department, again.Team, again.Role)
	}
}

func TestUpdateProfileKeepsOrganiser(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	users.Organisers = []string{"olga"}
	olga := mustUser(t, users, "Olga")
	u, err := users.UpdateProfile(as(context.Background(), olga), guild.Profile{Team: ptr("Events")})
	if err != nil {
		t.Fatal(err)
	}
	if !u.Organiser {
		t.Errorf("UpdateProfile by an organiser: Organiser = false, want true")
	}
}

func TestUpdateProfileRefuses(t *testing.T) {
	db := mustOpen(t)
	users := sqlite.NewUserService(db)
	ctx := context.Background()
	alice := mustUser(t, users, "Alice")
	actx := as(ctx, alice)
	if _, err := users.UpdateProfile(actx, guild.Profile{Department: ptr("Engineering"), TZ: ptr("Europe/Paris")}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		p     guild.Profile
		field string
	}{
		{"unknown tz", guild.Profile{Department: ptr("Sales"), TZ: ptr("Mars/Olympus_Mons")}, "tz"},
		{"Local tz", guild.Profile{Department: ptr("Sales"), TZ: ptr("Local")}, "tz"},
		{"path tz", guild.Profile{Department: ptr("Sales"), TZ: ptr("../../etc/passwd")}, "tz"},
		{"long department", guild.Profile{Department: ptr(strings.Repeat("d", 81)), TZ: ptr("Asia/Tokyo")}, "department"},
		{"newline in team", guild.Profile{Team: ptr("a\nb"), TZ: ptr("Asia/Tokyo")}, "team"},
	}
	for _, tt := range tests {
		_, err := users.UpdateProfile(actx, tt.p)
		wantCode(t, "UpdateProfile("+tt.name+")", err, guild.EINVALID)
		if got := guild.ErrorField(err); got != tt.field {
			t.Errorf("UpdateProfile(%s) field = %q, want %q", tt.name, got, tt.field)
		}
	}
	u := mustUser(t, users, "Alice")
	if u.Department != "Engineering" || u.TZ != "Europe/Paris" || u.Team != "" {
		t.Errorf("after refused updates the profile is {%q %q %q}, want it unchanged {Engineering, \"\", Europe/Paris}", u.Department, u.Team, u.TZ)
	}

	_, err := users.UpdateProfile(ctx, guild.Profile{Team: ptr("x")})
	wantCode(t, "UpdateProfile with no acting user", err, guild.EFORBIDDEN)
	_, err = users.UpdateProfile(as(ctx, &guild.User{ID: 999, Platform: guild.PlatformConsole, PlatformID: "ghost", Name: "Ghost"}), guild.Profile{Team: ptr("x")})
	wantCode(t, "UpdateProfile by an unknown user", err, guild.ENOTFOUND)
}
