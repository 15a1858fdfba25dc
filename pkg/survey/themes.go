package survey

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Theme is something several "What will you do differently?" answers
// speak of: a word, or two words that go together, such as "code review".
type Theme struct {
	// Words is the theme as people wrote it most often.
	Words string
	// Answers counts the answers that speak of it.
	Answers int
	// key is the theme's stemmed words, which answers are matched on.
	key string
}

// In reports whether answer speaks of the theme.
func (t Theme) In(answer string) bool {
	prev := ""
	for _, w := range words(answer) {
		w = strings.Trim(w, "'’")
		if utf8.RuneCountInString(w) < 3 || stopWords[strings.ReplaceAll(w, "’", "'")] {
			prev = ""
			continue
		}
		k := stem(w)
		if k == t.key || (prev != "" && prev+" "+k == t.key) {
			return true
		}
		prev = k
	}
	return false
}

// Limits of Themes.
const (
	// MaxThemes is how many themes Themes returns at most.
	MaxThemes = 5
	// MinThemeAnswers is how many answers must speak of a theme.
	MinThemeAnswers = 2
)

// stopWords are words that say nothing of what people will do: the
// commonest English words, and those every answer to "what will you do
// differently?" uses.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again all also am an and any are as at be because been before
	being below between both but by can can't cannot could did didn't do does doing don't down during each even ever every
	few for from further get going got had has have having he her here hers him his how i i'd i'll i'm i've if in into is
	isn't it it's its just least less let like lot lots make many may me mine more most much must my myself need next no
	nor not now of off often on once one only or other our ours out over own per really same see shall she should so some
	start still such take than that that's the their them then there these they thing things this those through time times
	to too try trying under until up us use used using very want was we we'll we're were what when where which while who
	whom why will with won't would you your yours differently different instead better again first going get
	make sure think plan day event talk talks`) {
		m[w] = true
	}
	return m
}()

// stem folds the endings of an English word, so that "tests", "testing"
// and "tested" count as one, as do "share", "shares" and "sharing": a
// light stemmer, which keeps at least three letters. What it returns is a
// key for counting, not always a word; themes are shown as people wrote
// them.
func stem(w string) string {
	cut := ""
	for _, suf := range []string{"ings", "ing", "ied", "ies", "ed", "es", "s", "ly"} {
		s, ok := strings.CutSuffix(w, suf)
		if !ok || utf8.RuneCountInString(s) < 3 {
			continue
		}
		if suf == "s" && (strings.HasSuffix(s, "s") || strings.HasSuffix(s, "u") || strings.HasSuffix(s, "i")) {
			continue // "pass", "focus", "analysis"
		}
		w, cut = s, suf
		if suf == "ied" || suf == "ies" {
			w += "y"
		}
		break
	}
	if n := len(w); (cut == "ing" || cut == "ings" || cut == "ed") && n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		w = w[:n-1] // "mobbing" → "mob"
	}
	if n := utf8.RuneCountInString(w); n >= 4 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1] // "share" → "shar", as "sharing" does
	}
	return w
}

// words splits an answer into its lower-case words, with apostrophes
// kept inside them.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	})
}

// term is a theme being counted: its answers, and how often each way of
// writing it was used.
type term struct {
	key     string
	two     bool // two words
	answers int
	last    int // the last answer counted, so each counts once
	forms   map[string]int
	first   int // the answer it was first seen in, for a stable order
}

// Themes finds what the answers speak of most: the words and pairs of
// words that the most answers use, leaving out common words, counting
// each answer once, and folding word endings ("pairing", "pair"). A pair
// goes before its words when as many answers use it, and a word is left
// out when a pair holding it speaks of two thirds of its answers or more. It returns at most
// MaxThemes, each in at least MinThemeAnswers answers, most used first.
// It takes time linear in the length of the answers.
func Themes(answers []string) []Theme {
	terms := map[string]*term{}
	count := func(key, form string, two bool, answer int) {
		t := terms[key]
		if t == nil {
			t = &term{key: key, two: two, last: -1, forms: map[string]int{}, first: answer}
			terms[key] = t
		}
		t.forms[form]++
		if t.last != answer {
			t.last = answer
			t.answers++
		}
	}
	for i, a := range answers {
		prev, prevForm := "", ""
		for _, w := range words(a) {
			w = strings.Trim(w, "'’")
			if utf8.RuneCountInString(w) < 3 || stopWords[strings.ReplaceAll(w, "’", "'")] {
				prev = ""
				continue
			}
			k := stem(w)
			count(k, w, false, i)
			if prev != "" && prev != k {
				count(prev+" "+k, prevForm+" "+w, true, i)
			}
			prev, prevForm = k, w
		}
	}
	var all []*term
	for _, t := range terms {
		if t.answers >= MinThemeAnswers {
			all = append(all, t)
		}
	}
	slices.SortFunc(all, func(a, b *term) int {
		return cmp.Or(cmp.Compare(b.answers, a.answers), boolOrder(b.two, a.two), cmp.Compare(a.first, b.first), strings.Compare(a.key, b.key))
	})
	// The most answers a pair of words each word is in speaks of.
	inPair := map[string]int{}
	for _, t := range all {
		if t.two {
			a, b, _ := strings.Cut(t.key, " ")
			inPair[a], inPair[b] = max(inPair[a], t.answers), max(inPair[b], t.answers)
		}
	}
	var out []Theme
	for _, t := range all {
		if len(out) == MaxThemes {
			break
		}
		if !t.two && 3*inPair[t.key] >= 2*t.answers {
			continue // the pair says it better
		}
		out = append(out, Theme{Words: commonest(t.forms), Answers: t.answers, key: t.key})
	}
	return out
}

// commonest returns the form used most, the first in alphabetical order
// among equals.
func commonest(forms map[string]int) string {
	best, n := "", 0
	for f, c := range forms {
		if c > n || (c == n && f < best) {
			best, n = f, c
		}
	}
	return best
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
