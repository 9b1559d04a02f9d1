package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func commandNamed(t testing.TB, name string) command {
	t.Helper()
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	t.Fatalf("no command %q", name)
	return command{}
}

// flagNames lists the flags a command defines.
func flagNames(c command) []string {
	f := newFlags(c.name, c.usage, fakeEnv(nil, nil), io.Discard)
	c.flags(f, &Config{})
	var names []string
	f.VisitAll(func(fl *flag.Flag) { names = append(names, fl.Name) })
	return names
}

func TestParseConfigDefaults(t *testing.T) {
	common := Config{DB: "spil.db", LogFormat: "text", LogLevel: "info"}
	serve := common
	serve.Addr = ":8080"
	serve.IdleTimeout = 30 * time.Minute
	serve.AbsoluteTimeout = 12 * time.Hour
	serve.JobTick = time.Minute
	serve.FHIRKeptMiB = 128
	serve.SignalKept = 5000
	serve.SMTPPort = 587
	serve.SMTPTLS = "starttls"
	user := common
	user.OrgName = "Mijn organisatie"
	user.SMTPPort = 587
	user.SMTPTLS = "starttls"
	demo := common
	demo.Families = 1000
	demo.Seed = 1
	demo.Scale = 1
	want := map[string]Config{
		"serve": serve, "migrate": common, "user": user, "demo": demo, "backup": common, "restore": common, "audit-verify": common,
	}
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			w, ok := want[c.name]
			if !ok {
				t.Fatalf("no expected defaults for command %s", c.name)
			}
			var out bytes.Buffer
			got, rest, err := parseConfig(c, nil, fakeEnv(nil, nil), &out)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w, *got); diff != "" {
				t.Errorf("defaults (-want +got):\n%s", diff)
			}
			if len(rest) != 0 {
				t.Errorf("positional arguments %q, want none", rest)
			}
			if out.Len() > 0 {
				t.Errorf("parsing printed %q", out.String())
			}
		})
	}
}

// flagCase is a value for a flag from the environment and a different one
// from the command line.
type flagCase struct {
	flag      string
	env, arg  string
	extraEnv  map[string]string // to satisfy check
	get       func(*Config) any
	fromEnv   any
	fromFlag  any
	argIsBool bool
}

