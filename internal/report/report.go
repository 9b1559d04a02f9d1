// Package report computes the registration report of case management
// (the CaPalCa minimum data set) from narrow rows of the family files:
// counts and minutes per period, scope and group, never a name, a date of
// birth or free text. It holds no storage: the care service reads the
// rows and hands them over, and the surfaces show or export the result.
package report

import (
	"sort"
	"time"
)

// MinCell is the smallest count of children a report shows as it is to
// anyone but the case manager of the children: fewer are shown as "<5".
const MinCell = 5

// Period is a span of days, both included, as dates at midnight UTC.
type Period struct {
	From, To time.Time
}

// Contains reports whether day lies in the period.
func (p Period) Contains(day time.Time) bool {
	return !day.Before(p.From) && !day.After(p.To)
}

// Months returns the first day of every month the period touches.
func (p Period) Months() []time.Time {
	var out []time.Time
	m := time.Date(p.From.Year(), p.From.Month(), 1, 0, 0, 0, 0, time.UTC)
	for !m.After(p.To) {
		out = append(out, m)
		m = m.AddDate(0, 1, 0)
	}
	return out
}

// Child is one family's child as the report needs it.
type Child struct {
	FamilyID int64
	// Groups are the rows of the breakdown the child counts in: the
	// organisation, or each of the child's case managers.
	Groups    []string
	Sex       string // female, male, other, unknown
	BirthDate time.Time
	Unborn    bool
	ICD10     string // the main diagnosis's code, "" when none
	Secondary int    // how many secondary diagnoses
	// The referral for case management: its date, status (offered,
	// accepted, declined, ended) and the date of that status, and the
	// three deciding factors.
	ReferralDate                                 time.Time
	Status                                       string
	StatusDate                                   time.Time
	FactorWish, FactorComplexity, FactorCapacity bool
	// PreferredPlace is the preferred place of death in the care plan's
	// proactive care planning as it stood at the period's end: one of
	// home, hospital, hospice, other, not_now or not_discussed; "" when
	// there was no plan.
	PreferredPlace string
	// Admissions and AdmittedDays are the hospital admissions of the
	// three months up to the period's end (or the day of death), as the
	// care service counts them.
	Admissions, AdmittedDays int
}

// Contact is one registered contact.
type Contact struct {
	FamilyID int64
	Group    string // the organisation, or the case manager who registered it
	Date     time.Time
	Kind     string // home_visit, phone, video, email, meeting
	With     string // child, parent, both, provider, family
	// Minutes of the contact itself, of travel and of registering it.
	DurationMin, TravelMin, RegistrationMin int
}

// Intensity is a change of the intensity of case management.
type Intensity struct {
	FamilyID int64
	At       time.Time
	Level    string // intensive, regular, waakvlam
}

// Death is what the death record says of one child, as far as the report
// uses it.
type Death struct {
	FamilyID int64
	DiedOn   time.Time
	Place    string // home, hospital, hospice, other
	// PreferredKnown: the preferred place of death was known before the
	// death; PreferredMet: the child died there.
	PreferredKnown, PreferredMet bool
	Aftercare                    bool // aftercare was given to the family
}

// Input is everything a report is computed from.
type Input struct {
	Period      Period
	Children    []Child
	Contacts    []Contact
	Intensities []Intensity // in order of time per family
	// Deaths are the death records in force of the children.
	Deaths []Death
}

// The keys of the distributions.
var (
	Sexes          = []string{"female", "male", "other", "unknown"}
	AgeBands       = []string{"unborn", "0", "1-4", "5-11", "12-15", "16-17", "18+"}
	Statuses       = []string{"offered", "accepted", "declined", "ended"}
	Factors        = []string{"wish", "complexity", "capacity"}
	ContactKinds   = []string{"home_visit", "phone", "video", "email", "meeting"}
	ContactWith    = []string{"child", "parent", "both", "provider", "family"}
	Places         = []string{"home", "hospital", "hospice", "other"}
	PreferredKinds = []string{"home", "hospital", "hospice", "other", "not_now", "not_discussed"}
	Levels         = []string{"intensive", "regular", "waakvlam"}
)

// Cell is one figure. Hidden says it is shown as "<5": it counts fewer
// than MinCell children, or belongs to a group that small.
type Cell struct {
	N      int
	Hidden bool
}

// Item is one figure of a distribution.
type Item struct {
	Key   string
	Value Cell
}

