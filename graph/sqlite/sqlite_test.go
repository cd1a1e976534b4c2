package sqlite

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/storetest"
	"github.com/dipgraph/dipgraph/migrations"
)

func open(t *testing.T, dir string) *Store {
	t.Helper()
	st, err := Open(context.Background(), Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

func oneDoc(id, text string) graph.Document {
	return graph.Document{
		Article: graph.Article{ID: id, Published: "2025-02-03", SHA256: graph.TextHash(text)},
		Meetings: []graph.MeetingReport{{
			Kind: graph.KindMeeting, Status: graph.StatusOccurred, Date: "2025-02-02", Location: "Tallinn",
			Participants: []graph.Participant{
				{Name: "Edda Rautio", Country: "FI", Role: "Foreign Minister"},
				{Name: "Oskar Tamm", Country: "EE", Role: "Foreign Minister"},
			},
			Evidence: []graph.Evidence{{Start: 0, End: len(text), Text: text}}, Confidence: 0.9,
		}},
	}
}

func TestOpenCreatesTheDirectoryInWALMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "data")
	st := open(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "dipgraph.db")); err != nil {
		t.Fatalf("database file: %v", err)
	}
	var mode string
	if err := st.r.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode %q (%v), want wal", mode, err)
	}
	var fk int
	if err := st.w.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys %d (%v), want on", fk, err)
	}
}

func TestOpenWithoutDirectory(t *testing.T) {
	if _, err := Open(context.Background(), Config{}); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("open with no directory: %v, want EINVALID", err)
	}
}

