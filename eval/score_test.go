package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
)

func newScorer(t *testing.T) *Scorer {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Ángel  Núñez-Pérez":  "angel nunez perez",
		" al-Rashidi, Jr. ":   "al rashidi jr",
		"ÉCOLE ﬁnale":         "ecole finale", // NFKD splits the ligature
		"Zoë O’Brien":         "zoe o brien",
		"Ayşe Çelik 2nd":      "ayse celik 2nd",
		"—":                   "",
		"Straße":              "stra e", // ß is not a-z after NFKD
		"İpek":                "ipek",
		"Dr. Mbeki\nMokoena ": "dr mbeki mokoena",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNameKey(t *testing.T) {
	s := newScorer(t)
	for in, want := range map[string]string{
		"Dr. Amara Okafor":          "amara okafor",
		"His Excellency Mr Okafor":  "okafor",
		"Foreign Minister Okafor":   "okafor",
		"Karim al-Nouri":            "karim nouri",
		"El Haddad":                 "haddad",
		"General":                   "",
		"Okafor, President":         "okafor president", // honorifics only at the start
		"Sheikh Major General Musa": "musa",
	} {
		if got := s.w.nameKey(in); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRoleOK(t *testing.T) {
	s := newScorer(t)
	str := func(ss ...string) []*string {
		var out []*string
		for i := range ss {
			out = append(out, &ss[i])
		}
		return out
	}
	cases := []struct {
		pred  string
		golds []*string
		want  bool
	}{
		{"Deputy Minister", str("Deputy Foreign Minister"), true},            // 2*2/(2+3) = 0.8
		{"Minister", str("Senior Adviser to the Minister for Trade"), false}, // 2*1/(1+4) = 0.4
		{"trade envoy special", str("Envoy"), true},                          // 2*1/(3+1) = 0.5 exactly
		{"trade envoy special extra", str("Envoy"), false},                   // 2/5
		{"Iranian Ambassador", str("Ambassador to Syria"), true},             // country words drop out: {ambassador} both
		{"the of", str("of the"), false},                                     // no words left
		{"Chief of Staff", append(str("Head of Staff"), nil), true},          // null phrasings are skipped
		{"", str("Ambassador"), false},
		{"Ambassador", nil, false},
	}
	for _, c := range cases {
		if got := s.w.roleOK(c.pred, c.golds); got != c.want {
			t.Errorf("roleOK(%q, %d phrasings) = %v, want %v", c.pred, len(c.golds), got, c.want)
		}
	}
}

func TestLocOK(t *testing.T) {
	p := func(s string) *string { return &s }
	cases := []struct {
		pred  *string
		golds []*string
		want  bool
	}{
		{nil, []*string{nil}, true},
		{p(""), []*string{p("Oslo"), nil}, true},
		{nil, []*string{p("Oslo")}, false},
		{p("Oslo City Hall"), []*string{p("oslo")}, true},
		{p("Oslo"), []*string{p("the Oslo city hall")}, true},
		{p("Bergen"), []*string{p("Oslo"), nil}, false},
		{p("!!"), []*string{p("Oslo")}, true}, // folds to "", which every place contains (as in score.py)
	}
	for _, c := range cases {
		if got := locOK(c.pred, c.golds); got != c.want {
			t.Errorf("locOK(%v, %v) = %v, want %v", deref(c.pred), len(c.golds), got, c.want)
		}
	}
}

func TestRound3(t *testing.T) {
	for in, want := range map[float64]float64{
		0.0625:      0.062, // exact half: to even, as Python's round
		0.5625:      0.562,
		0.6666666:   0.667,
		2.0 / 3.0:   0.667,
		0.0:         0.0,
		1.0:         1.0,
		0.123456789: 0.123,
	} {
		if got := round3(in); got != want {
			t.Errorf("round3(%v) = %v, want %v", in, got, want)
		}
	}
	if got := pyFloat(1); got != "1.0" {
		t.Errorf("pyFloat(1) = %q", got)
	}
}

// goldOne is an invented article: Okafor (NG) met Vermeulen and De Wit (NL)
// in The Hague; Vermeulen phoned Sato (JP); Okafor will visit Sato later.
const goldOne = `{"articles": [{
  "id": "a1",
  "people": {
    "okafor":    {"names": ["Amara Okafor", "Okafor"], "country": "NG", "roles": ["Foreign Minister"]},
    "vermeulen": {"names": ["Joris Vermeulen", "Vermeulen"], "country": "NL", "roles": ["Minister of Trade", "Trade Minister"]},
    "dewit":     {"names": ["Pieter de Wit", "De Wit"], "country": "NL", "roles": ["Deputy Trade Minister"]},
    "aide":      {"names": ["Femke Bos"], "country": "NL", "roles": ["aide"]},
    "sato":      {"names": ["Haruto Sato", "Sato"], "country": "JP", "roles": ["Ambassador to the Netherlands", "Ambassador"]}
  },
  "meetings": [
    {"kind": "meeting", "status": "occurred",
     "participants": [{"who": "okafor", "side": "NG"}, {"who": "vermeulen", "side": "NL"}, {"who": "dewit", "side": "NL"},
                      {"who": "aide", "side": "NL", "optional": true}],
     "date": ["2025-02-03"], "location": ["The Hague", null]},
    {"kind": "call", "status": "occurred",
     "participants": [{"who": "vermeulen", "side": "NL"}, {"who": "sato", "side": "JP"}],
     "date": [null], "location": [null]},
    {"kind": "meeting", "status": "planned",
     "participants": [{"who": "okafor", "side": "NG"}, {"who": "sato", "side": "JP"}],
     "date": [null], "location": [null]}
  ]}]}`

const perfectOne = `{"id": "a1", "meetings": [
  {"kind": "meeting", "status": "occurred", "date": "2025-02-03", "location": "The Hague",
   "participants": [{"name": "Amara Okafor", "role": "Foreign Minister", "country": "NG"},
                    {"name": "Joris Vermeulen", "role": "Trade Minister", "country": "NL"},
                    {"name": "Pieter de Wit", "role": "Deputy Trade Minister", "country": "nl"}]},
  {"kind": "call", "status": "occurred", "date": null, "location": null,
   "participants": [{"name": "Vermeulen", "role": "Minister of Trade", "country": "NL"},
                    {"name": "Sato", "role": "Ambassador", "country": "JP"}]},
  {"kind": "meeting", "status": "planned",
   "participants": [{"name": "Okafor"}, {"name": "Sato"}]}]}`

// oneLine makes a readable multi-line JSON object one JSON Lines line.
func oneLine(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatalf("test data: %v", err)
	}
	return b.String()
}

func TestScore(t *testing.T) {
	type want struct {
		tp, fp, fn                     int
		role, country, date, loc, kind [2]int // right, n
		missed, wrong                  []string
		missing                        bool
	}
	cases := []struct {
		name  string
		preds string
		want  want
	}{
		{"perfect", perfectOne, want{tp: 3, role: [2]int{4, 4}, country: [2]int{4, 4}, date: [2]int{2, 2}, loc: [2]int{2, 2}, kind: [2]int{2, 2}}},
		{"no prediction line", `{"id": "other", "meetings": []}`,
			want{fn: 3, missed: []string{"dewit–okafor", "okafor–vermeulen", "sato–vermeulen"}, missing: true}},
		{"honorifics, particles and last-words matching", `{"id": "a1", "meetings": [
		  {"kind": "meeting", "date": "2025-02-03", "location": "Peace Palace, The Hague",
		   "participants": [{"name": "H.E. Dr. Okafor", "role": "Nigerian Foreign Minister", "country": "NG"},
		                    {"name": "Mr. Joris-Anton Vermeulen", "role": "Minister", "country": "NL"},
		                    {"name": "Pieter De Wit", "role": null, "country": null}]}]}`,
			// "H.E." folds to "h e", not an honorific: "h e dr okafor" resolves by its last word.
			want{tp: 2, fn: 1, role: [2]int{2, 3}, country: [2]int{2, 3}, date: [2]int{1, 1}, loc: [2]int{1, 1}, kind: [2]int{1, 1},
				missed: []string{"sato–vermeulen"}}},
		{"same side and optional pairs are neutral, unknown people are wrong", `{"id": "a1", "meetings": [
		  {"participants": [{"name": "Okafor"}, {"name": "Vermeulen"}, {"name": "De Wit"}, {"name": "Femke Bos"}, {"name": "Lotte Visser"}]}]}`,
			want{tp: 2, fp: 4, fn: 1, role: [2]int{0, 3}, country: [2]int{0, 3}, date: [2]int{0, 1}, loc: [2]int{1, 1}, kind: [2]int{1, 1},
				missed: []string{"sato–vermeulen"},
				wrong:  []string{"?lotte visser–aide", "?lotte visser–dewit", "?lotte visser–okafor", "?lotte visser–vermeulen"}}},
		{"planned predicted as occurred is wrong; planned predictions are ignored", `{"id": "a1", "meetings": [
		  {"kind": "meeting", "status": "occurred", "participants": [{"name": "Okafor"}, {"name": "Sato"}]},
		  {"kind": "call", "status": "planned", "participants": [{"name": "Vermeulen"}, {"name": "Sato"}]}]}`,
			want{fp: 1, fn: 3, missed: []string{"dewit–okafor", "okafor–vermeulen", "sato–vermeulen"}, wrong: []string{"okafor–sato"}}},
		{"wrong date, place and kind", `{"id": "a1", "meetings": [
		  {"kind": "call", "date": "2025-02", "location": "Rotterdam",
		   "participants": [{"name": "Okafor", "role": "Minister for Foreign Affairs", "country": "NG"}, {"name": "Vermeulen", "role": "Trade Minister", "country": "BE"}]},
		  {"kind": "meeting", "date": "2025-02-01", "location": "Tokyo",
		   "participants": [{"name": "Vermeulen", "role": "Envoy", "country": "NL"}, {"name": "Sato", "role": "Ambassador", "country": "JP"}]}]}`,
			// Okafor's role: {minister, foreign, affairs} vs {foreign, minister}: 0.8. Vermeulen's first entry counts (BE).
			want{tp: 2, fn: 1, role: [2]int{3, 3}, country: [2]int{2, 3}, date: [2]int{0, 2}, loc: [2]int{0, 2}, kind: [2]int{0, 2},
				missed: []string{"dewit–okafor"}}},
		{"one predicted meeting serves two gold meetings", `{"id": "a1", "meetings": [
		  {"kind": "meeting", "date": "2025-02-03", "location": "The Hague",
		   "participants": [{"name": "Okafor"}, {"name": "De Wit"}, {"name": "Vermeulen"}, {"name": "Sato"}]}]}`,
			want{tp: 3, fp: 2, role: [2]int{0, 4}, country: [2]int{0, 4}, date: [2]int{1, 2}, loc: [2]int{1, 2}, kind: [2]int{1, 2},
				wrong: []string{"dewit–sato", "okafor–sato"}}},
		{"best match: most pairs, then kind", `{"id": "a1", "meetings": [
		  {"kind": "meeting", "date": "2025-02-03", "participants": [{"name": "Vermeulen"}, {"name": "Sato"}, {"name": "Okafor"}]},
		  {"kind": "call", "date": "2025-01-01", "participants": [{"name": "Vermeulen"}, {"name": "Sato"}]},
		  {"kind": "meeting", "date": "2025-02-03", "location": "The Hague", "participants": [{"name": "Okafor"}, {"name": "De Wit"}, {"name": "Vermeulen"}]}]}`,
			// gold meeting 1: pred 0 has 1 pair (+kind) = 1.5, pred 2 has 2 pairs (+kind) = 2.5: pred 2.
			// gold call: pred 0 has 1 pair = 1, pred 1 has 1 pair + kind = 1.5: pred 1 (date wrong, null wanted).
			want{tp: 3, fp: 1, role: [2]int{0, 4}, country: [2]int{0, 4}, date: [2]int{1, 2}, loc: [2]int{2, 2}, kind: [2]int{2, 2},
				wrong: []string{"okafor–sato"}}},
		{"best match: a used meeting loses a quarter", `{"id": "a1", "meetings": [
		  {"kind": "call", "date": "2025-02-03", "participants": [{"name": "Okafor"}, {"name": "Vermeulen"}, {"name": "Sato"}]},
		  {"kind": "call", "date": null, "participants": [{"name": "Vermeulen"}, {"name": "Sato"}]}]}`,
			// gold meeting 1 takes pred 0 (kind wrong); the gold call: pred 0 = 1 + 0.5 - 0.25, pred 1 = 1.5: pred 1.
			want{tp: 2, fp: 1, fn: 1, role: [2]int{0, 3}, country: [2]int{0, 3}, date: [2]int{2, 2}, loc: [2]int{2, 2}, kind: [2]int{1, 2},
				missed: []string{"dewit–okafor"}, wrong: []string{"okafor–sato"}}},
		{"best match: ties go to the earlier prediction", `{"id": "a1", "meetings": [
		  {"kind": "call", "date": null, "participants": [{"name": "Vermeulen"}, {"name": "Sato"}]},
		  {"kind": "call", "date": "2025-02-05", "participants": [{"name": "Vermeulen"}, {"name": "Sato"}]}]}`,
			want{tp: 1, fn: 2, role: [2]int{0, 2}, country: [2]int{0, 2}, date: [2]int{1, 1}, loc: [2]int{1, 1}, kind: [2]int{1, 1},
				missed: []string{"dewit–okafor", "okafor–vermeulen"}}},
		{"best match: ties go to the earlier prediction (reversed)", `{"id": "a1", "meetings": [
		  {"kind": "call", "date": "2025-02-05", "participants": [{"name": "Vermeulen"}, {"name": "Sato"}]},
		  {"kind": "call", "date": null, "participants": [{"name": "Vermeulen"}, {"name": "Sato"}]}]}`,
			want{tp: 1, fn: 2, role: [2]int{0, 2}, country: [2]int{0, 2}, date: [2]int{0, 1}, loc: [2]int{1, 1}, kind: [2]int{1, 1},
				missed: []string{"dewit–okafor", "okafor–vermeulen"}}},
	}
	s := newScorer(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gold, err := ReadGold(strings.NewReader(goldOne), "gold")
			if err != nil {
				t.Fatal(err)
			}
			preds, err := ReadPredictions(strings.NewReader(oneLine(t, c.preds)), "preds", func(err error) { t.Fatal(err) })
			if err != nil {
				t.Fatal(err)
			}
			r := s.Score(gold, preds)
			w := c.want
			if r.Pairs.TP != w.tp || r.Pairs.FP != w.fp || r.Pairs.FN != w.fn {
				t.Errorf("pairs tp/fp/fn = %d/%d/%d, want %d/%d/%d", r.Pairs.TP, r.Pairs.FP, r.Pairs.FN, w.tp, w.fp, w.fn)
			}
			for _, a := range []struct {
				name string
				got  Accuracy
				want [2]int
			}{{"role", r.Role, w.role}, {"country", r.Country, w.country}, {"date", r.Date, w.date}, {"location", r.Location, w.loc}, {"kind", r.Kind, w.kind}} {
				if a.got.Right != a.want[0] || a.got.N != a.want[1] {
					t.Errorf("%s = %d/%d, want %d/%d", a.name, a.got.Right, a.got.N, a.want[0], a.want[1])
				}
				if (a.got.N == 0) != (a.got.Accuracy == nil) {
					t.Errorf("%s accuracy %v with n=%d", a.name, a.got.Accuracy, a.got.N)
				}
			}
			art := r.PerArticle[0]
			if strings.Join(art.Missed, ",") != strings.Join(w.missed, ",") || strings.Join(art.Wrong, ",") != strings.Join(w.wrong, ",") {
				t.Errorf("missed %q wrong %q, want %q %q", art.Missed, art.Wrong, w.missed, w.wrong)
			}
			if (len(r.Missing) == 1) != w.missing || r.Articles.Predicted != 1-len(r.Missing) {
				t.Errorf("missing %v, articles %+v", r.Missing, r.Articles)
			}
		})
	}
}

