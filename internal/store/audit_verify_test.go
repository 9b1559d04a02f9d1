package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// referenceVerify is the walk as it was first written: one record after the
// other, from the start. The parallel walk must find what it finds.
func referenceVerify(t *testing.T, s *Store) (int64, *ChainBreak) {
	t.Helper()
	prev := care.GenesisHash
	var after, n int64
	for {
		batch, err := s.AuditEvents(context.Background(), after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(batch) == 0 {
			return n, nil
		}
		for _, e := range batch {
			n++
			if e.PrevHash != prev {
				return n, &ChainBreak{ID: e.ID, Reason: reasonLink}
			}
			if e.ComputeHash() != e.Hash {
				return n, &ChainBreak{ID: e.ID, Reason: reasonContent}
			}
			prev, after = e.Hash, e.ID
		}
	}
}

func openTestSQLite(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "spil.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// smallChunks makes the walk read a few ids per query, so a small trail
// spans many runs and workers.
func smallChunks(t *testing.T, n int64) {
	old := auditChunk
	auditChunk = n
	t.Cleanup(func() { auditChunk = old })
}

// TestWalkMatchesReference tampers with a trail of many small runs in
// random ways, one change at a time, and compares the parallel walk with
// the reference after each: the same count and the same first break.
func TestWalkMatchesReference(t *testing.T) {
	smallChunks(t, 7)
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { testWalkMatchesReference(t, seed) })
	}
}

func testWalkMatchesReference(t *testing.T, seed uint64) {
	ctx := context.Background()
	s := openTestSQLite(t)
	const n = 300
	fillAudit(t, s, n)
	for _, q := range []string{`DROP TRIGGER audit_events_no_update`, `DROP TRIGGER audit_events_no_delete`} {
		if err := s.ExecRaw(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	changes := []func(id int) string{
		func(id int) string { return fmt.Sprintf(`DELETE FROM audit_events WHERE id = %d`, id) },
		func(id int) string {
			return fmt.Sprintf(`UPDATE audit_events SET actor_id = actor_id + 1 WHERE id = %d`, id)
		},
		func(id int) string {
			return fmt.Sprintf(`UPDATE audit_events SET prev_hash = COALESCE((SELECT hash FROM audit_events WHERE id = %d), 'x') WHERE id = %d`, id-2, id)
		},
		// Gaps in the ids keep the chain intact: ids are not hashed.
		func(id int) string {
			return fmt.Sprintf(`UPDATE audit_events SET id = id + (SELECT MAX(id) FROM audit_events) WHERE id >= %d`, id)
		},
		func(id int) string { return `UPDATE audit_events SET outcome = outcome` },
	}
	check := func(what string) {
		t.Helper()
		wantN, wantBrk := referenceVerify(t, s)
		gotN, gotBrk, err := s.VerifyAudit(ctx)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if int64(gotN) != wantN || fmt.Sprint(gotBrk) != fmt.Sprint(wantBrk) {
			t.Errorf("%s: VerifyAudit = %d, %+v; the reference finds %d, %+v", what, gotN, gotBrk, wantN, wantBrk)
		}
	}
	check("intact")
	// Changes far back first, so that later ones are not all hidden
	// behind an earlier break; then anywhere.
	for i := range 40 {
		id := 300 - i*7 + rng.IntN(5)
		if i >= 20 {
			id = 2 + rng.IntN(300)
		}
		q := changes[rng.IntN(len(changes))](id)
		if err := s.ExecRaw(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		check(q)
	}
}

// TestWalkMarksAcrossRuns puts checkpoints in the middle and at the ends of
// runs: a full walk notes each checkpoint's record and its position.
func TestWalkMarksAcrossRuns(t *testing.T) {
	smallChunks(t, 10)
	ctx := context.Background()
	s := openTestSQLite(t)
	fillAudit(t, s, 95)
	es, err := s.AuditEvents(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var cps []AuditCheckpoint
	for _, i := range []int{0, 9, 10, 44, 94} {
		cps = append(cps, AuditCheckpoint{Records: int64(i + 1), HeadID: es[i].ID, HeadHash: es[i].Hash})
	}
	v, err := s.VerifyAuditTrail(ctx, VerifyOptions{Full: true, Checkpoints: cps})
	if err != nil || !v.Intact() || v.Records != 95 || v.Checked != 95 || v.HeadID != es[94].ID {
		t.Fatalf("VerifyAuditTrail = %+v, %v; want 95 records intact", v, err)
	}
	for _, cp := range cps {
		bad := cp
		bad.Records++
		v, err := s.VerifyAuditTrail(ctx, VerifyOptions{Full: true, Checkpoints: []AuditCheckpoint{bad}})
		if err != nil || v.Mismatch == nil || v.Mismatch.Position != cp.Records {
			t.Errorf("checkpoint at record %d counting %d: %+v, %v; want a mismatch at position %d", cp.HeadID, bad.Records, v, err, cp.Records)
		}
	}
}

// TestWalkResumesAfterCheckpoint checks that a resumed walk reads only the
// records after the checkpoint and the checkpoint's own record.
func TestWalkResumesAfterCheckpoint(t *testing.T) {
	smallChunks(t, 16)
	ctx := context.Background()
	s := openTestSQLite(t)
	fillAudit(t, s, 200)
	v, err := s.VerifyAuditTrail(ctx, VerifyOptions{})
	if err != nil || !v.Intact() || v.Resumed != nil || v.Checked != 200 {
		t.Fatalf("first walk = %+v, %v", v, err)
	}
	cp := v.Checkpoint(time.Now())
	fillAudit(t, s, 50)
	v, err = s.VerifyAuditTrail(ctx, VerifyOptions{Checkpoints: []AuditCheckpoint{cp}})
	if err != nil || !v.Intact() || v.Checked != 50 || v.Records != 250 || v.Resumed == nil || v.HeadID != 250 {
		t.Errorf("resumed walk = %+v, %v; want 50 checked of 250", v, err)
	}
}
