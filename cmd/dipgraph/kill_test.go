package main

import (
	"encoding/json"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/api/apitest"
	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
)

// TestKillDuringIngest is issue 5's crash test: SIGKILL the server while
// it ingests 1,000 articles, restart it on the same data, post them all
// again, and the graph must be exactly the one a clean single ingest gives.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests 1,000 articles three times")
	}
	bin := buildBinary(t)
	articles := apitest.Articles(1000, 42)
	const chunk = 50
	env := []string{"NEO4J_URI="}

	// Clean: one ingest into a fresh directory.
	clean := startServe(t, bin, env, "--data", t.TempDir())
	postAll(t, clean, articles, chunk)
	want := dump(t, clean)
	if want.Stats.Articles != len(articles) || want.Stats.People < 50 || want.Stats.Meetings < 500 {
		t.Fatalf("clean ingest gave %+v", want.Stats)
	}
	clean.stop()

	// Crash: kill -9 while a chunk is being written.
	dir := t.TempDir()
	s := startServe(t, bin, env, "--data", dir)
	posted := make(chan int, len(articles)/chunk)
	go func() {
		defer close(posted)
		for i := 0; i < len(articles); i += chunk {
			if _, _, err := s.post("/v1/articles", "application/x-ndjson", apitest.JSONLines(articles[i:min(i+chunk, len(articles))])); err != nil {
				return // the server is gone
			}
			posted <- i + chunk
		}
	}()
	n := 0
	for n < len(articles)/2 {
		v, ok := <-posted
		if !ok {
			t.Fatalf("the ingest stopped after %d articles before the kill:\n%s", n, s.log.String())
		}
		n = v
	}
	time.Sleep(20 * time.Millisecond) // into the next chunk's write
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-s.done
	for range posted {
	}
	t.Logf("killed after %d articles were acknowledged; the clean graph: %+v", n, want.Stats)

	// Restart on the same data and send everything again.
	s = startServe(t, bin, env, "--data", dir)
	var survived graph.Stats
	s.getJSON("/v1/stats", &survived)
	if survived.Articles < n || survived.Articles > n+chunk {
		t.Errorf("after the kill the store holds %d articles; %d were acknowledged, and a chunk is %d", survived.Articles, n, chunk)
	}
	postAll(t, s, articles, chunk)
	got := dump(t, s)
	s.stop()

	if got.Stats != want.Stats {
		t.Errorf("stats after kill and re-ingest %+v, clean %+v", got.Stats, want.Stats)
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	if string(a) != string(b) {
		t.Errorf("the graph after kill and re-ingest differs from a clean ingest")
		diffDumps(t, got, want)
	}
}

func postAll(t *testing.T, s *server, articles []extract.Article, chunk int) {
	t.Helper()
	for i := 0; i < len(articles); i += chunk {
		code, body, err := s.post("/v1/articles", "application/x-ndjson", apitest.JSONLines(articles[i:min(i+chunk, len(articles))]))
		if err != nil || code != 200 {
			t.Fatalf("POST articles %d..: %d %v %s", i, code, err, body)
		}
	}
}

// graphDump is a canonical picture of a graph: every person with their
// spellings, every meeting with its attendees and number of reports.
type graphDump struct {
	Stats    graph.Stats
	People   []string
	Meetings []string
}

func dump(t *testing.T, s *server) graphDump {
	t.Helper()
	var d graphDump
	s.getJSON("/v1/stats", &d.Stats)
	for cursor := ""; ; {
		var page graph.PersonPage
		s.getJSON("/v1/people?limit=500&cursor="+url.QueryEscape(cursor), &page)
		for _, p := range page.People {
			d.People = append(d.People, p.ID+" "+strings.Join(p.Aliases, "|")+" "+p.Country+" "+p.Role)
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	for cursor := ""; ; {
		var page graph.MeetingPage
		s.getJSON("/v1/meetings?status=any&limit=500&cursor="+url.QueryEscape(cursor), &page)
		for _, m := range page.Meetings {
			var who []string
			for _, p := range m.Participants {
				who = append(who, p.PersonID)
			}
			sort.Strings(who)
			d.Meetings = append(d.Meetings, strings.Join([]string{m.ID, m.Name, m.Date, m.Kind, m.Status, strings.Join(who, ","),
				strings.Repeat("r", len(m.Reports))}, " "))
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	sort.Strings(d.People)
	sort.Strings(d.Meetings)
	return d
}

func diffDumps(t *testing.T, got, want graphDump) {
	for _, part := range []struct {
		name      string
		got, want []string
	}{{"people", got.People, want.People}, {"meetings", got.Meetings, want.Meetings}} {
		g, w := map[string]bool{}, map[string]bool{}
		for _, x := range part.got {
			g[x] = true
		}
		for _, x := range part.want {
			w[x] = true
		}
		shown := 0
		for _, x := range part.got {
			if !w[x] && shown < 10 {
				t.Errorf("extra %s: %s", part.name, x)
				shown++
			}
		}
		for _, x := range part.want {
			if !g[x] && shown < 20 {
				t.Errorf("missing %s: %s", part.name, x)
				shown++
			}
		}
	}
}
