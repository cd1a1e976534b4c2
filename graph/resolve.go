package graph

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Person resolution across articles.
//
// Articles name one official many ways: "Hossein Amir-Abdollahian",
// "Amir Abdollahian", "Amirabdollahian"; "Faisal Mekdad", "Faisal al-Miqdad",
// "Mikdad". The extractor already resolves names within one article; this
// file decides when a name from a new article is a person already in the
// graph. The rule, in order:
//
//  1. Names are folded (case, accents, punctuation), particles (al-, el-)
//     and leading titles dropped, and tokenised.
//  2. Each name has lookup keys: the transliteration skeleton (see Skeleton)
//     of every token suffix joined without spaces, so "Amir Abdollahian" and
//     "Amirabdollahian" share a key. Stores fetch candidates by these keys.
//  3. A candidate matches when one of its spellings and the new name agree
//     on their surname part (a suffix of tokens, compared by skeleton) and
//     their given names do not conflict: if both spell given names before
//     the surname, those must agree too. "Ali Akbar Ahmadian" and
//     "Ahmad Ahmadian" are two people.
//  4. Countries must not conflict: if both are known they are equal.
//  5. A match that rests on transliteration alone (the folded spellings
//     differ) also needs a known, equal country, and — when no given name
//     confirms it — compatible roles (RolesCompatible).
//  6. Of several matching candidates, the one with the same role wins; if
//     that still leaves more than one, the name is ambiguous and is not
//     merged (ResolvePerson reports no match), since merging two people is
//     worse than keeping one twice.

// particles are dropped from names wherever they stand.
var particles = map[string]bool{"al": true, "el": true, "ul": true}

// titles are dropped from the front of names. The extractor strips titles
// itself; this is a second line for names that arrive from elsewhere.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "eng": true, "sheikh": true, "sayyed": true, "seyyed": true,
	"seyed": true, "sayed": true, "ayatollah": true, "general": true, "major": true, "brigadier": true,
	"president": true, "minister": true, "his": true, "her": true, "excellency": true, "prince": true,
	"king": true, "emir": true, "sultan": true, "ambassador": true, "colonel": true, "admiral": true,
}