// flagCases cover every flag of every command.
var flagCases = []flagCase{
	{flag: "db", env: "/srv/spil/spil.db", arg: "other.db", get: func(c *Config) any { return c.DB }, fromEnv: "/srv/spil/spil.db", fromFlag: "other.db"},
	{flag: "addr", env: "127.0.0.1:9000", arg: ":8443", get: func(c *Config) any { return c.Addr }, fromEnv: "127.0.0.1:9000", fromFlag: ":8443"},
	{flag: "log-format", env: "json", arg: "text", get: func(c *Config) any { return c.LogFormat }, fromEnv: "json", fromFlag: "text"},
	{flag: "log-level", env: "debug", arg: "error", get: func(c *Config) any { return c.LogLevel }, fromEnv: "debug", fromFlag: "error"},
	{flag: "demo", env: "true", arg: "false", get: func(c *Config) any { return c.Demo }, fromEnv: true, fromFlag: false, argIsBool: true},
	{flag: "init", env: "true", arg: "false", get: func(c *Config) any { return c.Init }, fromEnv: true, fromFlag: false, argIsBool: true},
	{flag: "skip-quick-check", env: "1", arg: "false", get: func(c *Config) any { return c.SkipQuickCheck }, fromEnv: true, fromFlag: false, argIsBool: true},
	{flag: "demo-password", env: "een lang demowachtwoord", arg: "nog een lang wachtwoord", get: func(c *Config) any { return c.DemoPassword }, fromEnv: "een lang demowachtwoord", fromFlag: "nog een lang wachtwoord"},
	{flag: "https", env: "1", arg: "false", get: func(c *Config) any { return c.HTTPS }, fromEnv: true, fromFlag: false, argIsBool: true},
	{flag: "tls-cert", env: "/etc/spil/cert.pem", arg: "cert.pem", extraEnv: map[string]string{"SPIL_TLS_KEY": "key.pem"}, get: func(c *Config) any { return c.TLSCert }, fromEnv: "/etc/spil/cert.pem", fromFlag: "cert.pem"},
	{flag: "tls-key", env: "/etc/spil/key.pem", arg: "key.pem", extraEnv: map[string]string{"SPIL_TLS_CERT": "cert.pem"}, get: func(c *Config) any { return c.TLSKey }, fromEnv: "/etc/spil/key.pem", fromFlag: "key.pem"},
	{flag: "trust-proxy", env: "TRUE", arg: "false", get: func(c *Config) any { return c.TrustProxy }, fromEnv: true, fromFlag: false, argIsBool: true},
	{flag: "idle-timeout", env: "10m", arg: "1h", get: func(c *Config) any { return c.IdleTimeout }, fromEnv: 10 * time.Minute, fromFlag: time.Hour},
	{flag: "absolute-timeout", env: "8h", arg: "24h", get: func(c *Config) any { return c.AbsoluteTimeout }, fromEnv: 8 * time.Hour, fromFlag: 24 * time.Hour},
	{flag: "job-tick", env: "30s", arg: "2m", get: func(c *Config) any { return c.JobTick }, fromEnv: 30 * time.Second, fromFlag: 2 * time.Minute},
	{flag: "fhir-kept-mib", env: "64", arg: "0", get: func(c *Config) any { return c.FHIRKeptMiB }, fromEnv: 64, fromFlag: 0},
	{flag: "signal-kept", env: "500", arg: "0", get: func(c *Config) any { return c.SignalKept }, fromEnv: 500, fromFlag: 0},
	{flag: "families", env: "42", arg: "0", get: func(c *Config) any { return c.Families }, fromEnv: 42, fromFlag: 0},
	{flag: "seed", env: "-7", arg: "99", get: func(c *Config) any { return c.Seed }, fromEnv: -7, fromFlag: 99},
	{flag: "national", env: "true", arg: "false", get: func(c *Config) any { return c.National }, fromEnv: true, fromFlag: false, argIsBool: true},
	{flag: "scale", env: "0.5", arg: "0.01", get: func(c *Config) any { return c.Scale }, fromEnv: 0.5, fromFlag: 0.01},
	{flag: "org-name", env: "Kinder Comfort Team Oost", arg: "KCT West", get: func(c *Config) any { return c.OrgName }, fromEnv: "Kinder Comfort Team Oost", fromFlag: "KCT West"},
	{flag: "email", env: "carla@kct.example", arg: "pieter@kct.example", get: func(c *Config) any { return c.Email }, fromEnv: "carla@kct.example", fromFlag: "pieter@kct.example"},
	{flag: "name", env: "Carla Visser", arg: "Pieter de Graaf", get: func(c *Config) any { return c.Name }, fromEnv: "Carla Visser", fromFlag: "Pieter de Graaf"},
	{flag: "role", env: "casemanager", arg: "admin", get: func(c *Config) any { return c.Role }, fromEnv: "casemanager", fromFlag: "admin"},
	{flag: "base-url", env: "https://spil.example.nl", arg: "http://127.0.0.1:9000", get: func(c *Config) any { return c.BaseURL }, fromEnv: "https://spil.example.nl", fromFlag: "http://127.0.0.1:9000"},
	{flag: "smtp-host", env: "smtp.example.nl", arg: "mail.example.org", extraEnv: map[string]string{"SPIL_SMTP_FROM": "noreply@spil.example.nl"}, get: func(c *Config) any { return c.SMTPHost }, fromEnv: "smtp.example.nl", fromFlag: "mail.example.org"},
	{flag: "smtp-port", env: "465", arg: "2525", get: func(c *Config) any { return c.SMTPPort }, fromEnv: 465, fromFlag: 2525},
	{flag: "smtp-username", env: "spil", arg: "spil-kct", extraEnv: map[string]string{"SPIL_SMTP_HOST": "smtp.example.nl", "SPIL_SMTP_FROM": "noreply@spil.example.nl"}, get: func(c *Config) any { return c.SMTPUsername }, fromEnv: "spil", fromFlag: "spil-kct"},
	{flag: "smtp-password", env: "Zeer-Geheim-42", arg: "Ander-Geheim-7", extraEnv: map[string]string{"SPIL_SMTP_HOST": "smtp.example.nl", "SPIL_SMTP_FROM": "noreply@spil.example.nl", "SPIL_SMTP_USERNAME": "spil"}, get: func(c *Config) any { return c.SMTPPassword }, fromEnv: "Zeer-Geheim-42", fromFlag: "Ander-Geheim-7"},
	{flag: "smtp-from", env: "Spil <noreply@spil.example.nl>", arg: "noreply@kct.example", extraEnv: map[string]string{"SPIL_SMTP_HOST": "smtp.example.nl"}, get: func(c *Config) any { return c.SMTPFrom }, fromEnv: "Spil <noreply@spil.example.nl>", fromFlag: "noreply@kct.example"},
	{flag: "full", env: "true", arg: "false", get: func(c *Config) any { return c.Full }, fromEnv: true, fromFlag: false, argIsBool: true},
	{flag: "checkpoint-file", env: "/srv/audit/spil.checkpoints", arg: "cp.jsonl", get: func(c *Config) any { return c.CheckpointFile }, fromEnv: "/srv/audit/spil.checkpoints", fromFlag: "cp.jsonl"},
	{flag: "accept-audit-loss", env: "1", arg: "false", get: func(c *Config) any { return c.AcceptAuditLoss }, fromEnv: true, fromFlag: false, argIsBool: true},
	{flag: "smtp-tls", env: "tls", arg: "none", get: func(c *Config) any { return c.SMTPTLS }, fromEnv: "tls", fromFlag: "none"},
}

