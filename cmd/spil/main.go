// Command spil runs Spil, the shared file for Dutch paediatric palliative
// care, and its maintenance tasks: spil serve, migrate, user, demo, backup,
// restore.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand.
type command struct {
	name    string
	usage   string
	summary string
	flags   func(f *flags, c *Config)
	run     func(ctx context.Context, a *app, args []string) error
}

// app is what a running subcommand has: its configuration, output and logger.
type app struct {
	cfg *Config
	out io.Writer
	log *slog.Logger
}

func commands() []command {
	return []command{serveCommand, migrateCommand, userCommand, demoCommand, backupCommand, restoreCommand, auditVerifyCommand}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], osEnv(), os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, e env, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == args[0] {
			cmd = &c
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "spil: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	cfg, rest, err := parseConfig(*cmd, args[1:], e, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "spil %s: %v\n", cmd.name, err)
		return 2
	}
	a := &app{cfg: cfg, out: stdout, log: newLogger(cfg, stderr)}
	if err := cmd.run(ctx, a, rest); err != nil {
		fmt.Fprintf(stderr, "spil %s: %v\n", cmd.name, err)
		return 1
	}
	return 0
}

// parseConfig reads the flags and environment of one subcommand.
func parseConfig(cmd command, args []string, e env, out io.Writer) (*Config, []string, error) {
	cfg := &Config{}
	f := newFlags(cmd.name, cmd.usage, e, out)
	cmd.flags(f, cfg)
	rest, err := f.parse(args)
	if err != nil {
		return nil, nil, err
	}
	if err := cfg.check(); err != nil {
		return nil, nil, err
	}
	return cfg, rest, nil
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "Spil: the shared file for paediatric palliative care.\n\nUsage: spil <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'spil <command> --help' for the flags of a command.\n")
}

func newLogger(c *Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
