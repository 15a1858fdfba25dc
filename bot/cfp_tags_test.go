package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/bot"
	"github.com/guildhall/guildhall/bot/console"
)

func TestCFPTags(t *testing.T) {
	e := openDevDay(t, "alice", "bob")
	r := e.do("alice", `/cfp submit DevDay title="Trunk" format=talk abstract="A" tags="Go, Unit  Testing; go"`)
	contains(t, "submit with tags", r.Text, "✓ Submitted as #1.", "Tags: go, unit-testing\nState: submitted")
	contains(t, "show", e.do("alice", "/cfp show 1").Text, "Tags: go, unit-testing")
	contains(t, "list", e.do("olga", "/cfp list DevDay").Text, "· tags: go, unit-testing")
	contains(t, "mine", e.do("alice", "/cfp mine").Text, "· DevDay · tags: go, unit-testing")

	r = e.do("bob", `/cfp submit DevDay title="Untagged" format=talk abstract="B"`)
	lacks(t, "submit without tags", r.Text, "Tags:")
	lacks(t, "list an untagged talk", e.do("bob", "/cfp list DevDay").Text, "tags:")

	r = e.do("alice", `/cfp edit 1 tags="ci"`)
	contains(t, "edit tags", r.Text, "✓ Changed #1.", "Tags: ci\n")
	lacks(t, "edit tags", r.Text, "unit-testing")
	r = e.do("alice", `/cfp edit 1 title="Trunk, again"`)
	contains(t, "tags kept by another edit", r.Text, "#1 Trunk, again", "Tags: ci\n")
	r = e.do("alice", "/cfp edit 1 tags=none")
	lacks(t, "tags=none", r.Text, "Tags:")
	e.do("alice", `/cfp edit 1 tags="ci, go"`)
	r = e.do("alice", `/cfp edit 1 tags=""`)
	lacks(t, `tags=""`, r.Text, "Tags:")
	lacks(t, "show after clearing", e.do("alice", "/cfp show 1").Text, "Tags:")

	e.do("alice", `/cfp edit 1 tags="ci, go"`)
	tests := []struct {
		user, line string
		wants      []string
	}{
		{"alice", `/cfp edit 1 tags="a, b, c, d, e, f"`, []string{"That is 6 tags; a talk has at most 5, such as tags=\"go, testing\"."}},
		{"alice", `/cfp edit 1 tags="` + strings.Repeat("x", 31) + `"`, []string{"is 31 characters long; keep each tag to at most 30"}},
		{"alice", `/cfp edit 1 tags="` + strings.Repeat("x, ", 70) + `"`, []string{"tags is 210 characters long; the limit is 200."}},
		{"bob", `/cfp edit 1 tags="mine"`, []string{"no submission #1 that you can see"}},
	}
	for _, tt := range tests {
		r := e.refuse(tt.user, tt.line, tt.wants...)
		contains(t, "refusal", r.Text, "You typed: "+tt.line)
		if tt.user == "alice" {
			contains(t, "refusal of bad tags", r.Text, "Usage: /cfp edit ID", `[tags="a, b"]`)
		}
	}
	contains(t, "show after refused edits", e.do("alice", "/cfp show 1").Text, "Tags: ci, go\n")

	line := `/cfp submit DevDay title="Too many" format=talk abstract="C" tags="a;b;c;d;e;f"`
	r = e.refuse("bob", line, "That is 6 tags", "Usage: /cfp submit EVENT", "You typed: "+line)
	contains(t, "mine after a refused submission", e.do("bob", "/cfp mine").Text, "Your talks (1):")

	r = e.do("alice", "/help cfp submit")
	contains(t, "/help cfp submit", r.Text, `[tags="a, b"]`, "up to five topics")
}

func TestCFPSubmitFormTags(t *testing.T) {
	e := openDevDay(t, "alice")
	ctx := context.Background()
	msg := bot.Message{From: console.Identity("alice"), Text: "/cfp submit", Forms: true}
	r := e.bot.Handle(ctx, msg)
	if r.Form == nil {
		t.Fatalf("bare /cfp submit with forms: got %+v, want a form", r)
	}
	var tags *bot.Field
	for i, f := range r.Form.Fields {
		if f.Key == "tags" {
			tags = &r.Form.Fields[i]
		}
	}
	if tags == nil || tags.Required || tags.Label == "" || tags.Hint == "" {
		t.Fatalf("the submit form's tags field = %+v, want an optional field with a label and a hint", tags)
	}

	values := map[string]string{"EVENT": "DevDay", "title": "Formed talk", "format": "talk", "abstract": "A", "tags": "a, b, c, d, e, f"}
	r = e.bot.Submit(ctx, msg, "cfp submit", values)
	if !r.Refused || r.Form == nil {
		t.Fatalf("form with six tags: got %+v, want a refusal with the form", r)
	}
	for _, f := range r.Form.Fields {
		switch {
		case f.Key == "tags" && !strings.Contains(f.Error, "That is 6 tags"):
			t.Errorf("tags field error = %q, want it to say there are 6 tags", f.Error)
		case f.Key != "tags" && f.Error != "":
			t.Errorf("field %s error = %q, want none", f.Key, f.Error)
		}
		if f.Value != values[f.Key] {
			t.Errorf("field %s = %q after a refusal, want %q", f.Key, f.Value, values[f.Key])
		}
	}

	values["tags"] = "testing, CI"
	r = e.bot.Submit(ctx, msg, "cfp submit", values)
	if r.Refused {
		t.Fatalf("corrected form refused: %s", r.Text)
	}
	contains(t, "form submission", r.Text, "✓ Submitted as #1.", "Tags: testing, ci")
}
