package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// fillAudit appends n chained records straight into audit_events, many per
// transaction, bypassing AppendAudit: only to build large trails for
// benchmarks. The records vary like real ones and their hashes are right.
func fillAudit(tb testing.TB, s *Store, n int) {
	tb.Helper()
	ctx := context.Background()
	prev := care.GenesisHash
	var lastID int64
	err := s.w.QueryRowContext(ctx, `SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1`).Scan(&lastID, &prev)
	if err != nil && err != sql.ErrNoRows {
		tb.Fatal(err)
	}
	roles := []care.Role{care.RoleCaseManager, care.RoleProvider, care.RoleFamily, care.RoleAdmin}
	actions := []care.Action{care.ActionRead, care.ActionRead, care.ActionRead, care.ActionUpdate, care.ActionCreate, care.ActionLogin}
	objects := []string{"family", "contact", "task", "care_plan", "member"}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const perTx = 20000
	for done := 0; done < n; {
		err := s.sqlTx(ctx, func(tx *sql.Tx) error {
			stmt, err := tx.PrepareContext(ctx, `INSERT INTO audit_events (at, actor_id, actor_role, family_id,
				object_type, object_id, action, outcome, access_point, authorised, relationship, consent, emergency, prev_hash, hash)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`)
			if err != nil {
				return err
			}
			defer stmt.Close()
			for end := min(done+perTx, n); done < end; done++ {
				i := int(lastID) + done
				e := care.AuditEvent{At: start.Add(time.Duration(i) * 1500 * time.Millisecond).Add(time.Duration(i%1000) * time.Microsecond),
					ActorID: int64(1 + i%500), ActorRole: roles[i%len(roles)], FamilyID: int64(i % 40000),
					ObjectType: objects[i%len(objects)], ObjectID: int64(i % 70000), Action: actions[i%len(actions)],
					Outcome: care.OutcomeSuccess, AccessPoint: "10.0." + strconv.Itoa(i%256) + "." + strconv.Itoa(i%251),
					Authorised: true, Relationship: i%3 != 0, Consent: i%5 != 0, Emergency: i%997 == 0, PrevHash: prev}
				if i%50 == 0 {
					e.Outcome = care.OutcomeDenied
				}
				e.Hash = e.ComputeHash()
				if _, err := stmt.ExecContext(ctx, e.At, e.ActorID, string(e.ActorRole), e.FamilyID, e.ObjectType, e.ObjectID,
					string(e.Action), e.Outcome, e.AccessPoint, e.Authorised, e.Relationship, e.Consent, e.Emergency,
					e.PrevHash, e.Hash); err != nil {
					return err
				}
				prev = e.Hash
			}
			return nil
		})
		if err != nil {
			tb.Fatalf("fillAudit: %v", err)
		}
	}
}

// benchAuditDB opens the SQLite database for the audit benchmarks, filled
// with SPIL_BENCH_AUDIT_RECORDS records (default 200000). With
// SPIL_BENCH_AUDIT_DB the database is kept at that path and reused by later
// runs, since filling millions of records takes minutes.
func benchAuditDB(b *testing.B) *Store {
	b.Helper()
	n := 200000
	if v := os.Getenv("SPIL_BENCH_AUDIT_RECORDS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("SPIL_BENCH_AUDIT_RECORDS: %v", err)
		}
	}
	path := os.Getenv("SPIL_BENCH_AUDIT_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "audit.db")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var have int
	if err := s.w.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have < n {
		start := time.Now()
		fillAudit(b, s, n-have)
		b.Logf("filled %d records in %s", n-have, time.Since(start).Round(time.Millisecond))
	}
	return s
}

// BenchmarkVerifyAuditFull walks the whole trail. Run it at scale with
//
//	SPIL_BENCH_AUDIT_RECORDS=1000000 SPIL_BENCH_AUDIT_DB=/tmp/audit-1m.db \
//	  go test -run '^$' -bench VerifyAuditFull -benchtime 1x ./internal/store
func BenchmarkVerifyAuditFull(b *testing.B) {
	s := benchAuditDB(b)
	ctx := context.Background()
	var n int
	for b.Loop() {
		var brk *ChainBreak
		var err error
		n, brk, err = s.VerifyAudit(ctx)
		if err != nil || brk != nil {
			b.Fatalf("VerifyAudit = %d, %+v, %v", n, brk, err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds()*float64(b.N), "records/s")
}

// BenchmarkVerifyAuditResumed walks only the records after a checkpoint:
// SPIL_BENCH_AUDIT_NEW records (default 5000) appended after the newest
// stored checkpoint, or after a full walk when there is none.
func BenchmarkVerifyAuditResumed(b *testing.B) {
	s := benchAuditDB(b)
	ctx := context.Background()
	fresh := 5000
	if v := os.Getenv("SPIL_BENCH_AUDIT_NEW"); v != "" {
		var err error
		if fresh, err = strconv.Atoi(v); err != nil {
			b.Fatalf("SPIL_BENCH_AUDIT_NEW: %v", err)
		}
	}
	cp, err := s.LatestAuditCheckpoint(ctx, false)
	if care.ErrorCode(err) == care.NotFound {
		v, err := s.VerifyAuditTrail(ctx, VerifyOptions{Full: true})
		if err != nil || !v.Intact() {
			b.Fatalf("VerifyAuditTrail = %+v, %v", v, err)
		}
		c := v.Checkpoint(time.Now())
		cp = &c
	} else if err != nil {
		b.Fatal(err)
	}
	fillAudit(b, s, fresh)
	var v *AuditVerification
	for b.Loop() {
		v, err = s.VerifyAuditTrail(ctx, VerifyOptions{Checkpoints: []AuditCheckpoint{*cp}})
		if err != nil || !v.Intact() {
			b.Fatalf("VerifyAuditTrail = %+v, %v", v, err)
		}
	}
	b.ReportMetric(float64(v.Checked), "records")
}
