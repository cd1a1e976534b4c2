package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/ingest"
)

// Invented names to vary the generated articles.
var (
	benchGiven  = []string{"Arlen", "Besa", "Corin", "Dalia", "Emre", "Farah", "Goran", "Hedda", "Ilkka", "Jovana", "Kemal", "Lior"}
	benchFamily = []string{"Marosi", "Okafor", "Lindgren", "Castel", "Vuković", "Haddad", "Ferreira", "Nakamura", "Brennan", "Sørby"}
	benchPairs  = [][2]string{{"French", "Paris"}, {"Italian", "Rome"}, {"Polish", "Warsaw"}, {"Spanish", "Madrid"}, {"Greek", "Athens"}, {"Swedish", "Stockholm"}}
)

// writeBenchFolder writes n invented articles as JSON Lines files of 100.
func writeBenchFolder(b *testing.B, dir string, n int) {
	b.Helper()
	var sb strings.Builder
	for i := range n {
		p1, p2 := benchPairs[i%len(benchPairs)], benchPairs[(i/len(benchPairs)+1+i)%len(benchPairs)]
		a := fmt.Sprintf("%s %s", benchGiven[i%len(benchGiven)], benchFamily[i%len(benchFamily)])
		c := fmt.Sprintf("%s %s", benchGiven[(i*7+3)%len(benchGiven)], benchFamily[(i*3+1)%len(benchFamily)])
		day := i%28 + 1
		text := fmt.Sprintf("%s Foreign Minister %s met %s Foreign Minister %s in %s on %d March 2024. "+
			"The two ministers discussed trade, energy and student exchanges during talks that lasted most of the afternoon, officials said. "+
			"Item %d of the generated benchmark corpus; it describes nothing real.",
			p1[0], a, p2[0], c, p1[1], day, i)
		pub := fmt.Sprintf("2024-03-%02d", day)
		line, _ := json.Marshal(extract.Article{ID: fmt.Sprintf("bench-%05d", i), Title: "Generated talks", Published: &pub, Source: "Bench Wire", Text: text})
		sb.Write(line)
		sb.WriteByte('\n')
		if (i+1)%100 == 0 || i == n-1 {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("part-%03d.jsonl", i/100)), []byte(sb.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			sb.Reset()
		}
	}
}

// BenchmarkFolderRun ingests a folder of 5,000 generated articles into a
// fresh embedded store per iteration and reports articles per second:
// "job" through the folder job (listing, exactly-once keys, checkpoints,
// progress), "pipeline" as the baseline, the same files read and sent
// straight through ingest.Pipeline, so the ratio is what the job's
// bookkeeping costs.
func BenchmarkFolderRun(b *testing.B) {
	const n = 5000
	dir := b.TempDir()
	writeBenchFolder(b, dir, n)
	x := testExtractor(b)
	b.Run("job", func(b *testing.B) {
		var stored int
		for b.Loop() {
			b.StopTimer()
			st := openSQLite(b)
			r := &Runner{Store: st, Extractor: x, Logger: testLogger(b)}
			b.StartTimer()
			run, err := r.Run(context.Background(), Job{Name: "bench", Source: SourceConfig{Type: TypeFolder, Path: dir}})
			if err != nil {
				b.Fatal(err)
			}
			if run.Stored != n {
				b.Fatalf("stored %d of %d (errors %q)", run.Stored, n, run.Errors)
			}
			stored += run.Stored
			b.StopTimer()
			st.Close(context.Background())
			b.StartTimer()
		}
		b.ReportMetric(float64(stored)/b.Elapsed().Seconds(), "articles/s")
	})
	b.Run("pipeline", func(b *testing.B) {
		files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		var stored int
		for b.Loop() {
			b.StopTimer()
			st := openSQLite(b)
			p := &ingest.Pipeline{Extractor: x, Store: st}
			b.StartTimer()
			var articles []extract.Article
			for _, f := range files {
				fh, err := os.Open(f)
				if err != nil {
					b.Fatal(err)
				}
				err = extract.ReadArticles(fh, f, func(_ int, a extract.Article, err error) error {
					articles = append(articles, a)
					return err
				})
				fh.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
			res, errs, err := p.Ingest(context.Background(), articles)
			if err != nil || len(errs) > 0 || len(res) != n {
				b.Fatalf("stored %d of %d: %v %v", len(res), n, err, errs)
			}
			stored += len(res)
			b.StopTimer()
			st.Close(context.Background())
			b.StartTimer()
		}
		b.ReportMetric(float64(stored)/b.Elapsed().Seconds(), "articles/s")
	})
}
