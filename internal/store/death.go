package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// DeathRecords lists the family's death records, the newest first.
func (s *Store) DeathRecords(ctx context.Context, familyID int64) ([]care.DeathRecord, error) {
	var out []care.DeathRecord
	err := s.each(ctx, `SELECT d.id, d.family_id, d.corrects, d.died_on, d.died_time, d.place, d.place_name,
			d.preferred_place, d.preferred_met, d.quality_note, d.reason, d.recorded_by, a.name, d.recorded_at
		FROM death_records d JOIN accounts a ON a.id = d.recorded_by
		WHERE d.family_id = $1 ORDER BY d.id DESC /* Store.DeathRecords */`, familyID,
		func(r *sql.Rows) error {
			var d care.DeathRecord
			var corrects sql.NullInt64
			err := r.Scan(&d.ID, &d.FamilyID, &corrects, &d.DiedOn, &d.DiedTime, &d.Place, &d.PlaceName,
				&d.PreferredPlace, &d.PreferredMet, &d.QualityNote, &d.Reason, &d.RecordedBy.AccountID, &d.RecordedBy.Name, &d.RecordedAt)
			d.Corrects, d.DiedOn, d.RecordedAt = corrects.Int64, d.DiedOn.UTC(), d.RecordedAt.UTC()
			out = append(out, d)
			return err
		})
	return out, err
}

// AddDeathRecord inserts a death record of the family. A second first
// record, or a second correction of the same record, is a Conflict; a
// correction of another family's record is NotFound.
func (s *Store) AddDeathRecord(ctx context.Context, d *care.DeathRecord) error {
	var corrects any
	if d.Corrects != 0 {
		var n int
		if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM death_records WHERE id = $1 AND family_id = $2 /* Store.AddDeathRecord */`,
			d.Corrects, d.FamilyID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return care.Errorf(care.NotFound, "death record not found")
		}
		corrects = d.Corrects
	}
	err := s.q.QueryRowContext(ctx, `/* Store.AddDeathRecord */ INSERT INTO death_records (family_id, corrects, died_on,
		died_time, place, place_name, preferred_place, preferred_met, quality_note, reason, recorded_by, recorded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		d.FamilyID, corrects, d.DiedOn.UTC(), d.DiedTime, d.Place, d.PlaceName, d.PreferredPlace, d.PreferredMet,
		d.QualityNote, d.Reason, d.RecordedBy.AccountID, d.RecordedAt.UTC()).Scan(&d.ID)
	if isUniqueViolation(err) {
		return care.Errorf(care.Conflict, "death.changed_meanwhile")
	}
	return err
}

// SetDeceased marks the family's child deceased on the date.
func (s *Store) SetDeceased(ctx context.Context, familyID int64, on time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE families SET deceased = TRUE, deceased_on = $2 WHERE id = $1 /* Store.SetDeceased */`,
		familyID, on.UTC())
	return oneRow(res, err, "family")
}

// SetNextContact sets, or with a zero date cancels, the planned next contact.
func (s *Store) SetNextContact(ctx context.Context, familyID int64, next time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE families SET next_contact = $2 WHERE id = $1 /* Store.SetNextContact */`,
		familyID, nullDate(next))
	return oneRow(res, err, "family")
}

