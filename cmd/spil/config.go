package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	netmail "net/mail"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/mail"
)

// Config is every setting of every subcommand, read from flags that each
// default from an environment variable SPIL_<FLAG> (SPIL_<FLAG>_FILE for
// secrets). One Config is passed down; there are no globals.
type Config struct {
	DB              string
	Addr            string
	LogFormat       string
	LogLevel        string
	Demo            bool
	DemoPassword    string
	Init            bool // serve: make a new database where there is none
	SkipQuickCheck  bool // serve: no quick check of SQLite at start
	HTTPS           bool
	TLSCert         string
	TLSKey          string
	TrustProxy      bool
	IdleTimeout     time.Duration
	AbsoluteTimeout time.Duration
	JobTick         time.Duration // how often the background jobs wake
	FHIRKeptMiB     int           // serve: memory for kept FHIR $everything answers
	SignalKept      int           // serve: families whose signal files are kept between reads
	BaseURL         string
	Families        int
	Seed            int
	National        bool
	Scale           float64
	OrgName         string

	// Audit trail: audit-verify, backup and restore.
	Full            bool   // audit-verify walks every record
	CheckpointFile  string // a checkpoint file kept outside the database
	AcceptAuditLoss bool   // restore a backup that lacks audit records

	// User subcommand.
	Email string
	Name  string
	Role  string

	// E-mail (serve, user): no SMTP host means no e-mail.
	SMTPHost     string
	SMTPPort     int
	SMTPUsername string
	SMTPPassword string
	SMTPFrom     string
	SMTPTLS      string
}

// env is how the configuration reads its surroundings; tests and fuzzers
// pass their own.
type env struct {
	getenv   func(string) string
	readFile func(string) ([]byte, error)
}

func osEnv() env { return env{getenv: os.Getenv, readFile: os.ReadFile} }

// flags is a FlagSet that takes defaults from the environment and collects
// errors in those defaults.
type flags struct {
	*flag.FlagSet
	env  env
	errs []error
}

func newFlags(name, usage string, e env, out io.Writer) *flags {
	fs := flag.NewFlagSet("spil "+name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: spil %s\n\n", usage)
		fmt.Fprintf(out, "Every flag can also be set with the environment variable named after it\n")
		fmt.Fprintf(out, "(--idle-timeout: SPIL_IDLE_TIMEOUT); secrets also from a file (SPIL_DB_FILE).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	return &flags{FlagSet: fs, env: e}
}

// envName is the environment variable of a flag: --idle-timeout -> SPIL_IDLE_TIMEOUT.
func envName(flagName string) string {
	return "SPIL_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// lookup returns the environment default of a flag; for secrets a
// SPIL_<FLAG>_FILE names a file holding the value.
func (f *flags) lookup(name string, secret bool) (string, bool) {
	if v := f.env.getenv(envName(name)); v != "" {
		return v, true
	}
	if secret {
		if path := f.env.getenv(envName(name) + "_FILE"); path != "" {
			b, err := f.env.readFile(path)
			if err != nil {
				f.errs = append(f.errs, fmt.Errorf("%s_FILE: cannot read the file", envName(name)))
				return "", false
			}
			return strings.TrimRight(string(b), "\r\n"), true
		}
	}
	return "", false
}

func (f *flags) str(p *string, name, def, usage string, secret bool) {
	v, ok := f.lookup(name, secret)
	if ok && !secret {
		def = v
	}
	f.StringVar(p, name, def, usage)
	if ok && secret {
		// Set the value but keep it out of the default that --help and
		// flag errors print.
		*p = v
	}
}

func (f *flags) boolean(p *bool, name string, def bool, usage string) {
	if v, ok := f.lookup(name, false); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s: %q is not true or false", envName(name), v))
		} else {
			def = b
		}
	}
	f.BoolVar(p, name, def, usage)
}

func (f *flags) duration(p *time.Duration, name string, def time.Duration, usage string) {
	if v, ok := f.lookup(name, false); ok {
		d, err := time.ParseDuration(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s: %q is not a duration like 30m or 12h", envName(name), v))
		} else {
			def = d
		}
	}
	f.DurationVar(p, name, def, usage)
}

func (f *flags) integer(p *int, name string, def int, usage string) {
	if v, ok := f.lookup(name, false); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s: %q is not a whole number", envName(name), v))
		} else {
			def = n
		}
	}
	f.IntVar(p, name, def, usage)
}

func (f *flags) float(p *float64, name string, def float64, usage string) {
	if v, ok := f.lookup(name, false); ok {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s: %q is not a number", envName(name), v))
		} else {
			def = x
		}
	}
	f.Float64Var(p, name, def, usage)
}

