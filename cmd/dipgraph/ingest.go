package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/dipgraph/dipgraph/extract"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
)

const ingestUsage = `usage: dipgraph ingest [store flags] [--batch N] [--quiet] [FILE...]

Reads articles as JSON Lines from FILEs (or stdin: - or no FILE), extracts
their meetings and stores them, one transaction per batch. Prints each
article's status (created, updated or unchanged) and a summary. A bad line
is reported with its file and line and the rest goes on; the exit status is
1 when any article failed.`

// runIngest is `dipgraph ingest`.
func runIngest(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { fmt.Fprintln(e.stderr, ingestUsage+"\n\nflags:"); fs.PrintDefaults() }
	var sf storeFlags
	sf.register(fs, e)
	batch := fs.Int("batch", ingest.DefaultBatch, "articles per store transaction")
	quiet := fs.Bool("quiet", false, "print only the summary")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if *batch <= 0 {
		return fmt.Errorf("--batch %d: want a positive number", *batch)
	}
	x, err := extract.New()
	if err != nil {
		return err
	}
	st, err := sf.open(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	p := &ingest.Pipeline{Extractor: x, Store: st, Batch: *batch}
	counts := map[string]int{}
	failed := 0
	var pending []extract.Article
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		res, errs, err := p.Ingest(ctx, pending)
		for _, xe := range errs {
			fmt.Fprintf(e.stderr, "dipgraph ingest: %v\n", xe)
			failed++
		}
		for _, r := range res {
			counts[r.Status]++
			if !*quiet {
				fmt.Fprintf(e.stdout, "%s\t%s\t%d meetings\n", r.Status, r.ArticleID, len(r.Meetings))
			}
		}
		pending = pending[:0]
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, name := range files {
		r, label, closeFn, err := open(e, name)
		if err != nil {
			fmt.Fprintf(e.stderr, "dipgraph ingest: %v\n", err)
			failed++
			continue
		}
		err = extract.ReadArticles(r, label, func(_ int, a extract.Article, aerr error) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if aerr != nil {
				fmt.Fprintf(e.stderr, "dipgraph ingest: %v\n", aerr)
				failed++
				return nil
			}
			pending = append(pending, a)
			if len(pending) >= *batch {
				return flush()
			}
			return nil
		})
		closeFn()
		if err != nil {
			return fmt.Errorf("%s: %w", label, err)
		}
	}
	if err := flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ingested into %s: %d created, %d updated, %d unchanged, %d failed\n", sf.backend(),
		counts[graph.ArticleCreated], counts[graph.ArticleUpdated], counts[graph.ArticleUnchanged], failed)
	if failed > 0 {
		return fmt.Errorf("%d article(s) failed", failed)
	}
	return nil
}
