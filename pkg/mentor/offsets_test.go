package mentor_test

import (
	"fmt"
	"testing"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/mentor"
)

func TestDefaultOffsets(t *testing.T) {
	want := mentor.Offsets{Outline: 14, Deck: 7, DryRun: 3, Final: 1, Grace: 1, Lead: 2}
	if mentor.DefaultOffsets != want {
		t.Errorf("DefaultOffsets = %+v, want %+v", mentor.DefaultOffsets, want)
	}
	if err := mentor.DefaultOffsets.Validate(); err != nil {
		t.Errorf("DefaultOffsets.Validate() = %v, want nil", err)
	}
}

func TestOffsetsDays(t *testing.T) {
	o := mentor.Offsets{Outline: 20, Deck: 10, DryRun: 5, Final: 2, Grace: 3, Lead: 4}
	tests := []struct {
		k    mentor.Kind
		want int
	}{
		{mentor.Outline, 20},
		{mentor.Deck, 10},
		{mentor.DryRun, 5},
		{mentor.Final, 2},
		{mentor.Kind("abstract"), 0},
		{mentor.Kind(""), 0},
	}
	for _, tt := range tests {
		if got := o.Days(tt.k); got != tt.want {
			t.Errorf("Days(%q) = %d, want %d", tt.k, got, tt.want)
		}
	}
}

func TestOffsetsValidateAccepts(t *testing.T) {
	for _, o := range []mentor.Offsets{
		mentor.DefaultOffsets,
		{Outline: 3, Deck: 2, DryRun: 1, Final: 0},
		{Outline: 120, Deck: 119, DryRun: 118, Final: 117},
		{Outline: 120, Deck: 60, DryRun: 30, Final: 0, Grace: 14, Lead: 14},
		{Outline: 4, Deck: 3, DryRun: 2, Final: 1, Grace: 0, Lead: 0},
	} {
		if err := o.Validate(); err != nil {
			t.Errorf("%+v.Validate() = %v, want nil", o, err)
		}
	}
}

func TestOffsetsValidateRefuses(t *testing.T) {
	d := mentor.DefaultOffsets
	with := func(f func(*mentor.Offsets)) mentor.Offsets {
		o := d
		f(&o)
		return o
	}
	tests := []struct {
		name  string
		o     mentor.Offsets
		field string
		want  string
	}{
		{"outline too far", with(func(o *mentor.Offsets) { o.Outline = 121 }), "outline",
			"outline=121 is out of range: a milestone falls due between 0 and 120 days before the event, such as outline=14."},
		{"outline negative", with(func(o *mentor.Offsets) { o.Outline = -1 }), "outline", "outline=-1 is out of range"},
		{"deck too far", with(func(o *mentor.Offsets) { o.Outline, o.Deck = 120, 200 }), "deck", "deck=200 is out of range"},
		{"deck negative", with(func(o *mentor.Offsets) { o.Deck = -7 }), "deck", "such as deck=7."},
		{"dryrun too far", with(func(o *mentor.Offsets) { o.DryRun = 121 }), "dryrun", "dryrun=121 is out of range"},
		{"dryrun negative", with(func(o *mentor.Offsets) { o.DryRun = -3 }), "dryrun", "such as dryrun=3."},
		{"final too far", with(func(o *mentor.Offsets) { o.Final = 1000 }), "final", "final=1000 is out of range"},
		{"final negative", with(func(o *mentor.Offsets) { o.Final = -1 }), "final", "final=-1 is out of range"},
		{"deck before outline", with(func(o *mentor.Offsets) { o.Deck = 20 }), "deck",
			"The deck (20 days before) must come after the outline (14 days before): give deck fewer days than outline, or outline more."},
		{"deck with outline", with(func(o *mentor.Offsets) { o.Deck = 14 }), "deck",
			"The deck (14 days before) must come after the outline (14 days before)"},
		{"dryrun before deck", with(func(o *mentor.Offsets) { o.Deck = 2 }), "dryrun",
			"The dry run (3 days before) must come after the deck (2 days before): give dryrun fewer days than deck, or deck more."},
		{"dryrun with deck", with(func(o *mentor.Offsets) { o.DryRun = 7 }), "dryrun",
			"The dry run (7 days before) must come after the deck (7 days before)"},
		{"final before dryrun", with(func(o *mentor.Offsets) { o.Final = 5 }), "final",
			"The final check (5 days before) must come after the dry run (3 days before): give final fewer days than dryrun, or dryrun more."},
		{"final with dryrun, one day", with(func(o *mentor.Offsets) { o.DryRun, o.Final = 1, 1 }), "final",
			"The final check (1 day before) must come after the dry run (1 day before)"},
		{"dryrun on the day", with(func(o *mentor.Offsets) { o.DryRun, o.Final = 0, 0 }), "final",
			"The final check (on the day) must come after the dry run (on the day)"},
		{"all zero", mentor.Offsets{}, "deck", "The deck (on the day) must come after the outline (on the day)"},
		{"grace negative", with(func(o *mentor.Offsets) { o.Grace = -1 }), "grace",
			"grace=-1 is out of range: organisers hear of an overdue milestone between 0 and 14 days after it was due, such as grace=1."},
		{"grace too long", with(func(o *mentor.Offsets) { o.Grace = 15 }), "grace", "grace=15 is out of range"},
		{"lead negative", with(func(o *mentor.Offsets) { o.Lead = -2 }), "lead",
			"lead=-2 is out of range: a milestone's reminder goes out between 0 and 14 days before it is due, such as lead=2."},
		{"lead too long", with(func(o *mentor.Offsets) { o.Lead = 15 }), "lead", "lead=15 is out of range"},
		// The range is checked before the order, and the milestones before
		// grace and lead.
		{"range before order", with(func(o *mentor.Offsets) { o.Deck, o.Final = 20, -1 }), "final", "final=-1 is out of range"},
		{"milestones before grace", with(func(o *mentor.Offsets) { o.Final, o.Grace, o.Lead = 9, 99, 99 }), "final", "The final check"},
		{"grace before lead", with(func(o *mentor.Offsets) { o.Grace, o.Lead = 99, 99 }), "grace", "grace=99"},
	}
	for _, tt := range tests {
		checkFieldError(t, tt.name+": Validate()", tt.o.Validate(), tt.field, tt.want)
	}
}

