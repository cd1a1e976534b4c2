package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
)

// runMigrate is `dipgraph migrate`: open the store, which applies the
// migrations it has not applied yet, and list what is applied.
func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: dipgraph migrate [store flags]\n\nApplies the schema migrations the store has not applied yet (they also run at start-up) and lists them.\n\nflags:")
		fs.PrintDefaults()
	}
	var sf storeFlags
	sf.register(fs, e)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	st, err := sf.open(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	// Opening applied what was pending; a store that says what it applied
	// (Neo4j) gets it printed, one file a line.
	if a, ok := st.(interface{ Applied() []string }); ok {
		for _, f := range a.Applied() {
			fmt.Fprintf(e.stdout, "applied %s\n", f)
		}
	}
	lister, ok := st.(interface {
		Migrations(context.Context) ([]string, error)
	})
	if !ok {
		fmt.Fprintf(e.stdout, "schema of %s is up to date\n", sf.backend())
		return nil
	}
	files, err := lister.Migrations(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "schema of %s is up to date: %s\n", sf.backend(), strings.Join(files, ", "))
	return nil
}
