package neo4j_test

import (
	"context"
	"testing"

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
	cfg.WipeData(t)
	st, err := neo4j.Open(context.Background(), neo4j.Config{URI: cfg.URI, Username: cfg.Username, Password: cfg.Password, Database: cfg.Database})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return open(t) })
}
