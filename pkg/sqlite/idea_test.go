package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/pkg/survey"
)

// Follow-ups ask the owner at +2 and +6 weeks, once each, with buttons;
// an idea done by then is not followed up.
func TestIdeaFollowups(t *testing.T) {
	f := sentFixture(t, survey.Options{})
	ctx := context.Background()
	raised := devDayEnd.Add(time.Hour)
	kept := f.answer(t, f.cat, survey.Answer{Rating: 4, Different: "x", Idea: "A testing guild"}).Idea
	done := f.answer(t, f.dan, survey.Answer{Rating: 4, Different: "y", Idea: "Lunch talks"}).Idea
	if !kept.RaisedAt.Equal(raised) || kept.State != survey.IdeaOpen || kept.Event != "DevDay" {
		t.Fatalf("idea = %+v, want open, raised at %v at DevDay", kept, raised)
	}
	for n, weeks := range []int{2, 6} {
		key := fmt.Sprintf("idea-followup:%d:%d", kept.ID, n+1)
		r, err := f.reminders.Find(ctx, key)
		if want := raised.AddDate(0, 0, 7*weeks); err != nil || r == nil || !r.NextDue.Equal(want) {
			t.Errorf("reminder %s = %+v, %v, want due %v", key, r, err, want)
		}
	}
	if _, err := f.surveys.SetIdea(as(ctx, f.dan), done.ID, survey.IdeaDone); err != nil {
		t.Fatalf("SetIdea(done) by its owner: %v", err)
	}

	two := raised.AddDate(0, 0, 14)
	f.fire(t, two.Add(-time.Second))
	if got := f.messages(t, kindFollowup); len(got) != 0 {
		t.Errorf("follow-ups a second before two weeks = %d, want none", len(got))
	}
	f.fire(t, two)
	ms := f.messages(t, kindFollowup)
	want := fmt.Sprintf("idea_notice_followup to Cat: #%d after 2 weeks", kept.ID)
	if len(ms) != 1 || ms[0].Body != want || ms[0].Key != fmt.Sprintf("idea:%d:followup:1:%d", kept.ID, f.cat.ID) {
		t.Fatalf("follow-ups at two weeks = %d, first %+v, want one: %q", len(ms), ms, want)
	}
	var buttons []string
	for _, a := range ms[0].Actions {
		buttons = append(buttons, a.Label+" "+a.Command)
	}
	ref := kept.Ref()
	if wantB := []string{"Done /idea done " + ref, "In progress /idea progress " + ref, "Dropped /idea drop " + ref}; !slices.Equal(buttons, wantB) {
		t.Errorf("follow-up buttons = %q, want %q", buttons, wantB)
	}
	if _, err := f.surveys.SetIdea(as(ctx, f.cat), kept.ID, survey.IdeaInProgress); err != nil {
		t.Fatalf("SetIdea(in progress): %v", err)
	}
	six := raised.AddDate(0, 0, 42)
	f.fire(t, six.Add(-time.Second))
	if n := len(f.messages(t, kindFollowup)); n != 1 {
		t.Errorf("follow-ups before six weeks = %d, want 1", n)
	}
	f.fire(t, six)
	ms = f.messages(t, kindFollowup)
	if len(ms) != 2 || ms[1].Body != fmt.Sprintf("idea_notice_followup to Cat: #%d after 6 weeks", kept.ID) || len(ms[1].Actions) != 2 {
		t.Fatalf("follow-ups at six weeks = %d, want the second to Cat, offering done and dropped", len(ms))
	}
	f.fire(t, six.AddDate(1, 0, 0))
	if n := len(f.messages(t, kindFollowup)); n != 2 {
		t.Errorf("follow-ups a year on = %d, want 2: Dan's idea was done, and each is sent once", n)
	}
}

// After downtime over both follow-ups, the owner is asked once, late.
func TestIdeaFollowupCatchUp(t *testing.T) {
	f := sentFixture(t, survey.Options{})
	idea := f.answer(t, f.cat, survey.Answer{Rating: 4, Different: "x", Idea: "A testing guild"}).Idea
	f.restart(t)
	f.fire(t, idea.RaisedAt.AddDate(0, 0, 50))
	ms := f.messages(t, kindFollowup)
	if len(ms) != 1 || !ms[0].Late || ms[0].Body != fmt.Sprintf("idea_notice_followup to Cat: #%d after 6 weeks (late)", idea.ID) {
		t.Fatalf("follow-ups after seven weeks down = %+v, want one, the six-week one, late", ms)
	}
	f.restart(t)
	f.fire(t, idea.RaisedAt.AddDate(0, 0, 60))
	if n := len(f.messages(t, kindFollowup)); n != 1 {
		t.Errorf("follow-ups after another restart = %d, want 1", n)
	}
}

