package extract

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Extractor finds meetings in articles. It holds only read-only lexicons, so
// one Extractor may serve many goroutines.
type Extractor struct {
	lx *lexicon
}

// New loads the embedded lexicons once.
func New() (*Extractor, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	return &Extractor{lx: lx}, nil
}

// doc is the working state for one article.
type doc struct {
	lx       *lexicon
	text     string // original
	clean    string
	toks     []tok
	sents    []sentence
	sentOf   []int      // token -> sentence
	mentAt   []*mention // token -> mention covering it (name tokens only)
	mentions []*mention
	people   []*person
	pub      time.Time
	hasPub   bool
	freq     map[string]int // country -> mentions in the article
	gazAt    []gazHit       // token -> gazetteer phrase starting there
	dateline int            // tokens before it are a dateline ("BAKU, June 12 (AZERTAC) --")
}

type gazHit struct {
	e *gazEntry
	n int // tokens
}

// Extract reads one article. It does no I/O and keeps no state between
// calls. Offsets in the result index a.Text.
func (x *Extractor) Extract(a Article) (Result, error) {
	d := &doc{lx: x.lx, text: a.Text, freq: map[string]int{}}
	if a.Published != nil {
		if t, err := time.Parse("2006-01-02", strings.TrimSpace(*a.Published)); err == nil {
			d.pub, d.hasPub = t, true
		}
	}
	d.clean = clean(a.Text)
	d.toks = tokenize(d.clean)
	d.sents = segment(d.toks)
	d.sentOf = make([]int, len(d.toks))
	for si, s := range d.sents {
		for i := s.a; i < s.b; i++ {
			d.sentOf[i] = si
		}
	}
	d.mentAt = make([]*mention, len(d.toks))
	d.dateline = datelineEnd(d.toks)
	d.markGazetteer()
	d.findNames()
	d.findRoles()
	d.findDescriptions()
	d.resolveOwners()
	meetings := d.findMeetings()
	d.fillCountries(meetings)
	d.findDescriptions() // again: countries guessed from context now known
	return d.result(a.ID, meetings), nil
}

// markGazetteer records every country, demonym, capital and city phrase.
func (d *doc) markGazetteer() {
	d.gazAt = make([]gazHit, len(d.toks))
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if !t.word || !t.cap {
			continue
		}
		for k := range d.lx.gaz[t.low] {
			e := &d.lx.gaz[t.low][k]
			if d.matchSeq(i, e.toks) && (!e.caps || t.s == e.text) {
				d.gazAt[i] = gazHit{e, len(e.toks)}
				if e.kind == pkCountryName || e.kind == pkDemonym || (e.kind == pkCapital && d.possessive(i+len(e.toks))) {
					d.freq[e.code]++
				}
				i += len(e.toks) - 1
				break
			}
		}
	}
}

// possessive reports whether token i is a possessive "'s".
func (d *doc) possessive(i int) bool {
	return i < len(d.toks) && (d.toks[i].low == "'s" || d.toks[i].low == "’s")
}

// matchSeq reports whether the word tokens from i spell want (lower case).
func (d *doc) matchSeq(i int, want []string) bool {
	if i+len(want) > len(d.toks) {
		return false
	}
	for k, w := range want {
		if d.toks[i+k].low != w {
			return false
		}
	}
	return true
}

// lexical reports whether a capitalised word belongs to a word list, so it
// cannot be part of a name.
func (d *doc) lexical(i int) bool {
	t := d.toks[i]
	l := strings.TrimSuffix(t.low, ".")
	if d.lx.honorific[l] || d.lx.rank[l] || d.lx.rolehead[l] || d.lx.roleword[l] || d.lx.nonname[l] {
		return true
	}
	if d.gazCovers(i) {
		return true
	}
	if l != "" && l[0] >= '0' && l[0] <= '9' {
		return true
	}
	// A regnal number belongs to the name before it: "Abdullah II".
	if regnal[l] && t.s == strings.ToUpper(t.s) && i > 0 && d.toks[i-1].word && d.toks[i-1].cap {
		return false
	}
	// ALL-CAPS words are acronyms or datelines, not names.
	if utf8.RuneCountInString(t.s) >= 2 && strings.ToUpper(t.s) == t.s {
		return true
	}
	return false
}

