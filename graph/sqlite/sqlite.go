// Package sqlite implements graph.Store on an embedded SQLite database
// (modernc.org/sqlite: pure Go, no cgo), so that dipgraph answers questions
// on a fresh machine with no server to install.
//
// The database is one file, <Dir>/dipgraph.db, in WAL mode: readers never
// block the writer or each other. Writes go through a single connection
// (SQLite has one writer at a time anyway) and each Ingest is one IMMEDIATE
// transaction, so a crash loses at most the batch in flight and never leaves
// half of one. The schema is versioned by the files of migrations/sqlite,
// applied at Open and recorded with their checksums.
//
// Identity — which person and which meeting a report belongs to — is
// decided by graph.Planner, exactly as for Neo4j; this package only answers
// its lookups and writes its plan. Derived answers (counterparts, roles over
// time, shortest paths) are computed from the attendance rows at query time,
// which at the embedded store's scale is cheaper than keeping them in step.
package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"sync/atomic"
	"time"

	msqlite "modernc.org/sqlite" // also registers the database/sql driver "sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/migrations"
)

// FileName is the database file's name inside Config.Dir.
const FileName = "dipgraph.db"

// Config is where the embedded store keeps its data.
type Config struct {
	Dir    string // directory holding the database; created if missing
	Logger *slog.Logger
}

// Store is graph.Store on SQLite. It is safe for concurrent use.
type Store struct {
	w      *sql.DB // the one writer connection
	r      *sql.DB // readers
	log    *slog.Logger
	closed atomic.Bool
}

var _ graph.Store = (*Store)(nil)

// Open opens (creating if needed) the database in cfg.Dir and applies
// pending migrations.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Dir == "" {
		return nil, graph.Errorf(graph.EINVALID, "sqlite store: no data directory given")
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("sqlite store: create %s: %w", cfg.Dir, err)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	path := filepath.Join(cfg.Dir, FileName)
	dsn := func(extra string) string {
		return "file:" + (&url.URL{Path: path}).EscapedPath() +
			"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)" + extra
	}
	w, err := sql.Open("sqlite", dsn("&_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("sqlite store: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", dsn("&_pragma=query_only(1)"))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8) // keep them: a new connection re-reads the schema
	s := &Store{w: w, r: r, log: log}
	if err := s.migrateRetrying(ctx, migrations.SQLite()); err != nil {
		s.Close(ctx)
		return nil, fmt.Errorf("sqlite store %s: %w", path, err)
	}
	return s, nil
}

// migrateRetrying migrates, retrying while another process holds the
// database. While several processes open a new database at once (one of
// them switching it to WAL), SQLite can report it busy at once, without
// waiting out busy_timeout; the lock is gone a moment later.
func (s *Store) migrateRetrying(ctx context.Context, dir fs.FS) error {
	wait := 10 * time.Millisecond
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := s.migrate(ctx, dir)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		s.log.Debug("database busy while migrating; retrying", "store", "sqlite", "wait", wait)
		select {
		case <-ctx.Done():
			return fmt.Errorf("migrate: %w (after %w)", ctx.Err(), err)
		case <-time.After(wait):
		}
		wait = min(2*wait, 500*time.Millisecond)
	}
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se *msqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_BUSY || se.Code()&0xff == sqlite3.SQLITE_LOCKED)
}

var migrationName = regexp.MustCompile(`^V(\d+)__(\w+)\.sql$`)

// migrate applies the files of dir not yet applied, in version order, in
// one IMMEDIATE transaction, so two processes opening one directory at once
// apply each file once. An applied file whose checksum changed is refused.
func (s *Store) migrate(ctx context.Context, dir fs.FS) error {
	names, err := fs.Glob(dir, "*.sql")
	if err != nil {
		return err
	}
	type file struct {
		version        int
		name, sum, sql string
	}
	var files []file
	for _, n := range names {
		m := migrationName.FindStringSubmatch(n)
		if m == nil {
			return fmt.Errorf("migration %s: name is not V<version>__<name>.sql", n)
		}
		b, err := fs.ReadFile(dir, n)
		if err != nil {
			return fmt.Errorf("migration %s: %w", n, err)
		}
		v, _ := strconv.Atoi(m[1])
		sum := sha256.Sum256(b)
		files = append(files, file{v, n, hex.EncodeToString(sum[:]), string(b)})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].version < files[j].version })

	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, f := range files {
		var sum string
		err := tx.QueryRowContext(ctx, `SELECT checksum FROM schema_migrations WHERE version = ?`, f.version).Scan(&sum)
		switch {
		case err == nil:
			if sum != f.sum {
				return fmt.Errorf("migration %s was applied with checksum %s but the file now has %s: applied migrations must not be edited; add a new one", f.name, sum[:12], f.sum[:12])
			}
			continue
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, f.sql); err != nil {
			return fmt.Errorf("migration %s: %w", f.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)`,
			f.version, f.name, f.sum, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("migration %s: %w", f.name, err)
		}
		s.log.Info("applied migration", "store", "sqlite", "file", f.name)
	}
	return tx.Commit()
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.r.PingContext(ctx); err != nil {
		return graph.Wrap(graph.EUNAVAILABLE, err, "embedded store unavailable")
	}
	return nil
}

// Close closes the database.
func (s *Store) Close(context.Context) error {
	s.closed.Store(true)
	return errors.Join(s.r.Close(), s.w.Close())
}

// Stats counts what is in the graph.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	var st graph.Stats
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM people), (SELECT count(*) FROM meetings), (SELECT count(*) FROM articles),
		(SELECT count(DISTINCT c) FROM (SELECT country AS c FROM attendance WHERE country != ''
			UNION SELECT country FROM people WHERE country != '')),
		(SELECT count(DISTINCT location) FROM meetings WHERE location != '')`).
		Scan(&st.People, &st.Meetings, &st.Articles, &st.Countries, &st.Places)
	if err != nil {
		return st, s.fail("stats", err)
	}
	return st, nil
}

// fail wraps a database error: a cancelled context stays what it is; a
// closed store, a database locked past the busy timeout or a file that
// cannot be read or written is EUNAVAILABLE (trying later may work); the
// rest is EINTERNAL.
func (s *Store) fail(op string, err error) error {
	var ge *graph.Error
	var se *msqlite.Error
	switch {
	case errors.As(err, &ge):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("sqlite store: %s: %w", op, err)
	case s.closed.Load(), errors.Is(err, sql.ErrConnDone):
		return graph.Wrap(graph.EUNAVAILABLE, err, "embedded store unavailable ("+op+")")
	case errors.As(err, &se):
		switch se.Code() & 0xff { // the primary result code
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN,
			sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY:
			return graph.Wrap(graph.EUNAVAILABLE, err, "embedded store unavailable ("+op+")")
		}
	}
	return graph.Wrap(graph.EINTERNAL, err, "sqlite store: "+op)
}

// Migrations lists the applied migration files, oldest first.
func (s *Store) Migrations(ctx context.Context) ([]string, error) {
	names, err := queryStrings(ctx, s.r, `SELECT name FROM schema_migrations ORDER BY version`)
	return names, s.failIf("read migrations", err)
}
