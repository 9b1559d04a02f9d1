package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
)

// verifyTrail runs VerifyAuditTrail and fails the test on an error.
func verifyTrail(t *testing.T, s Store, full bool, cps ...store.AuditCheckpoint) *store.AuditVerification {
	t.Helper()
	v, err := s.VerifyAuditTrail(context.Background(), store.VerifyOptions{Full: full, Checkpoints: cps})
	if err != nil {
		t.Fatalf("VerifyAuditTrail: %v", err)
	}
	return v
}

// checkpointAfter verifies the whole trail, stores what it saw as a
// checkpoint and returns it.
func checkpointAfter(t *testing.T, s Store, at time.Time) store.AuditCheckpoint {
	t.Helper()
	v := verifyTrail(t, s, true)
	if !v.Intact() {
		t.Fatalf("the trail is not intact: %+v %+v", v.Break, v.Mismatch)
	}
	cp := v.Checkpoint(at)
	if err := s.AddAuditCheckpoint(context.Background(), &cp); err != nil {
		t.Fatal(err)
	}
	return cp
}

func testAuditCheckpoints(t *testing.T, s Store) {
	ctx := context.Background()
	for _, full := range []bool{false, true} {
		if _, err := s.LatestAuditCheckpoint(ctx, full); care.ErrorCode(err) != care.NotFound {
			t.Errorf("LatestAuditCheckpoint(%t) on a new database: %v, want NotFound", full, err)
		}
	}
	empty := checkpointAfter(t, s, t0)
	if want := (store.AuditCheckpoint{ID: empty.ID, At: t0.Truncate(time.Microsecond), HeadHash: care.GenesisHash, Full: true}); empty != want {
		t.Errorf("checkpoint of an empty trail = %+v, want %+v", empty, want)
	}
	appendEvents(t, s, 4)
	full := checkpointAfter(t, s, t0.Add(time.Hour))
	more := appendEvents(t, s, 2)
	v := verifyTrail(t, s, false, full)
	if !v.Intact() || v.Checked != 2 || v.Records != 6 || v.Resumed == nil || *v.Resumed != full {
		t.Fatalf("resumed walk = %+v, want 2 checked of 6 from %+v", v, full)
	}
	part := v.Checkpoint(t0.Add(2 * time.Hour).In(time.FixedZone("CET", 3600)))
	if err := s.AddAuditCheckpoint(ctx, &part); err != nil {
		t.Fatal(err)
	}

	got, err := s.LatestAuditCheckpoint(ctx, false)
	want := store.AuditCheckpoint{ID: part.ID, At: t0.Add(2 * time.Hour).Truncate(time.Microsecond), Records: 6,
		HeadID: more[1].ID, HeadHash: more[1].Hash, Full: false}
	if err != nil || *got != want || got.At.Location() != time.UTC {
		t.Errorf("LatestAuditCheckpoint = %+v, %v; want %+v in UTC", got, err, want)
	}
	if got, err := s.LatestAuditCheckpoint(ctx, true); err != nil || *got != full {
		t.Errorf("LatestAuditCheckpoint(full) = %+v, %v; want %+v", got, err, full)
	}
	for _, bad := range []store.AuditCheckpoint{{Records: -1, HeadHash: care.GenesisHash}, {HeadID: 3, HeadHash: "abc"}} {
		if err := s.AddAuditCheckpoint(ctx, &bad); care.ErrorCode(err) != care.Invalid {
			t.Errorf("AddAuditCheckpoint(%+v) = %v, want Invalid", bad, err)
		}
	}

	// Checkpoints are append-only, like the records they describe.
	stmts := []string{`UPDATE audit_checkpoints SET records = 1`, `DELETE FROM audit_checkpoints`,
		fmt.Sprintf(`DELETE FROM audit_checkpoints WHERE id = %d`, part.ID)}
	if s.Dialect() == "postgres" {
		stmts = append(stmts, `TRUNCATE audit_checkpoints`)
	}
	for _, q := range stmts {
		if err := s.ExecRaw(ctx, q); err == nil || !strings.Contains(err.Error(), "audit_checkpoints is append-only") {
			t.Errorf("%s: error %v, want the append-only refusal", q, err)
		}
	}
	if got, err := s.LatestAuditCheckpoint(ctx, false); err != nil || *got != want {
		t.Errorf("after the refused changes LatestAuditCheckpoint = %+v, %v; want %+v", got, err, want)
	}
}

