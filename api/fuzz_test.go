package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph/sqlite"
)

// FuzzRequests sends arbitrary questions, names and bodies through the
// whole API on the embedded store: whatever comes in, the answer is JSON
// with a 2xx or 4xx status — never a 500, never a panic.
func FuzzRequests(f *testing.F) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Dir: f.TempDir(), Logger: discardLogger()})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close(ctx) })
	x, err := extract.New()
	if err != nil {
		f.Fatal(err)
	}
	h, err := New(Config{Store: st, Extractor: x, Logger: discardLogger()})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("who met Varga", "application/x-ndjson", `{"id":"a","published":"2024-05-06","text":"Ilse Varga met Tomas Ek in Oslo on Monday."}`)
	f.Add("meetings between Hungary and Sweden in 2024", "application/json", `[{"id":"b","text":"Tomas Ek received Ilse Varga."}]`)
	f.Add(`how is "'}) DETACH DELETE n //" connected to Ek`, "text/plain", "\x00\xff")
	f.Add(`what is Ek\'s role`, "application/json; charset=utf-8", `{"id": 7}`)
	f.Fuzz(func(t *testing.T, q, contentType, body string) {
		post := httptest.NewRequest(http.MethodPost, "/v1/articles", strings.NewReader(body))
		post.Header.Set("Content-Type", contentType)
		for _, r := range []*http.Request{
			post,
			httptest.NewRequest(http.MethodGet, "/v1/ask?q="+url.QueryEscape(q), nil),
			httptest.NewRequest(http.MethodGet, "/v1/people?q="+url.QueryEscape(q)+"&cursor="+url.QueryEscape(body), nil),
			httptest.NewRequest(http.MethodGet, "/v1/people/"+url.PathEscape(q)+"/counterparts", nil),
			httptest.NewRequest(http.MethodGet, "/v1/meetings?from="+url.QueryEscape(q)+"&country="+url.QueryEscape(contentType), nil),
		} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code >= 500 || w.Code < 200 {
				t.Fatalf("%s %s: status %d: %s", r.Method, r.URL, w.Code, w.Body)
			}
			if !json.Valid(w.Body.Bytes()) {
				t.Fatalf("%s %s: the answer is not JSON: %q", r.Method, r.URL, w.Body)
			}
		}
	})
}
