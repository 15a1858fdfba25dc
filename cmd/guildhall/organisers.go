package main

import (
	"context"
	"fmt"
	"io"
)

// runOrganisers adds, lists or removes organisers.
func runOrganisers(ctx context.Context, cfg *config, args []string, stdout, stderr io.Writer) error {
	fs := cfg.flagSet("organisers", stderr)
	if err := fs.Parse(args); err != nil {
		return usagef("organisers: %v", err)
	}
	verb, names := first(fs.Args()), fs.Args()
	if len(names) > 0 {
		names = names[1:]
	}
	if (verb == "add" || verb == "remove") && len(names) == 0 {
		return usagef("organisers %s needs at least one NAME (or platform:id, such as slack:U0123)", verb)
	}
	if verb != "add" && verb != "remove" && verb != "list" {
		return usagef("organisers takes add NAME..., list, or remove NAME...")
	}
	a, err := cfg.open(stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	switch verb {
	case "add":
		for _, n := range names {
			if err := a.organisers.AddOrganiser(ctx, n); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s is an organiser.\n", n)
		}
	case "remove":
		for _, n := range names {
			if err := a.organisers.RemoveOrganiser(ctx, n); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s is no longer an organiser.\n", n)
		}
	case "list":
		stored, err := a.organisers.Organisers(ctx)
		if err != nil {
			return err
		}
		for _, o := range stored {
			fmt.Fprintln(stdout, o)
		}
		for _, o := range cfg.organisers {
			fmt.Fprintf(stdout, "%s (from GUILDHALL_ORGANISERS)\n", o)
		}
		if len(stored)+len(cfg.organisers) == 0 {
			fmt.Fprintln(stdout, "No organisers yet: guildhall organisers add NAME")
		}
	}
	return nil
}
