package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
)

// ErrAlreadyRunning is returned by Run for a job whose previous run has not
// finished: overlapping runs are skipped, not stacked.
var ErrAlreadyRunning = errors.New("job is already running")

// maxErrorLines caps the error lines kept in a run record.
const maxErrorLines = 100

// Runner runs jobs once. It is safe for concurrent use; each job runs at most
// once at a time.
type Runner struct {
	Store     graph.Store      // the store of jobs without their own
	Extractor ingest.Extractor // reads meetings out of articles
	Fetcher   *Fetcher         // nil: a Fetcher with the defaults
	Logger    *slog.Logger     // nil: slog.Default()
	Stdin     io.Reader        // for stdin jobs
	Batch     int              // articles per store transaction; ingest.DefaultBatch when 0
	// Workers is how many articles are extracted at once (the Extractor
	// must then be safe for concurrent use); GOMAXPROCS when 0. Results are
	// still stored and marked in source order.
	Workers int
	// OpenStore opens a job's own store (Job.Store); nil makes such jobs fail.
	OpenStore func(ctx context.Context, sc StoreConfig) (graph.Store, error)
	// Progress, when set, is called with the running counts after every item.
	Progress func(graph.JobRun)
	// Retry is the backoff of failed feeds and pages (see backoff.go).
	Retry Retry
	// Now is the clock; time.Now when nil.
	Now func() time.Time

	mu      sync.Mutex
	running map[string]bool
	fetcher *Fetcher
}

// Run runs job once and records the outcome in the store with RecordRun.
// Items that fail are counted, logged and left unmarked so the next run
// retries them; the error is for what stopped the whole run (the store, a
// cancelled context) or ErrAlreadyRunning.
func (r *Runner) Run(ctx context.Context, job Job) (graph.JobRun, error) {
	if !r.begin(job.Name) {
		return graph.JobRun{Job: job.Name}, fmt.Errorf("job %q: %w", job.Name, ErrAlreadyRunning)
	}
	defer r.end(job.Name)

	st := r.Store
	if job.Store != nil {
		if r.OpenStore == nil {
			return graph.JobRun{Job: job.Name}, fmt.Errorf("job %q: store: no way to open a job's own store here", job.Name)
		}
		own, err := r.OpenStore(ctx, *job.Store)
		if err != nil {
			return graph.JobRun{Job: job.Name}, fmt.Errorf("job %q: open its store: %w", job.Name, err)
		}
		defer own.Close(context.WithoutCancel(ctx))
		st = own
	}
	if st == nil {
		return graph.JobRun{Job: job.Name}, fmt.Errorf("job %q: no store", job.Name)
	}
	rn := &run{Runner: r, job: job, st: st, log: r.logger().With("job", job.Name),
		failedGroups: map[string]bool{}, inBatch: map[string]bool{},
		retries: map[string]retryState{}, failedURLs: map[string]bool{}, deferred: map[string]bool{}}
	rn.stats = graph.JobRun{Job: job.Name, Started: time.Now().UTC()}
	err := rn.do(ctx)
	if serr := rn.saveRetries(context.WithoutCancel(ctx)); serr != nil {
		err = errors.Join(err, serr)
	}
	rn.stats.Duration = time.Since(rn.stats.Started)
	if err != nil {
		rn.stats.Errors = append(rn.stats.Errors, "run stopped: "+err.Error())
	}
	// Record even a stopped run, unless the store itself is what failed.
	if rerr := st.RecordRun(context.WithoutCancel(ctx), rn.stats); rerr != nil {
		err = errors.Join(err, fmt.Errorf("record run: %w", rerr))
	}
	rn.log.Info("job run finished", "fetched", rn.stats.Fetched, "extracted", rn.stats.Extracted, "stored", rn.stats.Stored,
		"skipped", rn.stats.Skipped, "failed", rn.stats.Failed, "duration", rn.stats.Duration.Round(time.Millisecond))
	if err != nil {
		return rn.stats, fmt.Errorf("job %q: %w", job.Name, err)
	}
	return rn.stats, nil
}

func (r *Runner) begin(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.running[name] {
		return false
	}
	if r.running == nil {
		r.running = map[string]bool{}
	}
	r.running[name] = true
	return true
}

func (r *Runner) end(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.running, name)
}

func (r *Runner) logger() *slog.Logger {
	if r.Logger != nil {
		return r.Logger
	}
	return slog.Default()
}

