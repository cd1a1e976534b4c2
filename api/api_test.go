package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/graph/sqlite"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/jobs"
)

// The tests below run the API on a real embedded store (and, through
// onEachStore, on the local Neo4j too), loaded with the
// repository's invented sample articles (examples/articles.jsonl): Tomas
// Alvarado (CL) met Ingrid Halvorsen and Lars Brekke (NO) in Oslo and Erik
// Solheim-Vik in Santiago; Halvorsen called Beatriz Fuentes (CL).

type fixture struct {
	t     *testing.T
	store graph.Store
	srv   *httptest.Server
	spec  routers.Router
}

func newFixture(t *testing.T, cfg Config) *fixture {
	t.Helper()
	st, err := sqlite.Open(context.Background(), sqlite.Config{Dir: t.TempDir(), Logger: discardLogger()})
	if err != nil {
		t.Fatalf("open embedded store: %v", err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return newFixtureOn(t, cfg, st)
}

// onEachStore runs fn on a fixture over the embedded store and over the
// local Neo4j (wiped first; skipped, or failed under CI=true, without one):
// what reaches Cypher is tested on Neo4j itself.
func onEachStore(t *testing.T, cfg Config, fn func(t *testing.T, f *fixture)) {
	t.Run("embedded", func(t *testing.T) { fn(t, newFixture(t, cfg)) })
	t.Run("neo4j", func(t *testing.T) {
		nc := neo4jtest.Get(t)
		nc.Wipe(t)
		st, err := neo4j.Open(context.Background(), neo4j.Config{URI: nc.URI, Username: nc.Username, Password: nc.Password,
			Database: nc.Database, Logger: discardLogger()})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close(context.Background()) })
		fn(t, newFixtureOn(t, cfg, st))
	})
}

func newFixtureOn(t *testing.T, cfg Config, st graph.Store) *fixture {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store, cfg.Extractor, cfg.Logger = st, x, discardLogger()
	h, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	doc := loadSpec(t)
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, store: st, srv: srv, spec: router}
}

func examples(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// do sends a request and checks the response against the OpenAPI document
// (request and response: status, content type and body schema).
func (f *fixture) do(method, target, ctype string, body []byte, hdr ...string) (int, []byte) {
	f.t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+target, bytes.NewReader(body))
	if err != nil {
		f.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	f.validate(req, body, resp, out)
	return resp.StatusCode, out
}

func (f *fixture) validate(req *http.Request, reqBody []byte, resp *http.Response, body []byte) {
	f.t.Helper()
	route, params, err := f.spec.FindRoute(req)
	if err != nil {
		return // unrouted paths are checked by the router tests
	}
	req.Body = io.NopCloser(bytes.NewReader(reqBody))
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, ExcludeRequestBody: true}}
	if resp.StatusCode < 400 {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			f.t.Errorf("%s %s: request does not match openapi.yaml: %v", req.Method, truncate(req.URL.String(), 200), err)
		}
	}
	if err := openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}); err != nil {
		f.t.Errorf("%s %s: response %d does not match openapi.yaml: %v\n%s", req.Method, truncate(req.URL.String(), 200), resp.StatusCode, err, truncate(string(body), 2000))
	}
}

func (f *fixture) get(target string, hdr ...string) (int, []byte) {
	f.t.Helper()
	return f.do("GET", target, "", nil, hdr...)
}

// getJSON fetches target, requires 200 and decodes into v.
func (f *fixture) getJSON(target string, v any) {
	f.t.Helper()
	code, body := f.get(target)
	if code != http.StatusOK {
		f.t.Fatalf("GET %s: %d %s", target, code, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		f.t.Fatalf("GET %s: %v\n%s", target, err, body)
	}
}

func (f *fixture) load(hdr ...string) ingestResponse {
	f.t.Helper()
	code, body := f.do("POST", "/v1/articles", "application/x-ndjson", examples(f.t), hdr...)
	if code != http.StatusOK {
		f.t.Fatalf("POST examples: %d %s", code, body)
	}
	var r ingestResponse
	if err := json.Unmarshal(body, &r); err != nil {
		f.t.Fatal(err)
	}
	return r
}

func (f *fixture) personID(q string) string {
	f.t.Helper()
	var page graph.PersonPage
	f.getJSON("/v1/people?q="+url.QueryEscape(q), &page)
	if len(page.People) == 0 {
		f.t.Fatalf("no person matches %q", q)
	}
	return page.People[0].ID
}

func (f *fixture) stats() graph.Stats {
	f.t.Helper()
	st, err := f.store.Stats(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return st
}

func names(cs []graph.Counterpart) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Person.Name)
	}
	slices.Sort(out)
	return out
}

