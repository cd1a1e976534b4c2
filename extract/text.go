package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is one token of the cleaned text, with byte offsets that are also
// offsets into the original text (cleaning never changes lengths).
type tok struct {
	start, end int
	s          string // text as written
	low        string // lower case
	word       bool   // letters or digits (not punctuation)
	cap        bool   // starts with an upper-case letter
	nl         int    // line breaks between the previous token and this one
}

// sentence is a token range [a, b) of the document.
type sentence struct{ a, b int }

// clean returns text with markup and scraping debris blanked out byte for
// byte, so that every offset into the result is an offset into text. Tags
// become spaces, entities become their first character padded with spaces,
// non-breaking spaces become plain spaces, and a leading " date 2024-11-21"
// scraping prefix is blanked (it is a crawl date, not a meeting date).
func clean(text string) string {
	b := []byte(text)
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '<':
			if i+1 < len(b) && (isASCIILetter(b[i+1]) || b[i+1] == '/' || b[i+1] == '!') {
				if j := strings.IndexByte(text[i:min(len(b), i+2000)], '>'); j > 0 {
					for k := i; k <= i+j; k++ {
						b[k] = ' '
					}
					i += j
				}
			}
		case '&':
			if j := strings.IndexByte(text[i:min(len(b), i+10)], ';'); j > 1 {
				ent := text[i+1 : i+j]
				r := byte(0)
				switch ent {
				case "amp":
					r = '&'
				case "quot":
					r = '"'
				case "apos", "#39":
					r = '\''
				case "nbsp", "lt", "gt", "#160", "ndash", "mdash", "hellip", "rsquo", "lsquo", "ldquo", "rdquo":
					r = ' '
				}
				if r != 0 {
					b[i] = r
					for k := i + 1; k <= i+j; k++ {
						b[k] = ' '
					}
					i += j
				}
			}
		case 0xc2:
			if i+1 < len(b) && b[i+1] == 0xa0 { // U+00A0 no-break space
				b[i], b[i+1] = ' ', ' '
			}
		}
	}
	// A crawl-date prefix: optional space, "date", an ISO date.
	s := string(b)
	t := strings.TrimLeft(s, " \t\r\n")
	if strings.HasPrefix(strings.ToLower(t), "date ") && len(t) >= 15 && isISODate(t[5:15]) {
		off := len(s) - len(t)
		for k := off; k < off+15; k++ {
			b[k] = ' '
		}
		s = string(b)
	}
	return s
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text into words and single punctuation marks. A word keeps
// inner hyphens ("al-Assad", "Amir-Abdollahian"), inner apostrophes
// ("N'Djamena"), and the dots of initialisms ("U.S."); a possessive "'s" is
// a token of its own so that "Iran's" yields "Iran".
func tokenize(text string) []tok {
	toks := make([]tok, 0, len(text)/5)
	nl := 0
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			if r == '\n' {
				nl++
			}
			i += w
			continue
		}
		start := i
		if !isWordRune(r) {
			// possessive 's / ’s
			if (r == '\'' || r == '’') && i+w < len(text) && (text[i+w] == 's' || text[i+w] == 'S') && !nextIsWord(text, i+w+1) {
				toks = append(toks, mk(text, start, i+w+1, nl, false))
				nl = 0
				i += w + 1
				continue
			}
			i += w
			toks = append(toks, mk(text, start, i, nl, false))
			nl = 0
			continue
		}
		i += w
		letters := 1
		for i < len(text) {
			r, w = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += w
				letters++
				continue
			}
			if r == '-' || r == '\'' || r == '’' || r == '.' {
				if !nextIsWord(text, i+w) {
					break
				}
				if r == '.' && letters != 1 {
					break
				}
				if (r == '\'' || r == '’') && (text[i+w] == 's' || text[i+w] == 'S') && !nextIsWord(text, i+w+1) {
					break // possessive
				}
				if r == '.' {
					letters = 0
				}
				i += w
				continue
			}
			break
		}
		// the final dot of an initialism: "U.S."
		if i < len(text) && text[i] == '.' && i-start >= 3 && text[i-2] == '.' && letters == 1 {
			i++
		}
		toks = append(toks, mk(text, start, i, nl, true))
		nl = 0
	}
	return toks
}

