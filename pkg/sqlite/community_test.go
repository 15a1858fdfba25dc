package sqlite_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
)

// fixture is a fresh store with three console users: Alice (who will
// coordinate), Bob (a member) and Carol (not a member).
type fixture struct {
	db                *sqlite.DB
	users             *sqlite.UserService
	communities       *sqlite.CommunityService
	alice, bob, carol *guild.User
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := mustOpen(t)
	f := &fixture{db: db, users: sqlite.NewUserService(db), communities: sqlite.NewCommunityService(db)}
	f.alice = mustUser(t, f.users, "Alice")
	f.bob = mustUser(t, f.users, "Bob")
	f.carol = mustUser(t, f.users, "Carol")
	return f
}

// create makes a community called name coordinated by u.
func (f *fixture) create(t *testing.T, u *guild.User, name string) *community.Community {
	t.Helper()
	c := &community.Community{Name: name}
	if err := f.communities.CreateCommunity(as(context.Background(), u), c); err != nil {
		t.Fatalf("CreateCommunity(%q): %v", name, err)
	}
	return c
}

func (f *fixture) join(t *testing.T, u *guild.User, name string) *community.Community {
	t.Helper()
	c, err := f.communities.JoinCommunity(as(context.Background(), u), name)
	if err != nil {
		t.Fatalf("JoinCommunity(%s, %q): %v", u.Name, name, err)
	}
	return c
}

func (f *fixture) find(t *testing.T, name string) *community.Community {
	t.Helper()
	c, err := f.communities.FindCommunity(context.Background(), name)
	if err != nil {
		t.Fatalf("FindCommunity(%q): %v", name, err)
	}
	return c
}

// memberNames lists the names of the members of c, in the store's order.
func (f *fixture) memberNames(t *testing.T, c *community.Community) []string {
	t.Helper()
	ms, _, err := f.communities.FindMembers(context.Background(), community.MemberFilter{CommunityID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.User.Name)
	}
	return names
}

func TestCreateCommunity(t *testing.T) {
	f := newFixture(t)
	ctx := as(context.Background(), f.alice)
	c := &community.Community{Name: "  Test   Automation ", About: "  We automate tests.\nTogether.  "}
	if err := f.communities.CreateCommunity(ctx, c); err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 {
		t.Fatalf("CreateCommunity left ID 0")
	}
	if c.Name != "Test Automation" || c.About != "We automate tests.\nTogether." {
		t.Errorf("CreateCommunity stored {%q, %q}, want {%q, %q}", c.Name, c.About, "Test Automation", "We automate tests.\nTogether.")
	}
	if c.Coordinator == nil || c.Coordinator.ID != f.alice.ID || c.Stage != community.StagePotential || c.MemberCount != 1 || !c.CreatedAt.Equal(t0) {
		t.Errorf("CreateCommunity = {coordinator %v, stage %q, members %d, created %v}, want {Alice, potential, 1, %v}",
			c.Coordinator, c.Stage, c.MemberCount, c.CreatedAt, t0)
	}

	got := f.find(t, "test automation")
	if got.ID != c.ID || got.Name != "Test Automation" || got.About != c.About {
		t.Errorf("FindCommunity = {%d %q %q}, want {%d %q %q}", got.ID, got.Name, got.About, c.ID, c.Name, c.About)
	}
	if got.Coordinator.ID != f.alice.ID || got.Coordinator.Name != "Alice" {
		t.Errorf("FindCommunity coordinator = %+v, want Alice", got.Coordinator)
	}
	if got.Stage != community.StagePotential || got.MemberCount != 1 {
		t.Errorf("FindCommunity = {stage %q, members %d}, want {potential, 1}", got.Stage, got.MemberCount)
	}
	if !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0) {
		t.Errorf("FindCommunity times = {%v, %v}, want both %v", got.CreatedAt, got.UpdatedAt, t0)
	}
	if !got.Charter.IsZero() || !got.Cadence.IsZero() {
		t.Errorf("a new community has charter %+v and cadence %q, want both empty", got.Charter, got.Cadence.Spec)
	}

	members, total, err := f.communities.FindMembers(context.Background(), community.MemberFilter{CommunityID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(members) != 1 || members[0].User.ID != f.alice.ID || !members[0].Coordinator || !members[0].JoinedAt.Equal(t0) {
		t.Errorf("FindMembers = %d total, %+v, want Alice alone as coordinator, joined %v", total, members, t0)
	}

	history, err := f.communities.FindStageChanges(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 1 {
		t.Fatalf("FindStageChanges = %d entries, want 1 (the creation)", len(history))
	}
	h := history[0]
	if h.From != "" || h.To != community.StagePotential || h.By.ID != f.alice.ID || !h.At.Equal(t0) {
		t.Errorf("creation entry = {%q → %q by %v at %v}, want {\"\" → potential by Alice at %v}", h.From, h.To, h.By, h.At, t0)
	}
}

func TestCreateCommunityNeedsUser(t *testing.T) {
	f := newFixture(t)
	err := f.communities.CreateCommunity(context.Background(), &community.Community{Name: "Testers"})
	wantCode(t, "CreateCommunity with no acting user", err, guild.EFORBIDDEN)
	if _, err := f.communities.FindCommunity(context.Background(), "Testers"); guild.ErrorCode(err) != guild.ENOTFOUND {
		t.Errorf("FindCommunity after a refused create: code %q, want %q", guild.ErrorCode(err), guild.ENOTFOUND)
	}
}

func TestCreateCommunityDuplicate(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Test Automation")
	for _, name := range []string{"Test Automation", "test automation", "TEST AUTOMATION", "  Test   Automation  ", "Test\tAutomation"} {
		err := f.communities.CreateCommunity(as(context.Background(), f.bob), &community.Community{Name: name})
		wantCode(t, fmt.Sprintf("CreateCommunity(%q) after Test Automation", name), err, guild.ECONFLICT)
		msg := guild.ErrorMessage(err)
		if !strings.Contains(msg, "already exists") || !strings.Contains(msg, `/community join "Test Automation"`) {
			t.Errorf("CreateCommunity(%q) message = %q, want it to say it exists and how to join", name, msg)
		}
	}
	all, _, err := f.communities.FindCommunities(context.Background(), community.Filter{})
	if err != nil || len(all) != 1 || all[0].Coordinator.ID != f.alice.ID {
		t.Errorf("FindCommunities after duplicates = %d communities, %v, want Alice's one", len(all), err)
	}
}

func TestCreateCommunityUnicodeNames(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ name, lookup string }{
		{"Qualité & Tests", "QUALITÉ & TESTS"},
		{"テスト", "テスト"},
		{"Ünïcödé Ëxplorers 🎉", "ünïcödé ëxplorers 🎉"},
		{strings.Repeat("é", 80), strings.Repeat("É", 80)},
	}
	for _, tt := range tests {
		c := f.create(t, f.alice, tt.name)
		for _, ref := range []string{tt.name, tt.lookup} {
			got, err := f.communities.FindCommunity(context.Background(), ref)
			if err != nil {
				t.Errorf("FindCommunity(%q) = %v, want %q", ref, err, tt.name)
				continue
			}
			if got.ID != c.ID || got.Name != tt.name {
				t.Errorf("FindCommunity(%q) = {%d, %q}, want {%d, %q}", ref, got.ID, got.Name, c.ID, tt.name)
			}
		}
		err := f.communities.CreateCommunity(as(context.Background(), f.bob), &community.Community{Name: tt.lookup})
		wantCode(t, fmt.Sprintf("CreateCommunity(%q) after %q", tt.lookup, tt.name), err, guild.ECONFLICT)
	}
}

func TestCreateCommunityRefusesBadInput(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name string
		c    community.Community
		want string // the field blamed
	}{
		{"empty", community.Community{Name: ""}, "name"},
		{"blank", community.Community{Name: "   "}, "name"},
		{"81 runes", community.Community{Name: strings.Repeat("é", 81)}, "name"},
		{"81 ASCII", community.Community{Name: strings.Repeat("a", 81)}, "name"},
		{"NUL", community.Community{Name: "Test\x00ers"}, "name"},
		{"escape", community.Community{Name: "\x1b[31mRed"}, "name"},
		{"invalid UTF-8", community.Community{Name: "Caf\xe9"}, "name"},
		{"long about", community.Community{Name: "Fine", About: strings.Repeat("a", 2001)}, "about"},
		{"control in about", community.Community{Name: "Fine", About: "bell\a"}, "about"},
	}
	for _, tt := range tests {
		c := tt.c
		err := f.communities.CreateCommunity(as(context.Background(), f.alice), &c)
		wantCode(t, "CreateCommunity("+tt.name+")", err, guild.EINVALID)
		if got := guild.ErrorField(err); got != tt.want {
			t.Errorf("CreateCommunity(%s) field = %q, want %q", tt.name, got, tt.want)
		}
	}
	if all, _, _ := f.communities.FindCommunities(context.Background(), community.Filter{}); len(all) != 0 {
		t.Errorf("FindCommunities after refused creates = %d, want 0", len(all))
	}
}

