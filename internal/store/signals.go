package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// signalScope is what a signal read covers: the families of a
// care.SignalScope, or only some of them (families) when the rest are
// kept from an earlier read.
type signalScope struct {
	care.SignalScope
	families []int64
}

// scopeWhere is the condition that keeps a query to the families in scope,
// on the column col (e.g. "t.family_id"), as parameter $1.
func (s *Store) scopeWhere(scope signalScope, col string) (string, any) {
	switch {
	case scope.families != nil:
		return s.dialect.inFamilies(col, "$1"), s.dialect.familiesArg(scope.families)
	case scope.FamilyID != 0:
		return col + ` = $1`, scope.FamilyID
	}
	return s.dialect.inCaseload(col, "$1"), scope.AccountID
}

// SignalFiles reads what the signal rules need of every family in scope:
// one query per part of the file, never one per family. When the plan was
// made is the first version's time, found by the versions' index: a MIN
// over the versions read every version's content and took half the read.
//
// A family's part of the read is kept (see keptSignals) and given again
// while its file's revision and the day are the same; only the families
// whose file changed are read again. The possible duplicates, which
// other families' changes move, are read every time.
func (s *Store) SignalFiles(ctx context.Context, scope care.SignalScope, today time.Time) ([]care.SignalFile, error) {
	if scope.FamilyID == 0 && scope.AccountID == 0 {
		return nil, fmt.Errorf("store: signal files without a scope")
	}
	today = care.DateOf(today)
	sc := signalScope{SignalScope: scope}
	var rd *signalRead
	var err error
	if s.kept == nil {
		rd, err = s.readSignalFiles(ctx, sc, today)
	} else {
		rd, err = s.keptSignalFiles(ctx, sc, today)
	}
	if err != nil || len(rd.files) == 0 {
		return rd.files, err
	}
	if err := s.signalDuplicates(ctx, sc, today, rd); err != nil {
		return nil, err
	}
	return rd.files, nil
}

// readSignalFiles reads the files in scope, all but the possible
// duplicates.
func (s *Store) readSignalFiles(ctx context.Context, scope signalScope, today time.Time) (*signalRead, error) {
	files, index, err := s.signalFamilies(ctx, scope)
	rd := &signalRead{files: files, index: index}
	if err != nil || len(files) == 0 {
		return rd, err
	}
	for _, part := range []func(context.Context, signalScope, time.Time, *signalRead) error{
		s.signalTasks, s.signalNetwork, s.signalProviders,
		s.signalCoverage, s.signalAids, s.signalStays, s.signalTransfers, s.signalMeetings, s.signalAftercare,
	} {
		if err := part(ctx, scope, today, rd); err != nil {
			return rd, err
		}
	}
	return rd, nil
}

// keptSignalFiles reads the revisions of the files in scope and takes
// every file whose revision and day are those of a kept one from
// s.kept; it reads the others, all at once, and keeps them when the read
// is a read transaction's (one snapshot: the revisions and the files
// agree, and nothing read can be rolled back).
func (s *Store) keptSignalFiles(ctx context.Context, scope signalScope, today time.Time) (*signalRead, error) {
	ids, revisions, err := s.signalRevisions(ctx, scope)
	if err != nil || len(ids) == 0 {
		return &signalRead{}, err
	}
	rd := &signalRead{files: make([]care.SignalFile, len(ids)), index: make(map[int64]int, len(ids))}
	missed := s.kept.take(ids, revisions, today, rd)
	if len(missed) == 0 {
		return rd, nil
	}
	if len(missed) < len(ids) {
		scope = signalScope{families: missed}
	}
	fresh, err := s.readSignalFiles(ctx, scope, today)
	if err != nil {
		return rd, err
	}
	keep := s.tx == readTx
	filled := 0
	for i := range fresh.files {
		f := &fresh.files[i]
		j, ok := rd.index[f.Family.ID]
		if !ok || rd.files[j].Family.ID != 0 {
			continue // not among the revisions read: only outside one snapshot
		}
		rd.files[j] = *f
		filled++
		if keep {
			s.kept.put(f, revisions[j], today)
		}
	}
	if filled < len(missed) {
		// Outside a snapshot a family may have gone between the reads.
		rd.files = slices.DeleteFunc(rd.files, func(f care.SignalFile) bool { return f.Family.ID == 0 })
		clear(rd.index)
		for i := range rd.files {
			rd.index[rd.files[i].Family.ID] = i
		}
	}
	return rd, nil
}

