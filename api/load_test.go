package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/api/apitest"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/neo4j"
	"github.com/dipgraph/dipgraph/graph/sqlite"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// TestLoadCounterparts measures GET /v1/people/{id}/counterparts over real
// HTTP on 127.0.0.1 next to the same query made straight through the store
// (for Neo4j: the same Cypher through the driver), in one run, at a fixed
// concurrency for a fixed time each (the two taking turns, see
// interleaved), and prints requests/s, p50 and p99.
// The API must add at most 50% to the direct p99. It runs only with
// DIPGRAPH_LOAD=1 (it wipes the test Neo4j and takes a while):
//
//	DIPGRAPH_LOAD=1 NEO4J_URI=bolt://127.0.0.1:7687 go test -run TestLoadCounterparts -v ./api/
//
// DIPGRAPH_LOAD_SECONDS (default 5) and DIPGRAPH_LOAD_CONCURRENCY (default 4)
// change the run.
func TestLoadCounterparts(t *testing.T) {
	if os.Getenv("DIPGRAPH_LOAD") != "1" {
		t.Skip("set DIPGRAPH_LOAD=1 to run the load test")
	}
	secs, _ := strconv.Atoi(os.Getenv("DIPGRAPH_LOAD_SECONDS"))
	conc, _ := strconv.Atoi(os.Getenv("DIPGRAPH_LOAD_CONCURRENCY"))
	dur, workers := 5*time.Second, 4
	if conc > 0 {
		workers = conc
	}
	if secs > 0 {
		dur = time.Duration(secs) * time.Second
	}
	ctx := context.Background()
	stores := map[string]func(t *testing.T) graph.Store{
		"neo4j": func(t *testing.T) graph.Store {
			cfg := neo4jtest.Get(t)
			cfg.Wipe(t)
			st, err := neo4j.Open(ctx, neo4j.Config{URI: cfg.URI, Username: cfg.Username, Password: cfg.Password, Database: cfg.Database, Logger: discardLogger()})
			if err != nil {
				t.Fatal(err)
			}
			return st
		},
		"embedded": func(t *testing.T) graph.Store {
			st, err := sqlite.Open(ctx, sqlite.Config{Dir: t.TempDir(), Logger: discardLogger()})
			if err != nil {
				t.Fatal(err)
			}
			return st
		},
	}
	for _, name := range []string{"neo4j", "embedded"} {
		t.Run(name, func(t *testing.T) {
			st := stores[name](t)
			defer st.Close(ctx)
			x := mustExtractor(t)
			p := &ingest.Pipeline{Extractor: x, Store: st}
			if _, _, err := p.Ingest(ctx, apitest.Articles(2000, 1)); err != nil {
				t.Fatal(err)
			}
			id, n := busiest(t, st)
			h, err := New(Config{Store: st, Extractor: x, Logger: discardLogger()})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
			target := srv.URL + "/v1/people/" + id + "/counterparts"

			direct := func() error { _, err := st.Counterparts(ctx, id); return err }
			viaHTTP := func() error {
				resp, err := client.Get(target)
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				if _, err := io.Copy(io.Discard, resp.Body); err != nil {
					return err
				}
				if resp.StatusCode != 200 {
					return fmt.Errorf("status %d", resp.StatusCode)
				}
				return nil
			}
			// Warm both paths (connection pools, plan caches) before measuring.
			load(t, direct, time.Second, workers)
			load(t, viaHTTP, time.Second, workers)
			r := interleaved(t, []func() error{direct, viaHTTP}, dur, workers)
			d, a := r[0], r[1]
			t.Logf("%s store, person %s with %d counterparts, %d workers, %s each:", name, id, n, workers, dur)
			t.Logf("| path | requests/s | p50 | p99 |")
			t.Logf("|---|---|---|---|")
			t.Logf("| store.Counterparts (direct) | %.0f | %s | %s |", d.rps, d.p50.Round(10*time.Microsecond), d.p99.Round(10*time.Microsecond))
			t.Logf("| GET /v1/people/{id}/counterparts | %.0f | %s | %s |", a.rps, a.p50.Round(10*time.Microsecond), a.p99.Round(10*time.Microsecond))
			ratio := float64(a.p99) / float64(d.p99)
			t.Logf("p99 API/direct = %.2f (API adds %.0f%%)", ratio, (ratio-1)*100)
			if name == "neo4j" && ratio > 1.5 {
				t.Errorf("the API adds %.0f%% to the direct p99 (limit 50%%)", (ratio-1)*100)
			}
		})
	}
}

// busiest finds the person with the most counterparts.
func busiest(t *testing.T, st graph.Store) (string, int) {
	ctx := context.Background()
	page, err := st.SearchPeople(ctx, graph.PersonFilter{Limit: graph.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	best, n := "", -1
	for _, p := range page.People {
		cs, err := st.Counterparts(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) > n {
			best, n = p.ID, len(cs)
		}
	}
	return best, n
}

type loadResult struct {
	rps      float64
	p50, p99 time.Duration
}

// loadRounds is how many slices each path's time is cut into. The paths
// take turns slice by slice, so a burst of noise on a shared machine falls
// on both rather than on whichever happened to run second.
const loadRounds = 10

// interleaved loads each of fns for dur in all, taking turns in
// loadRounds slices (the order alternating every round), and reports each
// one's throughput and latency percentiles.
func interleaved(t *testing.T, fns []func() error, dur time.Duration, workers int) []loadResult {
	t.Helper()
	lat := make([][]time.Duration, len(fns))
	busy := make([]time.Duration, len(fns))
	slice := dur / loadRounds
	for round := range loadRounds {
		for k := range fns {
			i := k
			if round%2 == 1 {
				i = len(fns) - 1 - k
			}
			l, elapsed := load(t, fns[i], slice, workers)
			lat[i] = append(lat[i], l...)
			busy[i] += elapsed
		}
	}
	out := make([]loadResult, len(fns))
	for i, l := range lat {
		slices.Sort(l)
		if len(l) == 0 {
			t.Fatal("no request completed")
		}
		pct := func(p float64) time.Duration { return l[min(len(l)-1, int(float64(len(l))*p))] }
		out[i] = loadResult{rps: float64(len(l)) / busy[i].Seconds(), p50: pct(0.50), p99: pct(0.99)}
	}
	return out
}

// load calls fn from workers goroutines for dur and returns every call's
// latency and the time it took.
func load(t *testing.T, fn func() error, dur time.Duration, workers int) ([]time.Duration, time.Duration) {
	t.Helper()
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr error
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) {
				t0 := time.Now()
				if err := fn(); err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	return lat, time.Since(start)
}
