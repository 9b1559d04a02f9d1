package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// NetworkInvolvedBetween lists the family's network members involved on
// any day from from to to, both included: started by to (or start not
// known) and not ended before from.
func (s *Store) NetworkInvolvedBetween(ctx context.Context, familyID int64, from, to time.Time) ([]care.NetworkMember, error) {
	var ns []care.NetworkMember
	err := s.each(ctx, `SELECT `+networkColumns+` FROM network_members WHERE family_id = $1
		AND (started_on IS NULL OR started_on <= $2) AND (ended_on IS NULL OR ended_on >= $3)
		ORDER BY CASE role WHEN 'gp' THEN 0 ELSE 1 END, line, name, id /* Store.NetworkInvolvedBetween */`, familyID,
		func(r *sql.Rows) error {
			n, err := scanNetworkMember(r)
			ns = append(ns, n)
			return err
		}, to.UTC(), from.UTC())
	return ns, err
}

// UpdateMember writes a member of the family.
func (s *Store) UpdateMember(ctx context.Context, m *care.Member) error {
	res, err := s.q.ExecContext(ctx, `/* Store.UpdateMember */ UPDATE family_members SET kind = $1, name = $2, relation = $3,
		custody = $4, phone = $5, email = $6, language = $7, birth_date = $8, notes = $9, ended_on = $10
		WHERE id = $11 AND family_id = $12`,
		m.Kind, m.Name, m.Relation, m.Custody, m.Phone, m.Email, m.Language, nullDate(m.BirthDate), m.Notes,
		nullDate(m.EndedOn), m.ID, m.FamilyID)
	return affectedOne(res, err, "family member")
}

// Contact reads one contact of the family.
func (s *Store) Contact(ctx context.Context, familyID, id int64) (*care.Contact, error) {
	var c care.Contact
	err := s.rq.QueryRowContext(ctx, `SELECT c.id, c.family_id, c.contact_date, c.kind, c.with_whom, c.location, c.duration_min,
			c.travel_min, c.registration_min, c.topics, c.follow_up, c.created_at, a.id, a.name
		FROM contacts c JOIN accounts a ON a.id = c.created_by
		WHERE c.family_id = $1 AND c.id = $2 /* Store.Contact */`, familyID, id).Scan(
		&c.ID, &c.FamilyID, &c.Date, &c.Kind, &c.With, &c.Location, &c.DurationMin, &c.TravelMin,
		&c.RegistrationMin, &c.Topics, &c.FollowUp, &c.CreatedAt, &c.CreatedBy.AccountID, &c.CreatedBy.Name)
	if err != nil {
		return nil, notFound(err, "contact")
	}
	c.Date, c.CreatedAt = c.Date.UTC(), c.CreatedAt.UTC()
	return &c, nil
}

// UpdateContact writes the registration of a contact of the family; who
// registered it and when stay as they were.
func (s *Store) UpdateContact(ctx context.Context, c *care.Contact) error {
	res, err := s.q.ExecContext(ctx, `/* Store.UpdateContact */ UPDATE contacts SET contact_date = $1, kind = $2, with_whom = $3,
		location = $4, duration_min = $5, travel_min = $6, topics = $7, follow_up = $8, registration_min = $11
		WHERE id = $9 AND family_id = $10`,
		c.Date.UTC(), c.Kind, c.With, c.Location, c.DurationMin, c.TravelMin, c.Topics, c.FollowUp, c.ID, c.FamilyID, c.RegistrationMin)
	return affectedOne(res, err, "contact")
}