func nextIsWord(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

func mk(text string, a, b, nl int, word bool) tok {
	s := text[a:b]
	r, _ := utf8.DecodeRuneInString(s)
	cp := word && unicode.IsUpper(r)
	// "al-Assad", "el-Sisi": a name, though it starts in lower case
	if word && len(s) > 3 && (s[:3] == "al-" || s[:3] == "el-") {
		r2, _ := utf8.DecodeRuneInString(s[3:])
		cp = unicode.IsUpper(r2)
	}
	return tok{start: a, end: b, s: s, low: strings.ToLower(s), word: word, cap: cp, nl: nl}
}

// abbreviations whose full stop does not end a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "maj": true, "brig": true, "lt": true, "col": true,
	"st": true, "jr": true, "sr": true, "prof": true, "eng": true, "no": true, "vs": true, "mt": true, "capt": true,
	"adm": true, "sgt": true, "h.e": true, "jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// starters are words that begin a new sentence when they follow a bare line
// break: scraped text often loses the full stop at a line end.
var starters = map[string]bool{
	"in": true, "the": true, "they": true, "he": true, "she": true, "it": true, "during": true, "also": true,
	"earlier": true, "later": true, "meanwhile": true, "for": true, "on": true, "at": true, "this": true,
	"these": true, "according": true, "both": true, "his": true, "her": true, "their": true, "as": true,
	"after": true, "before": true, "while": true, "when": true, "however": true, "moreover": true,
	"furthermore": true, "regarding": true, "we": true, "i": true, "all": true,
}

// segment splits tokens into sentences. Rules, not a trained model, because
// the scraped texts break every model's assumptions: sentences run together
// without a space ("region.The"), lines break inside sentences, headlines
// have no full stop at all.
func segment(toks []tok) []sentence {
	var out []sentence
	a := 0
	for i := 0; i < len(toks); i++ {
		brk := false
		t := toks[i]
		if i+1 < len(toks) {
			n := toks[i+1]
			switch {
			case n.nl >= 2:
				brk = true
			case (t.s == "." || t.s == "!" || t.s == "?") && !abbrevBefore(toks, i):
				brk = n.cap || n.s == "\"" || n.s == "“" || (n.word && n.low[0] >= '0' && n.low[0] <= '9') || n.nl > 0
			case n.nl == 1 && n.cap && starters[n.low] && t.s != "," && t.word && !isConnector(t.low):
				brk = true
			}
			// a full stop followed by closing quotes: break after the quotes
			if !brk && (t.s == "\"" || t.s == "”") && i > 0 && toks[i-1].s == "." && n.cap {
				brk = true
			}
		}
		if brk || i+1 == len(toks) {
			out = append(out, sentence{a, i + 1})
			a = i + 1
		}
	}
	return out
}

func abbrevBefore(toks []tok, i int) bool {
	if i == 0 || !toks[i-1].word || toks[i-1].end != toks[i].start {
		return false
	}
	p := toks[i-1].low
	return abbrevs[p] || (utf8.RuneCountInString(p) == 1 && toks[i-1].cap)
}

func isConnector(s string) bool {
	switch s {
	case "of", "to", "for", "the", "and", "a", "an", "on", "in", "with", "by", "at", "from", "his", "her", "its":
		return true
	}
	return false
}

// datelineEnd returns the index of the first token after a dateline at the
// start of the text ("BAKU, June 12 (AZERTAC) --", "Tehran, IRNA —"), or 0.
// Its date is the filing date, not a meeting date.
func datelineEnd(toks []tok) int {
	for i := 0; i < len(toks) && i < 14; i++ {
		t := toks[i]
		switch {
		case t.s == "-" || t.s == "—" || t.s == "–":
			if i == 0 {
				return 0
			}
			for i+1 < len(toks) && (toks[i+1].s == "-" || toks[i+1].s == "—" || toks[i+1].s == "–") {
				i++
			}
			return i + 1
		case t.word && (t.cap || isDigits(t.s)):
		case t.s == "," || t.s == "(" || t.s == ")" || t.s == "/" || t.s == ".":
		default:
			return 0
		}
	}
	return 0
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
