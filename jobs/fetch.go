package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Defaults for polite fetching.
const (
	DefaultTimeout  = 30 * time.Second
	DefaultMaxBytes = 10 << 20 // 10 MB
	DefaultPerHost  = 1
	DefaultUA       = "dipgraph/dev (+https://github.com/dipgraph/dipgraph)"
)

// ErrNotModified is a conditional GET answered 304: nothing changed since the
// validators were remembered.
var ErrNotModified = errors.New("not modified")

// Fetcher is a polite HTTP client: one request at a time per host (by
// default), a timeout per request, a User-Agent naming dipgraph, a cap on
// response size and conditional GETs. One Fetcher is shared by every job of
// a scheduler so that the per-host limit holds across jobs.
type Fetcher struct {
	Client    *http.Client  // nil: a client with Timeout
	Timeout   time.Duration // per request, headers and body; DefaultTimeout when 0
	MaxBytes  int64         // larger bodies are errors; DefaultMaxBytes when 0
	PerHost   int           // concurrent requests per host; DefaultPerHost when 0
	UserAgent string        // DefaultUA when ""

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

// Response is a fetched body.
type Response struct {
	URL       string // final URL after redirects
	Body      []byte
	Validator string // "etag|last-modified" to send back next time; "" when the server gave neither
}

// Get fetches rawURL. When validator (from an earlier Response) is not
// empty the request is conditional and a 304 answer is ErrNotModified.
func (f *Fetcher) Get(ctx context.Context, rawURL, validator string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	release, err := f.acquire(ctx, u.Host)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	defer release()

	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	ua := f.UserAgent
	if ua == "" {
		ua = DefaultUA
	}
	req.Header.Set("User-Agent", ua)
	if etag, lastMod, ok := strings.Cut(validator, "|"); ok {
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		if lastMod != "" {
			req.Header.Set("If-Modified-Since", lastMod)
		}
	}
	client := f.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil, ErrNotModified
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: server answered %s", rawURL, resp.Status)
	}
	max := f.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: read body: %w", rawURL, err)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("GET %s: body larger than the %d-byte limit; cut off", rawURL, max)
	}
	r := &Response{URL: resp.Request.URL.String(), Body: body}
	etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if etag != "" || lastMod != "" {
		r.Validator = etag + "|" + lastMod
	}
	return r, nil
}

// acquire waits for a free slot on host.
func (f *Fetcher) acquire(ctx context.Context, host string) (release func(), err error) {
	f.mu.Lock()
	if f.hosts == nil {
		f.hosts = map[string]chan struct{}{}
	}
	sem, ok := f.hosts[host]
	if !ok {
		n := f.PerHost
		if n <= 0 {
			n = DefaultPerHost
		}
		sem = make(chan struct{}, n)
		f.hosts[host] = sem
	}
	f.mu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