// signalRevisions lists the families in scope, by id, with the revisions
// of their files (0 for a file without one).
func (s *Store) signalRevisions(ctx context.Context, scope signalScope) (ids, revisions []int64, err error) {
	where, arg := s.scopeWhere(scope, "f.id")
	var id, rev int64
	err = s.eachRow(ctx, `SELECT f.id, COALESCE(r.revision, 0) FROM families f LEFT JOIN file_revisions r ON r.family_id = f.id
		WHERE `+where+` ORDER BY f.id /* Store.SignalFiles */`, []any{arg}, func(rows *sql.Rows) error {
		if err := rows.Scan(&id, &rev); err != nil {
			return err
		}
		ids, revisions = append(ids, id), append(revisions, rev)
		return nil
	})
	return ids, revisions, err
}

// signalRead is the files of one SignalFiles read, by family id.
type signalRead struct {
	files []care.SignalFile
	index map[int64]int
}

// at is the file of the family, or nil.
func (rd *signalRead) at(familyID int64) *care.SignalFile {
	if i, ok := rd.index[familyID]; ok {
		return &rd.files[i]
	}
	return nil
}

// any reports whether a file, as read so far, passes ok.
func (rd *signalRead) any(ok func(*care.SignalFile) bool) bool {
	for i := range rd.files {
		if ok(&rd.files[i]) {
			return true
		}
	}
	return false
}

// eachFamily gives each family's file its run of rows, read in order of
// family, through set; a run cannot grow into the next one.
func eachFamily[T any](rd *signalRead, rows []T, family func(*T) int64, set func(*care.SignalFile, []T)) {
	for start := 0; start < len(rows); {
		id, end := family(&rows[start]), start+1
		for end < len(rows) && family(&rows[end]) == id {
			end++
		}
		if f := rd.at(id); f != nil {
			set(f, rows[start:end:end])
		}
		start = end
	}
}

// rowScratch keeps slices that a read's rows are scanned into before they
// are copied into one slice of their length: a caseload's rows are not
// counted beforehand (counting the tasks with a window function doubled
// that query's time on PostgreSQL), and growing the result row by row
// allocated it about twice over.
type rowScratch[T any] struct{ pool sync.Pool }

// get is an empty scratch slice.
func (p *rowScratch[T]) get() *[]T {
	if s, ok := p.pool.Get().(*[]T); ok {
		return s
	}
	return new([]T)
}

// keep copies the rows in s into a slice of their length and puts s back,
// cleared, so that it holds on to nothing it was given.
func (p *rowScratch[T]) keep(s *[]T) []T {
	var out []T
	if len(*s) > 0 {
		out = make([]T, len(*s))
		copy(out, *s)
	}
	clear(*s)
	*s = (*s)[:0]
	p.pool.Put(s)
	return out
}

var (
	taskScratch     rowScratch[care.Task]
	memberScratch   rowScratch[care.NetworkMember]
	coverageScratch rowScratch[care.CoverageItem]
	periodScratch   rowScratch[care.CoveragePeriod]
)

