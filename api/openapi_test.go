package api

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
)

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	b, err := specJSON()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(b)
	if err != nil {
		t.Fatalf("load openapi: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi document is not valid: %v", err)
	}
	return doc
}

// bareRouter is the router without a store: enough to walk its routes and
// to exercise what is refused before the store is asked.
func bareRouter(t *testing.T, cfg Config) http.Handler {
	t.Helper()
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
	}
	s := &server{Config: cfg, log: discardLogger()}
	if s.Logger == nil {
		s.Logger = s.log
	}
	for _, d := range []*int{&s.MaxArticles, &s.MaxQuery, &s.MaxPath} {
		if *d == 0 {
			*d = 1 << 20
		}
	}
	if s.MaxBody == 0 {
		s.MaxBody = DefaultMaxBody
	}
	var err error
	if s.metrics, err = newMetrics(s.Registry); err != nil {
		t.Fatal(err)
	}
	if s.spec, err = specJSON(); err != nil {
		t.Fatal(err)
	}
	return s.routes()
}

// The document and the router agree: every route is documented with its
// method, and every documented operation is routed.
func TestOpenAPIMatchesRouter(t *testing.T) {
	doc := loadSpec(t)
	routed := map[string]bool{}
	err := chi.Walk(bareRouter(t, Config{}).(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		routed[method+" "+strings.TrimSuffix(route, "/")] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	for _, r := range sortedSet(routed) {
		if !documented[r] {
			t.Errorf("route %s is not in openapi.yaml", r)
		}
	}
	for _, d := range sortedSet(documented) {
		if !routed[d] {
			t.Errorf("openapi.yaml documents %s, which is not routed", d)
		}
	}
	if len(routed) < 15 {
		t.Errorf("walked only %d routes: %v", len(routed), sortedSet(routed))
	}
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