func TestFindCommunityUnknown(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Testers")
	for _, name := range []string{"Tester", "Testers and more", "", "Business Analysts"} {
		c, err := f.communities.FindCommunity(context.Background(), name)
		if err == nil {
			t.Errorf("FindCommunity(%q) = %q, want ENOTFOUND", name, c.Name)
			continue
		}
		wantCode(t, "FindCommunity("+name+")", err, guild.ENOTFOUND)
		if msg := guild.ErrorMessage(err); !strings.Contains(msg, fmt.Sprintf("%q", name)) || !strings.Contains(msg, "/community list") {
			t.Errorf("FindCommunity(%q) message = %q, want it to name %q and suggest /community list", name, msg, name)
		}
	}
}

func TestFindCommunitiesSortedByName(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"testers", "Business Analysts", "Architecture", "Qualité", "NoSQL"} {
		f.create(t, f.alice, name)
	}
	all, total, err := f.communities.FindCommunities(context.Background(), community.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 5 {
		t.Errorf("FindCommunities total = %d, want 5", total)
	}
	var got []string
	for _, c := range all {
		got = append(got, c.Name)
	}
	want := []string{"Architecture", "Business Analysts", "NoSQL", "Qualité", "testers"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FindCommunities = %q, want %q", got, want)
	}
}

func TestJoinAndLeave(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Testers")
	bctx := as(context.Background(), f.bob)

	c := f.join(t, f.bob, "testers")
	if c.MemberCount != 2 {
		t.Errorf("JoinCommunity MemberCount = %d, want 2", c.MemberCount)
	}
	if got := f.find(t, "Testers").MemberCount; got != 2 {
		t.Errorf("FindCommunity MemberCount after a join = %d, want 2", got)
	}

	_, err := f.communities.JoinCommunity(bctx, "Testers")
	wantCode(t, "JoinCommunity twice", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "already a member") {
		t.Errorf("double join message = %q, want it to say already a member", msg)
	}
	_, err = f.communities.JoinCommunity(as(context.Background(), f.alice), "Testers")
	wantCode(t, "JoinCommunity by the coordinator", err, guild.ECONFLICT)
	if got := f.find(t, "Testers").MemberCount; got != 2 {
		t.Errorf("MemberCount after refused joins = %d, want 2", got)
	}

	c, err = f.communities.LeaveCommunity(bctx, "TESTERS")
	if err != nil {
		t.Fatal(err)
	}
	if c.MemberCount != 1 {
		t.Errorf("LeaveCommunity MemberCount = %d, want 1", c.MemberCount)
	}
	_, err = f.communities.LeaveCommunity(bctx, "Testers")
	wantCode(t, "LeaveCommunity when not a member", err, guild.ECONFLICT)
	_, err = f.communities.LeaveCommunity(as(context.Background(), f.carol), "Testers")
	wantCode(t, "LeaveCommunity by someone who never joined", err, guild.ECONFLICT)

	_, err = f.communities.LeaveCommunity(as(context.Background(), f.alice), "Testers")
	wantCode(t, "LeaveCommunity by the coordinator", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "hand it over") {
		t.Errorf("coordinator leave message = %q, want it to say to hand over first", msg)
	}
	if got := f.memberNames(t, f.find(t, "Testers")); !reflect.DeepEqual(got, []string{"Alice"}) {
		t.Errorf("members after the coordinator tried to leave = %q, want [Alice]", got)
	}

	_, err = f.communities.JoinCommunity(bctx, "Nobody Here")
	wantCode(t, "JoinCommunity of an unknown community", err, guild.ENOTFOUND)
	_, err = f.communities.LeaveCommunity(bctx, "Nobody Here")
	wantCode(t, "LeaveCommunity of an unknown community", err, guild.ENOTFOUND)
	_, err = f.communities.JoinCommunity(context.Background(), "Testers")
	wantCode(t, "JoinCommunity with no acting user", err, guild.EFORBIDDEN)
}

