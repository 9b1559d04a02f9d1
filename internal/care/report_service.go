package care

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/spil-zorg/spil/internal/report"
)

// RegistrationReport computes the registration report of q for the
// actor, in one read transaction over narrow rows: a case manager's own
// caseload as it is, an organisation or a region anonymised (small cells
// hidden). Every run and every export is on record with action E; a scope
// the actor may not report over is refused and recorded, and answers
// NotFound.
func (s *Service) RegistrationReport(ctx context.Context, actor Actor, q ReportQuery) (*report.Report, error) {
	object := "registration_report"
	if q.Export != "" {
		object = "registration_export"
	}
	if !slices.Contains(ReportScopes(actor.Role), q.Scope) {
		if err := s.record(ctx, actor, object, ActionExport, Decision{}, OutcomeDenied); err != nil {
			return nil, err
		}
		return nil, errNotFound
	}
	d := Decision{Allowed: true, Relationship: q.Scope == ReportCaseload}
	var r *report.Report
	err := s.store.Read(ctx, func(st Store) error {
		scope := ReportScope{Kind: q.Scope, AccountID: actor.AccountID, OrganisationID: actor.OrganisationID}
		if q.Scope == ReportRegion {
			_, region, err := st.OrganisationRegion(ctx, actor.OrganisationID)
			if err != nil {
				return err
			}
			if region == "" {
				return FieldErrors{"scope": "report.no_region"}
			}
			scope.Region = region
		}
		in, err := s.reportInput(ctx, st, scope, report.Period{From: q.From, To: q.To})
		if err != nil {
			return err
		}
		r = report.Compute(*in)
		if q.Scope != ReportCaseload {
			r.Anonymise()
		}
		return nil
	})
	outcome := OutcomeSuccess
	if err != nil {
		outcome = OutcomeFailed
	}
	if aerr := s.record(ctx, actor, object, ActionExport, d, outcome); aerr != nil {
		return nil, errors.Join(err, aerr)
	}
	return r, err
}

// reportInput reads the rows of a report and adds, per child, the
// hospital admissions of the three months up to the period's end (or the
// day of death, when the death record says it was earlier).
func (s *Service) reportInput(ctx context.Context, st Store, scope ReportScope, p report.Period) (*report.Input, error) {
	in := &report.Input{Period: p}
	var err error
	if in.Children, err = st.ReportChildren(ctx, scope, p.To); err != nil {
		return nil, err
	}
	if in.Contacts, err = st.ReportContacts(ctx, scope, p.From, p.To); err != nil {
		return nil, err
	}
	if in.Intensities, err = st.ReportIntensities(ctx, scope, p.To); err != nil {
		return nil, err
	}
	if in.Deaths, err = st.ReportDeaths(ctx, scope, p.From, p.To); err != nil {
		return nil, err
	}
	died := map[int64]report.Death{}
	for _, d := range in.Deaths {
		died[d.FamilyID] = d
	}
	window := p.From.AddDate(0, -AdmissionWindowMonths, 0)
	rows, err := st.ReportHospitalStays(ctx, scope, window, p.To)
	if err != nil {
		return nil, err
	}
	stays := map[int64][]Stay{}
	for _, r := range rows {
		stays[r.FamilyID] = append(stays[r.FamilyID], Stay{FamilyID: r.FamilyID, Kind: StayGeneralHospital, Start: r.Start, End: r.End})
	}
	for i := range in.Children {
		c := &in.Children[i]
		day := p.To
		if d, ok := died[c.FamilyID]; ok && !d.DiedOn.IsZero() && d.DiedOn.Before(day) {
			day = d.DiedOn
		}
		f := AdmissionFigures(stays[c.FamilyID], day)
		c.Admissions, c.AdmittedDays = f.Admissions, f.Days
	}
	return in, nil
}

// ReportRegion is the region of the actor's organisation, for the
// administrator's settings and the report page.
func (s *Service) ReportRegion(ctx context.Context, actor Actor) (organisation, region string, err error) {
	err = s.store.Read(ctx, func(st Store) error {
		var err error
		organisation, region, err = st.OrganisationRegion(ctx, actor.OrganisationID)
		return err
	})
	return organisation, region, err
}

// SetReportRegion sets the region of the administrator's organisation,
// one of Regions (the sociale kaart's), or "" for none: the regional
// coordinator's report covers the organisations of one region.
func (s *Service) SetReportRegion(ctx context.Context, actor Actor, region string) error {
	d := Decision{Allowed: actor.Role == RoleAdmin}
	if !d.Allowed {
		if err := s.record(ctx, actor, "organisation_setting", ActionUpdate, d, OutcomeDenied); err != nil {
			return err
		}
		return errNotFound
	}
	region = strings.TrimSpace(region)
	fe := FieldErrors{}
	if region != "" {
		oneOf(fe, "region", region, Regions...)
	}
	if err := fe.OrNil(); err != nil {
		return err
	}
	return s.store.Atomic(ctx, func(st Store) error {
		if err := st.SetOrganisationRegion(ctx, actor.OrganisationID, region); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, "organisation_setting", actor.OrganisationID, ActionUpdate, d, OutcomeSuccess))
	})
}
