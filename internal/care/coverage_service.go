package care

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// PlanGoal is a goal of the care plan as the coverage plan names it.
type PlanGoal struct {
	ID        string
	Dimension Dimension
	For       string
	Text      string
	NeedsCare bool
}

// CoverageFile is the coverage plan as one reader sees it.
type CoverageFile struct {
	Family      Family // Family.ForProvider(Scope) for a provider
	Viewer      string // ViewerCaseManager, ViewerFamily or ViewerProvider
	IsChild     bool
	Items       []CoverageItem
	Aids        []Aid
	Today       time.Time
	WindowWeeks int
	Summary     CoverageSummary
	// Goals are the care plan's goals; Gaps those that need care and have
	// no coverage running or being arranged.
	Goals []PlanGoal
	Gaps  []PlanGoal
	// For the case managers' forms: the network still involved, the
	// people a task can go to, and the history of corrections.
	Network      []NetworkMember
	Owners       []PossibleOwner
	CaseManagers CaseManagers
	Corrections  []Correction
	// Transition is the turning-18 checklist; nil when not shown.
	Transition *Transition
}

// StateOf is the item's state on the file's day, for the pages.
func (cf *CoverageFile) StateOf(c *CoverageItem) CoverageState {
	return c.StateOn(cf.Today, cf.Family.BirthDate, cf.WindowWeeks)
}

// EndOf is the last day the item's current period covers.
func (cf *CoverageFile) EndOf(c *CoverageItem) time.Time {
	end, _ := c.Current().EffectiveEnd(cf.Family.BirthDate)
	return end
}

// AtEighteen reports whether the item ends because the child turns 18.
func (cf *CoverageFile) AtEighteen(c *CoverageItem) bool {
	return !cf.Family.Deceased && c.EndsAtEighteen(cf.Family.BirthDate)
}

// GoalText is the text of a care plan goal by its ID; "" when the plan no
// longer has it.
func (cf *CoverageFile) GoalText(id string) string {
	for _, g := range cf.Goals {
		if g.ID == id {
			return g.Text
		}
	}
	return ""
}

// CorrectionsOf lists the corrections of one item or aid, newest first.
func (cf *CoverageFile) CorrectionsOf(kind string, id int64) []Correction {
	var out []Correction
	for _, c := range cf.Corrections {
		if c.ObjectType == kind && c.ObjectID == id {
			out = append(out, c)
		}
	}
	return out
}

// The kinds of object a coverage correction applies to.
const (
	CorrectCoverageItem = "coverage_item"
	CorrectAid          = "aid"
)

// coverageDoor is an access to the coverage plan through view: the case
// managers' file, the family's own view or a provider's view. A refusal
// for its input comes back with the coverage page.
func (s *Service) coverageDoor(actor Actor, view View, familyID int64, object string, action Action) (access, error) {
	switch view {
	case ViewCaseFile, ViewFamily, ViewProvider:
	default:
		return access{}, Errorf(Internal, "no door to the coverage plan: %q", view)
	}
	return access{actor: actor, familyID: familyID, view: view, object: object, action: action,
		again: func(ctx context.Context, st Store, familyID int64, rel Relationship, in *InvalidInput) error {
			var err error
			in.Coverage, err = s.coverageFile(ctx, st, actor, view, familyID, rel)
			return err
		}}, nil
}