func (r *Runner) getFetcher() *Fetcher {
	if r.Fetcher != nil {
		return r.Fetcher
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fetcher == nil {
		r.fetcher = &Fetcher{}
	}
	return r.fetcher
}

// run is the state of one job run.
type run struct {
	*Runner
	job   Job
	st    graph.Store
	log   *slog.Logger
	stats graph.JobRun

	source       string // name of the source being read
	work         chan *future
	queue        []*future // in source order, waiting to be stored
	batch        []pending
	inBatch      map[string]bool // keys in batch
	checkpoints  []Item          // waiting for the batch holding their group's items
	failedGroups map[string]bool

	retries    map[string]retryState // backoff records read this run, by URL
	failedURLs map[string]bool       // URLs that failed this run
	deferred   map[string]bool       // URLs skipped for their backoff
}

type pending struct {
	item Item
	doc  graph.Document
}

// future is an item on its way through extraction.
type future struct {
	item Item
	done chan struct{} // closed when res and err are set
	res  extract.Result
	err  error
}

// sources builds the job's sources afresh for each run.
func (rn *run) sources() []Source {
	get := func(ctx context.Context, rawURL string) (*Response, error) {
		if err := rn.checkRetry(ctx, rawURL); err != nil {
			return nil, err
		}
		validator, _, err := rn.st.SeenItem(ctx, rn.job.Name, prefixHTTPCache+rawURL)
		if err != nil {
			return nil, fmt.Errorf("look up HTTP validators of %s: %w", rawURL, err)
		}
		return rn.getFetcher().Get(ctx, rawURL, validator)
	}
	s := rn.job.Source
	switch s.Type {
	case TypeFolder:
		return []Source{&folderSource{dir: s.Path, seen: func(ctx context.Context, key string) (string, bool, error) {
			h, ok, err := rn.st.SeenItem(ctx, rn.job.Name, key)
			if err != nil {
				return "", false, errStore{fmt.Errorf("look up %s: %w", key, err)}
			}
			return h, ok, nil
		}}}
	case TypeFeed:
		var out []Source
		for _, u := range s.AllURLs() {
			out = append(out, &feedSource{url: u, get: get})
		}
		return out
	case TypePage:
		return []Source{&pageSource{urls: s.AllURLs(), get: get}}
	case TypeStdin:
		if rn.Stdin != nil {
			return []Source{&readerSource{name: "stdin", r: rn.Stdin}}
		}
	}
	return nil
}

// errStore marks a store failure, which ends the run.
type errStore struct{ err error }

func (e errStore) Error() string { return e.err.Error() }
func (e errStore) Unwrap() error { return e.err }

func (rn *run) do(ctx context.Context) error {
	srcs := rn.sources()
	if len(srcs) == 0 {
		return fmt.Errorf("source type %q has nothing to read here", rn.job.Source.Type)
	}
	workers := rn.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rn.work = make(chan *future, workers)
	defer close(rn.work)
	for range workers {
		go func(work <-chan *future) {
			for f := range work {
				f.res, f.err = rn.Extractor.Extract(f.item.Article)
				close(f.done)
			}
		}(rn.work)
	}
	for _, src := range srcs {
		rn.source = src.Name()
		err := src.Fetch(ctx, func(it Item) error { return rn.handle(ctx, it) })
		var se errStore
		var de errDeferred
		switch {
		case errors.As(err, &se):
			return se.err
		case errors.As(err, &de):
			rn.postpone(de)
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			// The source as a whole failed; the next one still runs.
			rn.fail(Item{}, err)
			if fs, ok := src.(*feedSource); ok {
				rn.failedURLs[fs.url] = true
			}
		}
		if err := rn.drain(ctx, 0); err != nil {
			return err
		}
	}
	if err := rn.flush(ctx); err != nil {
		return err
	}
	return ctx.Err()
}

// handle takes one emitted item: failures and skips are counted at once,
// new and changed items go to the extraction workers, checkpoints wait in
// line behind the items before them.
func (rn *run) handle(ctx context.Context, it Item) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	defer rn.report()
	switch {
	case it.Checkpoint:
		f := &future{item: it, done: make(chan struct{})}
		close(f.done)
		rn.queue = append(rn.queue, f)
		return rn.drain(ctx, cap(rn.work))
	case it.Err != nil:
		var se errStore
		var de errDeferred
		switch {
		case errors.As(it.Err, &se):
			return se
		case errors.As(it.Err, &de):
			rn.postpone(de)
		default:
			rn.fail(it, it.Err)
		}
		return nil
	}
	rn.stats.Fetched++
	if it.Unchanged {
		rn.stats.Skipped++
		return nil
	}
	hash, ok, err := rn.st.SeenItem(ctx, rn.job.Name, it.Key)
	if err != nil {
		return errStore{fmt.Errorf("look up item %s: %w", it.Key, err)}
	}
	if ok && hash == it.Hash {
		rn.stats.Skipped++
		return rn.mark(ctx, "", it.Marks)
	}
	f := &future{item: it, done: make(chan struct{})}
	rn.queue = append(rn.queue, f)
	select {
	case rn.work <- f:
	case <-ctx.Done():
		return ctx.Err()
	}
	return rn.drain(ctx, 2*cap(rn.work))
}