func TestJoinEndedCommunityRefused(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Testers")
	f.join(t, f.bob, "Testers")
	if _, _, err := f.communities.ChangeStage(as(context.Background(), f.alice), "Testers", community.StageEnded, "we stopped meeting"); err != nil {
		t.Fatal(err)
	}
	_, err := f.communities.JoinCommunity(as(context.Background(), f.carol), "Testers")
	wantCode(t, "JoinCommunity of an ended community", err, guild.ECONFLICT)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "ended") || !strings.Contains(msg, "@Alice") {
		t.Errorf("message = %q, want it to say the community ended and name @Alice", msg)
	}
	if got := f.find(t, "Testers").MemberCount; got != 2 {
		t.Errorf("MemberCount after a refused join = %d, want 2", got)
	}
	// Members may still leave an ended community.
	if _, err := f.communities.LeaveCommunity(as(context.Background(), f.bob), "Testers"); err != nil {
		t.Errorf("LeaveCommunity of an ended community = %v, want nil", err)
	}
}

func TestUpdateCharter(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, f.alice, "Testers")
	f.join(t, f.bob, "Testers")
	actx := as(context.Background(), f.alice)

	t1 := t0.Add(time.Hour)
	f.db.Now = guild.FixedClock(t1)
	got, added, err := f.communities.UpdateCharter(actx, "testers", community.CharterUpdate{Why: ptr("To test better."), Vision: ptr("Every team tests.")})
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 0 {
		t.Errorf("UpdateCharter without goals added %d backlog items, want 0", len(added))
	}
	if got.Charter.Why != "To test better." || got.Charter.Vision != "Every team tests." || !got.Charter.UpdatedAt.Equal(t1) {
		t.Errorf("UpdateCharter = %+v, want why and vision set at %v", got.Charter, t1)
	}

	// A partial update keeps the other fields.
	got, _, err = f.communities.UpdateCharter(actx, "Testers", community.CharterUpdate{Who: ptr("Anyone who tests."), Principles: &[]string{"Be kind", "Share"}})
	if err != nil {
		t.Fatal(err)
	}
	want := community.Charter{Why: "To test better.", Who: "Anyone who tests.", Vision: "Every team tests.", Goals: []string{}, Principles: []string{"Be kind", "Share"}, UpdatedAt: t1}
	stored := f.find(t, "Testers")
	for _, ch := range []community.Charter{got.Charter, stored.Charter} {
		if ch.Why != want.Why || ch.Who != want.Who || ch.Vision != want.Vision || len(ch.Goals) != 0 || !reflect.DeepEqual(ch.Principles, want.Principles) || !ch.UpdatedAt.Equal(t1) {
			t.Errorf("charter after a partial update = %+v, want %+v", ch, want)
		}
	}
	if !stored.UpdatedAt.Equal(t1) || !stored.CreatedAt.Equal(t0) {
		t.Errorf("community times = {created %v, updated %v}, want {%v, %v}", stored.CreatedAt, stored.UpdatedAt, t0, t1)
	}
	if stored.ID != c.ID || stored.MemberCount != 2 {
		t.Errorf("community after charter update = {%d, %d members}, want {%d, 2}", stored.ID, stored.MemberCount, c.ID)
	}

	// An empty value clears one field.
	if _, _, err := f.communities.UpdateCharter(actx, "Testers", community.CharterUpdate{Vision: ptr("")}); err != nil {
		t.Fatal(err)
	}
	if ch := f.find(t, "Testers").Charter; ch.Vision != "" || ch.Why != "To test better." {
		t.Errorf("charter after clearing vision = %+v, want vision empty and why kept", ch)
	}
}

