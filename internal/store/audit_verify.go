package store

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// VerifyOptions says how VerifyAuditTrail walks the audit trail.
type VerifyOptions struct {
	// Checkpoints are earlier verifications to hold the trail against: the
	// latest one in the database and any kept elsewhere.
	Checkpoints []AuditCheckpoint
	// Full walks every record. Otherwise the walk resumes at the newest
	// checkpoint: it checks that the checkpoints' last records are still
	// there, unchanged, and walks only the records after the newest one.
	Full bool
}

// AuditVerification is what one walk over the audit trail found.
type AuditVerification struct {
	Records  int64            // records in the trail; a resumed walk counts those before its checkpoint as the checkpoint did
	Checked  int64            // records this walk checked; with a Break, up to and including the broken one
	HeadID   int64            // the trail's last record; 0 for an empty trail
	HeadHash string           // its hash; care.GenesisHash for an empty trail
	Resumed  *AuditCheckpoint // the checkpoint the walk resumed at; nil for a full walk
	// Break is the first record whose hash does not follow; nil when none.
	Break *ChainBreak
	// Mismatch is a checkpoint the trail no longer matches; nil when it
	// matches all of them.
	Mismatch *CheckpointMismatch
}

// Intact says whether the walk found the trail complete and unchanged.
func (v *AuditVerification) Intact() bool { return v.Break == nil && v.Mismatch == nil }

// Checkpoint is what this verification saw, as a checkpoint made at at.
func (v *AuditVerification) Checkpoint(at time.Time) AuditCheckpoint {
	return AuditCheckpoint{At: at.UTC(), Records: v.Records, HeadID: v.HeadID, HeadHash: v.HeadHash, Full: v.Resumed == nil}
}

// VerifyAuditTrail walks the audit trail, or with a checkpoint and without
// opts.Full the part after the newest checkpoint, and holds it against
// opts.Checkpoints.
//
// Each record's hash depends only on its own fields and the previous hash,
// which is stored with it, so the records are read and hashed in runs of
// ids by several workers at once; the runs are joined in order, so the
// first break is found as a walk from the start would find it.
func (s *Store) VerifyAuditTrail(ctx context.Context, opts VerifyOptions) (*AuditVerification, error) {
	q := s.q
	last, err := lastAudit(ctx, q)
	if err != nil {
		return nil, err
	}
	v := &AuditVerification{HeadHash: care.GenesisHash}
	after, prev := int64(0), care.GenesisHash
	if !opts.Full && len(opts.Checkpoints) > 0 {
		if v.Mismatch, err = checkHeads(ctx, q, last, opts.Checkpoints); err != nil || v.Mismatch != nil {
			return v, err
		}
		from := newestCheckpoint(opts.Checkpoints)
		v.Resumed = &from
		v.Records, v.HeadID, v.HeadHash = from.Records, from.HeadID, from.HeadHash
		after, prev = from.HeadID, from.HeadHash
		if from.HeadID > 0 {
			// The checkpoint's own record must still match its content.
			w, err := s.walkAudit(ctx, from.HeadID-1, "", from.HeadID, nil)
			if err != nil {
				return nil, err
			}
			if w.brk != nil {
				v.Break, v.Checked = w.brk, 1
				return v, nil
			}
		}
	}
	var marks []int64
	if opts.Full {
		for _, cp := range opts.Checkpoints {
			marks = append(marks, cp.HeadID)
		}
	}
	w, err := s.walkAudit(ctx, after, prev, last.id, marks)
	if err != nil {
		return nil, err
	}
	v.Checked = w.count
	if w.brk != nil {
		v.Break = w.brk
		return v, nil
	}
	v.Records += w.count
	if w.count > 0 {
		v.HeadID, v.HeadHash = w.lastID, w.lastHash
	}
	if opts.Full {
		v.Mismatch = matchMarks(opts.Checkpoints, last, w.marks)
	}
	return v, nil
}

// newestCheckpoint is the checkpoint that saw the most of the trail.
func newestCheckpoint(cps []AuditCheckpoint) AuditCheckpoint {
	return slices.MaxFunc(cps, func(a, b AuditCheckpoint) int {
		return cmp.Or(cmp.Compare(a.HeadID, b.HeadID), a.At.Compare(b.At))
	})
}

// matchMarks holds each checkpoint against what a full walk saw at its
// last record.
func matchMarks(cps []AuditCheckpoint, last auditHead, marks map[int64]walkMark) *CheckpointMismatch {
	for _, cp := range cps {
		if cp.HeadID == 0 {
			continue
		}
		m := &CheckpointMismatch{Checkpoint: cp, LastID: last.id, LastHash: last.hash}
		mk, ok := marks[cp.HeadID]
		if ok {
			m.HeadHash, m.Position = mk.hash, mk.position
		}
		if !ok || mk.hash != cp.HeadHash || mk.position != cp.Records {
			return m
		}
	}
	return nil
}

// auditChunk is how many ids one query of the walk covers; a variable so
// that tests can walk small trails in many runs.
var auditChunk int64 = 1 << 15

