// Package sqlite implements graph.Store on an embedded SQLite database.
package sqlite

import (
	"context"
	"errors"
	"log/slog"

	"github.com/dipgraph/dipgraph/graph"
)

// Config is where the embedded store keeps its data.
type Config struct {
	Dir    string // directory holding the database; created if missing
	Logger *slog.Logger
}

// Store is graph.Store on SQLite. (Being built.)
type Store struct{ graph.Store }

// Open opens (creating if needed) the database in cfg.Dir and applies
// pending migrations.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	return nil, errors.New("sqlite store: not built yet")
}
