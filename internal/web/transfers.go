package web

import (
	"errors"
	"net/http"
	"slices"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The case managers' transfers of one family: each planned move with its
// warm-handoff checklist and how far its tasks are, the link to the
// handoff summary, and the form that plans a new one. Every checklist
// item is kept by default, with a title in the reader's language and an
// owner from the file; its due date is the day before the move unless
// another is typed.

// TransfersPage is the case managers' transfers page.
type TransfersPage struct {
	CarePage
	File   *care.TransferFile
	Base   string // the family's page
	Saved  string // catalog key of what was just saved
	Owners []OwnerChoice
	Rows   []form.TransferRow
	// Plan holds what was typed in the form, Errors what is wrong with it.
	Plan   care.Transfer
	Errors Fields
}

// Action is where the form is posted.
func (p *TransfersPage) Action() string { return p.Base + "/transfers" }

// ChildName is the child's name.
func (p *TransfersPage) ChildName() string { return p.File.Family.ChildName }

// PlaceName says one end of a transfer: the place's name and its kind, or the
// kind alone.
func (p *CarePage) PlaceName(kind, place string) string {
	k := p.Label("transfer.place.", kind)
	if place == "" {
		return k
	}
	return place + " (" + k + ")"
}

// Route says a transfer as "from → to".
func (p *CarePage) Route(t care.Transfer) string {
	return p.PlaceName(t.FromKind, t.FromPlace) + " → " + p.PlaceName(t.ToKind, t.ToPlace)
}

// PlaceOptions are the kinds of place, with the one chosen.
func (p *TransfersPage) PlaceOptions(chosen string) []form.Option {
	opts := []form.Option{{Value: "", Label: p.T("form.choose"), Selected: chosen == ""}}
	for _, k := range care.PlaceKinds {
		opts = append(opts, form.Option{Value: k, Label: p.T("transfer.place." + k), Selected: k == chosen})
	}
	return opts
}

// Err is the catalog key of the error at a field of the form, or "".
func (p *TransfersPage) Err(field string) string { return p.Errors[field] }

// RowErr is the catalog key of the error at a checklist row's field.
func (p *TransfersPage) RowErr(r form.TransferRow, name string) string {
	if e := p.Errors[r.Field(name)]; e != "" {
		return e
	}
	if name == "owner" {
		return p.Errors[r.Field("owner_kind")]
	}
	return ""
}

// HandoffURL is the case managers' handoff summary of a transfer.
func (p *TransfersPage) HandoffURL(t care.Transfer) string {
	return p.Base + "/transfers/" + idString(t.ID) + "/handoff"
}

// PlannedValue is the planned date as the date field shows it.
func (p *TransfersPage) PlannedValue() string { return form.ISODate(p.Plan.PlannedOn) }

// StatusClass is the badge's colour for a transfer's status.
func (p *TransfersPage) StatusClass(status string) string {
	switch status {
	case care.TransferDone:
		return "ok"
	case care.TransferCancelled:
		return "off"
	}
	return "warn"
}

// transfersPage draws the page of tf with the form's defaults: every item
// kept, its title in the reader's language, an owner suited to it.
func (s *Server) transfersPage(r *http.Request, tf *care.TransferFile) *TransfersPage {
	p := &TransfersPage{CarePage: s.carePage(r, "transfer.title"), File: tf, Base: familyURL(tf.Family.ID, ""), Errors: Fields{}}
	for _, o := range tf.Owners {
		p.Owners = append(p.Owners, OwnerChoice{Value: o.Owner.String(), Label: ownerOptionLabel(&p.CarePage, tf.CaseManagers, o)})
	}
	for _, item := range care.TransferChecklist {
		p.Rows = append(p.Rows, form.TransferRow{Item: item, Take: true, Title: p.T("transfer.task." + item),
			Owner: defaultTransferOwner(item, tf.Owners, p.Account)})
	}
	return p
}

// transferRoles are the network roles a checklist item goes to first,
// when the family has someone in that role: care at home and night care to
// home care, medication to the GP.
var transferRoles = map[string][]string{
	"home_care":  {"homecare", "nurse"},
	"night_care": {"homecare", "nurse"},
	"medication": {"gp", "pharmacy"},
}

// defaultTransferOwner is who a checklist item goes to when the form is
// first drawn: someone in the role the item needs, else the case manager
// looking, else the family's first case manager.
func defaultTransferOwner(item string, owners []care.PossibleOwner, me *auth.Account) string {
	for _, role := range transferRoles[item] {
		if i := slices.IndexFunc(owners, func(o care.PossibleOwner) bool { return o.Owner.Kind == care.OwnerNetwork && o.Role == role }); i >= 0 {
			return owners[i].Owner.String()
		}
	}
	first := ""
	for _, o := range owners {
		if o.Owner.Kind != care.OwnerCaseManager {
			continue
		}
		if me != nil && o.Owner.ID == me.ID {
			return o.Owner.String()
		}
		if first == "" {
			first = o.Owner.String()
		}
	}
	return first
}

// transfersShow draws the case managers' transfers page.
func (s *Server) transfersShow(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	tf, err := s.care.Transfers(r.Context(), s.actor(r), care.ViewCaseFile, id)
	if err != nil {
		return err
	}
	p := s.transfersPage(r, tf)
	p.Saved = savedKey(r.URL.Query().Get("saved"), "planned", "done", "cancelled")
	s.render(w, r, http.StatusOK, "transfers", p)
	return nil
}

// savedKey is the catalog key of the message for what was just saved, if
// it is one of known.
func savedKey(v string, known ...string) string {
	if slices.Contains(known, v) {
		return "transfer.saved." + v
	}
	return ""
}

// transferCreate plans a transfer with its checklist in one call of the
// care service; a form with errors is drawn again with what was typed.
func (s *Server) transferCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	t, steps, rows, errs := form.DecodeTransfer(v)
	t.FamilyID = id
	var tf *care.TransferFile
	if len(errs) > 0 {
		// Checked against the rules too, so every message shows at once.
		if tf, err = s.care.Transfers(r.Context(), s.actor(r), care.ViewCaseFile, id); err != nil {
			return err
		}
		if verr, ok := t.Validate(s.cfg.Now(), tf.Family.BirthDate).(care.FieldErrors); ok {
			for k, m := range verr {
				if errs[k] == "" {
					errs[k] = m
				}
			}
		}
	} else {
		err = s.care.PlanTransfer(r.Context(), s.actor(r), &t, steps)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, familyURL(id, "")+"/transfers?saved=planned#transfer-"+idString(t.ID), http.StatusSeeOther)
			return nil
		case errors.As(err, &in) && in.Transfers != nil && len(in.Fields) > 0:
			tf, errs = in.Transfers, Fields(in.Fields)
		default:
			return err
		}
	}
	p := s.transfersPage(r, tf)
	p.Plan, p.Rows, p.Errors = t, rows, errs
	s.render(w, r, http.StatusUnprocessableEntity, "transfers", p)
	return nil
}

// transferStatus marks a planned transfer done or cancelled.
func (s *Server) transferStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	tid, err := httpx.PathID(r, "trid")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	status := v.Get("status")
	if err := s.care.SetTransferStatus(r.Context(), s.actor(r), id, tid, status); err != nil {
		if _, ok := fieldErrorsOf(err); ok {
			s.renderErrorMessage(w, r, http.StatusUnprocessableEntity, "transfer.status_invalid")
			return nil
		}
		return err
	}
	http.Redirect(w, r, familyURL(id, "")+"/transfers?saved="+status+"#transfer-"+idString(tid), http.StatusSeeOther)
	return nil
}
