package store

import (
	"context"
	"database/sql"
	"math"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

func minutesOf(hours float64) int { return int(math.Round(hours * 60)) }

func hoursOf(minutes int) float64 { return float64(minutes) / 60 }

func joinGoals(goals []string) string { return strings.Join(goals, ",") }

func splitGoals(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// CreateCoverageItem inserts the item with its first period.
func (s *Store) CreateCoverageItem(ctx context.Context, c *care.CoverageItem, first *care.CoveragePeriod) error {
	err := s.q.QueryRowContext(ctx, `/* Store.CreateCoverageItem */ INSERT INTO coverage_items (family_id, kind, description,
		network_member_id, provider_name, applicant, goals, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		c.FamilyID, c.Kind, c.Description, nullID(c.NetworkMemberID), c.ProviderName, c.Applicant, joinGoals(c.Goals),
		c.CreatedBy.AccountID, c.CreatedAt.UTC()).Scan(&c.ID)
	if err != nil {
		return err
	}
	first.ItemID, first.FamilyID = c.ID, c.FamilyID
	if err := s.AddCoveragePeriod(ctx, first); err != nil {
		return err
	}
	c.Periods = []care.CoveragePeriod{*first}
	return nil
}

// AddCoveragePeriod adds a period to an item of the family.
func (s *Store) AddCoveragePeriod(ctx context.Context, p *care.CoveragePeriod) error {
	var one int
	if err := s.q.QueryRowContext(ctx, `SELECT 1 FROM coverage_items WHERE id = $1 AND family_id = $2 /* Store.AddCoveragePeriod */`,
		p.ItemID, p.FamilyID).Scan(&one); err != nil {
		return notFound(err, "coverage item")
	}
	return s.q.QueryRowContext(ctx, `/* Store.AddCoveragePeriod */ INSERT INTO coverage_periods (item_id, family_id, law, form, status,
		minutes_per_week, amount_cents, reference, indicated_by, start_on, end_on, applied_on, decided_on,
		objection_filed_on, objection_due, note, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
		p.ItemID, p.FamilyID, p.Law, p.Form, p.Status, minutesOf(p.HoursPerWeek), p.AmountCents, p.Reference, p.IndicatedBy,
		nullDate(p.Start), nullDate(p.End), nullDate(p.AppliedOn), nullDate(p.DecidedOn),
		nullDate(p.ObjectionFiledOn), nullDate(p.ObjectionDue), p.Note, p.CreatedBy.AccountID, p.CreatedAt.UTC()).Scan(&p.ID)
}

// UpdateCoverageItem writes the item's own fields and its current period,
// c.Periods[0], which must be the item's last.
func (s *Store) UpdateCoverageItem(ctx context.Context, c *care.CoverageItem) error {
	res, err := s.q.ExecContext(ctx, `/* Store.UpdateCoverageItem */ UPDATE coverage_items SET kind = $3, description = $4,
		network_member_id = $5, provider_name = $6, applicant = $7, goals = $8 WHERE id = $1 AND family_id = $2`,
		c.ID, c.FamilyID, c.Kind, c.Description, nullID(c.NetworkMemberID), c.ProviderName, c.Applicant, joinGoals(c.Goals))
	if err := oneRow(res, err, "coverage item"); err != nil {
		return err
	}
	if len(c.Periods) == 0 {
		return nil
	}
	p := c.Periods[0]
	res, err = s.q.ExecContext(ctx, `/* Store.UpdateCoverageItem */ UPDATE coverage_periods SET law = $4, form = $5, status = $6,
		minutes_per_week = $7, amount_cents = $8, reference = $9, indicated_by = $10, start_on = $11, end_on = $12,
		applied_on = $13, decided_on = $14, objection_filed_on = $15, objection_due = $16, note = $17
		WHERE id = $1 AND item_id = $2 AND family_id = $3
			AND id = (SELECT MAX(id) FROM coverage_periods WHERE item_id = $2 AND family_id = $3)`,
		p.ID, c.ID, c.FamilyID, p.Law, p.Form, p.Status, minutesOf(p.HoursPerWeek), p.AmountCents, p.Reference, p.IndicatedBy,
		nullDate(p.Start), nullDate(p.End), nullDate(p.AppliedOn), nullDate(p.DecidedOn),
		nullDate(p.ObjectionFiledOn), nullDate(p.ObjectionDue), p.Note)
	return oneRow(res, err, "coverage period")
}

// oneRow answers NotFound unless the statement changed exactly one row.
func oneRow(res sql.Result, err error, what string) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return care.Errorf(care.NotFound, "%s not found", what)
	}
	return nil
}

// CoverageItems lists the family's items with their periods and the
// documents attached to them, oldest first.
func (s *Store) CoverageItems(ctx context.Context, familyID int64) ([]care.CoverageItem, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT c.id, c.family_id, c.kind, c.description, COALESCE(c.network_member_id, 0),
			COALESCE(n.name, c.provider_name), c.applicant, c.goals, c.created_by, a.name, c.created_at
		FROM coverage_items c JOIN accounts a ON a.id = c.created_by
			LEFT JOIN network_members n ON n.id = c.network_member_id AND n.family_id = c.family_id
		WHERE c.family_id = $1 ORDER BY c.id /* Store.CoverageItems */`, familyID)
	if err != nil {
		return nil, err
	}
	var items []care.CoverageItem
	index := map[int64]int{}
	for rows.Next() {
		var c care.CoverageItem
		var goals string
		if err := rows.Scan(&c.ID, &c.FamilyID, &c.Kind, &c.Description, &c.NetworkMemberID, &c.ProviderName,
			&c.Applicant, &goals, &c.CreatedBy.AccountID, &c.CreatedBy.Name, &c.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		c.Goals, c.CreatedAt = splitGoals(goals), c.CreatedAt.UTC()
		index[c.ID] = len(items)
		items = append(items, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(items) == 0 {
		return items, err
	}
	periods, err := s.coveragePeriods(ctx, `p.family_id = $1`, familyID)
	if err != nil {
		return nil, err
	}
	for _, p := range periods {
		if i, ok := index[p.ItemID]; ok {
			items[i].Periods = append(items[i].Periods, p)
		}
	}
	docs, err := s.attachedDocuments(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if i, ok := index[d.CoverageItemID]; ok && d.CoverageItemID != 0 {
			items[i].Documents = append(items[i].Documents, d)
		}
	}
	return items, nil
}

const periodColumns = `p.id, p.item_id, p.family_id, p.law, p.form, p.status, p.minutes_per_week, p.amount_cents, p.reference,
	p.indicated_by, p.start_on, p.end_on, p.applied_on, p.decided_on, p.objection_filed_on, p.objection_due, p.note,
	p.created_by, a.name, p.created_at`

func (s *Store) coveragePeriods(ctx context.Context, where string, args ...any) ([]care.CoveragePeriod, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT `+periodColumns+` FROM coverage_periods p JOIN accounts a ON a.id = p.created_by
		WHERE `+where+` ORDER BY p.family_id, p.item_id, p.id /* Store.coveragePeriods */`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.CoveragePeriod
	for rows.Next() {
		var p care.CoveragePeriod
		var minutes int
		var start, end, applied, decided, filed, due sql.NullTime
		if err := rows.Scan(&p.ID, &p.ItemID, &p.FamilyID, &p.Law, &p.Form, &p.Status, &minutes, &p.AmountCents,
			&p.Reference, &p.IndicatedBy, &start, &end, &applied, &decided, &filed, &due, &p.Note,
			&p.CreatedBy.AccountID, &p.CreatedBy.Name, &p.CreatedAt); err != nil {
			return nil, err
		}
		p.HoursPerWeek = hoursOf(minutes)
		p.Start, p.End, p.AppliedOn, p.DecidedOn = fromNull(start), fromNull(end), fromNull(applied), fromNull(decided)
		p.ObjectionFiledOn, p.ObjectionDue, p.CreatedAt = fromNull(filed), fromNull(due), p.CreatedAt.UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}

// attachedDocuments lists the family's documents attached to coverage
// items and aids, without their content.
func (s *Store) attachedDocuments(ctx context.Context, familyID int64) ([]care.Document, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT d.id, d.family_id, d.uploaded_by, a.name, d.uploaded_at, d.file_name,
			d.content_type, d.size, d.kind, COALESCE(d.coverage_item_id, 0), COALESCE(d.aid_id, 0)
		FROM documents d JOIN accounts a ON a.id = d.uploaded_by
		WHERE d.family_id = $1 AND (d.coverage_item_id IS NOT NULL OR d.aid_id IS NOT NULL)
		ORDER BY d.uploaded_at, d.id /* Store.attachedDocuments */`, familyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.Document
	for rows.Next() {
		var d care.Document
		if err := rows.Scan(&d.ID, &d.FamilyID, &d.UploadedBy.AccountID, &d.UploadedBy.Name, &d.UploadedAt, &d.FileName,
			&d.ContentType, &d.Size, &d.Kind, &d.CoverageItemID, &d.AidID); err != nil {
			return nil, err
		}
		d.UploadedAt = d.UploadedAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

const aidColumns = `x.id, x.family_id, x.kind, x.description, x.via, x.supplier, x.status, x.requested_on, x.assessed_on,
	x.granted_on, x.ordered_on, x.delivered_on, x.replace_by, x.note, x.created_by, a.name, x.created_at`

func scanAid(sc interface{ Scan(...any) error }) (care.Aid, error) {
	var x care.Aid
	var assessed, granted, ordered, delivered, replace sql.NullTime
	err := sc.Scan(&x.ID, &x.FamilyID, &x.Kind, &x.Description, &x.Via, &x.Supplier, &x.Status, &x.Requested,
		&assessed, &granted, &ordered, &delivered, &replace, &x.Note, &x.CreatedBy.AccountID, &x.CreatedBy.Name, &x.CreatedAt)
	x.Requested, x.CreatedAt = x.Requested.UTC(), x.CreatedAt.UTC()
	x.Assessed, x.Granted, x.Ordered = fromNull(assessed), fromNull(granted), fromNull(ordered)
	x.Delivered, x.ReplaceBy = fromNull(delivered), fromNull(replace)
	return x, err
}

// Aids lists the family's aids in the order they were requested, with the
// documents attached to them.
func (s *Store) Aids(ctx context.Context, familyID int64) ([]care.Aid, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT `+aidColumns+` FROM aids x JOIN accounts a ON a.id = x.created_by
		WHERE x.family_id = $1 ORDER BY x.requested_on, x.id /* Store.Aids */`, familyID)
	if err != nil {
		return nil, err
	}
	var aids []care.Aid
	index := map[int64]int{}
	for rows.Next() {
		x, err := scanAid(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		index[x.ID] = len(aids)
		aids = append(aids, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(aids) == 0 {
		return aids, err
	}
	docs, err := s.attachedDocuments(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if i, ok := index[d.AidID]; ok && d.AidID != 0 {
			aids[i].Documents = append(aids[i].Documents, d)
		}
	}
	return aids, nil
}

// SaveAid inserts (ID 0) or updates an aid of the family.
func (s *Store) SaveAid(ctx context.Context, x *care.Aid) error {
	if x.ID == 0 {
		return s.q.QueryRowContext(ctx, `/* Store.SaveAid */ INSERT INTO aids (family_id, kind, description, via, supplier, status,
			requested_on, assessed_on, granted_on, ordered_on, delivered_on, replace_by, note, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
			x.FamilyID, x.Kind, x.Description, x.Via, x.Supplier, x.Status, x.Requested.UTC(), nullDate(x.Assessed),
			nullDate(x.Granted), nullDate(x.Ordered), nullDate(x.Delivered), nullDate(x.ReplaceBy), x.Note,
			x.CreatedBy.AccountID, x.CreatedAt.UTC()).Scan(&x.ID)
	}
	res, err := s.q.ExecContext(ctx, `/* Store.SaveAid */ UPDATE aids SET kind = $3, description = $4, via = $5, supplier = $6,
		status = $7, requested_on = $8, assessed_on = $9, granted_on = $10, ordered_on = $11, delivered_on = $12,
		replace_by = $13, note = $14 WHERE id = $1 AND family_id = $2`,
		x.ID, x.FamilyID, x.Kind, x.Description, x.Via, x.Supplier, x.Status, x.Requested.UTC(), nullDate(x.Assessed),
		nullDate(x.Granted), nullDate(x.Ordered), nullDate(x.Delivered), nullDate(x.ReplaceBy), x.Note)
	return oneRow(res, err, "aid")
}

// CaseloadCoverage reads the current period of every item and the aids of
// the families in the account's caseload: what the caseload counts.
func (s *Store) CaseloadCoverage(ctx context.Context, accountID int64) (map[int64][]care.CoverageItem, map[int64][]care.Aid, error) {
	mine := s.dialect.inCaseload("family_id", "$1")
	// Only what the counts need, of the current period of each item.
	rows, err := s.rq.QueryContext(ctx, `SELECT p.item_id, p.family_id, p.law, p.status, p.start_on, p.end_on, p.objection_due
		FROM coverage_periods p JOIN (SELECT MAX(id) AS id FROM coverage_periods WHERE `+mine+` GROUP BY item_id) cur
			ON cur.id = p.id /* Store.CaseloadCoverage */`, accountID)
	if err != nil {
		return nil, nil, err
	}
	items := map[int64][]care.CoverageItem{}
	for rows.Next() {
		var p care.CoveragePeriod
		var start, end, due sql.NullTime
		if err := rows.Scan(&p.ItemID, &p.FamilyID, &p.Law, &p.Status, &start, &end, &due); err != nil {
			rows.Close()
			return nil, nil, err
		}
		p.Start, p.End, p.ObjectionDue = fromNull(start), fromNull(end), fromNull(due)
		items[p.FamilyID] = append(items[p.FamilyID], care.CoverageItem{ID: p.ItemID, FamilyID: p.FamilyID, Periods: []care.CoveragePeriod{p}})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = s.rq.QueryContext(ctx, `SELECT x.id, x.family_id, x.status, x.requested_on, x.delivered_on FROM aids x
		WHERE x.`+mine+` /* Store.CaseloadCoverage */`, accountID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	aids := map[int64][]care.Aid{}
	for rows.Next() {
		var x care.Aid
		var delivered sql.NullTime
		if err := rows.Scan(&x.ID, &x.FamilyID, &x.Status, &x.Requested, &delivered); err != nil {
			return nil, nil, err
		}
		x.Requested, x.Delivered = x.Requested.UTC(), fromNull(delivered)
		aids[x.FamilyID] = append(aids[x.FamilyID], x)
	}
	return items, aids, rows.Err()
}

// CoverageWindowWeeks is the organisation's window for ending coverage.
func (s *Store) CoverageWindowWeeks(ctx context.Context, organisationID int64) (int, error) {
	var w int
	err := s.rq.QueryRowContext(ctx, `SELECT coverage_window_weeks FROM organisations WHERE id = $1 /* Store.CoverageWindowWeeks */`,
		organisationID).Scan(&w)
	if err == sql.ErrNoRows {
		return care.DefaultCoverageWindowWeeks, nil
	}
	return w, err
}

// SetCoverageWindowWeeks sets the organisation's window.
func (s *Store) SetCoverageWindowWeeks(ctx context.Context, organisationID int64, weeks int) error {
	res, err := s.q.ExecContext(ctx, `UPDATE organisations SET coverage_window_weeks = $2 WHERE id = $1 /* Store.SetCoverageWindowWeeks */`,
		organisationID, weeks)
	return oneRow(res, err, "organisation")
}

// Transition reads the family's turning-18 checklist acceptance.
func (s *Store) Transition(ctx context.Context, familyID int64) (*care.TransitionAcceptance, error) {
	t := care.TransitionAcceptance{FamilyID: familyID}
	var steps string
	err := s.rq.QueryRowContext(ctx, `SELECT t.accepted_at, t.accepted_by, a.name, t.steps FROM transitions t
		JOIN accounts a ON a.id = t.accepted_by WHERE t.family_id = $1 /* Store.Transition */`, familyID).
		Scan(&t.AcceptedAt, &t.AcceptedBy.AccountID, &t.AcceptedBy.Name, &steps)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t.AcceptedAt, t.Steps = t.AcceptedAt.UTC(), splitGoals(steps)
	return &t, nil
}

// AcceptTransition records the acceptance; a second one is a Conflict.
func (s *Store) AcceptTransition(ctx context.Context, t *care.TransitionAcceptance) error {
	if cur, err := s.Transition(ctx, t.FamilyID); err != nil || cur != nil {
		if err == nil {
			err = care.Errorf(care.Conflict, "transition accepted already")
		}
		return err
	}
	_, err := s.q.ExecContext(ctx, `/* Store.AcceptTransition */ INSERT INTO transitions (family_id, accepted_at, accepted_by, steps)
		VALUES ($1, $2, $3, $4)`, t.FamilyID, t.AcceptedAt.UTC(), t.AcceptedBy.AccountID, strings.Join(t.Steps, ","))
	return err
}
