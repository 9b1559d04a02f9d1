package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
)

// Line is one figure of the report in long form: what it is part of,
// which figure, and its value as shown ("<5" when hidden).
type Line struct {
	Section, Item, Value string
}

const day = "2006-01-02"

// Lines lists every figure of the report, in the order of the page.
func (r *Report) Lines() []Line {
	var out []Line
	add := func(section, item string, c Cell) { out = append(out, Line{section, item, c.String()}) }
	items := func(section string, list []Item) {
		for _, it := range list {
			add(section, it.Key, it.Value)
		}
	}
	out = append(out, Line{"period", "from", r.Period.From.Format(day)}, Line{"period", "to", r.Period.To.Format(day)})
	add("children", "total", r.Children)
	items("children_sex", r.Sex)
	items("children_age", r.Age)
	items("children_diagnosis", r.Diagnosis)
	add("children", "secondary_diagnosis", r.Secondary)
	add("referrals", "total", r.Referrals)
	items("referrals_status", r.ReferralStatus)
	items("referrals_factor", r.ReferralFactor)
	add("contacts", "total", r.Contacts)
	items("contacts_kind", r.ContactKind)
	items("contacts_with", r.ContactWith)
	add("contacts", "with_providers", r.ProviderContacts)
	add("contacts", "with_providers_minutes", r.ProviderMinutes)
	add("minutes", "duration", r.DurationMinutes)
	add("minutes", "travel", r.TravelMinutes)
	add("minutes", "registration", r.RegistrationMinutes)
	add("admissions", "children", r.Admitted)
	add("admissions", "total", r.Admissions)
	add("admissions", "days", r.AdmittedDays)
	items("preferred_place", r.PreferredPlace)
	add("preferred_place", "known", r.PreferredKnown)
	add("deaths", "total", r.Deaths.Died)
	items("deaths_place", r.Deaths.Place)
	add("deaths", "preferred_known", r.Deaths.PreferredKnown)
	add("deaths", "preferred_met", r.Deaths.PreferredMet)
	add("deaths", "aftercare", r.Deaths.Aftercare)
	for _, m := range r.Months {
		k := m.Month.Format("2006-01")
		add("month_contacts", k, m.Contacts)
		add("month_minutes", k, m.Minutes)
		add("month_intensive", k, m.Intensive)
		add("month_regular", k, m.Regular)
		add("month_waakvlam", k, m.Waakvlam)
	}
	for _, g := range r.Groups {
		add("group_children", g.Name, g.Children)
		add("group_contacts", g.Name, g.Contacts)
		add("group_minutes", g.Name, g.Minutes)
	}
	return out
}

// CSV writes the lines as comma-separated values with a header. A cell
// that a spreadsheet would take for a formula is neutralised.
func (r *Report) CSV() []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"section", "item", "value"})
	for _, l := range r.Lines() {
		w.Write([]string{SafeCell(l.Section), SafeCell(l.Item), SafeCell(l.Value)})
	}
	w.Flush()
	return buf.Bytes()
}

// SafeCell neutralises formula injection: a cell that starts with = + -
// @, a tab or a carriage return gets a leading quote, so a spreadsheet
// shows it as text instead of running it.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// jsonReport is the report as JSON: the same figures as the CSV, shaped.
type jsonReport struct {
	From       string       `json:"from"`
	To         string       `json:"to"`
	Scope      string       `json:"scope"`
	Anonymised bool         `json:"anonymised"`
	Children   jsonChild    `json:"children"`
	Referrals  jsonReferral `json:"referrals"`
	Contacts   jsonContact  `json:"contacts"`
	Admissions jsonAdmit    `json:"admissions"`
	Preferred  jsonPrefer   `json:"preferred_place_of_death"`
	Deaths     jsonDeaths   `json:"deaths"`
	Months     []jsonMonth  `json:"months"`
	Groups     []jsonGroup  `json:"groups"`
}

type jsonChild struct {
	Total     Cell            `json:"total"`
	Sex       map[string]Cell `json:"sex"`
	Age       map[string]Cell `json:"age"`
	Diagnosis map[string]Cell `json:"diagnosis_chapter"`
	Secondary Cell            `json:"secondary_diagnosis"`
}

