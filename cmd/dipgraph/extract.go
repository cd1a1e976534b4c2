package main

import (
	"context"
	"errors"
)

// runExtract is being built; see the issue tracker.
func runExtract(ctx context.Context, e *env, args []string) error {
	return errors.New("extract: not built yet")
}
