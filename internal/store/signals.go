package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// scopeWhere is the condition that keeps a query to the families in scope,
// on the column col (e.g. "t.family_id"), as parameter $1.
func (s *Store) scopeWhere(scope care.SignalScope, col string) (string, int64) {
	if scope.FamilyID != 0 {
		return col + ` = $1`, scope.FamilyID
	}
	return s.dialect.inCaseload(col, "$1"), scope.AccountID
}

// SignalFiles reads what the signal rules need of every family in scope:
// one query per part of the file, never one per family. When the plan was
// made is the first version's time, found by the versions' index: a MIN
// over the versions read every version's content and took half the read.
func (s *Store) SignalFiles(ctx context.Context, scope care.SignalScope, today time.Time) ([]care.SignalFile, error) {
	if scope.FamilyID == 0 && scope.AccountID == 0 {
		return nil, fmt.Errorf("store: signal files without a scope")
	}
	today = care.DateOf(today)
	files, index, err := s.signalFamilies(ctx, scope)
	if err != nil || len(files) == 0 {
		return files, err
	}
	rd := &signalRead{files: files, index: index}
	for _, part := range []func(context.Context, care.SignalScope, time.Time, *signalRead) error{
		s.signalTasks, s.signalNetwork, s.signalProviders,
		s.signalCoverage, s.signalAids, s.signalStays, s.signalTransfers, s.signalMeetings, s.signalAftercare, s.signalDuplicates,
	} {
		if err := part(ctx, scope, today, rd); err != nil {
			return nil, err
		}
	}
	return files, nil
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

func (s *Store) signalFamilies(ctx context.Context, scope care.SignalScope) ([]care.SignalFile, map[int64]int, error) {
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
func (s *Store) signalTasks(ctx context.Context, scope care.SignalScope, today time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "t.family_id")
	// One slice for the caseload's tasks, read family by family, each
	// family's file holding its own run of it. (Counting them first with
	// a window function, to allocate the slice once, doubled the query's
	// time on PostgreSQL.)
	var all []care.Task
	err := s.eachRow(ctx, `SELECT t.id, t.family_id, t.title, t.owner_kind, t.owner_name, COALESCE(t.network_member_id, 0),
			COALESCE(t.owner_account_id, 0), COALESCE(t.owner_member_id, 0), t.due_date
		FROM tasks t WHERE `+where+` AND t.status = 'open' AND t.due_date < $2 ORDER BY t.family_id, t.due_date, t.id /* Store.SignalFiles */`,
		[]any{arg, today.AddDate(0, 0, care.SignalTaskDays)}, func(rows *sql.Rows) error {
			all = append(all, care.Task{Status: "open"})
			t := &all[len(all)-1]
			if err := rows.Scan(&t.ID, &t.FamilyID, &t.Title, &t.OwnerKind, &t.OwnerName, &t.NetworkMemberID,
				&t.OwnerAccountID, &t.OwnerMemberID, &t.DueDate); err != nil {
				return err
			}
			t.DueDate = t.DueDate.UTC()
			return nil
		})
	eachFamily(rd, all, func(t *care.Task) int64 { return t.FamilyID },
		func(f *care.SignalFile, run []care.Task) { f.Tasks = run })
	return err
}

// signalNetwork reads the network members involved today.
func (s *Store) signalNetwork(ctx context.Context, scope care.SignalScope, today time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "n.family_id")
	var n care.NetworkMember
	return s.eachRow(ctx, `SELECT n.id, n.family_id, n.name, n.role, n.always_reachable FROM network_members n
		WHERE `+where+` AND (n.started_on IS NULL OR n.started_on <= $2) AND (n.ended_on IS NULL OR n.ended_on >= $2)
		ORDER BY n.id /* Store.SignalFiles */`, []any{arg, today}, func(rows *sql.Rows) error {
		n = care.NetworkMember{}
		if err := rows.Scan(&n.ID, &n.FamilyID, &n.Name, &n.Role, &n.AlwaysReachable); err != nil {
			return err
		}
		if f := rd.at(n.FamilyID); f != nil {
			f.Network = append(f.Network, n)
		}
		return nil
	})
}

// signalProviders reads the providers with an account on the file and
// every consent record of the families in scope.
func (s *Store) signalProviders(ctx context.Context, scope care.SignalScope, _ time.Time, rd *signalRead) error {
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
// own run of it.
func (s *Store) signalCoverage(ctx context.Context, scope care.SignalScope, _ time.Time, rd *signalRead) error {
	where, arg := s.scopeWhere(scope, "family_id")
	var items []care.CoverageItem
	var start, end, due sql.NullTime
	err := s.eachRow(ctx, `SELECT p.id, p.item_id, p.family_id, p.law, p.status, p.start_on, p.end_on, p.objection_due, i.kind, i.applicant
		FROM coverage_periods p JOIN (SELECT MAX(id) AS id FROM coverage_periods WHERE `+where+` GROUP BY item_id) cur ON cur.id = p.id
			JOIN coverage_items i ON i.id = p.item_id AND i.family_id = p.family_id
		ORDER BY p.family_id, p.item_id /* Store.SignalFiles */`, []any{arg}, func(rows *sql.Rows) error {
		items = append(items, care.CoverageItem{Periods: make([]care.CoveragePeriod, 1)})
		c := &items[len(items)-1]
		p := &c.Periods[0]
		if err := rows.Scan(&p.ID, &p.ItemID, &p.FamilyID, &p.Law, &p.Status, &start, &end, &due, &c.Kind, &c.Applicant); err != nil {
			return err
		}
		p.Start, p.End, p.ObjectionDue = fromNull(start), fromNull(end), fromNull(due)
		c.ID, c.FamilyID = p.ItemID, p.FamilyID
		return nil
	})
	eachFamily(rd, items, func(c *care.CoverageItem) int64 { return c.FamilyID },
		func(f *care.SignalFile, run []care.CoverageItem) { f.Coverage = run })
	return err
}

// signalAids reads the aids still waiting.
func (s *Store) signalAids(ctx context.Context, scope care.SignalScope, _ time.Time, rd *signalRead) error {
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
func (s *Store) signalStays(ctx context.Context, scope care.SignalScope, today time.Time, rd *signalRead) error {
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

func (s *Store) signalTransfers(ctx context.Context, scope care.SignalScope, _ time.Time, rd *signalRead) error {
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
func (s *Store) signalMeetings(ctx context.Context, scope care.SignalScope, today time.Time, rd *signalRead) error {
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
func (s *Store) signalAftercare(ctx context.Context, scope care.SignalScope, _ time.Time, rd *signalRead) error {
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
func (s *Store) signalDuplicates(ctx context.Context, scope care.SignalScope, _ time.Time, rd *signalRead) error {
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
	where, arg := s.scopeWhere(scope, "k.family_id")
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
