package neo4j_test

import (
	"context"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/graph/storetest"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// open empties the test database (keeping the migration records) and
// opens a store on it.
func open(t testing.TB) *neo4j.Store {
	t.Helper()
	cfg := neo4jtest.Get(t)
	ctx := context.Background()
	auth := driver.NoAuth()
	if cfg.Password != "" {
		auth = driver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	d, err := driver.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	if _, err := driver.ExecuteQuery(ctx, d, `MATCH (n) WHERE NOT n:__Neo4jMigration DETACH DELETE n`, nil,
		driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database)); err != nil {
		t.Fatalf("wipe %s: %v", cfg.URI, err)
	}
	st, err := neo4j.Open(ctx, neo4j.Config{URI: cfg.URI, Username: cfg.Username, Password: cfg.Password, Database: cfg.Database})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return open(t) })
}
