package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// seeds is the shared seed corpus beside the repository, when present.
func seeds(t *testing.T) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "..", "shared", "corpus", "seeds.jsonl")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no seed corpus at %s: %v", p, err)
	}
	return p
}

// TestIngestSeedsIntoNeo4j is the graph issue's acceptance test: after
// `dipgraph ingest --neo4j-uri URI seeds.jsonl`, Cypher says who met Sosan,
// each with the article and sentence it came from; a second ingest leaves
// every count as it was.
func TestIngestSeedsIntoNeo4j(t *testing.T) {
	cfg := neo4jtest.Get(t)
	file := seeds(t)
	cfg.Wipe(t)
	ingestOnce := func() string {
		var out, errOut bytes.Buffer
		e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, log: testLog(t)}
		args := []string{"ingest", "--neo4j-uri", cfg.URI, "--neo4j-username", cfg.Username, "--neo4j-password", cfg.Password, file}
		if code := run(context.Background(), e, args); code != 0 {
			t.Fatalf("dipgraph ingest exited %d:\n%s%s", code, out.String(), errOut.String())
		}
		return out.String()
	}
	if out := ingestOnce(); !strings.Contains(out, "5 created") {
		t.Errorf("first ingest: %s", out)
	}
	ctx := context.Background()
	d := cfg.Driver(t)
	query := func(cypher string) []*neo4jdriver.Record {
		res, err := neo4jdriver.ExecuteQuery(ctx, d, cypher, nil, neo4jdriver.EagerResultTransformer, neo4jdriver.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatalf("%s: %v", cypher, err)
		}
		return res.Records
	}
	recs := query(`
		MATCH (s:Person)-[:ATTENDED]->(m:Meeting {status: 'occurred'})<-[:ATTENDED]-(q:Person),
		      (m)-[r:REPORTED_IN]->(a:Article)
		WHERE s.name CONTAINS 'Sosan'
		RETURN q.name AS name, a.id AS article, r.evidence AS evidence ORDER BY name`)
	var names []string
	for _, r := range recs {
		name, _ := r.Get("name")
		article, _ := r.Get("article")
		evidence, _ := r.Get("evidence")
		ev, _ := evidence.([]any)
		if article == "" || len(ev) == 0 || !strings.Contains(ev[0].(string), strings.Fields(name.(string))[len(strings.Fields(name.(string)))-1]) {
			t.Errorf("%v: article %v, evidence %v: want the sentence that names them", name, article, ev)
		}
		if !slices.Contains(names, name.(string)) {
			names = append(names, name.(string))
		}
	}
	for _, want := range []string{"Amir Abdollahian", "Khaji", "Sobhani"} {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, want) }) {
			t.Errorf("who met Sosan = %q: %s missing", names, want)
		}
	}
	counts := func() [2]int64 {
		r := query(`CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels`)[0]
		n, _ := r.Get("nodes")
		rel, _ := r.Get("rels")
		return [2]int64{n.(int64), rel.(int64)}
	}
	before := counts()
	if out := ingestOnce(); !strings.Contains(out, "0 created, 0 updated, 5 unchanged") {
		t.Errorf("second ingest: %s", out)
	}
	if after := counts(); after != before {
		t.Errorf("nodes and relationships %v after the second ingest, %v before", after, before)
	}
}

func TestIngestReportsBadLinesAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	good, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, append([]byte("{not json\n"), good...), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, log: testLog(t)}
	code := run(context.Background(), e, []string{"ingest", "--data", filepath.Join(dir, "data"), in})
	if code != 1 {
		t.Errorf("exit %d, want 1 for a bad line", code)
	}
	if !strings.Contains(errOut.String(), "in.jsonl:1") || !strings.Contains(out.String(), "3 created, 0 updated, 0 unchanged, 1 failed") {
		t.Errorf("stdout %q\nstderr %q", out.String(), errOut.String())
	}
}