// Coverage returns the family's coverage plan through the door view: the
// case managers, the family, and a provider whose consent covers the
// whole file; a provider with narrower consent is refused, and recorded.
func (s *Service) Coverage(ctx context.Context, actor Actor, view View, familyID int64) (*CoverageFile, error) {
	a, err := s.coverageDoor(actor, view, familyID, "coverage", ActionRead)
	if err != nil {
		return nil, err
	}
	var cf *CoverageFile
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		cf, err = s.coverageFile(ctx, st, actor, view, familyID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return cf, nil
}

func (s *Service) coverageFile(ctx context.Context, st Store, actor Actor, view View, familyID int64, rel Relationship) (*CoverageFile, error) {
	if view == ViewProvider && !ScopeCovers(rel.Consent.Scope, PartCoverage) {
		return nil, errDenied
	}
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	cf := &CoverageFile{Family: *f, Today: DateOf(s.now()), Viewer: ViewerCaseManager}
	switch view {
	case ViewFamily:
		cf.Viewer, cf.IsChild = ViewerFamily, rel.Link.Kind == LinkChild
	case ViewProvider:
		cf.Viewer, cf.Family = ViewerProvider, f.ForProvider(rel.Consent.Scope)
	}
	if cf.WindowWeeks, err = st.CoverageWindowWeeks(ctx, f.OrganisationID); err != nil {
		return nil, err
	}
	if cf.Items, err = st.CoverageItems(ctx, familyID); err != nil {
		return nil, err
	}
	if cf.Aids, err = st.Aids(ctx, familyID); err != nil {
		return nil, err
	}
	if view == ViewProvider {
		// The family's letters, and the notes written about their
		// applications, are theirs and their case managers'.
		for i := range cf.Items {
			cf.Items[i].Documents = nil
			for j := range cf.Items[i].Periods {
				cf.Items[i].Periods[j].Note = ""
			}
		}
		for i := range cf.Aids {
			cf.Aids[i].Documents, cf.Aids[i].Note = nil, ""
		}
	}
	if !f.Deceased {
		cf.Summary = SummarizeCoverage(cf.Items, cf.Aids, f.BirthDate, cf.Today, cf.WindowWeeks)
	}
	plan, err := st.CarePlan(ctx, familyID)
	if err != nil {
		return nil, err
	}
	cf.Goals = planGoals(plan)
	cf.Gaps = coverageGaps(cf.Goals, cf)
	if view != ViewCaseFile {
		return cf, nil
	}
	network, err := st.Network(ctx, familyID)
	if err != nil {
		return nil, err
	}
	cf.Network, _ = SplitNetwork(network, cf.Today)
	if cf.CaseManagers, err = st.FamilyCaseManagers(ctx, familyID); err != nil {
		return nil, err
	}
	members, err := st.Members(ctx, familyID)
	if err != nil {
		return nil, err
	}
	members = slices.DeleteFunc(members, func(m Member) bool { return m.Ended(cf.Today) })
	cf.Owners = (&File{CaseManagers: cf.CaseManagers, Network: cf.Network, Members: members}).PossibleOwners()
	for _, kind := range []string{CorrectCoverageItem, CorrectAid} {
		cs, err := st.Corrections(ctx, familyID, kind)
		if err != nil {
			return nil, err
		}
		cf.Corrections = append(cf.Corrections, cs...)
	}
	acc, err := st.Transition(ctx, familyID)
	if err != nil {
		return nil, err
	}
	if TransitionShown(f, acc != nil, cf.Today) {
		cf.Transition = &Transition{Eighteenth: Eighteenth(f.BirthDate), Accepted: acc, JeugdwetItems: endingAtEighteen(cf.Items, f)}
	}
	return cf, nil
}

// planGoals lists the goals of the plan, dimension by dimension.
func planGoals(plan *CarePlan) []PlanGoal {
	if plan == nil {
		return nil
	}
	var out []PlanGoal
	for _, sec := range plan.Sections {
		for _, g := range sec.Goals {
			out = append(out, PlanGoal{ID: g.ID, Dimension: sec.Dimension, For: g.For, Text: g.Text, NeedsCare: g.NeedsCare})
		}
	}
	return out
}

// coverageGaps are the goals that need care and that no item serves that
// runs or is being arranged.
func coverageGaps(goals []PlanGoal, cf *CoverageFile) []PlanGoal {
	var out []PlanGoal
	for _, g := range goals {
		if !g.NeedsCare {
			continue
		}
		covered := slices.ContainsFunc(cf.Items, func(c CoverageItem) bool {
			switch cf.StateOf(&c) {
			case StateStopped, StateLapsed:
				return false
			}
			return slices.Contains(c.Goals, g.ID)
		})
		if !covered {
			out = append(out, g)
		}
	}
	return out
}

// checkItemLinks checks that the provider the item names is in the
// family's network and still involved, and that the goals it serves are
// the care plan's; it fills in the provider's name.
func (s *Service) checkItemLinks(ctx context.Context, st Store, c *CoverageItem, fe FieldErrors) error {
	if c.NetworkMemberID != 0 {
		network, err := st.Network(ctx, c.FamilyID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(network, func(n NetworkMember) bool { return n.ID == c.NetworkMemberID && !n.Ended(s.now()) })
		if i < 0 {
			fe["network_member"] = "field.choose"
		} else {
			c.ProviderName = ""
		}
	}
	if len(c.Goals) == 0 {
		return nil
	}
	plan, err := st.CarePlan(ctx, c.FamilyID)
	if err != nil {
		return err
	}
	goals := planGoals(plan)
	for _, id := range c.Goals {
		if !slices.ContainsFunc(goals, func(g PlanGoal) bool { return g.ID == id }) {
			fe["goals"] = "field.choose"
		}
	}
	slices.Sort(c.Goals)
	c.Goals = slices.Compact(c.Goals)
	return nil
}

func trimItem(c *CoverageItem) {
	c.Description, c.ProviderName = strings.TrimSpace(c.Description), strings.TrimSpace(c.ProviderName)
}

func trimPeriod(p *CoveragePeriod) {
	p.Reference, p.Note = strings.TrimSpace(p.Reference), strings.TrimSpace(p.Note)
}

// AddCoverageItem records a new piece of care or support with its first
// period.
func (s *Service) AddCoverageItem(ctx context.Context, actor Actor, c *CoverageItem, first *CoveragePeriod) error {
	a, _ := s.coverageDoor(actor, ViewCaseFile, c.FamilyID, "coverage_item", ActionCreate)
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		trimItem(c)
		trimPeriod(first)
		fe := FieldErrors{}
		mergeErrors(fe, c.Validate(), "")
		mergeErrors(fe, first.Validate(s.now()), "")
		if err := s.checkItemLinks(ctx, st, c, fe); err != nil {
			return err
		}
		if err := fe.OrNil(); err != nil {
			return err
		}
		now := s.now().UTC()
		c.CreatedAt, c.CreatedBy = now, Person{AccountID: actor.AccountID}
		first.FamilyID, first.CreatedAt, first.CreatedBy = c.FamilyID, now, c.CreatedBy
		if err := st.CreateCoverageItem(ctx, c, first); err != nil {
			return err
		}
		*id = c.ID
		return nil
	})
}

