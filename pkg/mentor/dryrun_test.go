package mentor_test

import (
	"fmt"
	"testing"

	"github.com/guildhall/guildhall/pkg/mentor"
)

func TestSlides(t *testing.T) {
	tests := []struct{ minutes, want int }{
		{-5, 1},
		{0, 1},
		{1, 1},
		{4, 4},
		{5, 5},
		{20, 20},
		{30, 30},
		{45, 45},
		{90, 90},
	}
	for _, tt := range tests {
		if got := mentor.Slides(tt.minutes); got != tt.want {
			t.Errorf("Slides(%d) = %d, want %d", tt.minutes, got, tt.want)
		}
	}
}

func TestCheckMinutes(t *testing.T) {
	for _, m := range []int{1, 2, 5, 25, 59, 90, 480, 599, 600} {
		if err := mentor.CheckMinutes(m); err != nil {
			t.Errorf("CheckMinutes(%d) = %v, want nil", m, err)
		}
	}
	for _, m := range []int{-600, -1, 0, 601, 1000, 1 << 40} {
		checkFieldError(t, fmt.Sprintf("CheckMinutes(%d)", m), mentor.CheckMinutes(m), "minutes",
			fmt.Sprintf("minutes=%d is not a dry run's length I can record; give how many whole minutes the dry run took, between 1 and 600, such as minutes=25.", m))
	}
}

func TestQuestions(t *testing.T) {
	tests := []struct{ slot, want int }{
		{-10, 0},
		{0, 0},
		{1, 0},
		{5, 0},
		{9, 0},
		{10, 1},
		{19, 1},
		{20, 2},
		{25, 2},
		{30, 3},
		{45, 4},
		{60, 6},
		{90, 9},
	}
	for _, tt := range tests {
		if got := mentor.Questions(tt.slot); got != tt.want {
			t.Errorf("Questions(%d) = %d, want %d", tt.slot, got, tt.want)
		}
	}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name          string
		minutes, slot int
		want          mentor.Verdict
	}{
		{"fits with room for questions", 25, 30, mentor.Verdict{Minutes: 25, Slot: 30}},
		{"ends as questions begin", 27, 30, mentor.Verdict{Minutes: 27, Slot: 30}},
		{"eats a minute of questions", 28, 30, mentor.Verdict{Minutes: 28, Slot: 30, Trim: 1}},
		{"exactly the slot", 30, 30, mentor.Verdict{Minutes: 30, Slot: 30, Trim: 3}},
		{"a minute over", 31, 30, mentor.Verdict{Minutes: 31, Slot: 30, Over: 1, Trim: 4}},
		{"well over", 45, 30, mentor.Verdict{Minutes: 45, Slot: 30, Over: 15, Trim: 18}},
		{"double the slot", 60, 30, mentor.Verdict{Minutes: 60, Slot: 30, Over: 30, Trim: 33}},
		{"over a 45-minute slot", 50, 45, mentor.Verdict{Minutes: 50, Slot: 45, Over: 5, Trim: 9}},
		{"short", 14, 30, mentor.Verdict{Minutes: 14, Slot: 30, Short: true}},
		{"exactly half is not short", 15, 30, mentor.Verdict{Minutes: 15, Slot: 30}},
		{"short, odd slot", 12, 25, mentor.Verdict{Minutes: 12, Slot: 25, Short: true}},
		{"half an odd slot, rounded up, is not short", 13, 25, mentor.Verdict{Minutes: 13, Slot: 25}},
		{"ten-minute slot, full", 10, 10, mentor.Verdict{Minutes: 10, Slot: 10, Trim: 1}},
		{"ten-minute slot, a minute left", 9, 10, mentor.Verdict{Minutes: 9, Slot: 10}},
		{"lightning fits exactly", 5, 5, mentor.Verdict{Minutes: 5, Slot: 5}},
		{"lightning over", 7, 5, mentor.Verdict{Minutes: 7, Slot: 5, Over: 2, Trim: 2}},
		{"lightning short", 2, 5, mentor.Verdict{Minutes: 2, Slot: 5, Short: true}},
		{"lightning not short", 3, 5, mentor.Verdict{Minutes: 3, Slot: 5}},
		{"one-minute slot, fits", 1, 1, mentor.Verdict{Minutes: 1, Slot: 1}},
		{"one-minute slot, over", 2, 1, mentor.Verdict{Minutes: 2, Slot: 1, Over: 1, Trim: 1}},
		{"one-minute slot, nothing", 0, 1, mentor.Verdict{Minutes: 0, Slot: 1, Short: true}},
		{"no slot", 5, 0, mentor.Verdict{Minutes: 5, Slot: 0, Over: 5, Trim: 5}},
		{"nothing at all", 0, 0, mentor.Verdict{}},
		{"negative minutes", -3, 30, mentor.Verdict{Minutes: 0, Slot: 30, Short: true}},
		{"negative slot", 5, -10, mentor.Verdict{Minutes: 5, Slot: 0, Over: 5, Trim: 5}},
		{"workshop over", 600, 480, mentor.Verdict{Minutes: 600, Slot: 480, Over: 120, Trim: 168}},
	}
	for _, tt := range tests {
		got := mentor.Judge(tt.minutes, tt.slot)
		if got != tt.want {
			t.Errorf("%s: Judge(%d, %d) = %+v, want %+v", tt.name, tt.minutes, tt.slot, got, tt.want)
		}
		if fits := tt.want.Over == 0; got.Fits() != fits {
			t.Errorf("%s: Judge(%d, %d).Fits() = %v, want %v", tt.name, tt.minutes, tt.slot, got.Fits(), fits)
		}
	}
}

func TestJudgeInvariants(t *testing.T) {
	for slot := 0; slot <= 120; slot++ {
		for minutes := 0; minutes <= 2*slot+2; minutes++ {
			v := mentor.Judge(minutes, slot)
			if v.Trim < v.Over {
				t.Fatalf("Judge(%d, %d) = %+v: got Trim < Over, want Trim >= Over", minutes, slot, v)
			}
			if v.Fits() != (minutes <= slot) {
				t.Fatalf("Judge(%d, %d).Fits() = %v, want %v", minutes, slot, v.Fits(), minutes <= slot)
			}
			if v.Short && v.Trim > 0 {
				t.Fatalf("Judge(%d, %d) = %+v: got Short with Trim, want at most one", minutes, slot, v)
			}
			if after := minutes - v.Trim; v.Trim > 0 && slot-after != mentor.Questions(slot) {
				t.Fatalf("Judge(%d, %d) = %+v: got %d minutes left for questions after trimming, want %d", minutes, slot, v, slot-after, mentor.Questions(slot))
			}
			if slot >= 10 && v.Trim == 0 && slot-minutes < 1 {
				t.Fatalf("Judge(%d, %d) = %+v: got no time for questions and no trim, want at least one minute", minutes, slot, v)
			}
		}
	}
}
