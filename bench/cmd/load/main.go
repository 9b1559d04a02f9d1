// Command load is the load client of Spil's benchmarks (see bench/README.md).
// It drives a running 'spil serve' over HTTP with keep-alive connections,
// logs every prepared case manager in as a user does (password, then a
// TOTP code) and runs one scenario at a time: a number of concurrent
// workers, each logged in as its own case manager and working on its own
// caseload, each sending its next request when it has read the answer to
// the previous one, for a fixed time. It samples the server's CPU and
// resident memory, records latency percentiles and throughput as JSON
// lines, and prints them as Markdown tables, with every throughput also as
// a share of a hello-world Go server's (bench/cmd/hello) and the targets
// of a national deployment. The soak runs many users at once for a long
// time, each a case manager at work with think time between clicks, and
// follows the server's memory.
//
//	load freeport
//	load wait   --base URL [--since NANOS --results FILE --db LABEL]
//	load login  --base URL --creds FILE --state FILE [-c C --results FILE --db LABEL]
//	load run    --base URL [--creds FILE --state FILE] --scenario NAME -c C --duration DUR [-n N] --results FILE --db LABEL
//	load soak   --base URL --creds FILE [--users N --duration DUR --think DUR --server-pid PID --out FILE --report FILE]
//	load step   --results FILE --db LABEL --name NAME -- command [args...]
//	load report --results FILE [--scale S]
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
	case "freeport":
		err = cmdFreePort(args)
	case "wait":
		err = cmdWait(args)
	case "login":
		err = cmdLogin(args)
	case "run":
		err = cmdRun(args)
	case "soak":
		err = cmdSoak(args, os.Stdout)
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
  freeport print a free TCP port of 127.0.0.1
  wait    wait until the server answers /readyz; with --since, record how long it took
  login   log every prepared case manager in with password and TOTP code; keep the sessions and family ids
  run     run one scenario: -c workers for --duration (or -n requests)
  soak    many users with think time for a long time: case managers at work; the server's memory every 30 s
  step    run a command, time it and record the time (demo, audit-verify)
  report  print the recorded results as Markdown tables

Scenarios for run:
`)
	for _, s := range scenarios {
		fmt.Fprintf(w, "  %-13s %s\n", s.name, s.route)
	}
	fmt.Fprint(w, "\nRun 'load <command> --help' for the flags of a command.\n")
}
