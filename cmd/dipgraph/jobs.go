package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/jobs"
)

const jobsUsage = `usage:
  dipgraph jobs list [--config jobs.yaml]
  dipgraph jobs run NAME [--config jobs.yaml] [store flags]

run runs one job once: it fetches the job's source, extracts and stores new
and changed articles, and records the run in the store. A stdin job reads
JSON Lines from standard input.`

// runJobs is `dipgraph jobs list|run`.
func runJobs(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(e.stderr, jobsUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return flag.ErrHelp
		}
		return errUsage
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("jobs "+sub, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { fmt.Fprintln(e.stderr, jobsUsage+"\n\nflags:"); fs.PrintDefaults() }
	configPath := fs.String("config", cmp.Or(e.getenv("DIPGRAPH_JOBS"), "jobs.yaml"), "jobs file (env DIPGRAPH_JOBS)")
	quiet := fs.Bool("quiet", false, "no progress display")
	var sf storeFlags
	sf.register(fs, e)
	// Flags may come before or after the job name.
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	var name string
	if fs.NArg() > 0 {
		name = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return errUsage
		}
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "dipgraph jobs %s: unexpected arguments %q\n", sub, fs.Args())
		return errUsage
	}
	cfg, err := jobs.LoadConfig(*configPath)
	if err != nil {
		return err
	}
	switch sub {
	case "list":
		return listJobs(e.stdout, cfg)
	case "run":
		if name == "" {
			fmt.Fprintln(e.stderr, "dipgraph jobs run: which job? "+jobsUsage)
			return errUsage
		}
		return runJob(ctx, e, cfg, name, &sf, *quiet)
	default:
		fmt.Fprintf(e.stderr, "dipgraph jobs: unknown subcommand %q\n%s\n", sub, jobsUsage)
		return errUsage
	}
}

func listJobs(w io.Writer, cfg *jobs.Config) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tTYPE\tSCHEDULE\tSOURCE")
	for _, j := range jobs.NewScheduler(cfg, nil, nil, nil).Jobs() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", j.Name, j.Type, cmp.Or(j.Schedule, "(by hand)"), strings.Join(j.Target, " "))
	}
	return tw.Flush()
}

func runJob(ctx context.Context, e *env, cfg *jobs.Config, name string, sf *storeFlags, quiet bool) error {
	job, ok := cfg.Job(name)
	if !ok {
		var names []string
		for _, j := range cfg.Jobs {
			names = append(names, j.Name)
		}
		return fmt.Errorf("no job %q in the config (jobs: %s)", name, strings.Join(names, ", "))
	}
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}
	var st graph.Store
	if job.Store == nil {
		if st, err = sf.open(ctx, e); err != nil {
			return err
		}
		defer st.Close(context.WithoutCancel(ctx))
	}
	r := &jobs.Runner{Store: st, Extractor: x, Logger: e.log, Stdin: e.stdin, OpenStore: jobStoreOpener(e)}
	if !quiet {
		p := newProgress(e.stderr, name)
		r.Progress = p.update
		defer p.done()
	}
	run, err := r.Run(ctx, job)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "job %s: fetched %d, extracted %d, stored %d, skipped %d, failed %d in %s\n",
		name, run.Fetched, run.Extracted, run.Stored, run.Skipped, run.Failed, run.Duration.Round(time.Millisecond))
	for _, line := range run.Errors {
		fmt.Fprintln(e.stdout, "  failed: "+line)
	}
	return nil
}

// jobStoreOpener opens the store a job names in its own `store:` section.
func jobStoreOpener(e *env) func(context.Context, jobs.StoreConfig) (graph.Store, error) {
	return func(ctx context.Context, sc jobs.StoreConfig) (graph.Store, error) {
		sf := storeFlags{neo4jURI: sc.Neo4jURI, neo4jUser: cmp.Or(sc.Neo4jUsername, "neo4j"), neo4jDatabase: sc.Neo4jDatabase, dataDir: sc.Data}
		if sc.Neo4jPasswordEnv != "" {
			sf.neo4jPassword = e.getenv(sc.Neo4jPasswordEnv)
		}
		return sf.open(ctx, e)
	}
}

// startJobs loads the jobs file and starts its scheduler on st, for
// `dipgraph serve --jobs FILE`. The caller must Stop the scheduler.
func startJobs(ctx context.Context, e *env, path string, st graph.Store, x ingest.Extractor) (*jobs.Scheduler, error) {
	cfg, err := jobs.LoadConfig(path)
	if err != nil {
		return nil, err
	}
	s := jobs.NewScheduler(cfg, st, x, e.log)
	s.Runner.OpenStore = jobStoreOpener(e)
	if err := s.Start(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// progress shows a run's counts: a line redrawn in place on a terminal,
// a plain line every few seconds otherwise (logs, CI).
type progress struct {
	w     io.Writer
	name  string
	tty   bool
	every time.Duration
	start time.Time
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, name string) *progress {
	p := &progress{w: w, name: name, every: 5 * time.Second, start: time.Now()}
	if f, ok := w.(*os.File); ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		p.tty, p.every = true, 100*time.Millisecond
	}
	p.last = p.start
	return p
}

func (p *progress) update(r graph.JobRun) {
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		p.draw(r)
	}
}

func (p *progress) draw(r graph.JobRun) {
	elapsed := time.Since(p.start)
	rate := float64(r.Fetched) / max(elapsed.Seconds(), 0.001)
	line := fmt.Sprintf("%s: fetched %d  extracted %d  stored %d  skipped %d  failed %d  (%.0f items/s, %s)",
		p.name, r.Fetched, r.Extracted, r.Stored, r.Skipped, r.Failed, rate, elapsed.Round(time.Second))
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s %s", spinner(r.Fetched+r.Failed), line)
		p.drawn = true
		return
	}
	fmt.Fprintln(p.w, line)
}

// spinner is a bar that moves as items go by; a run's total is not known
// in advance (feeds, folders), so it cannot fill up.
func spinner(n int) string {
	const width = 12
	pos := n % (2 * width)
	if pos >= width {
		pos = 2*width - 1 - pos
	}
	return "[" + strings.Repeat(" ", pos) + "=" + strings.Repeat(" ", width-1-pos) + "]"
}

func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
