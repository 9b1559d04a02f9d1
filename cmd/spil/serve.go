package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/jobs"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/store"
)

var serveCommand = command{
	name:    "serve",
	usage:   "serve [flags]",
	summary: "run the web server",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
		f.str(&c.Addr, "addr", ":8080", "address to listen on", false)
		f.boolean(&c.Init, "init", false, "make a new database when the SQLite file --db names is missing or empty (without it, serve refuses such a file)")
		f.boolean(&c.SkipQuickCheck, "skip-quick-check", false, "do not run SQLite's quick check of the database at start (for very large files)")
		f.boolean(&c.Demo, "demo", false, "demo mode: fill an empty database with fictional families and demo accounts, show a DEMO banner (implies --init)")
		f.str(&c.DemoPassword, "demo-password", "", "password for every demo account (default: random, printed at start)", true)
		f.boolean(&c.HTTPS, "https", false, "Spil is reached over HTTPS (here or at a proxy): secure cookies and HSTS")
		f.str(&c.TLSCert, "tls-cert", "", "TLS certificate file, to serve HTTPS directly", false)
		f.str(&c.TLSKey, "tls-key", "", "TLS private key file", false)
		f.boolean(&c.TrustProxy, "trust-proxy", false, "take the client address from X-Forwarded-For (only behind your own proxy)")
		f.duration(&c.IdleTimeout, "idle-timeout", 30*time.Minute, "log out after this long without activity")
		f.duration(&c.AbsoluteTimeout, "absolute-timeout", 12*time.Hour, "log out this long after login, active or not")
		f.duration(&c.JobTick, "job-tick", time.Minute, "how often the background jobs (cleanup, daily digest) wake")
		f.integer(&c.FHIRKeptMiB, "fhir-kept-mib", 128, "memory in MiB for FHIR $everything answers kept, compressed, while their file is unchanged (0 keeps none)")
		f.integer(&c.SignalKept, "signal-kept", store.DefaultKeptSignalFiles, "families whose signal files are kept between reads while their file is unchanged (0 keeps none)")
		f.mailFlags(c, " (default: from --addr)")
	},
	run: runServe,
}

// newAuth returns the auth service with its throttle key, made in the
// database by the first instance that starts.
func newAuth(ctx context.Context, c *Config, s *store.Store) (*auth.Service, error) {
	return auth.Open(ctx, s, auth.Config{IdleTimeout: c.IdleTimeout, AbsoluteTimeout: c.AbsoluteTimeout})
}

func runServe(ctx context.Context, a *app, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(args, " "))
	}
	c := a.cfg
	if c.IdleTimeout <= 0 || c.AbsoluteTimeout <= 0 {
		return fmt.Errorf("--idle-timeout and --absolute-timeout must be longer than zero")
	}
	if c.JobTick < 10*time.Millisecond || c.JobTick > time.Hour {
		return fmt.Errorf("--job-tick must be between 10ms and 1h")
	}
	if c.FHIRKeptMiB < 0 || c.FHIRKeptMiB > 1<<16 {
		return fmt.Errorf("--fhir-kept-mib must be between 0 and 65536")
	}
	if c.SignalKept < 0 || c.SignalKept > 10_000_000 {
		return fmt.Errorf("--signal-kept must be between 0 and 10000000")
	}
	if c.Demo && c.DemoPassword != "" {
		// Check before anything is written, and name the rule that failed.
		if err := auth.CheckPasswordPolicy(c.DemoPassword); err != nil {
			return fmt.Errorf("SPIL_DEMO_PASSWORD (--demo-password) must follow the password rules: "+
				"%d to %d characters, not a common password (%s)", auth.MinPasswordLen, auth.MaxPasswordLen, care.ErrorMessage(err))
		}
	}
	s, err := openDatabase(ctx, a, dbUse{
		create:  c.Init || c.Demo,
		newHint: "To start a new, empty database there, run spil serve --init; to try Spil with demo data, spil serve --demo",
		migrate: true, current: true, quickCheck: !c.SkipQuickCheck,
	})
	if err != nil {
		return err
	}
	defer s.Close()
	s.KeepSignalFiles(c.SignalKept)
	authSvc, err := newAuth(ctx, c, s)
	if err != nil {
		return err
	}
	if c.Demo {
		if err := setUpDemo(ctx, a, s, authSvc); err != nil {
			return err
		}
	}
	// Without an SMTP host the interface stays nil: no mailer.
	var mailer mail.Mailer
	if c.SMTPHost != "" {
		m, err := mail.NewSMTP(c.smtpConfig())
		if err != nil {
			return err
		}
		mailer = m
		if c.BaseURL == "" {
			a.log.Warn("e-mail is on but --base-url is not set: links in e-mail lead to " + c.baseURL())
		}
	}
	careSvc := care.NewService(s, nil)
	srv, err := site.New(site.Config{
		Secure: c.HTTPS || c.TLSCert != "", Demo: c.Demo, TrustProxy: c.TrustProxy, Logger: a.log,
		Mailer: mailer, BaseURL: c.baseURL(), FHIRKept: int64(c.FHIRKeptMiB) << 20,
	}, authSvc, s, careSvc)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Addr:              c.Addr,
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	// The jobs stop, and are waited for, before the store closes and
	// runServe returns, also when the server fails.
	jobsCtx, stopJobs := context.WithCancel(ctx)
	var jobsDone sync.WaitGroup
	runner := jobs.NewRunner(s, c.JobTick, a.log)
	work := []jobs.Job{cleanupJob(a, authSvc, careSvc)}
	if mailer != nil {
		work = append(work, jobs.DigestJob(careSvc, mailer, c.baseURL(), a.log))
	}
	jobsDone.Go(func() { runner.Run(jobsCtx, work) })
	defer jobsDone.Wait()
	defer stopJobs()
	a.log.Info("serving", "addr", ln.Addr().String(), "database", s.Dialect(), "demo", c.Demo,
		"base_url", c.baseURL(), "mail", mailer != nil)
	errc := make(chan error, 1)
	go func() {
		if c.TLSCert != "" {
			errc <- hs.ServeTLS(ln, c.TLSCert, c.TLSKey)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// cleanupJob deletes expired sessions, old throttle records and expired
// idempotency keys, every 10 minutes, on one instance.
func cleanupJob(a *app, authSvc *auth.Service, careSvc *care.Service) jobs.Job {
	return jobs.Job{Name: "cleanup", Every: 10 * time.Minute, Run: func(ctx context.Context, _ time.Time) error {
		if err := authSvc.Cleanup(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("cleanup failed", "err", err)
		}
		if _, err := careSvc.ForgetIdempotencyKeys(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("cleanup of idempotency keys failed", "err", err)
		}
		return nil
	}}
}
