package survey

import (
	"fmt"
	"slices"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Answer is one person's answer to an event's survey.
type Answer struct {
	// Rating is the day as a whole, from 1 (poor) to 5 (excellent).
	Rating int
	// Different answers "What will you do differently?"; it is required.
	Different string
	// Helped is the talk that helped most, a submission ID; 0 for none.
	Helped int64
	// Idea is an idea to take forward; "" for none.
	Idea string
	// Ratings rates the talks the person attended, talk ID → 1..5.
	Ratings map[int64]int
	// Comments are private comments for the speakers, talk ID → text.
	Comments map[int64]string
	// Anonymous keeps this answer, and the idea it raises, from being
	// linked to the person, even in a survey that is not anonymous.
	Anonymous bool
}

// AnonymousIn reports whether the answer is kept from its author in s:
// every answer of an anonymous survey is, and so is one given with
// anonymous=yes.
func (a *Answer) AnonymousIn(s *Survey) bool { return a.Anonymous || (s != nil && s.Anonymous) }

// Normalize trims the spaces around the answer's texts and drops empty
// comments.
func (a *Answer) Normalize() {
	a.Different = strings.TrimSpace(a.Different)
	a.Idea = strings.TrimSpace(a.Idea)
	for id, c := range a.Comments {
		if c = strings.TrimSpace(c); c == "" {
			delete(a.Comments, id)
		} else {
			a.Comments[id] = c
		}
	}
}

// Talks returns the IDs of the talks the answer rates or comments on, in
// increasing order.
func (a *Answer) Talks() []int64 {
	ids := make([]int64, 0, len(a.Ratings)+len(a.Comments))
	for id := range a.Ratings {
		ids = append(ids, id)
	}
	for id := range a.Comments {
		if _, ok := a.Ratings[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// Validate checks an answer to s by by, whose event's line-up is talks.
// The error names the field at fault: rating, different, helped, idea,
// ratings or comments.
func (a *Answer) Validate(s *Survey, talks []Talk, by *guild.User) error {
	switch {
	case a.Rating == 0:
		return guild.FieldErrorf("rating", "Rate %s as a whole from 1 (poor) to 5 (excellent), such as rating=4.", s.Name())
	case a.Rating < 1 || a.Rating > 5:
		return guild.FieldErrorf("rating", "rating=%d is out of range: rate %s from 1 (poor) to 5 (excellent).", a.Rating, s.Name())
	}
	if err := guild.CheckText("different", a.Different, false); err != nil {
		return err
	}
	if strings.TrimSpace(a.Different) == "" {
		return guild.FieldErrorf("different", `Say what you will do differently after %s, such as different="pair on the flaky tests"; it is the one question every answer needs.`, s.Name())
	}
	if err := guild.CheckText("idea", a.Idea, false); err != nil {
		return err
	}
	if a.Helped != 0 {
		t := findTalk(talks, a.Helped)
		if t == nil {
			return guild.FieldErrorf("helped", "#%d is not a talk at %s; helped= names the talk that helped you most%s.", a.Helped, s.Name(), talkList(talks))
		}
		if t.HasSpeaker(by) {
			return guild.FieldErrorf("helped", "You speak in #%d; helped= names someone else's talk that helped you most.", t.ID)
		}
	}
	for _, id := range a.Talks() {
		t := findTalk(talks, id)
		field := "ratings"
		if _, ok := a.Ratings[id]; !ok {
			field = "comments"
		}
		if t == nil {
			return guild.FieldErrorf(field, "#%d is not a talk at %s; rate the talks you attended%s.", id, s.Name(), talkList(talks))
		}
		if t.HasSpeaker(by) {
			return guild.FieldErrorf(field, "You speak in #%d, so its feedback is left to the audience.", id)
		}
		if r, ok := a.Ratings[id]; ok && (r < 1 || r > 5) {
			return guild.FieldErrorf("ratings", "%d is out of range for #%d: rate each talk from 1 (poor) to 5 (excellent).", r, id)
		}
		if c, ok := a.Comments[id]; ok {
			if err := guild.CheckText(fmt.Sprintf("Your comment on #%d", id), c, false); err != nil {
				return guild.FieldErrorf("comments", "%s", guild.ErrorMessage(err))
			}
		}
	}
	return nil
}

// maxListed is how many talks an error message lists.
const maxListed = 8

// talkList names the line-up for an error message: ", one of #1, #2 and
// #3", or "" when there are no talks.
func talkList(talks []Talk) string {
	if len(talks) == 0 {
		return ""
	}
	refs := make([]string, 0, min(len(talks), maxListed))
	for i := range talks {
		if i == maxListed {
			break
		}
		refs = append(refs, talks[i].Ref())
	}
	switch {
	case len(talks) > maxListed:
		return fmt.Sprintf(", one of %s, … (%d talks)", strings.Join(refs, ", "), len(talks))
	case len(refs) == 1:
		return ", which is " + refs[0]
	}
	return ", one of " + strings.Join(refs[:len(refs)-1], ", ") + " and " + refs[len(refs)-1]
}