// Deaths are the figures of the death records.
type Deaths struct {
	Died           Cell   // children who died in the period
	Place          []Item // where they died
	PreferredKnown Cell   // of them, whose preferred place was known
	PreferredMet   Cell   // of them, who died at the preferred place
	Aftercare      Cell   // of them, whose family was given aftercare
}

// Month is the figures of one month of the period.
type Month struct {
	Month    time.Time // its first day
	Contacts Cell
	Minutes  Cell // contact, travel and registration minutes together
	// Children in case management at the month's end (or the period's),
	// by the intensity in force that day.
	Intensive, Regular, Waakvlam Cell
}

// Group is one row of the breakdown by organisation or case manager.
type Group struct {
	Name     string
	Children Cell
	Contacts Cell
	Minutes  Cell
}

// Report is the registration report of one scope and period.
type Report struct {
	Period Period
	// Anonymised says small cells are hidden: for everyone but the case
	// manager reading their own caseload.
	Anonymised bool

	Children  Cell
	Sex       []Item
	Age       []Item
	Diagnosis []Item // by ICD-10 chapter of the main diagnosis
	Secondary Cell   // children with a secondary diagnosis

	Referrals      Cell
	ReferralStatus []Item
	ReferralFactor []Item

	Contacts            Cell
	ContactKind         []Item
	ContactWith         []Item
	ProviderContacts    Cell
	ProviderMinutes     Cell
	DurationMinutes     Cell
	TravelMinutes       Cell
	RegistrationMinutes Cell

	Admitted     Cell // children with an admission in the three months
	Admissions   Cell
	AdmittedDays Cell

	PreferredPlace []Item // the care plan's preferred place of death
	PreferredKnown Cell   // children whose preferred place is known

	Deaths Deaths

	Months []Month
	Groups []Group
}

// InCare reports whether the child counts in the report: referred by the
// period's end, not declined, and case management not ended before the
// period began.
func (c *Child) InCare(p Period) bool {
	switch {
	case c.ReferralDate.After(p.To), c.Status == "declined":
		return false
	case c.Status == "ended" && c.StatusDate.Before(p.From):
		return false
	}
	return true
}

// inCareOn reports whether case management ran on day.
func (c *Child) inCareOn(day time.Time) bool {
	if c.ReferralDate.After(day) || c.Status == "declined" {
		return false
	}
	return !(c.Status == "ended" && c.StatusDate.Before(day))
}

// AgeBand is the band of the child's age in full years on day.
func AgeBand(birth time.Time, unborn bool, day time.Time) string {
	if unborn || birth.After(day) {
		return "unborn"
	}
	years := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		years--
	}
	switch {
	case years < 1:
		return "0"
	case years < 5:
		return "1-4"
	case years < 12:
		return "5-11"
	case years < 16:
		return "12-15"
	case years < 18:
		return "16-17"
	}
	return "18+"
}

// counter counts by key, keeping the order of its keys.
type counter struct {
	keys []string
	n    map[string]int
}

func newCounter(keys []string) *counter { return &counter{keys: keys, n: map[string]int{}} }

func (c *counter) add(key string, n int) {
	if _, ok := c.n[key]; !ok && !contains(c.keys, key) {
		c.keys = append(c.keys, key)
	}
	c.n[key] += n
}