// walkResult is what walkAudit found.
type walkResult struct {
	count    int64 // records walked; with brk, up to and including the broken one
	lastID   int64
	lastHash string
	brk      *ChainBreak
	marks    map[int64]walkMark // by id: the records named in walkAudit's marks that exist
}

// walkMark is one record a full walk was asked to note.
type walkMark struct {
	position int64 // records up to and including it
	hash     string
}

// chunkResult is one run of records, checked on its own: each record's
// content against its hash, and each link but the one into the run.
type chunkResult struct {
	index     int
	count     int64
	firstID   int64  // the run's first record
	firstPrev string // and its PrevHash
	lastID    int64
	lastHash  string
	brk       *ChainBreak // the first break inside the run; the walk stops there
	err       error
}

// Why a record breaks the chain.
const (
	reasonLink    = "its previous hash does not match the record before it (a record was removed or changed)"
	reasonContent = "its content does not match its hash (the record was changed)"
)

// walkAudit checks the records with ids in (after, upto], the first of
// which must follow prev ("" checks no link into the first record). The
// runs end at each id in marks, so the walk can note those records.
func (s *Store) walkAudit(ctx context.Context, after int64, prev string, upto int64, marks []int64) (walkResult, error) {
	res := walkResult{marks: map[int64]walkMark{}}
	bounds := []int64{after}
	for b := after + auditChunk; b < upto; b += auditChunk {
		bounds = append(bounds, b)
	}
	for _, m := range marks {
		if m > after && m < upto {
			bounds = append(bounds, m)
		}
	}
	if upto > after {
		bounds = append(bounds, upto)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	chunks := len(bounds) - 1
	if chunks <= 0 {
		return res, nil
	}
	isMark := map[int64]bool{}
	for _, m := range marks {
		isMark[m] = true
	}

	// Inside a transaction there is one connection; otherwise each worker
	// reads on its own.
	q, workers := s.rq, min(max(runtime.GOMAXPROCS(0), 2), 8, chunks)
	if s.tx != noTx {
		workers = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	results := make(chan chunkResult, workers)
	go func() {
		defer close(jobs)
		for i := range chunks {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				r := verifyChunk(ctx, q, bounds[i], bounds[i+1])
				r.index = i
				results <- r
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	defer func() {
		cancel()
		for range results {
		}
	}()

	// Join the runs in order.
	pending := map[int]chunkResult{}
	next := 0
	for r := range results {
		pending[r.index] = r
		for {
			c, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if c.err != nil {
				return res, c.err
			}
			if c.count == 0 {
				continue
			}
			if prev != "" && c.firstPrev != prev {
				res.count++
				res.brk = &ChainBreak{ID: c.firstID, Reason: reasonLink}
				return res, nil
			}
			res.count += c.count
			if c.brk != nil {
				res.brk = c.brk
				return res, nil
			}
			prev, res.lastID, res.lastHash = c.lastHash, c.lastID, c.lastHash
			if end := bounds[c.index+1]; isMark[end] && c.lastID == end {
				res.marks[end] = walkMark{position: res.count, hash: c.lastHash}
			}
		}
	}
	if next < chunks {
		return res, fmt.Errorf("store: verify audit: %w", context.Cause(ctx))
	}
	return res, nil
}

// verifyChunk reads the records with ids in (lo, hi] and checks them.
func verifyChunk(ctx context.Context, q queryer, lo, hi int64) (r chunkResult) {
	rows, err := q.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_events WHERE id > $1 AND id <= $2 ORDER BY id /* Store.verifyChunk */`, lo, hi)
	if err != nil {
		r.err = fmt.Errorf("store: verify audit: %w", err)
		return r
	}
	defer rows.Close()
	var (
		e              care.AuditEvent
		role, action   string
		prevHash, hash string
	)
	for rows.Next() {
		// Roles and actions are scanned as plain strings: database/sql
		// converts named string types by reflection, which shows at scale.
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &role, &e.FamilyID, &e.ObjectType, &e.ObjectID, &action,
			&e.Outcome, &e.AccessPoint, &e.Authorised, &e.Relationship, &e.Consent, &e.Emergency, &e.PrevHash, &hash); err != nil {
			r.err = fmt.Errorf("store: verify audit: %w", err)
			return r
		}
		e.ActorRole, e.Action = care.Role(role), care.Action(action)
		r.count++
		if r.count == 1 {
			r.firstID, r.firstPrev = e.ID, e.PrevHash
		} else if e.PrevHash != prevHash {
			r.brk = &ChainBreak{ID: e.ID, Reason: reasonLink}
			return r
		}
		if e.ComputeHash() != hash {
			r.brk = &ChainBreak{ID: e.ID, Reason: reasonContent}
			return r
		}
		prevHash, r.lastID, r.lastHash = hash, e.ID, hash
	}
	if err := rows.Err(); err != nil {
		r.err = fmt.Errorf("store: verify audit: %w", err)
	}
	return r
}
