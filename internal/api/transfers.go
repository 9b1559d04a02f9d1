package api

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Transfers over the API: reading goes through the door of the caller's
// role (the case managers, the family, a provider with consent; a
// provider whose consent does not cover tasks gets no checklist); planning
// one is for the case managers. The handoff summary of a transfer is the
// same summary the pages show, through the same doors.

// apiMaxTransferItems bounds the checklist of one request.
const apiMaxTransferItems = 20

type apiTransferItemIn struct {
	Item    string      `json:"item"`
	Title   string      `json:"title"`
	Owner   *apiOwnerIn `json:"owner"`
	DueDate string      `json:"due_date"`
}

type apiTransferIn struct {
	FromKind  string              `json:"from_kind"`
	FromPlace string              `json:"from_place"`
	ToKind    string              `json:"to_kind"`
	ToPlace   string              `json:"to_place"`
	PlannedOn string              `json:"planned_on"`
	Note      string              `json:"note"`
	Checklist []apiTransferItemIn `json:"checklist"`
}

// decodeTransferJSON reads POST /api/v1/families/{id}/transfers. Each
// checklist item's errors are named "<item>_<field>", as the care
// service names them.
func decodeTransferJSON(b []byte) (care.Transfer, []care.TransferStep, error) {
	var in apiTransferIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Transfer{}, nil, err
	}
	fe := care.FieldErrors{}
	t := care.Transfer{
		FromKind: strings.TrimSpace(in.FromKind), FromPlace: strings.TrimSpace(in.FromPlace),
		ToKind: strings.TrimSpace(in.ToKind), ToPlace: strings.TrimSpace(in.ToPlace),
		PlannedOn: apiDate(fe, "planned_on", in.PlannedOn), Note: strings.TrimSpace(in.Note),
	}
	if len(in.Checklist) > apiMaxTransferItems {
		fe["checklist"] = "field.too_long"
		return t, nil, fe
	}
	var steps []care.TransferStep
	for _, it := range in.Checklist {
		item := strings.TrimSpace(it.Item)
		if !slices.Contains(care.TransferChecklist, item) {
			fe["checklist"] = "field.choose"
			continue
		}
		s := care.TransferStep{Item: item, Title: strings.TrimSpace(it.Title), Due: apiDate(fe, item+"_due_date", it.DueDate)}
		if it.Owner == nil {
			fe[item+"_owner"] = "field.required"
		} else {
			ofe := care.FieldErrors{}
			s.Owner = it.Owner.owner(ofe)
			if ofe["owner"] != "" {
				fe[item+"_owner"] = ofe["owner"]
			}
		}
		steps = append(steps, s)
	}
	return t, steps, fe.OrNil()
}

type apiTransferItemOut struct {
	Item string     `json:"item"`
	Task apiTaskOut `json:"task"`
}

type apiTransferOut struct {
	ID        int64                `json:"id"`
	FromKind  string               `json:"from_kind"`
	FromPlace string               `json:"from_place"`
	ToKind    string               `json:"to_kind"`
	ToPlace   string               `json:"to_place"`
	PlannedOn *string              `json:"planned_on"`
	Status    string               `json:"status"`
	Note      string               `json:"note"`
	CreatedAt *string              `json:"created_at"`
	CreatedBy *apiPersonOut        `json:"created_by"`
	Checklist []apiTransferItemOut `json:"checklist"`
}

type apiTransfersOut struct {
	Transfers []apiTransferOut `json:"transfers"`
}

func apiTaskOf(t *care.Task, today time.Time) apiTaskOut {
	return apiTaskOut{
		ID: t.ID, Title: t.Title, OwnerKind: t.OwnerKind, OwnerName: t.OwnerName, Owner: apiOwner(t), DueDate: apiDateOut(t.DueDate),
		Status: t.Status, Overdue: t.Overdue(today), DoneNote: t.DoneNote, DoneAt: apiTimeOut(t.DoneAt),
		DoneBy: apiPerson(t.DoneBy), CreatedAt: apiTimeOut(t.CreatedAt), CreatedBy: apiPerson(t.CreatedBy),
	}
}

func apiTransfer(t *care.Transfer, today time.Time) apiTransferOut {
	out := apiTransferOut{ID: t.ID, FromKind: t.FromKind, FromPlace: t.FromPlace, ToKind: t.ToKind, ToPlace: t.ToPlace,
		PlannedOn: apiDateOut(t.PlannedOn), Status: t.Status, Note: t.Note, CreatedAt: apiTimeOut(t.CreatedAt),
		CreatedBy: apiPerson(t.CreatedBy), Checklist: make([]apiTransferItemOut, 0, len(t.Items))}
	for i := range t.Items {
		out.Checklist = append(out.Checklist, apiTransferItemOut{Item: t.Items[i].Item, Task: apiTaskOf(&t.Items[i].Task, today)})
	}
	return out
}

// apiTransfersRead is GET /api/v1/families/{id}/transfers.
func (s *Server) apiTransfersRead(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	tf, err := s.care.Transfers(r.Context(), actor, apiView(actor), id)
	if err != nil {
		return err
	}
	out := apiTransfersOut{Transfers: make([]apiTransferOut, 0, len(tf.Transfers))}
	for i := range tf.Transfers {
		out.Transfers = append(out.Transfers, apiTransfer(&tf.Transfers[i], tf.Today))
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}

// apiTransferCreate is POST /api/v1/families/{id}/transfers: a transfer
// with its checklist, each item a task; all saved, or nothing.
func (s *Server) apiTransferCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	t, steps, err := decodeTransferJSON(b)
	if err != nil {
		return 0, err
	}
	t.FamilyID = id
	if err := s.care.PlanTransfer(r.Context(), s.actor(r), &t, steps); err != nil {
		return 0, err
	}
	return t.ID, nil
}