func (c *counter) items() []Item {
	out := make([]Item, len(c.keys))
	for i, k := range c.keys {
		out[i] = Item{Key: k, Value: Cell{N: c.n[k]}}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Compute computes the report of in, in one pass over each kind of row.
// Nothing is hidden yet: see Anonymise.
func Compute(in Input) *Report {
	p := in.Period
	r := &Report{Period: p}
	sex, age, diag := newCounter(Sexes), newCounter(AgeBands), newCounter(Chapters)
	status, factor := newCounter(Statuses), newCounter(Factors)
	preferred := newCounter(PreferredKinds)
	groups := map[string]*Group{}
	group := func(name string) *Group {
		g := groups[name]
		if g == nil {
			g = &Group{Name: name}
			groups[name] = g
		}
		return g
	}
	inCare := map[int64]*Child{}
	for i := range in.Children {
		c := &in.Children[i]
		if p.Contains(c.ReferralDate) {
			r.Referrals.N++
			status.add(c.Status, 1)
			for k, on := range map[string]bool{"wish": c.FactorWish, "complexity": c.FactorComplexity, "capacity": c.FactorCapacity} {
				if on {
					factor.add(k, 1)
				}
			}
		}
		if !c.InCare(p) {
			continue
		}
		inCare[c.FamilyID] = c
		r.Children.N++
		sex.add(c.Sex, 1)
		age.add(AgeBand(c.BirthDate, c.Unborn, p.To), 1)
		diag.add(Chapter(c.ICD10), 1)
		if c.Secondary > 0 {
			r.Secondary.N++
		}
		place := c.PreferredPlace
		if place == "" {
			place = "not_discussed"
		}
		preferred.add(place, 1)
		if contains(Places, place) {
			r.PreferredKnown.N++
		}
		if c.Admissions > 0 || c.AdmittedDays > 0 {
			r.Admitted.N++
		}
		r.Admissions.N += c.Admissions
		r.AdmittedDays.N += c.AdmittedDays
		for _, g := range c.Groups {
			group(g).Children.N++
		}
	}
	r.Sex, r.Age, r.Diagnosis = sex.items(), age.items(), dropEmpty(diag.items(), Chapters[:len(Chapters)-2])
	r.ReferralStatus, r.ReferralFactor, r.PreferredPlace = status.items(), factor.items(), preferred.items()

	months := p.Months()
	r.Months = make([]Month, len(months))
	monthOf := map[time.Time]int{}
	for i, m := range months {
		r.Months[i].Month = m
		monthOf[m] = i
	}
	kind, with := newCounter(ContactKinds), newCounter(ContactWith)
	for _, c := range in.Contacts {
		if !p.Contains(c.Date) {
			continue
		}
		minutes := c.DurationMin + c.TravelMin + c.RegistrationMin
		r.Contacts.N++
		kind.add(c.Kind, 1)
		with.add(c.With, 1)
		if c.With == "provider" {
			r.ProviderContacts.N++
			r.ProviderMinutes.N += c.DurationMin
		}
		r.DurationMinutes.N += c.DurationMin
		r.TravelMinutes.N += c.TravelMin
		r.RegistrationMinutes.N += c.RegistrationMin
		m := &r.Months[monthOf[time.Date(c.Date.Year(), c.Date.Month(), 1, 0, 0, 0, 0, time.UTC)]]
		m.Contacts.N++
		m.Minutes.N += minutes
		if c.Group != "" {
			g := group(c.Group)
			g.Contacts.N++
			g.Minutes.N += minutes
		}
	}
	r.ContactKind, r.ContactWith = kind.items(), with.items()

	// The intensity of each child at each month's end: the last change on
	// or before that day.
	byFamily := map[int64][]Intensity{}
	for _, c := range in.Intensities {
		byFamily[c.FamilyID] = append(byFamily[c.FamilyID], c)
	}
	for i := range r.Months {
		day := r.Months[i].Month.AddDate(0, 1, -1)
		if day.After(p.To) {
			day = p.To
		}
		end := day.AddDate(0, 0, 1)
		for id, c := range inCare {
			if !c.inCareOn(day) {
				continue
			}
			level := ""
			for _, ch := range byFamily[id] {
				if ch.At.Before(end) {
					level = ch.Level
				}
			}
			switch level {
			case "intensive":
				r.Months[i].Intensive.N++
			case "regular":
				r.Months[i].Regular.N++
			case "waakvlam":
				r.Months[i].Waakvlam.N++
			}
		}
	}

	{
		d := &r.Deaths
		place := newCounter(Places)
		for _, x := range in.Deaths {
			if _, ok := inCare[x.FamilyID]; !ok || !p.Contains(x.DiedOn) {
				continue
			}
			d.Died.N++
			place.add(x.Place, 1)
			if x.PreferredKnown {
				d.PreferredKnown.N++
			}
			if x.PreferredMet {
				d.PreferredMet.N++
			}
			if x.Aftercare {
				d.Aftercare.N++
			}
		}
		d.Place = place.items()
	}

	names := make([]string, 0, len(groups))
	for name := range groups {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		r.Groups = append(r.Groups, *groups[name])
	}
	return r
}

// dropEmpty leaves out the items of optional keys that counted nothing:
// of 22 chapters, a report lists those that occur.
func dropEmpty(items []Item, optional []string) []Item {
	out := items[:0]
	for _, it := range items {
		if it.Value.N == 0 && contains(optional, it.Key) {
			continue
		}
		out = append(out, it)
	}
	return out
}
