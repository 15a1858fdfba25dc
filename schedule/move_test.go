package schedule_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/guildhall/guildhall/cfp"
	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
)

// moveProgram is a draft of devDay (09:00-17:00, coffee 10:30-10:45, lunch
// 12:30-13:30, coffee 15:00-15:15; Main, Lab for workshops and talks,
// Side):
//
//	#1 keynote   every room 09:00-09:45  @kim
//	#2 talk      Main       09:45-10:15  @ann
//	#4 lightning Side       09:45-09:50  @cy
//	#5 talk      Side       10:45-11:15  @ann and @dee
//	#3 talk      Lab        11:15-11:45  @bo
//	#6 social    every room 16:00-17:00  @kim
func moveProgram() *schedule.Program {
	ev := devDay()
	person := func(id int64, name string) schedule.Person { return schedule.Person{UserID: id, Name: name} }
	item := func(id int64, room string, start, minutes int, format string, speakers ...schedule.Person) schedule.Item {
		return schedule.Item{Placement: schedule.Placement{Talk: id, Room: room, Start: start, Minutes: minutes},
			Title: fmt.Sprintf("Talk %d", id), Format: format, Kind: schedule.KindOf(format), Speakers: speakers}
	}
	kim, ann, bo, cy, dee := person(1, "kim"), person(2, "ann"), person(3, "bo"), person(4, "cy"), person(5, "dee")
	p := &schedule.Program{Event: ev, Rooms: ev.Rooms, Breaks: ev.DayBreaks(), Items: []schedule.Item{
		item(1, "", hm(9, 0), 45, "keynote", kim),
		item(2, "Main", hm(9, 45), 30, "talk", ann),
		item(3, "Lab", hm(11, 15), 30, "talk", bo),
		item(4, "Side", hm(9, 45), 5, "lightning", cy),
		item(5, "Side", hm(10, 45), 30, "talk", ann, dee),
		item(6, "", hm(16, 0), 60, "social", kim),
	}}
	p.Sort()
	return p
}