func TestUpdateCharterGoalsBecomeBacklogOnce(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, f.alice, "Testers")
	actx := as(context.Background(), f.alice)

	titles := func(items []*community.BacklogItem) []string {
		out := []string{}
		for _, b := range items {
			out = append(out, b.Title)
		}
		return out
	}

	goals := community.SplitList("Pairing; Katas")
	_, added, err := f.communities.UpdateCharter(actx, "Testers", community.CharterUpdate{Goals: &goals})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(added); !reflect.DeepEqual(got, []string{"Pairing", "Katas"}) {
		t.Errorf("first goals added %q, want [Pairing Katas]", got)
	}
	for _, b := range added {
		if b.ID == 0 || b.CommunityID != c.ID || b.State != community.BacklogOpen || !b.CreatedAt.Equal(t0) {
			t.Errorf("backlog item = %+v, want an open stored item of community %d created %v", b, c.ID, t0)
		}
	}

	// The same goals again, one in another case: nothing new.
	again := []string{"Pairing", "KATAS"}
	_, added, err = f.communities.UpdateCharter(actx, "Testers", community.CharterUpdate{Goals: &again})
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 0 {
		t.Errorf("re-sending the goals added %q, want none", titles(added))
	}

	// One new goal: one new item.
	f.db.Now = guild.FixedClock(t0.Add(time.Hour))
	more := []string{"Pairing", "Katas", "Mob programming"}
	got, added, err := f.communities.UpdateCharter(actx, "Testers", community.CharterUpdate{Goals: &more})
	if err != nil {
		t.Fatal(err)
	}
	if g := titles(added); !reflect.DeepEqual(g, []string{"Mob programming"}) {
		t.Errorf("adding a goal added %q, want [Mob programming]", g)
	}
	if !reflect.DeepEqual(got.Charter.Goals, more) {
		t.Errorf("charter goals = %q, want %q", got.Charter.Goals, more)
	}

	backlog, err := f.communities.FindBacklog(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if g := titles(backlog); !reflect.DeepEqual(g, []string{"Pairing", "Katas", "Mob programming"}) {
		t.Errorf("FindBacklog = %q, want [Pairing Katas Mob programming] oldest first", g)
	}
	if len(backlog) == 3 && !backlog[2].CreatedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("the third item was created %v, want %v", backlog[2].CreatedAt, t0.Add(time.Hour))
	}

	// Another community's backlog is its own.
	other := f.create(t, f.bob, "Analysts")
	if _, added, err := f.communities.UpdateCharter(as(context.Background(), f.bob), "Analysts", community.CharterUpdate{Goals: &goals}); err != nil || len(added) != 2 {
		t.Errorf("the same goals in another community added %d items (%v), want 2", len(added), err)
	}
	if b, _ := f.communities.FindBacklog(context.Background(), other.ID); len(b) != 2 {
		t.Errorf("FindBacklog(other) = %d items, want 2", len(b))
	}
}

func TestUpdateCharterRefused(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Testers")
	f.join(t, f.bob, "Testers")
	goals := []string{"Pairing"}

	for _, u := range []*guild.User{f.bob, f.carol} {
		_, _, err := f.communities.UpdateCharter(as(context.Background(), u), "Testers", community.CharterUpdate{Why: ptr("Mine now."), Goals: &goals})
		wantCode(t, "UpdateCharter by "+u.Name, err, guild.EFORBIDDEN)
		if msg := guild.ErrorMessage(err); !strings.Contains(msg, "@Alice") {
			t.Errorf("UpdateCharter by %s message = %q, want it to name the coordinator @Alice", u.Name, msg)
		}
	}
	_, _, err := f.communities.UpdateCharter(as(context.Background(), f.alice), "Testers", community.CharterUpdate{})
	wantCode(t, "UpdateCharter with nothing", err, guild.EINVALID)
	_, _, err = f.communities.UpdateCharter(as(context.Background(), f.alice), "Testers", community.CharterUpdate{Why: ptr(strings.Repeat("w", 2001))})
	wantCode(t, "UpdateCharter with an over-long why", err, guild.EINVALID)
	many := make([]string, 31)
	for i := range many {
		many[i] = fmt.Sprint("goal ", i)
	}
	_, _, err = f.communities.UpdateCharter(as(context.Background(), f.alice), "Testers", community.CharterUpdate{Goals: &many})
	wantCode(t, "UpdateCharter with 31 goals", err, guild.EINVALID)
	_, _, err = f.communities.UpdateCharter(as(context.Background(), f.alice), "Nowhere", community.CharterUpdate{Why: ptr("x")})
	wantCode(t, "UpdateCharter of an unknown community", err, guild.ENOTFOUND)

	c := f.find(t, "Testers")
	if !c.Charter.IsZero() || !c.Charter.UpdatedAt.IsZero() {
		t.Errorf("charter after refused updates = %+v, want it untouched", c.Charter)
	}
	if b, _ := f.communities.FindBacklog(context.Background(), c.ID); len(b) != 0 {
		t.Errorf("backlog after refused updates = %d items, want 0", len(b))
	}
}

func TestUpdateCharterByOrganiser(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Testers")
	olga := *f.carol
	olga.Organiser = true
	if _, _, err := f.communities.UpdateCharter(as(context.Background(), &olga), "Testers", community.CharterUpdate{Why: ptr("Because.")}); err != nil {
		t.Fatalf("UpdateCharter by an organiser = %v, want nil", err)
	}
	if got := f.find(t, "Testers").Charter.Why; got != "Because." {
		t.Errorf("charter why = %q, want %q", got, "Because.")
	}
}

