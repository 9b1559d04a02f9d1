package care

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MeetingList is a family's meetings as one reader sees them: the case
// managers all of them, a provider or a parent only those they are
// invited to.
type MeetingList struct {
	Family   Family // Family.ForProvider(Scope) for a provider
	Viewer   string // ViewerCaseManager, ViewerFamily or ViewerProvider
	Now      time.Time
	Upcoming []Meeting // soonest first, the one under way too
	Past     []Meeting // most recent first
	// For the case managers' form: who can be invited.
	Network []NetworkMember // still involved
	Members []Member        // parents and carers still in the file
	// Me is the reader's own network or family member id (0 for the case
	// managers), so the pages can say "you".
	MyNetworkMemberID, MyMemberID int64
}

// MeetingPage is one meeting as one reader sees it.
type MeetingPage struct {
	Family  Family
	Viewer  string
	Now     time.Time
	Meeting Meeting
	// Me is the reader's own invitation; nil for the case managers.
	Me *MeetingParticipant
	// Owners are who an action can be given to: the family's case
	// managers and the participants; for the case managers' form only.
	Owners       []PossibleOwner
	CaseManagers CaseManagers
}

// meetingFamily reads what a reader of the family's meetings sees of
// the family, and refuses a provider whose consent does not cover the
// care plan the meeting is part of.
func meetingFamily(ctx context.Context, st Store, view View, familyID int64, rel Relationship) (Family, string, error) {
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return Family{}, "", err
	}
	switch view {
	case ViewProvider:
		if !ScopeCovers(rel.Consent.Scope, PartPlan) || rel.Link.NetworkMemberID == 0 {
			return Family{}, "", errDenied
		}
		return f.ForProvider(rel.Consent.Scope), ViewerProvider, nil
	case ViewFamily:
		return *f, ViewerFamily, nil
	}
	return *f, ViewerCaseManager, nil
}

// invited reports whether the reader through view is invited to m: the
// case managers see every meeting, a provider and a parent their own.
func invited(m *Meeting, view View, rel Relationship) *MeetingParticipant {
	switch view {
	case ViewProvider:
		if rel.Link != nil && rel.Link.NetworkMemberID != 0 {
			return m.Participant(rel.Link.NetworkMemberID, 0)
		}
	case ViewFamily:
		if rel.Link != nil && rel.Link.MemberID != 0 {
			return m.Participant(0, rel.Link.MemberID)
		}
	}
	return nil
}

// meetingDoor is an access to the family's meetings through view; a
// refusal for its input comes back with the page of the form.
func (s *Service) meetingDoor(actor Actor, view View, familyID int64, object string, action Action, page func(ctx context.Context, st Store, rel Relationship, in *InvalidInput) error) (access, error) {
	switch view {
	case ViewCaseFile, ViewFamily, ViewProvider:
	default:
		return access{}, Errorf(Internal, "no door to the meetings: %q", view)
	}
	a := access{actor: actor, familyID: familyID, view: view, object: object, action: action}
	if page != nil {
		a.again = func(ctx context.Context, st Store, _ int64, rel Relationship, in *InvalidInput) error {
			return page(ctx, st, rel, in)
		}
	}
	return a, nil
}

