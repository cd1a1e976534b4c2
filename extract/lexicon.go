package extract

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

//go:embed data/countries.tsv data/lexicon.txt data/triggers.tsv data/officials.tsv
var dataFS embed.FS

// country is one row of data/countries.tsv.
type country struct {
	code      string
	names     []string
	demonyms  []string
	capitals  []string
	cities    []string
	firstName string
}

// phraseKind says what a gazetteer phrase is.
type phraseKind uint8

const (
	pkCountryName phraseKind = iota + 1
	pkDemonym
	pkCapital
	pkCity
)

// gazEntry is one country phrase, as lower-case tokens.
type gazEntry struct {
	toks []string
	kind phraseKind
	code string
	text string // as written in the data file
	caps bool   // all-capital abbreviation ("US"): match case-sensitively
}

// trigger is one meeting phrase of data/triggers.tsv.
type trigger struct {
	kind string // "meeting" or "call"
	mode string // "svo", "between" or "near"
	toks []string
}

// lexicon is everything loaded from data/, read-only after New.
type lexicon struct {
	countries map[string]*country
	gaz       map[string][]gazEntry // by first lower-case token
	honorific map[string]bool       // lower-case single tokens
	rank      map[string]bool
	rolehead  map[string]bool
	roleword  map[string]bool
	nonname   map[string]bool
	triggers  map[string][]trigger  // by first token
	blockers  map[string][][]string // phrases that look like a trigger but are not ("called for"), by first token
	callcues  [][]string
	abbrev    map[string]string     // "fm" -> "Foreign Minister"
	orgs      map[string][][]string // organisation phrases by first lower-case token
	officials []official            // well-known officials, for a country the text leaves unsaid
}

// official is one row of data/officials.tsv: folded spellings and a state.
type official struct {
	code  string
	names [][]string
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{
		countries: map[string]*country{}, gaz: map[string][]gazEntry{},
		honorific: map[string]bool{}, rank: map[string]bool{}, rolehead: map[string]bool{},
		roleword: map[string]bool{}, nonname: map[string]bool{}, triggers: map[string][]trigger{},
		blockers: map[string][][]string{}, abbrev: map[string]string{}, orgs: map[string][][]string{},
	}
	if err := eachLine("data/countries.tsv", func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) < 4 || len(f[0]) != 2 {
			return fmt.Errorf("want CODE<TAB>names<TAB>demonyms<TAB>capitals[<TAB>cities]")
		}
		c := &country{code: f[0], names: split(f[1]), demonyms: split(f[2]), capitals: split(f[3])}
		if len(f) > 4 {
			c.cities = split(f[4])
		}
		c.firstName = c.names[0]
		lx.countries[c.code] = c
		for _, group := range []struct {
			list []string
			kind phraseKind
		}{{c.names, pkCountryName}, {c.demonyms, pkDemonym}, {c.capitals, pkCapital}, {c.cities, pkCity}} {
			for _, s := range group.list {
				lx.addGaz(s, group.kind, c.code)
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := eachLine("data/officials.tsv", func(n int, line string) error {
		code, names, ok := strings.Cut(line, "\t")
		if !ok || len(code) != 2 || lx.countries[code] == nil {
			return fmt.Errorf("want CODE<TAB>spellings with a known country code")
		}
		o := official{code: code}
		for _, name := range split(names) {
			if ft := foldName(name); len(ft) >= 2 {
				o.names = append(o.names, ft)
			}
		}
		lx.officials = append(lx.officials, o)
		return nil
	}); err != nil {
		return nil, err
	}
	section := ""
	if err := eachLine("data/lexicon.txt", func(n int, line string) error {
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			return nil
		}
		var m map[string]bool
		switch section {
		case "abbrev":
			short, long, ok := strings.Cut(line, "\t")
			if !ok || strings.TrimSpace(long) == "" {
				return fmt.Errorf("want ABBREVIATION<TAB>expansion")
			}
			l := strings.ToLower(strings.TrimSpace(short))
			lx.abbrev[l] = strings.TrimSpace(long)
			if !strings.Contains(l, " ") {
				lx.rolehead[l] = true
			}
			return nil
		case "org":
			toks := tokenizeWords(line)
			for i := range toks {
				toks[i] = strings.ToLower(toks[i])
			}
			if len(toks) > 0 {
				lx.orgs[toks[0]] = append(lx.orgs[toks[0]], toks)
			}
			return nil
		case "honorific":
			m = lx.honorific
		case "rank":
			m = lx.rank
		case "rolehead":
			m = lx.rolehead
		case "roleword":
			m = lx.roleword
		case "nonname":
			m = lx.nonname
		default:
			return fmt.Errorf("entry outside a known [section]: %q", line)
		}
		// Multi-word entries count word by word: every word of "Major
		// General" is a rank word.
		for _, w := range strings.Fields(line) {
			m[strings.ToLower(strings.TrimSuffix(w, "."))] = true
		}
		return nil
	}); err != nil {
		return nil, err
	}
	section = ""
	if err := eachLine("data/triggers.tsv", func(n int, line string) error {
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			return nil
		}
		if section == "callcue" {
			lx.callcues = append(lx.callcues, strings.Fields(strings.ToLower(line)))
			return nil
		}
		if section == "notmeeting" {
			toks := strings.Fields(strings.ToLower(line))
			lx.blockers[toks[0]] = append(lx.blockers[toks[0]], toks)
			return nil
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || (f[0] != "meeting" && f[0] != "call") || (f[1] != "svo" && f[1] != "between" && f[1] != "near" && f[1] != "join") {
			return fmt.Errorf("want kind<TAB>mode<TAB>phrase")
		}
		t := trigger{kind: f[0], mode: f[1], toks: strings.Fields(strings.ToLower(f[2]))}
		lx.triggers[t.toks[0]] = append(lx.triggers[t.toks[0]], t)
		return nil
	}); err != nil {
		return nil, err
	}
	// Longest phrase first, so "met with" wins over "met".
	for k, ts := range lx.triggers {
		for i := 1; i < len(ts); i++ {
			for j := i; j > 0 && len(ts[j].toks) > len(ts[j-1].toks); j-- {
				ts[j], ts[j-1] = ts[j-1], ts[j]
			}
		}
		lx.triggers[k] = ts
	}
	for k, es := range lx.gaz {
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && len(es[j].toks) > len(es[j-1].toks); j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
		lx.gaz[k] = es
	}
	return lx, nil
}

func (lx *lexicon) addGaz(s string, kind phraseKind, code string) {
	toks := tokenizeWords(s)
	if len(toks) == 0 {
		return
	}
	lower := make([]string, len(toks))
	for i, t := range toks {
		lower[i] = strings.ToLower(t)
	}
	caps := len(s) <= 4 && strings.ToUpper(s) == s
	lx.gaz[lower[0]] = append(lx.gaz[lower[0]], gazEntry{toks: lower, kind: kind, code: code, text: s, caps: caps})
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func eachLine(name string, fn func(n int, line string) error) error {
	f, err := dataFS.Open(name)
	if err != nil {
		return fmt.Errorf("extract: open %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, line); err != nil {
			return fmt.Errorf("extract: %s line %d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// tokenizeWords splits a lexicon phrase the way the article tokenizer does.
func tokenizeWords(s string) []string {
	var out []string
	for _, t := range tokenize(s) {
		out = append(out, s[t.start:t.end])
	}
	return out
}