// eachRow runs a query and scans every row with scan. The signal read's
// parts declare what a row is scanned into once per query, outside scan:
// a value whose address goes to Scan is allocated where it is declared.
func (s *Store) eachRow(ctx context.Context, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := s.rq.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *Store) signalFamilies(ctx context.Context, scope signalScope) ([]care.SignalFile, map[int64]int, error) {
	where, arg := s.scopeWhere(scope, "f.id")
	// The files in one slice, allocated once: every row says how many
	// there are (n). What is scanned is declared once, not per row.
	var files []care.SignalFile
	var index map[int64]int
	var n int64
	var sf care.SignalFile
	var next, statusDate, review, discussed sql.NullTime
	var firstPlan, lastContact aggregateTime
	var status, surprise, place sql.NullString
	var transition, kct, thuis sql.NullInt64
	err := s.eachRow(ctx, `SELECT COUNT(*) OVER (), f.id, f.organisation_id, f.child_name, f.birth_date, f.unborn, f.intensity, f.next_contact,
			f.deceased, f.created_at, e.status, e.status_date, e.surprise_question, p.review_due, p.discussed_on, p.place_of_death,
			(SELECT v.saved_at FROM care_plan_versions v WHERE v.family_id = f.id ORDER BY v.version LIMIT 1),
			(SELECT MAX(c.contact_date) FROM contacts c WHERE c.family_id = f.id),
			tr.family_id,
			(SELECT m.account_id FROM case_managers m WHERE m.family_id = f.id AND m.kind = 'kct'),
			(SELECT m.account_id FROM case_managers m WHERE m.family_id = f.id AND m.kind = 'thuis')
		FROM families f LEFT JOIN episodes e ON e.family_id = f.id LEFT JOIN care_plans p ON p.family_id = f.id
			LEFT JOIN transitions tr ON tr.family_id = f.id
		WHERE `+where+` ORDER BY f.id /* Store.SignalFiles */`, []any{arg}, func(rows *sql.Rows) error {
		sf = care.SignalFile{}
		f := &sf.Family
		if err := rows.Scan(&n, &f.ID, &f.OrganisationID, &f.ChildName, &f.BirthDate, &f.Unborn, &f.Intensity, &next,
			&f.Deceased, &f.CreatedAt, &status, &statusDate, &surprise, &review, &discussed, &place, &firstPlan, &lastContact,
			&transition, &kct, &thuis); err != nil {
			return err
		}
		f.BirthDate, f.CreatedAt, f.NextContact = f.BirthDate.UTC(), f.CreatedAt.UTC(), fromNull(next)
		if status.Valid {
			sf.Episode = &care.Episode{FamilyID: f.ID, Status: status.String, StatusDate: fromNull(statusDate),
				SurpriseQuestion: surprise.String}
		}
		if review.Valid {
			sf.Plan = &care.SignalPlan{ReviewDue: fromNull(review), DiscussedOn: fromNull(discussed),
				CreatedOn: care.DateOf(firstPlan.Time), PlaceOfDeath: place.String}
		}
		sf.LastContact, sf.TransitionAccepted = lastContact.Time, transition.Valid
		sf.CaseManagers.KCT.AccountID, sf.CaseManagers.Thuis.AccountID = kct.Int64, thuis.Int64
		if files == nil {
			files, index = make([]care.SignalFile, 0, n), make(map[int64]int, n)
		}
		index[f.ID] = len(files)
		files = append(files, sf)
		return nil
	})
	if index == nil {
		index = map[int64]int{}
	}
	return files, index, err
}

// signalTasks reads the open tasks due before a week from today: the
// overdue ones for the rules, the rest for the dashboard's week.
func (s *Store) signalTasks(ctx context.Context, scope signalScope, today time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "t.family_id")
	// One slice for the caseload's tasks, read family by family, each
	// family's file holding its own run of it.
	scratch := taskScratch.get()
	err := s.eachRow(ctx, `SELECT t.id, t.family_id, t.title, t.owner_kind, t.owner_name, COALESCE(t.network_member_id, 0),
			COALESCE(t.owner_account_id, 0), COALESCE(t.owner_member_id, 0), t.due_date
		FROM tasks t WHERE `+where+` AND t.status = 'open' AND t.due_date < $2 ORDER BY t.family_id, t.due_date, t.id /* Store.SignalFiles */`,
		[]any{arg, today.AddDate(0, 0, care.SignalTaskDays)}, func(rows *sql.Rows) error {
			*scratch = append(*scratch, care.Task{Status: "open"})
			t := &(*scratch)[len(*scratch)-1]
			if err := rows.Scan(&t.ID, &t.FamilyID, &t.Title, &t.OwnerKind, &t.OwnerName, &t.NetworkMemberID,
				&t.OwnerAccountID, &t.OwnerMemberID, &t.DueDate); err != nil {
				return err
			}
			t.DueDate = t.DueDate.UTC()
			return nil
		})
	eachFamily(rd, taskScratch.keep(scratch), func(t *care.Task) int64 { return t.FamilyID },
		func(f *care.SignalFile, run []care.Task) { f.Tasks = run })
	return err
}

// signalNetwork reads the network members involved today, in one slice
// family by family, as the tasks.
func (s *Store) signalNetwork(ctx context.Context, scope signalScope, today time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "n.family_id")
	scratch := memberScratch.get()
	err := s.eachRow(ctx, `SELECT n.id, n.family_id, n.name, n.role, n.always_reachable FROM network_members n
		WHERE `+where+` AND (n.started_on IS NULL OR n.started_on <= $2) AND (n.ended_on IS NULL OR n.ended_on >= $2)
		ORDER BY n.family_id, n.id /* Store.SignalFiles */`, []any{arg, today}, func(rows *sql.Rows) error {
		*scratch = append(*scratch, care.NetworkMember{})
		n := &(*scratch)[len(*scratch)-1]
		return rows.Scan(&n.ID, &n.FamilyID, &n.Name, &n.Role, &n.AlwaysReachable)
	})
	eachFamily(rd, memberScratch.keep(scratch), func(n *care.NetworkMember) int64 { return n.FamilyID },
		func(f *care.SignalFile, run []care.NetworkMember) { f.Network = run })
	return err
}

