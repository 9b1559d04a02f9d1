package care

import (
	"context"
	"slices"
	"strings"
	"time"
)

// ProviderFile is what a provider with consent sees: the child's name and
// the network, and when the consent's scope covers them the child's
// details and the provider's own tasks. Nothing else.
type ProviderFile struct {
	Family        Family // Family.ForProvider(Scope)
	Network       []NetworkMember
	CaseManagers  CaseManagers
	Directives    []Directive // the care plan's treatment directives; nil without a plan
	Tasks         []Task      // the provider's own: open, and the recently closed
	DoneTaskCount int         // the provider's closed tasks in all
	// TaskEvents are the changes of the provider's own tasks, by task.
	TaskEvents map[int64][]TaskEvent
	Scope      string // the consent in force
	Me         NetworkMember
	Threads    []Thread // the conversations the provider was added to
	// Stay is where the child is today, when the scope covers the
	// child's details (without the case managers' note); else nil.
	Stay *Stay
	// Transfers are the transfers planned, without their checklist tasks,
	// for the link to each handoff summary.
	Transfers []Transfer
	// Signals are the provider's own: their overdue tasks.
	Signals []Signal
}

// UnreadMessages is how many messages the provider has not read.
func (pf *ProviderFile) UnreadMessages() int { return unread(pf.Threads) }

// Shows reports whether the consent in force shows part of the file.
func (pf *ProviderFile) Shows(part Part) bool { return ScopeCovers(pf.Scope, part) }

// ShowsChild and ShowsTasks are Shows for the pages.
func (pf *ProviderFile) ShowsChild() bool { return pf.Shows(PartChild) }
func (pf *ProviderFile) ShowsTasks() bool { return pf.Shows(PartTasks) }

// providerDoor is an access of a provider with consent; a refusal for its
// input comes back with the provider's page.
func (s *Service) providerDoor(actor Actor, familyID int64, object string, action Action) access {
	return access{actor: actor, familyID: familyID, view: ViewProvider, object: object, action: action,
		again: func(ctx context.Context, st Store, familyID int64, rel Relationship, in *InvalidInput) error {
			var err error
			in.Provider, err = providerFile(ctx, st, familyID, rel, s.now())
			return err
		}}
}

// ProviderView returns the provider's view of a family.
func (s *Service) ProviderView(ctx context.Context, actor Actor, familyID int64) (*ProviderFile, error) {
	var pf *ProviderFile
	err := s.gate(ctx, s.providerDoor(actor, familyID, "provider_view", ActionRead), func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		pf, err = providerFile(ctx, st, familyID, rel, s.now())
		return err
	})
	if err != nil {
		return nil, err
	}
	return pf, nil
}

func providerFile(ctx context.Context, st Store, familyID int64, rel Relationship, today time.Time) (*ProviderFile, error) {
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	pf := &ProviderFile{Family: f.ForProvider(rel.Consent.Scope), Scope: rel.Consent.Scope}
	if pf.Network, err = st.Network(ctx, familyID); err != nil {
		return nil, err
	}
	pf.Network, _ = SplitNetwork(pf.Network, today)
	if pf.CaseManagers, err = st.FamilyCaseManagers(ctx, familyID); err != nil {
		return nil, err
	}
	// The treatment directives are part of the plan, which every scope
	// shows: a GP sees them at once, without opening the whole plan.
	plan, err := st.CarePlan(ctx, familyID)
	if err != nil {
		return nil, err
	}
	if plan != nil {
		pf.Directives = plan.ACP.Directives
	}
	for _, n := range pf.Network {
		if n.ID == rel.Link.NetworkMemberID {
			pf.Me = n
		}
	}
	if pf.Threads, err = st.Threads(ctx, familyID, rel.Link.AccountID, rel.Link.AccountID); err != nil {
		return nil, err
	}
	if pf.Shows(PartChild) {
		if pf.Stay, err = currentStay(ctx, st, familyID, today); err != nil {
			return nil, err
		}
		if pf.Stay != nil {
			pf.Stay.Note = ""
		}
	}
	if pf.Transfers, err = plannedTransfers(ctx, st, familyID); err != nil {
		return nil, err
	}
	for i := range pf.Transfers {
		pf.Transfers[i].Items = nil
	}
	if rel.Link.NetworkMemberID == 0 || !pf.Shows(PartTasks) {
		return pf, nil // a link to no one in the network has no tasks
	}
	mine := TaskQuery{NetworkMemberID: rel.Link.NetworkMemberID, RecentDone: RecentOnPage}
	if pf.Tasks, err = st.Tasks(ctx, familyID, mine); err != nil {
		return nil, err
	}
	pf.Signals = providerSignals(familyID, rel.Link.NetworkMemberID, pf.Tasks, today)
	mine.Status = "done"
	if pf.DoneTaskCount, err = st.CountTasks(ctx, familyID, mine); err != nil {
		return nil, err
	}
	// The history of the provider's own tasks only.
	events, err := st.TaskEvents(ctx, familyID, 0)
	pf.TaskEvents = map[int64][]TaskEvent{}
	for _, e := range events {
		if slices.ContainsFunc(pf.Tasks, func(t Task) bool { return t.ID == e.TaskID }) {
			pf.TaskEvents[e.TaskID] = append(pf.TaskEvents[e.TaskID], e)
		}
	}
	return pf, err
}

