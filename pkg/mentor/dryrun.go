package mentor

import "github.com/guildhall/guildhall/pkg/guild"

// MaxMinutes is the longest dry run a speaker may record, in minutes.
const MaxMinutes = 600

// Slides is about how many slides suit a slot of minutes: about one per
// minute, and at least one.
func Slides(minutes int) int {
	return max(minutes, 1)
}

// CheckMinutes validates a dry run's length as a speaker gives it: a whole
// number of minutes from 1 to MaxMinutes.
func CheckMinutes(minutes int) error {
	if minutes < 1 || minutes > MaxMinutes {
		return guild.FieldErrorf("minutes", "minutes=%d is not a dry run's length I can record; give how many whole minutes the dry run took, between 1 and %d, such as minutes=25.", minutes, MaxMinutes)
	}
	return nil
}

// Verdict is what a dry run's length says about the talk.
type Verdict struct {
	// Minutes is how long the dry run took and Slot how long the talk's
	// slot is, both in minutes.
	Minutes, Slot int
	// Over is how many minutes the dry run ran past the slot; 0 when it
	// fits.
	Over int
	// Trim is how many minutes to cut so the talk ends with about a tenth
	// of the slot left for questions (rounded down, so at least one minute
	// for slots of 10 minutes or more and none for shorter ones); 0 when it
	// already does.
	Trim int
	// Short is true when the dry run used less than half the slot.
	Short bool
}

// Fits reports whether the dry run ended within the slot.
func (v Verdict) Fits() bool { return v.Over == 0 }

// Questions is how many minutes of a slot of slot minutes to keep for
// questions: a tenth, rounded down.
func Questions(slot int) int {
	return max(slot, 0) / 10
}

// Judge compares a dry run of minutes with a slot of slot minutes. Negative
// values count as zero.
func Judge(minutes, slot int) Verdict {
	minutes, slot = max(minutes, 0), max(slot, 0)
	return Verdict{
		Minutes: minutes,
		Slot:    slot,
		Over:    max(minutes-slot, 0),
		Trim:    max(minutes-(slot-Questions(slot)), 0),
		Short:   2*minutes < slot,
	}
}