func TestChangeStage(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, f.alice, "Testers")
	f.join(t, f.bob, "Testers")
	olga := *f.carol // Carol, as an organiser, not a member
	olga.Organiser = true

	t1, t2 := t0.Add(24*time.Hour), t0.Add(48*time.Hour)
	f.db.Now = guild.FixedClock(t1)
	got, change, err := f.communities.ChangeStage(as(context.Background(), f.alice), "testers", community.StageForming, "  We have a charter.  ")
	if err != nil {
		t.Fatal(err)
	}
	if got.Stage != community.StageForming || !got.UpdatedAt.Equal(t1) {
		t.Errorf("ChangeStage = {%q, %v}, want {forming, %v}", got.Stage, got.UpdatedAt, t1)
	}
	if change.From != community.StagePotential || change.To != community.StageForming || change.By.ID != f.alice.ID || change.Reason != "We have a charter." || !change.At.Equal(t1) {
		t.Errorf("change = %+v, want potential → forming by Alice, reason trimmed, at %v", change, t1)
	}

	f.db.Now = guild.FixedClock(t2)
	if _, _, err := f.communities.ChangeStage(as(context.Background(), &olga), "Testers", community.StageMaturing, "Backlog in progress"); err != nil {
		t.Fatalf("ChangeStage by an organiser = %v, want nil", err)
	}

	_, _, err = f.communities.ChangeStage(as(context.Background(), f.bob), "Testers", community.StageEnded, "I'm bored")
	wantCode(t, "ChangeStage by a plain member", err, guild.EFORBIDDEN)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "@Alice") {
		t.Errorf("ChangeStage by a member message = %q, want it to name @Alice", msg)
	}
	_, _, err = f.communities.ChangeStage(as(context.Background(), f.carol), "Testers", community.StageEnded, "")
	wantCode(t, "ChangeStage by a non-member", err, guild.EFORBIDDEN)
	_, _, err = f.communities.ChangeStage(as(context.Background(), f.alice), "Testers", community.StageMaturing, "")
	wantCode(t, "ChangeStage to the same stage", err, guild.ECONFLICT)
	_, _, err = f.communities.ChangeStage(as(context.Background(), f.alice), "Testers", "bogus", "")
	wantCode(t, "ChangeStage to a bogus stage", err, guild.EINVALID)
	_, _, err = f.communities.ChangeStage(as(context.Background(), f.alice), "Testers", community.StageEnded, "bad\x00reason")
	wantCode(t, "ChangeStage with a control character in the reason", err, guild.EINVALID)
	_, _, err = f.communities.ChangeStage(as(context.Background(), f.alice), "Nowhere", community.StageEnded, "")
	wantCode(t, "ChangeStage of an unknown community", err, guild.ENOTFOUND)
	_, _, err = f.communities.ChangeStage(context.Background(), "Testers", community.StageEnded, "")
	wantCode(t, "ChangeStage with no acting user", err, guild.EFORBIDDEN)

	if s := f.find(t, "Testers").Stage; s != community.StageMaturing {
		t.Errorf("stage after refused changes = %q, want maturing", s)
	}

	history, err := f.communities.FindStageChanges(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		from, to community.Stage
		by       int64
		reason   string
		at       time.Time
	}
	want := []entry{
		{"", community.StagePotential, f.alice.ID, "", t0},
		{community.StagePotential, community.StageForming, f.alice.ID, "We have a charter.", t1},
		{community.StageForming, community.StageMaturing, f.carol.ID, "Backlog in progress", t2},
	}
	if len(history) != len(want) {
		t.Fatalf("FindStageChanges = %d entries, want %d", len(history), len(want))
	}
	for i, h := range history {
		w := want[i]
		got := entry{h.From, h.To, h.By.ID, h.Reason, h.At}
		if got.from != w.from || got.to != w.to || got.by != w.by || got.at.Compare(w.at) != 0 || (i > 0 && got.reason != w.reason) {
			t.Errorf("history[%d] = %+v, want %+v", i, got, w)
		}
	}
	if history[2].By.Name != "Carol" {
		t.Errorf("history[2].By.Name = %q, want Carol", history[2].By.Name)
	}
}

// ChangeStage takes a Stage, but one typed by hand (not from ParseStage)
// must still be stored in its canonical form, or later checks such as
// "an ended community takes no members" would not see it.
func TestChangeStageStoresCanonicalStage(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Testers")
	actx := as(context.Background(), f.alice)
	c, change, err := f.communities.ChangeStage(actx, "Testers", "Self Sustaining", "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Stage != community.StageSelfSustaining || change.To != community.StageSelfSustaining {
		t.Errorf("ChangeStage(%q) = {%q, change to %q}, want %q", "Self Sustaining", c.Stage, change.To, community.StageSelfSustaining)
	}
	if got := f.find(t, "Testers").Stage; got != community.StageSelfSustaining {
		t.Errorf("stored stage = %q, want %q", got, community.StageSelfSustaining)
	}
	_, _, err = f.communities.ChangeStage(actx, "Testers", "SELF-SUSTAINING", "")
	wantCode(t, "ChangeStage to the same stage in other letters", err, guild.ECONFLICT)

	if _, _, err := f.communities.ChangeStage(actx, "Testers", "Ended", ""); err != nil {
		t.Fatal(err)
	}
	_, err = f.communities.JoinCommunity(as(context.Background(), f.bob), "Testers")
	wantCode(t, "JoinCommunity after ChangeStage(\"Ended\")", err, guild.ECONFLICT)
}

