package main

import (
	"context"
	"errors"
)

// runEval is being built; see the issue tracker.
func runEval(ctx context.Context, e *env, args []string) error {
	return errors.New("eval: not built yet")
}