// testAuditTailCutDetected removes the newest records, as someone with
// access to the database could: the chain that remains is intact, but the
// checkpoint saw more.
func testAuditTailCutDetected(t *testing.T, s Store) {
	ctx := context.Background()
	es := appendEvents(t, s, 10)
	cp := checkpointAfter(t, s, t0)
	allowTampering(t, s)
	if err := s.ExecRaw(ctx, fmt.Sprintf(`DELETE FROM audit_events WHERE id > %d`, es[6].ID)); err != nil {
		t.Fatal(err)
	}
	if v := verifyTrail(t, s, true); !v.Intact() || v.Records != 7 {
		t.Errorf("without a checkpoint the cut trail = %+v; the chain alone shows nothing", v)
	}
	for _, full := range []bool{false, true} {
		v := verifyTrail(t, s, full, cp)
		if v.Break != nil || v.Mismatch == nil {
			t.Fatalf("full %t: %+v: want a checkpoint mismatch and no break", full, v)
		}
		if got, want := *v.Mismatch, (store.CheckpointMismatch{Checkpoint: cp, LastID: es[6].ID, LastHash: es[6].Hash}); got != want {
			t.Errorf("full %t: mismatch %+v, want %+v", full, got, want)
		}
		msg := v.Mismatch.Error()
		for _, want := range []string{
			fmt.Sprintf("records after %d are missing", es[6].ID),
			fmt.Sprintf("the trail ends at record %d", es[6].ID),
			fmt.Sprintf("the checkpoint of %s", t0.Format("2006-01-02 15:04:05 UTC")),
			fmt.Sprintf("saw record %d", es[9].ID),
		} {
			if !strings.Contains(msg, want) {
				t.Errorf("full %t: %q does not say %q", full, msg, want)
			}
		}
	}

	// Everything cut: the trail is empty.
	if err := s.ExecRaw(ctx, `DELETE FROM audit_events`); err != nil {
		t.Fatal(err)
	}
	v := verifyTrail(t, s, false, cp)
	if v.Mismatch == nil || !strings.Contains(v.Mismatch.Error(), "the trail is empty") {
		t.Errorf("empty trail: %+v, want a mismatch saying the trail is empty", v)
	}
}

// testAuditCutAndRegrown cuts the newest records and lets the trail grow
// again: SQLite then gives the new records the ids of the removed ones,
// PostgreSQL new ids. Either way the checkpoint's record is gone.
func testAuditCutAndRegrown(t *testing.T, s Store) {
	ctx := context.Background()
	es := appendEvents(t, s, 8)
	cp := checkpointAfter(t, s, t0)
	allowTampering(t, s)
	if err := s.ExecRaw(ctx, fmt.Sprintf(`DELETE FROM audit_events WHERE id >= %d`, es[5].ID)); err != nil {
		t.Fatal(err)
	}
	appendEvents(t, s, 5)
	for _, full := range []bool{false, true} {
		v := verifyTrail(t, s, full, cp)
		if v.Break != nil || v.Mismatch == nil {
			t.Fatalf("full %t: %+v: want a checkpoint mismatch and no break", full, v)
		}
		msg := v.Mismatch.Error()
		want := fmt.Sprintf("record %d is not the one the checkpoint of", es[7].ID)
		if v.Mismatch.HeadHash == "" {
			want = fmt.Sprintf("record %d is missing", es[7].ID)
		}
		if !strings.Contains(msg, want) {
			t.Errorf("full %t: %q does not say %q", full, msg, want)
		}
	}
}

// testAuditCheckpointMismatch holds the trail against checkpoints that do
// not describe it: another hash at the same record, another count.
func testAuditCheckpointMismatch(t *testing.T, s Store) {
	es := appendEvents(t, s, 6)
	cp := checkpointAfter(t, s, t0)
	other := cp
	other.HeadHash = es[2].Hash
	for _, full := range []bool{false, true} {
		v := verifyTrail(t, s, full, cp, other)
		if v.Mismatch == nil || v.Mismatch.Checkpoint != other || v.Mismatch.HeadHash != es[5].Hash {
			t.Errorf("full %t, another hash: %+v, want a mismatch with the second checkpoint", full, v)
		} else if msg := v.Mismatch.Error(); !strings.Contains(msg, fmt.Sprintf("record %d is not the one", es[5].ID)) ||
			!strings.Contains(msg, "another database") {
			t.Errorf("full %t: %q", full, msg)
		}
	}
	counted := cp
	counted.Records = 9
	v := verifyTrail(t, s, true, counted)
	if v.Mismatch == nil || v.Mismatch.Position != 6 || !strings.Contains(v.Mismatch.Error(), "holds 6 records up to record") {
		t.Errorf("a checkpoint that counted 9: %+v, want a mismatch at position 6", v)
	}
	// The resumed walk cannot count the records before the checkpoint: it
	// takes the checkpoint's word for them.
	if v := verifyTrail(t, s, false, counted); !v.Intact() || v.Records != 9 || v.Checked != 0 {
		t.Errorf("resumed from a checkpoint that counted 9: %+v", v)
	}
}