// Fold lowercases s, strips accents and turns every run of non-letters and
// non-digits into one space.
func Fold(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// NameTokens folds a person's name and drops particles and leading titles.
func NameTokens(name string) []string {
	var toks []string
	for _, t := range strings.Fields(Fold(name)) {
		if particles[t] {
			continue
		}
		toks = append(toks, t)
	}
	for len(toks) > 1 && titles[toks[0]] {
		toks = toks[1:]
	}
	return toks
}

// NameKey is the folded form two spellings share when they differ only in
// case, accents, punctuation, particles or titles.
func NameKey(name string) string { return strings.Join(NameTokens(name), " ") }

// skeletonDigraphs is built once: building a Replacer costs more than using it.
var skeletonDigraphs = strings.NewReplacer(
	"kh", "k", "gh", "g", "ph", "f", "th", "t", "dh", "d", "sh", "s", "ch", "c", "zh", "z",
	"q", "k", "w", "v", "y", "i", "ou", "u", "oo", "u", "ee", "i", "j", "j",
)

// Skeleton reduces a folded word to a transliteration-tolerant key: common
// digraphs are simplified, vowels after the first letter dropped, a leading
// vowel normalised and doubled letters collapsed. Mekdad, Miqdad, Mikdad and
// Maqdad share "mkd"; Sosan, Sousan and Susan share "sn".
func Skeleton(word string) string {
	w := skeletonDigraphs.Replace(word)
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

// LookupKeys returns the keys under which a person with these spellings is
// found: the skeleton of every token suffix of every spelling, joined
// without spaces. Sorted and without duplicates.
func LookupKeys(names ...string) []string {
	seen := map[string]bool{}
	for _, n := range names {
		toks := NameTokens(n)
		for i := range toks {
			k := Skeleton(strings.Join(toks[i:], ""))
			if k != "" {
				seen[k] = true
			}
		}
	}
	return sortedKeys(seen)
}

// SearchKeys returns the keys a free-text query is looked up by: the
// skeleton of each of its tokens (tokens) and of the whole query joined
// (whole). A person matches a query when every one of tokens is among the
// person's IndexKeys — "Piotr Nowak" finds Piotr but not Maria Nowak, and
// "Sousan" finds Sosan — or when whole is ("amirabdollahian" finds "Amir
// Abdollahian"). tokens is empty for a query with no usable token.
func SearchKeys(query string) (tokens []string, whole string) {
	seen := map[string]bool{}
	toks := NameTokens(query)
	for _, t := range toks {
		if k := Skeleton(t); len(k) >= 2 {
			seen[k] = true
		}
	}
	return sortedKeys(seen), Skeleton(strings.Join(toks, ""))
}

// IndexKeys returns every key under which a person with these spellings can
// be searched: LookupKeys plus the skeleton of every single token.
func IndexKeys(names ...string) []string {
	seen := map[string]bool{}
	for _, k := range LookupKeys(names...) {
		seen[k] = true
	}
	for _, n := range names {
		for _, t := range NameTokens(n) {
			if k := Skeleton(t); len(k) >= 2 {
				seen[k] = true
			}
		}
	}
	return sortedKeys(seen)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// PersonRef is a person as a new article names them.
type PersonRef struct {
	Name    string
	Aliases []string
	Country string
	Role    string
}

// Candidate is a person already in the graph, as a store hands it to
// ResolvePerson.
type Candidate struct {
	ID      string
	Aliases []string // every spelling, Name included
	Country string
	Roles   []string
}

// nameMatch compares two spellings. It reports whether they name the same
// person, and whether the match is exact (same folded tokens on the shared
// part) or rests on transliteration, and whether given names confirmed it.
func nameMatch(a, b string) (ok, exact, given bool) {
	ta, tb := NameTokens(a), NameTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return false, false, false
	}
	if len(ta) < len(tb) {
		ta, tb = tb, ta
	}
	// tb is the shorter; try every split of ta into given names + a surname
	// that matches some suffix split of tb.
	best := false
	for i := 0; i < len(ta); i++ { // ta[i:] is ta's surname part
		surA := strings.Join(ta[i:], "")
		for j := 0; j < len(tb); j++ { // tb[j:] is tb's surname part
			surB := strings.Join(tb[j:], "")
			if Skeleton(surA) != Skeleton(surB) {
				continue
			}
			givA, givB := ta[:i], tb[:j]
			if len(givA) > 0 && len(givB) > 0 {
				if !givenAgree(givA, givB) {
					continue
				}
				given = true
			}
			ex := surA == surB && (len(givA) == 0 || len(givB) == 0 || strings.Join(givA, "") == strings.Join(givB, ""))
			if !best || ex {
				ok, exact, best = true, ex, true
			}
			if exact {
				return ok, exact, given
			}
		}
	}
	return ok, exact, given
}

// givenAgree compares given names by skeleton; the shorter list must be a
// suffix of the longer ("Ali Akbar" and "Akbar" agree; "Ali" and "Ahmad" do not).
func givenAgree(a, b []string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	a = a[len(a)-len(b):]
	for i := range b {
		if Skeleton(a[i]) != Skeleton(b[i]) {
			return false
		}
	}
	return true
}

// RolesCompatible reports whether two role phrasings can describe the same
// post: either is empty, or they share a word that is not a stop word.
func RolesCompatible(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	stop := map[string]bool{"the": true, "of": true, "for": true, "to": true, "and": true, "in": true, "a": true, "an": true, "s": true}
	wa := map[string]bool{}
	for _, w := range strings.Fields(Fold(a)) {
		if !stop[w] {
			wa[w] = true
		}
	}
	for _, w := range strings.Fields(Fold(b)) {
		if !stop[w] && wa[w] {
			return true
		}
	}
	return false
}

// ResolvePerson picks which candidate, if any, ref names, following the rule
// at the top of this file. Candidates are considered in the order given;
// stores pass them sorted by id so every backend decides alike.
func ResolvePerson(ref PersonRef, cands []Candidate) (string, bool) {
	var matched []Candidate
	refNames := fullSpellings(append([]string{ref.Name}, ref.Aliases...))
	for _, c := range cands {
		if ref.Country != "" && c.Country != "" && ref.Country != c.Country {
			continue
		}
		ok, exact, given := false, false, false
		for _, rn := range refNames {
			for _, cn := range fullSpellings(c.Aliases) {
				o, e, g := nameMatch(rn, cn)
				if o && (!ok || e && !exact || g && !given) {
					ok, exact, given = true, exact || e, given || g
				}
			}
		}
		if !ok {
			continue
		}
		if !exact {
			if ref.Country == "" || ref.Country != c.Country {
				continue
			}
			if !given && !anyRoleCompatible(ref.Role, c.Roles) {
				continue
			}
		}
		matched = append(matched, c)
	}
	switch len(matched) {
	case 0:
		return "", false
	case 1:
		return matched[0].ID, true
	}
	var sameRole []Candidate
	for _, c := range matched {
		for _, r := range c.Roles {
			if ref.Role != "" && Fold(r) == Fold(ref.Role) {
				sameRole = append(sameRole, c)
				break
			}
		}
	}
	if len(sameRole) == 1 {
		return sameRole[0].ID, true
	}
	return "", false
}

// fullSpellings drops the spellings that are only a shorter form of another
// one in the list ("Marosi" beside "Arlen Marosi"): matched on their own,
// a surname would join everyone who bears it.
func fullSpellings(names []string) []string {
	toks := make([][]string, len(names))
	for i, n := range names {
		toks[i] = NameTokens(n)
	}
	var out []string
	for i, n := range names {
		short := false
		for j := range names {
			if j != i && len(toks[j]) > len(toks[i]) && len(toks[i]) > 0 &&
				strings.Join(toks[j][len(toks[j])-len(toks[i]):], " ") == strings.Join(toks[i], " ") {
				short = true
				break
			}
		}
		if !short {
			out = append(out, n)
		}
	}
	return out
}

func anyRoleCompatible(role string, roles []string) bool {
	if role == "" || len(roles) == 0 {
		return true
	}
	for _, r := range roles {
		if RolesCompatible(role, r) {
			return true
		}
	}
	return false
}

// FullestName picks the spelling to show for a person: the one with the most
// tokens, then the longest, then the first in byte order.
func FullestName(names ...string) string {
	best := ""
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		bn, nn := len(NameTokens(best)), len(NameTokens(n))
		if best == "" || nn > bn || nn == bn && (len(n) > len(best) || len(n) == len(best) && n < best) {
			best = n
		}
	}
	return best
}

// Slug turns a name into an id fragment: folded tokens joined by '-'.
func Slug(name string) string {
	s := strings.ReplaceAll(Fold(name), " ", "-")
	if s == "" {
		return "x"
	}
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}
