package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
)

// Scheduler runs every scheduled job of a config on its cron schedule. A job
// whose previous run is still going when its time comes again is skipped
// (logged), never stacked.
type Scheduler struct {
	Runner *Runner // exported so callers can set Fetcher, OpenStore, Batch before Start

	cfg    *Config
	log    *slog.Logger
	mu     sync.Mutex
	cron   *cron.Cron
	cancel context.CancelFunc
	wg     sync.WaitGroup
	ids    map[string]cron.EntryID
}

// JobInfo describes a configured job, for listings and the API.
type JobInfo struct {
	Name     string    `json:"name"`
	Type     string    `json:"type"`               // source type
	Target   []string  `json:"target"`             // folder path or URLs
	Schedule string    `json:"schedule,omitempty"` // "" when run only by hand
	Next     time.Time `json:"next,omitzero"`      // next scheduled run, when the scheduler is started
	Running  bool      `json:"running"`
}

// NewScheduler prepares a scheduler for cfg's jobs on store (jobs with their
// own store need Runner.OpenStore set).
func NewScheduler(cfg *Config, store graph.Store, extractor ingest.Extractor, logger *slog.Logger) *Scheduler {
	if logger == nil {
		logger = slog.Default()
	}
	return &Scheduler{
		Runner: &Runner{Store: store, Extractor: extractor, Logger: logger},
		cfg:    cfg,
		log:    logger,
	}
}

// Start schedules the jobs; runs happen in the background until Stop or
// until ctx is done.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil {
		return errors.New("scheduler already started")
	}
	ctx, cancel := context.WithCancel(ctx)
	c := cron.New(cron.WithParser(cronParser))
	ids := map[string]cron.EntryID{}
	for _, j := range s.cfg.Jobs {
		if j.Schedule == "" {
			continue
		}
		id, err := c.AddFunc(j.Schedule, func() { s.runScheduled(ctx, j) })
		if err != nil {
			cancel()
			return fmt.Errorf("job %q: schedule: %w", j.Name, err)
		}
		ids[j.Name] = id
	}
	s.cron, s.cancel, s.ids = c, cancel, ids
	c.Start()
	s.log.Info("job scheduler started", "jobs", len(ids))
	return nil
}

func (s *Scheduler) runScheduled(ctx context.Context, j Job) {
	s.wg.Add(1)
	defer s.wg.Done()
	if ctx.Err() != nil {
		return
	}
	if _, err := s.Runner.Run(ctx, j); err != nil {
		if errors.Is(err, ErrAlreadyRunning) {
			s.log.Info("job run skipped: the previous run is still going", "job", j.Name)
			return
		}
		s.log.Error("job run failed", "job", j.Name, "err", err)
	}
}

// Stop stops scheduling, cancels runs in progress and waits for them to end.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	c, cancel := s.cron, s.cancel
	s.mu.Unlock()
	if c == nil {
		return
	}
	stopped := c.Stop()
	cancel()
	<-stopped.Done()
	s.wg.Wait()
}

// RunNow runs the named job once, now; ErrAlreadyRunning when it is running.
func (s *Scheduler) RunNow(ctx context.Context, name string) (graph.JobRun, error) {
	j, ok := s.cfg.Job(name)
	if !ok {
		return graph.JobRun{}, graph.Errorf(graph.ENOTFOUND, "no job %q", name)
	}
	return s.Runner.Run(ctx, j)
}

// Jobs lists the configured jobs, sorted by name.
func (s *Scheduler) Jobs() []JobInfo {
	s.mu.Lock()
	c, ids := s.cron, s.ids
	s.mu.Unlock()
	out := make([]JobInfo, 0, len(s.cfg.Jobs))
	for _, j := range s.cfg.Jobs {
		info := JobInfo{Name: j.Name, Type: j.Source.Type, Schedule: j.Schedule, Running: s.Runner.isRunning(j.Name)}
		if j.Source.Type == TypeFolder {
			info.Target = []string{j.Source.Path}
		} else {
			info.Target = j.Source.AllURLs()
		}
		if id, ok := ids[j.Name]; ok && c != nil {
			info.Next = c.Entry(id).Next
		}
		out = append(out, info)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}

// Runs returns the latest runs of the named job, newest first.
func (s *Scheduler) Runs(ctx context.Context, name string, limit int) ([]graph.JobRun, error) {
	j, ok := s.cfg.Job(name)
	if !ok {
		return nil, graph.Errorf(graph.ENOTFOUND, "no job %q", name)
	}
	st := s.Runner.Store
	if j.Store != nil && s.Runner.OpenStore != nil {
		own, err := s.Runner.OpenStore(ctx, *j.Store)
		if err != nil {
			return nil, fmt.Errorf("job %q: open its store: %w", name, err)
		}
		defer own.Close(ctx)
		st = own
	}
	return st.Runs(ctx, name, limit)
}

func (r *Runner) isRunning(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.running[name]
}
