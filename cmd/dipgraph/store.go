package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/graph/sqlite"
)

// storeFlags are the flags every command that opens the graph shares. Neo4j
// is used when a URI is given (flag or NEO4J_URI); otherwise the embedded
// store in --data.
type storeFlags struct {
	neo4jURI, neo4jUser, neo4jPassword, neo4jDatabase string
	dataDir                                           string
}

func (s *storeFlags) register(fs *flag.FlagSet, e *env) {
	fs.StringVar(&s.neo4jURI, "neo4j-uri", e.getenv("NEO4J_URI"), "Neo4j Bolt URI, e.g. bolt://127.0.0.1:7687 (env NEO4J_URI); empty means the embedded store")
	fs.StringVar(&s.neo4jUser, "neo4j-username", cmp.Or(e.getenv("NEO4J_USERNAME"), "neo4j"), "Neo4j user (env NEO4J_USERNAME)")
	fs.StringVar(&s.neo4jPassword, "neo4j-password", e.getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD)")
	fs.StringVar(&s.neo4jDatabase, "neo4j-database", e.getenv("NEO4J_DATABASE"), "Neo4j database, empty for the server default (env NEO4J_DATABASE)")
	fs.StringVar(&s.dataDir, "data", cmp.Or(e.getenv("DIPGRAPH_DATA"), "./dipgraph-data"), "directory of the embedded store, used when no Neo4j URI is set (env DIPGRAPH_DATA)")
}

// backend names the store open would use, for logs.
func (s *storeFlags) backend() string {
	if s.neo4jURI != "" {
		return "neo4j " + s.neo4jURI
	}
	return "embedded " + s.dataDir
}

func (s *storeFlags) open(ctx context.Context, e *env) (graph.Store, error) {
	if s.neo4jURI != "" {
		st, err := neo4j.Open(ctx, neo4j.Config{URI: s.neo4jURI, Username: s.neo4jUser, Password: s.neo4jPassword, Database: s.neo4jDatabase, Logger: e.log})
		if err != nil {
			return nil, fmt.Errorf("open Neo4j at %s: %w", s.neo4jURI, err)
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, sqlite.Config{Dir: s.dataDir, Logger: e.log})
	if err != nil {
		return nil, fmt.Errorf("open embedded store in %s: %w", s.dataDir, err)
	}
	return st, nil
}
