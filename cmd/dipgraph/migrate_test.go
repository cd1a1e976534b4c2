package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// TestMigrateNeo4j: on an empty database `dipgraph migrate` applies every
// migration and says which; a second run applies none and lists them.
func TestMigrateNeo4j(t *testing.T) {
	cfg := neo4jtest.Get(t)
	cfg.Wipe(t)
	migrate := func() string {
		var out, errOut bytes.Buffer
		e := &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, log: testLog(t)}
		args := []string{"migrate", "--neo4j-uri", cfg.URI, "--neo4j-username", cfg.Username, "--neo4j-password", cfg.Password}
		if code := run(context.Background(), e, args); code != 0 {
			t.Fatalf("dipgraph migrate exited %d:\n%s%s", code, out.String(), errOut.String())
		}
		return out.String()
	}
	first := migrate()
	for _, f := range []string{"V0001__constraints.cypher", "V0002__indexes.cypher", "V0003__meeting_published.cypher"} {
		if !strings.Contains(first, "applied "+f+"\n") {
			t.Errorf("first run does not say it applied %s:\n%s", f, first)
		}
	}
	second := migrate()
	if strings.Contains(second, "applied ") || !strings.Contains(second, "up to date: V0001__constraints.cypher, V0002__indexes.cypher, V0003") {
		t.Errorf("second run:\n%s", second)
	}
}
