package jobs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/graph"
)

func TestFeedExactlyOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		ctx := context.Background()
		s := newSite(t)
		r := newRunner(t, st)
		job := Job{Name: "gazette", Source: SourceConfig{Type: TypeFeed, URL: s.URL + "/feed.xml"}}

		run, err := r.Run(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=4 extracted=4 stored=4 skipped=0 failed=0"; got != want {
			t.Fatalf("first run: %s, want %s (errors %v)", got, want, run.Errors)
		}
		vienna := articleID(s.URL + "/a/vienna-talks")
		if got, want := meetings(t, st, vienna), []string{"Katrin Holzer + Tomas Ibarra"}; !slices.Equal(got, want) {
			t.Errorf("vienna meetings = %q, want %q", got, want)
		}
		a, _, err := st.Article(ctx, vienna)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Austrian and Chilean ministers hold talks in Vienna" || a.Published != "2024-03-12" || a.URL != s.URL+"/a/vienna-talks" {
			t.Errorf("article metadata = %+v", a)
		}

		// Nothing changed: the feed answers 304 and no page is fetched.
		pages := s.hitCount("/a/vienna-talks")
		run, err = r.Run(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=0 extracted=0 stored=0 skipped=0 failed=0"; got != want {
			t.Errorf("second run: %s, want %s", got, want)
		}
		if s.hitCount("/a/vienna-talks") != pages {
			t.Errorf("second run fetched a page although the feed was not modified")
		}

		// One new item: exactly it is ingested; the others are 304s.
		s.setArticle(fixture{Slug: "new-item", Title: "Ministers meet in Quito", Published: "2024-07-01", Paragraphs: []string{
			"Ecuadorian Foreign Minister Diego Cevallos met Swedish Foreign Minister Anna Lindqvist in Quito on 1 July 2024.",
			"The ministers talked about research on volcanic soils, trade in flowers and a scholarship programme for engineering students from both countries.",
		}})
		run, err = r.Run(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=5 extracted=1 stored=1 skipped=4 failed=0"; got != want {
			t.Errorf("run with a new item: %s, want %s (errors %v)", got, want, run.Errors)
		}

		// A changed item replaces its facts under the same article id.
		oslo := articleID(s.URL + "/a/oslo-visit")
		if got, want := meetings(t, st, oslo), []string{"Amani Wekesa + Sigrid Lunde"}; !slices.Equal(got, want) {
			t.Fatalf("oslo meetings before the change = %q, want %q", got, want)
		}
		var changed fixture
		loadFixtures(t, "oslo-visit-changed.json", &changed)
		s.setArticle(changed)
		run, err = r.Run(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=5 extracted=1 stored=1 skipped=4 failed=0"; got != want {
			t.Errorf("run with a changed item: %s, want %s (errors %v)", got, want, run.Errors)
		}
		if got, want := meetings(t, st, oslo), []string{"Amani Wekesa + Joana Pires"}; !slices.Equal(got, want) {
			t.Errorf("oslo meetings after the change = %q, want %q (the old meeting must be gone)", got, want)
		}

		runs, err := st.Runs(ctx, "gazette", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) != 4 || runs[0].Stored != 1 || runs[3].Stored != 4 {
			t.Errorf("recorded runs = %+v, want 4, latest first", runs)
		}
	})
}

// Without validators the feed is refetched every time; the per-item state
// alone keeps items from being ingested twice.
func TestFeedWithoutValidatorsSkipsSeenItems(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := newSite(t)
		r := newRunner(t, st)
		job := Job{Name: "noetag", Source: SourceConfig{Type: TypeFeed, URL: s.URL + "/feed-noetag.xml"}}
		if run, err := r.Run(context.Background(), job); err != nil || run.Stored != 4 {
			t.Fatalf("first run: %s, %v", counts(run), err)
		}
		// Pages still send ETags; forget them to force the hash check.
		for _, f := range s.articles {
			if err := st.MarkItem(context.Background(), "noetag", prefixHTTPCache+s.URL+"/a/"+f.Slug, "", ""); err != nil {
				t.Fatal(err)
			}
		}
		run, err := r.Run(context.Background(), job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=4 extracted=0 stored=0 skipped=4 failed=0"; got != want {
			t.Errorf("second run: %s, want %s", got, want)
		}
	})
}

