package schedule

import (
	"encoding/json"
	"io"

	"github.com/guildhall/guildhall/pkg/guild"
)

// Assignment places one talk: in room Room, in the slot starting at Start.
type Assignment struct {
	// Talk is the talk's ID.
	Talk int `json:"talk"`
	// Room names the slot's room.
	Room string `json:"room"`
	// Start is the slot's start, in minutes as in Slot.Start.
	Start int `json:"start"`
}

// Solution is a schedule: one assignment per talk.
type Solution []Assignment

// ReadSolution decodes a solution from JSON. It checks only the JSON; Check
// says whether the solution fits an instance.
func ReadSolution(r io.Reader) (Solution, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var s Solution
	if err := dec.Decode(&s); err != nil {
		return nil, guild.Errorf(guild.EINVALID, "The solution is not valid JSON: %v.", err)
	}
	return s, nil
}

// Write encodes the solution as indented JSON.
func (s Solution) Write(w io.Writer) error {
	if s == nil {
		s = Solution{}
	}
	return writeJSON(w, s)
}

// Of returns the assignment of the talk with the given ID, and false when
// the solution does not place it.
func (s Solution) Of(talk int) (Assignment, bool) {
	for _, a := range s {
		if a.Talk == talk {
			return a, true
		}
	}
	return Assignment{}, false
}
