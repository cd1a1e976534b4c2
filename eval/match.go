package eval

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// The word lists are score.py's, verbatim: changing one here would make the
// two scorers disagree.
var (
	honorifics = set("mr", "mrs", "ms", "dr", "eng", "sheikh", "sayyed", "seyyed", "seyed", "sayed",
		"ayatollah", "general", "major", "brigadier", "president", "minister", "his", "excellency",
		"prince", "crown", "king", "emir", "sultan", "highness", "majesty", "ambassador", "foreign")
	particles = set("al", "el")
	roleStop  = set("the", "of", "for", "to", "and", "in", "on", "a", "an", "s")
	demonyms  = set("iranian", "iran", "syrian", "syria", "russian", "russia", "turkish", "turkey", "lebanese", "lebanon",
		"omani", "oman", "iraqi", "iraq", "american", "us", "u", "united", "states", "islamic", "republic", "iran's", "kazakh")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// fold is score.py's fold: NFKD, drop combining marks, lower case, and
// every run of characters outside [a-z0-9] becomes one space.
func fold(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	for _, r := range s {
		if norm.NFKD.PropertiesString(string(r)).CCC() != 0 {
			continue
		}
		b.WriteRune(r)
	}
	// Simple lower-casing equals Python's here: the one unconditional
	// special mapping that yields ASCII (U+0130) is already decomposed.
	s = strings.ToLower(b.String())
	return join(strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}))
}

func fields(s string) []string { return strings.Fields(s) }
func join(t []string) string   { return strings.Join(t, " ") }

// nameKey folds a name, drops al/el particles and leading honorifics.
func nameKey(name string) string {
	var toks []string
	for _, t := range fields(fold(name)) {
		if !particles[t] {
			toks = append(toks, t)
		}
	}
	for len(toks) > 0 && honorifics[toks[0]] {
		toks = toks[1:]
	}
	return join(toks)
}

func roleTokens(role string) map[string]bool {
	out := map[string]bool{}
	for _, t := range fields(fold(role)) {
		if !roleStop[t] && !demonyms[t] {
			out[t] = true
		}
	}
	return out
}

// roleOK: the predicted role's words overlap a listed phrasing with Dice
// >= 0.5. 2i/(p+g) >= 0.5 is tested as 4i >= p+g, which is exact.
func roleOK(pred string, golds []string) bool {
	p := roleTokens(pred)
	if len(p) == 0 {
		return false
	}
	for _, gs := range golds {
		g := roleTokens(gs)
		if len(g) == 0 {
			continue
		}
		inter := 0
		for t := range p {
			if g[t] {
				inter++
			}
		}
		if inter > 0 && 4*inter >= len(p)+len(g) {
			return true
		}
	}
	return false
}

// locOK: an empty prediction is right when null is an answer; otherwise one
// folded string must contain the other.
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
		fg := fold(*g)
		if strings.Contains(p, fg) || strings.Contains(fg, p) {
			return true
		}
	}
	return false
}

// upper is Python's str.upper (full case mapping: "ß" becomes "SS").
func upper(s string) string { return cases.Upper(language.Und).String(s) }

// truthy is Python truthiness of a decoded JSON value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case float64:
		return x != 0
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

// pyEqual is Python == on decoded JSON values (true == 1, as in Python).
func pyEqual(a, b any) bool {
	num := func(v any) (float64, bool) {
		switch x := v.(type) {
		case float64:
			return x, true
		case bool:
			if x {
				return 1, true
			}
			return 0, true
		}
		return 0, false
	}
	if x, ok := num(a); ok {
		y, ok := num(b)
		return ok && x == y
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !pyEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !pyEqual(v, w) {
				return false
			}
		}
		return true
	}
	return false
}

// pair is an unordered pair of person keys, stored sorted. A pair of one
// person with itself (a frozenset of one in score.py) has A == B.
type pair struct{ A, B string }

func newPair(x, y string) pair {
	if y < x {
		x, y = y, x
	}
	return pair{x, y}
}

func (p pair) has(k string) bool { return p.A == k || p.B == k }

// String joins the keys with an en dash, as score.py's verbose output.
func (p pair) String() string {
	if p.A == p.B {
		return p.A
	}
	return p.A + "–" + p.B
}

type pairSet map[pair]bool
