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
	// key is the theme's stemmed words (the second "" for one word), which
	// answers are matched on.
	key [2]string
}

// In reports whether answer speaks of the theme.
func (t Theme) In(answer string) bool {
	prev := ""
	found := false
	eachWord(answer, func(w string) {
		_, k, ok := token(w)
		switch {
		case found:
		case !ok:
			prev = ""
		case (t.key[1] == "" && k == t.key[0]) || (prev == t.key[0] && k == t.key[1]):
			found = true
		default:
			prev = k
		}
	})
	return found
}

// token reads a word of an answer: the word as written, its stem, and
// whether it may be part of a theme (three letters or more, and not a
// common word).
func token(w string) (form, key string, ok bool) {
	w = strings.Trim(w, "'’")
	if utf8.RuneCountInString(w) < 3 {
		return "", "", false
	}
	plain := w
	if strings.ContainsRune(w, '’') {
		plain = strings.ReplaceAll(w, "’", "'")
	}
	if stopWords[plain] || !strings.ContainsFunc(w, unicode.IsLetter) {
		return "", "", false // a common word, or a number
	}
	return w, stem(w), true
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

// eachWord calls fn with each lower-case word of s (letters and digits,
// with apostrophes kept inside them), in order: a word in lower-case
// ASCII, as most are, costs nothing.
func eachWord(s string, fn func(w string)) {
	var buf []byte
	start := -1
	ascii := true
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		if ascii && !strings.ContainsFunc(w, func(r rune) bool { return 'A' <= r && r <= 'Z' }) {
			fn(w) // lower case already: most words are
		} else if ascii {
			buf = buf[:0]
			for i := 0; i < len(w); i++ {
				c := w[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			fn(string(buf))
		} else {
			fn(strings.ToLower(w))
		}
		start, ascii = -1, true
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' {
			if start < 0 {
				start = i
			}
			ascii = ascii && r < utf8.RuneSelf
			continue
		}
		flush(i)
	}
	flush(len(s))
}

// term is a theme being counted: its answers, and how often each way of
// writing it was used. Words are counted by number, not by string, for
// speed: see Themes.
type term struct {
	key     pair // the stems
	answers int
	last    int // the last answer counted, so each counts once
	// form is the first way it was written; forms counts the ways, made
	// only when a second turns up, as for few terms it does.
	form  pair
	n     int
	forms map[pair]int
	first int // the answer it was first seen in, for a stable order
}

// pair is one word (b is -1) or two, by their numbers in a vocabulary.
type pair struct{ a, b int32 }

// two reports whether the term is two words.
func (t *term) two() bool { return t.key.b >= 0 }

// vocabulary numbers the words of the answers, their stems and the ways
// they were written, so that each distinct word is read once.
type vocabulary struct {
	words map[string]wordInfo // by the word as split
	stems map[string]int32
	names []string // the stems and forms, by number
}

// wordInfo is what a distinct word is: its form and stem by number, and
// whether it may be part of a theme.
type wordInfo struct {
	form, stem int32
	ok         bool
}

func (v *vocabulary) number(s string) int32 {
	if n, ok := v.stems[s]; ok {
		return n
	}
	n := int32(len(v.names))
	v.stems[s] = n
	v.names = append(v.names, s)
	return n
}

func (v *vocabulary) info(w string) wordInfo {
	if wi, ok := v.words[w]; ok {
		return wi
	}
	form, k, ok := token(w)
	wi := wordInfo{ok: ok}
	if ok {
		// Forms and stems share the numbering; a stem is a key apart
		// from a form by a prefix no word has.
		wi.form, wi.stem = v.number(form), v.number("\x00"+k)
	}
	v.words[w] = wi
	return wi
}

// text returns the words of p.
func (v *vocabulary) text(p pair) [2]string {
	t := [2]string{strings.TrimPrefix(v.names[p.a], "\x00")}
	if p.b >= 0 {
		t[1] = strings.TrimPrefix(v.names[p.b], "\x00")
	}
	return t
}

// Themes finds what the answers speak of most: the words and pairs of
// words that the most answers use, leaving out common words, counting
// each answer once, and folding word endings ("pairing", "pair"). A pair
// goes before its words when as many answers use it, and a word is left
// out when a pair holding it speaks of two thirds of its answers or more. It returns at most
// MaxThemes, each in at least MinThemeAnswers answers, most used first.
// It takes time linear in the length of the answers.
func Themes(answers []string) []Theme {
	v := &vocabulary{words: map[string]wordInfo{}, stems: map[string]int32{}}
	terms := map[pair]*term{}
	count := func(key, form pair, answer int) {
		t := terms[key]
		switch {
		case t == nil:
			t = &term{key: key, last: -1, form: form, first: answer}
			terms[key] = t
			fallthrough
		case t.forms == nil && form == t.form:
			t.n++
		default:
			if t.forms == nil {
				t.forms = map[pair]int{t.form: t.n}
			}
			t.forms[form]++
		}
		if t.last != answer {
			t.last = answer
			t.answers++
		}
	}
	for i, a := range answers {
		prev, prevForm := int32(-1), int32(-1)
		eachWord(a, func(w string) {
			wi := v.info(w)
			if !wi.ok {
				prev = -1
				return
			}
			count(pair{wi.stem, -1}, pair{wi.form, -1}, i)
			if prev >= 0 && prev != wi.stem {
				count(pair{prev, wi.stem}, pair{prevForm, wi.form}, i)
			}
			prev, prevForm = wi.stem, wi.form
		})
	}
	var all []*term
	for _, t := range terms {
		if t.answers >= MinThemeAnswers {
			all = append(all, t)
		}
	}
	keys := make(map[*term][2]string, len(all))
	for _, t := range all {
		keys[t] = v.text(t.key)
	}
	slices.SortFunc(all, func(a, b *term) int {
		ka, kb := keys[a], keys[b]
		return cmp.Or(cmp.Compare(b.answers, a.answers), boolOrder(b.two(), a.two()), cmp.Compare(a.first, b.first),
			strings.Compare(ka[0], kb[0]), strings.Compare(ka[1], kb[1]))
	})
	// The most answers a pair of words each word is in speaks of.
	inPair := map[int32]int{}
	for _, t := range all {
		if t.two() {
			inPair[t.key.a], inPair[t.key.b] = max(inPair[t.key.a], t.answers), max(inPair[t.key.b], t.answers)
		}
	}
	var out []Theme
	for _, t := range all {
		if len(out) == MaxThemes {
			break
		}
		if !t.two() && 3*inPair[t.key.a] >= 2*t.answers {
			continue // the pair says it better
		}
		forms := t.forms
		if forms == nil {
			forms = map[pair]int{t.form: t.n}
		}
		out = append(out, Theme{Words: commonest(v, forms), Answers: t.answers, key: keys[t]})
	}
	return out
}

// commonest returns the form used most, the first in alphabetical order
// among equals, as words.
func commonest(v *vocabulary, forms map[pair]int) string {
	best, n := "", 0
	for f, c := range forms {
		t := v.text(f)
		w := t[0]
		if t[1] != "" {
			w += " " + t[1]
		}
		if c > n || (c == n && w < best) {
			best, n = w, c
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
