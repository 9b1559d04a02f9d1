package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// A plan version is kept whole as the JSON of care.CarePlan; the fields
// tagged json:"-" (family, version, saved at and by, changes) are columns.

// errPlanConflict is the answer to a save from a version that is no longer
// the current one.
func errPlanConflict() error { return care.Errorf(care.Conflict, "careplan.conflict") }

// rowScanner is what *sql.Row and *sql.Rows share.
type rowScanner interface {
	Scan(dest ...any) error
}

const planVersionSelect = `SELECT v.family_id, v.version, v.content, v.saved_at, a.id, a.name, v.changes
	FROM care_plan_versions v JOIN accounts a ON a.id = v.saved_by`

func scanPlan(r rowScanner) (*care.CarePlan, error) {
	var p care.CarePlan
	var content, changes string
	if err := r.Scan(&p.FamilyID, &p.Version, &content, &p.SavedAt, &p.SavedBy.AccountID, &p.SavedBy.Name, &changes); err != nil {
		return nil, err
	}
	// Unmarshal leaves the column fields alone: they are json:"-".
	if err := json.Unmarshal([]byte(content), &p); err != nil {
		return nil, fmt.Errorf("store: care plan %d version %d: %w", p.FamilyID, p.Version, err)
	}
	p.SavedAt, p.Changes = p.SavedAt.UTC(), splitChanges(changes)
	return &p, nil
}

