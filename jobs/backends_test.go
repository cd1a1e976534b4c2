package jobs

import (
	"context"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/sqlite"
	"github.com/dipgraph/dipgraph/ingest"
)

func openSQLite(t testing.TB) graph.Store {
	st, err := sqlite.Open(context.Background(), sqlite.Config{Dir: t.TempDir(), Logger: testLogger(t)})
	if err != nil && strings.Contains(err.Error(), "not built yet") {
		t.Skip("graph/sqlite is not built yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func openNeo4j(t testing.TB) graph.Store {
	t.Skip("graph/neo4j is not built yet")
	return nil
}

func testExtractor(t testing.TB) ingest.Extractor { return fakeExtractor{} }