// findItem reads the family's item id; NotFound when it has none.
func findItem(ctx context.Context, st Store, familyID, id int64) (*CoverageItem, error) {
	items, err := st.CoverageItems(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for i := range items {
		if items[i].ID == id {
			return &items[i], nil
		}
	}
	return nil, Errorf(NotFound, "coverage item not found")
}

// UpdateCoverageItem corrects an item and its current period: a status
// that moved on (applied, granted, an objection filed), a date decided,
// a provider. The values before are kept as a correction. A new period
// (a renewal, new hours) is RenewCoverage, so the history stays.
func (s *Service) UpdateCoverageItem(ctx context.Context, actor Actor, c *CoverageItem, cur *CoveragePeriod) error {
	a, _ := s.coverageDoor(actor, ViewCaseFile, c.FamilyID, "coverage_item", ActionUpdate)
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = c.ID
		old, err := findItem(ctx, st, c.FamilyID, c.ID)
		if err != nil {
			return err
		}
		trimItem(c)
		trimPeriod(cur)
		fe := FieldErrors{}
		mergeErrors(fe, c.Validate(), "")
		mergeErrors(fe, cur.Validate(s.now()), "")
		if err := s.checkItemLinks(ctx, st, c, fe); err != nil {
			return err
		}
		if err := fe.OrNil(); err != nil {
			return err
		}
		prev := old.Current()
		cur.ID, cur.ItemID, cur.FamilyID, cur.CreatedAt, cur.CreatedBy = prev.ID, c.ID, c.FamilyID, prev.CreatedAt, prev.CreatedBy
		c.CreatedAt, c.CreatedBy = old.CreatedAt, old.CreatedBy
		c.Periods = []CoveragePeriod{*cur}
		if err := st.UpdateCoverageItem(ctx, c); err != nil {
			return err
		}
		return s.keepCorrection(ctx, st, actor, c.FamilyID, CorrectCoverageItem, c.ID,
			old.correctionFields(prev), c.correctionFields(cur))
	})
}

// RenewCoverage adds a period to an item: a re-indication with its own
// hours, dates and status. It may not start before the period it follows.
func (s *Service) RenewCoverage(ctx context.Context, actor Actor, p *CoveragePeriod) error {
	a, _ := s.coverageDoor(actor, ViewCaseFile, p.FamilyID, "coverage_period", ActionCreate)
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		old, err := findItem(ctx, st, p.FamilyID, p.ItemID)
		if err != nil {
			return err
		}
		trimPeriod(p)
		fe := FieldErrors{}
		mergeErrors(fe, p.Validate(s.now()), "")
		if prev := old.Current(); !fe.Has("start") && !p.Start.IsZero() && p.Start.Before(prev.Start) {
			fe["start"] = "coverage.renewal_before_previous"
		}
		if err := fe.OrNil(); err != nil {
			return err
		}
		p.CreatedAt, p.CreatedBy = s.now().UTC(), Person{AccountID: actor.AccountID}
		if err := st.AddCoveragePeriod(ctx, p); err != nil {
			return err
		}
		*id = p.ID
		return nil
	})
}

