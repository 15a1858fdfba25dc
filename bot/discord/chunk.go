package discord

import (
	"strings"
	"unicode/utf8"
)

// maxContent is the most characters a Discord message holds.
const maxContent = 2000

// chunks splits text into messages Discord takes: at most maxContent
// characters each, cut at a line break where one is near, else at a space,
// else anywhere. Empty text is one empty chunk.
func chunks(text string) []string {
	var out []string
	for utf8.RuneCountInString(text) > maxContent {
		r := []rune(text)
		head := string(r[:maxContent])
		cutAt := strings.LastIndex(head, "\n")
		if cutAt < len(head)/2 {
			if sp := strings.LastIndex(head, " "); sp > len(head)/2 {
				cutAt = sp
			}
		}
		if cutAt < len(head)/2 {
			cutAt = len(head)
		}
		out = append(out, strings.TrimRight(head[:cutAt], " \n"))
		text = strings.TrimLeft(text[cutAt:], " \n")
	}
	return append(out, text)
}