// Aftercare reads the family's aftercare plan: the people by line (the
// parents first), the contacts by due date.
func (s *Store) Aftercare(ctx context.Context, familyID int64) (*care.Aftercare, error) {
	a := &care.Aftercare{}
	err := s.each(ctx, `SELECT id, family_id, member_id, network_id, supporter, wishes FROM aftercare_people
		WHERE family_id = $1 ORDER BY member_id IS NOT NULL, id /* Store.Aftercare */`, familyID,
		func(r *sql.Rows) error {
			var p care.AftercarePerson
			var member, network sql.NullInt64
			err := r.Scan(&p.ID, &p.FamilyID, &member, &network, &p.Supporter, &p.Wishes)
			p.MemberID, p.NetworkID = member.Int64, network.Int64
			a.People = append(a.People, p)
			return err
		})
	if err != nil {
		return nil, err
	}
	err = s.each(ctx, `SELECT c.id, c.family_id, c.due_on, c.note, c.done_on, COALESCE(c.done_by, 0), COALESCE(a.name, '')
		FROM aftercare_contacts c LEFT JOIN accounts a ON a.id = c.done_by
		WHERE c.family_id = $1 ORDER BY c.due_on, c.id /* Store.Aftercare */`, familyID,
		func(r *sql.Rows) error {
			var c care.AftercareContact
			var done sql.NullTime
			err := r.Scan(&c.ID, &c.FamilyID, &c.DueOn, &c.Note, &done, &c.DoneBy.AccountID, &c.DoneBy.Name)
			c.DueOn, c.DoneOn = c.DueOn.UTC(), fromNull(done)
			a.Contacts = append(a.Contacts, c)
			return err
		})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// SaveAftercare replaces the family's aftercare plan. Contacts keep their
// ids when they have one of the family; the ids of a are set.
func (s *Store) SaveAftercare(ctx context.Context, familyID int64, a *care.Aftercare) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM aftercare_people WHERE family_id = $1 /* Store.SaveAftercare */`, familyID); err != nil {
		return err
	}
	for i := range a.People {
		p := &a.People[i]
		err := s.q.QueryRowContext(ctx, `/* Store.SaveAftercare */ INSERT INTO aftercare_people (family_id, member_id,
			network_id, supporter, wishes) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			familyID, nullID(p.MemberID), nullID(p.NetworkID), p.Supporter, p.Wishes).Scan(&p.ID)
		if err != nil {
			return err
		}
		p.FamilyID = familyID
	}
	keep := map[int64]bool{}
	for i := range a.Contacts {
		c := &a.Contacts[i]
		c.FamilyID = familyID
		if c.ID != 0 {
			res, err := s.q.ExecContext(ctx, `/* Store.SaveAftercare */ UPDATE aftercare_contacts SET due_on = $3, note = $4,
				done_on = $5, done_by = $6 WHERE id = $1 AND family_id = $2`,
				c.ID, familyID, c.DueOn.UTC(), c.Note, nullDate(c.DoneOn), nullID(c.DoneBy.AccountID))
			if err := oneRow(res, err, "aftercare contact"); err != nil {
				return err
			}
		} else {
			err := s.q.QueryRowContext(ctx, `/* Store.SaveAftercare */ INSERT INTO aftercare_contacts (family_id, due_on, note,
				done_on, done_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
				familyID, c.DueOn.UTC(), c.Note, nullDate(c.DoneOn), nullID(c.DoneBy.AccountID)).Scan(&c.ID)
			if err != nil {
				return err
			}
		}
		keep[c.ID] = true
	}
	var gone []int64
	err := s.each(ctx, `SELECT id FROM aftercare_contacts WHERE family_id = $1 /* Store.SaveAftercare */`, familyID,
		func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			if !keep[id] {
				gone = append(gone, id)
			}
			return err
		})
	if err != nil {
		return err
	}
	for _, id := range gone {
		if _, err := s.q.ExecContext(ctx, `DELETE FROM aftercare_contacts WHERE id = $1 AND family_id = $2 /* Store.SaveAftercare */`,
			id, familyID); err != nil {
			return err
		}
	}
	return nil
}

// AftercareOffsets is the organisation's default follow-up contacts.
func (s *Store) AftercareOffsets(ctx context.Context, organisationID int64) (string, error) {
	var offsets string
	err := s.rq.QueryRowContext(ctx, `SELECT aftercare_offsets FROM organisations WHERE id = $1 /* Store.AftercareOffsets */`,
		organisationID).Scan(&offsets)
	return offsets, notFound(err, "organisation")
}

// SetAftercareOffsets sets the organisation's default follow-up contacts.
func (s *Store) SetAftercareOffsets(ctx context.Context, organisationID int64, offsets string) error {
	res, err := s.q.ExecContext(ctx, `UPDATE organisations SET aftercare_offsets = $2 WHERE id = $1 /* Store.SetAftercareOffsets */`,
		organisationID, offsets)
	return oneRow(res, err, "organisation")
}