func TestEveryFlagHasACase(t *testing.T) {
	for _, c := range commands() {
		for _, name := range flagNames(c) {
			if !slices.ContainsFunc(flagCases, func(fc flagCase) bool { return fc.flag == name }) {
				t.Errorf("flag --%s of spil %s has no case in flagCases", name, c.name)
			}
		}
	}
}

func TestParseConfigEnvAndFlags(t *testing.T) {
	for _, c := range commands() {
		names := flagNames(c)
		for _, fc := range flagCases {
			if !slices.Contains(names, fc.flag) {
				continue
			}
			t.Run(c.name+"/"+fc.flag, func(t *testing.T) {
				vars := map[string]string{envName(fc.flag): fc.env}
				for k, v := range fc.extraEnv {
					vars[k] = v
				}
				e := fakeEnv(vars, nil)

				cfg, _, err := parseConfig(c, nil, e, io.Discard)
				if err != nil {
					t.Fatalf("%s=%q: %v", envName(fc.flag), fc.env, err)
				}
				if got := fc.get(cfg); got != fc.fromEnv {
					t.Errorf("%s=%q: got %v, want %v", envName(fc.flag), fc.env, got, fc.fromEnv)
				}

				// The command line beats the environment, as --flag=value
				// and (except for booleans) as --flag value.
				forms := [][]string{{"--" + fc.flag + "=" + fc.arg}}
				if !fc.argIsBool {
					forms = append(forms, []string{"--" + fc.flag, fc.arg}, []string{"-" + fc.flag, fc.arg})
				}
				for _, args := range forms {
					cfg, _, err := parseConfig(c, args, e, io.Discard)
					if err != nil {
						t.Fatalf("%q: %v", args, err)
					}
					if got := fc.get(cfg); got != fc.fromFlag {
						t.Errorf("%s=%q and %q: got %v, want %v", envName(fc.flag), fc.env, args, got, fc.fromFlag)
					}
				}
			})
		}
	}
}

func TestEnvName(t *testing.T) {
	tests := []struct{ flag, want string }{
		{"db", "SPIL_DB"},
		{"idle-timeout", "SPIL_IDLE_TIMEOUT"},
		{"demo-password", "SPIL_DEMO_PASSWORD"},
		{"log-format", "SPIL_LOG_FORMAT"},
	}
	for _, tt := range tests {
		if got := envName(tt.flag); got != tt.want {
			t.Errorf("envName(%q) = %q, want %q", tt.flag, got, tt.want)
		}
	}
}

// unreadable is a readFile that fails but hands back some bytes, as a
// partial read would; none of them may show up in an error.
func unreadable(content string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		return []byte(content), &fs.PathError{Op: "read", Path: name, Err: fs.ErrPermission}
	}
}

