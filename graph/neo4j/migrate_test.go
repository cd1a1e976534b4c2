package neo4j

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

func openInternal(t *testing.T) *Store {
	t.Helper()
	cfg := neo4jtest.Get(t)
	st, err := Open(context.Background(), Config{URI: cfg.URI, Username: cfg.Username, Password: cfg.Password, Database: cfg.Database})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

func TestMigrationsConcurrentAndChecksummed(t *testing.T) {
	st := openInternal(t)
	ctx := context.Background()
	cleanup := func() {
		_ = st.write(ctx, `MATCH (m:__Neo4jMigration) WHERE m.version >= 900 DELETE m`, nil)
		_ = st.write(ctx, `DROP CONSTRAINT migration_test IF EXISTS`, nil)
	}
	cleanup()
	t.Cleanup(cleanup)
	files := fstest.MapFS{"V0900__test_constraint.cypher": {Data: []byte(
		"// a test migration\nCREATE CONSTRAINT migration_test IF NOT EXISTS\n  FOR (t:MigrationTest) REQUIRE t.id IS UNIQUE;\n")}}

	// Two processes starting at once: both succeed, the file is applied once.
	var wg sync.WaitGroup
	applied := make([][]string, 4)
	errs := make([]error, 4)
	for i := range applied {
		wg.Add(1)
		go func() {
			defer wg.Done()
			applied[i], errs[i] = st.migrate(ctx, files)
		}()
	}
	wg.Wait()
	total := 0
	for i := range applied {
		if errs[i] != nil {
			t.Fatalf("migration %d: %v", i, errs[i])
		}
		total += len(applied[i])
	}
	if total != 1 {
		t.Errorf("the file was applied %d times by 4 concurrent migrations, want once", total)
	}
	recs, err := st.query(ctx, "test", `MATCH (m:__Neo4jMigration {version: 900}) RETURN count(m) AS n`, nil)
	if err != nil || intOf(recs[0], "n") != 1 {
		t.Fatalf("records of V0900: %v %v", recs, err)
	}

	// An applied file edited afterwards is refused, by name.
	files["V0900__test_constraint.cypher"] = &fstest.MapFile{Data: []byte("CREATE CONSTRAINT migration_test IF NOT EXISTS FOR (t:MigrationTest) REQUIRE t.key IS UNIQUE;\n")}
	_, err = st.migrate(ctx, files)
	if err == nil || !strings.Contains(err.Error(), "V0900__test_constraint.cypher") || !strings.Contains(err.Error(), "must not be edited") {
		t.Errorf("edited migration: err %v", err)
	}
	// A badly named file is refused too.
	if _, err := st.migrate(ctx, fstest.MapFS{"0901-test.cypher": {Data: []byte("RETURN 1;")}}); err == nil {
		t.Error("a file not named V<version>__<name>.cypher was accepted")
	}
}

func TestSplitStatements(t *testing.T) {
	got := splitStatements("// comment\nCREATE INDEX a IF NOT EXISTS\n  FOR (n:A) ON (n.x);\n\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y);\nRETURN 1")
	if len(got) != 3 || !strings.HasPrefix(got[0], "CREATE INDEX a") || strings.HasSuffix(got[0], ";") || got[2] != "RETURN 1" {
		t.Errorf("statements = %q", got)
	}
}
