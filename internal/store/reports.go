package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/report"
)

// reportScope is the condition on families f that selects a report's
// families, with its one parameter as $1.
func (s *Store) reportScope(scope care.ReportScope) (string, any, error) {
	switch scope.Kind {
	case care.ReportCaseload:
		return s.dialect.inCaseload("f.id", "$1"), scope.AccountID, nil
	case care.ReportOrganisation:
		return `f.organisation_id = $1`, scope.OrganisationID, nil
	case care.ReportRegion:
		if scope.Region == "" {
			return "", nil, fmt.Errorf("store: a report over a region needs the region")
		}
		return `f.organisation_id IN (SELECT id FROM organisations WHERE region = $1)`, scope.Region, nil
	}
	return "", nil, fmt.Errorf("store: unknown report scope %q", scope.Kind)
}

// OrganisationRegion reads the organisation's name and region.
func (s *Store) OrganisationRegion(ctx context.Context, organisationID int64) (name, region string, err error) {
	err = s.rq.QueryRowContext(ctx, `SELECT name, region FROM organisations WHERE id = $1 /* Store.OrganisationRegion */`,
		organisationID).Scan(&name, &region)
	return name, region, notFound(err, "organisation")
}

// SetOrganisationRegion sets the organisation's region.
func (s *Store) SetOrganisationRegion(ctx context.Context, organisationID int64, region string) error {
	res, err := s.q.ExecContext(ctx, `/* Store.SetOrganisationRegion */ UPDATE organisations SET region = $2 WHERE id = $1`,
		organisationID, region)
	return affectedOne(res, err, "organisation")
}