// signalProviders reads the providers with an account on the file and
// every consent record of the families in scope.
func (s *Store) signalProviders(ctx context.Context, scope signalScope, _ time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "fa.family_id")
	var id int64
	var p care.ProviderLink
	err := s.eachRow(ctx, `SELECT fa.family_id, n.id, n.name FROM family_accounts fa
			JOIN network_members n ON n.id = fa.network_member_id AND n.family_id = fa.family_id
		WHERE `+where+` AND fa.kind = 'provider' AND n.ended_on IS NULL ORDER BY n.id /* Store.SignalFiles */`,
		[]any{arg}, func(rows *sql.Rows) error {
			p = care.ProviderLink{}
			if err := rows.Scan(&id, &p.NetworkMemberID, &p.Name); err != nil {
				return err
			}
			if f := rd.at(id); f != nil {
				f.Providers = append(f.Providers, p)
			}
			return nil
		})
	if err != nil {
		return err
	}
	if !rd.any(func(f *care.SignalFile) bool { return len(f.Providers) > 0 }) {
		return nil
	}
	where, arg = s.scopeWhere(scope, "c.family_id")
	var r care.ConsentRecord
	return s.eachRow(ctx, `SELECT c.family_id, c.network_member_id, c.given_by, c.giver_kind, c.granted, c.scope, c.at
		FROM consents c WHERE `+where+` ORDER BY c.at, c.id /* Store.SignalFiles */`, []any{arg}, func(rows *sql.Rows) error {
		r = care.ConsentRecord{}
		if err := rows.Scan(&r.FamilyID, &r.NetworkMemberID, &r.GivenBy.AccountID, &r.GiverKind, &r.Granted, &r.Scope, &r.At); err != nil {
			return err
		}
		r.At = r.At.UTC()
		if f := rd.at(r.FamilyID); f != nil {
			for i := range f.Providers {
				if f.Providers[i].NetworkMemberID == r.NetworkMemberID {
					f.Providers[i].Records = append(f.Providers[i].Records, r)
				}
			}
		}
		return nil
	})
}

// signalCoverage reads the current period of every coverage item: the
// items in one slice, family by family, each family's file holding its
// own run of it; their periods share one slice too.
func (s *Store) signalCoverage(ctx context.Context, scope signalScope, _ time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "family_id")
	items, periods := coverageScratch.get(), periodScratch.get()
	var start, end, due sql.NullTime
	err := s.eachRow(ctx, `SELECT p.id, p.item_id, p.family_id, p.law, p.status, p.start_on, p.end_on, p.objection_due, i.kind, i.applicant
		FROM coverage_periods p JOIN (SELECT MAX(id) AS id FROM coverage_periods WHERE `+where+` GROUP BY item_id) cur ON cur.id = p.id
			JOIN coverage_items i ON i.id = p.item_id AND i.family_id = p.family_id
		ORDER BY p.family_id, p.item_id /* Store.SignalFiles */`, []any{arg}, func(rows *sql.Rows) error {
		*items, *periods = append(*items, care.CoverageItem{}), append(*periods, care.CoveragePeriod{})
		c, p := &(*items)[len(*items)-1], &(*periods)[len(*periods)-1]
		if err := rows.Scan(&p.ID, &p.ItemID, &p.FamilyID, &p.Law, &p.Status, &start, &end, &due, &c.Kind, &c.Applicant); err != nil {
			return err
		}
		p.Start, p.End, p.ObjectionDue = fromNull(start), fromNull(end), fromNull(due)
		c.ID, c.FamilyID = p.ItemID, p.FamilyID
		return nil
	})
	all, current := coverageScratch.keep(items), periodScratch.keep(periods)
	for i := range all {
		all[i].Periods = current[i : i+1 : i+1]
	}
	eachFamily(rd, all, func(c *care.CoverageItem) int64 { return c.FamilyID },
		func(f *care.SignalFile, run []care.CoverageItem) { f.Coverage = run })
	return err
}

