package care

import (
	"context"
	"slices"
	"time"
)

// Handoff is the summary of the file that goes with the child on a
// transfer: who the child is, the essentials of the care plan with the
// treatment directives ("do not resuscitate" first), who does what in the
// network and how to reach them, the coverage running, the open tasks and
// the family's wishes. A provider sees what the consent's scope covers:
// under "plan_network" the plan, the directives and the network, not the
// child's details, the coverage or the tasks.
type Handoff struct {
	Transfer Transfer
	Family   Family // without the BSN; Family.ForProvider(Scope) for a provider
	Viewer   string // ViewerCaseManager, ViewerFamily or ViewerProvider
	IsChild  bool
	Scope    string // for a provider: the consent in force
	Today    time.Time
	// Plan is the care plan's current version, nil when there is none;
	// Goals its goals by dimension and Directives its treatment
	// directives, resuscitation first.
	Plan       *CarePlan
	Goals      []PlanGoal
	Directives []Directive
	// Network are the providers still involved, Members the parents and
	// carers, with how to reach them.
	Network      []NetworkMember
	Members      []Member
	CaseManagers CaseManagers
	// Coverage are the coverage items running, without notes and letters.
	Coverage    []CoverageItem
	WindowWeeks int
	// OpenTasks are the family's other open tasks, by due date: those of
	// the checklist are with the transfer.
	OpenTasks []Task
}

// Shows reports whether the reader sees part of the summary: everything
// for the case managers and the family, for a provider what the scope
// covers.
func (h *Handoff) Shows(part Part) bool {
	return h.Viewer != ViewerProvider || ScopeCovers(h.Scope, part)
}

// ShowsChild, ShowsCoverage and ShowsTasks are Shows for the pages.
func (h *Handoff) ShowsChild() bool    { return h.Shows(PartChild) }
func (h *Handoff) ShowsCoverage() bool { return h.Shows(PartCoverage) }
func (h *Handoff) ShowsTasks() bool    { return h.Shows(PartTasks) }

// NoResuscitation is the plan's decision not to resuscitate, or nil.
func (h *Handoff) NoResuscitation() *Directive {
	for _, d := range h.Directives {
		if d.Kind == "resuscitation" && d.Decision == "no" {
			return &d
		}
	}
	return nil
}

// EndOf is the last day a coverage item's current period covers.
func (h *Handoff) EndOf(c *CoverageItem) time.Time {
	end, _ := c.Current().EffectiveEnd(h.Family.BirthDate)
	return end
}

// Handoff returns the handoff summary of one transfer of the family
// through the door view: the case managers, the family, and a provider
// with consent in force. Opening it is reading it, and audited so, with
// the transfer as the object; printing it is recorded by
// RecordHandoffPrint.
func (s *Service) Handoff(ctx context.Context, actor Actor, view View, familyID, transferID int64) (*Handoff, error) {
	a, err := s.transferDoor(actor, view, familyID, "handoff_summary", ActionRead)
	if err != nil {
		return nil, err
	}
	a.again = nil
	var h *Handoff
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = transferID
		var err error
		h, err = s.handoff(ctx, st, view, familyID, transferID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return h, nil
}

// RecordHandoffPrint records that the actor printed the handoff summary
// of a transfer, seen through door view: the browser reports it when its
// print dialog opens. Whoever may not read the summary may not record
// printing it either; the refusal is recorded.
func (s *Service) RecordHandoffPrint(ctx context.Context, actor Actor, view View, familyID, transferID int64) error {
	a, err := s.transferDoor(actor, view, familyID, "handoff_summary", ActionPrint)
	if err != nil {
		return err
	}
	a.again = nil
	return s.gate(ctx, a, func(st Store, _ Relationship, id *int64) error {
		*id = transferID
		_, err := st.Transfer(ctx, familyID, transferID)
		return err
	})
}

func (s *Service) handoff(ctx context.Context, st Store, view View, familyID, transferID int64, rel Relationship) (*Handoff, error) {
	t, err := st.Transfer(ctx, familyID, transferID)
	if err != nil {
		return nil, err
	}
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	h := &Handoff{Transfer: *t, Family: *f, Viewer: ViewerCaseManager, Today: DateOf(s.now())}
	h.Family.BSN = ""
	switch view {
	case ViewFamily:
		h.Viewer, h.IsChild = ViewerFamily, rel.Link != nil && rel.Link.Kind == LinkChild
	case ViewProvider:
		h.Viewer, h.Scope, h.Family = ViewerProvider, rel.Consent.Scope, f.ForProvider(rel.Consent.Scope)
	}
	if h.Plan, err = st.CarePlan(ctx, familyID); err != nil {
		return nil, err
	}
	if h.Plan != nil {
		h.Goals = planGoals(h.Plan)
		h.Directives = slices.Clone(h.Plan.ACP.Directives)
		slices.SortStableFunc(h.Directives, func(a, b Directive) int {
			return boolRank(a.Kind == "resuscitation") - boolRank(b.Kind == "resuscitation")
		})
	}
	network, err := st.Network(ctx, familyID)
	if err != nil {
		return nil, err
	}
	h.Network, _ = SplitNetwork(network, h.Today)
	members, err := st.Members(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if (m.Kind == "parent" || m.Kind == "carer") && !m.Ended(h.Today) {
			h.Members = append(h.Members, m)
		}
	}
	if h.CaseManagers, err = st.FamilyCaseManagers(ctx, familyID); err != nil {
		return nil, err
	}
	if !h.ShowsTasks() {
		h.Transfer.Items = nil
	} else {
		open, err := st.Tasks(ctx, familyID, TaskQuery{Status: "open"})
		if err != nil {
			return nil, err
		}
		// The checklist's own tasks are shown with the checklist.
		for _, k := range open {
			if !slices.ContainsFunc(t.Items, func(it TransferItem) bool { return it.Task.ID == k.ID }) {
				h.OpenTasks = append(h.OpenTasks, k)
			}
		}
	}
	if !h.ShowsCoverage() {
		return h, nil
	}
	if h.WindowWeeks, err = st.CoverageWindowWeeks(ctx, f.OrganisationID); err != nil {
		return nil, err
	}
	items, err := st.CoverageItems(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, c := range items {
		switch c.StateOn(h.Today, f.BirthDate, h.WindowWeeks) {
		case StateRunning, StateEnding:
			c.Documents = nil
			for j := range c.Periods {
				c.Periods[j].Note = ""
			}
			h.Coverage = append(h.Coverage, c)
		}
	}
	return h, nil
}

// boolRank orders true before false.
func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}
