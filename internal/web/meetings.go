package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Multidisciplinary meetings (MDO). The case managers organise them and
// write the minutes on their family pages; the participants read them
// behind their own doors: a provider with consent and a parent, each only
// the meetings they are invited to. One list and one meeting page serve
// the three doors; the care service decides, and records, what is seen.

// meetingBase is the family's page behind the door view.
func meetingBase(view care.View, id int64) string {
	switch view {
	case care.ViewFamily:
		return myFamilyURL(id, "")
	case care.ViewProvider:
		return providerURL(id, "")
	}
	return familyURL(id, "")
}

// meetingWords gives a key in the reader's words: the family's version of
// a key has "family." after its first part; professionals read the key
// itself.
type meetingWords struct {
	*CarePage
	family bool
}

// W says key in the reader's words.
func (w meetingWords) W(key string, data ...any) string {
	if w.family {
		if head, tail, ok := strings.Cut(key, "."); ok {
			if v := w.T(head+".family."+tail, data...); v != head+".family."+tail {
				return v
			}
		}
	}
	return w.T(key, data...)
}

// When says when a meeting is: "di 10 mrt 2026, 13:30–15:00".
func (p *BasePage) When(start time.Time, minutes int) string {
	end := start.Add(time.Duration(minutes) * time.Minute)
	clock := func(t time.Time) string { return t.In(care.Amsterdam).Format("15:04") }
	return p.T("meeting.when", "Day", p.T("meeting.weekday."+strings.ToLower(start.In(care.Amsterdam).Weekday().String()[:3])),
		"Date", formatDate(start, p.Lang), "From", clock(start), "To", clock(end))
}

// MeetingsPage lists a family's meetings behind one door.
type MeetingsPage struct {
	CarePage
	List  *care.MeetingList
	Base  string
	Saved string // catalog key of what was just saved
}

// W says key in the reader's words.
func (p *MeetingsPage) W(key string, data ...any) string {
	return meetingWords{&p.CarePage, p.List.Viewer == care.ViewerFamily}.W(key, data...)
}

// MeetingRow is one meeting in the list, with the page it is on.
type MeetingRow struct {
	P *MeetingsPage
	M care.Meeting
}

// UpcomingRows and PastRows are the list's meetings, for the one row template.
func (p *MeetingsPage) UpcomingRows() []MeetingRow { return p.rows(p.List.Upcoming) }
func (p *MeetingsPage) PastRows() []MeetingRow     { return p.rows(p.List.Past) }

func (p *MeetingsPage) rows(ms []care.Meeting) []MeetingRow {
	out := make([]MeetingRow, len(ms))
	for i, m := range ms {
		out[i] = MeetingRow{P: p, M: m}
	}
	return out
}

// CaseManager reports whether the case managers read the page.
func (p *MeetingsPage) CaseManager() bool { return p.List.Viewer == care.ViewerCaseManager }

// Declined reports whether the reader declined m.
func (p *MeetingsPage) Declined(m care.Meeting) bool {
	me := m.Participant(p.List.MyNetworkMemberID, p.List.MyMemberID)
	return me != nil && me.Declined
}

// MeetingPageView is one meeting behind one door.
type MeetingPageView struct {
	CarePage
	Page   *care.MeetingPage
	Base   string
	Saved  string
	Errors Fields
}

// W says key in the reader's words.
func (p *MeetingPageView) W(key string, data ...any) string {
	return meetingWords{&p.CarePage, p.Page.Viewer == care.ViewerFamily}.W(key, data...)
}

// CaseManager reports whether the case managers read the page.
func (p *MeetingPageView) CaseManager() bool { return p.Page.Viewer == care.ViewerCaseManager }

// Started reports whether the meeting has started.
func (p *MeetingPageView) Started() bool { return p.Page.Meeting.Started(p.Page.Now) }