// signalAids reads the aids still waiting.
func (s *Store) signalAids(ctx context.Context, scope signalScope, _ time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "x.family_id")
	var x care.Aid
	return s.eachRow(ctx, `SELECT x.id, x.family_id, x.kind, x.status, x.requested_on FROM aids x
		WHERE `+where+` AND x.status NOT IN ('delivered', 'refused', 'cancelled') ORDER BY x.id /* Store.SignalFiles */`,
		[]any{arg}, func(rows *sql.Rows) error {
			x = care.Aid{}
			if err := rows.Scan(&x.ID, &x.FamilyID, &x.Kind, &x.Status, &x.Requested); err != nil {
				return err
			}
			x.Requested = x.Requested.UTC()
			if f := rd.at(x.FamilyID); f != nil {
				f.Aids = append(f.Aids, x)
			}
			return nil
		})
}

// signalStays reads where each child is today.
func (s *Store) signalStays(ctx context.Context, scope signalScope, today time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "st.family_id")
	return s.eachRow(ctx, `SELECT st.id, st.family_id, st.kind, st.place, st.start_on, st.end_on FROM stays st
		WHERE `+where+` AND st.start_on <= $2 AND (st.end_on IS NULL OR st.end_on > $2) /* Store.SignalFiles */`,
		[]any{arg, today}, func(rows *sql.Rows) error {
			var st care.Stay
			var end sql.NullTime
			if err := rows.Scan(&st.ID, &st.FamilyID, &st.Kind, &st.Place, &st.Start, &end); err != nil {
				return err
			}
			st.Start, st.End = st.Start.UTC(), fromNull(end)
			if f := rd.at(st.FamilyID); f != nil {
				f.Stay = &st
			}
			return nil
		})
}

func (s *Store) signalTransfers(ctx context.Context, scope signalScope, _ time.Time, rd *signalRead) error {
	// Only an admitted child's planned transfer counts for a rule.
	if !rd.any(func(f *care.SignalFile) bool { return f.Stay != nil && f.Stay.Hospital() }) {
		return nil
	}
	where, arg := s.scopeWhere(scope, "t.family_id")
	var t care.Transfer
	return s.eachRow(ctx, `SELECT t.id, t.family_id, t.planned_on, t.status FROM transfers t
		WHERE `+where+` AND t.status = 'planned' /* Store.SignalFiles */`, []any{arg}, func(rows *sql.Rows) error {
		t = care.Transfer{}
		if err := rows.Scan(&t.ID, &t.FamilyID, &t.PlannedOn, &t.Status); err != nil {
			return err
		}
		t.PlannedOn = t.PlannedOn.UTC()
		if f := rd.at(t.FamilyID); f != nil {
			f.Transfers = append(f.Transfers, t)
		}
		return nil
	})
}

// signalMeetings reads the meetings held without minutes.
func (s *Store) signalMeetings(ctx context.Context, scope signalScope, today time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "m.family_id")
	var m care.Meeting
	return s.eachRow(ctx, `SELECT m.id, m.family_id, m.starts_at FROM meetings m
		WHERE `+where+` AND m.minutes = '' AND m.starts_at < $2 ORDER BY m.starts_at /* Store.SignalFiles */`,
		[]any{arg, today}, func(rows *sql.Rows) error {
			m = care.Meeting{}
			if err := rows.Scan(&m.ID, &m.FamilyID, &m.Start); err != nil {
				return err
			}
			m.Start = m.Start.UTC()
			if f := rd.at(m.FamilyID); f != nil {
				f.UnreportedMeetings = append(f.UnreportedMeetings, m)
			}
			return nil
		})
}

// signalAftercare reads the follow-up contacts not yet done of the
// deceased children's families in scope.
func (s *Store) signalAftercare(ctx context.Context, scope signalScope, _ time.Time, rd *signalRead) error {
	if !rd.any(func(f *care.SignalFile) bool { return f.Family.Deceased }) {
		return nil
	}
	where, arg := s.scopeWhere(scope, "c.family_id")
	var a care.AftercareFollowUp
	var id int64
	return s.eachRow(ctx, `SELECT c.id, c.family_id, c.due_on FROM aftercare_contacts c
		WHERE `+where+` AND c.done_on IS NULL ORDER BY c.due_on, c.id /* Store.SignalFiles */`, []any{arg}, func(rows *sql.Rows) error {
		a = care.AftercareFollowUp{}
		if err := rows.Scan(&a.ID, &id, &a.Due); err != nil {
			return err
		}
		a.Due = a.Due.UTC()
		if f := rd.at(id); f != nil {
			f.Aftercare = append(f.Aftercare, a)
		}
		return nil
	})
}

