// Command load is the load client of Spil's benchmarks (see bench/README.md).
// It drives a running 'spil serve' over HTTP with keep-alive connections,
// logs in as a user does (password, then a TOTP code) and runs one bounded
// scenario at a time: a fixed number of requests from a fixed number of
// concurrent workers, stopped by a time cap if that comes first. It records
// latency percentiles and throughput as JSON lines, and prints them as
// Markdown tables.
//
//	load wait   --base URL
//	load login  --base URL --creds FILE --state FILE [--results FILE --db LABEL]
//	load run    --base URL --creds FILE --state FILE --scenario NAME -n N -c C --max DUR --results FILE --db LABEL
//	load step   --results FILE --db LABEL --name NAME -- command [args...]
//	load report --results FILE
//
// Besides the standard library it uses only the TOTP package Spil already
// depends on, and internal/care for the values of the contact form.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage(os.Stderr)
		os.Exit(2)
	}
	var err error
	args := os.Args[2:]
	switch os.Args[1] {
	case "wait":
		err = cmdWait(args)
	case "login":
		err = cmdLogin(args)
	case "run":
		err = cmdRun(args)
	case "step":
		err = cmdStep(args)
	case "report":
		err = cmdReport(args, os.Stdout)
	case "-h", "--help", "help":
		usage(os.Stdout)
		return
	default:
		fmt.Fprintf(os.Stderr, "load: unknown command %q\n\n", os.Args[1])
		usage(os.Stderr)
		os.Exit(2)
	}
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "load %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage: load <command> [flags]

Commands:
  wait    wait until the server answers /readyz
  login   log in with password and TOTP code; keep the session and the family ids
  run     run one scenario: -n requests from -c workers, stopped by --max
  step    run a command, time it and record the time (demo, audit-verify)
  report  print the recorded results as Markdown tables

Scenarios for run:
`)
	for _, s := range scenarios {
		fmt.Fprintf(w, "  %-13s %s\n", s.name, s.route)
	}
	fmt.Fprint(w, "\nRun 'load <command> --help' for the flags of a command.\n")
}