// SaveAid records a new aid (ID 0) or corrects one, keeping the values
// before.
func (s *Service) SaveAid(ctx context.Context, actor Actor, aid *Aid) error {
	action := ActionCreate
	if aid.ID != 0 {
		action = ActionUpdate
	}
	a, _ := s.coverageDoor(actor, ViewCaseFile, aid.FamilyID, "aid", action)
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = aid.ID
		aid.Description, aid.Supplier, aid.Note = strings.TrimSpace(aid.Description), strings.TrimSpace(aid.Supplier), strings.TrimSpace(aid.Note)
		var old *Aid
		if aid.ID != 0 {
			aids, err := st.Aids(ctx, aid.FamilyID)
			if err != nil {
				return err
			}
			i := slices.IndexFunc(aids, func(x Aid) bool { return x.ID == aid.ID })
			if i < 0 {
				return Errorf(NotFound, "aid not found")
			}
			old = &aids[i]
		}
		if err := aid.Validate(s.now()); err != nil {
			return err
		}
		if old == nil {
			aid.CreatedAt, aid.CreatedBy = s.now().UTC(), Person{AccountID: actor.AccountID}
		} else {
			aid.CreatedAt, aid.CreatedBy = old.CreatedAt, old.CreatedBy
		}
		if err := st.SaveAid(ctx, aid); err != nil {
			return err
		}
		*id = aid.ID
		if old == nil {
			return nil
		}
		return s.keepCorrection(ctx, st, actor, aid.FamilyID, CorrectAid, aid.ID, old.correctionFields(), aid.correctionFields())
	})
}

// DocumentKinds are the kinds of document attached to coverage: a
// decision (beschikking), an indication letter, an objection letter, a
// terminal-care statement, or another.
var DocumentKinds = []string{"decision", "indication", "objection", "terminal", "other"}

// AttachCoverageDocument attaches a document to an item (itemID) or an aid
// (aidID) of the family.
func (s *Service) AttachCoverageDocument(ctx context.Context, actor Actor, familyID, itemID, aidID int64, kind string, u *Upload) (*Document, error) {
	a, _ := s.coverageDoor(actor, ViewCaseFile, familyID, "document", ActionCreate)
	var doc *Document
	err := s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		switch {
		case itemID != 0 && aidID == 0:
			if _, err := findItem(ctx, st, familyID, itemID); err != nil {
				return err
			}
		case aidID != 0 && itemID == 0:
			aids, err := st.Aids(ctx, familyID)
			if err != nil {
				return err
			}
			if !slices.ContainsFunc(aids, func(x Aid) bool { return x.ID == aidID }) {
				return Errorf(NotFound, "aid not found")
			}
		default:
			return Errorf(Internal, "a document is attached to one item or one aid")
		}
		fe := FieldErrors{}
		oneOf(fe, "document_kind", kind, DocumentKinds...)
		if u == nil {
			fe["document"] = "document.required"
			return fe
		}
		d, dfe := newDocument(u, familyID, actor.AccountID, s.now().UTC(), "document")
		for k, v := range dfe {
			fe[k] = v
		}
		if err := fe.OrNil(); err != nil {
			return err
		}
		d.Kind, d.CoverageItemID, d.AidID = kind, itemID, aidID
		if err := st.AddDocument(ctx, d); err != nil {
			return err
		}
		*id, doc = d.ID, d
		return nil
	})
	if err != nil {
		return nil, err
	}
	doc.Content = nil
	return doc, nil
}

// CoverageDocument reads a document attached to the family's coverage,
// to download it: for the case managers and the family. A document that
// is not attached to an item or aid of the family is NotFound.
func (s *Service) CoverageDocument(ctx context.Context, actor Actor, view View, familyID, documentID int64) (*Document, error) {
	if view != ViewCaseFile && view != ViewFamily {
		return nil, Errorf(Internal, "no door to coverage documents: %q", view)
	}
	a := access{actor: actor, familyID: familyID, view: view, object: "document", action: ActionRead}
	var d *Document
	err := s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = documentID
		var err error
		if d, err = st.Document(ctx, familyID, documentID); err != nil {
			return err
		}
		if d.CoverageItemID == 0 && d.AidID == 0 {
			return Errorf(NotFound, "document not found")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// AcceptTransition turns the turning-18 checklist into tasks, one per
// step the case manager kept, and records that it was accepted. Each
// step's field errors carry the prefix "<step>_".
func (s *Service) AcceptTransition(ctx context.Context, actor Actor, familyID int64, steps []TransitionStep) error {
	a, _ := s.coverageDoor(actor, ViewCaseFile, familyID, "transition", ActionCreate)
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return err
		}
		acc, err := st.Transition(ctx, familyID)
		if err != nil {
			return err
		}
		if !TransitionShown(f, acc != nil, s.now()) {
			return Errorf(Forbidden, "transition.not_due")
		}
		fe := FieldErrors{}
		if len(steps) == 0 {
			fe["steps"] = "transition.none_chosen"
		}
		var chosen []string
		for _, step := range steps {
			if !slices.Contains(TransitionSteps, step.Step) || slices.Contains(chosen, step.Step) {
				fe["steps"] = "field.choose"
				continue
			}
			chosen = append(chosen, step.Step)
			t := &Task{FamilyID: familyID, Title: strings.TrimSpace(step.Title), Pick: step.Owner, DueDate: step.Due}
			err := s.createTask(ctx, st, actor, t, step.Step+"_")
			if !errors.As(err, new(FieldErrors)) && err != nil {
				return err
			}
			mergeErrors(fe, err, "")
		}
		if err := fe.OrNil(); err != nil {
			return err // the tasks made so far go with the transaction
		}
		return st.AcceptTransition(ctx, &TransitionAcceptance{FamilyID: familyID, AcceptedAt: s.now().UTC(),
			AcceptedBy: Person{AccountID: actor.AccountID}, Steps: chosen})
	})
}