func (d *doc) gazCovers(i int) bool {
	for k := i; k >= 0 && k > i-4; k-- {
		if h := d.gazAt[k]; h.e != nil {
			return k+h.n > i
		}
	}
	return false
}

func isParticleTok(t tok) bool {
	switch t.low {
	case "al", "el", "bin", "ibn", "bint", "ben":
		return true
	}
	return strings.HasPrefix(t.low, "al-") || strings.HasPrefix(t.low, "el-")
}

// findNames marks names: the trailing non-lexical part of a run of
// capitalised words ("Iranian Ambassador to Syria Mehdi Sobhani" ->
// "Mehdi Sobhani"). Two words or more make a name on their own; a single
// word needs a title before it or an earlier full name it abbreviates.
func (d *doc) findNames() {
	type cand struct {
		sent, a, b int
		titled     bool
	}
	var singles []cand
	for si, s := range d.sents {
		for i := s.a; i < s.b; {
			if !d.toks[i].word || !d.toks[i].cap {
				i++
				continue
			}
			j := i
			for j < s.b {
				if d.initialDot(j) {
					j++ // "S. Jaishankar": the dot of an initial stays in the name
					continue
				}
				if !d.toks[j].word || !(d.toks[j].cap || (j > i && isParticleTok(d.toks[j]))) {
					break
				}
				j++
			}
			// Split the run into non-lexical segments.
			for k := i; k < j; {
				if d.lexical(k) || (isParticleTok(d.toks[k]) && !strings.Contains(d.toks[k].low, "-")) {
					k++
					continue
				}
				e := k
				for e < j && (!d.lexical(e) || isParticleTok(d.toks[e])) {
					e++
				}
				for e > k+1 && isParticleTok(d.toks[e-1]) && !strings.Contains(d.toks[e-1].low, "-") {
					e--
				}
				titled := false
				for p := k - 1; p >= i; p-- {
					l := strings.TrimSuffix(d.toks[p].low, ".")
					if d.lx.honorific[l] || d.lx.rank[l] || d.lx.rolehead[l] {
						titled = true
						break
					}
				}
				if e-k >= 2 {
					d.addMention(si, k, e, titled)
				} else {
					singles = append(singles, cand{si, k, e, titled})
				}
				k = e
			}
			i = j
		}
	}
	// Single words: a title before it, or a known person's surname.
	for _, c := range singles {
		ft := foldName(d.span(c.a, c.b))
		if len(ft) == 0 {
			continue
		}
		known := d.firstNameOf(ft) != nil || d.officialSurname(ft)
		for _, p := range d.people {
			if p.matches(ft) {
				known = true
				break
			}
		}
		if known || c.titled {
			d.addMention(c.sent, c.a, c.b, c.titled)
		}
	}
	sort.Slice(d.mentions, func(i, j int) bool { return d.mentions[i].a < d.mentions[j].a })
}

// officialSurname reports whether a lone capitalised word is the surname of
// a well-known official (data/officials.tsv): "During the call,
// Amir-Abdollahian and Mekdad discussed ..." names two people. Short
// surnames ("Dar", "Wang") are too often something else.
func (d *doc) officialSurname(ft []string) bool {
	joined := strings.Join(ft, " ")
	if len(strings.Join(ft, "")) < 5 {
		return false
	}
	for _, o := range d.lx.officials {
		for _, n := range o.names {
			// Spelled exactly as listed: skeletons are too loose for a
			// lone word ("Sakhir" would be "Shoukry").
			for k := 1; k < len(n); k++ {
				if strings.Join(n[len(n)-k:], " ") == joined {
					return true
				}
			}
		}
	}
	return false
}

