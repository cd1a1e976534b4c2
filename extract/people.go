package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// mention is one place a person is named.
type mention struct {
	sent        int
	a, b        int // name tokens [a, b)
	roleStart   int // first token of the title before the name (== a when none)
	appEnd      int // token after the apposition (== b when none)
	person      *person
	role        string
	country     string   // the state they represent, from the title
	host        string   // "Ambassador to Syria": the host state, not theirs
	counterpart bool     // the title was "(his Syrian) counterpart"
	owner       *mention // for "his advisor X": the mention "his" refers to
	ownerWanted bool
	titled      bool // a title, rank or honorific stands before the name
	org         bool // the title names an international organisation
}

// person is everyone named in one article, after resolving spellings.
type person struct {
	names    []string   // spellings as token lists joined by spaces
	toks     [][]string // folded tokens of each spelling, particles dropped
	role     string
	country  string
	host     string
	mentions []*mention
	guessed  bool // country from context, not from the text
	org      bool // an official of an international organisation: no state
}

func (p *person) fullest() string {
	best := p.names[0]
	for _, n := range p.names[1:] {
		if len(strings.Fields(n)) > len(strings.Fields(best)) {
			best = n
		}
	}
	return best
}

var particles = map[string]bool{"al": true, "el": true}

// regnal are the numbers after a monarch's name ("Abdullah II"), folded.
var regnal = map[string]bool{"ii": true, "iii": true, "iv": true, "vi": true, "vii": true, "viii": true, "ix": true,
	"xi": true, "xii": true}

// foldName folds a spelling to lower-case ASCII-ish tokens without
// particles: "Faisal al-Mekdad" -> [faisal mekdad].
func foldName(s string) []string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	var out []string
	fields := strings.Fields(b.String())
	for k, t := range fields {
		// Regnal numbers do not tell people apart within an article:
		// "King Abdullah II" and "King Abdullah" are one.
		if !particles[t] && !(regnal[t] && k > 0) {
			out = append(out, t)
		}
	}
	return out
}

// skeleton reduces a folded word to a transliteration-tolerant key (after
// graph.Skeleton, copied because extract must not depend on graph):
// digraphs simplified, vowels after the first letter dropped, doubled
// letters collapsed. Mekdad, Miqdad and Mikdad share "mkd".
func skeleton(word string) string {
	w := skelReplacer.Replace(word)
	var b []byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		vowel := strings.IndexByte("aeiou", c) >= 0
		if i == 0 {
			if vowel {
				c = 'a'
			}
		} else if vowel || c == 'h' {
			continue
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

var skelReplacer = strings.NewReplacer(
	"kh", "k", "gh", "g", "ph", "f", "th", "t", "dh", "d", "sh", "s", "ch", "c", "zh", "z",
	"q", "k", "w", "v", "y", "i", "ou", "u", "oo", "u", "ee", "i",
)

// sameWords reports whether two folded word sequences spell the same thing:
// equal once joined ("Amir Abdollahian" = "Amirabdollahian"), or equal in
// skeleton with the same first letter and a skeleton long enough to mean
// something.
func sameWords(a, b []string) bool {
	ja, jb := strings.Join(a, ""), strings.Join(b, "")
	if ja == jb {
		return true
	}
	if ja == "" || jb == "" || ja[0] != jb[0] {
		return false
	}
	sa, sb := skeleton(ja), skeleton(jb)
	return len(sa) >= 2 && sa == sb && absDiff(len(ja), len(jb)) <= 2
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// matches reports whether the folded spelling m names person p: it equals a
// trailing part of one of p's spellings ("Sosan" of "Ayman Sosan"), or it
// is a variant full spelling (same given name and surname skeletons).
func (p *person) matches(m []string) bool {
	for _, n := range p.toks {
		for k := 1; k <= len(n); k++ {
			if sameWords(m, n[len(n)-k:]) {
				return true
			}
		}
		if len(m) >= 2 && len(n) >= 2 && sameWords(m[len(m)-1:], n[len(n)-1:]) && sameWords(m[:1], n[:1]) {
			return true
		}
		// "Amir Abdollahian" given, "Hossein Amir Abdollahian" known: covered
		// above; "Ayman Sosan" known, "Sosan" given: covered above.
	}
	return false
}

// exact reports whether the folded spelling m equals a trailing part of one
// of p's spellings letter for letter: a better match than a skeleton one
// ("Hassan" is Sameh Hassan, not Abdullah Hussein).
func (p *person) exact(m []string) bool {
	jm := strings.Join(m, "")
	for _, n := range p.toks {
		for k := 1; k <= len(n); k++ {
			if strings.Join(n[len(n)-k:], "") == jm {
				return true
			}
		}
	}
	return false
}

func (p *person) add(name string, ft []string) {
	for _, n := range p.names {
		if n == name {
			return
		}
	}
	p.names = append(p.names, name)
	p.toks = append(p.toks, ft)
}
