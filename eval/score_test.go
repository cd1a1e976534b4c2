package eval

import (
	"strings"
	"testing"
)

// The people and meetings here are invented.
const goldOslo = `{"articles": [{
 "id": "a1",
 "people": {
  "ruiz":  {"names": ["Ana María Ruíz", "Ruiz"], "country": "CL", "roles": ["Deputy Foreign Minister"]},
  "berg":  {"names": ["Kari Berg", "Berg"], "country": "NO", "roles": ["Foreign Minister"]},
  "lund":  {"names": ["Per Lund", "Lund"], "country": "NO", "roles": ["Senior Adviser to the Minister for Fisheries"]},
  "okafor": {"names": ["Chidi Okafor"], "country": null, "roles": ["Special Envoy"]},
  "aide":  {"names": ["Mona Vik"], "country": "NO", "roles": ["aide"]}
 },
 "meetings": [
  {"kind": "meeting", "status": "occurred",
   "participants": [{"who": "ruiz", "side": "CL"}, {"who": "berg", "side": "NO"}, {"who": "lund", "side": "NO"},
                    {"who": "aide", "side": "NO", "optional": true}],
   "date": ["2025-03-11"], "location": ["Oslo"]},
  {"kind": "call",
   "participants": [{"who": "ruiz", "side": "CL"}, {"who": "okafor", "side": "UN"}],
   "date": [null]},
  {"kind": "meeting", "status": "planned",
   "participants": [{"who": "berg", "side": "NO"}, {"who": "okafor", "side": "UN"}],
   "date": [null], "location": ["Geneva", null]}
 ]}]}`

// pred builds one prediction line for article a1.
func pred(meetings ...string) string {
	return `{"id": "a1", "meetings": [` + strings.Join(meetings, ",") + `]}`
}

const (
	oslo     = `{"kind": "meeting", "status": "occurred", "date": "2025-03-11", "location": "Oslo", "participants": [{"name": "Ana Maria Ruiz", "role": "Deputy Foreign Minister", "country": "CL"}, {"name": "Kari Berg", "role": "Foreign Minister", "country": "NO"}, {"name": "Per Lund", "role": "senior adviser", "country": "NO"}]}`
	call     = `{"kind": "call", "status": "occurred", "date": null, "location": null, "participants": [{"name": "Ruiz", "role": "deputy minister", "country": "CL"}, {"name": "Chidi Okafor", "role": "envoy", "country": null}]}`
	planned  = `{"kind": "meeting", "status": "planned", "date": null, "location": "Geneva", "participants": [{"name": "Berg"}, {"name": "Okafor"}]}`
	berglund = `{"kind": "meeting", "participants": [{"name": "Berg"}, {"name": "Lund"}]}`
)

type want struct {
	tp, fp, fn                          int
	role, country, date, location, kind [2]int // right, n
}