// signalDuplicates reads, for each family in scope, the organisation's
// other families born on the same day (their id and child's name only).
func (s *Store) signalDuplicates(ctx context.Context, scope signalScope, _ time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "f.id")
	var id int64
	var d care.CaseloadItem
	return s.eachRow(ctx, `SELECT f.id, g.id, g.child_name FROM families f
			JOIN families g ON g.organisation_id = f.organisation_id AND g.birth_date = f.birth_date AND g.id <> f.id
		WHERE `+where+` AND NOT f.unborn AND NOT g.unborn /* Store.SignalFiles */`, []any{arg}, func(rows *sql.Rows) error {
		d = care.CaseloadItem{}
		if err := rows.Scan(&id, &d.FamilyID, &d.ChildName); err != nil {
			return err
		}
		if f := rd.at(id); f != nil {
			f.Duplicates = append(f.Duplicates, d)
		}
		return nil
	})
}

// SignalAcks lists the acknowledgements of the families in scope.
func (s *Store) SignalAcks(ctx context.Context, scope care.SignalScope) ([]care.SignalAck, error) {
	where, arg := s.scopeWhere(signalScope{SignalScope: scope}, "k.family_id")
	var out []care.SignalAck
	var k care.SignalAck
	var until sql.NullTime
	err := s.eachRow(ctx, `SELECT k.family_id, k.signal_id, k.kind, k.cause, k.snooze_until, k.reason, k.acked_at, a.id, a.name
		FROM signal_acks k JOIN accounts a ON a.id = k.acked_by WHERE `+where+` ORDER BY k.family_id, k.signal_id /* Store.SignalAcks */`,
		[]any{arg}, func(rows *sql.Rows) error {
			k = care.SignalAck{}
			if err := rows.Scan(&k.FamilyID, &k.SignalID, &k.Kind, &k.Cause, &until, &k.Reason, &k.At, &k.By.AccountID, &k.By.Name); err != nil {
				return err
			}
			k.Until, k.At = fromNull(until), k.At.UTC()
			out = append(out, k)
			return nil
		})
	return out, err
}

// SaveSignalAck stores the acknowledgement, replacing the signal's last one.
func (s *Store) SaveSignalAck(ctx context.Context, a *care.SignalAck) error {
	if a.FamilyID == 0 || a.SignalID == "" {
		return errors.New("store: acknowledgement without a family or a signal")
	}
	_, err := s.q.ExecContext(ctx, `INSERT INTO signal_acks (family_id, signal_id, kind, cause, snooze_until, reason, acked_at, acked_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (family_id, signal_id) DO UPDATE SET kind = excluded.kind, cause = excluded.cause,
			snooze_until = excluded.snooze_until, reason = excluded.reason, acked_at = excluded.acked_at, acked_by = excluded.acked_by
		/* Store.SaveSignalAck */`, a.FamilyID, a.SignalID, a.Kind, a.Cause, nullDate(a.Until), a.Reason, a.At.UTC(), a.By.AccountID)
	return err
}

// SignalSettings reads the organisation's window and days between contacts.
func (s *Store) SignalSettings(ctx context.Context, organisationID int64) (care.SignalSettings, error) {
	set := care.DefaultSignalSettings()
	var in, reg, wk int
	err := s.rq.QueryRowContext(ctx, `SELECT coverage_window_weeks, contact_days_intensive, contact_days_regular, contact_days_waakvlam
		FROM organisations WHERE id = $1 /* Store.SignalSettings */`, organisationID).Scan(&set.WindowWeeks, &in, &reg, &wk)
	if errors.Is(err, sql.ErrNoRows) {
		return set, nil
	}
	set.ContactDays = map[care.Intensity]int{care.Intensive: in, care.Regular: reg, care.Waakvlam: wk}
	return set, err
}

// SetContactDays sets the organisation's days between contacts.
func (s *Store) SetContactDays(ctx context.Context, organisationID int64, days map[care.Intensity]int) error {
	res, err := s.q.ExecContext(ctx, `UPDATE organisations SET contact_days_intensive = $2, contact_days_regular = $3,
		contact_days_waakvlam = $4 WHERE id = $1 /* Store.SetContactDays */`,
		organisationID, days[care.Intensive], days[care.Regular], days[care.Waakvlam])
	return oneRow(res, err, "organisation")
}
