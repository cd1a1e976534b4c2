package neo4j_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/storetest"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// BenchmarkWrite compares the store's batched ingest (one transaction per
// 500 articles, DIPGRAPH_BENCH_BATCH to change; UNWIND statements) with a naive writer that sends one
// auto-commit MERGE per fact, on the same synthetic articles, in one run:
//
//	NEO4J_URI=... DIPGRAPH_BENCH_ARTICLES=10000 go test -run '^$' -bench Write -benchtime 1x ./graph/neo4j/
//
// The naive writer sends the same facts the store writes — article,
// people and their name keys, meeting, report, attendance, place, countries,
// REPRESENTS and MET — but one MERGE each in its own transaction, and does
// no resolution at all, so the ratio understates what batching buys.
func BenchmarkWrite(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("DIPGRAPH_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	docs := storetest.Synthetic(n)
	meetings := 0
	for _, d := range docs {
		meetings += len(d.Meetings)
	}
	batch := 500
	if v, err := strconv.Atoi(os.Getenv("DIPGRAPH_BENCH_BATCH")); err == nil && v > 0 {
		batch = v
	}
	b.Run("batched", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			st := open(b)
			b.StartTimer()
			for i := 0; i < len(docs); i += batch {
				if _, err := st.Ingest(context.Background(), docs[i:min(i+batch, len(docs))]); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			st.Close(context.Background())
			b.StartTimer()
		}
		b.ReportMetric(float64(b.N*meetings)/b.Elapsed().Seconds(), "meetings/s")
	})
	b.Run("naive", func(b *testing.B) {
		cfg := neo4jtest.Get(b)
		ctx := context.Background()
		d, err := driver.NewDriverWithContext(cfg.URI, driver.NoAuth())
		if err != nil {
			b.Fatal(err)
		}
		defer d.Close(ctx)
		exec := func(q string, p map[string]any) {
			if _, err := driver.ExecuteQuery(ctx, d, q, p, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database)); err != nil {
				b.Fatal(err)
			}
		}
		for range b.N {
			b.StopTimer()
			open(b).Close(ctx) // wipe
			b.StartTimer()
			for _, doc := range docs {
				writeNaively(exec, doc)
			}
		}
		b.ReportMetric(float64(b.N*meetings)/b.Elapsed().Seconds(), "meetings/s")
	})
}

// writeNaively writes one document one fact at a time.
func writeNaively(exec func(string, map[string]any), doc graph.Document) {
	a := doc.Article
	exec(`MERGE (a:Article {id: $id}) SET a.title = $title, a.sha256 = $sha, a.published = $pub`,
		map[string]any{"id": a.ID, "title": a.Title, "sha": a.SHA256, "pub": a.Published})
	for i, m := range doc.Meetings {
		var ids, names []string
		for _, p := range m.Participants {
			ids, names = append(ids, "p-"+graph.Slug(p.Name)), append(names, p.Name)
		}
		mid := graph.MeetingID(a.ID, i, graph.MeetingKey{Kind: m.Kind, Status: m.Status, Date: m.Date, PersonIDs: ids})
		exec(`MERGE (m:Meeting {id: $id}) SET m.kind = $kind, m.status = $status, m.date = $date, m.name = $name`,
			map[string]any{"id": mid, "kind": m.Kind, "status": m.Status, "date": m.Date, "name": graph.MeetingName(names, m.Date)})
		exec(`MATCH (m:Meeting {id: $m}), (a:Article {id: $a}) MERGE (m)-[r:REPORTED_IN]->(a) SET r.evidence = [$ev]`,
			map[string]any{"m": mid, "a": a.ID, "ev": m.Evidence[0].Text})
		if m.Location != "" {
			exec(`MERGE (:Place {name: $name})`, map[string]any{"name": m.Location})
			exec(`MATCH (m:Meeting {id: $m}), (p:Place {name: $name}) MERGE (m)-[:HELD_IN]->(p)`, map[string]any{"m": mid, "name": m.Location})
		}
		for j, p := range m.Participants {
			exec(`MERGE (p:Person {id: $id}) SET p.name = $name`, map[string]any{"id": ids[j], "name": p.Name})
			for _, k := range graph.IndexKeys(p.Name) {
				exec(`MERGE (:NameKey {key: $key})`, map[string]any{"key": k})
				exec(`MATCH (p:Person {id: $id}), (k:NameKey {key: $key}) MERGE (p)-[:KNOWN_AS]->(k)`, map[string]any{"id": ids[j], "key": k})
			}
			exec(`MATCH (p:Person {id: $p}), (m:Meeting {id: $m}) MERGE (p)-[r:ATTENDED]->(m) SET r.role = $role, r.country = $country`,
				map[string]any{"p": ids[j], "m": mid, "role": p.Role, "country": p.Country})
			exec(`MERGE (:Country {code: $code})`, map[string]any{"code": p.Country})
			exec(`MATCH (p:Person {id: $p}), (c:Country {code: $code}) MERGE (p)-[r:REPRESENTS {role: $role}]->(c)`,
				map[string]any{"p": ids[j], "code": p.Country, "role": p.Role})
		}
		for x := range ids {
			for y := x + 1; y < len(ids); y++ {
				exec(`MATCH (a:Person {id: $a}), (b:Person {id: $b}) MERGE (a)-[r:MET]-(b) SET r.meetings = coalesce(r.meetings, 0) + 1`,
					map[string]any{"a": ids[x], "b": ids[y]})
			}
		}
	}
}