func TestOffsetsWith(t *testing.T) {
	d := mentor.DefaultOffsets
	tests := []struct {
		name string
		opts map[string]string
		want mentor.Offsets
	}{
		{"nil", nil, d},
		{"empty", map[string]string{}, d},
		{"other keys ignored", map[string]string{"tz": "Europe/London", "name": "DevDay", "Deck": "abc"}, d},
		{"deck", map[string]string{"deck": "8"}, mentor.Offsets{Outline: 14, Deck: 8, DryRun: 3, Final: 1, Grace: 1, Lead: 2}},
		{"with d", map[string]string{"deck": "8d"}, mentor.Offsets{Outline: 14, Deck: 8, DryRun: 3, Final: 1, Grace: 1, Lead: 2}},
		{"with D", map[string]string{"deck": "8D"}, mentor.Offsets{Outline: 14, Deck: 8, DryRun: 3, Final: 1, Grace: 1, Lead: 2}},
		{"with days", map[string]string{"deck": " 8 days "}, mentor.Offsets{Outline: 14, Deck: 8, DryRun: 3, Final: 1, Grace: 1, Lead: 2}},
		{"with day", map[string]string{"final": "1 day"}, d},
		{"spaces", map[string]string{"dryrun": "  2 "}, mentor.Offsets{Outline: 14, Deck: 7, DryRun: 2, Final: 1, Grace: 1, Lead: 2}},
		{"all", map[string]string{"outline": "30", "deck": "10d", "dryrun": "5", "final": "0", "grace": "0", "lead": "14"},
			mentor.Offsets{Outline: 30, Deck: 10, DryRun: 5, Final: 0, Grace: 0, Lead: 14}},
		// Changing two at once is checked together, not one after another:
		// deck=2 alone would be before the dry run.
		{"two at once", map[string]string{"deck": "2", "dryrun": "1", "final": "0"},
			mentor.Offsets{Outline: 14, Deck: 2, DryRun: 1, Final: 0, Grace: 1, Lead: 2}},
		{"grace and lead", map[string]string{"grace": "3", "lead": "5"},
			mentor.Offsets{Outline: 14, Deck: 7, DryRun: 3, Final: 1, Grace: 3, Lead: 5}},
		{"leading zero", map[string]string{"outline": "021"},
			mentor.Offsets{Outline: 21, Deck: 7, DryRun: 3, Final: 1, Grace: 1, Lead: 2}},
	}
	for _, tt := range tests {
		got, err := d.With(tt.opts)
		if err != nil || got != tt.want {
			t.Errorf("%s: With(%v) = %+v, %v, want %+v, nil", tt.name, tt.opts, got, err, tt.want)
		}
	}
	if mentor.DefaultOffsets != (mentor.Offsets{Outline: 14, Deck: 7, DryRun: 3, Final: 1, Grace: 1, Lead: 2}) {
		t.Errorf("With changed DefaultOffsets to %+v, want it unchanged", mentor.DefaultOffsets)
	}
}

