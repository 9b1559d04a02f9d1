package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
	"github.com/spil-zorg/spil/internal/mail"
)

// A case manager invites a parent or carer, the child (from 12) or a
// provider in the network to make an account. The link holds a one-time
// token; it goes out by e-mail when Spil has a mailer, and is shown to the
// case manager otherwise (or when sending fails) to pass on.

// InviteSentPage says that an invitation was made: sent by e-mail, or
// with the link for the case manager to pass on.
type InviteSentPage struct {
	CarePage
	Family     *care.Family
	Name       string
	Email      string
	Link       string // only when not sent
	Expires    time.Time
	Sent       bool // the e-mail went out
	SendFailed bool // there is a mailer, but sending failed
}

// inviteKinds are the kinds of invitation the form offers for file today:
// the child only from MinChildAccountAge.
func inviteKinds(file *care.File, today time.Time) []string {
	kinds := []string{care.LinkParent}
	if !file.Family.Deceased && care.AgeOn(file.Family.BirthDate, today) >= care.MinChildAccountAge {
		kinds = append(kinds, care.LinkChild)
	}
	return append(kinds, care.LinkProvider)
}

// inviteForm asks whom to invite and where the link goes.
func inviteForm(p *FormPage, file *care.File) {
	p.Heading, p.Intro, p.Submit = "invitation.title", "invitation.intro", "invitation.submit"
	p.Action = familyAction(file, "/invite")
	var parents, network []form.Option
	for _, m := range file.Members {
		if m.Kind == "parent" || m.Kind == "carer" {
			parents = append(parents, form.Option{Value: strconv.FormatInt(m.ID, 10), Label: personLabel(m.Name, m.Relation)})
		}
	}
	for _, n := range file.Network {
		network = append(network, form.Option{Value: strconv.FormatInt(n.ID, 10), Label: personLabel(n.Name, p.Label("network.role.", n.Role))})
	}
	kind := p.Choice("radios", "kind", "invitation.kind", "invitation.kind.", inviteKinds(file, p.Today), true)
	if !file.Family.Deceased && care.AgeOn(file.Family.BirthDate, p.Today) < care.MinChildAccountAge {
		kind = kind.WithHint(p, "invitation.child_from_12")
	}
	p.Section("", kind)
	p.Section("invitation.who",
		personChoice(p, "member", "invitation.member", parents).WithHint(p, "invitation.member_hint"),
		personChoice(p, "network_member", "invitation.network_member", network).WithHint(p, "invitation.network_member_hint"),
	)
	email := p.Email("email", "invitation.email")
	email.Required = true
	p.Section("invitation.contact",
		p.Text("name", "invitation.name", care.MaxName, false).WithHint(p, "invitation.contact_hint"),
		email,
	)
}

// personLabel is "Name (what)" or just the name.
func personLabel(name, what string) string {
	if what == "" || what == "—" {
		return name
	}
	return name + " (" + what + ")"
}

// personChoice is a select over people of the file, labelled by name.
func personChoice(p *FormPage, name, label string, people []form.Option) form.Control {
	c := p.Control("select", name, label, false)
	c.Options = append(c.Options, form.Option{Value: "", Label: p.T("form.choose"), Selected: c.Value == ""})
	for _, o := range people {
		o.Selected = o.Value == c.Value
		c.Options = append(c.Options, o)
	}
	return c
}

// invitationNew draws the form; ?kind=parent&member=3 (or provider and
// network_member) chooses the person and fills in their name and address.
func (s *Server) invitationNew(w http.ResponseWriter, r *http.Request) error {
	file, err := s.familyForm(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	v := url.Values{}
	inv, errs := form.DecodeInvitation(url.Values{"kind": {q.Get("kind")}, "member": {q.Get("member")}, "network_member": {q.Get("network_member")}})
	if len(errs) == 0 && inv.Kind != "" {
		file.FillInvitation(&inv)
		v.Set("kind", inv.Kind)
		if inv.MemberID != 0 {
			v.Set("member", strconv.FormatInt(inv.MemberID, 10))
		}
		if inv.NetworkMemberID != 0 {
			v.Set("network_member", strconv.FormatInt(inv.NetworkMemberID, 10))
		}
		v.Set("name", inv.Name)
		v.Set("email", inv.Email)
	}
	return s.showForm(w, r, file, "invitation.title", v, inviteForm)
}

// invitationPost is an invitation as posted, with its token once made.
type invitationPost struct {
	care.Invitation
	token string
}

// invitationCreate makes an invitation and sends it, or shows the link.
func (s *Server) invitationCreate() handler {
	return postToFamily(s, familyPost[invitationPost]{
		title: "invitation.title", fill: fixed(inviteForm),
		decode: func(v url.Values) (invitationPost, Fields) {
			inv, errs := form.DecodeInvitation(v)
			return invitationPost{Invitation: inv}, errs
		},
		save: func(ctx context.Context, actor care.Actor, id int64, inv *invitationPost) (err error) {
			inv.FamilyID = id
			inv.token, err = s.care.CreateInvitation(ctx, actor, &inv.Invitation)
			return err
		},
		saved: s.invitationSent,
	})
}

// invitationSent says that the invitation was made: sent by e-mail, or
// with the link for the case manager to pass on.
func (s *Server) invitationSent(w http.ResponseWriter, r *http.Request, familyID int64, post *invitationPost) error {
	inv := &post.Invitation
	s.log.InfoContext(r.Context(), "invitation created", "invitation", inv.ID)
	p := &InviteSentPage{CarePage: s.carePage(r, "invitation.sent_title"), Family: &care.Family{ID: familyID, ChildName: inv.ChildName},
		Name: inv.Name, Email: inv.Email, Expires: inv.ExpiresAt}
	p.Path = familyURL(familyID, "")
	link := s.baseURL(r) + "/invite/" + post.token
	if s.cfg.Mailer != nil {
		err := s.cfg.Mailer.Send(r.Context(), s.invitationMail(r, inv, link))
		if err == nil {
			p.Sent = true
			s.log.InfoContext(r.Context(), "invitation e-mail sent", "invitation", inv.ID)
		} else {
			// The mail package keeps the address out of its errors.
			s.log.WarnContext(r.Context(), "invitation e-mail not sent", "invitation", inv.ID, "err", err)
			p.SendFailed = true
		}
	}
	if !p.Sent {
		p.Link = link
	}
	s.render(w, r, http.StatusOK, "invite_sent", p)
	return nil
}

// invitationMail is the e-mail with the link, in Dutch: the invitee has
// no language setting yet.
func (s *Server) invitationMail(r *http.Request, inv *care.Invitation, link string) mail.Message {
	t := s.i18n.translator("nl")
	until := formatDate(inv.ExpiresAt, "nl") + " " + inv.ExpiresAt.In(care.Amsterdam).Format("15:04")
	return mail.Message{
		To:      inv.Email,
		Subject: t.T("mail.invitation.subject"),
		Text:    t.T("mail.invitation.body", "Name", inv.Name, "Sender", httpx.AccountOf(r).Name, "Link", link, "Until", until),
	}
}

// baseURL is where links in e-mail lead: the configured address, or else
// the address this request came in on.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimRight(s.cfg.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || s.cfg.Secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