func TestScoreRates(t *testing.T) {
	s := newScorer(t)
	gold, err := ReadGold(strings.NewReader(goldOne), "gold")
	if err != nil {
		t.Fatal(err)
	}
	preds, _ := ReadPredictions(strings.NewReader(`{"id": "a1", "meetings": [{"participants": [{"name": "Okafor"}, {"name": "Vermeulen"}, {"name": "Sato"}]}]}`), "p", func(error) {})
	r := s.Score(gold, preds)
	// tp=2 (okafor–vermeulen, sato–vermeulen), fp=1 (okafor–sato), fn=1.
	if r.Pairs.Precision != 0.667 || r.Pairs.Recall != 0.667 || r.Pairs.F1 != 0.667 {
		t.Errorf("pairs %+v", r.Pairs)
	}
	var buf bytes.Buffer
	if err := r.WriteText(&buf, true); err != nil {
		t.Fatal(err)
	}
	want := "a1: tp=2 fp=1 fn=1\n  missed: dewit–okafor\n  wrong:  okafor–sato\n" +
		"pairs: P=0.667 R=0.667 F1=0.667 (tp=2 fp=1 fn=1)\n" +
		"role=0.0 (n=3)  country=0.0 (n=3)  date=0.5 (n=2)  location=1.0 (n=2)  kind=0.5 (n=2)\n"
	if buf.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", buf.String(), want)
	}
	buf.Reset()
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	wantJSON := `{"pairs": {"precision": 0.667, "recall": 0.667, "f1": 0.667, "tp": 2, "fp": 1, "fn": 1}, "role": {"accuracy": 0.0, "n": 3}, ` +
		`"country": {"accuracy": 0.0, "n": 3}, "date": {"accuracy": 0.5, "n": 2}, "location": {"accuracy": 1.0, "n": 2}, ` +
		`"kind": {"accuracy": 0.5, "n": 2}, "articles": {"gold": 1, "predicted": 1}}` + "\n"
	if buf.String() != wantJSON {
		t.Errorf("WriteJSON:\n%s\nwant:\n%s", buf.String(), wantJSON)
	}
	js, _ := json.Marshal(r)
	if !strings.HasPrefix(string(js), `{"pairs":{"precision":0.667,"recall":0.667,"f1":0.667,"tp":2,"fp":1,"fn":1},"role":{"accuracy":0,"n":3}`) {
		t.Errorf("json %s", js)
	}
}