// LinkedFamily is one family in a provider's or family member's list.
type LinkedFamily struct {
	FamilyID  int64
	ChildName string
	Kind      string // the link kind
	Consent   bool   // for providers: consent in force today
	Scope     string // for providers: the scope of that consent ("" without)
}

// LinkedFamilyRow is a link with what the list of one's families shows.
type LinkedFamilyRow struct {
	Link
	ChildName string
	BirthDate time.Time
}

// MyFamilies lists the families an account is linked to; for a provider
// only those whose consent is in force today are openable (Consent true).
func (s *Service) MyFamilies(ctx context.Context, actor Actor) ([]LinkedFamily, error) {
	var out []LinkedFamily
	err := s.store.Read(ctx, func(st Store) error {
		rows, err := st.LinkedFamilies(ctx, actor.AccountID)
		if err != nil {
			return err
		}
		for _, l := range rows {
			lf := LinkedFamily{FamilyID: l.FamilyID, Kind: l.Kind}
			if l.Kind == LinkProvider && l.NetworkMemberID != 0 {
				recs, err := st.ConsentRecords(ctx, l.FamilyID, l.NetworkMemberID)
				if err != nil {
					return err
				}
				cs := EvaluateConsent(l.BirthDate, s.now(), recs)
				lf.Consent, lf.Scope = cs.Given(), cs.Scope
			}
			if l.Kind != LinkProvider || lf.Consent {
				lf.ChildName = l.ChildName // a provider without consent does not even see the name
			}
			out = append(out, lf)
		}
		return nil
	})
	if err := s.listed(ctx, actor, "linked_families", err); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderCompleteTask lets a provider close one of their own tasks.
func (s *Service) ProviderCompleteTask(ctx context.Context, actor Actor, familyID, taskID int64, note string) error {
	return s.CompleteTask(ctx, actor, ViewProvider, familyID, taskID, note)
}

// FamilyCompleteTask lets the family close a task that is theirs.
func (s *Service) FamilyCompleteTask(ctx context.Context, actor Actor, familyID, taskID int64, note string) error {
	return s.CompleteTask(ctx, actor, ViewFamily, familyID, taskID, note)
}

// AddNote adds a note through the door view: a provider with consent
// leaves a note for the case managers (NoteProvider); the family adds
// their own note or wish (NoteFamily, NoteWish).
func (s *Service) AddNote(ctx context.Context, actor Actor, view View, familyID int64, kind, body string) error {
	var a access
	switch view {
	case ViewProvider:
		a = s.providerDoor(actor, familyID, "note", ActionCreate)
	case ViewFamily:
		a = s.familyDoor(actor, familyID, "note", ActionCreate)
	default:
		return Errorf(Internal, "no door to add a note: %q", view)
	}
	return s.gate(ctx, a, func(st Store, _ Relationship, id *int64) error {
		if (view == ViewProvider) != (kind == NoteProvider) {
			return FieldErrors{"kind": "field.choose"}
		}
		n := &Note{FamilyID: familyID, Author: Person{AccountID: actor.AccountID}, Kind: kind, Body: strings.TrimSpace(body), CreatedAt: s.now().UTC()}
		if err := n.Validate(); err != nil {
			return err
		}
		err := st.AddNote(ctx, n)
		*id = n.ID
		return err
	})
}

// AddProviderNote lets a provider leave a note for the case managers.
func (s *Service) AddProviderNote(ctx context.Context, actor Actor, familyID int64, body string) error {
	return s.AddNote(ctx, actor, ViewProvider, familyID, NoteProvider, body)
}

// AddFamilyNote adds the family's own note or wish (kind NoteWish or NoteFamily).
func (s *Service) AddFamilyNote(ctx context.Context, actor Actor, familyID int64, kind, body string) error {
	return s.AddNote(ctx, actor, ViewFamily, familyID, kind, body)
}

// ProviderConsent is the consent for one provider, as the family sees it.
type ProviderConsent struct {
	Member NetworkMember
	State  ConsentState
	// Mine is the viewer's own latest record for this provider, if any.
	Mine *ConsentRecord
}

// FamilyOverview is the family's own view of their file.
type FamilyOverview struct {
	// File holds the family (without the BSN), members, network, case
	// managers, episode and the tasks: open, and the recently closed.
	File     File
	Notes    []Note
	Consents []ProviderConsent
	Link     Link
	// Rule is the consent rule today; IsChild tells whether the viewer is the child.
	Rule    ConsentRule
	IsChild bool
	// MayConsent is false for a parent once the child is 16: the young
	// person decides alone.
	MayConsent bool
	// StopRule is "" when the viewer may stop or decline case management,
	// else the catalog key of the rule that keeps them from it.
	StopRule string
	// Aftercare is the aftercare plan once the child died (then the
	// child's tasks are no longer shown); nil before.
	Aftercare *Aftercare
	// Signals are the signals that concern the family, for their page.
	Signals []Signal
}

// familyDoor is an access of the family through their own link; a
// refusal for its input comes back with the family's page.
func (s *Service) familyDoor(actor Actor, familyID int64, object string, action Action) access {
	return access{actor: actor, familyID: familyID, view: ViewFamily, object: object, action: action,
		again: func(ctx context.Context, st Store, familyID int64, rel Relationship, in *InvalidInput) error {
			var err error
			in.Overview, err = s.familyOverview(ctx, st, actor, familyID, rel)
			return err
		}}
}

// FamilyView returns the family's own overview.
func (s *Service) FamilyView(ctx context.Context, actor Actor, familyID int64) (*FamilyOverview, error) {
	var ov *FamilyOverview
	err := s.gate(ctx, s.familyDoor(actor, familyID, "family_view", ActionRead), func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		ov, err = s.familyOverview(ctx, st, actor, familyID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return ov, nil
}

func (s *Service) familyOverview(ctx context.Context, st Store, actor Actor, familyID int64, rel Relationship) (*FamilyOverview, error) {
	f, err := s.formFile(ctx, st, familyID)
	if err != nil {
		return nil, err
	}
	f.Family.BSN = ""
	if f.FamilyProposals, err = st.FamilyProposals(ctx, familyID); err != nil {
		return nil, err
	}
	var aftercare *Aftercare
	if f.Family.Deceased {
		// After the death the family's page speaks of the aftercare, not
		// of the child's tasks.
		if aftercare, err = readAftercare(ctx, st, familyID, f.Members, f.Network); err != nil {
			return nil, err
		}
	} else {
		if f.Tasks, err = st.Tasks(ctx, familyID, TaskQuery{RecentDone: RecentOnPage}); err != nil {
			return nil, err
		}
		if f.DoneTaskCount, err = st.CountTasks(ctx, familyID, TaskQuery{Status: "done"}); err != nil {
			return nil, err
		}
	}
	if f.Stay, err = currentStay(ctx, st, familyID, s.now()); err != nil {
		return nil, err
	}
	if f.Transfers, err = plannedTransfers(ctx, st, familyID); err != nil {
		return nil, err
	}
	ov := &FamilyOverview{File: *f, Link: *rel.Link, IsChild: rel.Link.Kind == LinkChild, Rule: RuleOn(f.Family.BirthDate, s.now()),
		Aftercare: aftercare}
	// A parent consents only with custody, and only until the child is 16.
	ov.MayConsent = ov.IsChild || (ov.Rule != RuleChild && hasCustody(f.Members, rel.Link.MemberID))
	ov.StopRule = stopRule(*rel.Link, f.Members, ov.Rule)
	if ov.Signals, err = familySignals(ctx, st, familyID, s.now()); err != nil {
		return nil, err
	}
	if ov.File.Threads, err = st.Threads(ctx, familyID, actor.AccountID, 0); err != nil {
		return nil, err
	}
	notes, err := st.Notes(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		if n.Kind != NoteProvider { // a provider's note is for the case managers
			ov.Notes = append(ov.Notes, n)
		}
	}
	recs, err := st.ConsentRecords(ctx, familyID, 0)
	if err != nil {
		return nil, err
	}
	for _, n := range f.Network {
		var mine []ConsentRecord
		pc := ProviderConsent{Member: n}
		for _, r := range recs {
			if r.NetworkMemberID == n.ID {
				mine = append(mine, r)
				if r.GivenBy.AccountID == actor.AccountID {
					pc.Mine = &r
				}
			}
		}
		pc.State = EvaluateConsent(f.Family.BirthDate, s.now(), mine)
		ov.Consents = append(ov.Consents, pc)
	}
	return ov, nil
}

// SetConsent grants (granted true) or withdraws consent for one provider
// in the network. A parent gives consent only with custody; from 16 only
// the young person's own consent counts.
func (s *Service) SetConsent(ctx context.Context, actor Actor, familyID, networkMemberID int64, granted bool, scope string) error {
	return s.gate(ctx, s.familyDoor(actor, familyID, "consent", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		network, err := st.Network(ctx, familyID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(network, func(n NetworkMember) bool { return n.ID == networkMemberID }) {
			return Errorf(NotFound, "network member not found")
		}
		fe := FieldErrors{}
		if !granted && scope == "" {
			scope = ScopeFile // a withdrawal withdraws, whatever the scope was
		}
		oneOf(fe, "scope", scope, ScopeFile, ScopePlanNetwork)
		if len(fe) > 0 {
			return fe
		}
		kind := GiverChild
		if rel.Link.Kind != LinkChild {
			kind = GiverParent
			members, err := st.Members(ctx, familyID)
			if err != nil {
				return err
			}
			if !hasCustody(members, rel.Link.MemberID) {
				return Errorf(Forbidden, "consent.no_custody")
			}
			if RuleOn(rel.BirthDate, s.now()) == RuleChild {
				return Errorf(Forbidden, "consent.child_decides")
			}
		}
		r := &ConsentRecord{FamilyID: familyID, NetworkMemberID: networkMemberID, GivenBy: Person{AccountID: actor.AccountID},
			GiverKind: kind, Granted: granted, Scope: scope, At: s.now().UTC()}
		*id = networkMemberID
		return st.AddConsent(ctx, r)
	})
}

func hasCustody(members []Member, memberID int64) bool {
	for _, m := range members {
		if m.ID == memberID {
			return m.Custody
		}
	}
	return false
}

// stopRule says whether a family member may stop or decline case
// management, by the rule of consent (WGBO): whoever's consent counts may
// withdraw it. A parent with custody until the child is 16; the child from
// 12. It returns "" when they may, else the catalog key of the rule.
func stopRule(link Link, members []Member, rule ConsentRule) string {
	switch {
	case link.Kind == LinkChild && rule == RuleParents:
		return "familyview.stop_parents_decide"
	case link.Kind == LinkChild:
		return ""
	case rule == RuleChild:
		return "familyview.stop_child_decides"
	case !hasCustody(members, link.MemberID):
		return "familyview.stop_no_custody"
	}
	return ""
}

// StopCaseManagement records that the family declines or stops case
// management; the case manager can reopen it. Only those whose consent
// counts may (see stopRule).
func (s *Service) StopCaseManagement(ctx context.Context, actor Actor, familyID int64, note string) error {
	return s.gate(ctx, s.familyDoor(actor, familyID, "episode", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		members, err := st.Members(ctx, familyID)
		if err != nil {
			return err
		}
		if key := stopRule(*rel.Link, members, RuleOn(rel.BirthDate, s.now())); key != "" {
			return Errorf(Forbidden, "%s", key)
		}
		cur, err := st.Episode(ctx, familyID)
		if err != nil {
			return err
		}
		if cur == nil {
			return Errorf(NotFound, "episode not found")
		}
		e := *cur
		e.Status = "ended" // stopped after it had been accepted
		if cur.Status == "offered" {
			e.Status = "declined"
		}
		e.StatusDate, e.StatusNote = DateOf(s.now()), strings.TrimSpace(note)
		if err := e.Validate(s.now(), rel.KnownBirth()); err != nil {
			return err
		}
		*id = familyID
		return st.SaveEpisode(ctx, &e)
	})
}

// FamilyAccessLog is the family's own page of who looked at their file.
type FamilyAccessLog struct {
	ChildName string
	IsChild   bool // the reader is the child
	Entries   []AccessEntry
}

// FamilyAccessLog returns who looked at the family's file between from and
// to, as the family's own view shows it: for the family only.
func (s *Service) FamilyAccessLog(ctx context.Context, actor Actor, familyID int64, from, to time.Time) (*FamilyAccessLog, error) {
	l := &FamilyAccessLog{}
	a := access{actor: actor, familyID: familyID, view: ViewFamily, object: "access_log", action: ActionRead}
	err := s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		l.ChildName, l.IsChild = f.ChildName, rel.Link.Kind == LinkChild
		l.Entries, err = st.AccessLog(ctx, familyID, from, to)
		return err
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// AccessLog returns who looked at the family's file between from and to,
// for the family and their case managers. Reading it is audited too.
func (s *Service) AccessLog(ctx context.Context, actor Actor, familyID int64, from, to time.Time) ([]AccessEntry, error) {
	var log []AccessEntry
	a := access{actor: actor, familyID: familyID, view: ViewAccessLog, object: "access_log", action: ActionRead}
	err := s.gate(ctx, a, func(st Store, _ Relationship, id *int64) error {
		var err error
		log, err = st.AccessLog(ctx, familyID, from, to)
		*id = familyID
		return err
	})
	if err != nil {
		return nil, err
	}
	return log, nil
}
