package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/jobs"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestRunnersShareOneJob: two runners on one database run a job on one of
// them only; when that one stops, it gives the lease up and the other
// takes the job over.
func TestRunnersShareOneJob(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			s := db.Open(t)
			log := slog.New(slog.NewTextHandler(io.Discard, nil))
			var runs [2]atomic.Int64
			job := func(i int) []jobs.Job {
				return []jobs.Job{{Name: "count", Run: func(context.Context, time.Time) error { runs[i].Add(1); return nil }}}
			}
			ctxs := [2]context.Context{}
			stops := [2]context.CancelFunc{}
			var wg [2]sync.WaitGroup
			for i := range 2 {
				ctxs[i], stops[i] = context.WithCancel(context.Background())
				r := jobs.NewRunner(s, 10*time.Millisecond, log)
				wg[i].Go(func() { r.Run(ctxs[i], job(i)) })
			}
			t.Cleanup(func() {
				for i := range 2 {
					stops[i]()
					wg[i].Wait()
				}
			})
			waitFor(t, func() bool { return runs[0].Load()+runs[1].Load() >= 10 })
			first := 0
			if runs[1].Load() > 0 {
				first = 1
			}
			if other := runs[1-first].Load(); other != 0 {
				t.Fatalf("both runners ran the job: %d and %d runs", runs[0].Load(), runs[1].Load())
			}
			stops[first]()
			wg[first].Wait()
			waitFor(t, func() bool { return runs[1-first].Load() >= 3 })
		})
	}
}

// TestRunnerEvery: a job with a period runs once per period, not on
// every tick.
func TestRunnerEvery(t *testing.T) {
	s := storetest.Databases()[0].Open(t)
	var runs atomic.Int64
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	r := jobs.NewRunner(s, 5*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
	wg.Go(func() {
		r.Run(ctx, []jobs.Job{{Name: "hourly", Every: time.Hour, Run: func(context.Context, time.Time) error { runs.Add(1); return nil }}})
	})
	waitFor(t, func() bool { return runs.Load() == 1 })
	time.Sleep(100 * time.Millisecond) // twenty ticks
	stop()
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Errorf("an hourly job ran %d times in 100 ms", n)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