// initialDot reports whether token i is the full stop of a one-letter
// initial that a capitalised word follows: "S. Jaishankar".
func (d *doc) initialDot(i int) bool {
	if i == 0 || i+1 >= len(d.toks) || d.toks[i].s != "." {
		return false
	}
	p, n := d.toks[i-1], d.toks[i+1]
	return p.word && p.cap && utf8.RuneCountInString(p.s) == 1 && p.end == d.toks[i].start && n.word && n.cap
}

func (d *doc) span(a, b int) string { return d.clean[d.toks[a].start:d.toks[b-1].end] }

func (d *doc) addMention(si, a, b int, titled bool) {
	name := strings.Join(strings.Fields(d.span(a, b)), " ")
	ft := foldName(name)
	if len(ft) == 0 {
		return
	}
	m := &mention{sent: si, a: a, b: b, roleStart: a, appEnd: b, titled: titled}
	var best *person
	bestExact := false
	for _, p := range d.people {
		if !p.matches(ft) {
			continue
		}
		// An exact spelling beats a skeleton match; then the most recent.
		if ex := p.exact(ft); ex || !bestExact {
			best, bestExact = p, ex
		}
	}
	if best == nil {
		best = d.firstNameOf(ft)
	}
	if best == nil {
		best = &person{}
		d.people = append(d.people, best)
	}
	best.add(name, ft)
	m.person = best
	best.mentions = append(best.mentions, m)
	d.mentions = append(d.mentions, m)
	for k := a; k < b; k++ {
		d.mentAt[k] = m
	}
}

// firstNameOf returns the one person whose full name starts with the single
// word ft: "Zhou" for "Zhou Minghua" (family name first), "Salman" for
// "Salman Khalid". Nil when none or more than one.
func (d *doc) firstNameOf(ft []string) *person {
	if len(ft) != 1 {
		return nil
	}
	var found *person
	for _, p := range d.people {
		for _, n := range p.toks {
			if len(n) >= 2 && n[0] == ft[0] {
				if found != nil && found != p {
					return nil
				}
				found = p
			}
		}
	}
	return found
}

// roleTok reports whether token i may sit inside a role title.
func (d *doc) roleTok(i int) bool {
	t := d.toks[i]
	if !t.word {
		if t.s == "." && i > 0 && abbrevs[d.toks[i-1].low] {
			return true // "Dr. X"
		}
		return t.low == "'s" || t.low == "’s"
	}
	l := strings.TrimSuffix(t.low, ".")
	if t.cap {
		if d.lx.roleword[l] || d.lx.rolehead[l] || d.lx.rank[l] || d.lx.honorific[l] || d.gazCovers(i) {
			return true
		}
		return !d.lx.nonname[l]
	}
	switch l {
	case "of", "to", "for", "the", "and", "on":
		return true
	}
	return d.lx.rolehead[l] || d.lx.roleword[l] || d.lx.rank[l]
}