func TestScore(t *testing.T) {
	gold, err := ReadGold(strings.NewReader(goldOslo), "gold")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		pred string // "" = no prediction for a1
		want want
	}{
		{"perfect", pred(oslo, call, planned),
			// lund's "senior adviser" against four words: Dice 4/6, right.
			want{tp: 3, role: [2]int{4, 4}, country: [2]int{3, 3}, date: [2]int{2, 2}, location: [2]int{2, 2}, kind: [2]int{2, 2}}},
		{"no prediction", "", want{fn: 3}},
		{"missed participant", pred(strings.Replace(oslo, `{"name": "Per Lund", "role": "senior adviser", "country": "NO"}`, `{"name": ""}`, 1)),
			want{tp: 1, fn: 2, role: [2]int{2, 2}, country: [2]int{2, 2}, date: [2]int{1, 1}, location: [2]int{1, 1}, kind: [2]int{1, 1}}},
		{"same-side and optional pairs are neither right nor wrong",
			pred(berglund, `{"participants": [{"name": "Mona Vik"}, {"name": "Ruiz"}]}`), want{fn: 3}},
		{"planned predicted as occurred is wrong",
			pred(strings.Replace(planned, `"planned"`, `"occurred"`, 1)), want{fp: 1, fn: 3}},
		{"planned prediction is ignored", pred(planned), want{fn: 3}},
		{"unknown person is a wrong pair", pred(`{"participants": [{"name": "Kari Berg"}, {"name": "Jon Doe"}]}`), want{fp: 1, fn: 3}},
		{"names: honorifics, accents, particles, last two words", pred(
			`{"kind": "call", "participants": [{"name": "Dr. Ana-María Ruíz", "country": "cl", "role": "Chilean Deputy Foreign Minister"}, {"name": "H.E. Chidi al-Okafor"}]}`),
			// "H.E. Chidi al-Okafor" folds to "h e chidi okafor": its last two words are a name.
			want{tp: 1, fn: 2, role: [2]int{1, 2}, country: [2]int{1, 1}, date: [2]int{1, 1}, location: [2]int{1, 1}, kind: [2]int{1, 1}}},
		{"first prediction for a person gives the role", pred(call, strings.Replace(call, `"deputy minister"`, `"spokesman"`, 1)),
			want{tp: 1, fn: 2, role: [2]int{2, 2}, date: [2]int{1, 1}, location: [2]int{1, 1}, kind: [2]int{1, 1}, country: [2]int{1, 1}}},
		{"the meeting sharing the pair and the kind is compared", pred(
			strings.Replace(call, `"call"`, `"meeting"`, 1), strings.Replace(call, `"date": null`, `"date": "2025-03-10"`, 1)),
			// second prediction wins on kind (1 pair + 0.5) and has the wrong date
			want{tp: 1, fn: 2, role: [2]int{2, 2}, country: [2]int{1, 1}, date: [2]int{0, 1}, location: [2]int{1, 1}, kind: [2]int{1, 1}}},
		{"location containment and month dates", pred(
			strings.NewReplacer(`"Oslo"`, `"the foreign ministry in OSLO"`, `"2025-03-11"`, `"2025-03"`).Replace(oslo)),
			want{tp: 2, fn: 1, role: [2]int{3, 3}, country: [2]int{3, 3}, date: [2]int{0, 1}, location: [2]int{1, 1}, kind: [2]int{1, 1}}},
		{"empty strings are nulls", pred(strings.NewReplacer(`"kind": "call"`, `"kind": ""`, `"status": "occurred"`, `"status": ""`).Replace(call)),
			want{tp: 1, fn: 2, role: [2]int{2, 2}, country: [2]int{1, 1}, date: [2]int{1, 1}, location: [2]int{1, 1}, kind: [2]int{0, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			preds := map[string]Prediction{}
			if tc.pred != "" {
				id, p, err := ParsePrediction([]byte(tc.pred))
				if err != nil {
					t.Fatal(err)
				}
				preds[id] = p
			}
			r := Score(gold, preds)
			got := want{tp: r.Pairs.TP, fp: r.Pairs.FP, fn: r.Pairs.FN,
				role: [2]int{r.Role.Right, r.Role.N}, country: [2]int{r.Country.Right, r.Country.N},
				date: [2]int{r.Date.Right, r.Date.N}, location: [2]int{r.Location.Right, r.Location.N}, kind: [2]int{r.Kind.Right, r.Kind.N}}
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if (tc.pred == "") != (len(r.Missing) == 1) {
				t.Errorf("missing = %v", r.Missing)
			}
		})
	}
}

func TestScoreRatios(t *testing.T) {
	gold, err := ReadGold(strings.NewReader(goldOslo), "gold")
	if err != nil {
		t.Fatal(err)
	}
	// "Okafor" alone is not a listed name: an unknown person "?okafor".
	_, p, err := ParsePrediction([]byte(pred(strings.Replace(oslo, `"senior adviser"`, `"spokesman"`, 1), planned,
		`{"participants": [{"name": "Berg"}, {"name": "Okafor"}]}`)))
	if err != nil {
		t.Fatal(err)
	}
	r := Score(gold, map[string]Prediction{"a1": p})
	// tp=2 fp=1 fn=1: P=R=F1=2/3, rounded to three decimals as score.py does.
	if r.Pairs.Precision != 0.667 || r.Pairs.Recall != 0.667 || r.Pairs.F1 != 0.667 {
		t.Errorf("pairs = %+v", r.Pairs)
	}
	var b strings.Builder
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	const wantJSON = `{"pairs": {"precision": 0.667, "recall": 0.667, "f1": 0.667, "tp": 2, "fp": 1, "fn": 1}, "role": {"accuracy": 0.667, "n": 3}, "country": {"accuracy": 1.0, "n": 3}, "date": {"accuracy": 1.0, "n": 1}, "location": {"accuracy": 1.0, "n": 1}, "kind": {"accuracy": 1.0, "n": 1}, "articles": {"gold": 1, "predicted": 1}}` + "\n"
	if b.String() != wantJSON {
		t.Errorf("json:\n%s\nwant\n%s", b.String(), wantJSON)
	}
	var sb strings.Builder
	if err := r.WriteText(&sb, true); err != nil {
		t.Fatal(err)
	}
	const wantText = "a1: tp=2 fp=1 fn=1\n  missed: okafor–ruiz\n  wrong:  ?okafor–berg\n" +
		"pairs: P=0.667 R=0.667 F1=0.667 (tp=2 fp=1 fn=1)\n" +
		"role=0.667 (n=3)  country=1.0 (n=3)  date=1.0 (n=1)  location=1.0 (n=1)  kind=1.0 (n=1)\n"
	if sb.String() != wantText {
		t.Errorf("text:\n%s\nwant\n%s", sb.String(), wantText)
	}
}