// MayDecline reports whether the reader is a parent who can still say
// whether they come.
func (p *MeetingPageView) MayDecline() bool {
	return p.Page.Viewer == care.ViewerFamily && p.Page.Me != nil && !p.Started()
}

// Owner names an action's owner.
func (p *MeetingPageView) Owner(t care.Task) string {
	if t.OwnerKind == care.OwnerFamily && t.OwnerName == "" {
		return p.T("task.owner_whole_family")
	}
	return t.OwnerName
}

// meetingsShow lists the family's meetings behind the door view.
func (s *Server) meetingsShow(view care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		ml, err := s.care.Meetings(r.Context(), s.actor(r), view, id)
		if err != nil {
			return err
		}
		p := &MeetingsPage{CarePage: s.carePage(r, "meeting.list_title"), List: ml, Base: meetingBase(view, id)}
		if saved := r.URL.Query().Get("saved"); saved == "organised" {
			p.Saved = "meeting.saved.organised"
		}
		s.render(w, r, http.StatusOK, "meetings", p)
		return nil
	}
}

// meetingShow shows one meeting behind the door view.
func (s *Server) meetingShow(view care.View) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, mtg, err := twoPathIDs(r, "mtg")
		if err != nil {
			return err
		}
		mp, err := s.care.Meeting(r.Context(), s.actor(r), view, id, mtg)
		if err != nil {
			return err
		}
		p := s.meetingPage(r, view, mp)
		switch saved := r.URL.Query().Get("saved"); saved {
		case "minutes", "declined", "coming", "organised":
			p.Saved = "meeting.saved." + saved
		}
		s.render(w, r, http.StatusOK, "meeting", p)
		return nil
	}
}

func (s *Server) meetingPage(r *http.Request, view care.View, mp *care.MeetingPage) *MeetingPageView {
	return &MeetingPageView{CarePage: s.carePage(r, "meeting.title"), Page: mp, Base: meetingBase(view, mp.Family.ID)}
}

// meetingDecline records a parent's answer: "decline=1" will not come,
// anything else will come after all.
func (s *Server) meetingDecline(w http.ResponseWriter, r *http.Request) error {
	id, mtg, err := twoPathIDs(r, "mtg")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	decline := v.Get("decline") == "1"
	err = s.care.DeclineMeeting(r.Context(), s.actor(r), id, mtg, decline)
	var in *care.InvalidInput
	switch {
	case err == nil:
		saved := "coming"
		if decline {
			saved = "declined"
		}
		http.Redirect(w, r, myFamilyURL(id, "/meetings/"+idString(mtg)+"?saved="+saved), http.StatusSeeOther)
		return nil
	case !errors.As(err, &in) || in.Meeting == nil:
		return err
	}
	p := s.meetingPage(r, care.ViewFamily, in.Meeting)
	p.Errors = in.Fields
	s.render(w, r, http.StatusUnprocessableEntity, "meeting", p)
	return nil
}

// meetingFormPage starts a form on the family's meetings.
func (s *Server) meetingFormPage(r *http.Request, fam *care.Family, title string, v url.Values, errs Fields, back string) *FormPage {
	p := s.formPage(r, title, nil, v, errs)
	p.Family = fam
	p.Cancel = back
	p.Back = &Link{Href: back, Text: p.T("meeting.list_title")}
	p.FormID = "meeting-form"
	return p
}

