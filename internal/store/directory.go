package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// The sociale kaart: no family data, so no family scope; the regional
// needs are counts grouped by region and kind, and no family id leaves
// the query.

const directoryColumns = `d.id, d.name, d.organisation, d.kind, d.region, d.address, d.phone, d.email, d.website,
	d.min_age, d.max_age, d.offers, d.capabilities, d.capacity, d.capacity_on, d.updated_at, d.updated_by, a.name`

func scanDirectoryEntry(row interface{ Scan(...any) error }) (care.DirectoryEntry, error) {
	var e care.DirectoryEntry
	var caps string
	var on sql.NullTime
	err := row.Scan(&e.ID, &e.Name, &e.Organisation, &e.Kind, &e.Region, &e.Address, &e.Phone, &e.Email, &e.Website,
		&e.MinAge, &e.MaxAge, &e.Offers, &caps, &e.Capacity, &on, &e.UpdatedAt, &e.UpdatedBy.AccountID, &e.UpdatedBy.Name)
	if caps != "" {
		e.Capabilities = strings.Split(caps, ",")
	}
	e.CapacityOn, e.UpdatedAt = fromNull(on), e.UpdatedAt.UTC()
	return e, err
}

// DirectoryEntries lists the entries that match q: kind and region in the
// query, capability and age here (the kaart of a region is small).
func (s *Store) DirectoryEntries(ctx context.Context, q care.DirectoryQuery) ([]care.DirectoryEntry, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT `+directoryColumns+`
		FROM directory_entries d JOIN accounts a ON a.id = d.updated_by
		WHERE ($1 = '' OR d.kind = $1) AND ($2 = '' OR d.region = $2)
		ORDER BY d.name, d.id /* Store.DirectoryEntries */`, q.Need, q.Region)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.DirectoryEntry
	for rows.Next() {
		e, err := scanDirectoryEntry(rows)
		if err != nil {
			return nil, err
		}
		if q.Matches(&e) {
			out = append(out, e)
		}
	}
	return out, rows.Err()
}

// DirectoryEntry reads one entry; NotFound when there is none.
func (s *Store) DirectoryEntry(ctx context.Context, id int64) (*care.DirectoryEntry, error) {
	e, err := scanDirectoryEntry(s.rq.QueryRowContext(ctx, `SELECT `+directoryColumns+`
		FROM directory_entries d JOIN accounts a ON a.id = d.updated_by WHERE d.id = $1 /* Store.DirectoryEntry */`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, care.Errorf(care.NotFound, "directory entry not found")
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// SaveDirectoryEntry inserts (ID 0) or updates an entry.
func (s *Store) SaveDirectoryEntry(ctx context.Context, e *care.DirectoryEntry) error {
	caps := strings.Join(e.Capabilities, ",")
	if e.ID == 0 {
		return s.q.QueryRowContext(ctx, `/* Store.SaveDirectoryEntry */ INSERT INTO directory_entries (name, organisation, kind, region,
			address, phone, email, website, min_age, max_age, offers, capabilities, capacity, capacity_on, updated_at, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
			e.Name, e.Organisation, e.Kind, e.Region, e.Address, e.Phone, e.Email, e.Website, e.MinAge, e.MaxAge, e.Offers, caps,
			e.Capacity, nullDate(e.CapacityOn), e.UpdatedAt.UTC(), e.UpdatedBy.AccountID).Scan(&e.ID)
	}
	res, err := s.q.ExecContext(ctx, `/* Store.SaveDirectoryEntry */ UPDATE directory_entries SET name = $2, organisation = $3,
		kind = $4, region = $5, address = $6, phone = $7, email = $8, website = $9, min_age = $10, max_age = $11, offers = $12,
		capabilities = $13, capacity = $14, capacity_on = $15, updated_at = $16, updated_by = $17 WHERE id = $1`,
		e.ID, e.Name, e.Organisation, e.Kind, e.Region, e.Address, e.Phone, e.Email, e.Website, e.MinAge, e.MaxAge, e.Offers, caps,
		e.Capacity, nullDate(e.CapacityOn), e.UpdatedAt.UTC(), e.UpdatedBy.AccountID)
	return oneRow(res, err, "directory entry")
}

// SetDirectoryCapacity sets an entry's capacity as of at.
func (s *Store) SetDirectoryCapacity(ctx context.Context, id int64, capacity string, at time.Time, by int64) error {
	res, err := s.q.ExecContext(ctx, `/* Store.SetDirectoryCapacity */ UPDATE directory_entries SET capacity = $2, capacity_on = $3,
		updated_at = $4, updated_by = $5 WHERE id = $1`, id, capacity, care.DateOf(at), at.UTC(), by)
	return oneRow(res, err, "directory entry")
}

// LinkNetworkMemberToDirectory records the entry a network member of the
// family was added from.
func (s *Store) LinkNetworkMemberToDirectory(ctx context.Context, familyID, networkMemberID, entryID int64) error {
	res, err := s.q.ExecContext(ctx, `/* Store.LinkNetworkMemberToDirectory */ UPDATE network_members SET directory_entry_id = $3
		WHERE id = $2 AND family_id = $1`, familyID, networkMemberID, entryID)
	return oneRow(res, err, "network member")
}

