package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

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
		p.Section("network.section_period",
			p.DateField("started_on", "network.started_on", false, time.Time{}),
			p.DateField("ended_on", "network.ended_on", false, time.Time{}).WithHint(p, "network.ended_on_hint"),
		)
		if memberID != 0 {
			p.History = p.Changes(file.CorrectionsOf(care.CorrectNetworkMember, memberID), "network.")
		}
		p.Section("network.section_tasks",
			p.Area("responsibilities", "network.responsibilities", care.MaxText, false).WithHint(p, "network.responsibilities_hint"),
			p.Check("bereavement", "network.bereavement"),
		)
	}
}

func (s *Server) networkNew(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyForm(r)
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
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	mid, err := httpx.PathID(r, "mid")
	if err != nil {
		return err
	}
	file, n, err := s.care.NetworkMemberForm(r.Context(), s.actor(r), id, mid)
	if err != nil {
		return err
	}
	return s.showForm(w, r, file, "network.edit_title", form.EncodeNetworkMember(n), networkForm(mid))
}

// networkCreate adds a member to the care network.
func (s *Server) networkCreate() handler { return s.networkPost("network.new_title", 0) }

// networkUpdate changes a member of the care network; the store only
// updates a member of the family in the path.
func (s *Server) networkUpdate(w http.ResponseWriter, r *http.Request) error {
	mid, err := httpx.PathID(r, "mid")
	if err != nil {
		return err
	}
	return s.networkPost("network.edit_title", mid)(w, r)
}

// networkPost saves network member mid, or a new one when mid is 0.
func (s *Server) networkPost(title string, mid int64) handler {
	return postToFamily(s, familyPost[care.NetworkMember]{
		title: title, anchor: "network", fill: fixed(networkForm(mid)),
		decode: form.DecodeNetworkMember,
		check:  func(n *care.NetworkMember, _ time.Time) error { return n.Validate() },
		save: func(ctx context.Context, actor care.Actor, id int64, n *care.NetworkMember) error {
			n.ID, n.FamilyID = mid, id
			return s.care.SaveNetworkMember(ctx, actor, n)
		},
	})
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