func TestBrokenSourcesDoNotStopTheRun(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := newSite(t)
		r := newRunner(t, st)
		r.Fetcher.Timeout = 300 * time.Millisecond
		job := Job{Name: "mixed", Source: SourceConfig{Type: TypeFeed, URLs: []string{
			s.URL + "/500", s.URL + "/slow.xml", s.URL + "/malformed.xml", s.URL + "/huge.xml", s.URL + "/feed.xml",
		}}}
		run, err := r.Run(context.Background(), job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=4 extracted=4 stored=4 skipped=0 failed=4"; got != want {
			t.Fatalf("run: %s, want %s (errors %q)", got, want, run.Errors)
		}
		for _, want := range []string{"500 Internal Server Error", "slow.xml", "malformed.xml", "huge.xml: body larger than the 10485760-byte limit"} {
			if !slices.ContainsFunc(run.Errors, func(e string) bool { return strings.Contains(e, want) }) {
				t.Errorf("errors %q: none mentions %q", run.Errors, want)
			}
		}
		runs, err := st.Runs(context.Background(), "mixed", 1)
		if err != nil || len(runs) != 1 || runs[0].Failed != 4 || len(runs[0].Errors) != 4 {
			t.Errorf("recorded run = %+v, %v", runs, err)
		}
	})
}

func TestPageWithoutTextIsAFailureRetriedWithBackoff(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		s := newSite(t)
		r := newRunner(t, st)
		now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
		r.Now = func() time.Time { return now }
		r.Retry = Retry{Base: time.Minute, Max: 3 * time.Minute}
		job := Job{Name: "pages", Source: SourceConfig{Type: TypePage, URLs: []string{s.URL + "/empty", s.URL + "/a/cairo-meeting"}}}
		for i, step := range []struct {
			advance time.Duration
			want    string
			fetches int // of /empty so far
		}{
			{0, "fetched=1 extracted=1 stored=1 skipped=0 failed=1", 1},
			{30 * time.Second, "fetched=1 extracted=0 stored=0 skipped=2 failed=0", 1}, // in its 1 min backoff; the good page answers 304
			{time.Minute, "fetched=1 extracted=0 stored=0 skipped=1 failed=1", 2},      // retried, fails again: 2 min backoff
			{time.Minute, "fetched=1 extracted=0 stored=0 skipped=2 failed=0", 2},
			{time.Minute + time.Second, "fetched=1 extracted=0 stored=0 skipped=1 failed=1", 3},
		} {
			now = now.Add(step.advance)
			run, err := r.Run(context.Background(), job)
			if err != nil {
				t.Fatal(err)
			}
			if got := counts(run); got != step.want {
				t.Errorf("run %d: %s, want %s (errors %q)", i+1, got, step.want, run.Errors)
			}
			if run.Failed == 1 && (len(run.Errors) != 1 || !strings.Contains(run.Errors[0], "/empty") || !strings.Contains(run.Errors[0], "no article text")) {
				t.Errorf("run %d errors = %q", i+1, run.Errors)
			}
			if n := s.hitCount("/empty"); n != step.fetches {
				t.Errorf("run %d: empty page fetched %d times, want %d", i+1, n, step.fetches)
			}
		}
		if got, want := meetings(t, st, articleID(s.URL+"/a/cairo-meeting")), []string{"Joana Pires + Karim Nassar"}; !slices.Equal(got, want) {
			t.Errorf("cairo meetings = %q, want %q", got, want)
		}
	})
}