func TestSetCadence(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Testers")
	f.join(t, f.bob, "Testers")
	actx := as(context.Background(), f.alice)

	cad, err := community.ParseCadence("0 12 * * TUE", "Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.communities.SetCadence(actx, "Testers", cad)
	if err != nil {
		t.Fatal(err)
	}
	if got.Cadence.Spec != "0 12 * * TUE" || got.Cadence.TZ != "Europe/London" {
		t.Errorf("SetCadence = {%q, %q}, want {0 12 * * TUE, Europe/London}", got.Cadence.Spec, got.Cadence.TZ)
	}

	stored := f.find(t, "Testers").Cadence
	if stored.Spec != "0 12 * * TUE" || stored.TZ != "Europe/London" {
		t.Errorf("stored cadence = {%q, %q}, want {0 12 * * TUE, Europe/London}", stored.Spec, stored.TZ)
	}
	if loc := stored.Location().String(); loc != "Europe/London" {
		t.Errorf("stored cadence Location() = %s, want Europe/London", loc)
	}
	next := stored.Next(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), 1) // a Wednesday in summer time
	if want := time.Date(2026, 7, 7, 11, 0, 0, 0, time.UTC); len(next) != 1 || !next[0].Equal(want) {
		t.Errorf("stored cadence Next = %v, want [%v] (noon in London)", next, want)
	}

	// A cadence built by hand is validated.
	_, err = f.communities.SetCadence(actx, "Testers", community.Cadence{Spec: "every tuesday"})
	wantCode(t, "SetCadence with a bad spec", err, guild.EINVALID)
	_, err = f.communities.SetCadence(actx, "Testers", community.Cadence{Spec: "0 12 * * TUE", TZ: "Mars/Olympus_Mons"})
	wantCode(t, "SetCadence with a bad zone", err, guild.EINVALID)
	_, err = f.communities.SetCadence(actx, "Testers", community.Cadence{Spec: "0 0 30 2 *"})
	wantCode(t, "SetCadence that never happens", err, guild.EINVALID)
	_, err = f.communities.SetCadence(as(context.Background(), f.bob), "Testers", community.Cadence{Spec: "@daily"})
	wantCode(t, "SetCadence by a plain member", err, guild.EFORBIDDEN)
	if s := f.find(t, "Testers").Cadence.Spec; s != "0 12 * * TUE" {
		t.Errorf("cadence after refused changes = %q, want it unchanged", s)
	}

	// A hand-built cadence in UTC round-trips with an empty zone.
	if _, err := f.communities.SetCadence(actx, "Testers", community.Cadence{Spec: "@weekly"}); err != nil {
		t.Fatal(err)
	}
	if s := f.find(t, "Testers").Cadence; s.Spec != "@weekly" || s.TZ != "" || s.Location() != time.UTC {
		t.Errorf("stored cadence = {%q, %q, %s}, want {@weekly, \"\", UTC}", s.Spec, s.TZ, s.Location())
	}

	// A zero cadence clears it.
	got, err = f.communities.SetCadence(actx, "Testers", community.Cadence{})
	if err != nil {
		t.Fatal(err)
	}
	if !got.Cadence.IsZero() {
		t.Errorf("SetCadence(zero) returned %q, want a zero cadence", got.Cadence.Spec)
	}
	if s := f.find(t, "Testers").Cadence; !s.IsZero() || s.Next(t0, 1) != nil {
		t.Errorf("stored cadence after clearing = %q, want none", s.Spec)
	}
}

func TestHandOver(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Testers")
	f.join(t, f.bob, "Testers")
	actx := as(context.Background(), f.alice)

	_, _, err := f.communities.HandOver(actx, "Testers", f.carol)
	wantCode(t, "HandOver to a non-member", err, guild.EINVALID)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "@Carol") || !strings.Contains(msg, "/community join") {
		t.Errorf("HandOver to a non-member message = %q, want it to name @Carol and say how to join", msg)
	}
	_, _, err = f.communities.HandOver(actx, "Testers", f.alice)
	wantCode(t, "HandOver to the coordinator herself", err, guild.ECONFLICT)
	_, _, err = f.communities.HandOver(as(context.Background(), f.bob), "Testers", f.bob)
	wantCode(t, "HandOver by a plain member", err, guild.EFORBIDDEN)
	if c := f.find(t, "Testers"); c.Coordinator.ID != f.alice.ID {
		t.Fatalf("coordinator after refused hand-overs = %s, want Alice", c.Coordinator.Name)
	}

	f.db.Now = guild.FixedClock(t0.Add(time.Hour))
	c, prev, err := f.communities.HandOver(actx, "testers", f.bob)
	if err != nil {
		t.Fatal(err)
	}
	if prev.ID != f.alice.ID || c.Coordinator.ID != f.bob.ID || !c.UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("HandOver = {coordinator %s, previous %s, updated %v}, want {Bob, Alice, %v}", c.Coordinator.Name, prev.Name, c.UpdatedAt, t0.Add(time.Hour))
	}
	stored := f.find(t, "Testers")
	if stored.Coordinator.ID != f.bob.ID || stored.MemberCount != 2 {
		t.Errorf("stored = {coordinator %s, %d members}, want {Bob, 2}", stored.Coordinator.Name, stored.MemberCount)
	}
	if got := f.memberNames(t, stored); !reflect.DeepEqual(got, []string{"Bob", "Alice"}) {
		t.Errorf("members after hand-over = %q, want [Bob Alice] (coordinator first)", got)
	}

	// Alice may now leave; Bob may not.
	if _, err := f.communities.LeaveCommunity(actx, "Testers"); err != nil {
		t.Errorf("LeaveCommunity by the previous coordinator = %v, want nil", err)
	}
	_, err = f.communities.LeaveCommunity(as(context.Background(), f.bob), "Testers")
	wantCode(t, "LeaveCommunity by the new coordinator", err, guild.ECONFLICT)
	// And Alice no longer manages it.
	_, _, err = f.communities.ChangeStage(actx, "Testers", community.StageForming, "")
	wantCode(t, "ChangeStage by the previous coordinator", err, guild.EFORBIDDEN)

	// An organiser may hand over a community she does not belong to.
	f.join(t, f.carol, "Testers")
	olga := mustUser(t, f.users, "Olga")
	olga.Organiser = true
	if _, prev, err := f.communities.HandOver(as(context.Background(), olga), "Testers", f.carol); err != nil || prev.ID != f.bob.ID {
		t.Errorf("HandOver by an organiser = %v, %v, want previous Bob", prev, err)
	}
}

