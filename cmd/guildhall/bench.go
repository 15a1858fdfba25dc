package main

import (
	"context"
	"io"
)

func runBench(ctx context.Context, cfg *config, args []string, stdout, stderr io.Writer) error {
	return usagef("bench: not built yet")
}