// findRoles reads the title before each name and the apposition after it.
func (d *doc) findRoles() {
	for _, m := range d.mentions {
		s := d.sents[m.sent]
		// Backward over the title.
		i := m.a - 1
		onlyRanks := true
		for ; i >= s.a; i-- {
			if d.mentAt[i] != nil {
				break
			}
			t := d.toks[i]
			if t.s == "," && !onlyRanks {
				break
			}
			if t.s == "," {
				// "Tehran's ambassador to Baghdad, Hassan Danaei, ...": a
				// title set off by commas on both sides of the name.
				if i+1 == m.a && !(m.b < s.b && d.toks[m.b].s == ",") {
					break
				}
				continue
			}
			if t.low == "and" && d.postCountry(i) != "" {
				break // "A of Germany and French Minister B": "of Germany" is A's
			}
			if t.low == "in" && i > s.a && postedWords[d.toks[i-1].low] && i+1 < m.a && d.gazAt[i+1].e != nil {
				continue // "the Iranian ambassador in Baghdad, X"
			}
			if !d.roleTok(i) {
				break
			}
			l := strings.TrimSuffix(t.low, ".")
			if !d.lx.rank[l] && !d.lx.honorific[l] {
				onlyRanks = false
			}
		}
		a := i + 1
		for a < m.a && (isConnector(d.toks[a].low) || d.toks[a].s == ",") {
			a++
		}
		m.roleStart = a
		if a > 0 && (d.toks[a-1].low == "his" || d.toks[a-1].low == "her") {
			m.ownerWanted = true // resolved later
		}
		role, c, host, cp := d.readRole(a, m.a)
		m.counterpart = cp
		if c != "" {
			m.country = c
		}
		m.host = host
		// "Lena Hoffmann of Germany": the country after the name.
		if m.country == "" && m.b+1 < s.b && d.gazAt[m.b+1].e != nil {
			if end := m.b + 1 + d.gazAt[m.b+1].n; d.postCountry(end) != "" {
				m.country = d.postCountry(end)
				m.appEnd = max(m.appEnd, end)
			}
		}
		// Forward over an apposition: "X, the senior advisor to ...".
		j := m.b
		if j < s.b && d.toks[j].s == "," {
			k := j + 1
			for k < s.b && (d.toks[k].low == "the" || d.toks[k].low == "a" || d.toks[k].low == "an") {
				k++
			}
			e := k
			for e < s.b && d.mentAt[e] == nil && d.roleTok(e) {
				e++
			}
			for e > k && isConnector(d.toks[e-1].low) {
				e--
			}
			// "A, Chinese Assistant Foreign Minister B and C met": a title
			// running straight into the next name is that name's, unless
			// it links to it ("senior advisor to Foreign Minister B").
			if e < s.b && d.mentAt[e] != nil && !d.hasLink(k, e) {
				e = k
			}
			if e > k {
				r2, c2, h2, _ := d.readRole(k, e)
				if r2 != "" && d.hasHead(k, e) {
					m.appEnd = e
					if role == "" || !d.hasHead(a, m.a) {
						role = r2
					}
					if m.country == "" {
						m.country = c2
					}
					if m.host == "" {
						m.host = h2
					}
				}
			}
		}
		m.role = role
		m.org = d.orgIn(m.roleStart, m.a) || d.orgIn(m.b, m.appEnd)
	}
	d.distributeTitles()
	for _, p := range d.people {
		for _, m := range p.mentions {
			if p.role == "" && m.role != "" && !m.counterpart {
				p.role = m.role
			}
			if p.country == "" && m.country != "" {
				p.country = m.country
			}
			if p.host == "" && m.host != "" {
				p.host = m.host
			}
			p.org = p.org || m.org
		}
		// A rank alone is a role only when nothing better is given.
		if p.role == "" {
			for _, m := range p.mentions {
				if m.role != "" && !m.counterpart {
					p.role = m.role
					break
				}
			}
		}
		// Known before descriptions are read, so "his Qatari
		// counterpart" can find a Qatari the text names without saying so.
		if p.country == "" && !p.org {
			p.country = d.knownOfficial(p)
		}
	}
}