func TestReadErrors(t *testing.T) {
	var bad []string
	ps, err := ReadPredictions(strings.NewReader("{\"id\":\"x\",\"meetings\":[]}\n\nnot json\n{\"id\": 7}\n{\"id\":\"y\",\"meetings\":[{\"date\": 2025}]}\n"),
		"p.jsonl", func(err error) { bad = append(bad, err.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || len(bad) != 2 || !strings.HasPrefix(bad[0], "p.jsonl:3: ") || !strings.HasPrefix(bad[1], "p.jsonl:5: ") {
		t.Errorf("preds %v, bad %q", ps, bad)
	}
	for _, g := range []string{`{"articles": [{"people": {}}]}`, `{"articles": [{"id": "a", "meetings": [{"date": "2025"}]}]}`, `[`} {
		if _, err := ReadGold(strings.NewReader(g), "g.json"); err == nil || !strings.Contains(err.Error(), "g.json") {
			t.Errorf("ReadGold(%s) = %v", g, err)
		}
	}
	// A bare null date is read as [null]; people keep their order.
	g, err := ReadGold(strings.NewReader(`{"articles": [{"id": "a", "people": {"z": {"names": ["Zed"]}, "b": {"names": ["Bee"]}, "z": {"names": ["Zee"]}}, "meetings": [{"date": null}]}]}`), "g")
	if err != nil {
		t.Fatal(err)
	}
	a := g.Articles[0]
	if l := a.Meetings[0].Date.List(); len(l) != 1 || l[0] != nil {
		t.Errorf("null date read as %v", l)
	}
	if len(a.People) != 2 || a.People[0].Key != "z" || a.People[0].Names[0] != "Zee" || a.People[1].Key != "b" {
		t.Errorf("people %+v", a.People)
	}
}

// TestWordsMatchScorePy checks words.txt against score.py's sets, where
// the shared corpus sits beside the repository.
func TestWordsMatchScorePy(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	src, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "shared", "eval", "score.py"))
	if err != nil {
		t.Skipf("no ../shared/eval/score.py beside the repository: %v", err)
	}
	w := newScorer(t).w
	for name, got := range map[string]map[string]bool{"HONORIFICS": w.honorifics, "PARTICLES": w.particles, "ROLE_STOP": w.roleStop, "DEMONYMS": w.demonyms} {
		m := regexp.MustCompile(`(?s)\n` + name + ` = \{(.*?)\}`).FindSubmatch(src)
		if m == nil {
			t.Fatalf("score.py has no %s", name)
		}
		var want []string
		for _, q := range regexp.MustCompile(`"([^"]*)"`).FindAllSubmatch(m[1], -1) {
			want = append(want, string(q[1]))
		}
		var have []string
		for k := range got {
			have = append(have, k)
		}
		sort.Strings(want)
		sort.Strings(have)
		if strings.Join(want, " ") != strings.Join(have, " ") {
			t.Errorf("%s: words.txt has %v, score.py %v", name, have, want)
		}
	}
}
