package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The family's own pages live under /my: the list of their families (also
// for providers), the overview of one family and who looked at it. What a
// family member may see and do is decided by the care service; a refusal
// is a missing page.

// LinkedRow is one family in the list of a family member or provider.
type LinkedRow struct {
	care.LinkedFamily
	URL     string // "" when the family cannot be opened (yet)
	Waiting bool   // a provider without the family's consent
}

// MyFamiliesPage lists the families an account is linked to.
type MyFamiliesPage struct {
	CarePage
	Families []LinkedRow
	Provider bool
}

// requireLinked lets family members and providers through; everyone else
// gets the missing page.
func (s *Server) requireLinked(h handler) handler {
	return s.requireLogin(func(w http.ResponseWriter, r *http.Request) error {
		if role := httpx.AccountOf(r).Role; role != care.RoleFamily && role != care.RoleProvider {
			return care.Errorf(care.NotFound, "page not found")
		}
		return h(w, r)
	})
}

// linkedRows reads the actor's families through the care service.
func (s *Server) linkedRows(r *http.Request) ([]LinkedRow, error) {
	fams, err := s.care.MyFamilies(r.Context(), s.actor(r))
	if err != nil {
		return nil, err
	}
	rows := make([]LinkedRow, 0, len(fams))
	for _, f := range fams {
		row := LinkedRow{LinkedFamily: f}
		switch {
		case f.Kind == care.LinkProvider && !f.Consent:
			row.Waiting = true
		case f.Kind == care.LinkProvider:
			row.URL = providerURL(f.FamilyID, "")
		default:
			row.URL = myFamilyURL(f.FamilyID, "")
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// Single is the one family of the account when it has exactly one that it
// can open, so the start page links straight to it; nil otherwise.
func (p *HomePage) Single() *LinkedRow {
	if len(p.Families) == 1 && p.Families[0].URL != "" {
		return &p.Families[0]
	}
	return nil
}

func (s *Server) myFamilies(w http.ResponseWriter, r *http.Request) error {
	rows, err := s.linkedRows(r)
	if err != nil {
		return err
	}
	p := &MyFamiliesPage{CarePage: s.carePage(r, "familyview.list_title"), Families: rows, Provider: httpx.AccountOf(r).Role == care.RoleProvider}
	if p.Provider {
		p.Title = "provider.list_title"
	}
	s.render(w, r, http.StatusOK, "my_families", p)
	return nil
}

// myFamilyURL is a page of the family's own view, at a section when anchor is set.
func myFamilyURL(id int64, rest string) string {
	return "/my/families/" + strconv.FormatInt(id, 10) + rest
}

// FamilyViewPage is the family's own overview: who to call, who does what,
// what is to be done, their wishes and who may see the file.
type FamilyViewPage struct {
	CarePage
	Ov   *care.FamilyOverview
	Base string               // the path of this family's view
	Call []care.NetworkMember // who has a phone number, day-and-night first
	TaskList
	Wishes []care.Note
	Notes  []care.Note // the family's notes
	// Custody tells whether the viewer is a parent with custody or the
	// child: only they can give consent.
	Custody bool
	Saved   string // catalog key of what was just saved
	Error   string // catalog key of a message above the page
	Note    NoteForm
	Consent *ConsentForm
	Stop    StopForm
	Propose NetworkProposeForm // a proposal for the network sent back
}

// NoteForm is what was typed in the note form, with its errors.
type NoteForm struct {
	Kind   string
	Body   string
	Errors Fields
}

// ConsentForm is the consent form of one provider sent back with a message.
type ConsentForm struct {
	MemberID int64
	Error    string // catalog key
}

// StopForm is the form that stops or declines case management.
type StopForm struct {
	Open  bool
	Note  string
	Error string // catalog key
}

// savedKeys are the confirmations the view shows after a redirect.
var savedKeys = []string{"task", "note", "consent", "stop", "proposal"}

func (s *Server) familyViewPage(r *http.Request, ov *care.FamilyOverview) *FamilyViewPage {
	id := ov.File.Family.ID
	p := &FamilyViewPage{CarePage: s.carePage(r, "familyview.title"), Ov: ov, Base: myFamilyURL(id, ""), Custody: ov.IsChild}
	p.Path = p.Base
	for _, m := range ov.File.Members {
		if m.ID == ov.Link.MemberID && m.Custody && !ov.IsChild {
			p.Custody = true
		}
	}
	for _, n := range ov.File.Network {
		if n.Phone != "" {
			p.Call = append(p.Call, n)
		}
	}
	slices.SortStableFunc(p.Call, func(a, b care.NetworkMember) int {
		switch {
		case a.AlwaysReachable == b.AlwaysReachable:
			return 0
		case a.AlwaysReachable:
			return -1
		}
		return 1
	})
	p.TaskList = newTaskList(care.ViewFamily, p.Base, ov.File.Tasks, ov.File.DoneTaskCount, p.Today)
	for _, n := range ov.Notes {
		if n.Kind == care.NoteWish {
			p.Wishes = append(p.Wishes, n)
		} else {
			p.Notes = append(p.Notes, n)
		}
	}
	p.Note = NoteForm{Kind: care.NoteWish, Errors: Fields{}}
	return p
}

// W translates key in simpler words when the child is the reader: the
// child's version of a key has "child." after its first part.
func (p *FamilyViewPage) W(key string, data ...any) string {
	return p.ForChild(p.Ov != nil && p.Ov.IsChild, key, data...)
}

// ChildName is the child's name.
func (p *FamilyViewPage) ChildName() string { return p.Ov.File.Family.ChildName }

// TaskOwner says who does a task: the family itself, or whoever it is
// (by name, else by kind).
func (p *FamilyViewPage) TaskOwner(t care.Task) string {
	switch {
	case p.Ours(t):
		return p.W("familyview.task_owner_you")
	case t.OwnerName != "":
		return p.W("familyview.task_owner") + ": " + t.OwnerName
	}
	return p.W("familyview.task_owner") + ": " + p.Label("task.owner.", t.OwnerKind)
}

// SignalText is a signal in the family's own words.
func (p *FamilyViewPage) SignalText(s care.Signal) string {
	return signalText(p.translator, p.Lang, s, true)
}

// TaskDoneAt says on which day a task was done.
func (p *FamilyViewPage) TaskDoneAt(t care.Task) string { return p.Date(t.DoneAt) }

// ContactLate reports whether the planned next contact has passed.
func (p *FamilyViewPage) ContactLate() bool {
	n := p.Ov.File.Family.NextContact
	return !n.IsZero() && n.Before(p.Today)
}

// RuleText says in words whose consent counts today.
func (p *FamilyViewPage) RuleText() string {
	return p.W("consent.rule."+string(p.Ov.Rule), "Name", p.ChildName())
}

// MayGiveConsent reports whether the viewer gets the consent buttons.
func (p *FamilyViewPage) MayGiveConsent() bool { return p.Ov.MayConsent && p.Custody }

// Blocked is the catalog key that explains why the viewer has no consent
// buttons, or "".
func (p *FamilyViewPage) Blocked() string {
	switch {
	case p.Ov.IsChild:
		return ""
	case p.Ov.Rule == care.RuleChild:
		return "consent.blocked_child_decides"
	case !p.Custody:
		return "consent.blocked_no_custody"
	}
	return ""
}

// Missing says who must still consent for a provider, or "".
func (p *FamilyViewPage) Missing(st care.ConsentState) string {
	var who []string
	for _, g := range st.Missing {
		switch g {
		case care.GiverParent:
			who = append(who, p.W("consent.who_parents"))
		case care.GiverChild:
			who = append(who, p.W("consent.who_child", "Name", p.ChildName()))
		}
	}
	if len(who) == 0 {
		return ""
	}
	return p.W("consent.still_needed", "Who", strings.Join(who, " "+p.T("consent.and")+" "))
}

// Scope is the words for a consent scope.
func (p *FamilyViewPage) Scope(scope string) string {
	if scope != care.ScopeFile && scope != care.ScopePlanNetwork {
		return ""
	}
	return p.T("consent.scope." + scope)
}

// Mine says what the viewer chose last for a provider, or "".
func (p *FamilyViewPage) Mine(pc care.ProviderConsent) string {
	switch {
	case pc.Mine == nil:
		return p.W("consent.mine_none")
	case pc.Mine.Granted:
		return p.W("consent.mine_granted", "Date", p.Date(pc.Mine.At), "Scope", p.Scope(pc.Mine.Scope))
	}
	return p.W("consent.mine_withdrawn", "Date", p.Date(pc.Mine.At))
}

// ScopeChecked tells which scope radio is checked for a provider: the
// viewer's last grant, else the narrow one.
func (p *FamilyViewPage) ScopeChecked(pc care.ProviderConsent, scope string) bool {
	if pc.Mine != nil && pc.Mine.Granted {
		return pc.Mine.Scope == scope
	}
	return scope == care.ScopePlanNetwork
}

// MayWithdraw reports whether a withdraw button makes sense for a provider.
func (p *FamilyViewPage) MayWithdraw(pc care.ProviderConsent) bool {
	return pc.State.Given() || pc.Mine != nil && pc.Mine.Granted
}

// ConsentError is the catalog key of the message at a provider's consent, or "".
func (p *FamilyViewPage) ConsentError(memberID int64) string {
	if p.Consent != nil && p.Consent.MemberID == memberID {
		return p.Consent.Error
	}
	return ""
}

// NoteError is the catalog key of the error at a field of the note form.
func (p *FamilyViewPage) NoteError(name string) string { return p.Note.Errors[name] }

// MayStop reports whether the viewer can decline or stop case management now.
func (p *FamilyViewPage) MayStop() bool { return p.StopOpen() && p.Ov.StopRule == "" }

// StopOpen reports whether case management is offered or running, so it
// can be declined or stopped by whoever may.
func (p *FamilyViewPage) StopOpen() bool {
	e := p.Ov.File.Episode
	return e != nil && (e.Status == "offered" || e.Status == "accepted")
}

// familyView reads the overview of the family in the path.
func (s *Server) familyView(r *http.Request) (*care.FamilyOverview, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.care.FamilyView(r.Context(), s.actor(r), id)
}

func (s *Server) familyViewShow(w http.ResponseWriter, r *http.Request) error {
	ov, err := s.familyView(r)
	if err != nil {
		return err
	}
	p := s.familyViewPage(r, ov)
	if saved := r.URL.Query().Get("saved"); slices.Contains(savedKeys, saved) {
		p.Saved = "familyview.saved." + saved
	}
	s.render(w, r, http.StatusOK, "familyview", p)
	return nil
}

// familyViewAgain draws the view again after a form came back: change
// fills in what was typed and the message. ov is the view as the refused
// write read it; nil reads it, for a form refused before it was sent on.
func (s *Server) familyViewAgain(w http.ResponseWriter, r *http.Request, ov *care.FamilyOverview, status int, change func(*FamilyViewPage)) error {
	if ov == nil {
		var err error
		if ov, err = s.familyView(r); err != nil {
			return err
		}
	}
	p := s.familyViewPage(r, ov)
	change(p)
	s.render(w, r, status, "familyview", p)
	return nil
}

func savedURL(id int64, what, anchor string) string {
	return myFamilyURL(id, "?saved="+url.QueryEscape(what)+"#"+anchor)
}

// consentMessages are the refusals of SetConsent that the family is told
// about on the page itself: they are answers, not missing pages.
var consentMessages = []string{"consent.no_custody", "consent.child_decides"}

// familyConsent grants or withdraws consent for one provider.
func (s *Server) familyConsent(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	mid, err := httpx.PathID(r, "mid")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	again := func(ov *care.FamilyOverview, status int, msg string) error {
		return s.familyViewAgain(w, r, ov, status, func(p *FamilyViewPage) {
			p.Consent = &ConsentForm{MemberID: mid, Error: msg}
			p.Error = msg
		})
	}
	var granted bool
	switch v.Get("action") {
	case "grant":
		granted = true
	case "withdraw":
	default:
		return again(nil, http.StatusUnprocessableEntity, "consent.choose_action")
	}
	err = s.care.SetConsent(r.Context(), s.actor(r), id, mid, granted, v.Get("scope"))
	var in *care.InvalidInput
	switch {
	case err == nil:
		http.Redirect(w, r, savedURL(id, "consent", "consent-"+strconv.FormatInt(mid, 10)), http.StatusSeeOther)
		return nil
	case !errors.As(err, &in):
		return err
	case in.Rule != nil && slices.Contains(consentMessages, in.Rule.Message):
		return again(in.Overview, http.StatusForbidden, in.Rule.Message)
	case in.Rule != nil:
		return err
	}
	return again(in.Overview, http.StatusUnprocessableEntity, "consent.choose_scope")
}

// familyStop declines or stops case management, after the confirm step.
func (s *Server) familyStop(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	errs := Fields{}
	note := form.Field(v, "stop_note", care.MaxText, false, errs)
	msg := ""
	var ov *care.FamilyOverview
	switch {
	case v.Get("confirm") != "yes":
		msg = "familyview.stop_confirm"
	case len(errs) > 0:
		msg = errs["stop_note"]
	default:
		err = s.care.StopCaseManagement(r.Context(), s.actor(r), id, note)
		var in *care.InvalidInput
		if err == nil {
			http.Redirect(w, r, savedURL(id, "stop", "status"), http.StatusSeeOther)
			return nil
		}
		if !errors.As(err, &in) {
			return err
		}
		msg, ov = "familyview.stop_failed", in.Overview
		if in.Rule != nil {
			// Not this viewer's decision: the page says whose it is.
			return s.familyViewAgain(w, r, ov, http.StatusForbidden, func(p *FamilyViewPage) {
				p.Error = in.Rule.Message
			})
		}
	}
	return s.familyViewAgain(w, r, ov, http.StatusUnprocessableEntity, func(p *FamilyViewPage) {
		p.Stop = StopForm{Open: true, Note: v.Get("stop_note"), Error: msg}
		p.Error = msg
	})
}
