package jobs

import (
	"context"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/graph/sqlite"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

func openSQLite(t testing.TB) graph.Store {
	st, err := sqlite.Open(context.Background(), sqlite.Config{Dir: t.TempDir(), Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// openNeo4j opens the test Neo4j, emptied of everything but its migration
// record, so each test starts from an empty graph.
func openNeo4j(t testing.TB) graph.Store {
	cfg := neo4jtest.Get(t)
	ctx := context.Background()
	drv, err := driver.NewDriverWithContext(cfg.URI, driver.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	if _, err := driver.ExecuteQuery(ctx, drv, "MATCH (n) WHERE NOT n:__Neo4jMigration DETACH DELETE n", nil,
		driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database)); err != nil {
		t.Fatalf("wipe Neo4j: %v", err)
	}
	st, err := neo4j.Open(ctx, neo4j.Config{URI: cfg.URI, Username: cfg.Username, Password: cfg.Password, Database: cfg.Database, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// testExtractor is the real extractor: the fixtures are written for it.
func testExtractor(t testing.TB) ingest.Extractor {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return x
}