func splitChanges(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// CarePlan returns the current version of the family's plan, or nil and no
// error when the family has none.
func (s *Store) CarePlan(ctx context.Context, familyID int64) (*care.CarePlan, error) {
	p, err := scanPlan(s.rq.QueryRowContext(ctx, planVersionSelect+`
		JOIN care_plans c ON c.family_id = v.family_id AND c.version = v.version
		WHERE v.family_id = $1 /* Store.CarePlan */`, familyID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return p, err
}

// CarePlanVersion returns one version of the family's plan; NotFound when
// the family has no such version.
func (s *Store) CarePlanVersion(ctx context.Context, familyID int64, version int) (*care.CarePlan, error) {
	p, err := scanPlan(s.rq.QueryRowContext(ctx, planVersionSelect+`
		WHERE v.family_id = $1 AND v.version = $2 /* Store.CarePlanVersion */`, familyID, version))
	if err != nil {
		return nil, notFound(err, "care plan version")
	}
	return p, nil
}

// EarlierCarePlans returns every version of the family's plan before the
// current one, in full, oldest first, in one query.
func (s *Store) EarlierCarePlans(ctx context.Context, familyID int64) ([]care.CarePlan, error) {
	var out []care.CarePlan
	err := s.each(ctx, planVersionSelect+`
		WHERE v.family_id = $1 AND v.version < (SELECT c.version FROM care_plans c WHERE c.family_id = $1)
		ORDER BY v.version /* Store.EarlierCarePlans */`, familyID, func(r *sql.Rows) error {
		p, err := scanPlan(r)
		if err != nil {
			return err
		}
		out = append(out, *p)
		return nil
	})
	return out, err
}

// CarePlanVersions lists the versions of the family's plan, newest first.
func (s *Store) CarePlanVersions(ctx context.Context, familyID int64) ([]care.PlanVersionInfo, error) {
	var vs []care.PlanVersionInfo
	err := s.each(ctx, `SELECT v.version, v.saved_at, a.id, a.name, v.changes
		FROM care_plan_versions v JOIN accounts a ON a.id = v.saved_by
		WHERE v.family_id = $1 ORDER BY v.version DESC /* Store.CarePlanVersions */`, familyID, func(r *sql.Rows) error {
		var v care.PlanVersionInfo
		var changes string
		if err := r.Scan(&v.Version, &v.SavedAt, &v.SavedBy.AccountID, &v.SavedBy.Name, &changes); err != nil {
			return err
		}
		v.SavedAt, v.Changes = v.SavedAt.UTC(), splitChanges(changes)
		vs = append(vs, v)
		return nil
	})
	return vs, err
}

// SaveCarePlan stores p as version base+1 of the family's plan and sets
// p.Version. When the current version is not base (0: no plan yet) it
// writes nothing and fails with care.Conflict "careplan.conflict": two
// case managers editing at once never overwrite each other.
func (s *Store) SaveCarePlan(ctx context.Context, p *care.CarePlan, base int) error {
	content, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("store: care plan: %w", err)
	}
	next := base + 1
	err = s.Atomic(ctx, func(cs care.Store) error {
		st := cs.(*Store)
		var res sql.Result
		var err error
		if base == 0 {
			// DO NOTHING rather than a unique violation, which would abort
			// a PostgreSQL transaction the caller may be part of.
			res, err = st.q.ExecContext(ctx, `/* Store.SaveCarePlan */ INSERT INTO care_plans (family_id, version, review_due, discussed_on, updated_at, place_of_death)
				VALUES ($1, 1, $2, $3, $4, $5) ON CONFLICT (family_id) DO NOTHING`, p.FamilyID, p.ReviewDue.UTC(), nullDate(p.DiscussedOn), p.SavedAt.UTC(),
				p.ACP.PlaceOfDeath.Place)
		} else {
			res, err = st.q.ExecContext(ctx, `/* Store.SaveCarePlan */ UPDATE care_plans SET version = $1, review_due = $2, discussed_on = $3,
				updated_at = $4, place_of_death = $5 WHERE family_id = $6 AND version = $7`, next, p.ReviewDue.UTC(), nullDate(p.DiscussedOn), p.SavedAt.UTC(),
				p.ACP.PlaceOfDeath.Place, p.FamilyID, base)
		}
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errPlanConflict()
		}
		_, err = st.q.ExecContext(ctx, `/* Store.SaveCarePlan */ INSERT INTO care_plan_versions
			(family_id, version, content, saved_at, saved_by, changes) VALUES ($1, $2, $3, $4, $5, $6)`,
			p.FamilyID, next, string(content), p.SavedAt.UTC(), p.SavedBy.AccountID, strings.Join(p.Changes, ","))
		if isUniqueViolation(err) {
			return errPlanConflict()
		}
		return err
	})
	if err != nil {
		return err
	}
	p.Version = next
	return nil
}

// loadPlan sums up the current plan for the family file, from the columns
// alone; nil without a plan.
func (s *Store) loadPlan(ctx context.Context, file *care.File) error {
	var sum care.PlanSummary
	var discussed sql.NullTime
	err := s.rq.QueryRowContext(ctx, `SELECT c.version, v.saved_at, a.id, a.name, c.review_due, c.discussed_on,
			(SELECT COUNT(*) FROM care_plan_proposals p WHERE p.family_id = c.family_id AND p.status = 'open')
		FROM care_plans c JOIN care_plan_versions v ON v.family_id = c.family_id AND v.version = c.version
			JOIN accounts a ON a.id = v.saved_by
		WHERE c.family_id = $1 /* Store.loadPlan */`, file.Family.ID).Scan(
		&sum.Version, &sum.SavedAt, &sum.SavedBy.AccountID, &sum.SavedBy.Name, &sum.ReviewDue, &discussed, &sum.OpenProposals)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	sum.SavedAt, sum.ReviewDue, sum.DiscussedOn = sum.SavedAt.UTC(), sum.ReviewDue.UTC(), fromNull(discussed)
	file.Plan = &sum
	return nil
}

// AddProposal inserts an open proposal and sets its ID and status.
func (s *Store) AddProposal(ctx context.Context, p *care.Proposal) error {
	if err := s.q.QueryRowContext(ctx, `/* Store.AddProposal */ INSERT INTO care_plan_proposals
		(family_id, section, body, proposed_by, proposed_at, status) VALUES ($1, $2, $3, $4, $5, 'open') RETURNING id`,
		p.FamilyID, p.Section, p.Body, p.ProposedBy.AccountID, p.ProposedAt.UTC()).Scan(&p.ID); err != nil {
		return err
	}
	p.Status = care.ProposalOpen
	return nil
}

// Proposals lists the family's proposals, newest first.
func (s *Store) Proposals(ctx context.Context, familyID int64) ([]care.Proposal, error) {
	var ps []care.Proposal
	err := s.each(ctx, `SELECT p.id, p.family_id, p.section, p.body, a.id, a.name, p.proposed_at, p.status, p.answer,
			COALESCE(b.id, 0), COALESCE(b.name, ''), p.answered_at, COALESCE(p.version, 0)
		FROM care_plan_proposals p JOIN accounts a ON a.id = p.proposed_by LEFT JOIN accounts b ON b.id = p.answered_by
		WHERE p.family_id = $1 ORDER BY p.proposed_at DESC, p.id DESC /* Store.Proposals */`, familyID, func(r *sql.Rows) error {
		var p care.Proposal
		var answered sql.NullTime
		if err := r.Scan(&p.ID, &p.FamilyID, &p.Section, &p.Body, &p.ProposedBy.AccountID, &p.ProposedBy.Name, &p.ProposedAt,
			&p.Status, &p.Answer, &p.AnsweredBy.AccountID, &p.AnsweredBy.Name, &answered, &p.Version); err != nil {
			return err
		}
		p.ProposedAt, p.AnsweredAt = p.ProposedAt.UTC(), fromNull(answered)
		ps = append(ps, p)
		return nil
	})
	return ps, err
}

// AnswerProposal records the answer (status accepted or declined, answer,
// by, at, and the version that took it in) to an open proposal of the
// family. A proposal that is not open, or not the family's, is NotFound: a
// proposal is answered once.
func (s *Store) AnswerProposal(ctx context.Context, p *care.Proposal) error {
	if p.Status != care.ProposalAccepted && p.Status != care.ProposalDeclined {
		return care.Errorf(care.Invalid, "proposal answer %q is neither accepted nor declined", p.Status)
	}
	var version any
	if p.Version != 0 {
		version = p.Version
	}
	res, err := s.q.ExecContext(ctx, `/* Store.AnswerProposal */ UPDATE care_plan_proposals SET status = $1, answer = $2,
		answered_by = $3, answered_at = $4, version = $5 WHERE id = $6 AND family_id = $7 AND status = 'open'`,
		p.Status, p.Answer, p.AnsweredBy.AccountID, p.AnsweredAt.UTC(), version, p.ID, p.FamilyID)
	return affectedOne(res, err, "open proposal")
}

// templateContent is what a template keeps as JSON.
type templateContent struct {
	ReviewMonths int                `json:"review_months"`
	Sections     []care.PlanSection `json:"sections"`
	Scenarios    []string           `json:"scenarios"`
}

const templateSelect = `SELECT t.id, t.organisation_id, t.name, t.content, t.updated_at, a.id, a.name
	FROM care_plan_templates t JOIN accounts a ON a.id = t.updated_by`

func scanTemplate(r rowScanner) (*care.PlanTemplate, error) {
	var t care.PlanTemplate
	var content string
	if err := r.Scan(&t.ID, &t.OrganisationID, &t.Name, &content, &t.UpdatedAt, &t.UpdatedBy.AccountID, &t.UpdatedBy.Name); err != nil {
		return nil, err
	}
	var c templateContent
	if err := json.Unmarshal([]byte(content), &c); err != nil {
		return nil, fmt.Errorf("store: care plan template %d: %w", t.ID, err)
	}
	t.ReviewMonths, t.Sections, t.Scenarios, t.UpdatedAt = c.ReviewMonths, c.Sections, c.Scenarios, t.UpdatedAt.UTC()
	return &t, nil
}

// PlanTemplates lists the organisation's own templates by name.
func (s *Store) PlanTemplates(ctx context.Context, organisationID int64) ([]care.PlanTemplate, error) {
	rows, err := s.rq.QueryContext(ctx, templateSelect+` WHERE t.organisation_id = $1 ORDER BY t.name, t.id /* Store.PlanTemplates */`, organisationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []care.PlanTemplate
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, *t)
	}
	return ts, rows.Err()
}