func TestCheckMove(t *testing.T) {
	// #3's speaker can come only in the morning.
	morning := window(hm(9, 0), hm(12, 30))
	tests := []struct {
		name    string
		talk    int64
		room    string // "" keeps the talk's room
		start   int
		windows []cfp.Window
		// code and wants describe the refusal; no code means allowed.
		code  string
		wants []string
	}{
		{name: "to a free time in its room", talk: 2, start: hm(11, 15)},
		{name: "to where it is", talk: 2, start: hm(9, 45)},
		{name: "to another room", talk: 2, room: "Side", start: hm(13, 30)},
		{name: "right after a lightning talk", talk: 2, room: "Side", start: hm(9, 50)},
		{name: "to the end of a session", talk: 3, room: "Main", start: hm(12, 0), windows: morning},
		{name: "the keynote later", talk: 1, start: hm(13, 30)},
		{name: "the social earlier", talk: 6, start: hm(15, 15)},
		{name: "a room named in lower case", talk: 2, room: "lab", start: hm(14, 0)},

		{name: "an unknown room", talk: 2, room: "Attic", start: hm(11, 15), code: guild.EINVALID,
			wants: []string{`Dev Day has no room called "Attic"; its rooms are Main, Lab, Side.`}},
		{name: "a room that does not hold the format", talk: 4, room: "Lab", start: hm(13, 30), code: guild.EINVALID,
			wants: []string{"Lab holds only workshop and talk; #4 is a lightning."}},
		{name: "across a break", talk: 2, start: hm(10, 15), code: guild.EINVALID,
			wants: []string{"#2 would run 10:15-10:45, which is not inside one session of the day", "breaks 10:30-10:45 coffee, 12:30-13:30 lunch, 15:00-15:15 coffee"}},
		{name: "into lunch", talk: 2, start: hm(12, 45), code: guild.EINVALID, wants: []string{"#2 would run 12:45-13:15"}},
		{name: "past the end", talk: 2, start: hm(16, 45), code: guild.EINVALID,
			wants: []string{"#2 would run 16:45-17:15", "Dev Day runs 09:00-17:00"}},
		{name: "before the start", talk: 2, start: hm(8, 45), code: guild.EINVALID, wants: []string{"#2 would run 08:45-09:15"}},
		{name: "the keynote past the end", talk: 1, start: hm(16, 30), code: guild.EINVALID, wants: []string{"#1 would run 16:30-17:15"}},
		{name: "outside the speakers' times", talk: 3, start: hm(13, 30), windows: morning, code: guild.EINVALID,
			wants: []string{"#3's speakers can give it only 09:00-12:30, not 13:30-14:00."}},
		{name: "a room taken", talk: 2, room: "Lab", start: hm(11, 30), code: guild.ECONFLICT,
			wants: []string{`#3 "Talk 3" is in Lab from 11:15 to 11:45; move it first, or choose another time or room.`}},
		{name: "a room taken, named in lower case", talk: 2, room: "lab", start: hm(11, 30), code: guild.ECONFLICT,
			wants: []string{`#3 "Talk 3" is in Lab from 11:15 to 11:45`}},
		{name: "a room taken by a lightning talk", talk: 2, room: "Side", start: hm(9, 45), code: guild.ECONFLICT,
			wants: []string{`#4 "Talk 4" is in Side from 09:45 to 09:50`}},
		{name: "during the keynote", talk: 2, start: hm(9, 30), code: guild.ECONFLICT,
			wants: []string{`#1 "Talk 1" is in every room from 09:00 to 09:45`}},
		{name: "the keynote over a talk", talk: 1, start: hm(10, 45), code: guild.ECONFLICT,
			wants: []string{`#5 "Talk 5" is in Side from 10:45 to 11:15`}},
		{name: "a speaker busy elsewhere", talk: 5, room: "Lab", start: hm(9, 45), code: guild.ECONFLICT,
			wants: []string{`@ann speaks in #2 "Talk 2" in Main from 09:45 to 10:15, so cannot give #5 then.`}},
		{name: "a co-speaker busy elsewhere", talk: 2, room: "Lab", start: hm(10, 45), code: guild.ECONFLICT,
			wants: []string{`@ann speaks in #5 "Talk 5" in Side from 10:45 to 11:15, so cannot give #2 then.`}},
		{name: "a plenary into one room", talk: 1, room: "Main", start: hm(13, 30), code: guild.EINVALID,
			wants: []string{"#1 is a keynote in every room; move it with at= only."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := moveProgram()
			it, ok := p.Item(tt.talk)
			if !ok {
				t.Fatalf("#%d: not on the program", tt.talk)
			}
			to := it.Placement
			to.Start = tt.start
			if tt.room != "" {
				to.Room = tt.room
			}
			err := p.CheckMove(p.Event, it, to, tt.windows)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("move #%d to %s: got %v, want it allowed", tt.talk, to, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("move #%d to %s: got it allowed, want a refusal", tt.talk, to)
			}
			if got := guild.ErrorCode(err); got != tt.code {
				t.Errorf("error code: got %q, want %q", got, tt.code)
			}
			for _, w := range tt.wants {
				if msg := guild.ErrorMessage(err); !strings.Contains(msg, w) {
					t.Errorf("error message: got %q, want it to contain %q", msg, w)
				}
			}
		})
	}
}

// A talk moved by hand to a plenary's room ("") is refused: name a room.
func TestCheckMoveNeedsARoom(t *testing.T) {
	p := moveProgram()
	it, _ := p.Item(2)
	to := it.Placement
	to.Room = ""
	err := p.CheckMove(p.Event, it, to, nil)
	if msg := guild.ErrorMessage(err); !strings.Contains(msg, "Name the room to move #2 to, such as room=Main.") {
		t.Errorf("error message: got %q, want it to ask for a room", msg)
	}
}