func TestWhoMetAlvarado(t *testing.T) {
	onEachStore(t, Config{}, testWhoMetAlvarado)
}

func testWhoMetAlvarado(t *testing.T, f *fixture) {
	r := f.load()
	if r.Created != 3 || r.Failed != 0 || len(r.Results) != 3 || r.Results[0].ID != "sample-001" || len(r.Results[0].Meetings) == 0 {
		t.Fatalf("first ingest: %+v", r)
	}
	if again := f.load(); again.Unchanged != 3 || again.Created != 0 {
		t.Errorf("second ingest of the same articles: %+v, want 3 unchanged", again)
	}
	want := []string{"Erik Solheim-Vik", "Ingrid Halvorsen", "Lars Brekke"}

	id := f.personID("Alvarado")
	var cp counterpartsResponse
	f.getJSON("/v1/people/"+id+"/counterparts", &cp)
	if got := names(cp.Counterparts); !slices.Equal(got, want) {
		t.Errorf("counterparts of %s = %v, want %v", id, got, want)
	}

	for _, q := range []string{"who met Alvarado", "who did Tomas Alvarado meet?", "who met " + id} {
		var ar struct {
			Interpreted interpretation `json:"interpreted"`
			Answer      struct {
				Person       graph.Person        `json:"person"`
				Counterparts []graph.Counterpart `json:"counterparts"`
			} `json:"answer"`
		}
		f.getJSON("/v1/ask?q="+url.QueryEscape(q), &ar)
		if got := names(ar.Answer.Counterparts); !slices.Equal(got, want) || ar.Answer.Person.ID != id {
			t.Errorf("ask %q: %s %v, want %s %v", q, ar.Answer.Person.ID, got, id, want)
		}
		if ar.Interpreted.Form != "who_met" || ar.Interpreted.Endpoint != "/v1/people/"+id+"/counterparts" {
			t.Errorf("ask %q interpreted as %+v", q, ar.Interpreted)
		}
	}
}

