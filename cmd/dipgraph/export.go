package main

import (
	"context"
	"errors"
)

// runExport is being built; see the issue tracker.
func runExport(ctx context.Context, e *env, args []string) error {
	return errors.New("export: not built yet")
}
