package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
)

// errorOf decodes an error response, failing when it is not the API's shape.
func errorOf(t *testing.T, body []byte) errorDetail {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("not an error response {\"error\":{\"code\",\"message\"}}: %v\n%s", err, body)
	}
	return e.Error
}

// These requests are refused before the store is asked, so they run on a
// router without one.
func TestRefusedBeforeTheStore(t *testing.T) {
	h := bareRouter(t, Config{APIKey: "s3cret", MaxBody: 1 << 10, MaxArticles: 2, MaxQuery: 8 << 10, MaxPath: 256})
	article := `{"id":"a1","text":"Some text."}`
	for _, tc := range []struct {
		name, method, target, ctype, auth, body string
		status                                  int
		code                                    string
	}{
		{"no key on a write", "POST", "/v1/articles", "application/json", "", article, 401, "unauthorized"},
		{"wrong key", "POST", "/v1/articles", "application/json", "Bearer nope", article, 401, "unauthorized"},
		{"key without Bearer", "POST", "/v1/articles", "application/json", "s3cret", article, 401, "unauthorized"},
		{"no content type", "POST", "/v1/articles", "", "Bearer s3cret", article, 415, "unsupported_media_type"},
		{"text/plain", "POST", "/v1/articles", "text/plain", "Bearer s3cret", article, 415, "unsupported_media_type"},
		{"form", "POST", "/v1/articles", "application/x-www-form-urlencoded", "Bearer s3cret", "a=b", 415, "unsupported_media_type"},
		{"body over the limit", "POST", "/v1/articles", "application/json", "Bearer s3cret", `{"id":"a","text":"` + strings.Repeat("x", 2<<10) + `"}`, 413, "too_large"},
		{"too many articles", "POST", "/v1/articles", "application/x-ndjson", "Bearer s3cret", article + "\n" + article + "\n" + article + "\n", 413, "too_large"},
		{"malformed JSON", "POST", "/v1/articles", "application/json", "Bearer s3cret", `{"id": "a", "text": `, 400, "invalid"},
		{"malformed array", "POST", "/v1/articles", "application/json", "Bearer s3cret", `[{"id": "a"}, `, 400, "invalid"},
		{"empty body", "POST", "/v1/articles", "application/json", "Bearer s3cret", ``, 400, "invalid"},
		{"empty lines", "POST", "/v1/articles", "application/x-ndjson", "Bearer s3cret", "\n\n", 400, "invalid"},
		{"query string too long", "GET", "/v1/people?q=" + strings.Repeat("a", 9<<10), "", "", "", 414, "uri_too_long"},
		{"path too long", "GET", "/v1/people/" + strings.Repeat("p", 300), "", "", "", 414, "uri_too_long"},
		{"unknown route", "GET", "/v1/nothing", "", "", "", 404, "not_found"},
		{"unknown top route", "GET", "/admin", "", "", "", 404, "not_found"},
		{"wrong method", "DELETE", "/v1/people", "", "", "", 405, "method_not_allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
			if e := errorOf(t, rec.Body.Bytes()); e.Code != tc.code {
				t.Errorf("code %q, want %q (%s)", e.Code, tc.code, e.Message)
			}
			if tc.status == 401 && strings.Contains(rec.Body.String(), "s3cret") {
				t.Errorf("401 tells the key: %s", rec.Body)
			}
		})
	}
}

func TestStatusOf(t *testing.T) {
	for code, want := range map[string]int{
		graph.EINVALID: 400, graph.ENOTFOUND: 404, graph.EUNAVAILABLE: 503, graph.ENOTIMPLEMENTED: 501, graph.EINTERNAL: 500, "": 500, "other": 500,
	} {
		if got := statusOf(code); got != want {
			t.Errorf("statusOf(%q) = %d, want %d", code, got, want)
		}
	}
}

// fail sends the domain message for known codes, and for anything else a
// generic one: the cause stays in the log.
func TestFailHidesInternalDetail(t *testing.T) {
	var logbuf bytes.Buffer
	s := &server{log: newTextLogger(&logbuf)}
	for _, tc := range []struct {
		err    error
		status int
		msg    string
	}{
		{graph.Errorf(graph.ENOTFOUND, "no person %q", "p-x"), 404, `no person "p-x"`},
		{graph.Wrap(graph.EUNAVAILABLE, errors.New("dial tcp 10.0.0.1:7687: refused"), "the store is not reachable"), 503, "the store is not reachable"},
		{fmt.Errorf("wrapped: %w", graph.Errorf(graph.EINVALID, "bad cursor")), 400, "bad cursor"},
		{errors.New("pq: secret table t_users exploded at /src/x.go:12"), 500, "internal error"},
	} {
		rec := httptest.NewRecorder()
		s.fail(rec, httptest.NewRequest("GET", "/", nil), tc.err)
		if rec.Code != tc.status {
			t.Errorf("%v: status %d, want %d", tc.err, rec.Code, tc.status)
		}
		e := errorOf(t, rec.Body.Bytes())
		if !strings.HasPrefix(e.Message, tc.msg) {
			t.Errorf("%v: message %q, want %q", tc.err, e.Message, tc.msg)
		}
		if tc.status == 500 && strings.Contains(rec.Body.String(), "exploded") {
			t.Errorf("500 leaks the cause: %s", rec.Body)
		}
	}
	if !strings.Contains(logbuf.String(), "exploded") {
		t.Errorf("the internal error's cause is not logged:\n%s", logbuf.String())
	}
}

func TestRecovererAnswersJSON(t *testing.T) {
	var logbuf bytes.Buffer
	s := &server{log: newTextLogger(&logbuf)}
	h := requestID(s.recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom at secret place") })))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/people", nil))
	if rec.Code != 500 {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	if e := errorOf(t, rec.Body.Bytes()); e.Code != "internal" || strings.Contains(e.Message, "boom") {
		t.Errorf("error %+v", e)
	}
	if !strings.Contains(logbuf.String(), "boom at secret place") || !strings.Contains(logbuf.String(), "stack") {
		t.Errorf("panic not logged with its stack:\n%s", logbuf.String())
	}
}

func TestRequestID(t *testing.T) {
	h := bareRouter(t, Config{})
	for _, tc := range []struct {
		sent string
		kept bool
	}{{"abc-123", true}, {"", false}, {"has space", false}, {strings.Repeat("x", 65), false}, {"a\"b", false}} {
		req := httptest.NewRequest("GET", "/healthz", nil)
		if tc.sent != "" {
			req.Header.Set("X-Request-Id", tc.sent)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get("X-Request-Id")
		if got == "" || (got == tc.sent) != tc.kept {
			t.Errorf("sent %q, got back %q (kept want %v)", tc.sent, got, tc.kept)
		}
	}
}

func TestMetricsByRoutePattern(t *testing.T) {
	h := bareRouter(t, Config{})
	for _, target := range []string{"/healthz", "/healthz", "/v1/nothing"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", target, nil))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`dipgraph_http_requests_total{method="GET",route="/healthz",status="200"} 2`,
		`dipgraph_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`dipgraph_http_request_duration_seconds_bucket{method="GET",route="/healthz",status="200",le="+Inf"} 2`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s:\n%s", want, body)
		}
	}
}
