// Package neo4j implements graph.Store on Neo4j 5 through the official driver.
package neo4j

import (
	"context"
	"errors"
	"log/slog"

	"github.com/dipgraph/dipgraph/graph"
)

// Config is how to reach Neo4j.
type Config struct {
	URI      string
	Username string
	Password string
	Database string
	Logger   *slog.Logger
}

// Store is graph.Store on Neo4j. (Being built.)
type Store struct{ graph.Store }

// Open connects, checks the server answers and applies pending migrations.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	return nil, errors.New("neo4j store: not built yet")
}
