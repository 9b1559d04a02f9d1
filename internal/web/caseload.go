package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// CaseloadPage lists the families a case manager is assigned to.
type CaseloadPage struct {
	CarePage
	Items      []care.CaseloadItem
	Query      string
	QueryError string // why the search was refused, a catalog key
	Sort       string // "next", "name" or "attention"
	HandedOver bool   // the case manager just handed a file to a colleague
	// Filter is the signal the list is filtered on ("" for none); Counts
	// how many families each filter holds, of the whole list.
	Filter string
	Counts map[string]int
	All    int
}

// Filters are the signals the caseload filters on.
func (p *CaseloadPage) Filters() []string { return care.CaseloadFilters }

// Explain is a signal's explanation for the case managers.
func (p *CaseloadPage) Explain(sg care.Signal) string {
	return signalText(p.translator, p.Lang, sg, false)
}

// caseloadSorts are the orders the list offers; anything else is "next".
var caseloadSorts = []string{"next", "name", "attention"}

func (s *Server) caseload(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := &CaseloadPage{CarePage: s.carePage(r, "caseload.title"), Sort: "next", HandedOver: q.Get("handed_over") == "1"}
	if sortBy := q.Get("sort"); slices.Contains(caseloadSorts, sortBy) {
		p.Sort = sortBy
	}
	p.Query = strings.TrimSpace(q.Get("q"))
	items, err := s.care.Caseload(r.Context(), s.actor(r), p.Query, p.Sort)
	if fe, ok := fieldErrorsOf(err); ok {
		// The search is refused as the API refuses it; the page keeps
		// what was typed and says why next to it.
		p.Query, p.QueryError = strings.ToValidUTF8(strings.ReplaceAll(p.Query, "\x00", ""), ""), fe["q"]
		s.render(w, r, http.StatusUnprocessableEntity, "caseload", p)
		return nil
	}
	if err != nil {
		return err
	}
	if f := q.Get("filter"); slices.Contains(care.CaseloadFilters, f) {
		p.Filter = f
	}
	p.Counts, p.All = care.CountCaseload(items, p.Today), len(items)
	p.Items = care.FilterCaseload(items, p.Filter, p.Today)
	if p.Sort == "attention" {
		care.SortByAttention(p.Items, p.Today)
	}
	s.render(w, r, http.StatusOK, "caseload", p)
	return nil
}