// Meetings returns the family's meetings through the door view: the case
// managers see all, a provider with consent and a parent those they are
// invited to.
func (s *Service) Meetings(ctx context.Context, actor Actor, view View, familyID int64) (*MeetingList, error) {
	a, err := s.meetingDoor(actor, view, familyID, "meetings", ActionRead, nil)
	if err != nil {
		return nil, err
	}
	var ml *MeetingList
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		ml, err = s.meetingList(ctx, st, view, familyID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ml, nil
}

func (s *Service) meetingList(ctx context.Context, st Store, view View, familyID int64, rel Relationship) (*MeetingList, error) {
	f, viewer, err := meetingFamily(ctx, st, view, familyID, rel)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	ml := &MeetingList{Family: f, Viewer: viewer, Now: now}
	if rel.Link != nil {
		ml.MyNetworkMemberID, ml.MyMemberID = rel.Link.NetworkMemberID, rel.Link.MemberID
	}
	all, err := st.Meetings(ctx, familyID)
	if err != nil {
		return nil, err
	}
	if err := withActions(ctx, st, familyID, all); err != nil {
		return nil, err
	}
	for _, m := range all {
		if view != ViewCaseFile && invited(&m, view, rel) == nil {
			continue
		}
		if m.End().After(now) {
			ml.Upcoming = append(ml.Upcoming, m)
		} else {
			ml.Past = append(ml.Past, m)
		}
	}
	slices.Reverse(ml.Past)
	if view != ViewCaseFile {
		return ml, nil
	}
	network, err := st.Network(ctx, familyID)
	if err != nil {
		return nil, err
	}
	ml.Network, _ = SplitNetwork(network, now)
	members, err := st.Members(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if (m.Kind == "parent" || m.Kind == "carer") && !m.Ended(now) {
			ml.Members = append(ml.Members, m)
		}
	}
	return ml, nil
}

// withActions fills in each meeting's actions from the family's tasks.
func withActions(ctx context.Context, st Store, familyID int64, ms []Meeting) error {
	if !slices.ContainsFunc(ms, func(m Meeting) bool { return len(m.ActionIDs) > 0 }) {
		return nil
	}
	tasks, err := st.Tasks(ctx, familyID, TaskQuery{})
	if err != nil {
		return err
	}
	for i := range ms {
		for _, t := range tasks {
			if slices.Contains(ms[i].ActionIDs, t.ID) {
				ms[i].Actions = append(ms[i].Actions, t)
			}
		}
	}
	return nil
}

// Meeting returns one meeting of the family through the door view, with
// its minutes once written. A provider or parent who is not invited, and
// a meeting of another family, is not found, and the attempt recorded.
func (s *Service) Meeting(ctx context.Context, actor Actor, view View, familyID, meetingID int64) (*MeetingPage, error) {
	a, err := s.meetingDoor(actor, view, familyID, "meeting", ActionRead, nil)
	if err != nil {
		return nil, err
	}
	var mp *MeetingPage
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = meetingID
		var err error
		mp, err = s.meetingPage(ctx, st, view, familyID, meetingID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return mp, nil
}

func (s *Service) meetingPage(ctx context.Context, st Store, view View, familyID, meetingID int64, rel Relationship) (*MeetingPage, error) {
	f, viewer, err := meetingFamily(ctx, st, view, familyID, rel)
	if err != nil {
		return nil, err
	}
	m, err := st.Meeting(ctx, familyID, meetingID)
	if err != nil {
		return nil, err
	}
	mp := &MeetingPage{Family: f, Viewer: viewer, Now: s.now().UTC()}
	if view != ViewCaseFile {
		if mp.Me = invited(m, view, rel); mp.Me == nil {
			return nil, errDenied
		}
	}
	ms := []Meeting{*m}
	if err := withActions(ctx, st, familyID, ms); err != nil {
		return nil, err
	}
	mp.Meeting = ms[0]
	if view == ViewCaseFile {
		cms, err := st.FamilyCaseManagers(ctx, familyID)
		if err != nil {
			return nil, err
		}
		mp.Owners, mp.CaseManagers = meetingOwners(cms, &mp.Meeting), cms
	}
	return mp, nil
}

// meetingOwners are who an action of m can be given to: the family's
// case managers and the participants.
func meetingOwners(cms CaseManagers, m *Meeting) []PossibleOwner {
	var out []PossibleOwner
	for _, p := range []Person{cms.KCT, cms.Thuis} {
		if p.AccountID != 0 && !slices.ContainsFunc(out, func(o PossibleOwner) bool { return o.Owner.ID == p.AccountID }) {
			out = append(out, PossibleOwner{Owner: TaskOwner{Kind: OwnerCaseManager, ID: p.AccountID}, Name: p.Name})
		}
	}
	for _, p := range m.Participants {
		o := PossibleOwner{Owner: TaskOwner{Kind: OwnerNetwork, ID: p.NetworkMemberID}, Name: p.Name, Role: p.Role}
		if p.Family() {
			o.Owner = TaskOwner{Kind: OwnerParent, ID: p.MemberID}
		}
		out = append(out, o)
	}
	return out
}

// Meeting field errors.
const (
	participantNotInFile = "meeting.participant_not_in_file"
	ownerNotParticipant  = "meeting.owner_not_participant"
)

// OrganiseMeeting plans a meeting of the family, or records one that
// took place with its minutes. The participants must be in this family's
// network and still involved, or its parents and carers; with
// InviteFamily every parent and carer still in the file is invited too.
// Anything refused comes back at its field, and nothing is saved.
func (s *Service) OrganiseMeeting(ctx context.Context, actor Actor, m *Meeting, inviteFamily bool) error {
	a, _ := s.meetingDoor(actor, ViewCaseFile, m.FamilyID, "meeting", ActionCreate,
		func(ctx context.Context, st Store, rel Relationship, in *InvalidInput) error {
			var err error
			in.Meetings, err = s.meetingList(ctx, st, ViewCaseFile, m.FamilyID, rel)
			return err
		})
	return s.gate(ctx, a, func(st Store, _ Relationship, id *int64) error {
		now := s.now().UTC()
		m.Place, m.VideoURL, m.Agenda, m.Report = strings.TrimSpace(m.Place), strings.TrimSpace(m.VideoURL), strings.TrimSpace(m.Agenda), strings.TrimSpace(m.Report)
		m.Start = m.Start.UTC().Truncate(time.Minute)
		fe := FieldErrors{}
		if err := s.checkParticipants(ctx, st, m, inviteFamily, now, fe); err != nil {
			return err
		}
		mergeErrors(fe, m.Validate(now), "")
		if len(m.Decisions) > 0 && m.Report == "" {
			fe["minutes"] = "field.required"
		}
		if err := fe.OrNil(); err != nil {
			return err
		}
		m.CreatedAt, m.CreatedBy = now, Person{AccountID: actor.AccountID}
		if m.Report != "" {
			m.ReportAt, m.ReportBy = now, m.CreatedBy
		}
		if err := st.CreateMeeting(ctx, m); err != nil {
			return err
		}
		*id = m.ID
		return nil
	})
}

// checkParticipants looks the participants up in the family's file and
// fills in their names; one not in this family (another family's id, or
// one who no longer takes part) is refused at "participants".
func (s *Service) checkParticipants(ctx context.Context, st Store, m *Meeting, inviteFamily bool, now time.Time, fe FieldErrors) error {
	network, err := st.Network(ctx, m.FamilyID)
	if err != nil {
		return err
	}
	members, err := st.Members(ctx, m.FamilyID)
	if err != nil {
		return err
	}
	var out []MeetingParticipant
	seen := map[string]bool{}
	add := func(p MeetingParticipant) {
		key := strconv.FormatInt(p.NetworkMemberID, 10) + "/" + strconv.FormatInt(p.MemberID, 10)
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	for _, p := range m.Participants {
		switch {
		case p.NetworkMemberID != 0 && p.MemberID == 0:
			i := slices.IndexFunc(network, func(n NetworkMember) bool { return n.ID == p.NetworkMemberID && !n.Ended(now) })
			if i < 0 {
				fe["participants"] = participantNotInFile
				continue
			}
			add(MeetingParticipant{NetworkMemberID: p.NetworkMemberID, Name: network[i].Name, Role: network[i].Role})
		case p.MemberID != 0 && p.NetworkMemberID == 0:
			i := slices.IndexFunc(members, func(x Member) bool {
				return x.ID == p.MemberID && (x.Kind == "parent" || x.Kind == "carer") && !x.Ended(now)
			})
			if i < 0 {
				fe["participants"] = participantNotInFile
				continue
			}
			add(MeetingParticipant{MemberID: p.MemberID, Name: members[i].Name, Role: members[i].Relation})
		default:
			fe["participants"] = participantNotInFile
		}
	}
	if inviteFamily {
		for _, x := range members {
			if (x.Kind == "parent" || x.Kind == "carer") && !x.Ended(now) {
				add(MeetingParticipant{MemberID: x.ID, Name: x.Name, Role: x.Relation})
			}
		}
	}
	m.Participants = out
	return nil
}

// WriteMeetingReport writes the minutes of a meeting that has started,
// replaces its decisions and adds each action as a task for its owner,
// who must be a case manager of the family or a participant: in one
// transaction, so a refused action leaves the minutes unsaved too.
func (s *Service) WriteMeetingReport(ctx context.Context, actor Actor, familyID, meetingID int64, r *MeetingReport) error {
	a, _ := s.meetingDoor(actor, ViewCaseFile, familyID, "meeting", ActionUpdate,
		func(ctx context.Context, st Store, rel Relationship, in *InvalidInput) error {
			var err error
			in.Meeting, err = s.meetingPage(ctx, st, ViewCaseFile, familyID, meetingID, rel)
			return err
		})
	return s.gate(ctx, a, func(st Store, _ Relationship, id *int64) error {
		*id = meetingID
		m, err := st.Meeting(ctx, familyID, meetingID)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		r.Minutes = strings.TrimSpace(r.Minutes)
		decisions := r.Decisions[:0:0]
		for _, d := range r.Decisions {
			if d = strings.TrimSpace(d); d != "" {
				decisions = append(decisions, d)
			}
		}
		r.Decisions = decisions
		fe := FieldErrors{}
		mergeErrors(fe, r.Validate(), "")
		if !m.Started(now) {
			fe["minutes"] = "meeting.not_started"
		}
		var tasks []*Task
		for i, act := range r.Actions {
			if act.Row == 0 {
				act.Row = i + 1
			}
			prefix := "action_" + strconv.Itoa(act.Row) + "_"
			t := &Task{FamilyID: familyID, Title: strings.TrimSpace(act.Title), DueDate: act.Due, Pick: act.Owner}
			if act.Owner.IsZero() {
				fe[prefix+"owner"] = "field.required"
				continue
			}
			if act.Owner.Kind == OwnerFamily || act.Owner.Kind != OwnerCaseManager &&
				m.Participant(ownerNetworkID(act.Owner), ownerMemberID(act.Owner)) == nil {
				fe[prefix+"owner"] = ownerNotParticipant
				continue
			}
			tasks = append(tasks, t)
			if err := s.createTaskChecked(ctx, st, actor, t, prefix, fe); err != nil {
				return err
			}
		}
		if err := fe.OrNil(); err != nil {
			return err
		}
		m.Report, m.Decisions, m.ReportAt, m.ReportBy = r.Minutes, r.Decisions, now, Person{AccountID: actor.AccountID}
		if err := st.SaveMeetingReport(ctx, m); err != nil {
			return err
		}
		for _, t := range tasks {
			if err := st.AddMeetingAction(ctx, familyID, meetingID, t.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// createTaskChecked creates t, or adds its field errors to fe. Tasks are
// created while checking so every problem shows at once; a later error
// ends the transaction, and with it these tasks.
func (s *Service) createTaskChecked(ctx context.Context, st Store, actor Actor, t *Task, prefix string, fe FieldErrors) error {
	if len(fe) > 0 {
		// Something is refused already: only check this one.
		err := giveTo(ctx, st, t.FamilyID, t, t.Pick, "owner", s.now())
		mergeErrors(fe, err, prefix)
		mergeErrors(fe, t.Validate(s.now()), prefix)
		return nil
	}
	err := s.createTask(ctx, st, actor, t, prefix)
	if _, ok := err.(FieldErrors); ok {
		mergeErrors(fe, err, "")
		return nil
	}
	return err
}

func ownerNetworkID(o TaskOwner) int64 {
	if o.Kind == OwnerNetwork {
		return o.ID
	}
	return 0
}

func ownerMemberID(o TaskOwner) int64 {
	if o.Kind == OwnerParent {
		return o.ID
	}
	return 0
}

// DeclineMeeting lets an invited parent say they will not come (decline
// true) or will after all, before the meeting starts. A parent who is not
// invited, and a meeting of another family, is not found.
func (s *Service) DeclineMeeting(ctx context.Context, actor Actor, familyID, meetingID int64, decline bool) error {
	a, _ := s.meetingDoor(actor, ViewFamily, familyID, "meeting_participant", ActionUpdate,
		func(ctx context.Context, st Store, rel Relationship, in *InvalidInput) error {
			var err error
			in.Meeting, err = s.meetingPage(ctx, st, ViewFamily, familyID, meetingID, rel)
			return err
		})
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = meetingID
		m, err := st.Meeting(ctx, familyID, meetingID)
		if err != nil {
			return err
		}
		me := invited(m, ViewFamily, rel)
		if me == nil {
			return errDenied
		}
		now := s.now().UTC()
		if m.Started(now) {
			return FieldErrors{"decline": "meeting.decline_started"}
		}
		var at time.Time
		if decline {
			at = now
		}
		return st.SetMeetingDeclined(ctx, familyID, meetingID, me.MemberID, at)
	})
}

// MeetingsForAccount lists the meetings of the account's from from up to
// to, as a calendar shows them: those it organised as a case manager of
// the family, and those it is invited to as a provider whose consent is
// in force and covers the plan, or as a parent. Only what and when: no
// names. The list is one audit record, as for the account's families.
func (s *Service) MeetingsForAccount(ctx context.Context, actor Actor, from, to time.Time) ([]AccountMeeting, error) {
	var out []AccountMeeting
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		out, err = s.accountMeetings(ctx, st, actor.AccountID, from, to)
		return err
	})
	if err := s.listed(ctx, actor, "meetings", err); err != nil {
		return nil, err
	}
	return out, nil
}

// UpcomingMeetings lists the meetings the account is invited to or
// organised that have not ended, within the year ahead, soonest first.
func (s *Service) UpcomingMeetings(ctx context.Context, actor Actor) ([]AccountMeeting, error) {
	now := s.now().UTC()
	ms, err := s.MeetingsForAccount(ctx, actor, now.Add(-MaxMeetingMinutes*time.Minute), now.AddDate(1, 0, 0))
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(ms, func(m AccountMeeting) bool { return !m.End().After(now) }), nil
}

func (s *Service) accountMeetings(ctx context.Context, st Store, accountID int64, from, to time.Time) ([]AccountMeeting, error) {
	rows, err := st.MeetingsForAccount(ctx, accountID, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	now := s.now()
	consent := map[[2]int64]bool{}
	var out []AccountMeeting
	for _, m := range rows {
		if m.Via == LinkProvider {
			key := [2]int64{m.FamilyID, m.NetworkMemberID}
			ok, seen := consent[key]
			if !seen {
				recs, err := st.ConsentRecords(ctx, m.FamilyID, m.NetworkMemberID)
				if err != nil {
					return nil, err
				}
				cs := EvaluateConsent(m.BirthDate, now, recs)
				ended := !m.NetworkEndedOn.IsZero() && m.NetworkEndedOn.Before(DateOf(now))
				ok = cs.Given() && ScopeCovers(cs.Scope, PartPlan) && !ended
				consent[key] = ok
			}
			if !ok {
				continue
			}
		}
		m.NetworkMemberID, m.NetworkEndedOn, m.BirthDate = 0, time.Time{}, time.Time{}
		out = append(out, m)
	}
	return out, nil
}

// upcomingMeetings are the family's meetings that have not ended at now,
// soonest first, for the family page.
func upcomingMeetings(ctx context.Context, st Store, familyID int64, now time.Time) ([]Meeting, error) {
	all, err := st.Meetings(ctx, familyID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(m Meeting) bool { return !m.End().After(now) }), nil
}
