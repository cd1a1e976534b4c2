package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	texttemplate "text/template"
	"time"

	"github.com/dipgraph/dipgraph/graph"
)

// fixture is an invented article as the test site serves it.
type fixture struct {
	Slug       string   `json:"slug"`
	Title      string   `json:"title"`
	Published  string   `json:"published"`
	Paragraphs []string `json:"paragraphs"`
}

func loadFixtures(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// site is a test web site: an RSS feed of articles, their pages, and broken
// endpoints. It answers conditional GETs with ETags.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	articles []fixture
	hits     map[string]int
	block    chan struct{} // when set, /a/ pages wait for it to close
	entered  chan struct{} // receives once per blocked request
}

func newSite(t *testing.T) *site {
	s := &site{hits: map[string]int{}}
	loadFixtures(t, "articles.json", &s.articles)
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) setArticle(f fixture) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.articles {
		if s.articles[i].Slug == f.Slug {
			s.articles[i] = f
			return
		}
	}
	s.articles = append(s.articles, f)
}

func (s *site) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html><head><title>Invented Gazette | {{.Title}}</title>
<meta property="og:title" content="{{.Title}}">
<meta property="article:published_time" content="{{.Published}}T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About</a></nav>
<article><h1>{{.Title}}</h1>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}</article>
<footer>Invented Gazette, a fixture of the dipgraph tests.</footer>
</body></html>`))

var feedTmpl = texttemplate.Must(texttemplate.New("feed").Parse(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Invented Gazette</title><link>{{.Base}}</link><description>fixtures</description>
{{range .Items}}<item><title>{{html .Title}}</title><link>{{$.Base}}/a/{{.Slug}}</link><guid>{{$.Base}}/a/{{.Slug}}</guid></item>
{{end}}</channel></rss>`))

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	arts := slices.Clone(s.articles)
	block, entered := s.block, s.entered
	s.mu.Unlock()

	var body strings.Builder
	switch {
	case r.URL.Path == "/feed.xml" || r.URL.Path == "/feed-noetag.xml":
		feedTmpl.Execute(&body, map[string]any{"Base": s.URL, "Items": arts})
	case strings.HasPrefix(r.URL.Path, "/a/"):
		if block != nil {
			entered <- struct{}{}
			<-block
		}
		i := slices.IndexFunc(arts, func(f fixture) bool { return "/a/"+f.Slug == r.URL.Path })
		if i < 0 {
			http.NotFound(w, r)
			return
		}
		pageTmpl.Execute(&body, arts[i])
	case r.URL.Path == "/empty":
		body.WriteString(`<html><head><title>Sign in</title></head><body><nav><a href="/">Home</a></nav><form><input name="user"></form></body></html>`)
	case r.URL.Path == "/500":
		http.Error(w, "upstream exploded", http.StatusInternalServerError)
		return
	case r.URL.Path == "/slow.xml":
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return
	case r.URL.Path == "/malformed.xml":
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><link>`)
		return
	case r.URL.Path == "/huge.xml":
		chunk := strings.Repeat("<!-- padding padding padding -->\n", 1024)
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>`)
		for n := 0; n < 50<<20; n += len(chunk) {
			if _, err := io.WriteString(w, chunk); err != nil {
				return // the client stopped reading at its limit
			}
		}
		return
	default:
		http.NotFound(w, r)
		return
	}
	if r.URL.Path != "/feed-noetag.xml" {
		sum := sha256.Sum256([]byte(body.String()))
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	io.WriteString(w, body.String())
}

// storeOpener opens an empty store for one test.
type storeOpener func(t testing.TB) graph.Store

// forEachStore runs fn against every backend: the embedded store, and
// Neo4j (neo4jtest skips it, or fails under CI=true, when none is set up).
func forEachStore(t *testing.T, fn func(t *testing.T, st graph.Store)) {
	for _, b := range []struct {
		name string
		open storeOpener
	}{{"sqlite", openSQLite}, {"neo4j", openNeo4j}} {
		t.Run(b.name, func(t *testing.T) {
			st := b.open(t)
			t.Cleanup(func() { st.Close(context.Background()) })
			fn(t, st)
		})
	}
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func newRunner(t *testing.T, st graph.Store) *Runner {
	return &Runner{Store: st, Extractor: testExtractor(t), Logger: testLogger(t),
		Fetcher: &Fetcher{Timeout: 2 * time.Second}, Batch: 2}
}

// meetings lists an article's meetings as sorted "A + B" strings.
func meetings(t *testing.T, st graph.Store, articleID string) []string {
	t.Helper()
	_, ms, err := st.Article(context.Background(), articleID)
	if err != nil {
		t.Fatalf("article %s: %v", articleID, err)
	}
	var out []string
	for _, m := range ms {
		var names []string
		for _, p := range m.Participants {
			names = append(names, p.Name)
		}
		slices.Sort(names)
		out = append(out, strings.Join(names, " + "))
	}
	slices.Sort(out)
	return out
}

func counts(r graph.JobRun) string {
	return fmt.Sprintf("fetched=%d extracted=%d stored=%d skipped=%d failed=%d", r.Fetched, r.Extracted, r.Stored, r.Skipped, r.Failed)
}
