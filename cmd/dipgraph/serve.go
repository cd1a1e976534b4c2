package main

import (
	"context"
	"errors"
)

// runServe is being built; see the issue tracker.
func runServe(ctx context.Context, e *env, args []string) error {
	return errors.New("serve: not built yet")
}
