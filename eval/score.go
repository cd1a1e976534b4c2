package eval

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Report is the outcome of Score. Numbers are rounded to three decimals,
// as score.py reports them.
type Report struct {
	Pairs    PairScore
	Role     Accuracy
	Country  Accuracy
	Date     Accuracy
	Location Accuracy
	Kind     Accuracy
	Gold     int      // gold articles
	Missing  []string // gold articles without a prediction, in gold order
	Articles []ArticleResult
}

// PairScore is the headline: participant pairs of occurred meetings.
type PairScore struct {
	Precision, Recall, F1 float64
	TP, FP, FN            int
}

// Accuracy is right/N; Value is nil when N is 0.
type Accuracy struct {
	Value *float64
	Right int
	N     int
}

// ArticleResult is one article's pairs, for --verbose.
type ArticleResult struct {
	ID            string
	TP            int
	Missed, Wrong []string // "a–b" person keys, sorted
}

type resolved struct {
	key string
	p   PredParticipant
}

type predMeeting struct {
	m   PredMeeting
	who []resolved
}

// Score compares predictions (keyed by IDKey) with the gold annotations,
// exactly as score.py's score().
func Score(g *Gold, preds map[string]Prediction) Report {
	var rep Report
	var tp, fp, fn int
	for _, art := range g.Articles {
		rep.Gold++
		pred, ok := preds[art.ID]
		if !ok {
			rep.Missing = append(rep.Missing, art.ID)
		}
		var pms []predMeeting
		for _, m := range pred.Meetings {
			if !m.occurred() {
				continue
			}
			pm := predMeeting{m: m}
			for _, p := range m.Participants {
				if k := art.resolve(or(p.Name, "")); k != "" {
					pm.who = append(pm.who, resolved{k, p})
				}
			}
			pms = append(pms, pm)
		}
		predPairs := pairSet{}
		for _, pm := range pms {
			for i := 0; i < len(pm.who); i++ {
				for j := i + 1; j < len(pm.who); j++ {
					a, b := pm.who[i].key, pm.who[j].key
					if a == b {
						continue
					}
					p := newPair(a, b)
					if art.optionalPair[p] || (art.sameSide[p] && !art.goldPairs[p]) {
						continue
					}
					predPairs[p] = true
				}
			}
		}
		var tps, fps, fns []pair
		for p := range predPairs {
			if art.goldPairs[p] {
				tps = append(tps, p)
			} else {
				fps = append(fps, p)
			}
		}
		for p := range art.goldPairs {
			if !predPairs[p] {
				fns = append(fns, p)
			}
		}
		tp, fp, fn = tp+len(tps), fp+len(fps), fn+len(fns)

		// Role and country of each gold person in a correct pair: the first
		// prediction given for them.
		seen := map[string]bool{}
		for _, pm := range pms {
			for _, r := range pm.who {
				person, known := art.People[r.key]
				if !known || seen[r.key] || !inAny(r.key, tps) {
					continue
				}
				seen[r.key] = true
				rep.Role.add(roleOK(or(r.p.Role, ""), person.Roles))
				if person.Country != nil && *person.Country != "" {
					rep.Country.add(upper(or(r.p.Country, "")) == *person.Country)
				}
			}
		}

		// Each gold occurred meeting against the predicted meeting that
		// shares most of its correct pairs (scores in quarters, so exact).
		used := map[int]bool{}
		for _, gm := range art.Meetings {
			if !gm.occurred() {
				continue
			}
			gp := pairSet{}
			for i := 0; i < len(gm.Participants); i++ {
				for j := i + 1; j < len(gm.Participants); j++ {
					p := newPair(gm.Participants[i].Who, gm.Participants[j].Who)
					if art.goldPairs[p] {
						gp[p] = true
					}
				}
			}
			best, bestN := -1, 0
			for i, pm := range pms {
				keys := map[string]bool{}
				for _, r := range pm.who {
					keys[r.key] = true
				}
				n := 0
				for p := range gp {
					if keys[p.A] && keys[p.B] {
						n += 4
					}
				}
				if n != 0 && kindOK(pm.m, gm) {
					n += 2
				}
				if n != 0 && used[i] {
					n--
				}
				if n > bestN {
					best, bestN = i, n
				}
			}
			if best < 0 {
				continue
			}
			used[best] = true
			m := pms[best].m
			rep.Date.add(dateOK(m.Date, gm.Date))
			rep.Location.add(locOK(m.Location, gm.Location))
			rep.Kind.add(kindOK(m, gm))
		}
		rep.Articles = append(rep.Articles, ArticleResult{ID: art.ID, TP: len(tps), Missed: names(fns), Wrong: names(fps)})
	}
	var p, r, f float64
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	rep.Pairs = PairScore{Precision: round3(p), Recall: round3(r), F1: round3(f), TP: tp, FP: fp, FN: fn}
	for _, a := range []*Accuracy{&rep.Role, &rep.Country, &rep.Date, &rep.Location, &rep.Kind} {
		if a.N > 0 {
			v := round3(float64(a.Right) / float64(a.N))
			a.Value = &v
		}
	}
	return rep
}