// AddCorrection keeps the values a correction replaced.
func (s *Store) AddCorrection(ctx context.Context, c *care.Correction) error {
	prev, err := json.Marshal(c.Previous)
	if err != nil {
		return err
	}
	return s.q.QueryRowContext(ctx, `/* Store.AddCorrection */ INSERT INTO corrections
		(family_id, object_type, object_id, changed_at, changed_by, previous) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		c.FamilyID, c.ObjectType, c.ObjectID, c.ChangedAt.UTC(), c.ChangedBy.AccountID, string(prev)).Scan(&c.ID)
}

// Corrections lists the family's corrections of one kind of object, newest first.
func (s *Store) Corrections(ctx context.Context, familyID int64, objectType string) ([]care.Correction, error) {
	var cs []care.Correction
	err := s.each(ctx, `SELECT c.id, c.family_id, c.object_type, c.object_id, c.changed_at, a.id, a.name, c.previous
		FROM corrections c JOIN accounts a ON a.id = c.changed_by
		WHERE c.family_id = $1 AND c.object_type = $2 ORDER BY c.changed_at DESC, c.id DESC /* Store.Corrections */`, familyID,
		func(r *sql.Rows) error {
			var c care.Correction
			var prev string
			if err := r.Scan(&c.ID, &c.FamilyID, &c.ObjectType, &c.ObjectID, &c.ChangedAt, &c.ChangedBy.AccountID,
				&c.ChangedBy.Name, &prev); err != nil {
				return err
			}
			c.ChangedAt = c.ChangedAt.UTC()
			if err := json.Unmarshal([]byte(prev), &c.Previous); err != nil {
				return err
			}
			cs = append(cs, c)
			return nil
		}, objectType)
	return cs, err
}

// AddFamilyProposal stores an open proposal of the family.
func (s *Store) AddFamilyProposal(ctx context.Context, p *care.FamilyProposal) error {
	return s.q.QueryRowContext(ctx, `/* Store.AddFamilyProposal */ INSERT INTO family_proposals
		(family_id, kind, target_id, name, role, organisation, phone, email, proposed_by, proposed_at, status)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		p.FamilyID, p.Kind, p.TargetID, p.Name, p.Role, p.Organisation, p.Phone, p.Email, p.ProposedBy.AccountID,
		p.ProposedAt.UTC(), p.Status).Scan(&p.ID)
}

// FamilyProposals lists the family's proposals, newest first.
func (s *Store) FamilyProposals(ctx context.Context, familyID int64) ([]care.FamilyProposal, error) {
	var ps []care.FamilyProposal
	err := s.each(ctx, `SELECT p.id, p.family_id, p.kind, p.target_id, p.name, p.role, p.organisation, p.phone, p.email,
			a.id, a.name, p.proposed_at, p.status, p.answer, COALESCE(b.id, 0), COALESCE(b.name, ''), p.answered_at
		FROM family_proposals p JOIN accounts a ON a.id = p.proposed_by LEFT JOIN accounts b ON b.id = p.answered_by
		WHERE p.family_id = $1 ORDER BY p.proposed_at DESC, p.id DESC /* Store.FamilyProposals */`, familyID,
		func(r *sql.Rows) error {
			var p care.FamilyProposal
			var answered sql.NullTime
			err := r.Scan(&p.ID, &p.FamilyID, &p.Kind, &p.TargetID, &p.Name, &p.Role, &p.Organisation, &p.Phone, &p.Email,
				&p.ProposedBy.AccountID, &p.ProposedBy.Name, &p.ProposedAt, &p.Status, &p.Answer,
				&p.AnsweredBy.AccountID, &p.AnsweredBy.Name, &answered)
			p.ProposedAt, p.AnsweredAt = p.ProposedAt.UTC(), fromNull(answered)
			ps = append(ps, p)
			return err
		})
	return ps, err
}

// AnswerFamilyProposal records the answer to an open proposal of the family.
func (s *Store) AnswerFamilyProposal(ctx context.Context, p *care.FamilyProposal) error {
	if p.Status != care.FamilyProposalConfirmed && p.Status != care.FamilyProposalDeclined {
		return care.Errorf(care.Invalid, "proposal answer %q is neither confirmed nor declined", p.Status)
	}
	res, err := s.q.ExecContext(ctx, `/* Store.AnswerFamilyProposal */ UPDATE family_proposals SET status = $1, answer = $2,
		answered_by = $3, answered_at = $4 WHERE id = $5 AND family_id = $6 AND status = 'open'`,
		p.Status, p.Answer, p.AnsweredBy.AccountID, p.AnsweredAt.UTC(), p.ID, p.FamilyID)
	return affectedOne(res, err, "open proposal")
}
