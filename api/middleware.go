package api

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
)

type ctxKey int

const requestIDKey ctxKey = 0

// validRequestID is what a client-sent X-Request-Id must look like to be
// kept (it goes into logs); anything else is replaced.
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// requestID takes the client's X-Request-Id when it is sane, or makes one,
// and echoes it on the response.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !validRequestID.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

func requestIDOf(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// metrics are the API's Prometheus series, labelled by route pattern (not
// path, which would make one series per id).
type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	articles *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dipgraph_http_requests_total", Help: "HTTP requests by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "dipgraph_http_request_duration_seconds", Help: "HTTP request latency by method, route pattern and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route", "status"}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dipgraph_articles_ingested_total", Help: "Articles received by POST /v1/articles, by outcome (created, updated, unchanged, error).",
		}, []string{"status"}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.articles} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// observe logs every request and counts it in the metrics.
func (s *server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		d := time.Since(start)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		route := "unmatched"
		if rc := chi.RouteContext(r.Context()); rc != nil {
			if p := rc.RoutePattern(); p != "" && !strings.HasSuffix(p, "*") {
				route = p
			}
		}
		status := strconv.Itoa(sw.status)
		s.metrics.requests.WithLabelValues(r.Method, route, status).Inc()
		s.metrics.duration.WithLabelValues(r.Method, route, status).Observe(d.Seconds())
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "request",
			slog.String("request_id", requestIDOf(r.Context())), slog.String("method", r.Method), slog.String("route", route),
			slog.String("path", truncate(r.URL.Path, 200)), slog.Int("status", sw.status), slog.Int("bytes", sw.bytes),
			slog.Duration("duration", d))
	})
}

// recoverer turns a panic into a JSON 500 and logs it with its stack.
func (s *server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic serving request", "request_id", requestIDOf(r.Context()), "panic", v, "stack", string(debug.Stack()))
				writeError(w, http.StatusInternalServerError, "internal", "internal error (request id "+requestIDOf(r.Context())+")")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// limits refuses over-long paths and query strings before any work.
func (s *server) limits(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case len(r.URL.EscapedPath()) > s.MaxPath:
			writeError(w, http.StatusRequestURITooLong, "uri_too_long", "the path is longer than "+strconv.Itoa(s.MaxPath)+" bytes")
			return
		case len(r.URL.RawQuery) > s.MaxQuery:
			writeError(w, http.StatusRequestURITooLong, "uri_too_long", "the query string is longer than "+strconv.Itoa(s.MaxQuery)+" bytes")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// auth requires the API key, when one is configured and keyed is true.
func (s *server) auth(keyed bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if !keyed || s.APIKey == "" {
			return next
		}
		want := []byte(s.APIKey)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), want) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="dipgraph"`)
				writeError(w, http.StatusUnauthorized, "unauthorized", "a valid API key is required (Authorization: Bearer KEY)")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// timeout bounds a read's store calls by ReadTimeout.
func (s *server) timeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.ReadTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
