package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/dipgraph/dipgraph/api"
	"github.com/dipgraph/dipgraph/extract"
)

// shutdownTimeout is how long requests in flight get to finish on SIGINT/SIGTERM.
const shutdownTimeout = 20 * time.Second

// runServe is `dipgraph serve`: the REST API, and the scheduled jobs with --jobs.
func runServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", cmp.Or(e.getenv("DIPGRAPH_ADDR"), "127.0.0.1:8080"), "address to listen on (env DIPGRAPH_ADDR)")
	apiKey := fs.String("api-key", e.getenv("DIPGRAPH_API_KEY"), "API key required as 'Authorization: Bearer KEY' on writes (env DIPGRAPH_API_KEY); empty leaves writes open")
	keyReads := fs.Bool("key-reads", e.getenv("DIPGRAPH_KEY_READS") == "true", "require the API key on reads too (env DIPGRAPH_KEY_READS=true)")
	jobsFile := fs.String("jobs", "", "jobs file: run its scheduled ingest jobs while serving")
	maxBody := fs.Int64("max-body", api.DefaultMaxBody, "largest request body in bytes")
	maxArticles := fs.Int("max-articles", api.DefaultMaxArticles, "most articles in one POST /v1/articles")
	readTimeout := fs.Duration("read-timeout", api.DefaultReadTimeout, "longest a read request may wait on the store before answering 503")
	var sf storeFlags
	sf.register(fs, e)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "dipgraph serve: unexpected arguments %q\n", fs.Args())
		return errUsage
	}

	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}
	st, err := sf.open(ctx, e)
	if err != nil {
		return err
	}
	defer func() {
		if err := st.Close(context.WithoutCancel(ctx)); err != nil {
			e.log.Error("close store", "err", err)
		}
	}()

	cfg := api.Config{Store: st, Extractor: x, APIKey: *apiKey, KeyReads: *keyReads, Logger: e.log,
		MaxBody: *maxBody, MaxArticles: *maxArticles, ReadTimeout: *readTimeout}
	if *jobsFile != "" {
		// Jobs run until the server stops; their own context outlives the
		// signal so Stop can cancel them in order.
		sched, err := startJobs(context.WithoutCancel(ctx), e, *jobsFile, st, x)
		if err != nil {
			return fmt.Errorf("jobs %s: %w", *jobsFile, err)
		}
		defer sched.Stop()
		cfg.Jobs = sched
	}
	h, err := api.New(cfg)
	if err != nil {
		return err
	}
	if *apiKey == "" {
		e.log.Warn("no API key: POST /v1/articles is open to anyone who can reach the address (set --api-key or DIPGRAPH_API_KEY)")
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // a large ingest body on a slow link
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	e.log.Info("listening", "addr", ln.Addr().String(), "store", sf.backend(), "api_key", *apiKey != "",
		"max_body", strconv.FormatInt(*maxBody, 10), "jobs", *jobsFile)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	e.log.Info("shutting down", "timeout", shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	e.log.Info("stopped")
	return nil
}