func TestParseConfigSecretFiles(t *testing.T) {
	const dsn = "postgres://spil:Zeer-Geheim-42@db.internal/spil"
	files := map[string]string{
		"/run/secrets/db":       dsn + "\n",
		"/run/secrets/db-crlf":  dsn + "\r\n",
		"/run/secrets/db-plain": dsn,
		"/run/secrets/demo":     "Speeltuin-Zonnebloem-7\n\n",
		"/run/secrets/key":      "/etc/spil/key.pem\n",
		"/run/secrets/smtp":     "Smtp-Geheim-8\n",
	}
	tests := []struct {
		name    string
		command string
		vars    map[string]string
		get     func(*Config) string
		want    string
	}{
		{"db with newline", "serve", map[string]string{"SPIL_DB_FILE": "/run/secrets/db"}, func(c *Config) string { return c.DB }, dsn},
		{"db with CRLF", "migrate", map[string]string{"SPIL_DB_FILE": "/run/secrets/db-crlf"}, func(c *Config) string { return c.DB }, dsn},
		{"db without newline", "backup", map[string]string{"SPIL_DB_FILE": "/run/secrets/db-plain"}, func(c *Config) string { return c.DB }, dsn},
		{"SPIL_DB beats SPIL_DB_FILE", "serve", map[string]string{"SPIL_DB": "direct.db", "SPIL_DB_FILE": "/run/secrets/db"}, func(c *Config) string { return c.DB }, "direct.db"},
		{"demo password", "serve", map[string]string{"SPIL_DEMO_PASSWORD_FILE": "/run/secrets/demo"}, func(c *Config) string { return c.DemoPassword }, "Speeltuin-Zonnebloem-7"},
		{"smtp password", "serve", map[string]string{"SPIL_SMTP_PASSWORD_FILE": "/run/secrets/smtp", "SPIL_SMTP_HOST": "smtp.example.nl",
			"SPIL_SMTP_USERNAME": "spil", "SPIL_SMTP_FROM": "noreply@spil.example.nl"}, func(c *Config) string { return c.SMTPPassword }, "Smtp-Geheim-8"},
		// The key flag holds a path, not a secret: no _FILE form.
		{"tls key is no secret", "serve", map[string]string{"SPIL_TLS_KEY_FILE": "/run/secrets/key"}, func(c *Config) string { return c.TLSKey }, ""},
		// Only secrets are read from files.
		{"addr is no secret", "serve", map[string]string{"SPIL_ADDR_FILE": "/run/secrets/db"}, func(c *Config) string { return c.Addr }, ":8080"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := parseConfig(commandNamed(t, tt.command), nil, fakeEnv(tt.vars, files), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.get(cfg); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseConfigUnreadableSecretFile(t *testing.T) {
	const secret = "Zeer-Geheim-42"
	tests := []struct {
		command, variable string
	}{
		{"serve", "SPIL_DB_FILE"},
		{"restore", "SPIL_DB_FILE"},
		{"serve", "SPIL_DEMO_PASSWORD_FILE"},
		{"serve", "SPIL_SMTP_PASSWORD_FILE"},
	}
	for _, tt := range tests {
		t.Run(tt.command+"/"+tt.variable, func(t *testing.T) {
			e := env{
				getenv:   fakeEnv(map[string]string{tt.variable: "/run/secrets/" + secret}, nil).getenv,
				readFile: unreadable("postgres://spil:" + secret + "@db/spil"),
			}
			var out bytes.Buffer
			_, _, err := parseConfig(commandNamed(t, tt.command), nil, e, &out)
			if err == nil {
				t.Fatal("no error for an unreadable secret file")
			}
			if !strings.Contains(err.Error(), tt.variable+": cannot read the file") {
				t.Errorf("error %q does not name %s", err, tt.variable)
			}
			// Neither the content nor the file name (which may say what
			// the secret is) is echoed.
			if strings.Contains(err.Error(), secret) || strings.Contains(out.String(), secret) {
				t.Errorf("error %q or output %q shows the secret", err, out.String())
			}
			// Through run it is a usage error.
			r := spilEnv(t, e, tt.command)
			if r.code != 2 || !strings.Contains(r.stderr, tt.variable) || strings.Contains(r.stderr, secret) {
				t.Errorf("run: want exit 2 naming %s without the secret, got\n%v", tt.variable, r)
			}
		})
	}
}

// Secrets from the environment must not appear in --help or in the usage
// printed for a wrong flag: both end up in terminals and logs.
func TestHelpHidesSecrets(t *testing.T) {
	const dbSecret, pwSecret, keySecret, smtpSecret = "Db-Wachtwoord-31", "Demo-Wachtwoord-59", "Sleutel-Geheim-77", "Smtp-Wachtwoord-13"
	e := fakeEnv(map[string]string{
		"SPIL_DB":                "postgres://spil:" + dbSecret + "@db/spil",
		"SPIL_DEMO_PASSWORD":     pwSecret,
		"SPIL_SMTP_PASSWORD":     smtpSecret,
		"SPIL_TLS_KEY_FILE":      "/run/secrets/key",
		"SPIL_TLS_CERT":          "cert.pem",
		"SPIL_ADDR":              "127.0.0.1:9000",
		"SPIL_IDLE_TIMEOUT":      "10m",
		"SPIL_ABSOLUTE_TIMEOUT":  "1h",
		"SPIL_DEMO":              "true",
		"SPIL_UNRELATED_SETTING": "x",
	}, map[string]string{"/run/secrets/key": keySecret + "\n"})
	for _, c := range commands() {
		for _, args := range [][]string{{"--help"}, {"--no-such-flag"}} {
			var out bytes.Buffer
			_, _, err := parseConfig(c, args, e, &out)
			if err == nil {
				t.Fatalf("spil %s %q: no error", c.name, args)
			}
			for _, s := range []string{dbSecret, pwSecret, keySecret, smtpSecret} {
				if strings.Contains(out.String()+err.Error(), s) {
					t.Errorf("spil %s %q shows a secret:\n%s\n%v", c.name, args, out.String(), err)
				}
			}
		}
	}
	// Settings that are not secret do show as the default they became.
	var out bytes.Buffer
	parseConfig(commandNamed(t, "serve"), []string{"--help"}, e, &out)
	if !strings.Contains(out.String(), `(default "127.0.0.1:9000")`) {
		t.Errorf("serve --help does not show the address from SPIL_ADDR:\n%s", out.String())
	}
}

func TestParseConfigBadEnv(t *testing.T) {
	tests := []struct {
		command, variable, value string
	}{
		{"serve", "SPIL_IDLE_TIMEOUT", "abc"},
		{"serve", "SPIL_ABSOLUTE_TIMEOUT", "12"},
		{"serve", "SPIL_DEMO", "perhaps"},
		{"serve", "SPIL_HTTPS", "yes"},
		{"serve", "SPIL_TRUST_PROXY", "on"},
		{"demo", "SPIL_FAMILIES", "x"},
		{"demo", "SPIL_FAMILIES", "1e4"},
		{"demo", "SPIL_SEED", "1.5"},
		{"demo", "SPIL_SCALE", "a tenth"},
	}
	for _, tt := range tests {
		t.Run(tt.variable+"="+tt.value, func(t *testing.T) {
			e := fakeEnv(map[string]string{tt.variable: tt.value}, nil)
			_, _, err := parseConfig(commandNamed(t, tt.command), nil, e, io.Discard)
			if err == nil {
				t.Fatalf("%s=%q accepted", tt.variable, tt.value)
			}
			if !strings.Contains(err.Error(), tt.variable) {
				t.Errorf("error %q does not name %s", err, tt.variable)
			}
			r := spilEnv(t, e, tt.command)
			if r.code != 2 || !strings.Contains(r.stderr, tt.variable) {
				t.Errorf("run: want exit 2 naming %s, got\n%v", tt.variable, r)
			}
			// A command without that flag ignores the variable.
			if _, _, err := parseConfig(commandNamed(t, "migrate"), nil, e, io.Discard); err != nil {
				t.Errorf("migrate fails on %s, which is not its setting: %v", tt.variable, err)
			}
		})
	}
	// Every bad variable is reported at once.
	e := fakeEnv(map[string]string{"SPIL_IDLE_TIMEOUT": "abc", "SPIL_DEMO": "perhaps"}, nil)
	_, _, err := parseConfig(commandNamed(t, "serve"), nil, e, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "SPIL_IDLE_TIMEOUT") || !strings.Contains(err.Error(), "SPIL_DEMO") {
		t.Errorf("two bad variables: got %v, want both named", err)
	}
}

func TestConfigCheck(t *testing.T) {
	ok := Config{LogFormat: "text", LogLevel: "info", IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 12 * time.Hour}
	tests := []struct {
		name    string
		change  func(*Config)
		wantErr string // "" for none
	}{
		{"defaults", func(c *Config) {}, ""},
		{"zero config", func(c *Config) { *c = Config{} }, ""},
		{"json", func(c *Config) { c.LogFormat = "json" }, ""},
		{"xml", func(c *Config) { c.LogFormat = "xml" }, "--log-format must be text or json"},
		{"upper-case format", func(c *Config) { c.LogFormat = "JSON" }, "--log-format"},
		{"each level", func(c *Config) {
			for _, l := range []string{"debug", "info", "warn", "error"} {
				c.LogLevel = l
				if err := c.check(); err != nil {
					t.Errorf("level %s: %v", l, err)
				}
			}
		}, ""},
		{"level verbose", func(c *Config) { c.LogLevel = "verbose" }, "--log-level must be debug, info, warn or error"},
		{"idle equals absolute", func(c *Config) { c.IdleTimeout = c.AbsoluteTimeout }, ""},
		{"idle longer than absolute", func(c *Config) { c.IdleTimeout = 13 * time.Hour }, "--idle-timeout must be positive and not longer than --absolute-timeout"},
		{"negative idle", func(c *Config) { c.IdleTimeout = -time.Minute }, "--idle-timeout"},
		{"negative absolute", func(c *Config) { c.AbsoluteTimeout = -time.Minute }, "--idle-timeout"},
		{"tls cert without key", func(c *Config) { c.TLSCert = "cert.pem" }, "--tls-cert and --tls-key go together"},
		{"tls key without cert", func(c *Config) { c.TLSKey = "key.pem" }, "--tls-cert and --tls-key go together"},
		{"tls both", func(c *Config) { c.TLSCert, c.TLSKey = "cert.pem", "key.pem" }, ""},
		{"no families", func(c *Config) { c.Families = 0 }, ""},
		{"negative families", func(c *Config) { c.Families = -1 }, "--families must not be negative"},
		{"national at a small scale", func(c *Config) { c.National, c.Scale = true, 0.001 }, ""},
		{"national at scale 0", func(c *Config) { c.National, c.Scale = true, 0 }, "--scale must be above 0 and at most 10"},
		{"national at scale 11", func(c *Config) { c.National, c.Scale = true, 11 }, "--scale must be above 0 and at most 10"},
		{"scale without national", func(c *Config) { c.Scale = 0 }, ""},
		{"base url", func(c *Config) { c.BaseURL = "https://spil.example.nl/" }, ""},
		{"base url with port", func(c *Config) { c.BaseURL = "http://127.0.0.1:8080" }, ""},
		{"base url without scheme", func(c *Config) { c.BaseURL = "spil.example.nl" }, "--base-url must be an address"},
		{"base url ftp", func(c *Config) { c.BaseURL = "ftp://spil.example.nl" }, "--base-url"},
		{"base url with path", func(c *Config) { c.BaseURL = "https://spil.example.nl/spil" }, "--base-url"},
		{"base url with query", func(c *Config) { c.BaseURL = "https://spil.example.nl/?a=b" }, "--base-url"},
		{"smtp", func(c *Config) {
			c.SMTPHost, c.SMTPPort, c.SMTPFrom, c.SMTPTLS = "smtp.example.nl", 587, "Spil <noreply@spil.example.nl>", "starttls"
		}, ""},
		{"smtp with login", func(c *Config) {
			c.SMTPHost, c.SMTPPort, c.SMTPFrom, c.SMTPUsername, c.SMTPPassword = "smtp.example.nl", 465, "noreply@spil.example.nl", "spil", "geheim"
		}, ""},
		{"smtp without from", func(c *Config) { c.SMTPHost, c.SMTPPort = "smtp.example.nl", 587 }, "--smtp-from is needed with --smtp-host"},
		{"smtp bad from", func(c *Config) { c.SMTPHost, c.SMTPPort, c.SMTPFrom = "smtp.example.nl", 587, "Spil" }, "--smtp-from must be an e-mail address"},
		{"smtp port 0", func(c *Config) { c.SMTPHost, c.SMTPPort, c.SMTPFrom = "smtp.example.nl", 0, "noreply@spil.example.nl" }, "--smtp-port must be between 1 and 65535"},
		{"smtp password without username", func(c *Config) {
			c.SMTPHost, c.SMTPPort, c.SMTPFrom, c.SMTPPassword = "smtp.example.nl", 587, "noreply@spil.example.nl", "geheim"
		}, "--smtp-password needs --smtp-username"},
		{"smtp settings without host", func(c *Config) { c.SMTPFrom = "noreply@spil.example.nl" }, "need --smtp-host"},
		{"smtp tls unknown", func(c *Config) { c.SMTPTLS = "ssl" }, "--smtp-tls must be starttls, tls, none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.change(&c)
			err := c.check()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("check() = %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("check() = %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
	// Several problems are reported together.
	c := ok
	c.LogFormat, c.TLSKey, c.Families = "xml", "key.pem", -5
	err := c.check()
	for _, want := range []string{"--log-format", "--tls-cert", "--families"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("check() = %v, want it to mention %s", err, want)
		}
	}
}

// The same problems given as flags stop parseConfig.
func TestParseConfigCheckErrors(t *testing.T) {
	tests := []struct {
		command string
		args    []string
		wantErr string
	}{
		{"serve", []string{"--log-format", "yaml"}, "--log-format"},
		{"migrate", []string{"--log-level", "trace"}, "--log-level"},
		{"serve", []string{"--idle-timeout", "2h", "--absolute-timeout", "1h"}, "--idle-timeout"},
		{"serve", []string{"--idle-timeout=-5m"}, "--idle-timeout"},
		{"serve", []string{"--tls-cert", "cert.pem"}, "--tls-cert and --tls-key go together"},
		{"demo", []string{"--families", "-3"}, "--families must not be negative"},
		{"demo", []string{"--families", "ten"}, `invalid value "ten"`},
		{"serve", []string{"--demo=perhaps"}, `invalid boolean value "perhaps"`},
	}
	for _, tt := range tests {
		t.Run(tt.command+" "+strings.Join(tt.args, " "), func(t *testing.T) {
			cfg, _, err := parseConfig(commandNamed(t, tt.command), tt.args, fakeEnv(nil, nil), io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got %v, %v; want an error containing %q", cfg, err, tt.wantErr)
			}
			if errors.Is(err, flag.ErrHelp) {
				t.Errorf("a wrong value is not a request for help")
			}
		})
	}
}

// Flags may come before or after the positional arguments, as the usage
// lines promise ("user add|disable|... [flags]").
func TestParseConfigPositional(t *testing.T) {
	tests := []struct {
		command   string
		args      []string
		wantRest  []string
		wantEmail string
		wantDB    string
	}{
		{"user", []string{"add", "--email", "a@b.nl", "--db", "x.db"}, []string{"add"}, "a@b.nl", "x.db"},
		{"user", []string{"--email", "a@b.nl", "disable"}, []string{"disable"}, "a@b.nl", "spil.db"},
		{"user", []string{"--db=x.db", "list", "--email=a@b.nl"}, []string{"list"}, "a@b.nl", "x.db"},
		{"user", []string{"add", "extra", "--email", "a@b.nl"}, []string{"add", "extra"}, "a@b.nl", "spil.db"},
		{"backup", []string{"out.db", "--db", "x.db"}, []string{"out.db"}, "", "x.db"},
		{"backup", []string{"--db", "x.db", "out.db"}, []string{"out.db"}, "", "x.db"},
		{"restore", []string{"-", "--db", "x.db"}, []string{"-"}, "", "x.db"},
		// After -- nothing is a flag.
		{"backup", []string{"--db", "x.db", "--", "--out.db"}, []string{"--out.db"}, "", "x.db"},
		{"backup", []string{"--", "a", "--db", "x.db"}, []string{"a", "--db", "x.db"}, "", "spil.db"},
		{"backup", []string{"a", "--", "-b"}, []string{"a", "-b"}, "", "spil.db"},
		{"user", []string{"--name", "--", "add"}, []string{"add"}, "", "spil.db"},
		{"migrate", nil, nil, "", "spil.db"},
	}
	for _, tt := range tests {
		t.Run(tt.command+" "+strings.Join(tt.args, " "), func(t *testing.T) {
			cfg, rest, err := parseConfig(commandNamed(t, tt.command), tt.args, fakeEnv(nil, nil), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantRest, rest); diff != "" {
				t.Errorf("positional arguments (-want +got):\n%s", diff)
			}
			if cfg.Email != tt.wantEmail || cfg.DB != tt.wantDB {
				t.Errorf("email %q, db %q; want %q, %q", cfg.Email, cfg.DB, tt.wantEmail, tt.wantDB)
			}
		})
	}
}
