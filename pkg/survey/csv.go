package survey

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// WriteCSV writes the answers in in as CSV, one row per answer in the
// order they were first given: its number, when it was given, who gave it
// with their department and team (all blank for an anonymous answer), the
// overall rating, what they will do differently, the talk that helped
// most, the idea raised, then for each talk of the line-up its rating and
// comment. Cells that a spreadsheet would take for a formula are quoted
// with a leading apostrophe, so an answer cannot run code where the file
// is opened.
func WriteCSV(w io.Writer, in Rows) error {
	talks := in.Talks
	head := []string{"answer", "answered_at", "name", "department", "team", "rating", "different", "helped", "idea"}
	for i := range talks {
		ref := talks[i].Ref()
		head = append(head, ref+" rating", ref+" comment")
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return err
	}
	col := make(map[int64]int, len(talks))
	for i := range talks {
		col[talks[i].ID] = len(head) - 2*len(talks) + 2*i
	}
	byResponse := make(map[int64][]TalkRating, len(in.Responses))
	for _, r := range in.Ratings {
		byResponse[r.Response] = append(byResponse[r.Response], r)
	}
	rec := make([]string, len(head))
	for _, x := range sortedBy(in.Responses, func(x Response) int64 { return x.ID }) {
		clear(rec)
		rec[0] = strconv.FormatInt(x.ID, 10)
		if !x.At.IsZero() {
			rec[1] = x.At.UTC().Format(time.RFC3339)
		}
		if x.By != nil {
			rec[2], rec[3], rec[4] = x.By.Name, x.By.Department, x.By.Team
		}
		rec[5] = strconv.Itoa(x.Rating)
		rec[6] = x.Different
		if x.Helped != 0 {
			rec[7] = "#" + strconv.FormatInt(x.Helped, 10)
		}
		rec[8] = x.Idea
		for _, r := range byResponse[x.ID] {
			c, ok := col[r.Talk]
			if !ok {
				continue
			}
			if r.Rating > 0 {
				rec[c] = strconv.Itoa(r.Rating)
			}
			rec[c+1] = r.Comment
		}
		for i := range rec {
			rec[i] = cell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell defuses a value a spreadsheet would read as a formula.
func cell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