func (a *Accuracy) add(ok bool) {
	a.N++
	if ok {
		a.Right++
	}
}

func inAny(k string, ps []pair) bool {
	for _, p := range ps {
		if p.has(k) {
			return true
		}
	}
	return false
}

func kindOK(m PredMeeting, gm GoldMeeting) bool {
	return gm.Kind != nil && or(m.Kind, "meeting") == *gm.Kind
}

// dateOK: (date or None) in the gold answers.
func dateOK(d *string, golds []*string) bool {
	if d != nil && *d == "" {
		d = nil
	}
	for _, g := range golds {
		if (g == nil) == (d == nil) && (g == nil || *g == *d) {
			return true
		}
	}
	return false
}

func names(ps []pair) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	sort.Strings(out) // byte order of UTF-8 is code point order, as Python sorts
	return out
}

// round3 is Python's round(x, 3): both it and strconv round the exact
// binary value correctly.
func round3(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	return v
}

// pyFloat formats a float as Python's str() does for these values.
func pyFloat(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

func (a Accuracy) text() string {
	if a.Value == nil {
		return "-"
	}
	return pyFloat(*a.Value)
}

func (a Accuracy) json() string {
	v := "null"
	if a.Value != nil {
		v = pyFloat(*a.Value)
	}
	return fmt.Sprintf(`{"accuracy": %s, "n": %d}`, v, a.N)
}

// WriteText prints the report as score.py does, with the per-article pair
// misses first when verbose is set.
func (r Report) WriteText(w io.Writer, verbose bool) error {
	var b strings.Builder
	if verbose {
		for _, a := range r.Articles {
			fmt.Fprintf(&b, "%s: tp=%d fp=%d fn=%d\n  missed: %s\n  wrong:  %s\n",
				a.ID, a.TP, len(a.Wrong), len(a.Missed), list(a.Missed), list(a.Wrong))
		}
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "no prediction for: %s\n", strings.Join(r.Missing, ", "))
	}
	p := r.Pairs
	fmt.Fprintf(&b, "pairs: P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)\n", p.Precision, p.Recall, p.F1, p.TP, p.FP, p.FN)
	fmt.Fprintf(&b, "role=%s (n=%d)  country=%s (n=%d)  date=%s (n=%d)  location=%s (n=%d)  kind=%s (n=%d)\n",
		r.Role.text(), r.Role.N, r.Country.text(), r.Country.N, r.Date.text(), r.Date.N,
		r.Location.text(), r.Location.N, r.Kind.text(), r.Kind.N)
	_, err := io.WriteString(w, b.String())
	return err
}

func list(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ", ")
}

// WriteJSON writes the report as score.py --json does, byte for byte (its
// separators and float spelling), followed by a newline.
func (r Report) WriteJSON(w io.Writer) error {
	p := r.Pairs
	s := fmt.Sprintf(`{"pairs": {"precision": %s, "recall": %s, "f1": %s, "tp": %d, "fp": %d, "fn": %d}, `+
		`"role": %s, "country": %s, "date": %s, "location": %s, "kind": %s, "articles": {"gold": %d, "predicted": %d}}`+"\n",
		pyFloat(p.Precision), pyFloat(p.Recall), pyFloat(p.F1), p.TP, p.FP, p.FN,
		r.Role.json(), r.Country.json(), r.Date.json(), r.Location.json(), r.Kind.json(),
		r.Gold, r.Gold-len(r.Missing))
	_, err := io.WriteString(w, s)
	return err
}