// meetingForm is the form that organises a meeting.
func meetingForm(p *FormPage, ml *care.MeetingList) {
	base := familyURL(ml.Family.ID, "")
	p.Heading, p.Intro, p.Submit = "meeting.new_title", "meeting.new_intro", "meeting.organise_submit"
	p.Action = base + "/meetings"
	p.Back = &Link{Href: base + "/meetings", Text: p.T("meeting.list_title")}
	clock := p.Control("time", "time", "meeting.field.time", true)
	p.Section("",
		p.Choice("radios", "purpose", "meeting.field.purpose", "meeting.purpose.", care.MeetingPurposes, true),
		p.DateField("date", "meeting.field.date", true, p.Today.AddDate(care.MaxYearsAhead, 0, 0)),
		clock,
		p.Number("duration", "meeting.field.duration", care.MinMeetingMinutes, care.MaxMeetingMinutes),
	)
	p.Section("meeting.section_where",
		p.Text("place", "meeting.field.place", care.MaxShort, false),
		p.Text("video_url", "meeting.field.video_url", care.MaxShort, false).WithHint(p, "meeting.video_url_hint"),
	)
	network := p.Control("checks", "participants", "meeting.field.network", false)
	network.Hint = p.T("meeting.network_hint")
	for _, n := range ml.Network {
		name := form.ParticipantNetwork + idString(n.ID)
		label := n.Name + " (" + p.Label("network.role.", n.Role) + ")"
		network.Options = append(network.Options, form.Option{Value: name, Label: label, Selected: p.Values.Get(name) != ""})
	}
	network.Wide = true
	family := p.Control("checks", "participants_family", "meeting.field.family", false)
	family.Hint = p.T("meeting.family_hint")
	for _, m := range ml.Members {
		name := form.ParticipantParent + idString(m.ID)
		label := m.Name
		if m.Relation != "" {
			label += " (" + m.Relation + ")"
		}
		family.Options = append(family.Options, form.Option{Value: name, Label: label, Selected: p.Values.Get(name) != ""})
	}
	family.Wide = true
	p.Section("meeting.section_who", network, family)
	p.Section("",
		p.Area("agenda", "meeting.field.agenda", care.MaxText, false),
		p.Area("minutes", "meeting.field.minutes", care.MaxText, false).WithHint(p, "meeting.minutes_past_hint"),
	)
}

// meetingNew draws the form with the parents and carers invited.
func (s *Server) meetingNew(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	ml, err := s.care.Meetings(r.Context(), s.actor(r), care.ViewCaseFile, id)
	if err != nil {
		return err
	}
	v := url.Values{"duration": {"60"}}
	for _, m := range ml.Members {
		v.Set(form.ParticipantParent+idString(m.ID), "1")
	}
	p := s.meetingFormPage(r, &ml.Family, "meeting.new_title", v, nil, familyURL(id, "")+"/meetings")
	meetingForm(p, ml)
	s.renderForm(w, r, http.StatusOK, p)
	return nil
}

// meetingCreate organises a meeting; a refusal draws the form again with
// what was typed.
func (s *Server) meetingCreate(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	m, errs := form.DecodeMeeting(v)
	var ml *care.MeetingList
	if len(errs) == 0 {
		m.FamilyID = id
		err := s.care.OrganiseMeeting(r.Context(), s.actor(r), &m, false)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, familyURL(id, "")+"/meetings/"+idString(m.ID)+"?saved=organised", http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Meetings == nil:
			return err
		}
		ml, errs = in.Meetings, in.Fields
	} else {
		mergeValidation(errs, m.Validate(s.cfg.Now()))
		if ml, err = s.care.Meetings(r.Context(), s.actor(r), care.ViewCaseFile, id); err != nil {
			return err
		}
	}
	// The form asks for the start as a day and a time: a refusal of the
	// moment is said at the day.
	if msg, ok := errs["start"]; ok {
		delete(errs, "start")
		if _, seen := errs["date"]; !seen {
			errs["date"] = msg
		}
	}
	p := s.meetingFormPage(r, &ml.Family, "meeting.new_title", v, errs, familyURL(id, "")+"/meetings")
	meetingForm(p, ml)
	s.renderForm(w, r, http.StatusUnprocessableEntity, p)
	return nil
}