func TestFindMembers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	setRole := func(u *guild.User, role string) {
		t.Helper()
		if _, err := f.users.UpdateProfile(as(ctx, u), guild.Profile{Role: ptr(role)}); err != nil {
			t.Fatal(err)
		}
	}
	dan := mustUser(t, f.users, "Dan")
	eve := mustUser(t, f.users, "Ève")
	setRole(f.alice, "Développeuse")
	setRole(f.bob, "Tester")
	setRole(f.carol, "développeuse")
	setRole(dan, "  DÉVELOPPEUSE ")
	setRole(eve, "Business Analyst")

	testers := f.create(t, f.carol, "Testers") // Carol coordinates
	for _, u := range []*guild.User{f.alice, f.bob, dan, eve} {
		f.join(t, u, "Testers")
	}
	analysts := f.create(t, eve, "Analysts")
	f.join(t, f.alice, "Analysts")

	names := func(ms []*community.Member) []string {
		out := []string{}
		for _, m := range ms {
			out = append(out, fmt.Sprintf("%s@%d", m.User.Name, m.CommunityID))
		}
		return out
	}
	at := func(u *guild.User, c *community.Community) string { return fmt.Sprintf("%s@%d", u.Name, c.ID) }

	tests := []struct {
		name      string
		f         community.MemberFilter
		want      []string
		wantTotal int
	}{
		// Everyone joined at the pinned time, so newest first means the
		// highest user id first.
		{"community, newest first", community.MemberFilter{CommunityID: testers.ID},
			[]string{at(eve, testers), at(dan, testers), at(f.carol, testers), at(f.bob, testers), at(f.alice, testers)}, 5},
		{"other community", community.MemberFilter{CommunityID: analysts.ID},
			[]string{at(eve, analysts), at(f.alice, analysts)}, 2},
		{"one user everywhere", community.MemberFilter{UserID: f.alice.ID},
			[]string{at(f.alice, testers), at(f.alice, analysts)}, 2},
		{"user in one community", community.MemberFilter{CommunityID: testers.ID, UserID: f.bob.ID},
			[]string{at(f.bob, testers)}, 1},
		{"role, accents and case", community.MemberFilter{CommunityID: testers.ID, Role: "développeuse"},
			[]string{at(dan, testers), at(f.carol, testers), at(f.alice, testers)}, 3},
		{"role in capitals", community.MemberFilter{CommunityID: testers.ID, Role: "DÉVELOPPEUSE"},
			[]string{at(dan, testers), at(f.carol, testers), at(f.alice, testers)}, 3},
		{"role with spaces", community.MemberFilter{CommunityID: testers.ID, Role: "  business   analyst "},
			[]string{at(eve, testers)}, 1},
		{"role nobody has", community.MemberFilter{CommunityID: testers.ID, Role: "Architect"},
			[]string{}, 0},
		{"who else does what Alice does", community.MemberFilter{CommunityID: testers.ID, Role: "Développeuse", ExceptUserID: f.alice.ID},
			[]string{at(dan, testers), at(f.carol, testers)}, 2},
		{"everyone but the coordinator", community.MemberFilter{CommunityID: testers.ID, ExceptUserID: f.carol.ID},
			[]string{at(eve, testers), at(dan, testers), at(f.bob, testers), at(f.alice, testers)}, 4},
		{"limit keeps the total", community.MemberFilter{CommunityID: testers.ID, Limit: 2},
			[]string{at(eve, testers), at(dan, testers)}, 5},
		{"limit with a role", community.MemberFilter{CommunityID: testers.ID, Role: "développeuse", Limit: 1},
			[]string{at(dan, testers)}, 3},
		{"limit above the count", community.MemberFilter{CommunityID: analysts.ID, Limit: 10},
			[]string{at(eve, analysts), at(f.alice, analysts)}, 2},
		{"everything", community.MemberFilter{}, nil, 7},
		{"unknown community", community.MemberFilter{CommunityID: 9999}, []string{}, 0},
	}
	for _, tt := range tests {
		ms, total, err := f.communities.FindMembers(ctx, tt.f)
		if err != nil {
			t.Errorf("%s: FindMembers(%+v) = %v", tt.name, tt.f, err)
			continue
		}
		if total != tt.wantTotal {
			t.Errorf("%s: FindMembers(%+v) total = %d, want %d", tt.name, tt.f, total, tt.wantTotal)
		}
		if tt.want == nil {
			if len(ms) != tt.wantTotal {
				t.Errorf("%s: FindMembers(%+v) returned %d, want %d", tt.name, tt.f, len(ms), tt.wantTotal)
			}
			continue
		}
		if got := names(ms); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: FindMembers(%+v) = %q, want %q", tt.name, tt.f, got, tt.want)
		}
	}

	// Members carry their profile and the coordinator flag.
	ms, _, err := f.communities.FindMembers(ctx, community.MemberFilter{CommunityID: testers.ID, UserID: dan.ID})
	if err != nil || len(ms) != 1 {
		t.Fatalf("FindMembers(Dan) = %d, %v, want 1", len(ms), err)
	}
	if m := ms[0]; m.User.Role != "DÉVELOPPEUSE" || m.Coordinator || m.CommunityID != testers.ID || !m.JoinedAt.Equal(t0) {
		t.Errorf("FindMembers(Dan) = {role %q, coordinator %v, community %d, joined %v}, want {DÉVELOPPEUSE, false, %d, %v}",
			m.User.Role, m.Coordinator, m.CommunityID, m.JoinedAt, testers.ID, t0)
	}
}

// Many users join at once, through one handle from many goroutines and
// through a second handle on the same file: no join is lost or refused.
func TestConcurrentJoins(t *testing.T) {
	path := t.TempDir() + "/g.db"
	db1 := openAt(t, path, t0)
	db2 := openAt(t, path, t0)
	users := sqlite.NewUserService(db1)
	svc1, svc2 := sqlite.NewCommunityService(db1), sqlite.NewCommunityService(db2)

	coordinator := mustUser(t, users, "Coordinator")
	c := &community.Community{Name: "Crowd"}
	if err := svc1.CreateCommunity(as(context.Background(), coordinator), c); err != nil {
		t.Fatal(err)
	}
	const n = 60
	joiners := make([]*guild.User, n)
	for i := range joiners {
		joiners[i] = mustUser(t, users, fmt.Sprintf("user%02d", i))
	}

	const workers = 4
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		svc := svc1
		if w%2 == 1 {
			svc = svc2
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if _, err := svc.JoinCommunity(as(context.Background(), joiners[i]), "Crowd"); err != nil {
					t.Errorf("JoinCommunity(%s) = %v", joiners[i].Name, err)
				}
				// Reads run alongside the writers.
				if _, err := svc.FindCommunity(context.Background(), "Crowd"); err != nil {
					t.Errorf("FindCommunity during joins = %v", err)
				}
			}
		}()
	}
	wg.Wait()

	for _, svc := range []*sqlite.CommunityService{svc1, svc2} {
		got, err := svc.FindCommunity(context.Background(), "Crowd")
		if err != nil {
			t.Fatal(err)
		}
		if got.MemberCount != n+1 {
			t.Errorf("MemberCount after %d concurrent joins = %d, want %d", n, got.MemberCount, n+1)
		}
		_, total, err := svc.FindMembers(context.Background(), community.MemberFilter{CommunityID: c.ID, Limit: 5})
		if err != nil || total != n+1 {
			t.Errorf("FindMembers total = %d, %v, want %d", total, err, n+1)
		}
	}
}