// NetworkDirectoryEntries lists the entries the family's network members
// still involved were added from.
func (s *Store) NetworkDirectoryEntries(ctx context.Context, familyID int64) ([]int64, error) {
	var ids []int64
	err := s.each(ctx, `SELECT DISTINCT directory_entry_id FROM network_members
		WHERE family_id = $1 AND directory_entry_id IS NOT NULL AND ended_on IS NULL /* Store.NetworkDirectoryEntries */`, familyID,
		func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		})
	return ids, err
}

// RegionalNeeds counts the coverage items of living children per region
// and kind, served on day or not: served is a current period granted and
// running on day, with a provider named. The current period is the
// item's last.
func (s *Store) RegionalNeeds(ctx context.Context, day time.Time) ([]care.RegionalNeed, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT o.region, i.kind,
			CASE WHEN p.status = 'granted' AND p.start_on <= $1 AND (p.end_on IS NULL OR p.end_on >= $1)
				AND (i.network_member_id IS NOT NULL OR i.provider_name <> '') THEN 1 ELSE 0 END AS served,
			COUNT(*)
		FROM coverage_items i
		JOIN (SELECT item_id, MAX(id) AS id FROM coverage_periods GROUP BY item_id) cur ON cur.item_id = i.id
		JOIN coverage_periods p ON p.id = cur.id
		JOIN families f ON f.id = i.family_id
		JOIN organisations o ON o.id = f.organisation_id
		WHERE NOT f.deceased AND o.region <> ''
		GROUP BY o.region, i.kind, served
		ORDER BY o.region, i.kind, served /* Store.RegionalNeeds */`, day.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.RegionalNeed
	for rows.Next() {
		var n care.RegionalNeed
		var served int
		if err := rows.Scan(&n.Region, &n.CoverageKind, &served, &n.Count); err != nil {
			return nil, err
		}
		n.Served = served == 1
		out = append(out, n)
	}
	return out, rows.Err()
}

// RegionalPlanGaps counts, per region of the families' organisations, the
// goals of living children's current care plans that need funded care and
// that no coverage item serves that runs or is being arranged on day (as
// the coverage plan's gaps are counted). The family ids stay in here: only
// the counts leave.
func (s *Store) RegionalPlanGaps(ctx context.Context, day time.Time) ([]care.RegionalNeed, error) {
	type family struct {
		region string
		birth  time.Time
		goals  []string // the goals that need funded care
	}
	fams := map[int64]*family{}
	rows, err := s.rq.QueryContext(ctx, `SELECT o.region, f.id, f.birth_date, v.content
		FROM care_plans c
		JOIN care_plan_versions v ON v.family_id = c.family_id AND v.version = c.version
		JOIN families f ON f.id = c.family_id
		JOIN organisations o ON o.id = f.organisation_id
		WHERE NOT f.deceased AND o.region <> '' /* Store.RegionalPlanGaps */`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var f family
		var id int64
		var content string
		if err := rows.Scan(&f.region, &id, &f.birth, &content); err != nil {
			rows.Close()
			return nil, err
		}
		var p care.CarePlan
		if err := json.Unmarshal([]byte(content), &p); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: care plan of family %d: %w", id, err)
		}
		for _, sec := range p.Sections {
			for _, g := range sec.Goals {
				if g.NeedsCare {
					f.goals = append(f.goals, g.ID)
				}
			}
		}
		if len(f.goals) > 0 {
			f.birth = f.birth.UTC()
			fams[id] = &f
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(fams) == 0 {
		return nil, nil
	}
	// The goals served by an item whose current period runs or is being
	// arranged.
	served := map[int64]map[string]bool{}
	rows, err = s.rq.QueryContext(ctx, `SELECT i.family_id, i.goals, p.law, p.status, p.start_on, p.end_on
		FROM coverage_items i
		JOIN (SELECT item_id, MAX(id) AS id FROM coverage_periods GROUP BY item_id) cur ON cur.item_id = i.id
		JOIN coverage_periods p ON p.id = cur.id
		WHERE i.goals <> '' /* Store.RegionalPlanGaps */`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var goals string
		var p care.CoveragePeriod
		var start, end sql.NullTime
		if err := rows.Scan(&id, &goals, &p.Law, &p.Status, &start, &end); err != nil {
			return nil, err
		}
		f := fams[id]
		if f == nil {
			continue
		}
		p.Start, p.End = fromNull(start), fromNull(end)
		item := care.CoverageItem{Periods: []care.CoveragePeriod{p}}
		switch item.StateOn(day, f.birth, care.DefaultCoverageWindowWeeks) {
		case care.StateStopped, care.StateLapsed:
			continue
		}
		if served[id] == nil {
			served[id] = map[string]bool{}
		}
		for _, g := range strings.Split(goals, ",") {
			served[id][g] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for id, f := range fams {
		for _, g := range f.goals {
			if !served[id][g] {
				counts[f.region]++
			}
		}
	}
	var out []care.RegionalNeed
	for _, region := range care.Regions {
		if n := counts[region]; n > 0 {
			out = append(out, care.RegionalNeed{Region: region, Count: n})
		}
	}
	return out, nil
}