// SetCoverageWindow sets how many weeks ahead the organisation's ending
// coverage is shown: for the organisation's administrator.
func (s *Service) SetCoverageWindow(ctx context.Context, actor Actor, weeks int) error {
	d := Decision{Allowed: actor.Role == RoleAdmin}
	if !d.Allowed {
		if err := s.record(ctx, actor, "organisation_setting", ActionUpdate, d, OutcomeDenied); err != nil {
			return err
		}
		return errNotFound
	}
	if weeks < 1 || weeks > MaxCoverageWindowWeeks {
		return FieldErrors{"coverage_window": "coverage.window_range"}
	}
	return s.store.Atomic(ctx, func(st Store) error {
		if err := st.SetCoverageWindowWeeks(ctx, actor.OrganisationID, weeks); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, "organisation_setting", actor.OrganisationID, ActionUpdate, d, OutcomeSuccess))
	})
}

// CoverageWindow is the organisation's window in weeks.
func (s *Service) CoverageWindow(ctx context.Context, actor Actor) (int, error) {
	var w int
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		w, err = st.CoverageWindowWeeks(ctx, actor.OrganisationID)
		return err
	})
	return w, err
}

// correctionFields are the values of an item and its current period a
// correction keeps.
func (c *CoverageItem) correctionFields(p *CoveragePeriod) map[string]string {
	goals := strings.Join(c.Goals, ",")
	return map[string]string{
		"kind": c.Kind, "description": c.Description, "network_member": strconv.FormatInt(c.NetworkMemberID, 10),
		"provider_name": c.ProviderName, "applicant": c.Applicant, "goals": goals,
		"law": p.Law, "form": p.Form, "status": p.Status, "hours": strconv.FormatFloat(p.HoursPerWeek, 'f', -1, 64),
		"amount": strconv.FormatInt(p.AmountCents, 10), "reference": p.Reference, "indicated_by": p.IndicatedBy,
		"start": dateField(p.Start), "end": dateField(p.End), "applied_on": dateField(p.AppliedOn),
		"decided_on": dateField(p.DecidedOn), "objection_filed_on": dateField(p.ObjectionFiledOn),
		"objection_due": dateField(p.ObjectionDue), "period_note": p.Note,
	}
}

// correctionFields are the values of an aid a correction keeps.
func (a *Aid) correctionFields() map[string]string {
	return map[string]string{
		"kind": a.Kind, "description": a.Description, "via": a.Via, "supplier": a.Supplier, "status": a.Status,
		"requested": dateField(a.Requested), "assessed": dateField(a.Assessed), "granted": dateField(a.Granted),
		"ordered": dateField(a.Ordered), "delivered": dateField(a.Delivered), "replace_by": dateField(a.ReplaceBy),
		"note": a.Note,
	}
}

// caseloadCoverage sums up, for each family of the caseload, what needs
// attention in its coverage plan, within the organisation's window.
func (s *Service) caseloadCoverage(ctx context.Context, st Store, actor Actor, items []CaseloadItem) error {
	window, err := st.CoverageWindowWeeks(ctx, actor.OrganisationID)
	if err != nil {
		return err
	}
	cov, aids, err := st.CaseloadCoverage(ctx, actor.AccountID)
	if err != nil {
		return err
	}
	for i := range items {
		it := &items[i]
		if it.Deceased {
			continue
		}
		it.Coverage = SummarizeCoverage(cov[it.FamilyID], aids[it.FamilyID], it.BirthDate, s.now(), window)
	}
	return nil
}
