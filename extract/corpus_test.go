package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/jdkato/prose/v2"
	"golang.org/x/text/unicode/norm"
)

// corpusDir is ../shared/corpus beside the module root (this test runs in
// extract/, one level below the root).
func corpusDir(t testing.TB) string {
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "seeds.gold.json")); err != nil {
		t.Skipf("no corpus at %s (it lives beside the repository as ../shared/corpus): %v", dir, err)
	}
	return dir
}

func loadCorpus(t testing.TB, dir string) []Article {
	f, err := os.Open(filepath.Join(dir, "seeds.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var arts []Article
	err = ReadArticles(f, "seeds.jsonl", func(line int, a Article, err error) error {
		if err != nil {
			t.Errorf("corpus: %v", err)
			return nil
		}
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// A small port of the pair part of eval/score.py.

var (
	scoreHonorifics = set("mr mrs ms dr eng sheikh sayyed seyyed seyed sayed ayatollah general major brigadier president minister his excellency prince crown king emir sultan highness majesty ambassador foreign")
	nonAlnum        = regexp.MustCompile(`[^a-z0-9]+`)
)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func scoreFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.TrimSpace(nonAlnum.ReplaceAllString(b.String(), " "))
}

func scoreKey(name string) string {
	var toks []string
	for _, t := range strings.Fields(scoreFold(name)) {
		if t != "al" && t != "el" {
			toks = append(toks, t)
		}
	}
	for len(toks) > 0 && scoreHonorifics[toks[0]] {
		toks = toks[1:]
	}
	return strings.Join(toks, " ")
}

type goldArticle struct {
	ID     string `json:"id"`
	People map[string]struct {
		Names []string `json:"names"`
	} `json:"people"`
	Meetings []struct {
		Status       string `json:"status"`
		Participants []struct {
			Who      string `json:"who"`
			Side     string `json:"side"`
			Optional bool   `json:"optional"`
		} `json:"participants"`
	} `json:"meetings"`
}

type pair [2]string

func mkPair(a, b string) pair {
	if a > b {
		a, b = b, a
	}
	return pair{a, b}
}

func pairScore(gold []goldArticle, preds map[string]Result) (tp, fp, fn int) {
	for _, g := range gold {
		alias := map[string]string{}
		for k, p := range g.People {
			for _, n := range p.Names {
				alias[scoreKey(n)] = k
			}
		}
		resolve := func(name string) string {
			k := scoreKey(name)
			if k == "" {
				return ""
			}
			if v, ok := alias[k]; ok {
				return v
			}
			toks := strings.Fields(k)
			for _, n := range []int{2, 1} {
				if len(toks) > n {
					if v, ok := alias[strings.Join(toks[len(toks)-n:], " ")]; ok {
						return v
					}
				}
			}
			return "?" + k
		}
		goldPairs, optional, same := map[pair]bool{}, map[pair]bool{}, map[pair]bool{}
		for _, m := range g.Meetings {
			ps := m.Participants
			for i := range ps {
				for j := i + 1; j < len(ps); j++ {
					pr := mkPair(ps[i].Who, ps[j].Who)
					switch {
					case ps[i].Side == ps[j].Side:
						same[pr] = true
					case m.Status != "" && m.Status != "occurred":
					case ps[i].Optional || ps[j].Optional:
						optional[pr] = true
					default:
						goldPairs[pr] = true
					}
				}
			}
		}
		predPairs := map[pair]bool{}
		for _, m := range preds[g.ID].Meetings {
			if m.Status != "occurred" {
				continue
			}
			var who []string
			for _, p := range m.Participants {
				if k := resolve(p.Name); k != "" {
					who = append(who, k)
				}
			}
			for i := range who {
				for j := i + 1; j < len(who); j++ {
					if who[i] == who[j] {
						continue
					}
					pr := mkPair(who[i], who[j])
					if (optional[pr] && !goldPairs[pr]) || (same[pr] && !goldPairs[pr]) {
						continue
					}
					predPairs[pr] = true
				}
			}
		}
		for pr := range predPairs {
			if goldPairs[pr] {
				tp++
			} else {
				fp++
			}
		}
		for pr := range goldPairs {
			if !predPairs[pr] {
				fn++
			}
		}
	}
	return tp, fp, fn
}

func TestCorpusPairF1(t *testing.T) {
	dir := corpusDir(t)
	raw, err := os.ReadFile(filepath.Join(dir, "seeds.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Articles []goldArticle `json:"articles"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	x := newX(t)
	preds := map[string]Result{}
	for _, a := range loadCorpus(t, dir) {
		r, err := x.Extract(a)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, a.Text, r)
		preds[a.ID] = r
	}
	tp, fp, fn := pairScore(gold.Articles, preds)
	p := float64(tp) / max(1, float64(tp+fp))
	r := float64(tp) / max(1, float64(tp+fn))
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	t.Logf("pairs: P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", p, r, f1, tp, fp, fn)
	if f1 < 0.90 {
		t.Errorf("pair F1 %.3f below 0.90", f1)
	}
}

// benchTexts is the fixtures plus the corpus when present.
func benchTexts(b *testing.B) []Article {
	var arts []Article
	for _, f := range fixtures {
		arts = append(arts, article(f))
	}
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "seeds.jsonl")); err == nil {
		arts = append(arts, loadCorpus(b, dir)...)
	}
	return arts
}

func countTokens(arts []Article) int {
	n := 0
	for _, a := range arts {
		sc := bufio.NewScanner(strings.NewReader(a.Text))
		sc.Split(bufio.ScanWords)
		for sc.Scan() {
			n++
		}
	}
	return n
}

// BenchmarkExtract and BenchmarkProse run over the same texts; compare
// their articles/s. Run with -cpu 1 for one core.
func BenchmarkExtract(b *testing.B) {
	x := newX(b)
	arts := benchTexts(b)
	toks := countTokens(arts)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := x.Extract(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*len(arts))/sec, "articles/s")
	b.ReportMetric(float64(b.N*toks)/sec, "tokens/s")
}

// BenchmarkProse is prose's full default pipeline (tokenize, segment, tag,
// NER) with its model loaded once and reused through UsingModel.
func BenchmarkProse(b *testing.B) {
	arts := benchTexts(b)
	toks := countTokens(arts)
	warm, err := prose.NewDocument("Warm up the model.")
	if err != nil {
		b.Fatal(err)
	}
	model := warm.Model
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := prose.NewDocument(a.Text, prose.UsingModel(model)); err != nil {
				b.Fatal(err)
			}
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*len(arts))/sec, "articles/s")
	b.ReportMetric(float64(b.N*toks)/sec, "tokens/s")
}