type apiHandoffCoverageOut struct {
	ID           int64   `json:"id"`
	Kind         string  `json:"kind"`
	Description  string  `json:"description"`
	Law          string  `json:"law"`
	Form         string  `json:"form"`
	HoursPerWeek float64 `json:"hours_per_week"`
	End          *string `json:"end"`
}

type apiHandoffMemberOut struct {
	Name     string `json:"name"`
	Relation string `json:"relation"`
	Phone    string `json:"phone"`
}

type apiHandoffGoalOut struct {
	Dimension string `json:"dimension"`
	Text      string `json:"text"`
}

type apiHandoffChildOut struct {
	Name               string            `json:"name"`
	BirthDate          *string           `json:"birth_date"`
	Diagnosis          string            `json:"diagnosis"`
	ICD10              string            `json:"icd10"`
	SecondaryDiagnoses []apiDiagnosisOut `json:"secondary_diagnoses"`
}

// apiHandoffOut is GET /api/v1/families/{id}/transfers/{trid}/handoff.
// Parts the reader's consent does not cover are null ("shows" says
// which are shown).
type apiHandoffOut struct {
	Transfer     apiTransferOut          `json:"transfer"`
	Child        apiHandoffChildOut      `json:"child"`
	Shows        map[string]bool         `json:"shows"`
	Wishes       string                  `json:"wishes"`
	CareWishes   string                  `json:"care_wishes"`
	Goals        []apiHandoffGoalOut     `json:"goals"`
	Directives   []apiDirectiveOut       `json:"directives"`
	Network      []apiNetworkOut         `json:"network"`
	Parents      []apiHandoffMemberOut   `json:"parents"`
	CaseManagers apiCaseManagers         `json:"case_managers"`
	Coverage     []apiHandoffCoverageOut `json:"coverage"`
	OpenTasks    []apiTaskOut            `json:"open_tasks"`
}

func apiHandoff(h *care.Handoff) apiHandoffOut {
	f := h.Family
	out := apiHandoffOut{
		Transfer: apiTransfer(&h.Transfer, h.Today),
		Child: apiHandoffChildOut{Name: f.ChildName, BirthDate: apiDateOut(f.BirthDate), Diagnosis: f.Diagnosis, ICD10: f.ICD10,
			SecondaryDiagnoses: make([]apiDiagnosisOut, 0, len(f.Secondary))},
		Shows:        map[string]bool{"child": h.ShowsChild(), "coverage": h.ShowsCoverage(), "tasks": h.ShowsTasks()},
		Goals:        make([]apiHandoffGoalOut, 0, len(h.Goals)),
		Directives:   make([]apiDirectiveOut, 0, len(h.Directives)),
		Network:      make([]apiNetworkOut, 0, len(h.Network)),
		Parents:      make([]apiHandoffMemberOut, 0, len(h.Members)),
		CaseManagers: apiCaseManagers{KCT: apiPerson(h.CaseManagers.KCT), Thuis: apiPerson(h.CaseManagers.Thuis)},
	}
	for _, d := range f.Secondary {
		out.Child.SecondaryDiagnoses = append(out.Child.SecondaryDiagnoses, apiDiagnosisOut{ID: d.ID, Description: d.Description, ICD10: d.ICD10})
	}
	if h.Plan != nil {
		out.Wishes, out.CareWishes = h.Plan.Wishes, h.Plan.ACP.CareWishes
	}
	for _, g := range h.Goals {
		out.Goals = append(out.Goals, apiHandoffGoalOut{Dimension: string(g.Dimension), Text: g.Text})
	}
	for _, d := range h.Directives {
		out.Directives = append(out.Directives, apiDirectiveOut{Kind: d.Kind, Label: d.Label, Decision: d.Decision,
			Detail: d.Detail, Date: apiDateOut(d.Date), AgreedBy: d.AgreedBy})
	}
	for _, n := range h.Network {
		out.Network = append(out.Network, apiNetwork(n))
	}
	for _, m := range h.Members {
		out.Parents = append(out.Parents, apiHandoffMemberOut{Name: m.Name, Relation: m.Relation, Phone: m.Phone})
	}
	if h.ShowsCoverage() {
		out.Coverage = make([]apiHandoffCoverageOut, 0, len(h.Coverage))
		for i := range h.Coverage {
			c := &h.Coverage[i]
			cur := c.Current()
			out.Coverage = append(out.Coverage, apiHandoffCoverageOut{ID: c.ID, Kind: c.Kind, Description: c.Description,
				Law: cur.Law, Form: cur.Form, HoursPerWeek: cur.HoursPerWeek, End: apiDateOut(h.EndOf(c))})
		}
	}
	if h.ShowsTasks() {
		out.OpenTasks = make([]apiTaskOut, 0, len(h.OpenTasks))
		for i := range h.OpenTasks {
			out.OpenTasks = append(out.OpenTasks, apiTaskOf(&h.OpenTasks[i], h.Today))
		}
	}
	return out
}

// apiHandoffRead is GET /api/v1/families/{id}/transfers/{trid}/handoff:
// the summary through the caller's door, audited as a read.
func (s *Server) apiHandoffRead(w http.ResponseWriter, r *http.Request) error {
	id, tid, err := apiPathIDs(r, "trid")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	h, err := s.care.Handoff(r.Context(), actor, apiView(actor), id, tid)
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiHandoff(h))
	return nil
}