// PlanTemplate returns one of the organisation's templates; NotFound when
// the organisation has no template with the id.
func (s *Store) PlanTemplate(ctx context.Context, organisationID, id int64) (*care.PlanTemplate, error) {
	t, err := scanTemplate(s.rq.QueryRowContext(ctx, templateSelect+` WHERE t.id = $1 AND t.organisation_id = $2 /* Store.PlanTemplate */`,
		id, organisationID))
	if err != nil {
		return nil, notFound(err, "care plan template")
	}
	return t, nil
}

// SavePlanTemplate inserts (ID 0) or updates a template of the
// organisation; updating another organisation's template is NotFound.
func (s *Store) SavePlanTemplate(ctx context.Context, t *care.PlanTemplate) error {
	content, err := json.Marshal(templateContent{ReviewMonths: t.ReviewMonths, Sections: t.Sections, Scenarios: t.Scenarios})
	if err != nil {
		return fmt.Errorf("store: care plan template: %w", err)
	}
	if t.ID == 0 {
		return s.q.QueryRowContext(ctx, `/* Store.SavePlanTemplate */ INSERT INTO care_plan_templates
			(organisation_id, name, content, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			t.OrganisationID, t.Name, string(content), t.UpdatedAt.UTC(), t.UpdatedBy.AccountID).Scan(&t.ID)
	}
	res, err := s.q.ExecContext(ctx, `/* Store.SavePlanTemplate */ UPDATE care_plan_templates SET name = $1, content = $2,
		updated_at = $3, updated_by = $4 WHERE id = $5 AND organisation_id = $6`,
		t.Name, string(content), t.UpdatedAt.UTC(), t.UpdatedBy.AccountID, t.ID, t.OrganisationID)
	return affectedOne(res, err, "care plan template")
}
