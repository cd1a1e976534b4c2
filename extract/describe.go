package extract

import (
	"sort"
	"strings"
)

// findDescriptions resolves definite descriptions ("the Iranian foreign
// minister", "the top Syrian diplomat") to a person already named: one of
// that country, with a compatible role (or none yet), the most recently
// named. A resolved description is a mention: it can take part in a
// meeting and it gives the person a role when the text gave none.
func (d *doc) findDescriptions() {
	added := false
	for si, s := range d.sents {
		for i := s.a; i+2 < s.b; i++ {
			if l := d.toks[i].low; l != "the" && l != "his" && l != "her" || d.mentAt[i+1] != nil {
				continue
			}
			j := i + 1
			for j < s.b && (d.toks[j].low == "top" || d.toks[j].low == "visiting") {
				j++
			}
			if j >= s.b {
				continue
			}
			h := d.gazAt[j]
			if h.e == nil || (h.e.kind != pkDemonym && !(h.e.kind == pkCountryName && d.possessive(j+h.n))) {
				continue
			}
			k := j + h.n
			if d.possessive(k) {
				k++
			}
			e := k
			counterpart := d.toks[i].low != "the" && k < s.b && d.toks[k].low == "counterpart"
			if counterpart {
				e = k + 1 // "his Qatari counterpart"
			}
			for !counterpart && e < s.b && d.mentAt[e] == nil && d.toks[e].word {
				l := d.toks[e].low
				if !d.lx.rolehead[l] && !d.lx.roleword[l] {
					break
				}
				e++
			}
			if !counterpart && (d.toks[i].low != "the" || e == k || !d.hasHead(k, e)) {
				continue
			}
			// a title before a name, not a description
			if e < s.b && d.toks[e].cap && (d.mentAt[e] != nil || !d.lexical(e)) {
				continue
			}
			role := strings.Join(strings.Fields(d.clean[d.toks[k].start:d.toks[e-1].end]), " ")
			if counterpart {
				role = ""
			}
			p := d.describedPerson(h.e.code, role, d.toks[i].start, si, counterpart)
			if p == nil {
				continue
			}
			m := &mention{sent: si, a: j, b: e, roleStart: j, appEnd: e, person: p, role: role, country: h.e.code, counterpart: counterpart}
			p.mentions = append(p.mentions, m)
			d.mentions = append(d.mentions, m)
			for t := j; t < e; t++ {
				d.mentAt[t] = m
			}
			if p.role == "" {
				p.role = role
			}
			added = true
			i = e - 1
		}
	}
	if added {
		sort.Slice(d.mentions, func(i, j int) bool { return d.mentions[i].a < d.mentions[j].a })
	}
}

// rank-changing words: a deputy minister is not the minister.
var degreeWords = []string{"deputy", "vice", "assistant", "senior", "advisor", "adviser", "aide"}

func rolesCompatible(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	for _, w := range degreeWords {
		if strings.Contains(a, w) != strings.Contains(b, w) {
			return false
		}
	}
	return true
}

// describedPerson is who a description of sentence si at byte before
// points to: the most recently named person of that country with a
// compatible role; failing that, for "his Qatari counterpart", the first
// one named in the next two sentences ("met his Qatari counterpart in
// Doha. A and B discussed ..."). A "the" description only looks back: the
// text names its referent first.
func (d *doc) describedPerson(code, role string, before, si int, forward bool) *person {
	var best *person
	bestAt := -1
	var next *person
	nextAt := -1
	for _, p := range d.people {
		if p.country != code {
			continue
		}
		if p.role != "" && role != "" && !rolesCompatible(p.role, role) && !strings.Contains(strings.ToLower(role), "diplomat") {
			continue
		}
		for _, m := range p.mentions {
			at := d.toks[m.a].start
			if at < before && at > bestAt {
				best, bestAt = p, at
			}
			if at > before && m.sent <= si+2 && (nextAt < 0 || at < nextAt) {
				next, nextAt = p, at
			}
		}
	}
	if best == nil && forward {
		return next
	}
	return best
}
