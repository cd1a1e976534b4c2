// Package neo4j implements graph.Store on Neo4j 5 through the official Go
// driver. The graph is the one README.md draws: people attend meetings,
// meetings are reported in articles and held in places, people represent
// countries, and a derived MET link joins every two people who met.
//
// Identity is decided by graph.Planner, as for every backend; this package
// answers its lookups from two queries per batch and writes its plan with a
// handful of UNWIND statements in one transaction per Ingest call. Every
// statement takes parameters: no value from an article or a request is
// ever part of Cypher text.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/migrations"
)

// Config is how to reach Neo4j.
type Config struct {
	URI      string // bolt:// or neo4j://
	Username string // with Password; empty Password means no authentication
	Password string
	Database string // "" for the server's default
	Logger   *slog.Logger
	// RetryTime bounds how long a transaction is retried on transient
	// errors (with the driver's exponential backoff); 30s when 0.
	RetryTime time.Duration
}

// Store is graph.Store on Neo4j. It is safe for concurrent use.
type Store struct {
	drv     driver.DriverWithContext
	cfg     Config
	log     *slog.Logger
	applied []string // migration files Open applied
}

var _ graph.Store = (*Store)(nil)

// Open connects, checks that the server answers and applies pending
// migrations.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, graph.Errorf(graph.EINVALID, "neo4j store: no URI given")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.RetryTime <= 0 {
		cfg.RetryTime = 30 * time.Second
	}
	auth := driver.NoAuth()
	if cfg.Password != "" {
		auth = driver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	drv, err := driver.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.MaxTransactionRetryTime = cfg.RetryTime
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 30 * time.Second
	})
	if err != nil {
		return nil, graph.Wrap(graph.EINVALID, err, "neo4j store: bad URI "+cfg.URI)
	}
	s := &Store{drv: drv, cfg: cfg, log: cfg.Logger}
	if err := drv.VerifyConnectivity(ctx); err != nil {
		drv.Close(ctx)
		return nil, s.fail("connect", err)
	}
	if err := s.Migrate(ctx); err != nil {
		drv.Close(ctx)
		return nil, err
	}
	return s, nil
}

// Migrate applies the migrations of the migrations package not yet applied.
func (s *Store) Migrate(ctx context.Context) error {
	applied, err := s.migrate(ctx, migrations.Neo4j())
	for _, f := range applied {
		s.log.Info("applied migration", "store", "neo4j", "file", f)
	}
	s.applied = append(s.applied, applied...)
	return err
}

// Applied lists the migration files this Store applied (at Open), oldest
// first; none when the database was up to date.
func (s *Store) Applied() []string { return s.applied }

// Ping checks the server answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.drv.VerifyConnectivity(ctx); err != nil {
		return s.fail("ping", err)
	}
	return nil
}

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error { return s.drv.Close(ctx) }

// fail classifies a driver error: the server cannot be reached (or went
// away) is EUNAVAILABLE with the URI, a cancelled context stays itself,
// anything else is EINTERNAL.
func (s *Store) fail(op string, err error) error {
	var ge *graph.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ge):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("neo4j store: %s: %w", op, err)
	case driver.IsConnectivityError(err), driver.IsRetryable(err), isUsageClosed(err), retriedOut(err):
		return graph.Wrap(graph.EUNAVAILABLE, err, fmt.Sprintf("neo4j at %s unavailable (%s)", s.cfg.URI, op))
	}
	return graph.Wrap(graph.EINTERNAL, err, "neo4j store: "+op)
}

// retriedOut reports a transaction the driver gave up retrying (with
// backoff) because the server stayed unreachable or busy.
func retriedOut(err error) bool {
	var lim *driver.TransactionExecutionLimit
	if !errors.As(err, &lim) {
		return false
	}
	for _, e := range lim.Errors {
		if driver.IsConnectivityError(e) || driver.IsRetryable(e) {
			return true
		}
	}
	return false
}

func isUsageClosed(err error) bool {
	var ue *driver.UsageError
	return errors.As(err, &ue)
}

// query runs one auto-commit read and returns its records.
func (s *Store) query(ctx context.Context, op, cypher string, params map[string]any) ([]*driver.Record, error) {
	res, err := driver.ExecuteQuery(ctx, s.drv, cypher, params, driver.EagerResultTransformer,
		driver.ExecuteQueryWithDatabase(s.cfg.Database), driver.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, s.fail(op, err)
	}
	return res.Records, nil
}

// Stats counts what is in the graph. Countries are those officials
// represent, as the embedded store counts them: a country that is only
// where a meeting place lies is not one.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	recs, err := s.query(ctx, "stats", `
		CALL () { MATCH (n:Person) RETURN count(n) AS people }
		CALL () { MATCH (n:Meeting) RETURN count(n) AS meetings }
		CALL () { MATCH (n:Article) RETURN count(n) AS articles }
		CALL () { MATCH (n:Country) WHERE EXISTS { (n)<-[:REPRESENTS]-() } RETURN count(n) AS countries }
		CALL () { MATCH (n:Place) WHERE EXISTS { (n)<-[:HELD_IN]-() } RETURN count(n) AS places }
		RETURN people, meetings, articles, countries, places`, nil)
	if err != nil {
		return graph.Stats{}, err
	}
	r := recs[0]
	return graph.Stats{
		People: intOf(r, "people"), Meetings: intOf(r, "meetings"), Articles: intOf(r, "articles"),
		Countries: intOf(r, "countries"), Places: intOf(r, "places"),
	}, nil
}

// Record helpers: the driver hands back any; these read what we stored.

func str(r *driver.Record, key string) string {
	v, _ := r.Get(key)
	s, _ := v.(string)
	return s
}

func boolOf(r *driver.Record, key string) bool {
	v, _ := r.Get(key)
	b, _ := v.(bool)
	return b
}

func intOf(r *driver.Record, key string) int {
	v, _ := r.Get(key)
	n, _ := v.(int64)
	return int(n)
}

func strs(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func strList(r *driver.Record, key string) []string {
	v, _ := r.Get(key)
	return strs(v)
}
