package eval

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

//go:embed words.txt
var wordsFile string

// words holds the metric's word lists (words.txt).
type words struct {
	honorifics, particles, roleStop, demonyms map[string]bool
}

func parseWords(src string) (words, error) {
	lists := map[string]map[string]bool{}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, list, ok := strings.Cut(line, ":")
		if !ok {
			return words{}, fmt.Errorf("words.txt:%d: want NAME: words", n+1)
		}
		set := map[string]bool{}
		for _, w := range strings.Fields(list) {
			set[w] = true
		}
		lists[strings.TrimSpace(name)] = set
	}
	w := words{lists["honorifics"], lists["particles"], lists["role_stop"], lists["demonyms"]}
	if w.honorifics == nil || w.particles == nil || w.roleStop == nil || w.demonyms == nil {
		return words{}, fmt.Errorf("words.txt: want honorifics, particles, role_stop and demonyms")
	}
	return w, nil
}

// fold is score.py's fold: NFKD, accents dropped, lower case, every run of
// characters other than a-z and 0-9 made one space, trimmed.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range lowerNoMarks(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// lowerNoMarks decomposes s (NFKD), drops combining characters (canonical
// combining class other than 0, as Python's unicodedata.combining) and
// lower-cases the rest as Python's str.lower does.
func lowerNoMarks(s string) string {
	d := norm.NFKD.String(s)
	var b strings.Builder
	for i := 0; i < len(d); {
		p := norm.NFKD.PropertiesString(d[i:])
		n := p.Size()
		if n == 0 {
			n = 1
		}
		if p.CCC() == 0 {
			b.WriteString(d[i : i+n])
		}
		i += n
	}
	// A Caser keeps state, so one per call rather than a shared one.
	return cases.Lower(language.Und).String(b.String())
}

// pyUpper is Python's str.upper: full Unicode case mapping ("ß" is "SS"),
// which x/text/cases does and strings.ToUpper (rune by rune) does not.
func pyUpper(s string) string { return cases.Upper(language.Und).String(s) }

// nameKey is score.py's name_key: folded, particles dropped anywhere and
// honorifics at the start.
func (w words) nameKey(name string) string {
	var toks []string
	for _, t := range strings.Fields(fold(name)) {
		if !w.particles[t] {
			toks = append(toks, t)
		}
	}
	for len(toks) > 0 && w.honorifics[toks[0]] {
		toks = toks[1:]
	}
	return strings.Join(toks, " ")
}

func (w words) roleTokens(role string) map[string]bool {
	set := map[string]bool{}
	for _, t := range strings.Fields(fold(role)) {
		if !w.roleStop[t] && !w.demonyms[t] {
			set[t] = true
		}
	}
	return set
}

// roleOK: the predicted role's words overlap one listed phrasing with a
// Dice coefficient of at least 0.5.
func (w words) roleOK(pred string, golds []*string) bool {
	p := w.roleTokens(pred)
	if len(p) == 0 {
		return false
	}
	for _, g := range golds {
		gt := w.roleTokens(deref(g))
		if len(gt) == 0 {
			continue
		}
		inter := 0
		for t := range p {
			if gt[t] {
				inter++
			}
		}
		// 2*inter/(|p|+|g|) >= 0.5, in integers.
		if inter > 0 && 4*inter >= len(p)+len(gt) {
			return true
		}
	}
	return false
}

// locOK: an empty prediction is right when null is listed; otherwise one
// folded location must contain the other.
func locOK(pred *string, golds []*string) bool {
	if pred == nil || *pred == "" {
		for _, g := range golds {
			if g == nil {
				return true
			}
		}
		return false
	}
	p := fold(*pred)
	for _, g := range golds {
		if g == nil {
			continue
		}
		if fg := fold(*g); strings.Contains(p, fg) || strings.Contains(fg, p) {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// isBlank: a line score.py skips (line.strip() is empty).
func isBlank(b []byte) bool {
	return strings.TrimFunc(string(b), unicode.IsSpace) == ""
}
