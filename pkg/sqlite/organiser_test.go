package sqlite_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/sqlite"
)

func TestOrganisersAddListRemove(t *testing.T) {
	db := mustOpen(t)
	orgs := sqlite.NewOrganiserService(db)
	ctx := context.Background()

	got, err := orgs.Organisers(ctx)
	if err != nil || len(got) != 0 {
		t.Fatalf("Organisers() on a new database = %q, %v, want none", got, err)
	}

	for _, e := range []string{"Carol", "slack:U0123", " Slack : U0999 ", "@Alice", "alice", "ALICE", "Carol", "discord:4242"} {
		if err := orgs.AddOrganiser(ctx, e); err != nil {
			t.Fatalf("AddOrganiser(%q) = %v, want nil", e, err)
		}
	}
	got, err = orgs.Organisers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"alice", "carol", "discord:4242", "slack:U0123", "slack:U0999"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Organisers() = %q, want %q", got, want)
	}

	if err := orgs.RemoveOrganiser(ctx, "@CAROL"); err != nil {
		t.Errorf("RemoveOrganiser(@CAROL) = %v, want nil", err)
	}
	if err := orgs.RemoveOrganiser(ctx, "SLACK:U0123"); err != nil {
		t.Errorf("RemoveOrganiser(SLACK:U0123) = %v, want nil", err)
	}
	got, _ = orgs.Organisers(ctx)
	want = []string{"alice", "discord:4242", "slack:U0999"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Organisers() after removals = %q, want %q", got, want)
	}
}

func TestRemoveUnknownOrganiser(t *testing.T) {
	db := mustOpen(t)
	orgs := sqlite.NewOrganiserService(db)
	ctx := context.Background()
	if err := orgs.AddOrganiser(ctx, "slack:U0123"); err != nil {
		t.Fatal(err)
	}
	for _, e := range []string{"bob", "slack:u0123", "discord:U0123", "U0123"} {
		err := orgs.RemoveOrganiser(ctx, e)
		wantCode(t, "RemoveOrganiser("+e+")", err, guild.ENOTFOUND)
		if msg := guild.ErrorMessage(err); !strings.Contains(msg, "organiser list") {
			t.Errorf("RemoveOrganiser(%q) message = %q, want it to mention the organiser list", e, msg)
		}
	}
	if got, _ := orgs.Organisers(ctx); !reflect.DeepEqual(got, []string{"slack:U0123"}) {
		t.Errorf("Organisers() after failed removals = %q, want [slack:U0123]", got)
	}
}

func TestAddOrganiserRefuses(t *testing.T) {
	db := mustOpen(t)
	orgs := sqlite.NewOrganiserService(db)
	ctx := context.Background()
	for _, e := range []string{"", "   ", "@", strings.Repeat("o", 81), "line\nbreak"} {
		err := orgs.AddOrganiser(ctx, e)
		wantCode(t, "AddOrganiser("+e+")", err, guild.EINVALID)
	}
	if got, _ := orgs.Organisers(ctx); len(got) != 0 {
		t.Errorf("Organisers() after refused adds = %q, want none", got)
	}
}
