package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The plan's history for the case managers: every saved version, and any
// two side by side with what changed marked.

// VersionsPage lists the saved versions of a family's plan.
type VersionsPage struct {
	PlanView
	Versions []care.PlanVersionInfo // newest first
	A, B     int                    // the versions the compare form starts with
}

// VersionChoices are the version numbers to compare, newest first.
func (p *VersionsPage) VersionChoices() []int { return versionChoices(p.File.Plan) }

// CompareURL compares version n with the one before it.
func (p *VersionsPage) CompareURL(n int) string {
	return p.PlanURL("/compare?a=" + strconv.Itoa(n-1) + "&b=" + strconv.Itoa(n))
}

func versionChoices(plan *care.CarePlan) []int {
	if plan == nil {
		return nil
	}
	out := make([]int, 0, plan.Version)
	for n := plan.Version; n >= 1; n-- {
		out = append(out, n)
	}
	return out
}

func (s *Server) carePlanVersions(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	h, err := s.care.CarePlanHistory(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	p := &VersionsPage{PlanView: s.planView(r, "careplan.view.versions_title", h.Page), Versions: h.Versions}
	if plan := h.Page.Plan; plan != nil {
		p.A, p.B = max(plan.Version-1, 1), plan.Version
	}
	s.render(w, r, http.StatusOK, "careplan_versions", p)
	return nil
}

// ComparePage sets two versions of the plan side by side.
type ComparePage struct {
	PlanView
	A, B        int
	OnlyChanges bool
	Cmp         *care.Comparison // nil when the versions could not be compared
	Groups      []CompareGroup
	Changed     int    // rows that differ
	Problem     string // catalog key of why nothing is compared
}

// CompareGroup is the rows of one part of the plan.
type CompareGroup struct {
	Section string
	Rows    []care.DiffRow
}

// VersionChoices are the version numbers to compare, newest first.
func (p *ComparePage) VersionChoices() []int { return versionChoices(p.File.Plan) }

// Value shows a value of a row: a coded value in words, text as it is.
func (p *ComparePage) Value(row care.DiffRow, v string) string {
	if v == "" || row.Code == "" {
		return v
	}
	return p.T(row.Code + v)
}

// ChangeText says in words how a row changed.
func (p *ComparePage) ChangeText(change string) string {
	return p.T("careplan.view.change." + change)
}

// VersionLine says when and by whom a version was saved.
func (p *ComparePage) VersionLine(v *care.CarePlan) string {
	return p.T("careplan.view.saved_by", "Name", p.SavedBy(v.SavedBy), "Date", p.Date(v.SavedAt))
}

// versionPair reads the versions to compare from the query: a missing a
// is the version before b, a missing b the current one. It returns the
// status and catalog key of the problem when a or b is not a version of a
// plan whose current version is current.
func versionPair(q url.Values, current int) (a, b, status int, problem string) {
	read := func(name string) (int, bool) {
		s := q.Get(name)
		if s == "" {
			return 0, true
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || len(s) > 9 {
			return 0, false
		}
		return n, true
	}
	a, okA := read("a")
	b, okB := read("b")
	switch {
	case !okA || !okB:
		return 0, 0, http.StatusBadRequest, "careplan.view.compare_unreadable"
	case current < 1:
		return 0, 0, http.StatusNotFound, "careplan.none"
	}
	if b == 0 {
		b = current
	}
	if a == 0 {
		a = max(min(b, current)-1, 1)
	}
	if a > current || b > current {
		return 0, 0, http.StatusNotFound, "careplan.view.compare_missing"
	}
	return a, b, http.StatusOK, ""
}

func (s *Server) carePlanCompare(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	var current, status int
	var problem string
	pc, err := s.care.ComparePlanVersions(r.Context(), s.actor(r), id, func(cur int) (a, b int, ok bool) {
		current = cur
		a, b, status, problem = versionPair(q, cur)
		return a, b, problem == ""
	})
	if err != nil {
		return err
	}
	p := &ComparePage{PlanView: s.planView(r, "careplan.view.compare_title", pc.Page), OnlyChanges: q.Get("changes") == "1"}
	if problem != "" {
		p.Problem = problem
		p.A, p.B = max(current-1, 1), current
		s.render(w, r, status, "careplan_compare", p)
		return nil
	}
	p.A, p.B, p.Cmp = pc.A.Version, pc.B.Version, pc.Comparison
	for _, row := range p.Cmp.Rows {
		if row.Change != "" {
			p.Changed++
		} else if p.OnlyChanges {
			continue
		}
		if n := len(p.Groups); n == 0 || p.Groups[n-1].Section != row.Section {
			p.Groups = append(p.Groups, CompareGroup{Section: row.Section})
		}
		g := &p.Groups[len(p.Groups)-1]
		g.Rows = append(g.Rows, row)
	}
	s.render(w, r, http.StatusOK, "careplan_compare", p)
	return nil
}
