package main

import (
	"bytes"
	"errors"
	"flag"
	"strconv"
	"strings"
	"testing"
)

// splitArgs turns a fuzzed string into arguments: spaces and NUL bytes
// separate them, and empty arguments are kept.
func splitArgs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.ReplaceAll(s, "\x00", " "), " ")
}

// isSubsequence reports whether every element of sub occurs in all, in order.
func isSubsequence(sub, all []string) bool {
	i := 0
	for _, s := range sub {
		for i < len(all) && all[i] != s {
			i++
		}
		if i == len(all) {
			return false
		}
		i++
	}
	return true
}

func FuzzParseConfig(f *testing.F) {
	// args, SPIL_IDLE_TIMEOUT, SPIL_DEMO, SPIL_FAMILIES, SPIL_LOG_LEVEL, content of SPIL_DB_FILE
	f.Add("", "", "", "", "", "")
	f.Add("--db /var/lib/spil/spil.db --addr :8080", "30m", "", "", "", "")
	f.Add("--demo --addr 127.0.0.1:8080 --log-format json", "", "true", "", "debug", "")
	f.Add("--https --trust-proxy --idle-timeout 15m --absolute-timeout 8h", "", "false", "", "warn", "postgres://spil:geheim@db/spil\n")
	f.Add("--tls-cert /etc/spil/cert.pem --tls-key /etc/spil/key.pem", "", "", "", "", "")
	f.Add("add --email carla@kct.example --name Carla\x00Visser --role casemanager", "", "", "", "", "spil.db\n")
	f.Add("--email pieter@kct.example disable", "", "", "", "error", "")
	f.Add("--families 10000 --seed 3", "", "", "100", "", "")
	f.Add("backup.db --db spil.db", "", "", "", "", "")
	f.Add("-- --db x.db", "", "", "", "", "")
	f.Add("--help", "", "", "", "", "postgres://spil:geheim@db/spil")
	f.Add("-h --no-such-flag", "", "", "", "", "")
	f.Add("--idle-timeout 2h --absolute-timeout 1h", "", "", "", "", "")
	f.Add("--tls-cert c.pem", "", "", "", "", "")
	f.Add("--families -1", "", "", "-5", "", "")
	f.Add("--db  --addr", "abc", "perhaps", "x", "trace", "geheim\r\n")
	f.Add("--name -- add --email a@b.nl", "0s", "1", "0", "", "")
	f.Fuzz(func(t *testing.T, args, idle, demo, families, logLevel, dbFile string) {
		argv := splitArgs(args)
		const secretFile = "/run/secrets/spil-db"
		// The marker makes the secret unlikely to appear in any message by
		// accident.
		secret := strings.TrimRight("geheim-"+dbFile, "\r\n")
		vars := map[string]string{
			"SPIL_IDLE_TIMEOUT": idle,
			"SPIL_DEMO":         demo,
			"SPIL_FAMILIES":     families,
			"SPIL_LOG_LEVEL":    logLevel,
			"SPIL_DB_FILE":      secretFile,
		}
		e := fakeEnv(vars, map[string]string{secretFile: "geheim-" + dbFile})

		// What the user typed may be echoed, as typed or quoted.
		var public []string
		for _, s := range append(argv, idle, demo, families, logLevel) {
			public = append(public, s, strconv.Quote(s))
		}
		echoed := strings.Contains(strings.Join(public, "\x00"), secret)

		for _, c := range commands() {
			var out bytes.Buffer
			cfg, rest, err := parseConfig(c, argv, e, &out)
			if err != nil {
				if cfg != nil || rest != nil {
					t.Errorf("spil %s %q: error %v with a result", c.name, argv, err)
				}
				if !echoed && (strings.Contains(err.Error(), secret) || strings.Contains(out.String(), secret)) {
					t.Errorf("spil %s %q: the secret from SPIL_DB_FILE shows:\nerror: %v\noutput: %s", c.name, argv, err, out.String())
				}
				if errors.Is(err, flag.ErrHelp) && !strings.Contains(out.String(), "Usage: spil "+c.name) {
					t.Errorf("spil %s %q: help without usage: %q", c.name, argv, out.String())
				}
				continue
			}
			if cerr := cfg.check(); cerr != nil {
				t.Errorf("spil %s %q: parsed a config that fails check: %v", c.name, argv, cerr)
			}
			if out.Len() > 0 {
				t.Errorf("spil %s %q: success but printed %q", c.name, argv, out.String())
			}
			if !isSubsequence(rest, argv) {
				t.Errorf("spil %s %q: positional arguments %q are not from the arguments", c.name, argv, rest)
			}
			// Without "--" a positional argument never looks like a flag:
			// it would have been parsed, or been an error.
			hasTerminator := false
			for _, a := range argv {
				hasTerminator = hasTerminator || a == "--"
			}
			for _, r := range rest {
				if !hasTerminator && len(r) > 1 && r[0] == '-' {
					t.Errorf("spil %s %q: flag-like positional argument %q", c.name, argv, r)
				}
			}
			// Without a db flag the database comes from the file, trimmed.
			if !strings.Contains(args, "db") && cfg.DB != secret {
				t.Errorf("spil %s %q: DB = %q, want %q from SPIL_DB_FILE", c.name, argv, cfg.DB, secret)
			}
		}
	})
}
