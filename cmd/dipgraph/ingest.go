package main

import (
	"context"
	"errors"
)

// runIngest is being built; see the issue tracker.
func runIngest(ctx context.Context, e *env, args []string) error {
	return errors.New("ingest: not built yet")
}