// ReportChildren lists the children of the families in scope referred on
// or before to, with the preferred place of death of the last version of
// the care plan saved by the end of that day.
func (s *Store) ReportChildren(ctx context.Context, scope care.ReportScope, to time.Time) ([]report.Child, error) {
	where, arg, err := s.reportScope(scope)
	if err != nil {
		return nil, err
	}
	place := s.dialect.jsonText("v.content", "acp", "place_of_death", "place")
	rows, err := s.rq.QueryContext(ctx, `SELECT f.id, f.sex, f.birth_date, f.unborn, f.icd10,
			(SELECT COUNT(*) FROM secondary_diagnoses sd WHERE sd.family_id = f.id),
			e.referral_date, e.status, e.status_date, e.factor_wish, e.factor_complexity, e.factor_capacity, o.name,
			COALESCE((SELECT `+place+` FROM care_plan_versions v WHERE v.family_id = f.id AND v.saved_at < $2
				ORDER BY v.version DESC LIMIT 1), '')
		FROM families f JOIN episodes e ON e.family_id = f.id JOIN organisations o ON o.id = f.organisation_id
		WHERE `+where+` AND e.referral_date <= $3 ORDER BY f.id /* Store.ReportChildren */`,
		arg, to.UTC().AddDate(0, 0, 1), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []report.Child
	index := map[int64]int{}
	for rows.Next() {
		var c report.Child
		var org string
		if err := rows.Scan(&c.FamilyID, &c.Sex, &c.BirthDate, &c.Unborn, &c.ICD10, &c.Secondary, &c.ReferralDate,
			&c.Status, &c.StatusDate, &c.FactorWish, &c.FactorComplexity, &c.FactorCapacity, &org, &c.PreferredPlace); err != nil {
			return nil, err
		}
		c.BirthDate, c.ReferralDate, c.StatusDate = c.BirthDate.UTC(), c.ReferralDate.UTC(), c.StatusDate.UTC()
		if !slices.Contains(report.PreferredKinds, c.PreferredPlace) {
			c.PreferredPlace = ""
		}
		if scope.Kind == care.ReportRegion {
			c.Groups = []string{org}
		}
		index[c.FamilyID] = len(out)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if scope.Kind != care.ReportOrganisation {
		return out, nil
	}
	// An organisation's report is broken down by case manager: a child
	// counts for each of their case managers.
	cms, err := s.rq.QueryContext(ctx, `SELECT cm.family_id, a.name
		FROM case_managers cm JOIN families f ON f.id = cm.family_id JOIN accounts a ON a.id = cm.account_id
		WHERE `+where+` ORDER BY cm.family_id, a.name /* Store.ReportChildren */`, arg)
	if err != nil {
		return nil, err
	}
	defer cms.Close()
	for cms.Next() {
		var id int64
		var name string
		if err := cms.Scan(&id, &name); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok && !slices.Contains(out[i].Groups, name) {
			out[i].Groups = append(out[i].Groups, name)
		}
	}
	return out, cms.Err()
}

// ReportContacts lists the contacts from from to to of the families in
// scope.
func (s *Store) ReportContacts(ctx context.Context, scope care.ReportScope, from, to time.Time) ([]report.Contact, error) {
	where, arg, err := s.reportScope(scope)
	if err != nil {
		return nil, err
	}
	rows, err := s.rq.QueryContext(ctx, `SELECT c.family_id, c.contact_date, c.kind, c.with_whom, c.duration_min, c.travel_min,
			c.registration_min, o.name, a.name
		FROM contacts c JOIN families f ON f.id = c.family_id JOIN organisations o ON o.id = f.organisation_id
			JOIN accounts a ON a.id = c.created_by
		WHERE `+where+` AND c.contact_date >= $2 AND c.contact_date <= $3 /* Store.ReportContacts */`, arg, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []report.Contact
	for rows.Next() {
		var c report.Contact
		var org, by string
		if err := rows.Scan(&c.FamilyID, &c.Date, &c.Kind, &c.With, &c.DurationMin, &c.TravelMin, &c.RegistrationMin,
			&org, &by); err != nil {
			return nil, err
		}
		c.Date = c.Date.UTC()
		switch scope.Kind {
		case care.ReportRegion:
			c.Group = org
		case care.ReportOrganisation:
			c.Group = by
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ReportIntensities lists the intensity changes of the families in scope
// made before the end of to, in order of time per family.
func (s *Store) ReportIntensities(ctx context.Context, scope care.ReportScope, to time.Time) ([]report.Intensity, error) {
	where, arg, err := s.reportScope(scope)
	if err != nil {
		return nil, err
	}
	rows, err := s.rq.QueryContext(ctx, `SELECT i.family_id, i.changed_at, i.intensity
		FROM intensity_changes i JOIN families f ON f.id = i.family_id
		WHERE `+where+` AND i.changed_at < $2 ORDER BY i.family_id, i.changed_at, i.id /* Store.ReportIntensities */`,
		arg, to.UTC().AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []report.Intensity
	for rows.Next() {
		var c report.Intensity
		if err := rows.Scan(&c.FamilyID, &c.At, &c.Level); err != nil {
			return nil, err
		}
		c.At = c.At.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// ReportHospitalStays lists the hospital stays of the families in scope
// that cover a day from from to to.
func (s *Store) ReportHospitalStays(ctx context.Context, scope care.ReportScope, from, to time.Time) ([]care.ReportStay, error) {
	where, arg, err := s.reportScope(scope)
	if err != nil {
		return nil, err
	}
	rows, err := s.rq.QueryContext(ctx, `SELECT s.family_id, s.start_on, s.end_on
		FROM stays s JOIN families f ON f.id = s.family_id
		WHERE `+where+` AND s.kind IN ($2, $3) AND s.start_on <= $4 AND (s.end_on IS NULL OR s.end_on > $5)
		ORDER BY s.family_id, s.start_on /* Store.ReportHospitalStays */`,
		arg, care.StayGeneralHospital, care.StayAcademicHospital, to.UTC(), from.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.ReportStay
	for rows.Next() {
		var st care.ReportStay
		var end sql.NullTime
		if err := rows.Scan(&st.FamilyID, &st.Start, &end); err != nil {
			return nil, err
		}
		st.Start, st.End = st.Start.UTC(), fromNull(end)
		out = append(out, st)
	}
	return out, rows.Err()
}

// ReportDeaths lists, for each family in scope whose child's death is
// recorded, the death record in force (the newest, a correction
// included), and whether an aftercare follow-up contact was done from
// from to to.
func (s *Store) ReportDeaths(ctx context.Context, scope care.ReportScope, from, to time.Time) ([]report.Death, error) {
	where, arg, err := s.reportScope(scope)
	if err != nil {
		return nil, err
	}
	rows, err := s.rq.QueryContext(ctx, `SELECT d.family_id, d.died_on, d.place, d.preferred_place, d.preferred_met,
			(SELECT COUNT(*) FROM aftercare_contacts c
				WHERE c.family_id = d.family_id AND c.done_on >= $2 AND c.done_on <= $3)
		FROM death_records d JOIN families f ON f.id = d.family_id
			JOIN (SELECT family_id, MAX(id) AS id FROM death_records GROUP BY family_id) n ON n.id = d.id
		WHERE `+where+` ORDER BY d.family_id /* Store.ReportDeaths */`, arg, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []report.Death
	for rows.Next() {
		var d report.Death
		var preferred, met string
		var done int
		if err := rows.Scan(&d.FamilyID, &d.DiedOn, &d.Place, &preferred, &met, &done); err != nil {
			return nil, err
		}
		d.DiedOn = d.DiedOn.UTC()
		d.PreferredKnown, d.PreferredMet, d.Aftercare = preferred != "", met == "yes", done > 0
		out = append(out, d)
	}
	return out, rows.Err()
}
