package care

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Viewers of the care plan.
const (
	ViewerCaseManager = "casemanager"
	ViewerFamily      = "family"
	ViewerProvider    = "provider"
)

// PlanFile is the care plan with what it is shown with: the child, the
// plan's actions as they stand today, the family's proposals and who to
// call.
type PlanFile struct {
	Family       Family    // without the BSN for anyone but the case managers
	Plan         *CarePlan // nil when the family has no plan yet
	Actions      []Task    // tasks linked to the plan, live
	Proposals    []Proposal
	Network      []NetworkMember
	Members      []Member // parents and carers, for who to call
	CaseManagers CaseManagers
	Viewer       string // ViewerCaseManager, ViewerFamily or ViewerProvider
	IsChild      bool   // the viewer is the child
	Scope        string // for a provider: the consent in force
}

// Shows reports whether the viewer sees part of the file: everything but
// the BSN for the case managers and the family, for a provider what the
// consent's scope covers.
func (pf *PlanFile) Shows(part Part) bool {
	return pf.Viewer != ViewerProvider || ScopeCovers(pf.Scope, part)
}

// ShowsChild is Shows(PartChild) for the pages.
func (pf *PlanFile) ShowsChild() bool { return pf.Shows(PartChild) }

// ActionsOf returns the live actions of one dimension.
func (pf *PlanFile) ActionsOf(d Dimension) []Task {
	var out []Task
	for _, t := range pf.Actions {
		if t.PlanDimension == d {
			out = append(out, t)
		}
	}
	return out
}

// CarePlan returns the plan to whoever may see it through the door via:
// ViewCarePlan lets in everyone who may read it (the case managers, the
// family and providers with consent in force); ViewCaseFile, ViewFamily
// and ViewProvider only the case managers, the family or a provider with
// consent, so each role's pages show the plan to that role alone.
func (s *Service) CarePlan(ctx context.Context, actor Actor, familyID int64, via View) (*PlanFile, error) {
	return s.planFile(ctx, actor, familyID, via, "careplan", ActionRead)
}

// CarePlanForEdit returns the plan for a form that changes it: only the
// family's case managers may; anyone else's attempt is refused, and
// recorded, as for the case file.
func (s *Service) CarePlanForEdit(ctx context.Context, actor Actor, familyID int64) (*PlanFile, error) {
	return s.planFile(ctx, actor, familyID, ViewCaseFile, "careplan", ActionRead)
}

// PrintCarePlan is CarePlan for the print view. Opening the view is
// viewing it, and audited as a read; printing it is recorded apart, by
// RecordPrint, when the user prints.
func (s *Service) PrintCarePlan(ctx context.Context, actor Actor, familyID int64, via View) (*PlanFile, error) {
	return s.planFile(ctx, actor, familyID, via, "careplan", ActionRead)
}

// EmergencySummary is the short summary for an ambulance or out-of-hours
// GP: diagnoses, treatment directives and who to call. Opening it is
// viewing it; printing it is recorded by RecordPrint.
func (s *Service) EmergencySummary(ctx context.Context, actor Actor, familyID int64, via View) (*PlanFile, error) {
	return s.planFile(ctx, actor, familyID, via, "emergency_summary", ActionRead)
}

// Printables are the objects whose printing is recorded: by RecordPrint,
// and for a transfer's handoff summary, with the transfer, by
// RecordHandoffPrint.
var Printables = []string{"careplan", "emergency_summary", "handoff_summary"}

// RecordPrint records that the actor printed object ("careplan" or
// "emergency_summary") of the family, as seen through door via: the
// browser reports it when its print dialog opens. Whoever may not see the
// object may not record printing it either; the refusal is recorded.
func (s *Service) RecordPrint(ctx context.Context, actor Actor, familyID int64, via View, object string) error {
	switch via {
	case ViewCarePlan, ViewCaseFile, ViewFamily, ViewProvider:
	default:
		return Errorf(Internal, "no door to the care plan: %q", via)
	}
	known := false
	for _, o := range Printables {
		known = known || o == object && o != "handoff_summary" // recorded with its transfer
	}
	if !known {
		return Errorf(NotFound, "nothing to print: %q", object)
	}
	a := access{actor: actor, familyID: familyID, view: via, object: object, action: ActionPrint}
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		return nil
	})
}

