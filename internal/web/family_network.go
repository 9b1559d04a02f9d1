package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// networkForm adds (memberID 0) or edits a provider or informal carer.
func networkForm(memberID int64) familyForm {
	return func(p *FormPage, file *care.File) {
		p.Heading, p.Action = "network.new_title", familyAction(file, "/network")
		if memberID != 0 {
			id := strconv.FormatInt(memberID, 10)
			p.Heading, p.Action = "network.edit_title", familyAction(file, "/network/"+id)
			p.Delete = &DeleteForm{
				Action: familyAction(file, "/network/"+id+"/delete"), Heading: p.T("network.delete_title"),
				Intro: p.T("network.delete_intro"), Button: p.T("network.delete"),
			}
		}
		p.Cancel = familyURL(file.Family.ID, "network")
		p.Section("",
			p.Text("name", "network.name", care.MaxName, true),
			p.Choice("select", "role", "network.role", "network.role.", care.NetworkRoles, true),
			p.Text("organisation", "network.organisation", care.MaxName, false),
			p.Choice("select", "line", "network.line", "network.line.", form.NetworkLines, false),
			p.Text("domain", "network.domain", care.MaxName, false).WithHint(p, "network.domain_hint"),
		)
		p.Section("network.section_reach",
			p.Tel("phone", "network.phone"),
			p.Email("email", "network.email"),
			p.Text("reachability", "network.reachability", care.MaxShort, false).WithHint(p, "network.reachability_hint"),
			p.Check("always_reachable", "network.always_reachable"),
		)
		p.Section("network.section_tasks",
			p.Area("responsibilities", "network.responsibilities", care.MaxText, false).WithHint(p, "network.responsibilities_hint"),
			p.Check("bereavement", "network.bereavement"),
		)
	}
}

func (s *Server) networkNew(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	v := url.Values{"line": {"0"}}
	if !file.HasGP() {
		v.Set("role", "gp") // the GP belongs in the network from the start
		v.Set("line", "1")
	}
	return s.showForm(w, r, file, "network.new_title", v, networkForm(0))
}

func (s *Server) networkEdit(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyFile(r)
	if err != nil {
		return err
	}
	mid, err := httpx.PathID(r, "mid")
	if err != nil {
		return err
	}
	for i := range file.Network {
		if n := &file.Network[i]; n.ID == mid {
			return s.showForm(w, r, file, "network.edit_title", form.EncodeNetworkMember(n), networkForm(mid))
		}
	}
	return care.Errorf(care.NotFound, "network member not found")
}

// networkSave adds a member (no {mid} in the path) or updates one; the
// store only updates a member of the family in the path.
func (s *Server) networkSave(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	var mid int64
	title := "network.new_title"
	if r.PathValue("mid") != "" {
		if mid, err = httpx.PathID(r, "mid"); err != nil {
			return err
		}
		title = "network.edit_title"
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	n, errs := form.DecodeNetworkMember(v)
	if len(errs) > 0 {
		mergeValidation(errs, n.Validate())
		return s.formAgain(w, r, id, title, v, errs, networkForm(mid))
	}
	n.ID, n.FamilyID = mid, id
	err = s.care.SaveNetworkMember(r.Context(), s.actor(r), &n)
	return s.afterSave(w, r, id, "network", err, title, v, networkForm(mid))
}

func (s *Server) networkDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	mid, err := httpx.PathID(r, "mid")
	if err != nil {
		return err
	}
	if err := s.care.DeleteNetworkMember(r.Context(), s.actor(r), id, mid); err != nil {
		return err
	}
	http.Redirect(w, r, familyURL(id, "network"), http.StatusSeeOther)
	return nil
}
