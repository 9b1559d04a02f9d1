package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/chart"
	"github.com/spil-zorg/spil/internal/report"
)

// ReportPage is the registration report: the period picker, the key
// figures, and each distribution as a chart with its table beside it.
type ReportPage struct {
	BasePage
	From, To, Scope string // as typed, or the period shown
	Scopes          []string
	Errors          Fields
	Report          *report.Report
	ScopeName       string // "Regio Zuidwest", "Uw eigen caseload"
	Hours           string // contact, travel and registration time, in hours
	Tables          []ReportTable
	Months          ReportTable // the chart over time; its rows are in Report.Months
	GroupsTitle     string
}

// ReportTable is one distribution: a chart (when drawn) and the table of
// the same figures.
type ReportTable struct {
	ID    string
	Title string
	Chart template.HTML
	Rows  []ReportRow
	Note  string
}

// ReportRow is one figure of a table.
type ReportRow struct {
	Label, Value string
}

// Value shows a cell: the number, or "<5".
func (p *ReportPage) Value(c report.Cell) string { return c.String() }

// MonthLabel shows the first day of a month as "jan 2026".
func (p *ReportPage) MonthLabel(m report.Month) string {
	d := formatDate(m.Month, p.Lang) // "1 januari 2026"
	parts := strings.Fields(d)
	if len(parts) != 3 {
		return d
	}
	name := []rune(parts[1])
	if len(name) > 3 {
		name = name[:3]
	}
	return string(name) + " " + parts[2]
}

func (s *Server) reportShow(w http.ResponseWriter, r *http.Request) error {
	return s.reportServe(w, r, "")
}

// reportExport downloads the report as CSV or JSON.
func (s *Server) reportExport(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error { return s.reportServe(w, r, format) }
}

// reportServe runs the report of the query in the URL through the care
// service (which records the run or export) and shows or downloads it.
// Bad input shows the page again with the message at its field.
func (s *Server) reportServe(w http.ResponseWriter, r *http.Request, format string) error {
	actor := s.actor(r)
	v := r.URL.Query()
	p := &ReportPage{BasePage: s.base(r, "report.title"), From: v.Get("from"), To: v.Get("to"), Scope: v.Get("scope"),
		Scopes: care.ReportScopes(actor.Role)}
	if len(p.Scopes) == 0 {
		// No scope for this role: the care service refuses and records it.
		_, err := s.care.RegistrationReport(r.Context(), actor, care.ReportQuery{Export: format})
		return err
	}
	q, err := care.ParseReportQuery(p.From, p.To, p.Scope, actor.Role, s.cfg.Now())
	if err == nil {
		q.Export = format
		p.Report, err = s.care.RegistrationReport(r.Context(), actor, q)
	}
	if fe, ok := fieldErrorsOf(err); ok {
		p.Errors, p.Report = fe, nil
		if p.Scope == "" {
			p.Scope = p.Scopes[0]
		}
		status := http.StatusUnprocessableEntity
		if r.URL.Path == "/" {
			// The coordinator's start page: nothing was typed yet.
			status = http.StatusOK
		}
		s.render(w, r, status, "reports", p)
		return nil
	}
	if err != nil {
		return err
	}
	name := "registratie-" + q.From.Format("2006-01-02") + "-" + q.To.Format("2006-01-02")
	switch format {
	case "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		w.Write(p.Report.CSV())
		return nil
	case "json":
		b, err := p.Report.JSON(q.Scope)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
		w.Write(b)
		return nil
	}
	p.From, p.To, p.Scope = q.From.Format("2006-01-02"), q.To.Format("2006-01-02"), q.Scope
	org, region, err := s.care.ReportRegion(r.Context(), actor)
	if err != nil {
		return err
	}
	s.fillReport(p, org, region)
	s.render(w, r, http.StatusOK, "reports", p)
	return nil
}