func (s *Service) planFile(ctx context.Context, actor Actor, familyID int64, via View, object string, action Action) (*PlanFile, error) {
	switch via {
	case ViewCarePlan, ViewCaseFile, ViewFamily, ViewProvider:
	default:
		return nil, Errorf(Internal, "no door to the care plan: %q", via)
	}
	var pf *PlanFile
	a := access{actor: actor, familyID: familyID, view: via, object: object, action: action}
	err := s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		pf, err = s.planView(ctx, st, actor, familyID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return pf, nil
}

// planPage is an access through door view to a form on the plan page: a
// refusal for its input comes back with the page.
func (s *Service) planPage(actor Actor, familyID int64, view View, object string, action Action) access {
	return access{actor: actor, familyID: familyID, view: view, object: object, action: action,
		again: func(ctx context.Context, st Store, familyID int64, rel Relationship, in *InvalidInput) error {
			var err error
			in.Plan, err = s.planView(ctx, st, actor, familyID, rel)
			return err
		}}
}

// planView reads the plan as its page shows it to the viewer rel makes,
// with the network and the parents still involved today.
func (s *Service) planView(ctx context.Context, st Store, actor Actor, familyID int64, rel Relationship) (*PlanFile, error) {
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	pf := &PlanFile{Family: *f, Viewer: ViewerCaseManager}
	switch {
	case rel.CaseManager && actor.Role == RoleCaseManager:
	case rel.Link != nil && rel.Link.Kind == LinkProvider:
		pf.Viewer, pf.Scope = ViewerProvider, rel.Consent.Scope
		pf.Family = f.ForProvider(pf.Scope)
	default:
		pf.Viewer = ViewerFamily
		pf.IsChild = rel.Link != nil && rel.Link.Kind == LinkChild
	}
	if pf.Viewer != ViewerCaseManager {
		pf.Family.BSN = ""
	}
	if pf.Network, err = st.Network(ctx, familyID); err != nil {
		return nil, err
	}
	pf.Network, _ = SplitNetwork(pf.Network, s.now())
	if pf.CaseManagers, err = st.FamilyCaseManagers(ctx, familyID); err != nil {
		return nil, err
	}
	members, err := st.Members(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if (m.Kind == "parent" || m.Kind == "carer") && !m.Ended(s.now()) {
			pf.Members = append(pf.Members, m)
		}
	}
	if pf.Actions, err = st.Tasks(ctx, familyID, TaskQuery{PlanOnly: true}); err != nil {
		return nil, err
	}
	if pf.Plan, err = st.CarePlan(ctx, familyID); err != nil {
		return nil, err
	}
	if pf.Viewer != ViewerProvider { // proposals are between the family and the case managers
		if pf.Proposals, err = st.Proposals(ctx, familyID); err != nil {
			return nil, err
		}
	}
	return pf, nil
}

// CarePlanVersions lists the versions of the plan, newest first.
func (s *Service) CarePlanVersions(ctx context.Context, actor Actor, familyID int64) ([]PlanVersionInfo, error) {
	var out []PlanVersionInfo
	err := s.gate(ctx, caseFile(actor, familyID, "careplan_version", ActionRead), func(st Store, _ Relationship, id *int64) error {
		var err error
		out, err = st.CarePlanVersions(ctx, familyID)
		*id = familyID
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CarePlanVersion returns one version of the plan.
func (s *Service) CarePlanVersion(ctx context.Context, actor Actor, familyID int64, version int) (*CarePlan, error) {
	var p *CarePlan
	err := s.gate(ctx, caseFile(actor, familyID, "careplan_version", ActionRead), func(st Store, _ Relationship, id *int64) error {
		var err error
		p, err = st.CarePlanVersion(ctx, familyID, version)
		*id = int64(version)
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// PlanHistory is the plan page with the list of the plan's versions.
type PlanHistory struct {
	Page     *PlanFile
	Versions []PlanVersionInfo // newest first; none without a plan
}

// CarePlanHistory returns the plan page and the plan's versions, for the
// case managers.
func (s *Service) CarePlanHistory(ctx context.Context, actor Actor, familyID int64) (*PlanHistory, error) {
	h := &PlanHistory{}
	err := s.gate(ctx, caseFile(actor, familyID, "careplan_version", ActionRead), func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		if h.Page, err = s.planView(ctx, st, actor, familyID, rel); err != nil || h.Page.Plan == nil {
			return err
		}
		h.Versions, err = st.CarePlanVersions(ctx, familyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// Comparison is two versions of the plan side by side.
type Comparison struct {
	A, B *CarePlan
	Rows []DiffRow
}

// PlanComparison is the plan page with two of its versions side by side.
type PlanComparison struct {
	Page        *PlanFile
	*Comparison // nil when nothing was compared
}

// ComparePlanVersions sets two versions side by side on the plan page, for
// the case managers: pick chooses them from the current version (0 without
// a plan), or says there is nothing to compare; then the page comes back
// alone.
func (s *Service) ComparePlanVersions(ctx context.Context, actor Actor, familyID int64, pick func(current int) (a, b int, ok bool)) (*PlanComparison, error) {
	pc := &PlanComparison{}
	err := s.gate(ctx, caseFile(actor, familyID, "careplan_version", ActionRead), func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		if pc.Page, err = s.planView(ctx, st, actor, familyID, rel); err != nil {
			return err
		}
		current := 0
		if pc.Page.Plan != nil {
			current = pc.Page.Plan.Version
		}
		a, b, ok := pick(current)
		if !ok {
			return nil
		}
		c := &Comparison{}
		if c.A, err = st.CarePlanVersion(ctx, familyID, a); err != nil {
			return err
		}
		if c.B, err = st.CarePlanVersion(ctx, familyID, b); err != nil {
			return err
		}
		*id, pc.Comparison = int64(b), c
		return nil
	})
	if err != nil {
		return nil, err
	}
	if pc.Comparison != nil {
		pc.Rows = ComparePlans(pc.A, pc.B)
	}
	return pc, nil
}

// CompareCarePlan sets versions a and b side by side.
func (s *Service) CompareCarePlan(ctx context.Context, actor Actor, familyID int64, a, b int) (*Comparison, error) {
	pc, err := s.ComparePlanVersions(ctx, actor, familyID, func(int) (int, int, bool) { return a, b, true })
	if err != nil {
		return nil, err
	}
	return pc.Comparison, nil
}

// ErrNoVersion answers a change that does not say which version it was
// made on.
var ErrNoVersion = Errorf(Invalid, "care plan change without its version")

// ErrNoPlan answers a change to a plan that does not exist yet.
var ErrNoPlan = Errorf(NotFound, "careplan.none")

// ErrPlanExists answers starting a second plan.
var ErrPlanExists = Errorf(Conflict, "careplan.exists")

// PlanConflict refuses a save made on an older version than the current
// one: someone else saved in between. Nothing was written; Current says
// who saved what, so the user can look at the other change first.
type PlanConflict struct {
	Base    int
	Current PlanVersionInfo
	// Page is the plan as it is now, read in the refused save's own
	// transaction, for drawing the form again; nil from SaveCarePlan.
	Page *PlanFile
}

func (c *PlanConflict) Error() string {
	return fmt.Sprintf("conflict: care plan changed from version %d to %d", c.Base, c.Current.Version)
}

// Unwrap lets ErrorCode see a Conflict.
func (c *PlanConflict) Unwrap() error { return Errorf(Conflict, "careplan.conflict") }

// StartCarePlan makes version 1 of the family's plan from a template: the
// organisation's template id, or 0 for the default.
func (s *Service) StartCarePlan(ctx context.Context, actor Actor, familyID, templateID int64) (*CarePlan, error) {
	var p *CarePlan
	err := s.gate(ctx, caseFile(actor, familyID, "careplan", ActionCreate), func(st Store, _ Relationship, id *int64) error {
		*id = familyID
		cur, err := st.CarePlan(ctx, familyID)
		if err != nil {
			return err
		}
		if cur != nil {
			return ErrPlanExists
		}
		t := DefaultTemplate()
		if templateID != 0 {
			ot, err := st.PlanTemplate(ctx, actor.OrganisationID, templateID)
			if err != nil {
				return err
			}
			t = *ot
		}
		p = NewPlan(familyID, t, s.now())
		p.SavedAt, p.SavedBy, p.Changes = s.now().UTC(), Person{AccountID: actor.AccountID}, PlanChanges(nil, p)
		return st.SaveCarePlan(ctx, p, 0)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// NewGoal is the PlanGoal of an action for the goal added in the same save.
const NewGoal = "new"

// PlanEdit is what one form of the plan changes: from the current version,
// the next one, the actions it adds (tasks linked to a dimension and
// optionally a goal), and what is wrong with what was typed.
type PlanEdit func(cur *CarePlan) (next *CarePlan, actions []Task, fe FieldErrors)

// EditCarePlan saves what edit makes of the current version as the
// version after base, in one transaction with the new actions. A save on
// an older version than the current one is refused with *PlanConflict; a
// save with errors in what was typed or in the plan it makes is refused
// with *InvalidInput. Both carry the plan page as it is now, so the form is
// drawn again without reading it again. A save that changes nothing adds
// no version and returns the current one.
func (s *Service) EditCarePlan(ctx context.Context, actor Actor, familyID int64, base int, edit PlanEdit) (*CarePlan, error) {
	var saved *CarePlan
	err := s.gate(ctx, s.planPage(actor, familyID, ViewCaseFile, "careplan", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		conflict := func(cur *CarePlan) error {
			pf, err := s.planView(ctx, st, actor, familyID, rel)
			if err != nil {
				return err
			}
			return &PlanConflict{Base: base, Current: PlanVersionInfo{Version: cur.Version, SavedAt: cur.SavedAt, SavedBy: cur.SavedBy, Changes: cur.Changes}, Page: pf}
		}
		if base < 1 {
			return ErrNoVersion
		}
		cur, err := st.CarePlan(ctx, familyID)
		switch {
		case err != nil:
			return err
		case cur == nil:
			return ErrNoPlan
		case cur.Version != base:
			return conflict(cur)
		}
		next, actions, fe := edit(cur)
		saved, err = s.saveNext(ctx, st, actor, rel, cur, next, actions, fe)
		if ErrorCode(err) == Conflict && !errors.Is(err, ErrPlanExists) {
			// Another save committed between our read and our write: the
			// store refused this one. Say who it was, as for a stale form.
			if now, rerr := st.CarePlan(ctx, familyID); rerr == nil && now != nil {
				return conflict(now)
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// SaveCarePlan saves next as the version after base, with new actions
// (tasks linked to a dimension and optionally a goal) added in the same
// transaction: EditCarePlan with a plan made beforehand.
func (s *Service) SaveCarePlan(ctx context.Context, actor Actor, familyID int64, base int, next *CarePlan, actions []Task) (*CarePlan, error) {
	return s.EditCarePlan(ctx, actor, familyID, base, func(*CarePlan) (*CarePlan, []Task, FieldErrors) { return next, actions, nil })
}

// saveNext checks next against cur, gives new items their IDs, adds the
// actions and stores next as the version after cur. fe holds the errors
// already found in what was typed; the plan's own are added to them.
func (s *Service) saveNext(ctx context.Context, st Store, actor Actor, rel Relationship, cur, next *CarePlan, actions []Task, fe FieldErrors) (*CarePlan, error) {
	familyID := cur.FamilyID
	planTasks, err := st.Tasks(ctx, familyID, TaskQuery{PlanOnly: true})
	if err != nil {
		return nil, err
	}
	p := *next
	p.FamilyID, p.NextItem = familyID, max(p.NextItem, cur.NextItem)
	newGoals := map[Dimension]int{} // the index of the last new goal per dimension
	for _, sec := range p.Sections {
		for i, g := range sec.Goals {
			if g.ID == "" {
				newGoals[sec.Dimension] = i + 1
			}
		}
	}
	if !knownItems(cur, &p) {
		return nil, ErrUnknownItem
	}
	// Validate before new items get their IDs: errors name a new item
	// "new", as its form field does. What the form already found about a
	// field is the better explanation, so it stays.
	if fe == nil {
		fe = FieldErrors{}
	}
	add := func(k, v string) {
		if _, seen := fe[k]; !seen {
			fe[k] = v
		}
	}
	if err := p.Validate(s.now(), rel.KnownBirth()); err != nil {
		var pfe FieldErrors
		if !errors.As(err, &pfe) {
			return nil, err
		}
		for k, v := range pfe {
			add(k, v)
		}
	}
	p.AssignIDs()
	var tasks []Task
	for _, t := range actions {
		t.FamilyID, t.Status = familyID, "open"
		t.CreatedAt, t.CreatedBy = s.now().UTC(), Person{AccountID: actor.AccountID}
		picked := !t.Pick.IsZero()
		if picked {
			// The owner is someone in this family's file, still involved.
			if err := giveTo(ctx, st, familyID, &t, t.Pick, ItemField("action", "", "owner"), s.now()); err != nil {
				var gfe FieldErrors
				if !errors.As(err, &gfe) {
					return nil, err
				}
				for k, v := range gfe {
					add(k, v)
				}
			}
		}
		if err := t.Validate(s.now()); err != nil {
			var tfe FieldErrors
			if !errors.As(err, &tfe) {
				return nil, err
			}
			for k, v := range tfe {
				if picked && (k == "owner_kind" || k == "owner_name") {
					continue // said at the owner picked
				}
				add(ItemField("action", "", k), v)
			}
		}
		sec := p.Section(t.PlanDimension)
		switch {
		case sec == nil:
			add(ItemField("action", "", "dimension"), "field.choose")
		case t.PlanGoal == NewGoal && newGoals[t.PlanDimension] > 0:
			t.PlanGoal = sec.Goals[newGoals[t.PlanDimension]-1].ID
		case t.PlanGoal != "" && !slices.ContainsFunc(sec.Goals, func(g PlanItem) bool { return g.ID == t.PlanGoal }):
			add(ItemField("action", "", "goal"), "field.choose")
		}
		tasks = append(tasks, t)
	}
	if len(fe) > 0 {
		return nil, fe
	}
	for i := range tasks {
		if err := st.CreateTask(ctx, &tasks[i]); err != nil {
			return nil, err
		}
	}
	SnapshotActions(&p, append(planTasks, tasks...))
	p.Changes = PlanChanges(cur, &p)
	if len(p.Changes) == 0 {
		return cur, nil
	}
	p.SavedAt, p.SavedBy = s.now().UTC(), Person{AccountID: actor.AccountID}
	if err := st.SaveCarePlan(ctx, &p, cur.Version); err != nil {
		return nil, err
	}
	return &p, nil
}

// ErrUnknownItem refuses a save that names an item the plan does not have:
// IDs are handed out by the plan alone, so later items never share one.
var ErrUnknownItem = Errorf(Invalid, "careplan.unknown_item")

// knownItems reports whether every item of next that has an ID had it in
// cur already.
func knownItems(cur, next *CarePlan) bool {
	have := map[string]bool{}
	for _, id := range itemIDs(cur) {
		have[id] = true
	}
	for _, id := range itemIDs(next) {
		if id != "" && !have[id] {
			return false
		}
	}
	return true
}

func itemIDs(p *CarePlan) []string {
	var ids []string
	for _, s := range p.Sections {
		for _, list := range [][]PlanItem{s.Problems, s.Goals, s.Agreements} {
			for _, it := range list {
				ids = append(ids, it.ID)
			}
		}
	}
	for _, c := range p.ACP.Conversations {
		ids = append(ids, c.ID)
	}
	for _, sc := range p.ACP.Scenarios {
		ids = append(ids, sc.ID)
	}
	return ids
}

// SnapshotActions records the plan's actions as the tasks stand now.
func SnapshotActions(p *CarePlan, tasks []Task) {
	for i := range p.Sections {
		sec := &p.Sections[i]
		sec.Actions = nil
		for _, t := range tasks {
			if t.PlanDimension == sec.Dimension {
				sec.Actions = append(sec.Actions, PlanAction{TaskID: t.ID, Goal: t.PlanGoal, Title: t.Title,
					OwnerKind: t.OwnerKind, OwnerName: t.OwnerName, DueDate: t.DueDate, Status: t.Status})
			}
		}
	}
}

// ProposePlanChange lets a parent, carer or the child propose a change to
// the plan: to the family's wishes or to one of the dimensions.
func (s *Service) ProposePlanChange(ctx context.Context, actor Actor, familyID int64, p *Proposal) error {
	return s.gate(ctx, s.planPage(actor, familyID, ViewFamily, "careplan_proposal", ActionCreate), func(st Store, _ Relationship, id *int64) error {
		cur, err := st.CarePlan(ctx, familyID)
		if err != nil {
			return err
		}
		if cur == nil {
			return ErrNoPlan
		}
		p.FamilyID, p.Body = familyID, strings.TrimSpace(p.Body)
		p.ProposedBy, p.ProposedAt, p.Status = Person{AccountID: actor.AccountID}, s.now().UTC(), ProposalOpen
		if err := p.Validate(); err != nil {
			return err
		}
		err = st.AddProposal(ctx, p)
		*id = p.ID
		return err
	})
}

// ErrProposalNotOpen answers for a proposal of the family that is no
// longer open: a form sent twice meets it too.
var ErrProposalNotOpen = Errorf(NotFound, "proposal not open")

// ErrProposalNotFound answers for a proposal that is not the family's, or
// none at all.
var ErrProposalNotFound = Errorf(NotFound, "proposal not found")

// AnswerProposal accepts a proposal — it goes into the plan as a new
// version: the wishes get the family's words, a dimension gets them as a
// goal for the family — or declines it with an answer the family sees.
func (s *Service) AnswerProposal(ctx context.Context, actor Actor, familyID, proposalID int64, accept bool, answer string) error {
	return s.gate(ctx, s.planPage(actor, familyID, ViewCaseFile, "careplan_proposal", ActionUpdate), func(st Store, _ Relationship, id *int64) error {
		*id = proposalID
		list, err := st.Proposals(ctx, familyID)
		if err != nil {
			return err
		}
		var p *Proposal
		for i := range list {
			if list[i].ID == proposalID {
				p = &list[i]
			}
		}
		switch {
		case p == nil:
			return ErrProposalNotFound
		case p.Status != ProposalOpen:
			return ErrProposalNotOpen
		}
		p.Answer = strings.TrimSpace(answer)
		fe := FieldErrors{}
		text(fe, "answer", p.Answer, MaxText, !accept)
		if len(fe) > 0 {
			return fe
		}
		p.Status, p.AnsweredBy, p.AnsweredAt = ProposalDeclined, Person{AccountID: actor.AccountID}, s.now().UTC()
		if accept {
			cur, err := st.CarePlan(ctx, familyID)
			if err != nil {
				return err
			}
			if cur == nil {
				return ErrNoPlan
			}
			next := *cur
			next.Sections = append([]PlanSection(nil), cur.Sections...)
			if p.Section == "wishes" {
				next.Wishes = strings.TrimSpace(strings.TrimSpace(next.Wishes) + "\n\n" + p.Body)
			} else if sec := next.Section(Dimension(p.Section)); sec != nil {
				sec.Goals = append(append([]PlanItem(nil), sec.Goals...), PlanItem{For: "family", Text: p.Body})
			}
			next.AssignIDs()
			if err := next.Validate(s.now(), time.Time{}); err != nil {
				// The plan has no room for the family's words as they are.
				return FieldErrors{"proposal": "careplan.proposal_too_long"}
			}
			next.Changes = PlanChanges(cur, &next)
			next.SavedAt, next.SavedBy = s.now().UTC(), Person{AccountID: actor.AccountID}
			if err := st.SaveCarePlan(ctx, &next, cur.Version); err != nil {
				return err
			}
			p.Status, p.Version = ProposalAccepted, next.Version
		}
		return st.AnswerProposal(ctx, p)
	})
}

// PlanTemplates lists the organisation's own templates, for a case manager.
// Templates hold no personal data, so reading them is not audited.
func (s *Service) PlanTemplates(ctx context.Context, actor Actor) ([]PlanTemplate, error) {
	if actor.Role != RoleCaseManager {
		return nil, errNotFound
	}
	return s.store.PlanTemplates(ctx, actor.OrganisationID)
}

// PlanTemplate returns one of the organisation's templates.
func (s *Service) PlanTemplate(ctx context.Context, actor Actor, id int64) (*PlanTemplate, error) {
	if actor.Role != RoleCaseManager {
		return nil, errNotFound
	}
	return s.store.PlanTemplate(ctx, actor.OrganisationID, id)
}

// SavePlanTemplate adds (ID 0) or changes a template of the organisation.
func (s *Service) SavePlanTemplate(ctx context.Context, actor Actor, t *PlanTemplate) error {
	if actor.Role != RoleCaseManager {
		return errNotFound
	}
	t.OrganisationID, t.UpdatedAt, t.UpdatedBy = actor.OrganisationID, s.now().UTC(), Person{AccountID: actor.AccountID}
	if err := t.Validate(); err != nil {
		return err
	}
	return s.store.SavePlanTemplate(ctx, t)
}

// NextReview is the review date the plan gets by default: the interval
// after the last discussion with the family, or after day when there was
// none.
func (p *CarePlan) NextReview(day time.Time) time.Time {
	from := p.DiscussedOn
	if from.IsZero() {
		from = DateOf(day)
	}
	months := p.ReviewMonths
	if months < 1 {
		months = DefaultReviewMonths
	}
	return from.AddDate(0, months, 0)
}
