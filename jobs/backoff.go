package jobs

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Backoff for remote sources. A feed or page that fails (timeout, HTTP
// error, malformed body, no article text) is not fetched again until its
// backoff has passed: Base after the first failure, doubling with each
// further one up to Max. The state lives in the store under "retry:"+URL
// (value "attempts|not-before"), like the rest of a job's memory, so a
// restart or another replica honours it; a success clears it.

// Retry is the backoff policy of a Runner; zero fields take the defaults.
type Retry struct {
	Base time.Duration // wait after the first failure; DefaultRetryBase when 0
	Max  time.Duration // longest wait; DefaultRetryMax when 0
}

// Defaults of Retry.
const (
	DefaultRetryBase = time.Minute
	DefaultRetryMax  = 6 * time.Hour
)

const prefixRetry = "retry:" // value: "attempts|not-before (RFC 3339)"

// errDeferred is returned instead of fetching a URL still in its backoff.
type errDeferred struct {
	url   string
	until time.Time
}

func (e errDeferred) Error() string {
	return fmt.Sprintf("%s: failed before; next try after %s", e.url, e.until.Format(time.RFC3339))
}

// retryState is one URL's backoff record.
type retryState struct {
	attempts int
	until    time.Time
}

func parseRetry(v string) retryState {
	a, u, _ := strings.Cut(v, "|")
	n, _ := strconv.Atoi(a)
	t, _ := time.Parse(time.RFC3339Nano, u)
	return retryState{attempts: n, until: t}
}

func (s retryState) String() string {
	return strconv.Itoa(s.attempts) + "|" + s.until.UTC().Format(time.RFC3339Nano)
}

// next is the state after one more failure at now.
func (p Retry) next(s retryState, now time.Time) retryState {
	base, maxWait := p.Base, p.Max
	if base <= 0 {
		base = DefaultRetryBase
	}
	if maxWait <= 0 {
		maxWait = DefaultRetryMax
	}
	wait := base
	for i := 0; i < s.attempts && wait < maxWait; i++ {
		wait *= 2
	}
	wait = min(wait, maxWait)
	return retryState{attempts: s.attempts + 1, until: now.Add(wait)}
}

// checkRetry returns errDeferred when url is still in its backoff, and
// remembers its state so the end of the run can update it.
func (rn *run) checkRetry(ctx context.Context, url string) error {
	v, ok, err := rn.st.SeenItem(ctx, rn.job.Name, prefixRetry+url)
	if err != nil {
		return errStore{fmt.Errorf("look up backoff of %s: %w", url, err)}
	}
	if !ok || v == "" {
		return nil
	}
	s := parseRetry(v)
	rn.retries[url] = s
	if s.attempts > 0 && rn.now().Before(s.until) {
		return errDeferred{url: url, until: s.until}
	}
	return nil
}

// saveRetries records the run's failures and clears the backoff of URLs
// that succeeded this time.
func (rn *run) saveRetries(ctx context.Context) error {
	now := rn.now()
	for url := range rn.failedURLs {
		s := rn.Retry.next(rn.retries[url], now)
		if err := rn.st.MarkItem(ctx, rn.job.Name, prefixRetry+url, s.String(), ""); err != nil {
			return fmt.Errorf("record backoff of %s: %w", url, err)
		}
	}
	for url, s := range rn.retries {
		if rn.failedURLs[url] || s.attempts == 0 || rn.deferred[url] {
			continue
		}
		if err := rn.st.MarkItem(ctx, rn.job.Name, prefixRetry+url, retryState{}.String(), ""); err != nil {
			return fmt.Errorf("clear backoff of %s: %w", url, err)
		}
	}
	return nil
}

func (rn *run) now() time.Time {
	if rn.Now != nil {
		return rn.Now()
	}
	return time.Now()
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
