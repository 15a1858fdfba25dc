package community_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
)

func TestCanManageAndAuthorize(t *testing.T) {
	alice := &guild.User{ID: 1, Name: "Alice"}
	bob := &guild.User{ID: 2, Name: "Bob"}
	olga := &guild.User{ID: 3, Name: "Olga", Organiser: true}
	c := &community.Community{ID: 10, Name: "Testers", Coordinator: alice}

	tests := []struct {
		name string
		u    *guild.User
		want bool
	}{
		{"coordinator", alice, true},
		{"coordinator as another copy", &guild.User{ID: 1, Name: "Alice"}, true},
		{"organiser", olga, true},
		{"other member", bob, false},
		{"nobody", nil, false},
		{"unstored user", &guild.User{Name: "Alice"}, false},
	}
	for _, tt := range tests {
		if got := c.CanManage(tt.u); got != tt.want {
			t.Errorf("%s: CanManage = %v, want %v", tt.name, got, tt.want)
		}
		err := c.Authorize(tt.u, "change the stage")
		if tt.want {
			if err != nil {
				t.Errorf("%s: Authorize = %v, want nil", tt.name, err)
			}
			continue
		}
		if got := guild.ErrorCode(err); got != guild.EFORBIDDEN {
			t.Errorf("%s: Authorize code = %q, want %q", tt.name, got, guild.EFORBIDDEN)
		}
		want := "Only its coordinator @Alice or an organiser may change the stage of Testers."
		if got := guild.ErrorMessage(err); got != want {
			t.Errorf("%s: Authorize message = %q, want %q", tt.name, got, want)
		}
	}
}

func TestAuthorizeWithoutCoordinator(t *testing.T) {
	c := &community.Community{Name: "Orphans"}
	bob := &guild.User{ID: 2, Name: "Bob"}
	if c.CanManage(bob) {
		t.Errorf("CanManage(member) on a community with no coordinator = true, want false")
	}
	msg := guild.ErrorMessage(c.Authorize(bob, "set the meeting cadence"))
	if want := "Only its coordinator or an organiser may set the meeting cadence of Orphans."; msg != want {
		t.Errorf("Authorize message = %q, want %q", msg, want)
	}
	if !c.CanManage(&guild.User{ID: 3, Organiser: true}) {
		t.Errorf("CanManage(organiser) on a community with no coordinator = false, want true")
	}
}

func TestCommunityValidate(t *testing.T) {
	tests := []struct {
		name      string
		c         community.Community
		wantField string
	}{
		{"good", community.Community{Name: "Testers", About: "We test.\nA lot."}, ""},
		{"unicode", community.Community{Name: "テスト"}, ""},
		{"80 runes", community.Community{Name: strings.Repeat("é", 80)}, ""},
		{"81 runes", community.Community{Name: strings.Repeat("é", 81)}, "name"},
		{"empty name", community.Community{Name: ""}, "name"},
		{"blank name", community.Community{Name: "   "}, "name"},
		{"newline in name", community.Community{Name: "a\nb"}, "name"},
		{"long about", community.Community{Name: "ok", About: strings.Repeat("a", 2001)}, "about"},
		{"bad about", community.Community{Name: "ok", About: "\x00"}, "about"},
	}
	for _, tt := range tests {
		err := tt.c.Validate()
		if tt.wantField == "" {
			if err != nil {
				t.Errorf("%s: Validate() = %v, want nil", tt.name, err)
			}
			continue
		}
		if got := guild.ErrorField(err); got != tt.wantField || guild.ErrorCode(err) != guild.EINVALID {
			t.Errorf("%s: Validate() = %v (field %q), want EINVALID on %q", tt.name, err, got, tt.wantField)
		}
	}
}
