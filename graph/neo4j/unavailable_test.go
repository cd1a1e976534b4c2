package neo4j_test

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/graph/storetest"
)

func TestOpenUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	uri := "bolt://" + addr
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = neo4j.Open(ctx, neo4j.Config{URI: uri})
	if graph.ErrorCode(err) != graph.EUNAVAILABLE || !strings.Contains(err.Error(), uri) {
		t.Errorf("open %s: %v (code %q), want EUNAVAILABLE naming the URI", uri, err, graph.ErrorCode(err))
	}
}

// localNeo4j starts a throwaway Neo4j with scripts/neo4j-local in its own
// directory and ports, and returns its Bolt URI and a function that runs
// the script again (stop, start).
func localNeo4j(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	if os.Getenv("NEO4J_LOCAL_SELFTEST") != "1" {
		t.Skip("set NEO4J_LOCAL_SELFTEST=1 (scripts/test does, where Java and Maven are present) to stop and restart a Neo4j of the test's own")
	}
	for _, tool := range []string{"java", "mvn"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	port := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		_, p, _ := net.SplitHostPort(l.Addr().String())
		return p
	}
	bolt, web := port(), port()
	env := append(os.Environ(), "NEO4J_LOCAL_DIR="+t.TempDir(), "NEO4J_LOCAL_BOLT_PORT="+bolt, "NEO4J_LOCAL_HTTP_PORT="+web)
	script := func(args ...string) {
		t.Helper()
		cmd := exec.Command(filepath.Join(root, "scripts", "neo4j-local"), args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("scripts/neo4j-local %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	script("start")
	t.Cleanup(func() {
		cmd := exec.Command(filepath.Join(root, "scripts", "neo4j-local"), "stop")
		cmd.Env = env
		_ = cmd.Run()
	})
	return "bolt://127.0.0.1:" + bolt, script
}

// TestStoppedMidIngest stops Neo4j while batches are being written: the
// error says the store is unavailable, and after a restart the graph holds
// whole batches only — every article with its meeting, every meeting with
// its article.
func TestStoppedMidIngest(t *testing.T) {
	uri, script := localNeo4j(t)
	ctx := context.Background()
	st, err := neo4j.Open(ctx, neo4j.Config{URI: uri, RetryTime: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	docs := storetest.Synthetic(4000)
	const batch = 50
	done := make(chan error, 1)
	written := make(chan int, len(docs)/batch)
	go func() {
		for i := 0; i < len(docs); i += batch {
			if _, err := st.Ingest(ctx, docs[i:i+batch]); err != nil {
				done <- err
				return
			}
			written <- i + batch
		}
		done <- nil
	}()
	for n := 0; n < 3; n++ { // a few batches in, stop the server
		select {
		case <-written:
		case err := <-done:
			t.Fatalf("ingest ended before the stop: %v", err)
		}
	}
	script("stop")
	err = <-done
	st.Close(ctx)
	if err == nil {
		t.Fatal("ingest finished although the server was stopped")
	}
	if code := graph.ErrorCode(err); code != graph.EUNAVAILABLE && !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v has code %q, want EUNAVAILABLE", err, code)
	}
	if !strings.Contains(err.Error(), uri) {
		t.Errorf("error %q does not name %s", err, uri)
	}

	script("start")
	d, err := driver.NewDriverWithContext(uri, driver.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	res, err := driver.ExecuteQuery(ctx, d, `
		CALL () { MATCH (a:Article) RETURN count(a) AS articles }
		CALL () { MATCH (a:Article) WHERE NOT ()-[:REPORTED_IN]->(a) RETURN count(a) AS bare }
		CALL () { MATCH (m:Meeting) WHERE NOT (m)-[:REPORTED_IN]->() RETURN count(m) AS orphans }
		RETURN articles, bare, orphans`, nil, driver.EagerResultTransformer)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Records[0]
	articles, _ := r.Get("articles")
	bare, _ := r.Get("bare")
	orphans, _ := r.Get("orphans")
	n := articles.(int64)
	if n == 0 || n%batch != 0 || bare.(int64) != 0 || orphans.(int64) != 0 {
		t.Errorf("after the restart: %d articles (want whole batches of %d), %d without their meeting, %d meetings without an article", n, batch, bare, orphans)
	}
	t.Logf("%d articles in whole batches survived the stop", n)
}