// testAuditIncrementalResumes checks what a resumed walk reads: the records
// after the newest checkpoint and that checkpoint's own record, no more.
func testAuditIncrementalResumes(t *testing.T, s Store) {
	ctx := context.Background()
	es := appendEvents(t, s, 6)
	older := checkpointAfter(t, s, t0)
	es = append(es, appendEvents(t, s, 3)...)
	newer := checkpointAfter(t, s, t0.Add(time.Hour))
	es = append(es, appendEvents(t, s, 4)...)

	v := verifyTrail(t, s, false, older, newer)
	if !v.Intact() || v.Checked != 4 || v.Records != 13 || *v.Resumed != newer || v.HeadID != es[12].ID || v.HeadHash != es[12].Hash {
		t.Fatalf("resumed walk = %+v; want 4 checked after %+v, 13 in all", v, newer)
	}
	if got := v.Checkpoint(t0.Add(2 * time.Hour)); got != (store.AuditCheckpoint{At: t0.Add(2 * time.Hour), Records: 13,
		HeadID: es[12].ID, HeadHash: es[12].Hash}) {
		t.Errorf("Checkpoint = %+v", got)
	}

	allowTampering(t, s)
	steps := []struct {
		name      string
		stmt      string
		resumed   int64 // the break a resumed walk finds; 0: intact
		fullBreak int64
	}{
		{"a record before the checkpoints", fmt.Sprintf(`UPDATE audit_events SET actor_id = 77 WHERE id = %d`, es[4].ID), 0, es[4].ID},
		{"the checkpoint's own record", fmt.Sprintf(`UPDATE audit_events SET access_point = 'x' WHERE id = %d`, es[8].ID), es[8].ID, es[4].ID},
		{"a record after it", fmt.Sprintf(`UPDATE audit_events SET outcome = 'failed' WHERE id = %d AND outcome <> 'failed'`, es[10].ID), es[8].ID, es[4].ID},
	}
	for _, st := range steps {
		if err := s.ExecRaw(ctx, st.stmt); err != nil {
			t.Fatal(err)
		}
		v := verifyTrail(t, s, false, older, newer)
		if st.resumed == 0 && !v.Intact() || st.resumed != 0 && (v.Break == nil || v.Break.ID != st.resumed) {
			t.Errorf("%s: resumed walk = %+v, want a break at %d (0: intact)", st.name, v.Break, st.resumed)
		}
		if v := verifyTrail(t, s, true, older, newer); v.Break == nil || v.Break.ID != st.fullBreak {
			t.Errorf("%s: full walk = %+v, want a break at %d", st.name, v.Break, st.fullBreak)
		}
	}
}

// testAuditVerifyAcrossGaps spreads the ids over several of the walk's
// runs with gaps between them: ids are not hashed, so the chain is intact,
// and a checkpoint on either side of a gap is found.
func testAuditVerifyAcrossGaps(t *testing.T, s Store) {
	ctx := context.Background()
	const gap = 200000
	es := appendEvents(t, s, 4)
	if s.Dialect() == "postgres" {
		if err := s.ExecRaw(ctx, fmt.Sprintf(`ALTER TABLE audit_events ALTER COLUMN id RESTART WITH %d`, es[3].ID+gap)); err != nil {
			t.Fatal(err)
		}
	} else {
		allowTampering(t, s)
		if err := s.ExecRaw(ctx, fmt.Sprintf(`UPDATE audit_events SET id = id + %d WHERE id = %d`, gap, es[3].ID)); err != nil {
			t.Fatal(err)
		}
	}
	before := checkpointAfter(t, s, t0)
	appendEvents(t, s, 3)
	got, err := s.AuditEvents(ctx, 0, 100)
	if err != nil || len(got) != 7 || got[4].ID < gap {
		t.Fatalf("AuditEvents = %d records, %v; want 7 with a gap of %d", len(got), err, gap)
	}
	after := checkpointAfter(t, s, t0.Add(time.Hour))
	if diff := cmp.Diff(store.AuditCheckpoint{ID: after.ID, At: after.At, Records: 7, HeadID: got[6].ID, HeadHash: got[6].Hash, Full: true}, after); diff != "" {
		t.Errorf("checkpoint (-want +got):\n%s", diff)
	}
	for _, full := range []bool{false, true} {
		if v := verifyTrail(t, s, full, before, after); !v.Intact() || v.Records != 7 {
			t.Errorf("full %t: %+v, want 7 records intact", full, v)
		}
	}
	if v := verifyTrail(t, s, false, before); !v.Intact() || v.Checked != 3 || v.Records != 7 {
		t.Errorf("resumed across the gap: %+v, want 3 checked of 7", v)
	}
}