// Every embedded migration is recorded once with its checksum; a new file
// is applied; an edited applied file is refused, naming the file.
func TestMigrations(t *testing.T) {
	st := open(t, t.TempDir())
	ctx := context.Background()
	embedded, err := fs.Glob(migrations.SQLite(), "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := st.r.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(embedded) {
		t.Fatalf("%d migrations recorded (%v), want %d", n, err, len(embedded))
	}
	first, err := fs.ReadFile(migrations.SQLite(), embedded[0])
	if err != nil {
		t.Fatal(err)
	}
	next := fstest.MapFS{
		embedded[0]:              {Data: first},
		"V9001__extra_index.sql": {Data: []byte(`CREATE INDEX people_country ON people (country);`)},
	}
	if err := st.migrate(ctx, next); err != nil {
		t.Fatalf("a new migration: %v", err)
	}
	if err := st.migrate(ctx, next); err != nil {
		t.Fatalf("migrating twice: %v", err)
	}
	var name string
	if err := st.r.QueryRow(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'people_country'`).Scan(&name); err != nil {
		t.Errorf("the new migration's index is missing: %v", err)
	}
	edited := fstest.MapFS{embedded[0]: {Data: append(first, []byte("\n-- edited\n")...)}}
	err = st.migrate(ctx, edited)
	if err == nil || !strings.Contains(err.Error(), embedded[0]) || !strings.Contains(err.Error(), "must not be edited") {
		t.Errorf("edited migration: %v, want a refusal naming %s", err, embedded[0])
	}
	bad := fstest.MapFS{"schema.sql": {Data: []byte(`SELECT 1;`)}}
	if err := st.migrate(ctx, bad); err == nil || !strings.Contains(err.Error(), "schema.sql") {
		t.Errorf("badly named migration: %v, want an error naming it", err)
	}
	failing := fstest.MapFS{"V9002__broken.sql": {Data: []byte(`CREATE TABLE people (id TEXT);`)}}
	if err := st.migrate(ctx, failing); err == nil || !strings.Contains(err.Error(), "V9002__broken.sql") {
		t.Errorf("failing migration: %v, want an error naming it", err)
	}
	if err := st.r.QueryRow(`SELECT count(*) FROM schema_migrations WHERE version = 9002`).Scan(&n); err != nil || n != 0 {
		t.Errorf("a failed migration was recorded (%d, %v)", n, err)
	}
}

// Processes that open one directory at the same moment apply each
// migration once and all start.
func TestConcurrentOpen(t *testing.T) {
	dir := t.TempDir()
	const n = 6
	var wg sync.WaitGroup
	stores := make([]*Store, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { stores[i], errs[i] = Open(context.Background(), Config{Dir: dir}) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("open %d: %v", i, errs[i])
			continue
		}
		defer stores[i].Close(context.Background())
	}
	if t.Failed() {
		return
	}
	embedded, _ := fs.Glob(migrations.SQLite(), "*.sql")
	var recorded int
	if err := stores[0].r.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&recorded); err != nil || recorded != len(embedded) {
		t.Errorf("%d migration records (%v), want %d", recorded, err, len(embedded))
	}
	// Writers in several processes take turns.
	for i := range n {
		wg.Go(func() {
			_, errs[i] = stores[i].Ingest(context.Background(), []graph.Document{oneDoc("art-"+string(rune('a'+i)), "text "+string(rune('a'+i)))})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("ingest through store %d: %v", i, err)
		}
	}
	st, err := stores[n-1].Stats(context.Background())
	if err != nil || st.Articles != n || st.People != 2 || st.Meetings != 1 {
		t.Errorf("stats %+v (%v), want %d articles of one meeting between two people", st, err, n)
	}
}

func TestReopenKeepsTheGraph(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st, err := Open(ctx, Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Ingest(ctx, []graph.Document{oneDoc("a", "Rautio met Tamm in Tallinn.")}); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Stats(ctx)
	if err := st.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Stats(ctx); graph.ErrorCode(err) != graph.EUNAVAILABLE {
		t.Errorf("stats on a closed store: %v, want EUNAVAILABLE", err)
	}
	again := open(t, dir)
	after, err := again.Stats(ctx)
	if err != nil || after != before || after.Articles != 1 {
		t.Errorf("after reopening %+v (%v), before %+v", after, err, before)
	}
	res, err := again.Ingest(ctx, []graph.Document{oneDoc("a", "Rautio met Tamm in Tallinn.")})
	if err != nil || res[0].Status != graph.ArticleUnchanged {
		t.Errorf("re-ingest after reopening: %+v %v, want unchanged", res, err)
	}
}

// A batch with one bad document writes none of them.
func TestIngestIsAllOrNothing(t *testing.T) {
	st := open(t, t.TempDir())
	ctx := context.Background()
	bad := oneDoc("", "no id")
	if _, err := st.Ingest(ctx, []graph.Document{oneDoc("good", "a good one"), bad}); graph.ErrorCode(err) != graph.EINVALID {
		t.Fatalf("batch with an article without id: %v, want EINVALID", err)
	}
	stats, err := st.Stats(ctx)
	if err != nil || stats != (graph.Stats{}) {
		t.Errorf("stats %+v (%v) after a failed batch, want an empty graph", stats, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := st.Ingest(cancelled, []graph.Document{oneDoc("late", "too late")}); err == nil {
		t.Error("ingest with a cancelled context succeeded")
	}
	if stats, _ := st.Stats(ctx); stats.Articles != 0 {
		t.Errorf("a cancelled ingest wrote %d articles", stats.Articles)
	}
}

// Many concurrent readers, more than the pool has connections, while a
// writer ingests: no read waits on a second connection while holding one
// (that deadlocks once every connection is held so).
func TestConcurrentReadsAndWrites(t *testing.T) {
	st := open(t, t.TempDir())
	docs := storetest.Synthetic(400)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a deadlock fails here, not at go test's timeout
	defer cancel()
	if _, err := st.Ingest(ctx, docs[:300]); err != nil {
		t.Fatal(err)
	}
	page, err := st.SearchPeople(ctx, graph.PersonFilter{Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	people := page.People
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	wg.Go(func() {
		for i := 300; i < len(docs); i += 10 {
			if _, err := st.Ingest(ctx, docs[i:i+10]); err != nil {
				errs <- err
				return
			}
		}
	})
	for g := range 24 {
		wg.Go(func() {
			for i := range 5 {
				a, b := people[(g+i)%len(people)].ID, people[(g*3+i*7+1)%len(people)].ID
				if _, err := st.ShortestPath(ctx, a, b); err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
					errs <- err
					return
				}
				if _, err := st.Meetings(ctx, graph.MeetingFilter{PersonID: a}); err != nil {
					errs <- err
					return
				}
				if _, err := st.Counterparts(ctx, b); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if stats, err := st.Stats(ctx); err != nil || stats.Articles != len(docs) {
		t.Errorf("stats %+v (%v), want %d articles", stats, err, len(docs))
	}
}

// The data directory is a path, not part of a URI: spaces, '#', '?' and
// '%' in it are just characters.
func TestOddDirectoryNames(t *testing.T) {
	for _, name := range []string{"with space", "hash#x", "q?x=1", "pct%20", "ünï"} {
		dir := filepath.Join(t.TempDir(), name)
		st := open(t, dir)
		if _, err := st.Ingest(context.Background(), []graph.Document{oneDoc("a", "text")}); err != nil {
			t.Errorf("%q: %v", name, err)
		}
		if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
}