// distributeTitles reads a plural title over a list of names, one country
// each, in order: "his Egyptian and Jordanian counterparts, A and B", "the
// ambassadors of Japan and Brazil, A and B", "Egyptian and Jordanian
// foreign ministers A and B, respectively". Each name gets its own country
// and the singular title (or is a counterpart).
func (d *doc) distributeTitles() {
	for k := 0; k < len(d.mentions); k++ {
		first := d.mentions[k]
		list := []*mention{first}
		for n := k + 1; n < len(d.mentions); n++ {
			prev, m := list[len(list)-1], d.mentions[n]
			if m.sent != first.sent || !d.joined(prev.appEnd, m.roleStart) {
				break
			}
			list = append(list, m)
		}
		if len(list) < 2 {
			continue
		}
		k += len(list) - 1
		// The title before the list, set off by a comma or not.
		end := first.a
		if end > 0 && d.toks[end-1].s == "," {
			end--
		}
		start := end
		for start > d.sents[first.sent].a && d.mentAt[start-1] == nil && d.toks[start-1].s != "," && (d.roleTok(start-1) || d.pluralTitle(start-1) || d.toks[start-1].low == "counterparts") {
			start--
		}
		var codes []string
		var words []string
		plural, counterparts := false, false
		for i := start; i < end; i++ {
			if h := d.gazAt[i]; h.e != nil && i+h.n <= end {
				codes = append(codes, h.e.code)
				i += h.n - 1
				continue
			}
			l := d.toks[i].low
			switch {
			case l == "counterparts":
				plural, counterparts = true, true
			case l == "his" || l == "her" || l == "their":
			case d.pluralTitle(i):
				plural = true
				words = append(words, strings.TrimSuffix(d.toks[i].s, "s"))
			case isConnector(l):
			default:
				words = append(words, d.toks[i].s)
			}
		}
		if !plural || len(codes) != len(list) {
			continue
		}
		for i, m := range list {
			m.country, m.host = codes[i], ""
			m.counterpart = counterparts
			m.role = ""
			if !counterparts {
				m.role = strings.Join(words, " ")
			}
		}
	}
}

// pluralTitle reports whether token i is a title word in the plural
// ("ministers", "Ambassadors"), "counterparts" aside.
func (d *doc) pluralTitle(i int) bool {
	l := d.toks[i].low
	one := strings.TrimSuffix(l, "s")
	return one != l && l != "counterparts" && (d.lx.rolehead[one] || d.lx.roleword[one])
}

// postCountry returns the country of "NAME of|from <Country>" when those
// tokens end just before token i, and "" otherwise.
func (d *doc) postCountry(i int) string {
	for k := i - 1; k >= 2 && k >= i-4; k-- {
		h := d.gazAt[k]
		if h.e == nil || h.e.kind != pkCountryName || k+h.n != i {
			continue
		}
		if of := d.toks[k-1].low; (of == "of" || of == "from") && d.mentAt[k-2] != nil {
			return h.e.code
		}
		return ""
	}
	return ""
}

// hasLink reports whether tokens [a, b) hold "to", "of" or "for".
func (d *doc) hasLink(a, b int) bool {
	for i := a; i < b; i++ {
		switch d.toks[i].low {
		case "to", "of", "for":
			return true
		}
	}
	return false
}

func (d *doc) hasHead(a, b int) bool {
	for i := a; i < b; i++ {
		if d.lx.rolehead[strings.TrimSuffix(d.toks[i].low, ".")] {
			return true
		}
	}
	return false
}

// readRole turns title tokens [a, b) into a role, the country the holder
// represents (a demonym or country named outside "to ..."), and a host
// country ("Ambassador to Syria"). Leading demonyms and possessives are
// dropped from the role: "Iranian Ambassador to Syria" -> "Ambassador to
// Syria", IR, host SY.
func (d *doc) readRole(a, b int) (role, country, host string, counterpart bool) {
	if a >= b {
		return "", "", "", false
	}
	start := a
	lead := true
	for i := a; i < b; i++ {
		h := d.gazAt[i]
		if h.e != nil && i+h.n <= b && d.inOrg(i) {
			i += h.n - 1 // "Shanghai Cooperation Organization": a name, not a country
			continue
		}
		if h.e != nil && i+h.n <= b {
			prev := ""
			if i > a {
				prev = d.toks[i-1].low
			}
			if (prev == "to" || prev == "for" || prev == "in" && i > a+1 && postedWords[d.toks[i-2].low]) && h.e.kind != pkDemonym {
				if host == "" {
					host = h.e.code
				}
			} else if country == "" {
				country = h.e.code
			}
			if lead {
				start = i + h.n
				if start < b && (d.toks[start].low == "'s" || d.toks[start].low == "’s") {
					start++
				}
			}
			i += h.n - 1
			continue
		}
		l := strings.TrimSuffix(d.toks[i].low, ".")
		if l == "counterpart" || l == "counterparts" {
			counterpart = true
		}
		if lead && (d.lx.honorific[l] || l == "top" || l == "the") {
			start = i + 1
			continue
		}
		lead = false
	}
	// Drop trailing ranks and honorifics: they stand before the name.
	end := b
	for end > start {
		l := strings.TrimSuffix(d.toks[end-1].low, ".")
		abbrevDot := d.toks[end-1].s == "." && end-2 >= start && abbrevs[d.toks[end-2].low] // "Dr."
		if (d.lx.rank[l] || d.lx.honorific[l] || d.toks[end-1].s == "," || abbrevDot) && d.hasHead(start, end-1) {
			end--
			continue
		}
		break
	}
	if end > start && d.hasHeadOrRank(start, end) {
		role = d.roleText(start, end)
		if long, ok := d.lx.abbrev[strings.ToLower(role)]; ok {
			role = long
		}
	}
	return role, country, host, counterpart
}

