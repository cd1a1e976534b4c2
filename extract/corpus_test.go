package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/eval"
	"github.com/jdkato/prose/v2"
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

// TestCorpusPairF1 scores the extractor on the seed corpus with the
// eval package (the Go port of score.py).
func TestCorpusPairF1(t *testing.T) {
	dir := corpusDir(t)
	f, err := os.Open(filepath.Join(dir, "seeds.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	gold, err := eval.ReadGold(f, "seeds.gold.json")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	scorer, err := eval.New()
	if err != nil {
		t.Fatal(err)
	}
	x := newX(t)
	preds := eval.Predictions{}
	for _, a := range loadCorpus(t, dir) {
		r, err := x.Extract(a)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, a.Text, r)
		// Through JSON, as score.py reads what `dipgraph extract` writes.
		js, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		p, err := eval.DecodePrediction(js)
		if err != nil {
			t.Fatal(err)
		}
		preds.Add(p)
	}
	rep := scorer.Score(gold, preds)
	var report strings.Builder
	if err := rep.WriteText(&report, true); err != nil {
		t.Fatal(err)
	}
	t.Logf("seeds:\n%s", report.String())
	// From the counts: the report's F1 is rounded to three decimals.
	tp, fp, fn := float64(rep.Pairs.TP), float64(rep.Pairs.FP), float64(rep.Pairs.FN)
	p, r := tp/max(1, tp+fp), tp/max(1, tp+fn)
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
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