func TestBackoffGrowsToItsMaximum(t *testing.T) {
	p := Retry{Base: time.Minute, Max: 5 * time.Minute}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var s retryState
	for i, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute, 5 * time.Minute} {
		s = p.next(s, now)
		if got := s.until.Sub(now); got != want || s.attempts != i+1 {
			t.Errorf("failure %d: wait %v (attempts %d), want %v", i+1, got, s.attempts, want)
		}
		if back := parseRetry(s.String()); back != s {
			t.Errorf("round trip of %q = %+v, want %+v", s.String(), back, s)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFolderNewAndChangedFilesOnly(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		ctx := context.Background()
		dir := t.TempDir()
		copyDir(t, "testdata/folder", dir)
		r := newRunner(t, st)
		job := Job{Name: "inbox", Source: SourceConfig{Type: TypeFolder, Path: dir}}

		run, err := r.Run(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=5 extracted=5 stored=5 skipped=0 failed=0"; got != want {
			t.Fatalf("first run: %s, want %s (errors %q)", got, want, run.Errors)
		}
		if got, want := meetings(t, st, "folder-3"), []string{"Lucia Quispe + Mikko Laine"}; !slices.Equal(got, want) {
			t.Errorf("folder-3 meetings = %q, want %q", got, want)
		}
		html := articleID("path:report.html")
		a, ms, err := st.Article(ctx, html)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Georgian and Dutch ministers meet in Tbilisi" || a.Published != "2024-04-18" || len(ms) != 1 {
			t.Errorf("report.html stored as %+v with %d meetings", a, len(ms))
		}

		run, err = r.Run(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=0 extracted=0 stored=0 skipped=0 failed=0"; got != want {
			t.Errorf("second run: %s, want %s (unchanged files are not reopened)", got, want)
		}

		// Change one article of the JSONL file, add a new file and a bad one.
		b, _ := os.ReadFile(filepath.Join(dir, "batch.jsonl"))
		b = []byte(strings.Replace(string(b), "Belgian Foreign Minister Pieter Janssens", "Chilean Foreign Minister Tomas Ibarra", 1))
		os.WriteFile(filepath.Join(dir, "batch.jsonl"), b, 0o644)
		os.WriteFile(filepath.Join(dir, "late.txt"), []byte("Late news\n\nIrish Foreign Minister Niamh Byrne met Finnish Foreign Minister Mikko Laine in Dublin on 2 May 2024.\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "bad.jsonl"), []byte("{not json\n"), 0o644)
		run, err = r.Run(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		// batch.jsonl: folder-1 unchanged (skipped), folder-2 changed; late.txt new; bad.jsonl fails.
		if got, want := counts(run), "fetched=3 extracted=2 stored=2 skipped=1 failed=1"; got != want {
			t.Errorf("third run: %s, want %s (errors %q)", got, want, run.Errors)
		}
		if got, want := meetings(t, st, "folder-2"), []string{"Tomas Ibarra + Tran Van Minh"}; !slices.Equal(got, want) {
			t.Errorf("folder-2 meetings = %q, want %q", got, want)
		}
		if len(run.Errors) != 1 || !strings.Contains(run.Errors[0], "bad.jsonl:1") {
			t.Errorf("errors = %q, want one naming bad.jsonl:1", run.Errors)
		}

		// The bad file is retried; everything else is left alone.
		run, err = r.Run(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := counts(run), "fetched=0 extracted=0 stored=0 skipped=0 failed=1"; got != want {
			t.Errorf("fourth run: %s, want %s", got, want)
		}
	})
}

func TestStdinJob(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		r := newRunner(t, st)
		b, err := os.ReadFile("testdata/folder/batch.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		job := Job{Name: "piped", Source: SourceConfig{Type: TypeStdin}}
		for i, want := range []string{"stored=2 skipped=0", "stored=0 skipped=2"} {
			r.Stdin = strings.NewReader(string(b))
			run, err := r.Run(context.Background(), job)
			if err != nil {
				t.Fatal(err)
			}
			if got := counts(run); !strings.Contains(got, want) {
				t.Errorf("run %d: %s, want %s", i+1, got, want)
			}
		}
	})
}

func TestOverlappingRunsAreSkipped(t *testing.T) {
	forEachStore(t, func(t *testing.T, st graph.Store) {
		ctx := context.Background()
		s := newSite(t)
		s.block, s.entered = make(chan struct{}), make(chan struct{}, 10)
		cfg := &Config{Jobs: []Job{{Name: "slow", Schedule: "@every 1h", Source: SourceConfig{Type: TypePage, URL: s.URL + "/a/vienna-talks"}}}}
		sched := NewScheduler(cfg, st, testExtractor(t), testLogger(t))
		sched.Runner.Fetcher = &Fetcher{Timeout: 10 * time.Second}

		first := make(chan error, 1)
		go func() {
			_, err := sched.RunNow(ctx, "slow")
			first <- err
		}()
		<-s.entered // the first run is inside its fetch
		if got := sched.Jobs(); len(got) != 1 || !got[0].Running {
			t.Errorf("Jobs() while running = %+v", got)
		}
		_, err := sched.RunNow(ctx, "slow")
		if !errors.Is(err, ErrAlreadyRunning) {
			t.Errorf("second run while the first is going: err = %v, want ErrAlreadyRunning", err)
		}
		sched.runScheduled(ctx, cfg.Jobs[0]) // the cron path skips too, without blocking
		close(s.block)
		if err := <-first; err != nil {
			t.Fatal(err)
		}
		if n := s.hitCount("/a/vienna-talks"); n != 1 {
			t.Errorf("page fetched %d times, want 1", n)
		}
		runs, err := st.Runs(ctx, "slow", 10)
		if err != nil || len(runs) != 1 || runs[0].Stored != 1 {
			t.Errorf("runs = %+v, %v; want exactly one run that stored 1", runs, err)
		}
		// Once it is over the job runs again.
		if _, err := sched.RunNow(ctx, "slow"); err != nil {
			t.Errorf("run after the first finished: %v", err)
		}
	})
}
