// Package api is dipgraph's REST API: it turns HTTP requests into calls on a
// graph.Store (and the extractor, for ingest) and their results into JSON.
// It knows no database: every backend behind graph.Store serves the same
// API. Error codes of package graph are mapped to HTTP statuses in one place
// (errors.go); the routes are documented by the embedded OpenAPI document
// (openapi.yaml, served as /openapi.json), which a test keeps in step with
// the router.
package api

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"gopkg.in/yaml.v3"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/jobs"
)

// Default limits, used when the Config leaves them zero.
const (
	DefaultMaxBody     = 8 << 20 // bytes of a request body
	DefaultMaxArticles = 1000    // articles in one POST /v1/articles
	DefaultMaxQuery    = 8 << 10 // bytes of a raw query string
	DefaultMaxPath     = 2 << 10 // bytes of a URL path
	DefaultReadTimeout = 30 * time.Second
)

// JobLister is what the API shows of scheduled ingest jobs (a
// *jobs.Scheduler when `serve --jobs` runs them).
type JobLister interface {
	Jobs() []jobs.JobInfo
	Runs(ctx context.Context, name string, limit int) ([]graph.JobRun, error)
}

// Config is what New needs. Store and Extractor are required.
type Config struct {
	Store     graph.Store
	Extractor ingest.Extractor
	// APIKey, when set, is required as "Authorization: Bearer KEY" on
	// writes, and on reads too when KeyReads is set. Health, readiness,
	// metrics and the OpenAPI document are never keyed.
	APIKey   string
	KeyReads bool
	Logger   *slog.Logger
	Jobs     JobLister // configured jobs; nil lists none, and runs are read from the store
	// Registry receives the API's Prometheus metrics; nil means a new
	// registry of the API's own (with Go and process collectors), served
	// on /metrics.
	Registry *prometheus.Registry

	MaxBody     int64 // bytes; DefaultMaxBody when 0
	MaxArticles int   // per request; DefaultMaxArticles when 0
	MaxQuery    int   // bytes of query string; DefaultMaxQuery when 0
	MaxPath     int   // bytes of path; DefaultMaxPath when 0
	// ReadTimeout bounds each read request's store calls; past it the
	// answer is 503. DefaultReadTimeout when 0. Ingest is not bounded: a
	// large batch may take long, and it is one transaction either way.
	ReadTimeout time.Duration
}

//go:embed openapi.yaml
var openapiYAML []byte

type server struct {
	Config
	log     *slog.Logger
	metrics *metrics
	spec    []byte // the OpenAPI document as JSON
}

// New returns the API's handler.
func New(cfg Config) (http.Handler, error) {
	if cfg.Store == nil || cfg.Extractor == nil {
		return nil, errors.New("api: Config needs a Store and an Extractor")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxArticles <= 0 {
		cfg.MaxArticles = DefaultMaxArticles
	}
	if cfg.MaxQuery <= 0 {
		cfg.MaxQuery = DefaultMaxQuery
	}
	if cfg.MaxPath <= 0 {
		cfg.MaxPath = DefaultMaxPath
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = DefaultReadTimeout
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
		cfg.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	spec, err := specJSON()
	if err != nil {
		return nil, err
	}
	m, err := newMetrics(cfg.Registry)
	if err != nil {
		return nil, err
	}
	s := &server{Config: cfg, log: cfg.Logger, metrics: m, spec: spec}
	return s.routes(), nil
}

// specJSON converts the embedded OpenAPI document to JSON once.
func specJSON() ([]byte, error) {
	var doc any
	if err := yaml.Unmarshal(openapiYAML, &doc); err != nil {
		return nil, fmt.Errorf("api: embedded openapi.yaml: %w", err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("api: embedded openapi.yaml: %w", err)
	}
	return b, nil
}

func (s *server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(requestID, s.observe, s.recoverer, s.limits)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no route for "+r.Method+" "+truncate(r.URL.Path, 100))
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "method "+r.Method+" is not allowed on "+truncate(r.URL.Path, 100))
	})

	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Method(http.MethodGet, "/metrics", promhttp.HandlerFor(s.Registry, promhttp.HandlerOpts{}))
	r.Get("/openapi.json", s.openapi)

	r.Route("/v1", func(r chi.Router) {
		r.Group(func(r chi.Router) {
			r.Use(s.auth(true))
			r.Post("/articles", s.postArticles)
		})
		r.Group(func(r chi.Router) {
			r.Use(s.auth(s.KeyReads), s.timeout)
			r.Get("/articles/{id}", s.getArticle)
			r.Get("/people", s.searchPeople)
			r.Get("/people/{id}", s.getPerson)
			r.Get("/people/{id}/counterparts", s.counterparts)
			r.Get("/people/{id}/meetings", s.personMeetings)
			r.Get("/meetings", s.listMeetings)
			r.Get("/meetings/{id}", s.getMeeting)
			r.Get("/countries/{code}/meetings", s.countryMeetings)
			r.Get("/paths", s.paths)
			r.Get("/ask", s.ask)
			r.Get("/stats", s.stats)
			r.Get("/jobs", s.listJobs)
			r.Get("/jobs/{name}/runs", s.jobRuns)
		})
	})
	return r
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *server) readyz(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.Ping(r.Context()); err != nil {
		s.fail(w, r, graph.Wrap(graph.EUNAVAILABLE, err, "the store is not reachable"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func (s *server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(s.spec)
}

func (s *server) stats(w http.ResponseWriter, r *http.Request) {
	st, err := s.Store.Stats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *server) listJobs(w http.ResponseWriter, r *http.Request) {
	list := []jobs.JobInfo{}
	if s.Jobs != nil {
		list = append(list, s.Jobs.Jobs()...)
	}
	writeJSON(w, http.StatusOK, map[string]any{"jobs": list})
}

func (s *server) jobRuns(w http.ResponseWriter, r *http.Request) {
	name := pathParam(r, "name")
	limit, err := intParam(r, "limit")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit = min(graph.ClampLimit(limit), 100)
	var runs []graph.JobRun
	if s.Jobs != nil {
		runs, err = s.Jobs.Runs(r.Context(), name, limit)
	} else {
		// Without a scheduler, runs of `dipgraph jobs run` are still in the store.
		runs, err = s.Store.Runs(r.Context(), name, limit)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if runs == nil {
		runs = []graph.JobRun{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"job": name, "runs": runs})
}
