// Package neo4jtest finds the Neo4j that tests run against. scripts/test
// starts one with scripts/neo4j-local and exports NEO4J_URI; a developer can
// do the same by hand. Without it the tests skip, except under CI=true,
// where a missing Neo4j is a failure: CI must never pass by skipping.
package neo4jtest

import (
	"context"
	"os"
	"testing"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Config is how to reach the test Neo4j.
type Config struct {
	URI      string
	Username string
	Password string
	Database string
}

// Get returns the test Neo4j's configuration from NEO4J_URI, NEO4J_USERNAME,
// NEO4J_PASSWORD and NEO4J_DATABASE, or skips (fails under CI=true) when
// NEO4J_URI is unset.
func Get(t testing.TB) Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		const how = "NEO4J_URI is not set: run the tests with scripts/test (it starts a local Neo4j when Java and Maven are present), or start one with `scripts/neo4j-local start` and export the NEO4J_URI it prints"
		if os.Getenv("CI") == "true" {
			t.Fatal(how + " (CI=true: Neo4j is required)")
		}
		t.Skip(how)
	}
	return Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
}

// URI is Get(t).URI.
func URI(t testing.TB) string {
	t.Helper()
	return Get(t).URI
}

// Driver connects to the test Neo4j, for checks in Cypher; it is closed
// when the test ends.
func (c Config) Driver(t testing.TB) driver.DriverWithContext {
	t.Helper()
	d := c.connect(t)
	t.Cleanup(func() { d.Close(context.Background()) })
	return d
}

func (c Config) connect(t testing.TB) driver.DriverWithContext {
	t.Helper()
	auth := driver.NoAuth()
	if c.Password != "" {
		auth = driver.BasicAuth(c.Username, c.Password, "")
	}
	d, err := driver.NewDriverWithContext(c.URI, auth)
	if err != nil {
		t.Fatalf("connect to the test Neo4j at %s: %v", c.URI, err)
	}
	return d
}

// Wipe deletes every node, migration records included, so the next store
// opened migrates from scratch.
func (c Config) Wipe(t testing.TB) { c.run(t, "MATCH (n) DETACH DELETE n") }

// WipeData deletes every node but the migration records: a clean graph
// without migrating again.
func (c Config) WipeData(t testing.TB) {
	c.run(t, "MATCH (n) WHERE NOT n:__Neo4jMigration DETACH DELETE n")
}

func (c Config) run(t testing.TB, cypher string) {
	t.Helper()
	d := c.connect(t)
	defer d.Close(context.Background())
	if _, err := driver.ExecuteQuery(context.Background(), d, cypher, nil, driver.EagerResultTransformer,
		driver.ExecuteQueryWithDatabase(c.Database)); err != nil {
		t.Fatalf("wipe the test Neo4j at %s: %v", c.URI, err)
	}
}