func TestAskForms(t *testing.T) {
	f := newFixture(t, Config{})
	f.load()
	alvarado, halvorsen, fuentes := f.personID("Alvarado"), f.personID("Halvorsen"), f.personID("Fuentes")
	solheim := f.personID("Solheim-Vik")

	type answer struct {
		Interpreted interpretation  `json:"interpreted"`
		Resolved    []Resolution    `json:"resolved"`
		Answer      json.RawMessage `json:"answer"`
	}
	ask := func(q string) answer {
		var a answer
		f.getJSON("/v1/ask?q="+url.QueryEscape(q), &a)
		// The equivalent endpoint gives the same answer.
		var direct, viaAsk any
		f.getJSON(a.Interpreted.Endpoint, &direct)
		if err := json.Unmarshal(a.Answer, &viaAsk); err != nil {
			t.Fatal(err)
		}
		if a.Interpreted.Form != "who_met" && !jsonEqual(direct, viaAsk) {
			t.Errorf("ask %q: answer differs from %s:\n%s\nvs\n%v", q, a.Interpreted.Endpoint, a.Answer, direct)
		}
		return a
	}

	a := ask("when did Alvarado meet Halvorsen?")
	var ms graph.MeetingPage
	json.Unmarshal(a.Answer, &ms)
	if a.Interpreted.Form != "when_met" || len(ms.Meetings) != 1 || ms.Meetings[0].Date != "2025-03-11" {
		t.Errorf("when did Alvarado meet Halvorsen: %+v %s", a.Interpreted, a.Answer)
	}
	if len(a.Resolved) != 2 || a.Resolved[0].ID != alvarado || a.Resolved[1].ID != halvorsen {
		t.Errorf("resolved %+v, want %s and %s", a.Resolved, alvarado, halvorsen)
	}

	a = ask("meetings between Chile and Norway in 2025")
	json.Unmarshal(a.Answer, &ms)
	if a.Interpreted.Form != "meetings_between" || a.Interpreted.Params["country"] != "CL" || a.Interpreted.Params["with"] != "NO" ||
		!strings.HasPrefix(a.Interpreted.Endpoint, "/v1/countries/CL/meetings?") || len(ms.Meetings) != 2 {
		t.Errorf("meetings between Chile and Norway in 2025: %+v, %d meetings (want the 2 dated ones)", a.Interpreted, len(ms.Meetings))
	}
	a = ask("meetings between Chile and Norway")
	json.Unmarshal(a.Answer, &ms)
	if len(ms.Meetings) != 3 {
		t.Errorf("meetings between Chile and Norway: %d, want 3 occurred", len(ms.Meetings))
	}

	a = ask("what is Fuentes's role")
	var pd graph.PersonDetail
	json.Unmarshal(a.Answer, &pd)
	if a.Interpreted.Form != "role" || pd.ID != fuentes || pd.Role == "" {
		t.Errorf("what is Fuentes's role: %+v %s", a.Interpreted, a.Answer)
	}

	a = ask("how is Fuentes connected to Solheim-Vik")
	var pr pathResponse
	json.Unmarshal(a.Answer, &pr)
	if a.Interpreted.Form != "path" || pr.Length != 3 || pr.From.ID != fuentes || pr.To.ID != solheim {
		t.Errorf("how is Fuentes connected to Solheim-Vik: %+v %s", a.Interpreted, a.Answer)
	}

	code, body := f.get("/v1/ask?q=" + url.QueryEscape("what is the weather"))
	var ae askError
	if err := json.Unmarshal(body, &ae); code != 400 || err != nil || len(ae.Forms) != len(askForms) || ae.Error.Code != "invalid" {
		t.Errorf("unparsed question: %d %s", code, body)
	}
	if code, body := f.get("/v1/ask?q=" + url.QueryEscape("who met Nobody Atall")); code != 404 {
		t.Errorf("who met an unknown name: %d %s, want 404", code, body)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestIngestForms(t *testing.T) {
	f := newFixture(t, Config{})
	one := `{"id":"inv-1","published":"2025-09-02","title":"t","text":"VALLETTA - Maltese Foreign Minister Paola Grech met Icelandic Foreign Minister Sigrun Dalsgaard on Monday in Valletta."}`
	code, body := f.do("POST", "/v1/articles", "application/json", []byte(one))
	var r ingestResponse
	if json.Unmarshal(body, &r); code != 200 || r.Created != 1 || r.Results[0].ID != "inv-1" {
		t.Fatalf("one object: %d %s", code, body)
	}
	// An array with a bad article: the bad one is named, the others stored.
	arr := `[{"id":"inv-2","published":"2025-09-03","text":"Tongan Prime Minister Sione Fakatava held talks with Fijian Prime Minister Ratu Volavola in Suva on Tuesday."},
		{"id":"inv-empty","text":"   "},
		{"text":"no id here"},
		42,
		` + one + `]`
	code, body = f.do("POST", "/v1/articles", "application/json; charset=utf-8", []byte(arr))
	if json.Unmarshal(body, &r); code != 200 || len(r.Results) != 5 || r.Created != 1 || r.Unchanged != 1 || r.Failed != 3 {
		t.Fatalf("array with bad articles: %d %s", code, body)
	}
	if e := r.Results[1].Error; e == nil || r.Results[1].Status != "error" || !strings.Contains(e.Message, "inv-empty") {
		t.Errorf("the empty article is not named: %+v", r.Results[1])
	}
	if e := r.Results[3].Error; e == nil || !strings.Contains(e.Message, "article 3") {
		t.Errorf("the non-object is not named by position: %+v", r.Results[3])
	}
	// JSON Lines with a malformed line: named by line, the rest stored.
	lines := "{\"id\":\"inv-3\",\"text\":\"Foreign Minister Paola Grech of Malta met Estonian Foreign Minister Kadri Tamm in Tallinn on 4 September 2025.\"}\n{not json}\n"
	code, body = f.do("POST", "/v1/articles", "application/x-ndjson", []byte(lines))
	if json.Unmarshal(body, &r); code != 200 || r.Created != 1 || r.Failed != 1 || !strings.Contains(r.Results[1].Error.Message, "body:2") {
		t.Errorf("JSON Lines with a bad line: %d %s", code, body)
	}
	// Nothing storable: 400, still with the per-article results.
	code, body = f.do("POST", "/v1/articles", "application/json", []byte(`[{"id":"x","text":""}]`))
	if code != 400 || !strings.Contains(string(body), `"results"`) || !strings.Contains(string(body), `\"x\"`) {
		t.Errorf("only bad articles: %d %s", code, body)
	}
	var art struct {
		Article  graph.Article   `json:"article"`
		Meetings []graph.Meeting `json:"meetings"`
	}
	f.getJSON("/v1/articles/inv-1", &art)
	if art.Article.ID != "inv-1" || len(art.Meetings) != 1 || len(art.Meetings[0].Reports) == 0 || len(art.Meetings[0].Reports[0].Evidence) == 0 {
		t.Errorf("GET /v1/articles/inv-1: %+v", art)
	}
}

func TestErrorStatuses(t *testing.T) {
	onEachStore(t, Config{MaxBody: 64 << 10}, testErrorStatuses)
}

func testErrorStatuses(t *testing.T, f *fixture) {
	f.load()
	id := f.personID("Alvarado")
	for _, tc := range []struct {
		target string
		status int
	}{
		{"/v1/people/p-nobody", 404},
		{"/v1/people/p-nobody/counterparts", 404},
		{"/v1/people/p-nobody/meetings", 404},
		{"/v1/meetings/m-0000000000000000", 404},
		{"/v1/articles/no-such-article", 404},
		{"/v1/jobs/nope/runs?limit=x", 400},
		{"/v1/people?limit=-1", 400},
		{"/v1/people?limit=ten", 400},
		{"/v1/people?cursor=not-a-cursor", 400},
		{"/v1/people?country=Narnia", 400},
		{"/v1/meetings?cursor=Zm9v", 400},
		{"/v1/meetings?from=2023-13", 400},
		{"/v1/meetings?to=yesterday", 400},
		{"/v1/meetings?kind=dinner", 400},
		{"/v1/meetings?status=rumoured", 400},
		{"/v1/people/" + id + "/meetings?with=p-nobody", 404},
		{"/v1/countries/XX/meetings", 400},
		{"/v1/countries/IR/meetings?with=Atlantis", 400},
		{"/v1/paths?from=" + id, 400},
		{"/v1/paths?from=" + id + "&to=p-nobody-at-all", 404},
		{"/v1/ask", 400},
		{"/v1/ask?q=", 400},
	} {
		code, body := f.get(tc.target)
		if code != tc.status {
			t.Errorf("GET %s: %d, want %d: %s", tc.target, code, tc.status, body)
			continue
		}
		errorOf(t, body)
	}
	// Over the body limit, through the store-backed handler.
	big := `{"id":"big","text":"` + strings.Repeat("Minister met minister. ", 4<<10) + `"}`
	if code, body := f.do("POST", "/v1/articles", "application/json", []byte(big)); code != 413 || errorOf(t, body).Code != "too_large" {
		t.Errorf("big body: %d %s", code, body)
	}
	// The store gone: readiness says so with 503.
	if code, _ := f.get("/readyz"); code != 200 {
		t.Errorf("/readyz with the store open: %d", code)
	}
	f.store.Close(context.Background())
	if code, body := f.get("/readyz"); code != 503 || errorOf(t, body).Code != "unavailable" {
		t.Errorf("/readyz with the store closed: %d %s", code, body)
	}
	if code, body := f.get("/v1/people/" + id); code < 500 || strings.Contains(string(body), "sql") {
		t.Errorf("read with the store closed: %d %s, want a 5xx without detail", code, body)
	}
}

// A store slower than ReadTimeout gives 503, not a hung request.
func TestReadTimeout(t *testing.T) {
	f := newFixture(t, Config{ReadTimeout: time.Nanosecond})
	for _, target := range []string{"/v1/people", "/v1/people/p-x/counterparts", "/v1/meetings", "/v1/ask?q=who+met+Alvarado"} {
		code, body := f.get(target)
		if code != http.StatusServiceUnavailable || errorOf(t, body).Code != graph.EUNAVAILABLE {
			t.Errorf("GET %s past the read timeout: %d %s", target, code, body)
		}
	}
	if code, _ := f.get("/healthz"); code != 200 {
		t.Errorf("/healthz: %d", code)
	}
}

// Hostile input is data: it reaches the store only as query parameters and
// leaves the graph as it was.
func TestHostileInput(t *testing.T) {
	onEachStore(t, Config{}, testHostileInput)
}

func testHostileInput(t *testing.T, f *fixture) {
	f.load()
	before := f.stats()
	hostile := []string{
		`'}) DETACH DELETE n //`, `"}) DETACH DELETE n //`, `\`, `\\'`, `O'Brien`, `"quoted"`, `'; DROP TABLE people; --`,
		`%`, `_`, `*`, `.*`, `(`, `{{`, "\x00", "Сосан", "سوسن", "🙂", "Ｓｏｓａｎ", "a\nb", strings.Repeat("é", 2000),
		`MATCH (n) DETACH DELETE n`, `$param`, "\u202e", `p-' OR '1'='1`,
	}
	for _, h := range hostile {
		q := url.QueryEscape(h)
		p := url.PathEscape(h)
		for _, target := range []string{
			"/v1/people?q=" + q, "/v1/people?country=" + q, "/v1/people?cursor=" + q, "/v1/people/" + p,
			"/v1/people/" + p + "/counterparts", "/v1/people/" + p + "/meetings?with=" + q, "/v1/meetings?person=" + q,
			"/v1/meetings/" + p, "/v1/articles/" + p, "/v1/countries/" + p + "/meetings", "/v1/paths?from=" + q + "&to=" + q,
			"/v1/ask?q=" + url.QueryEscape("who met "+h), "/v1/ask?q=" + url.QueryEscape("how is "+h+" connected to Alvarado"),
			"/v1/ask?q=" + q, "/v1/jobs/" + p + "/runs",
		} {
			code, body := f.get(target)
			if code >= 500 {
				t.Errorf("GET %s: %d %s", truncate(target, 200), code, body)
			} else if code >= 400 {
				errorOf(t, body)
			}
		}
	}
	// A 1 MB query string, over real HTTP.
	code, body := f.get("/v1/people?q=" + strings.Repeat("A", 1<<20))
	if code != http.StatusRequestURITooLong || errorOf(t, body).Code != "uri_too_long" {
		t.Errorf("1 MB query string: %d %s", code, truncate(string(body), 200))
	}
	if after := f.stats(); after != before {
		t.Errorf("hostile reads changed the graph: %+v, was %+v", after, before)
	}
	// Hostile names inside an article are stored as names, nothing more.
	art := map[string]string{"id": `x'}) DETACH DELETE n //`, "published": "2025-09-09",
		"text": `Foreign Minister Tomas O'Brien-D\'Souza met Foreign Minister Kadri "Tamm" in Riga on 8 September 2025. '}) DETACH DELETE n //`}
	b, _ := json.Marshal(art)
	if code, body := f.do("POST", "/v1/articles", "application/json", b); code != 200 {
		t.Fatalf("hostile article: %d %s", code, body)
	}
	after := f.stats()
	if after.Articles != before.Articles+1 || after.People < before.People || after.Meetings < before.Meetings {
		t.Errorf("after a hostile article: %+v, was %+v", after, before)
	}
	var got struct{ Article graph.Article }
	f.getJSON("/v1/articles/"+url.PathEscape(art["id"]), &got)
	if got.Article.ID != art["id"] {
		t.Errorf("hostile article id read back as %q", got.Article.ID)
	}
}

func TestPaging(t *testing.T) {
	f := newFixture(t, Config{})
	f.load()
	var all graph.PersonPage
	f.getJSON("/v1/people?limit=500", &all)
	if len(all.People) < 5 || all.NextCursor != "" {
		t.Fatalf("all people: %d, cursor %q", len(all.People), all.NextCursor)
	}
	var paged []string
	cursor := ""
	for i := 0; ; i++ {
		var page graph.PersonPage
		f.getJSON("/v1/people?limit=2&cursor="+url.QueryEscape(cursor), &page)
		if len(page.People) > 2 {
			t.Fatalf("page of %d with limit=2", len(page.People))
		}
		for _, p := range page.People {
			paged = append(paged, p.ID)
		}
		if cursor = page.NextCursor; cursor == "" || i > 20 {
			break
		}
	}
	var want []string
	for _, p := range all.People {
		want = append(want, p.ID)
	}
	if !slices.Equal(paged, want) {
		t.Errorf("paged people %v, want %v", paged, want)
	}

	var allM graph.MeetingPage
	f.getJSON("/v1/meetings?status=any&limit=500", &allM)
	var pagedM []string
	cursor = ""
	for i := 0; i < 20; i++ {
		var page graph.MeetingPage
		f.getJSON("/v1/meetings?status=any&limit=1&cursor="+url.QueryEscape(cursor), &page)
		for _, m := range page.Meetings {
			pagedM = append(pagedM, m.ID)
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	var wantM []string
	for _, m := range allM.Meetings {
		wantM = append(wantM, m.ID)
	}
	if len(wantM) < 4 || !slices.Equal(pagedM, wantM) {
		t.Errorf("paged meetings %v, want %v", pagedM, wantM)
	}
}

func TestMainEndpointsMatchTheSpec(t *testing.T) {
	f := newFixture(t, Config{})
	f.load()
	id := f.personID("Alvarado")
	var page graph.MeetingPage
	f.getJSON("/v1/meetings?person="+id, &page)
	if len(page.Meetings) == 0 {
		t.Fatal("Alvarado has no meetings")
	}
	// f.get validates every response against openapi.yaml.
	for _, target := range []string{
		"/healthz", "/readyz", "/v1/people", "/v1/people?q=Halvorsen&country=NO", "/v1/people/" + id,
		"/v1/people/" + id + "/counterparts", "/v1/people/" + id + "/meetings?from=2025&to=2025-12",
		"/v1/meetings?country=CL&with_country=Norway&status=any", "/v1/meetings/" + page.Meetings[0].ID,
		"/v1/countries/NO/meetings?with=CL&kind=call", "/v1/paths?from=Fuentes&to=" + id, "/v1/articles/sample-001",
		"/v1/stats", "/v1/jobs", "/v1/jobs/none/runs", "/v1/ask?q=who+is+Brekke",
	} {
		if code, body := f.get(target); code != 200 {
			t.Errorf("GET %s: %d %s", truncate(target, 200), code, body)
		}
	}
	code, body := f.get("/openapi.json")
	if code != 200 || !json.Valid(body) || !bytes.Contains(body, []byte(`"/v1/people/{id}/counterparts"`)) {
		t.Errorf("/openapi.json: %d", code)
	}
}

func TestAPIKey(t *testing.T) {
	for _, keyReads := range []bool{false, true} {
		f := newFixture(t, Config{APIKey: "k-123", KeyReads: keyReads})
		if code, _ := f.do("POST", "/v1/articles", "application/x-ndjson", examples(t)); code != 401 {
			t.Errorf("write without key: %d", code)
		}
		f.load("Authorization", "Bearer k-123")
		code, _ := f.get("/v1/people")
		if want := map[bool]int{false: 200, true: 401}[keyReads]; code != want {
			t.Errorf("keyReads=%v: read without key %d, want %d", keyReads, code, want)
		}
		if code, _ := f.get("/v1/people", "Authorization", "Bearer k-123"); code != 200 {
			t.Errorf("read with key: %d", code)
		}
		if code, _ := f.get("/healthz"); code != 200 {
			t.Errorf("/healthz is keyed: %d", code)
		}
	}
}

func TestJobs(t *testing.T) {
	f := newFixture(t, Config{})
	run := graph.JobRun{Job: "inbox", Started: time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC), Duration: time.Second, Fetched: 3, Stored: 2, Failed: 1,
		Errors: []string{"folder x: a.json: missing or empty text"}}
	if err := f.store.RecordRun(context.Background(), run); err != nil {
		t.Fatal(err)
	}
	var lj struct{ Jobs []jobs.JobInfo }
	f.getJSON("/v1/jobs", &lj)
	if len(lj.Jobs) != 0 {
		t.Errorf("jobs without a scheduler: %+v", lj.Jobs)
	}
	var runs struct {
		Job  string
		Runs []graph.JobRun
	}
	f.getJSON("/v1/jobs/inbox/runs", &runs)
	if len(runs.Runs) != 1 || runs.Runs[0].Stored != 2 || len(runs.Runs[0].Errors) != 1 {
		t.Errorf("runs from the store: %+v", runs)
	}

	cfg, err := jobs.LoadConfig(filepath.Join("..", "examples", "jobs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	g := newFixture(t, Config{})
	sched := jobs.NewScheduler(cfg, g.store, nil, discardLogger())
	h, err := New(Config{Store: g.store, Extractor: mustExtractor(t), Jobs: sched, Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	g.srv.Config.Handler = h
	g.getJSON("/v1/jobs", &lj)
	if len(lj.Jobs) != len(cfg.Jobs) || lj.Jobs[0].Name != "examples" || lj.Jobs[0].Schedule != "@every 10m" {
		t.Errorf("jobs of examples/jobs.yaml: %+v", lj.Jobs)
	}
	if code, _ := g.get("/v1/jobs/examples/runs"); code != 200 {
		t.Errorf("runs of a configured job: %d", code)
	}
	if code, body := g.get("/v1/jobs/nope/runs"); code != 404 {
		t.Errorf("runs of an unknown job: %d %s", code, body)
	}
}

func mustExtractor(t *testing.T) *extract.Extractor {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return x
}
