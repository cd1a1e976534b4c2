package sqlite_test

import (
	"context"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/sqlite"
	"github.com/dipgraph/dipgraph/graph/storetest"
)

// The embedded store's reads besides counterparts (which, with ingest, is
// measured beside Neo4j in graph/storetest):
//
//	go test -run '^$' -bench . -benchtime 200x ./graph/sqlite/
//
// on 2,000 synthetic articles (400 people, 2,000 meetings).

func benchStore(b *testing.B) (*sqlite.Store, []graph.Person) {
	b.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close(ctx) })
	docs := storetest.Synthetic(2000)
	for i := 0; i < len(docs); i += 200 {
		if _, err := st.Ingest(ctx, docs[i:min(i+200, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
	page, err := st.SearchPeople(ctx, graph.PersonFilter{Limit: graph.MaxLimit})
	if err != nil || len(page.People) < 2 {
		b.Fatalf("people: %d, %v", len(page.People), err)
	}
	return st, page.People
}

func BenchmarkShortestPath(b *testing.B) {
	st, people := benchStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		from, to := people[i%len(people)], people[(i*7+len(people)/2)%len(people)]
		if _, err := st.ShortestPath(ctx, from.ID, to.ID); err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "paths/s")
}

func BenchmarkSearchPeople(b *testing.B) {
	st, people := benchStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		p := people[i%len(people)]
		page, err := st.SearchPeople(ctx, graph.PersonFilter{Query: p.Name})
		if err != nil || len(page.People) == 0 {
			b.Fatalf("search %q: %v, %v", p.Name, page.People, err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "searches/s")
}

func BenchmarkTimeline(b *testing.B) {
	st, people := benchStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		if _, err := st.Meetings(ctx, graph.MeetingFilter{PersonID: people[i%len(people)].ID}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "timelines/s")
}