// roleText is the title in tokens [a, b) as written, with abbreviated
// titles spelled out ("Deputy FM" -> "Deputy Foreign Minister").
func (d *doc) roleText(a, b int) string {
	expand := false
	for i := a; i < b; i++ {
		if _, ok := d.lx.abbrev[strings.TrimSuffix(d.toks[i].low, ".")]; ok {
			expand = true
			break
		}
	}
	if !expand {
		role := strings.Join(strings.Fields(d.clean[d.toks[a].start:d.toks[b-1].end]), " ")
		return strings.ReplaceAll(role, " 's", "'s")
	}
	var parts []string
	for i := a; i < b; i++ {
		w := d.toks[i].s
		if long, ok := d.lx.abbrev[strings.TrimSuffix(d.toks[i].low, ".")]; ok {
			w = long
		}
		if (w == "'s" || w == "’s") && len(parts) > 0 {
			parts[len(parts)-1] += w
			continue
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

// orgIn reports whether tokens [a, b) name an international organisation
// ("UN Special Envoy"): its officials represent no state.
func (d *doc) orgIn(a, b int) bool {
	for i := a; i < b; i++ {
		for _, o := range d.lx.orgs[d.toks[i].low] {
			if i+len(o) <= b && d.matchSeq(i, o) {
				return true
			}
		}
	}
	return false
}

// postedWords are titles of someone posted abroad: "ambassador in X" says
// where, not whose.
var postedWords = map[string]bool{"ambassador": true, "envoy": true, "chargé": true, "charge": true, "consul": true,
	"representative": true}

// inOrg reports whether token i lies inside an organisation's name.
func (d *doc) inOrg(i int) bool {
	for k := i; k >= 0 && k > i-6; k-- {
		for _, o := range d.lx.orgs[d.toks[k].low] {
			if k+len(o) > i && d.matchSeq(k, o) {
				return true
			}
		}
	}
	return false
}

func (d *doc) hasHeadOrRank(a, b int) bool {
	for i := a; i < b; i++ {
		l := strings.TrimSuffix(d.toks[i].low, ".")
		if d.lx.rolehead[l] || d.lx.rank[l] {
			return true
		}
	}
	return false
}

// resolveOwners gives "his senior advisor X" the country of the person
// "his" refers to: the nearest earlier mention in the sentence.
func (d *doc) resolveOwners() {
	for i, m := range d.mentions {
		if !m.ownerWanted {
			continue
		}
		for k := i - 1; k >= 0 && d.mentions[k].sent == m.sent; k-- {
			if d.mentions[k].person != m.person {
				m.owner = d.mentions[k]
				break
			}
		}
		if m.owner != nil && !m.counterpart && m.person.country == "" {
			if c := m.owner.person.country; c != "" {
				m.person.country = c
			}
		}
	}
}
