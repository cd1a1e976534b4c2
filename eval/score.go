// Package eval scores meeting extractions against gold annotations. It is
// a Go port of the reference scorer ../shared/eval/score.py and computes
// the same numbers (a test checks that where python3 is present): pair
// precision, recall and F1, and role, country, date, location and kind
// accuracy, as ../shared/corpus/README.md defines them. It reads
// predictions as JSON (what `dipgraph extract` writes), so it does not
// depend on the extractor.
package eval

import (
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Report is the outcome of Score. Rates are rounded to three decimals as
// score.py rounds them; its JSON form is score.py --json's.
type Report struct {
	Pairs    PairScore    `json:"pairs"`
	Role     Accuracy     `json:"role"`
	Country  Accuracy     `json:"country"`
	Date     Accuracy     `json:"date"`
	Location Accuracy     `json:"location"`
	Kind     Accuracy     `json:"kind"`
	Articles ArticleCount `json:"articles"`

	Missing    []string        `json:"-"` // gold articles without a prediction, in gold order
	PerArticle []ArticleResult `json:"-"` // in gold order
}

// PairScore is the headline: cross-side participant pairs of occurred
// meetings, compared as sets per article and summed.
type PairScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

// Accuracy is Right/N rounded; nil when N is 0.
type Accuracy struct {
	Accuracy *float64 `json:"accuracy"`
	N        int      `json:"n"`
	Right    int      `json:"-"`
}

// ArticleCount says how many gold articles had a prediction.
type ArticleCount struct {
	Gold      int `json:"gold"`
	Predicted int `json:"predicted"`
}

// ArticleResult is one article's pairs. A pair is written "a–b", the
// gold people keys sorted; a predicted person not in the gold is "?name".
type ArticleResult struct {
	ID            string
	TP            int
	Missed, Wrong []string // gold pairs not predicted, predicted pairs not in the gold; sorted
	Unpredicted   bool     // no prediction line for the article
}

// pair is an unordered pair of people keys, kept sorted. a == b only for
// a gold meeting that lists one person twice on different sides (score.py's
// frozenset then holds one key).
type pair struct{ a, b string }

func mkPair(a, b string) pair {
	if b < a {
		a, b = b, a
	}
	return pair{a, b}
}

func (p pair) has(k string) bool { return p.a == k || p.b == k }

func (p pair) String() string {
	if p.a == p.b {
		return p.a
	}
	return p.a + "–" + p.b
}

type who struct {
	key string
	p   PredParticipant
}

type predMeeting struct {
	m   PredMeeting
	who []who
}

// Scorer scores predictions. The zero value is not usable; see New.
type Scorer struct{ w words }

// New returns a Scorer with the metric's word lists.
func New() (*Scorer, error) {
	w, err := parseWords(wordsFile)
	if err != nil {
		return nil, err
	}
	return &Scorer{w: w}, nil
}

// article is a gold article prepared for matching.
type article struct {
	*GoldArticle
	people   map[string]*GoldPerson
	alias    map[string]string
	gold     map[pair]bool
	optional map[pair]bool
	sameSide map[pair]bool
}

func (s *Scorer) prepare(g *GoldArticle) *article {
	a := &article{GoldArticle: g, people: map[string]*GoldPerson{}, alias: map[string]string{},
		gold: map[pair]bool{}, optional: map[pair]bool{}, sameSide: map[pair]bool{}}
	for i := range g.People {
		p := &g.People[i]
		a.people[p.Key] = p
		for _, n := range p.Names {
			a.alias[s.w.nameKey(n)] = p.Key
		}
	}
	for _, m := range g.Meetings {
		// score.py: a missing status is occurred here, a null one is not.
		status := "occurred"
		if m.Status.Set {
			status = m.Status.S
			if m.Status.Null {
				status = "\x00null"
			}
		}
		for i, x := range m.Participants {
			for _, y := range m.Participants[i+1:] {
				pr := mkPair(x.Who, y.Who)
				switch {
				case reflect.DeepEqual(x.Side, y.Side):
					a.sameSide[pr] = true
				case status != "occurred":
				case truthy(x.Optional) || truthy(y.Optional):
					a.optional[pr] = true
				default:
					a.gold[pr] = true
				}
			}
		}
	}
	for pr := range a.gold {
		delete(a.optional, pr)
	}
	return a
}

// resolve finds the gold person a predicted name refers to: by its key, or
// by its last two or one words; otherwise "?key". "" for no name.
func (s *Scorer) resolve(a *article, name string) string {
	k := s.w.nameKey(name)
	if k == "" {
		return ""
	}
	if key, ok := a.alias[k]; ok {
		return key
	}
	toks := strings.Fields(k)
	for _, n := range []int{2, 1} {
		if len(toks) > n {
			if key, ok := a.alias[strings.Join(toks[len(toks)-n:], " ")]; ok {
				return key
			}
		}
	}
	return "?" + k
}

// occurred is score.py's occurred(): null, missing or "" status is occurred.
func goldOccurred(m GoldMeeting) bool {
	return !m.Status.Set || m.Status.Null || m.Status.S == "" || m.Status.S == "occurred"
}

func predOccurred(m PredMeeting) bool {
	return m.Status == nil || *m.Status == "" || *m.Status == "occurred"
}

func predKind(m PredMeeting) string {
	if m.Kind == nil || *m.Kind == "" {
		return "meeting"
	}
	return *m.Kind
}

// goldKind: missing is "meeting"; null matches no prediction.
func goldKind(m GoldMeeting) (string, bool) {
	switch {
	case !m.Kind.Set:
		return "meeting", true
	case m.Kind.Null:
		return "", false
	}
	return m.Kind.S, true
}

func kindOK(p PredMeeting, g GoldMeeting) bool {
	k, ok := goldKind(g)
	return ok && predKind(p) == k
}

func dateOK(pred *string, golds []*string) bool {
	if pred != nil && *pred == "" {
		pred = nil
	}
	for _, g := range golds {
		if (g == nil && pred == nil) || (g != nil && pred != nil && *g == *pred) {
			return true
		}
	}
	return false
}

type tally struct{ right, n int }

func (t *tally) add(ok bool) {
	t.n++
	if ok {
		t.right++
	}
}

// Score scores preds against gold, article by article in gold order.
func (s *Scorer) Score(gold *Gold, preds Predictions) *Report {
	var tp, fp, fn int
	var role, country, date, location, kind tally
	rep := &Report{}
	for gi := range gold.Articles {
		art := s.prepare(&gold.Articles[gi])
		pred, found := preds[art.ID]
		if !found {
			rep.Missing = append(rep.Missing, art.ID)
		}
		var pms []predMeeting
		for _, m := range pred.Meetings {
			if !predOccurred(m) {
				continue
			}
			pm := predMeeting{m: m}
			for _, p := range m.Participants {
				if k := s.resolve(art, deref(p.Name)); k != "" {
					pm.who = append(pm.who, who{k, p})
				}
			}
			pms = append(pms, pm)
		}
		predPairs := map[pair]bool{}
		for _, pm := range pms {
			for i, x := range pm.who {
				for _, y := range pm.who[i+1:] {
					if x.key == y.key {
						continue
					}
					pr := mkPair(x.key, y.key)
					if art.optional[pr] || (art.sameSide[pr] && !art.gold[pr]) {
						continue
					}
					predPairs[pr] = true
				}
			}
		}
		var tps, fps, fns []pair
		for pr := range predPairs {
			if art.gold[pr] {
				tps = append(tps, pr)
			} else {
				fps = append(fps, pr)
			}
		}
		for pr := range art.gold {
			if !predPairs[pr] {
				fns = append(fns, pr)
			}
		}
		tp, fp, fn = tp+len(tps), fp+len(fps), fn+len(fns)

		// Attributes of gold people in a correct pair: the first
		// participant entry predicted for them.
		inTP := func(k string) bool {
			for _, pr := range tps {
				if pr.has(k) {
					return true
				}
			}
			return false
		}
		seen := map[string]bool{}
		for _, pm := range pms {
			for _, w := range pm.who {
				person, ok := art.people[w.key]
				if !ok || seen[w.key] || !inTP(w.key) {
					continue
				}
				seen[w.key] = true
				role.add(s.w.roleOK(deref(w.p.Role), person.Roles))
				if deref(person.Country) != "" {
					country.add(pyUpper(deref(w.p.Country)) == *person.Country)
				}
			}
		}

		// Meeting fields: each gold occurred meeting against the predicted
		// meeting that holds most of its correct pairs; a matching kind
		// adds half, a meeting already used loses a quarter, ties go to
		// the earlier prediction. In quarters to stay in integers.
		used := map[int]bool{}
		for _, gm := range art.Meetings {
			if !goldOccurred(gm) {
				continue
			}
			gp := map[pair]bool{}
			for i, x := range gm.Participants {
				for _, y := range gm.Participants[i+1:] {
					if pr := mkPair(x.Who, y.Who); art.gold[pr] {
						gp[pr] = true
					}
				}
			}
			best, bestN := -1, 0
			for i, pm := range pms {
				keys := map[string]bool{}
				for _, w := range pm.who {
					keys[w.key] = true
				}
				n := 0
				for pr := range gp {
					if keys[pr.a] && keys[pr.b] {
						n++
					}
				}
				if n == 0 {
					continue
				}
				n *= 4
				if kindOK(pm.m, gm) {
					n += 2
				}
				if used[i] {
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
			date.add(dateOK(m.Date, gm.Date.List()))
			location.add(locOK(m.Location, gm.Location.List()))
			kind.add(kindOK(m, gm))
		}
		rep.PerArticle = append(rep.PerArticle, ArticleResult{
			ID: art.ID, TP: len(tps), Missed: names(fns), Wrong: names(fps), Unpredicted: !found,
		})
	}
	var p, r, f float64
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r != 0 {
		f = 2 * p * r / (p + r)
	}
	rep.Pairs = PairScore{Precision: round3(p), Recall: round3(r), F1: round3(f), TP: tp, FP: fp, FN: fn}
	rep.Role, rep.Country, rep.Date, rep.Location, rep.Kind = role.acc(), country.acc(), date.acc(), location.acc(), kind.acc()
	rep.Articles = ArticleCount{Gold: len(gold.Articles), Predicted: len(gold.Articles) - len(rep.Missing)}
	return rep
}

func (t tally) acc() Accuracy {
	a := Accuracy{N: t.n, Right: t.right}
	if t.n > 0 {
		v := round3(float64(t.right) / float64(t.n))
		a.Accuracy = &v
	}
	return a
}

func names(ps []pair) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	sort.Strings(out)
	return out
}

// round3 is Python's round(x, 3): correctly rounded, ties to even on the
// exact binary value (math.Round(x*1000)/1000 differs, e.g. on 0.0625).
func round3(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	return v
}

// pyFloat formats a float as Python's str() does for these values
// (shortest form, "1.0" not "1").
func pyFloat(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// WriteJSON writes the report as score.py --json prints it, byte for byte
// (Python's json.dumps: ", " and ": " separators, 1.0 not 1).
func (r *Report) WriteJSON(w io.Writer) error {
	acc := func(a Accuracy) string {
		v := "null"
		if a.Accuracy != nil {
			v = pyFloat(*a.Accuracy)
		}
		return fmt.Sprintf(`{"accuracy": %s, "n": %d}`, v, a.N)
	}
	p := r.Pairs
	_, err := fmt.Fprintf(w, `{"pairs": {"precision": %s, "recall": %s, "f1": %s, "tp": %d, "fp": %d, "fn": %d}, `+
		`"role": %s, "country": %s, "date": %s, "location": %s, "kind": %s, "articles": {"gold": %d, "predicted": %d}}`+"\n",
		pyFloat(p.Precision), pyFloat(p.Recall), pyFloat(p.F1), p.TP, p.FP, p.FN,
		acc(r.Role), acc(r.Country), acc(r.Date), acc(r.Location), acc(r.Kind), r.Articles.Gold, r.Articles.Predicted)
	return err
}

// WriteText writes the report as score.py prints it: with verbose, each
// article's counts, missed and wrong pairs first; then the articles
// without a prediction and the two summary lines.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	var b strings.Builder
	if verbose {
		for _, a := range r.PerArticle {
			fmt.Fprintf(&b, "%s: tp=%d fp=%d fn=%d\n  missed: %s\n  wrong:  %s\n",
				a.ID, a.TP, len(a.Wrong), len(a.Missed), list(a.Missed), list(a.Wrong))
		}
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "no prediction for: %s\n", strings.Join(r.Missing, ", "))
	}
	p := r.Pairs
	fmt.Fprintf(&b, "pairs: P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)\n", p.Precision, p.Recall, p.F1, p.TP, p.FP, p.FN)
	accs := []struct {
		name string
		a    Accuracy
	}{{"role", r.Role}, {"country", r.Country}, {"date", r.Date}, {"location", r.Location}, {"kind", r.Kind}}
	for i, x := range accs {
		v := "-"
		if x.a.Accuracy != nil {
			v = pyFloat(*x.a.Accuracy)
		}
		if i > 0 {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, "%s=%s (n=%d)", x.name, v, x.a.N)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func list(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ", ")
}
