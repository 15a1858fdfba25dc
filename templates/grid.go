package templates

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/schedule"
)

// Widths of the text grid's columns, in characters.
const (
	gridTime = 13 // "09:45-10:15  "
	gridCell = 26
)

// cell is what the grid shows in one room from start to end: a talk, or
// a block of lightning talks.
type cell struct {
	room       string
	start, end int
	text       string
	talks      int
}

// cells groups a program's items as the grid shows them: each talk on its
// own, and lightning talks that follow one another in a room as one block.
// Plenaries are left out.
func cells(p *schedule.Program) []cell {
	var out []cell
	last := map[string]int{} // room → index in out of its lightning block
	for _, it := range p.Items {
		if it.Plenary() {
			continue
		}
		ref := fmt.Sprintf("#%d", it.Talk)
		if !it.Confirmed {
			ref += "*"
		}
		if it.Kind == schedule.KindLightning {
			if i, ok := last[it.Room]; ok && out[i].end == it.Start {
				out[i].end = it.End()
				out[i].talks++
				out[i].text = fmt.Sprintf("⚡ %d lightning talks", out[i].talks)
				continue
			}
			last[it.Room] = len(out)
			out = append(out, cell{it.Room, it.Start, it.End(), "⚡ " + ref + " " + it.Title, 1})
			continue
		}
		delete(last, it.Room)
		out = append(out, cell{it.Room, it.Start, it.End(), ref + " " + it.Title, 1})
	}
	return out
}

// Grid draws a program as text: times down, rooms across. Breaks and
// plenaries span the width; a talk still running shows ⋮, a free room ·.
// An asterisk marks talks whose speakers have yet to confirm.
func Grid(p *schedule.Program) string {
	type full struct {
		start, end int
		text       string
	}
	var fulls []full
	for _, b := range p.Breaks {
		fulls = append(fulls, full{b.Start, b.End, "— " + b.Name + " —"})
	}
	for _, it := range p.Items {
		if it.Plenary() {
			ref := fmt.Sprintf("#%d", it.Talk)
			if !it.Confirmed {
				ref += "*"
			}
			fulls = append(fulls, full{it.Start, it.End(), ref + " " + it.Title + " (" + it.Format + ", every room)"})
		}
	}
	cs := cells(p)
	var times []int
	for _, f := range fulls {
		times = append(times, f.start)
	}
	for _, c := range cs {
		times = append(times, c.start)
	}
	slices.Sort(times)
	times = slices.Compact(times)

	var b strings.Builder
	head := pad("", gridTime)
	for _, r := range p.Rooms {
		head += pad(fmt.Sprintf("%s (%d)", r.Name, r.Capacity), gridCell)
	}
	b.WriteString(strings.TrimRight(head, " ") + "\n")
	for _, t := range times {
		if i := slices.IndexFunc(fulls, func(f full) bool { return f.start == t }); i >= 0 {
			f := fulls[i]
			b.WriteString(strings.TrimRight(pad(event.Clock(f.start)+"-"+event.Clock(f.end), gridTime)+f.text, " ") + "\n")
			continue
		}
		end := -1
		for _, c := range cs {
			if c.start == t {
				if end == -1 || end == c.end {
					end = c.end
				} else {
					end = -2
				}
			}
		}
		label := event.Clock(t)
		if end >= 0 {
			label += "-" + event.Clock(end)
		}
		row := pad(label, gridTime)
		for _, r := range p.Rooms {
			text := "·"
			for _, c := range cs {
				switch {
				case c.room == r.Name && c.start == t:
					text = c.text
				case c.room == r.Name && c.start < t && t < c.end && text == "·":
					text = "⋮"
				}
			}
			row += pad(text, gridCell)
		}
		b.WriteString(strings.TrimRight(row, " ") + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// pad cuts s to fit a column of width w, leaving two spaces before the
// next, with an ellipsis when cut, and pads it with spaces.
func pad(s string, w int) string {
	n := utf8.RuneCountInString(s)
	if n > w-2 {
		r := []rune(s)
		return string(r[:w-3]) + "…  "
	}
	return s + strings.Repeat(" ", w-n)
}
