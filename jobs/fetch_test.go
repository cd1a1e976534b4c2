package jobs

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/dipgraph/dipgraph/jobs/htmlpage"
)

func TestFetcherPoliteness(t *testing.T) {
	var (
		mu           sync.Mutex
		ua           string
		active, peak int
		release      = make(chan struct{})
		entered      = make(chan struct{}, 4)
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		ua = r.UserAgent()
		active++
		peak = max(peak, active)
		mu.Unlock()
		if r.URL.Path == "/wait" {
			entered <- struct{}{}
			<-release
		}
		mu.Lock()
		active--
		mu.Unlock()
		switch {
		case r.URL.Path == "/big":
			w.Write([]byte(strings.Repeat("x", 2048)))
		case r.Header.Get("If-None-Match") == `"v1"`:
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Last-Modified", "Mon, 01 Jul 2024 10:00:00 GMT")
			w.Write([]byte("hello"))
		}
	}))
	defer srv.Close()
	f := &Fetcher{MaxBytes: 1024, UserAgent: "dipgraph/test (+https://example.org)"}
	ctx := context.Background()

	resp, err := f.Get(ctx, srv.URL+"/a", "")
	if err != nil || string(resp.Body) != "hello" {
		t.Fatalf("GET = %v, %v", resp, err)
	}
	if resp.Validator != `"v1"|Mon, 01 Jul 2024 10:00:00 GMT` {
		t.Errorf("validator = %q", resp.Validator)
	}
	if ua != "dipgraph/test (+https://example.org)" {
		t.Errorf("User-Agent = %q", ua)
	}
	if _, err := f.Get(ctx, srv.URL+"/a", resp.Validator); !errors.Is(err, ErrNotModified) {
		t.Errorf("conditional GET: err = %v, want ErrNotModified", err)
	}
	if _, err := f.Get(ctx, srv.URL+"/big", ""); err == nil || !strings.Contains(err.Error(), "larger than the 1024-byte limit") {
		t.Errorf("oversize body: err = %v", err)
	}

	// Two requests to one host: the second waits for the first.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.Get(ctx, srv.URL+"/wait", "")
		}()
	}
	<-entered
	select {
	case <-entered:
		t.Error("a second request to the same host started while the first was in flight")
	default:
	}
	close(release)
	wg.Wait()
	if peak != 1 {
		t.Errorf("peak concurrent requests to one host = %d, want 1", peak)
	}
}

func TestParsePageMetadata(t *testing.T) {
	body := `<html><head><title>Desk | Talks</title></head><body><article>
<h1>Talks in Riga</h1><time datetime="2024-09-14T10:00">14 September</time>
<p>Latvian Foreign Minister Ilze Ozola met Greek Foreign Minister Nikos Pappas in Riga on 14 September 2024.</p>
<p>The two ministers discussed port security and the timetable of a joint research programme for the Baltic coast.</p>
</article></body></html>`
	a, err := htmlpage.Parse([]byte(body), "https://example.org/riga")
	if err != nil {
		t.Fatal(err)
	}
	if a.Published == nil || *a.Published != "2024-09-14" {
		t.Errorf("published = %v, want 2024-09-14 from <time datetime>", a.Published)
	}
	if !strings.Contains(a.Text, "Riga on 14 September 2024.\n\nThe two ministers") {
		t.Errorf("text does not keep paragraphs apart: %q", a.Text)
	}
	if a.Source != "example.org" || a.URL != "https://example.org/riga" {
		t.Errorf("source/url = %q %q", a.Source, a.URL)
	}
}
