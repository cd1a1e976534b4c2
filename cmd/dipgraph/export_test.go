package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/graph/sqlite"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// sampleStore is an embedded store in dir holding examples/articles.jsonl.
func sampleStore(t *testing.T, dir string) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(repoRoot(t), "examples", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var arts []extract.Article
	if err := extract.ReadArticles(f, "examples/articles.jsonl", func(_ int, a extract.Article, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	if _, errs, err := (&ingest.Pipeline{Extractor: x, Store: st, Batch: 2}).Ingest(ctx, arts); err != nil || len(errs) > 0 {
		t.Fatalf("ingest examples: %v %v", err, errs)
	}
	return st
}

// sameGraph fails unless both stores hold the same people, meetings and
// answers to "who met whom".
func sameGraph(t *testing.T, a, b graph.Store) {
	t.Helper()
	ctx := context.Background()
	sa, err := a.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := b.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sa.People != sb.People || sa.Meetings != sb.Meetings || sa.Articles != sb.Articles {
		t.Errorf("stats differ: %+v and %+v", sa, sb)
	}
	people, err := a.SearchPeople(ctx, graph.PersonFilter{Limit: graph.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people.People {
		ca, err := a.Counterparts(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		cb, err := b.Counterparts(ctx, p.ID)
		if err != nil {
			t.Fatalf("counterparts of %s in the copy: %v", p.ID, err)
		}
		if got, want := counterpartKeys(cb), counterpartKeys(ca); got != want {
			t.Errorf("who met %s: copy says %s, original %s", p.Name, got, want)
		}
	}
}

func counterpartKeys(cs []graph.Counterpart) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Person.ID+"/"+strings.Join(c.MeetingIDs, ","))
	}
	return strings.Join(out, " ")
}

// The replay keeps ids and answers; checked between two embedded stores,
// so it runs everywhere.
func TestExportDocumentsReplaysTheGraph(t *testing.T) {
	src := sampleStore(t, t.TempDir())
	defer src.Close(context.Background())
	dst, err := sqlite.Open(context.Background(), sqlite.Config{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close(context.Background())
	n, counts, err := exportDocuments(context.Background(), src, dst, 2)
	if err != nil || n != 3 || counts[graph.ArticleCreated] != 3 {
		t.Fatalf("export: %d %v %v", n, counts, err)
	}
	sameGraph(t, src, dst)
	if n, counts, err := exportDocuments(context.Background(), src, dst, 2); err != nil || n != 3 || counts[graph.ArticleUnchanged] != 3 {
		t.Errorf("second export: %d %v %v, want 3 unchanged", n, counts, err)
	}
}

func TestExportToNeo4j(t *testing.T) {
	cfg := neo4jtest.Get(t)
	cfg.Wipe(t)
	dir := t.TempDir()
	src := sampleStore(t, dir)
	defer src.Close(context.Background())
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(k string) string {
		return map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USERNAME": cfg.Username, "NEO4J_PASSWORD": cfg.Password, "NEO4J_DATABASE": cfg.Database}[k]
	}, log: testLog(t)}
	if code := run(context.Background(), e, []string{"export", "--to", "neo4j", "--data", dir}); code != 0 {
		t.Fatalf("export exited %d: %s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "exported 3 articles") || !strings.Contains(out.String(), "3 created") {
		t.Errorf("output: %s", out.String())
	}
	dst, err := neo4j.Open(context.Background(), neo4j.Config{URI: cfg.URI, Username: cfg.Username, Password: cfg.Password, Database: cfg.Database})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close(context.Background())
	sameGraph(t, src, dst)
	out.Reset()
	if code := run(context.Background(), e, []string{"export", "--to", "neo4j", "--data", dir}); code != 0 || !strings.Contains(out.String(), "3 unchanged") {
		t.Errorf("second export exited %d: %s%s", code, out.String(), errOut.String())
	}
}

func testLog(*testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func TestExportRefusesBadInput(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string // in stderr
	}{
		{"no target", []string{"export", "--data", empty}, nil, "usage: dipgraph export"},
		{"unknown target", []string{"export", "--to", "postgres", "--data", empty}, nil, "usage: dipgraph export"},
		{"no Neo4j", []string{"export", "--to", "neo4j", "--data", empty}, nil, "NEO4J_URI"},
		{"no embedded graph", []string{"export", "--to", "neo4j", "--data", filepath.Join(empty, "missing")},
			map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, "no embedded graph in " + filepath.Join(empty, "missing")},
		{"bad batch", []string{"export", "--to", "neo4j", "--data", empty, "--batch", "0"},
			map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}, "--batch 0"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		e := &env{stdout: &out, stderr: &errOut, getenv: func(k string) string { return tt.env[k] }, log: testLog(t)}
		if code := run(context.Background(), e, tt.args); code == 0 {
			t.Errorf("%s: exit 0", tt.name)
		}
		if !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%s: stderr %q, want it to say %q", tt.name, errOut.String(), tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(empty, "missing")); !os.IsNotExist(err) {
		t.Errorf("export created the missing data directory (%v)", err)
	}
}

// A graph whose history holds an update replays to the same ids: the
// updated article keeps its first place among the documents.
func TestExportAfterAnUpdateKeepsIDs(t *testing.T) {
	ctx := context.Background()
	report := func(id, text, date string, who ...graph.Participant) graph.Document {
		return graph.Document{
			Article: graph.Article{ID: id, Published: "2025-05-02", SHA256: graph.TextHash(text)},
			Meetings: []graph.MeetingReport{{Kind: graph.KindMeeting, Status: graph.StatusOccurred, Date: date,
				Participants: who, Evidence: []graph.Evidence{{End: len(text), Text: text}}, Confidence: 0.9}},
		}
	}
	ines := graph.Participant{Name: "Ines Albuquerque", Country: "PT", Role: "Foreign Minister"}
	ott := graph.Participant{Name: "Magnus Ott", Country: "AT", Role: "Foreign Minister"}
	src, err := sqlite.Open(ctx, sqlite.Config{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close(ctx)
	for _, d := range []graph.Document{
		report("x1", "Albuquerque met Ott in May.", "2025-05", ines, ott),
		report("x2", "Ott and Albuquerque met on 1 May.", "2025-05-01", graph.Participant{Name: "Ott", Country: "AT"}, ines),
		report("x1", "Albuquerque met Ott in Lisbon in May.", "2025-05", ines, ott), // corrected text, same facts
	} {
		if _, err := src.Ingest(ctx, []graph.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	dst, err := sqlite.Open(ctx, sqlite.Config{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close(ctx)
	if n, _, err := exportDocuments(ctx, src, dst, 1); err != nil || n != 2 {
		t.Fatalf("export: %d, %v", n, err)
	}
	sameGraph(t, src, dst)
}