// parse parses args and returns the positional arguments. Flags may come
// before and after positional arguments (spil user add --email ...); after
// "--" everything is positional.
func (f *flags) parse(args []string) ([]string, error) {
	var positional []string
	for {
		if err := f.Parse(args); err != nil {
			return nil, err
		}
		rest := f.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	if len(f.errs) > 0 {
		return nil, errors.Join(f.errs...)
	}
	return positional, nil
}

// Flags shared by the subcommands.

func (f *flags) dbFlag(c *Config) {
	f.str(&c.DB, "db", "spil.db", "database: a SQLite file path, or a postgres:// URL", true)
}

func (f *flags) logFlags(c *Config) {
	f.str(&c.LogFormat, "log-format", "text", "log format: text or json", false)
	f.str(&c.LogLevel, "log-level", "info", "log level: debug, info, warn or error", false)
}

// mailFlags are where links lead and how e-mail goes out; baseDefault
// says what an empty --base-url means to the command.
func (f *flags) mailFlags(c *Config, baseDefault string) {
	f.str(&c.BaseURL, "base-url", "", "where users reach Spil, e.g. https://spil.example.nl: the start of links in e-mail"+baseDefault, false)
	f.str(&c.SMTPHost, "smtp-host", "", "SMTP server for e-mail: invitations, and links and notices to account holders (none: no e-mail is sent)", false)
	f.integer(&c.SMTPPort, "smtp-port", 587, "SMTP server port")
	f.str(&c.SMTPUsername, "smtp-username", "", "SMTP login name (none: no login)", false)
	f.str(&c.SMTPPassword, "smtp-password", "", "SMTP password", true)
	f.str(&c.SMTPFrom, "smtp-from", "", "sender of e-mail, e.g. 'Spil <noreply@spil.example.nl>'", false)
	f.str(&c.SMTPTLS, "smtp-tls", mail.TLSStartTLS, "SMTP encryption: starttls (required), tls (from the start, usually port 465) or none", false)
}

func (f *flags) checkpointFileFlag(c *Config, usage string) {
	f.str(&c.CheckpointFile, "checkpoint-file", "", usage, false)
}

// check validates values that flag parsing cannot.
func (c *Config) check() error {
	var errs []error
	if c.LogFormat != "" && c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("--log-format must be text or json"))
	}
	switch c.LogLevel {
	case "", "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("--log-level must be debug, info, warn or error"))
	}
	if c.IdleTimeout < 0 || c.AbsoluteTimeout < 0 || (c.AbsoluteTimeout > 0 && c.IdleTimeout > c.AbsoluteTimeout) {
		errs = append(errs, fmt.Errorf("--idle-timeout must be positive and not longer than --absolute-timeout"))
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		errs = append(errs, fmt.Errorf("--tls-cert and --tls-key go together"))
	}
	if c.Families < 0 {
		errs = append(errs, fmt.Errorf("--families must not be negative"))
	}
	if c.National && !(c.Scale > 0 && c.Scale <= 10) {
		errs = append(errs, fmt.Errorf("--scale must be above 0 and at most 10"))
	}
	errs = append(errs, c.checkMail()...)
	return errors.Join(errs...)
}

// checkMail validates the base URL and the SMTP settings.
func (c *Config) checkMail() []error {
	var errs []error
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
			strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
			errs = append(errs, fmt.Errorf("--base-url must be an address like https://spil.example.nl, without a path"))
		}
	}
	if c.SMTPTLS != "" && !slices.Contains(mail.TLSModes, c.SMTPTLS) {
		errs = append(errs, fmt.Errorf("--smtp-tls must be %s", strings.Join(mail.TLSModes, ", ")))
	}
	if c.SMTPHost == "" {
		if c.SMTPUsername != "" || c.SMTPPassword != "" || c.SMTPFrom != "" {
			errs = append(errs, fmt.Errorf("--smtp-username, --smtp-password and --smtp-from need --smtp-host"))
		}
		return errs
	}
	if c.SMTPPort < 1 || c.SMTPPort > 65535 {
		errs = append(errs, fmt.Errorf("--smtp-port must be between 1 and 65535"))
	}
	if c.SMTPFrom == "" {
		errs = append(errs, fmt.Errorf("--smtp-from is needed with --smtp-host"))
	} else if _, err := netmail.ParseAddress(c.SMTPFrom); err != nil {
		errs = append(errs, fmt.Errorf("--smtp-from must be an e-mail address, like 'Spil <noreply@spil.example.nl>'"))
	}
	if c.SMTPPassword != "" && c.SMTPUsername == "" {
		errs = append(errs, fmt.Errorf("--smtp-password needs --smtp-username"))
	}
	return errs
}

// smtpConfig is the mail package's view of the SMTP flags.
func (c *Config) smtpConfig() mail.SMTPConfig {
	return mail.SMTPConfig{Host: c.SMTPHost, Port: c.SMTPPort, Username: c.SMTPUsername, Password: c.SMTPPassword,
		From: c.SMTPFrom, TLS: c.SMTPTLS}
}

// baseURL is --base-url, or else the address serve listens on, as seen
// from the same machine: ":8080" is http://localhost:8080.
func (c *Config) baseURL() string {
	if c.BaseURL != "" {
		return strings.TrimRight(c.BaseURL, "/")
	}
	scheme, defaultPort := "http", "80"
	if c.HTTPS || c.TLSCert != "" {
		scheme, defaultPort = "https", "443"
	}
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return scheme + "://localhost"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	if port == defaultPort {
		if strings.Contains(host, ":") {
			return scheme + "://[" + host + "]"
		}
		return scheme + "://" + host
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}