func TestNullStatusInGold(t *testing.T) {
	// score.py builds pairs with mt.get("status", "occurred") (null is not
	// occurred) but picks meetings for dates with (status or "occurred").
	g := `{"articles": [{"id": "x", "people": {"a": {"names": ["Ada Moe"], "country": "NO", "roles": []}, "b": {"names": ["Bo Lin"], "country": "SE", "roles": []}},
	 "meetings": [{"status": null, "participants": [{"who": "a", "side": "NO"}, {"who": "b", "side": "SE"}], "date": ["2020"]}]}]}`
	gold, err := ReadGold(strings.NewReader(g), "gold")
	if err != nil {
		t.Fatal(err)
	}
	_, p, _ := ParsePrediction([]byte(`{"id": "x", "meetings": [{"participants": [{"name": "Ada Moe"}, {"name": "Bo Lin"}]}]}`))
	r := Score(gold, map[string]Prediction{"x": p})
	if r.Pairs.FP != 1 || r.Pairs.TP != 0 || r.Date.N != 0 {
		t.Errorf("got %+v, date n=%d", r.Pairs, r.Date.N)
	}
}

func TestAliasOfLaterPersonWins(t *testing.T) {
	g := `{"articles": [{"id": "x", "people": {
	  "z": {"names": ["Moe"], "country": "NO", "roles": []},
	  "a": {"names": ["Ada Moe", "Moe"], "country": "NO", "roles": []},
	  "b": {"names": ["Bo Lin"], "country": "SE", "roles": []}},
	 "meetings": [{"participants": [{"who": "a", "side": "NO"}, {"who": "b", "side": "SE"}]}]}]}`
	gold, err := ReadGold(strings.NewReader(g), "gold")
	if err != nil {
		t.Fatal(err)
	}
	_, p, _ := ParsePrediction([]byte(`{"id": "x", "meetings": [{"participants": [{"name": "Minister Moe"}, {"name": "Bo Lin"}]}]}`))
	if r := Score(gold, map[string]Prediction{"x": p}); r.Pairs.TP != 1 {
		t.Errorf("Moe should resolve to the later person a: %+v", r.Pairs)
	}
}

func TestNameKey(t *testing.T) {
	for in, want := range map[string]string{
		"Dr. Ana-María Ruíz":         "ana maria ruiz",
		"His Excellency Sheikh Omar": "omar",
		"al-Fulan":                   "fulan",
		"Ｆｏｏ Ｂａｒ":                    "foo bar", // NFKD folds full-width letters
		"  ":                         "",
		"Minister":                   "",
	} {
		if got := nameKey(in); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRoleOK(t *testing.T) {
	tests := []struct {
		pred  string
		golds []string
		want  bool
	}{
		{"Deputy Minister", []string{"Deputy Foreign Minister"}, true}, // 2*2/(2+3)
		{"Adviser", []string{"Senior Adviser to the Minister for Fisheries"}, false},
		{"senior adviser", []string{"Senior Adviser to the Minister"}, true}, // 2*2/(2+3)... exactly 0.8
		{"Minister", []string{"Foreign Minister"}, true},                     // 2*1/(1+2) = 0.67
		{"Iranian", []string{"Iranian Ambassador"}, false},                   // only a country word
		{"ambassador", []string{"the", "Ambassador"}, true},                  // a phrasing of stop words is skipped
		{"chief", []string{"chief of staff of the army"}, true},              // 2*1/(1+3) = 0.5 exactly
	}
	for _, tc := range tests {
		if got := roleOK(tc.pred, tc.golds); got != tc.want {
			t.Errorf("roleOK(%q, %q) = %v", tc.pred, tc.golds, got)
		}
	}
}

func TestUpperIsFullCaseMapping(t *testing.T) {
	if got := upper("ﬁ"); got != "FI" {
		t.Errorf("upper(ﬁ) = %q, want FI as Python's str.upper", got)
	}
}

func TestReadGoldErrors(t *testing.T) {
	for _, in := range []string{`{`, `{"x": 1}`, `{"articles": [{"id": "a", "people": []}]}`} {
		if _, err := ReadGold(strings.NewReader(in), "g.json"); err == nil || !strings.Contains(err.Error(), "g.json") {
			t.Errorf("ReadGold(%s) err = %v, want one naming g.json", in, err)
		}
	}
	if _, _, err := ParsePrediction([]byte(`{"id": "a", "meetings": [{"date": 2024}]}`)); err == nil || !strings.Contains(err.Error(), "date") {
		t.Errorf("numeric date: err = %v", err)
	}
}
