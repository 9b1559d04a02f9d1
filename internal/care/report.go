package care

import (
	"context"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/report"
)

// The scopes of the registration report: a case manager's own caseload,
// one organisation, or every organisation of a region.
const (
	ReportCaseload     = "caseload"
	ReportOrganisation = "organisation"
	ReportRegion       = "region"
)

// ReportScopes lists the scopes a role may report over, the default
// first: a case manager their own caseload, an administrator their
// organisation, a regional coordinator their region or their own
// organisation. Providers and families have none.
func ReportScopes(role Role) []string {
	switch role {
	case RoleCaseManager:
		return []string{ReportCaseload}
	case RoleAdmin:
		return []string{ReportOrganisation}
	case RoleCoordinator:
		return []string{ReportRegion, ReportOrganisation}
	}
	return nil
}

// MaxReportMonths bounds a report's period.
const MaxReportMonths = 60

// ReportQuery asks for a registration report.
type ReportQuery struct {
	From, To time.Time // the period, both days included
	Scope    string
	// Export is "" for a report shown (a page or the API), else the format
	// of a download: "csv" or "json".
	Export string
}

// ParseReportQuery reads a report's period and scope as typed, for role:
// empty dates give the twelve months up to today (from the first of the
// month eleven months back), an empty scope the role's default. Bad input
// is a FieldErrors on "from", "to" or "scope".
func ParseReportQuery(from, to, scope string, role Role, today time.Time) (ReportQuery, error) {
	today = DateOf(today)
	q := ReportQuery{Scope: strings.TrimSpace(scope)}
	fe := FieldErrors{}
	read := func(field, s string, def time.Time) time.Time {
		s = strings.TrimSpace(s)
		if s == "" {
			return def
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil || len(s) != len(time.DateOnly) {
			fe[field] = "date.invalid"
			return time.Time{}
		}
		return t
	}
	q.To = read("to", to, today)
	q.From = read("from", from, time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0))
	scopes := ReportScopes(role)
	switch {
	case q.Scope == "" && len(scopes) > 0:
		q.Scope = scopes[0]
	case q.Scope != ReportCaseload && q.Scope != ReportOrganisation && q.Scope != ReportRegion:
		fe["scope"] = "field.choose"
	}
	if !fe.Has("from") && !fe.Has("to") {
		switch {
		case q.To.Before(q.From):
			fe["to"] = "report.to_before_from"
		case q.From.AddDate(0, MaxReportMonths, 0).Before(q.To):
			fe["to"] = "report.too_long"
		case q.From.Year() < 1900 || q.To.Year() > today.Year()+1:
			fe["from"] = "date.too_old"
		}
	}
	return q, fe.OrNil()
}

// ReportScope is what a report reads: the families of one case manager's
// caseload, of one organisation, or of every organisation of a region.
type ReportScope struct {
	Kind           string // ReportCaseload, ReportOrganisation or ReportRegion
	AccountID      int64  // the case manager, for a caseload
	OrganisationID int64  // for an organisation
	Region         string // for a region, never ""
}

// ReportStay is a hospital stay as the report reads it.
type ReportStay struct {
	FamilyID   int64
	Start, End time.Time // End zero while it goes on
}

// ReportStore reads the narrow rows of the registration report and keeps
// an organisation's region. The rows hold no name, date of birth or free
// text but the groups' names (organisations, case managers); dates of
// birth are read only to compute an age band.
type ReportStore interface {
	// OrganisationRegion is the organisation's name and region ("" when
	// none is set).
	OrganisationRegion(ctx context.Context, organisationID int64) (name, region string, err error)
	SetOrganisationRegion(ctx context.Context, organisationID int64, region string) error
	// ReportChildren lists the child of each family in scope referred on
	// or before to, with the care plan's preferred place of death as it
	// stood at the end of that day. Groups holds the family's
	// organisation for a region, its case managers' names for an
	// organisation, and nothing for a caseload.
	ReportChildren(ctx context.Context, scope ReportScope, to time.Time) ([]report.Child, error)
	// ReportContacts lists the contacts from from to to of the families
	// in scope; Group as for the children, but for an organisation the
	// case manager who registered the contact.
	ReportContacts(ctx context.Context, scope ReportScope, from, to time.Time) ([]report.Contact, error)
	// ReportIntensities lists the intensity changes up to the end of to,
	// in order of time per family.
	ReportIntensities(ctx context.Context, scope ReportScope, to time.Time) ([]report.Intensity, error)
	// ReportHospitalStays lists the hospital stays that cover a day from
	// from to to.
	ReportHospitalStays(ctx context.Context, scope ReportScope, from, to time.Time) ([]ReportStay, error)
	// ReportDeaths lists the death record in force (the newest, a
	// correction included) of each family in scope, with whether an
	// aftercare follow-up contact was done from from to to.
	ReportDeaths(ctx context.Context, scope ReportScope, from, to time.Time) ([]report.Death, error)
}