// fillReport lays the report out for the page: the key figures, the
// tables and their charts.
func (s *Server) fillReport(p *ReportPage, org, region string) {
	rep := p.Report
	switch p.Scope {
	case care.ReportRegion:
		label := p.T("directory.region." + region)
		if label == "directory.region."+region {
			label = region // set before regions were the kaart's
		}
		p.ScopeName = p.T("report.scope_name.region", "Name", label)
	case care.ReportOrganisation:
		p.ScopeName = p.T("report.scope_name.organisation", "Name", org)
	default:
		p.ScopeName = p.T("report.scope_name.caseload")
	}
	p.GroupsTitle = p.T("report.groups_title." + p.Scope)
	total := report.Cell{N: rep.DurationMinutes.N + rep.TravelMinutes.N + rep.RegistrationMinutes.N,
		Hidden: rep.DurationMinutes.Hidden}
	p.Hours = total.String()
	if !total.Hidden {
		p.Hours = strconv.FormatFloat(float64(total.N)/60, 'f', 1, 64)
		if p.Lang != "en" {
			p.Hours = strings.Replace(p.Hours, ".", ",", 1)
		}
	}

	items := func(prefix string, list []report.Item) []ReportRow {
		rows := make([]ReportRow, len(list))
		for i, it := range list {
			rows[i] = ReportRow{Label: p.T(prefix + it.Key), Value: it.Value.String()}
		}
		return rows
	}
	cells := func(pairs ...any) []ReportRow {
		var rows []ReportRow
		for i := 0; i+1 < len(pairs); i += 2 {
			rows = append(rows, ReportRow{Label: p.T(pairs[i].(string)), Value: pairs[i+1].(report.Cell).String()})
		}
		return rows
	}
	withChart := func(id, title string, list []report.Item, prefix string) ReportTable {
		t := ReportTable{ID: id, Title: p.T(title), Rows: items(prefix, list)}
		bars := make([]chart.Bar, len(list))
		for i, it := range list {
			bars[i] = chart.Bar{Label: t.Rows[i].Label, Value: it.Value.N, Shown: it.Value.String(), Hidden: it.Value.Hidden}
		}
		t.Chart = chart.Bars{ID: "chart-" + id, Title: t.Title, Desc: p.chartDesc(t.Rows), Bars: bars, Horizontal: true}.SVG()
		return t
	}
	p.Tables = []ReportTable{
		withChart("sex", "report.sex_title", rep.Sex, "report.sex."),
		withChart("age", "report.age_title", rep.Age, "report.age."),
		withChart("diagnosis", "report.diagnosis_title", rep.Diagnosis, "report.chapter."),
		{ID: "referrals", Title: p.T("report.referrals_title"), Rows: append(cells("report.referrals_total", rep.Referrals,
			"report.secondary", rep.Secondary), items("report.status.", rep.ReferralStatus)...)},
		{ID: "factors", Title: p.T("report.factors_title"), Rows: items("report.factor.", rep.ReferralFactor)},
		withChart("kind", "report.kind_title", rep.ContactKind, "contact.kind."),
		{ID: "with", Title: p.T("report.with_title"), Rows: items("contact.with.", rep.ContactWith)},
		{ID: "time", Title: p.T("report.time_title"), Rows: cells("report.duration", rep.DurationMinutes, "report.travel",
			rep.TravelMinutes, "report.registration", rep.RegistrationMinutes, "report.provider_contacts", rep.ProviderContacts,
			"report.provider_minutes", rep.ProviderMinutes)},
		{ID: "admissions", Title: p.T("report.admissions_title"), Note: p.T("report.admissions_how"), Rows: cells(
			"report.admitted", rep.Admitted, "report.admissions", rep.Admissions, "report.admitted_days", rep.AdmittedDays)},
		withChart("preferred", "report.preferred_title", rep.PreferredPlace, "report.place."),
	}
	last := &p.Tables[len(p.Tables)-1]
	last.Rows = append(last.Rows, cells("report.preferred_known", rep.PreferredKnown)...)
	d := rep.Deaths
	p.Tables = append(p.Tables, ReportTable{ID: "deaths", Title: p.T("report.deaths_title"), Rows: append(cells(
		"report.deaths_total", d.Died, "report.deaths_known", d.PreferredKnown, "report.deaths_met", d.PreferredMet,
		"report.deaths_aftercare", d.Aftercare), items("report.place.", d.Place)...)})

	months := ReportTable{ID: "months", Title: p.T("report.months_title")}
	bars := make([]chart.Bar, len(rep.Months))
	// Under the bars only the month's short name, every so many bars in a
	// long period: the table and the description give the year.
	every := (len(rep.Months) + 11) / 12
	for i, m := range rep.Months {
		label := p.MonthLabel(m)
		months.Rows = append(months.Rows, ReportRow{Label: label, Value: m.Contacts.String()})
		short, _, _ := strings.Cut(label, " ")
		if i%every != 0 {
			short = ""
		}
		bars[i] = chart.Bar{Label: short, Value: m.Contacts.N, Shown: m.Contacts.String(), Hidden: m.Contacts.Hidden}
	}
	months.Chart = chart.Bars{ID: "chart-months", Title: months.Title, Desc: p.chartDesc(months.Rows), Bars: bars}.SVG()
	p.Months = months
}

// chartDesc says the figures of a chart in words, for screen readers.
func (p *ReportPage) chartDesc(rows []ReportRow) string {
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = r.Label + ": " + r.Value
	}
	return p.T("report.chart_desc", "Rows", strings.Join(parts, "; "))
}

// Day shows a date.
func (p *ReportPage) Day(t time.Time) string { return formatDate(t, p.Lang) }