func TestSetIdea(t *testing.T) {
	f := sentFixture(t, survey.Options{})
	ctx := context.Background()
	idea := f.answer(t, f.cat, survey.Answer{Rating: 4, Different: "x", Idea: "A testing guild"}).Idea
	tests := []struct {
		name  string
		as    *guild.User
		id    int64
		st    survey.IdeaState
		code  string
		want  string
		state survey.IdeaState
	}{
		{"someone else", f.dan, idea.ID, survey.IdeaDone, guild.EFORBIDDEN, "Only @Cat, who raised " + idea.Ref() + ", and organisers", survey.IdeaOpen},
		{"unknown idea", f.cat, 999, survey.IdeaDone, guild.ENOTFOUND, "There is no idea #999", survey.IdeaOpen},
		{"bad state", f.cat, idea.ID, "finished", guild.EINVALID, `"finished" is not a state of an idea`, survey.IdeaOpen},
		{"same state", f.cat, idea.ID, survey.IdeaOpen, guild.ECONFLICT, idea.Ref() + " is open already.", survey.IdeaOpen},
		{"the owner", f.cat, idea.ID, survey.IdeaInProgress, "", "", survey.IdeaInProgress},
		{"an organiser", f.olga, idea.ID, survey.IdeaDropped, "", "", survey.IdeaDropped},
		{"the owner reopens", f.cat, idea.ID, survey.IdeaOpen, "", "", survey.IdeaOpen},
	}
	for _, tt := range tests {
		f.at(devDayEnd.Add(48 * time.Hour))
		got, err := f.surveys.SetIdea(as(ctx, tt.as), tt.id, tt.st)
		if tt.code != "" {
			wantMessage(t, tt.name, err, tt.code, tt.want)
		} else if err != nil || got.State != tt.st || got.UpdatedBy == nil || got.UpdatedBy.ID != tt.as.ID {
			t.Errorf("%s: SetIdea = %+v, %v, want %s by %s", tt.name, got, err, tt.st, tt.as.Name)
		}
		_, ideas, err := f.surveys.Ideas(as(ctx, f.eve), "DevDay")
		if err != nil || len(ideas) != 1 || ideas[0].State != tt.state {
			t.Errorf("%s: Ideas = %+v, %v, want the idea %s", tt.name, ideas, err, tt.state)
		}
	}
	_, ideas, err := f.surveys.Ideas(as(ctx, f.eve), "DevDay")
	if err != nil || !ideas[0].UpdatedAt.Equal(devDayEnd.Add(48*time.Hour)) || ideas[0].UpdatedBy.ID != f.cat.ID {
		t.Errorf("Ideas after the changes = %+v, %v, want updated by Cat at %v", ideas[0], err, devDayEnd.Add(48*time.Hour))
	}
}

func TestSetAnonymousIdea(t *testing.T) {
	yes := true
	f := sentFixture(t, survey.Options{Anonymous: &yes})
	ctx := context.Background()
	idea := f.answer(t, f.cat, survey.Answer{Rating: 4, Different: "x", Idea: "A testing guild"}).Idea
	_, err := f.surveys.SetIdea(as(ctx, f.cat), idea.ID, survey.IdeaDone)
	wantMessage(t, "SetIdea by its anonymous author", err, guild.EFORBIDDEN, "was raised anonymously, so only organisers")
	if got, err := f.surveys.SetIdea(as(ctx, f.olga), idea.ID, survey.IdeaDone); err != nil || got.State != survey.IdeaDone || got.Owner != nil {
		t.Errorf("SetIdea by an organiser = %+v, %v, want done, still with no owner", got, err)
	}
}

func TestIdeasNoSurvey(t *testing.T) {
	f := newSurveyFixture(t)
	ev, ideas, err := f.surveys.Ideas(as(context.Background(), f.ann), "DevDay")
	if err != nil || ev == nil || ev.Name != "DevDay" || len(ideas) != 0 {
		t.Errorf("Ideas with no survey = %v, %v, %v, want DevDay and no ideas", ev, ideas, err)
	}
}
