package main

import (
	"context"
	"errors"
)

// runMigrate is being built; see the issue tracker.
func runMigrate(ctx context.Context, e *env, args []string) error {
	return errors.New("migrate: not built yet")
}