type jsonReferral struct {
	Total  Cell            `json:"total"`
	Status map[string]Cell `json:"status"`
	Factor map[string]Cell `json:"factor"`
}

type jsonContact struct {
	Total               Cell            `json:"total"`
	Kind                map[string]Cell `json:"kind"`
	With                map[string]Cell `json:"with"`
	WithProviders       Cell            `json:"with_providers"`
	WithProvidersMin    Cell            `json:"with_providers_minutes"`
	DurationMinutes     Cell            `json:"duration_minutes"`
	TravelMinutes       Cell            `json:"travel_minutes"`
	RegistrationMinutes Cell            `json:"registration_minutes"`
}

type jsonAdmit struct {
	Children Cell `json:"children"`
	Total    Cell `json:"total"`
	Days     Cell `json:"days"`
}

type jsonPrefer struct {
	Known Cell            `json:"known"`
	Place map[string]Cell `json:"place"`
}

type jsonDeaths struct {
	Total          Cell            `json:"total"`
	Place          map[string]Cell `json:"place"`
	PreferredKnown Cell            `json:"preferred_known"`
	PreferredMet   Cell            `json:"preferred_met"`
	Aftercare      Cell            `json:"aftercare"`
}

type jsonMonth struct {
	Month     string `json:"month"`
	Contacts  Cell   `json:"contacts"`
	Minutes   Cell   `json:"minutes"`
	Intensive Cell   `json:"intensive"`
	Regular   Cell   `json:"regular"`
	Waakvlam  Cell   `json:"waakvlam"`
}

type jsonGroup struct {
	Name     string `json:"name"`
	Children Cell   `json:"children"`
	Contacts Cell   `json:"contacts"`
	Minutes  Cell   `json:"minutes"`
}

func itemMap(list []Item) map[string]Cell {
	m := make(map[string]Cell, len(list))
	for _, it := range list {
		m[it.Key] = it.Value
	}
	return m
}

// JSON writes the report as JSON; scope names what it covers.
func (r *Report) JSON(scope string) ([]byte, error) {
	out := jsonReport{
		From: r.Period.From.Format(day), To: r.Period.To.Format(day), Scope: scope, Anonymised: r.Anonymised,
		Children: jsonChild{Total: r.Children, Sex: itemMap(r.Sex), Age: itemMap(r.Age), Diagnosis: itemMap(r.Diagnosis),
			Secondary: r.Secondary},
		Referrals: jsonReferral{Total: r.Referrals, Status: itemMap(r.ReferralStatus), Factor: itemMap(r.ReferralFactor)},
		Contacts: jsonContact{Total: r.Contacts, Kind: itemMap(r.ContactKind), With: itemMap(r.ContactWith),
			WithProviders: r.ProviderContacts, WithProvidersMin: r.ProviderMinutes, DurationMinutes: r.DurationMinutes,
			TravelMinutes: r.TravelMinutes, RegistrationMinutes: r.RegistrationMinutes},
		Admissions: jsonAdmit{Children: r.Admitted, Total: r.Admissions, Days: r.AdmittedDays},
		Preferred:  jsonPrefer{Known: r.PreferredKnown, Place: itemMap(r.PreferredPlace)},
		Deaths: jsonDeaths{Total: r.Deaths.Died, Place: itemMap(r.Deaths.Place), PreferredKnown: r.Deaths.PreferredKnown,
			PreferredMet: r.Deaths.PreferredMet, Aftercare: r.Deaths.Aftercare},
		Months: make([]jsonMonth, 0, len(r.Months)),
		Groups: make([]jsonGroup, 0, len(r.Groups)),
	}
	for _, m := range r.Months {
		out.Months = append(out.Months, jsonMonth{Month: m.Month.Format("2006-01"), Contacts: m.Contacts, Minutes: m.Minutes,
			Intensive: m.Intensive, Regular: m.Regular, Waakvlam: m.Waakvlam})
	}
	for _, g := range r.Groups {
		out.Groups = append(out.Groups, jsonGroup(g))
	}
	return json.MarshalIndent(out, "", "  ")
}