// minutesForm is the form of a meeting's minutes, decisions and actions.
func minutesForm(p *FormPage, mp *care.MeetingPage) {
	url := familyURL(mp.Family.ID, "") + "/meetings/" + idString(mp.Meeting.ID)
	p.Heading, p.Intro, p.Submit = "meeting.minutes_title", "meeting.minutes_intro", "meeting.minutes_submit"
	p.Action, p.Cancel = url+"/minutes", url
	p.Back = &Link{Href: url, Text: p.T("meeting.back_to_meeting")}
	p.Section("",
		p.Area("minutes", "meeting.field.minutes", care.MaxText, true),
		p.Area("decisions", "meeting.field.decisions", care.MaxText, false).WithHint(p, "meeting.decisions_hint"),
	)
	for i := 1; i <= form.MeetingActionRows; i++ {
		n := "action_" + idString(int64(i)) + "_"
		owner := p.Control("select", n+"owner", "meeting.field.action_owner", false)
		owner.Options = append(owner.Options, form.Option{Value: "", Label: p.T("form.choose"), Selected: owner.Value == ""})
		for _, o := range mp.Owners {
			v := o.Owner.String()
			owner.Options = append(owner.Options, form.Option{Value: v, Label: ownerOptionLabel(&p.CarePage, mp.CaseManagers, o), Selected: v == owner.Value})
		}
		p.Section(p.T("meeting.action_legend", "N", i),
			p.Text(n+"title", "meeting.field.action_title", care.MaxShort, false),
			owner,
			p.DateField(n+"due", "meeting.field.action_due", false, p.Today.AddDate(care.MaxYearsAhead, 0, 0)),
		)
	}
	p.Sections[len(p.Sections)-form.MeetingActionRows].Heading = p.T("meeting.actions_heading")
	p.Sections[len(p.Sections)-form.MeetingActionRows].Intro = p.T("meeting.actions_intro")
}

// meetingMinutes draws the minutes form with what was written before.
func (s *Server) meetingMinutes(w http.ResponseWriter, r *http.Request) error {
	id, mtg, err := twoPathIDs(r, "mtg")
	if err != nil {
		return err
	}
	mp, err := s.care.Meeting(r.Context(), s.actor(r), care.ViewCaseFile, id, mtg)
	if err != nil {
		return err
	}
	v := url.Values{"minutes": {mp.Meeting.Report}, "decisions": {strings.Join(mp.Meeting.Decisions, "\n")}}
	p := s.meetingFormPage(r, &mp.Family, "meeting.minutes_title", v, nil, "")
	minutesForm(p, mp)
	if !mp.Meeting.Started(mp.Now) {
		p.Warning = "meeting.not_started"
	}
	s.renderForm(w, r, http.StatusOK, p)
	return nil
}

// meetingMinutesSave writes the minutes; the actions become tasks.
func (s *Server) meetingMinutesSave(w http.ResponseWriter, r *http.Request) error {
	id, mtg, err := twoPathIDs(r, "mtg")
	if err != nil {
		return err
	}
	v, err := parseForm(w, r)
	if err != nil {
		return err
	}
	rep, errs := form.DecodeMeetingReport(v)
	var mp *care.MeetingPage
	if len(errs) == 0 {
		err := s.care.WriteMeetingReport(r.Context(), s.actor(r), id, mtg, &rep)
		var in *care.InvalidInput
		switch {
		case err == nil:
			http.Redirect(w, r, familyURL(id, "")+"/meetings/"+idString(mtg)+"?saved=minutes", http.StatusSeeOther)
			return nil
		case !errors.As(err, &in) || in.Meeting == nil:
			return err
		}
		mp, errs = in.Meeting, in.Fields
	} else if mp, err = s.care.Meeting(r.Context(), s.actor(r), care.ViewCaseFile, id, mtg); err != nil {
		return err
	}
	p := s.meetingFormPage(r, &mp.Family, "meeting.minutes_title", v, errs, "")
	minutesForm(p, mp)
	s.renderForm(w, r, http.StatusUnprocessableEntity, p)
	return nil
}
