package sqlite_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
)

// storedTags reads submissions.tags of id straight from the file.
func (f *cfpFixture) storedTags(t *testing.T, id int64) string {
	t.Helper()
	var raw string
	if err := rawDB(t, f.path).QueryRow(`SELECT tags FROM submissions WHERE id = ?`, id).Scan(&raw); err != nil {
		t.Fatalf("read tags of #%d: %v", id, err)
	}
	return raw
}

func TestSubmissionTags(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	ctx := as(context.Background(), f.ann)

	s := newSubmission(f.ann, "Payments at scale", "talk")
	s.Tags = []string{"go", "unit-testing"}
	if err := f.calls.Submit(ctx, "DevDay", s); err != nil {
		t.Fatal(err)
	}
	if got, want := f.storedTags(t, s.ID), `["go","unit-testing"]`; got != want {
		t.Errorf("submissions.tags after Submit = %q, want %q", got, want)
	}
	got, err := f.calls.FindSubmission(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"go", "unit-testing"}; !reflect.DeepEqual(got.Tags, want) {
		t.Errorf("FindSubmission tags = %q, want %q", got.Tags, want)
	}
	untagged := f.submit(t, f.ben, "DevDay", "Search", "talk")
	if got := f.storedTags(t, untagged.ID); got != "" {
		t.Errorf("submissions.tags of an untagged talk = %q, want \"\"", got)
	}
	list, _, err := f.calls.FindSubmissions(as(context.Background(), f.olga), cfp.Filter{Call: "DevDay"})
	if err != nil {
		t.Fatal(err)
	}
	tags := map[int64][]string{}
	for _, sub := range list {
		tags[sub.ID] = sub.Tags
	}
	if want := map[int64][]string{s.ID: {"go", "unit-testing"}, untagged.ID: nil}; !reflect.DeepEqual(tags, want) {
		t.Errorf("FindSubmissions tags = %v, want %v", tags, want)
	}

	// An edit replaces the tags; an edit of something else keeps them; an
	// empty list clears them.
	up, err := f.calls.UpdateSubmission(ctx, s.ID, cfp.Update{Tags: &[]string{"ci"}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(up.Tags, []string{"ci"}) || f.storedTags(t, s.ID) != `["ci"]` {
		t.Errorf("UpdateSubmission(tags ci) = %q, stored %q, want [ci] and [\"ci\"]", up.Tags, f.storedTags(t, s.ID))
	}
	if up, err = f.calls.UpdateSubmission(ctx, s.ID, cfp.Update{Title: strPtr("Payments at scale, again")}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(up.Tags, []string{"ci"}) || f.storedTags(t, s.ID) != `["ci"]` {
		t.Errorf("UpdateSubmission(title) tags = %q, stored %q, want them kept", up.Tags, f.storedTags(t, s.ID))
	}
	if up, err = f.calls.UpdateSubmission(ctx, s.ID, cfp.Update{Tags: &[]string{}}); err != nil {
		t.Fatal(err)
	}
	if len(up.Tags) != 0 || f.storedTags(t, s.ID) != "" {
		t.Errorf("UpdateSubmission(no tags) = %q, stored %q, want none and \"\"", up.Tags, f.storedTags(t, s.ID))
	}
	got, _ = f.calls.FindSubmission(ctx, s.ID)
	if got.Tags != nil {
		t.Errorf("FindSubmission tags after clearing = %q, want nil", got.Tags)
	}

	// A co-speaker may change them too.
	co := f.submit(t, f.cat, "DevDay", "Brand voice", "talk", f.eve)
	if up, err = f.calls.UpdateSubmission(as(context.Background(), f.eve), co.ID, cfp.Update{Tags: &[]string{"brand"}}); err != nil || !reflect.DeepEqual(up.Tags, []string{"brand"}) {
		t.Errorf("UpdateSubmission(tags) by a co-speaker = %v, %v, want [brand]", up, err)
	}
}

func TestSubmissionTagsRefused(t *testing.T) {
	f := newCFPFixture(t)
	f.devDay(t, false)
	s := f.submit(t, f.ann, "DevDay", "Payments at scale", "talk")
	if _, err := f.calls.UpdateSubmission(as(context.Background(), f.ann), s.ID, cfp.Update{Tags: &[]string{"go"}}); err != nil {
		t.Fatal(err)
	}
	before := f.rows(t)
	six := []string{"a", "b", "c", "d", "e", "f"}
	for _, tags := range [][]string{six, {"Go"}, {"unit testing"}, {"go", "go"}, {""}} {
		sub := newSubmission(f.ben, "Search", "talk")
		sub.Tags = tags
		err := f.calls.Submit(as(context.Background(), f.ben), "DevDay", sub)
		wantCode(t, "Submit(tags "+guild.QuoteArg(tags[0])+"…)", err, guild.EINVALID)
		if field := guild.ErrorField(err); field != "tags" {
			t.Errorf("Submit(tags %q) field = %q, want tags", tags, field)
		}
		_, err = f.calls.UpdateSubmission(as(context.Background(), f.ann), s.ID, cfp.Update{Tags: &tags})
		wantCode(t, "UpdateSubmission(tags "+guild.QuoteArg(tags[0])+"…)", err, guild.EINVALID)
	}
	if after := f.rows(t); !reflect.DeepEqual(after, before) {
		t.Errorf("rows after refused tags = %v, want %v", after, before)
	}
	if got := f.storedTags(t, s.ID); got != `["go"]` {
		t.Errorf("submissions.tags after refused edits = %q, want %q", got, `["go"]`)
	}
}