// drain processes queued items, oldest first, until at most keep are left.
func (rn *run) drain(ctx context.Context, keep int) error {
	for len(rn.queue) > keep {
		f := rn.queue[0]
		select {
		case <-f.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		rn.queue = rn.queue[1:]
		if err := rn.process(ctx, f); err != nil {
			return err
		}
		rn.report()
	}
	return nil
}

// process adds an extracted item to the batch, or queues a checkpoint.
func (rn *run) process(ctx context.Context, f *future) error {
	it := f.item
	if it.Checkpoint {
		rn.checkpoints = append(rn.checkpoints, it)
		if len(rn.batch) == 0 {
			return rn.commitCheckpoints(ctx)
		}
		return nil
	}
	if f.err != nil {
		rn.fail(it, fmt.Errorf("extract: %w", f.err))
		return nil
	}
	rn.stats.Extracted++
	if rn.inBatch[it.Key] {
		// The same key twice in one batch: store the first before the second replaces it.
		if err := rn.flush(ctx); err != nil {
			return err
		}
	}
	rn.batch = append(rn.batch, pending{item: it, doc: ingest.Document(it.Article, f.res)})
	rn.inBatch[it.Key] = true
	if len(rn.batch) >= rn.batchSize() {
		return rn.flush(ctx)
	}
	return nil
}

func (rn *run) batchSize() int {
	if rn.Batch > 0 {
		return rn.Batch
	}
	return ingest.DefaultBatch
}

// flush stores the batch, marks its items and then commits the checkpoints
// whose groups had no failure.
func (rn *run) flush(ctx context.Context) error {
	if len(rn.batch) > 0 {
		if err := rn.store(ctx, rn.batch); err != nil {
			return err
		}
		rn.batch = rn.batch[:0]
		clear(rn.inBatch)
	}
	return rn.commitCheckpoints(ctx)
}

// store ingests batch as one transaction. When the store rejects it, the
// documents are tried one by one so one bad document fails alone.
func (rn *run) store(ctx context.Context, batch []pending) error {
	docs := make([]graph.Document, len(batch))
	for i, p := range batch {
		docs[i] = p.doc
	}
	results, err := rn.st.Ingest(ctx, docs)
	if err != nil {
		if ctx.Err() != nil || graph.ErrorCode(err) == graph.EUNAVAILABLE {
			return errStore{fmt.Errorf("store: %w", err)}
		}
		if len(batch) == 1 {
			rn.fail(batch[0].item, fmt.Errorf("store: %w", err))
			return nil
		}
		for _, p := range batch {
			if err := rn.store(ctx, []pending{p}); err != nil {
				return err
			}
		}
		return nil
	}
	for i, p := range batch {
		if i < len(results) && results[i].Status == graph.ArticleUnchanged {
			rn.stats.Skipped++ // the same text is stored under another key
		} else {
			rn.stats.Stored++
		}
		if err := rn.st.MarkItem(ctx, rn.job.Name, p.item.Key, p.item.Hash, p.item.Article.ID); err != nil {
			return errStore{fmt.Errorf("mark item %s: %w", p.item.Key, err)}
		}
		if err := rn.mark(ctx, "", p.item.Marks); err != nil {
			return err
		}
	}
	return nil
}

func (rn *run) commitCheckpoints(ctx context.Context) error {
	for _, cp := range rn.checkpoints {
		if !rn.failedGroups[cp.Group] {
			if err := rn.mark(ctx, "", cp.Marks); err != nil {
				return err
			}
		}
	}
	rn.checkpoints = rn.checkpoints[:0]
	return nil
}

func (rn *run) mark(ctx context.Context, articleID string, marks []Mark) error {
	for _, m := range marks {
		if err := rn.st.MarkItem(ctx, rn.job.Name, m.Key, m.Value, articleID); err != nil {
			return errStore{fmt.Errorf("remember %s: %w", m.Key, err)}
		}
	}
	return nil
}

// postpone counts a feed or page left alone for its backoff as skipped.
func (rn *run) postpone(de errDeferred) {
	rn.stats.Skipped++
	rn.deferred[de.url] = true
	rn.log.Info("source in backoff, not fetched", "url", de.url, "until", de.until)
}

// fail counts, logs and records a failed item (or source, when it.Key is "").
func (rn *run) fail(it Item, err error) {
	rn.stats.Failed++
	if isURL(it.Key) {
		rn.failedURLs[it.Key] = true
	}
	if it.Group != "" {
		rn.failedGroups[it.Group] = true
	}
	line := fmt.Sprintf("%s: %v", rn.source, err)
	if it.Key != "" {
		line = fmt.Sprintf("%s: %s: %v", rn.source, it.Key, err)
		rn.log.Warn("job item failed", "source", rn.source, "item", it.Key, "err", err)
	} else {
		rn.log.Warn("job source failed", "source", rn.source, "err", err)
	}
	if len(rn.stats.Errors) < maxErrorLines {
		rn.stats.Errors = append(rn.stats.Errors, line)
	}
}

func (rn *run) report() {
	if rn.Progress != nil {
		rn.Progress(rn.stats)
	}
}