// Two users racing to join the same community twice and to create the same
// community: exactly one of each succeeds.
func TestConcurrentConflicts(t *testing.T) {
	path := t.TempDir() + "/g.db"
	db1 := openAt(t, path, t0)
	db2 := openAt(t, path, t0)
	users := sqlite.NewUserService(db1)
	svcs := []*sqlite.CommunityService{sqlite.NewCommunityService(db1), sqlite.NewCommunityService(db2)}
	alice, bob := mustUser(t, users, "Alice"), mustUser(t, users, "Bob")

	const tries = 8
	errs := make([]error, tries)
	var wg sync.WaitGroup
	for i := 0; i < tries; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := alice
			if i%2 == 1 {
				u = bob
			}
			errs[i] = svcs[i%2].CreateCommunity(as(context.Background(), u), &community.Community{Name: "Race"})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch guild.ErrorCode(err) {
		case "":
			ok++
		case guild.ECONFLICT:
		default:
			t.Errorf("concurrent CreateCommunity = %v, want nil or ECONFLICT", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d concurrent creates of the same name succeeded, want 1", ok)
	}

	joiner := mustUser(t, users, "Carol")
	for i := 0; i < tries; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = svcs[i%2].JoinCommunity(as(context.Background(), joiner), "Race")
		}()
	}
	wg.Wait()
	ok = 0
	for _, err := range errs {
		switch guild.ErrorCode(err) {
		case "":
			ok++
		case guild.ECONFLICT:
		default:
			t.Errorf("concurrent JoinCommunity = %v, want nil or ECONFLICT", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d concurrent joins by the same user succeeded, want 1", ok)
	}
	c, err := svcs[0].FindCommunity(context.Background(), "Race")
	if err != nil || c.MemberCount != 2 {
		t.Errorf("MemberCount after the races = %v, %v, want 2", c, err)
	}
}

// Internal failures are wrapped, never passed off as user errors.
func TestStoreErrorsAreInternal(t *testing.T) {
	f := newFixture(t)
	f.create(t, f.alice, "Testers")
	if err := f.db.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := f.communities.FindCommunity(context.Background(), "Testers")
	if err == nil {
		t.Fatalf("FindCommunity on a closed database = nil, want an error")
	}
	if guild.ErrorCode(err) != guild.EINTERNAL || isGuildError(err) {
		t.Errorf("FindCommunity on a closed database = %v (code %q), want a plain internal error", err, guild.ErrorCode(err))
	}
}

func TestFindCommunitiesFilter(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"Testers", "Test Automation", "Business Analysts", "Qualité des Tests", "NoSQL", "Architecture"} {
		f.create(t, f.alice, name)
	}
	names := func(cs []*community.Community) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return strings.Join(out, ", ")
	}
	tests := []struct {
		filter community.Filter
		want   string
		total  int
	}{
		{community.Filter{Search: "test"}, "Qualité des Tests, Test Automation, Testers", 3},
		{community.Filter{Search: "  TEST  "}, "Qualité des Tests, Test Automation, Testers", 3},
		{community.Filter{Search: "QUALITÉ"}, "Qualité des Tests", 1},
		{community.Filter{Search: "%"}, "", 0},
		{community.Filter{Limit: 2}, "Architecture, Business Analysts", 6},
		{community.Filter{Limit: 2, Offset: 2}, "NoSQL, Qualité des Tests", 6},
		{community.Filter{Limit: 2, Offset: 6}, "", 6},
		{community.Filter{Search: "test", Limit: 1, Offset: 1}, "Test Automation", 3},
	}
	for _, tt := range tests {
		cs, total, err := f.communities.FindCommunities(context.Background(), tt.filter)
		if err != nil {
			t.Fatalf("FindCommunities(%+v): %v", tt.filter, err)
		}
		if got := names(cs); got != tt.want || total != tt.total {
			t.Errorf("FindCommunities(%+v) = %q, total %d; want %q, total %d", tt.filter, got, total, tt.want, tt.total)
		}
	}
}

func TestSetCadenceClearedKeepsNoZone(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, f.alice, "Testers")
	ctx := as(context.Background(), f.alice)
	cad, err := community.ParseCadence("0 12 * * TUE", "Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.communities.SetCadence(ctx, c.Name, cad); err != nil {
		t.Fatal(err)
	}
	if _, err := f.communities.SetCadence(ctx, c.Name, community.Cadence{TZ: "Asia/Tokyo"}); err != nil {
		t.Fatal(err)
	}
	got, err := f.communities.FindCommunity(context.Background(), c.Name)
	if err != nil {
		t.Fatal(err)
	}
	if got.Cadence.Spec != "" || got.Cadence.TZ != "" {
		t.Errorf("cadence after clearing = %+v, want none and no zone", got.Cadence)
	}
}

func TestHandOverToNobody(t *testing.T) {
	f := newFixture(t)
	c := f.create(t, f.alice, "Testers")
	ctx := as(context.Background(), f.alice)
	for _, to := range []*guild.User{nil, {}} {
		_, _, err := f.communities.HandOver(ctx, c.Name, to)
		wantCode(t, "HandOver(nobody)", err, guild.EINVALID)
	}
}