func TestOffsetsWithRefuses(t *testing.T) {
	tests := []struct {
		name  string
		opts  map[string]string
		field string
		want  string
	}{
		{"not a number", map[string]string{"deck": "abc"}, "deck",
			"deck=abc is not a number of days; give whole days such as deck=7."},
		{"empty", map[string]string{"outline": ""}, "outline",
			`outline="" is not a number of days; give whole days such as outline=14.`},
		{"fraction", map[string]string{"dryrun": "2.5"}, "dryrun", "dryrun=2.5 is not a number of days; give whole days such as dryrun=3."},
		{"hours", map[string]string{"final": "12h"}, "final", "final=12h is not a number of days; give whole days such as final=1."},
		{"weeks", map[string]string{"outline": "2w"}, "outline", "outline=2w is not a number of days"},
		{"unit alone", map[string]string{"grace": "d"}, "grace", "grace=d is not a number of days; give whole days such as grace=1."},
		{"spaced word", map[string]string{"lead": "two days"}, "lead", `lead="two days" is not a number of days; give whole days such as lead=2.`},
		{"too big to read", map[string]string{"deck": "99999999999999999999999"}, "deck", "is not a number of days"},
		{"first bad key in order", map[string]string{"lead": "x", "outline": "y"}, "outline", "outline=y is not a number of days"},
		{"bad number before bad order", map[string]string{"deck": "30", "final": "x"}, "final", "final=x"},
		{"out of range", map[string]string{"outline": "121"}, "outline", "outline=121 is out of range"},
		{"negative", map[string]string{"final": "-1"}, "final", "final=-1 is out of range"},
		{"negative days", map[string]string{"grace": "-2d"}, "grace", "grace=-2 is out of range"},
		{"grace too long", map[string]string{"grace": "15"}, "grace", "grace=15 is out of range"},
		{"lead too long", map[string]string{"lead": "30d"}, "lead", "lead=30 is out of range"},
		{"out of order", map[string]string{"deck": "2"}, "dryrun",
			"The dry run (3 days before) must come after the deck (2 days before)"},
		{"out of order, outline", map[string]string{"outline": "7"}, "deck",
			"The deck (7 days before) must come after the outline (7 days before)"},
	}
	for _, tt := range tests {
		got, err := mentor.DefaultOffsets.With(tt.opts)
		checkFieldError(t, fmt.Sprintf("%s: With(%v)", tt.name, tt.opts), err, tt.field, tt.want)
		if got != mentor.DefaultOffsets {
			t.Errorf("%s: With(%v) = %+v on error, want the offsets unchanged %+v", tt.name, tt.opts, got, mentor.DefaultOffsets)
		}
	}
}

func TestOffsetsWithStartsFromReceiver(t *testing.T) {
	o := mentor.Offsets{Outline: 30, Deck: 20, DryRun: 10, Final: 5, Grace: 2, Lead: 3}
	got, err := o.With(map[string]string{"final": "2"})
	want := mentor.Offsets{Outline: 30, Deck: 20, DryRun: 10, Final: 2, Grace: 2, Lead: 3}
	if err != nil || got != want {
		t.Errorf("With(final=2) = %+v, %v, want %+v, nil", got, err, want)
	}
	if o.Final != 5 {
		t.Errorf("receiver Final = %d after With, want 5", o.Final)
	}
	// An invalid receiver is refused even when opts changes nothing.
	bad := mentor.Offsets{Outline: 1, Deck: 2, DryRun: 3, Final: 4}
	if _, err := bad.With(nil); guild.ErrorField(err) != "deck" {
		t.Errorf("invalid receiver With(nil) error field = %q (%v), want %q", guild.ErrorField(err), err, "deck")
	}
}
