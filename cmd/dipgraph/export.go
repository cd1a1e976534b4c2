package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/graph/sqlite"
	"github.com/dipgraph/dipgraph/ingest"
)

const exportUsage = `usage: dipgraph export --to neo4j [--data DIR] [--neo4j-uri URI] [flags]

export copies the embedded graph in --data into Neo4j by replaying its
stored documents, in ingest order, through the Neo4j store: people and
meetings are resolved exactly as if the articles had been ingested there.
Running it again changes nothing (every article is unchanged).`

// runExport is `dipgraph export --to neo4j`.
func runExport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { fmt.Fprintln(e.stderr, exportUsage+"\n\nflags:"); fs.PrintDefaults() }
	var sf storeFlags
	sf.register(fs, e)
	to := fs.String("to", "", "target store; only neo4j")
	batch := fs.Int("batch", ingest.DefaultBatch, "documents per Neo4j transaction")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if *to != "neo4j" || fs.NArg() > 0 {
		fmt.Fprintln(e.stderr, exportUsage)
		return errUsage
	}
	if sf.neo4jURI == "" {
		return errors.New("no Neo4j to export to: give --neo4j-uri or set NEO4J_URI")
	}
	if *batch <= 0 {
		return fmt.Errorf("--batch %d: want a positive number", *batch)
	}
	// Opening would create an empty store; exporting nothing is never what
	// was meant, so a directory without one is an error naming it.
	if _, err := os.Stat(filepath.Join(sf.dataDir, sqlite.FileName)); err != nil {
		return fmt.Errorf("no embedded graph in %s (give its directory with --data): %w", sf.dataDir, err)
	}
	src, err := sqlite.Open(ctx, sqlite.Config{Dir: sf.dataDir, Logger: e.log})
	if err != nil {
		return fmt.Errorf("open embedded store in %s: %w", sf.dataDir, err)
	}
	defer src.Close(ctx)
	dst, err := sf.open(ctx, e)
	if err != nil {
		return err
	}
	defer dst.Close(ctx)
	n, counts, err := exportDocuments(ctx, src, dst, *batch)
	fmt.Fprintf(e.stdout, "exported %d articles from %s to %s: %d created, %d updated, %d unchanged\n",
		n, sf.dataDir, sf.neo4jURI, counts[graph.ArticleCreated], counts[graph.ArticleUpdated], counts[graph.ArticleUnchanged])
	return err
}

// exportDocuments replays src's documents into dst, batch by batch.
func exportDocuments(ctx context.Context, src, dst graph.Store, batch int) (int, map[string]int, error) {
	counts := map[string]int{}
	n, after := 0, ""
	for {
		docs, err := src.Documents(ctx, after, batch)
		if err != nil {
			return n, counts, fmt.Errorf("read documents after %q: %w", after, err)
		}
		if len(docs) == 0 {
			return n, counts, nil
		}
		res, err := dst.Ingest(ctx, docs)
		if err != nil {
			return n, counts, fmt.Errorf("write %d documents from %s: %w", len(docs), docs[0].Article.ID, err)
		}
		for _, r := range res {
			counts[r.Status]++
		}
		n += len(docs)
		after = docs[len(docs)-1].Article.ID
	}
}
