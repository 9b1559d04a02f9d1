package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The coverage plan as the family and a provider read it: what runs, who
// pays and how, until when, what is being arranged and by whom. One page
// behind two doors; the care service decides, and records, whether this
// family's coverage may be seen through the door (a provider only with
// consent for the whole file).

// CoverageViewPage is the coverage plan for the family ("jullie", a child
// in simpler words) or a provider ("u").
type CoverageViewPage struct {
	CarePage
	Cov      *care.CoverageFile
	Base     string // the family's page in this view
	Provider bool
}

// W says key in the reader's words: a provider's version of a key has
// "provider." after its first part, a child's "child."; a key without
// one falls back to the family's words.
func (p *CoverageViewPage) W(key string, data ...any) string {
	if p.Provider {
		if head, tail, ok := strings.Cut(key, "."); ok {
			if v := p.T(head+".provider."+tail, data...); v != head+".provider."+tail {
				return v
			}
		}
	}
	return p.ForChild(p.Cov.IsChild, key, data...)
}

// ChildName is the child's name.
func (p *CoverageViewPage) ChildName() string { return p.Cov.Family.ChildName }

// coverageRank orders the items by what needs attention first: an
// objection, a lapse, an end near, what is being arranged, what runs and
// at last what stopped.
var coverageRank = map[care.CoverageState]int{care.StateObjection: 0, care.StateLapsed: 1, care.StateEnding: 2,
	care.StateArranging: 3, care.StateRunning: 4, care.StateStopped: 5}

// Items are the coverage items, what needs attention first.
func (p *CoverageViewPage) Items() []care.CoverageItem {
	items := slices.Clone(p.Cov.Items)
	slices.SortStableFunc(items, func(a, b care.CoverageItem) int {
		return coverageRank[p.Cov.StateOf(&a)] - coverageRank[p.Cov.StateOf(&b)]
	})
	return items
}

// State is the item's state on today, for the badge.
func (p *CoverageViewPage) State(c care.CoverageItem) string { return string(p.Cov.StateOf(&c)) }

// StateClass is the badge's colour for a state.
func (p *CoverageViewPage) StateClass(c care.CoverageItem) string {
	switch p.Cov.StateOf(&c) {
	case care.StateRunning:
		return "ok"
	case care.StateStopped:
		return "off"
	}
	return "warn"
}

// Until says until when the item runs: its last day, the day before the
// 18th birthday for youth care, or without an end.
func (p *CoverageViewPage) Until(c care.CoverageItem) string {
	end := p.Cov.EndOf(&c)
	switch {
	case p.Cov.AtEighteen(&c):
		return p.W("coverage_view.until_eighteen", "Date", p.Date(end))
	case end.IsZero():
		return p.W("coverage_view.no_end")
	}
	return p.W("coverage_view.until", "Date", p.Date(end))
}

// Arranger says who arranges the next step of an item: the case manager,
// the family or the provider.
func (p *CoverageViewPage) Arranger(c care.CoverageItem) string {
	if c.Applicant == "" {
		return ""
	}
	return p.W("coverage_view.applicant." + c.Applicant)
}

// Hours says the hours a week, "" for none.
func (p *CoverageViewPage) Hours(c care.CoverageItem) string {
	h := c.Current().HoursPerWeek
	if h <= 0 {
		return ""
	}
	return p.T("coverage_view.hours", "N", coverageHours(h, p.Lang))
}

// Amount says a budget a year in euros, "" for none.
func (p *CoverageViewPage) Amount(c care.CoverageItem) string {
	cents := c.Current().AmountCents
	if cents <= 0 {
		return ""
	}
	return p.T("coverage_view.amount", "Euro", coverageEuros(cents, p.Lang))
}

// Waited says how long an aid has waited, or waited until its delivery.
func (p *CoverageViewPage) Waited(a care.Aid) string {
	days := a.WaitingDays(p.Today)
	switch {
	case a.Requested.IsZero() || !a.Open() && a.Status != care.AidDelivered:
		return ""
	case a.Status == care.AidDelivered:
		return p.W("coverage_view.aid_waited", "N", days)
	}
	return p.W("coverage_view.aid_waiting", "N", days, "Date", p.Date(a.Requested))
}

// TooLong reports whether the aid still waits, longer than six weeks.
func (p *CoverageViewPage) TooLong(a care.Aid) bool { return a.WaitingTooLong(p.Today) }

// Eighteen is the day the child turns 18 when that is still ahead and
// matters to the coverage: some care ends there, or the child is 16 or
// older; zero otherwise.
func (p *CoverageViewPage) Eighteen() time.Time {
	f := p.Cov.Family
	if f.Deceased || f.Unborn || f.BirthDate.IsZero() {
		return time.Time{}
	}
	e := care.Eighteenth(f.BirthDate)
	if !e.After(p.Today) {
		return time.Time{}
	}
	if care.AgeOn(f.BirthDate, p.Today) >= 16 || slices.ContainsFunc(p.Cov.Items, func(c care.CoverageItem) bool { return p.Cov.AtEighteen(&c) }) {
		return e
	}
	return time.Time{}
}

// EndingAtEighteen are the items that end when the child turns 18.
func (p *CoverageViewPage) EndingAtEighteen() []care.CoverageItem {
	var out []care.CoverageItem
	for _, c := range p.Cov.Items {
		if p.Cov.AtEighteen(&c) && p.Cov.StateOf(&c) != care.StateStopped {
			out = append(out, c)
		}
	}
	return out
}

// DocURL is where the family downloads a document of the coverage plan.
func (p *CoverageViewPage) DocURL(d care.Document) string {
	return p.Base + "/coverage/documents/" + strconv.FormatInt(d.ID, 10)
}

// coverageView is the coverage page behind the door view: the family's
// or a provider's.
func (s *Server) coverageView(view care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		cf, err := s.care.Coverage(r.Context(), s.actor(r), view, id)
		if err != nil {
			return err
		}
		p := &CoverageViewPage{CarePage: s.carePage(r, "coverage_view.title"), Cov: cf, Base: myFamilyURL(id, "")}
		if view == care.ViewProvider {
			p.Provider, p.Base = true, providerURL(id, "")
		}
		p.Path = p.Base + "/coverage"
		s.render(w, r, http.StatusOK, "coverage_view", p)
		return nil
	}
}

// coverageHours writes hours a week as "12,5" (Dutch) or "12.5".
func coverageHours(h float64, lang string) string {
	s := strconv.FormatFloat(h, 'f', -1, 64)
	if lang != "en" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// coverageEuros writes an amount in cents as whole euros with thousands
// separated: "12.500" (Dutch) or "12,500".
func coverageEuros(cents int64, lang string) string {
	sep := "."
	if lang == "en" {
		sep = ","
	}
	digits := strconv.FormatInt((cents+50)/100, 10)
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ShowsCoverage reports whether the family's consent lets the provider
// see the coverage plan, so the provider's page links to it.
func (p *ProviderPage) ShowsCoverage() bool { return care.ScopeCovers(p.File.Scope, care.PartCoverage) }
