package web

import (
	"net/http"
	"slices"

	"github.com/spil-zorg/spil/internal/care"
)

// WorklistPage is a case manager's open tasks across all their families,
// by due date, filtered by kind of owner and to the overdue ones.
type WorklistPage struct {
	CarePage
	Items   []care.WorklistItem
	Kinds   []string // the kinds of owner to filter by
	Kind    string   // the kind chosen; "" for all
	Overdue bool     // only the tasks past their due date
	Full    bool     // the list holds as many tasks as it can show
}

// Late reports whether a task of the list is past its due date.
func (p *WorklistPage) Late(it care.WorklistItem) bool { return !it.Deceased && it.Overdue(p.Today) }

// Owner says who a task of the list is for: the name with the role in the
// network ("huisarts"), or with the kind; the kind alone without a name.
func (p *WorklistPage) Owner(it care.WorklistItem) string {
	kind := it.OwnerKindShown()
	switch {
	case it.OwnerName == "":
		return p.Label("task.owner.", kind)
	case it.OwnerRole != "":
		return it.OwnerName + " (" + p.Label("network.role.", it.OwnerRole) + ")"
	}
	return it.OwnerName + " (" + p.T("task.owner."+kind) + ")"
}

// worklist is GET /taken: one query over the caseload, through the care
// service. An owner kind outside the list shows every kind.
func (s *Server) worklist(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := &WorklistPage{CarePage: s.carePage(r, "task.worklist_title"), Kinds: care.OwnerKinds, Overdue: q.Get("overdue") == "1"}
	if k := q.Get("owner"); slices.Contains(care.OwnerKinds, k) {
		p.Kind = k
	}
	items, err := s.care.Worklist(r.Context(), s.actor(r), p.Kind, p.Overdue)
	if err != nil {
		return err
	}
	p.Items, p.Full = items, len(items) >= care.MaxWorklist
	s.render(w, r, http.StatusOK, "worklist", p)
	return nil
}
