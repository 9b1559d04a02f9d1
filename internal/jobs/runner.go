// Package jobs runs Spil's periodic work inside spil serve. With several
// instances on one database, each job runs on one instance at a time: the
// one holding the job's lease in the database. The holder renews the lease
// on every tick; when it stops it gives the lease up, and when it dies the
// lease expires and another instance takes the job over.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"time"
)

// Leases keeps the job leases; internal/store provides it.
type Leases interface {
	// TakeLease takes or renews the lease on name for holder until until,
	// when it is free, expired at now, or already holder's; it reports
	// whether holder has it.
	TakeLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error)
	// ReleaseLease gives the lease up when holder has it.
	ReleaseLease(ctx context.Context, name, holder string) error
}

// Job is one kind of periodic work.
type Job struct {
	Name string
	// Every is how often the job runs; 0 runs it on every tick.
	Every time.Duration
	// Run does the work once; now is the tick's time.
	Run func(ctx context.Context, now time.Time) error
}

// Runner runs jobs on the ticks of one instance.
type Runner struct {
	leases Leases
	holder string
	tick   time.Duration
	log    *slog.Logger
	now    func() time.Time
}

// MinLease is the shortest lease: long enough that a slow tick under load
// does not lose the lease to another instance.
const MinLease = time.Minute

// NewRunner returns a runner that wakes every tick, with a holder name
// unique to this instance (host, process and a random part, so two
// runners in one process differ too).
func NewRunner(l Leases, tick time.Duration, log *slog.Logger) *Runner {
	host, _ := os.Hostname()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return &Runner{leases: l, tick: tick, log: log, now: time.Now,
		holder: fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))}
}

// Holder is this instance's name in the leases.
func (r *Runner) Holder() string { return r.holder }

// lease is how long a taken lease lasts: three ticks, at least MinLease.
func (r *Runner) lease() time.Duration { return max(3*r.tick, MinLease) }

// Run runs the jobs until ctx ends, then gives up the leases it holds. A
// job's failure is logged and the job runs again when it is next due.
func (r *Runner) Run(ctx context.Context, jobs []Job) {
	last := make([]time.Time, len(jobs)) // when each job last ran here
	held := make([]bool, len(jobs))
	defer func() {
		// The context is over; releasing gets a short one of its own.
		rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for i, j := range jobs {
			if held[i] {
				if err := r.leases.ReleaseLease(rctx, j.Name, r.holder); err != nil {
					r.log.Warn("job: releasing the lease failed", "job", j.Name, "err", err)
				}
			}
		}
	}()
	t := time.NewTicker(r.tick)
	defer t.Stop()
	for {
		for i, j := range jobs {
			if ctx.Err() != nil {
				return
			}
			now := r.now()
			ok, err := r.leases.TakeLease(ctx, j.Name, r.holder, now, now.Add(r.lease()))
			if err != nil {
				if ctx.Err() == nil {
					r.log.Warn("job: taking the lease failed", "job", j.Name, "err", err)
				}
				continue
			}
			if ok != held[i] {
				r.log.Info("job: lease", "job", j.Name, "held", ok)
				held[i] = ok
				last[i] = time.Time{} // a new holder runs the job at once
			}
			if !ok || (!last[i].IsZero() && now.Sub(last[i]) < j.Every) {
				continue
			}
			last[i] = now
			if err := j.Run(ctx, now); err != nil && ctx.Err() == nil {
				r.log.Warn("job failed", "job", j.Name, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
