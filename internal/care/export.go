package care

import (
	"context"
	"slices"
)

// ExportFile is one family's file as one reader may take it out of Spil
// (the FHIR export): for the case managers the whole file, for a provider
// with consent exactly what their view and the care plan show them.
type ExportFile struct {
	// Organisation is the organisation that keeps the file.
	Organisation OrganisationIdentity
	Viewer       string // ViewerCaseManager or ViewerProvider
	Scope        string // for a provider: the consent in force
	Family       Family // without the BSN for a provider
	// Members are the family members; for a provider only the parents and
	// carers to call, with their name, relation, custody and how to reach them.
	Members      []Member
	Episode      *Episode // nil for a provider, or before intake
	CaseManagers CaseManagers
	// Network holds every network member, the ended ones too for the
	// case managers; for a provider only those involved today.
	Network  []NetworkMember
	Contacts []Contact // oldest first; none for a provider
	// Tasks are all of the family's tasks for the case managers; for a
	// provider only their own, when the consent's scope covers tasks.
	Tasks []Task
	Plan  *CarePlan // nil without a plan
	// Death is the death record in force; nil while none is recorded,
	// and for a provider.
	Death *DeathRecord
	// Consents are the consent records, oldest first; none for a provider.
	Consents []ConsentRecord
	// Stays are where the child was and is; for a provider only where the
	// child is today (without the case managers' note), under a consent
	// that covers the child's details.
	Stays []Stay
	// Transfers are the transfers; for a provider only the planned ones,
	// without their checklist.
	Transfers []Transfer
	// Meetings are the multidisciplinary meetings; none for a provider.
	Meetings []Meeting
	// Coverage is the coverage plan: its items with their periods and the
	// documents attached, with their content; none for a provider.
	Coverage []CoverageItem
	// Aids, Intensity and Transition: see export_more.go.
	ExportMore
}

// OrganisationIdentity names an organisation to the outside: its name
// and its URA, the identifier of the Dutch register of care providers
// (UZI), "" when not set.
type OrganisationIdentity struct {
	ID   int64
	Name string
	URA  string
}

// maxExportContacts bounds the contacts of one export: far above any
// family's, so it only stops a runaway read.
const maxExportContacts = 100000

// ExportFile reads the family's file for an export through one door: the
// case managers' file for a case manager, the provider's view for a
// provider (anyone else is refused, as for a family that does not exist).
// action is what the audit record says: ActionExport for a whole file,
// ActionRead or ActionSearch when a surface reads one resource or searches.
func (s *Service) ExportFile(ctx context.Context, actor Actor, familyID int64, action Action) (*ExportFile, error) {
	return s.ExportFileParts(ctx, actor, familyID, action, ExportAll)
}

// ExportFileParts is ExportFile reading only the core of the file and
// parts: the same door, access rules and one audit record; the parts left
// out are empty (nil) in the answer.
func (s *Service) ExportFileParts(ctx context.Context, actor Actor, familyID int64, action Action, parts ExportParts) (*ExportFile, error) {
	return s.exportFile(ctx, actor, familyID, action, parts, nil)
}

// exportFile reads the file for ExportFileParts and ExportFileSince: when
// same answers true (asked after the access was allowed, in the read's
// transaction) the file is not read and the answer is nil.
func (s *Service) exportFile(ctx context.Context, actor Actor, familyID int64, action Action, parts ExportParts, same func(Store) (bool, error)) (*ExportFile, error) {
	switch action {
	case ActionExport, ActionRead, ActionSearch:
	default:
		return nil, Errorf(Internal, "an export only reads: %q", action)
	}
	a := caseFile(actor, familyID, "fhir", action)
	if actor.Role == RoleProvider {
		a.view = ViewProvider
	}
	var out *ExportFile
	err := s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		if same != nil {
			if unchanged, err := same(st); err != nil || unchanged {
				return err
			}
		}
		var err error
		if a.view == ViewProvider {
			out, err = s.providerExport(ctx, st, familyID, rel, parts)
		} else {
			out, err = s.caseExport(ctx, st, familyID, parts)
		}
		if err != nil {
			return err
		}
		out.Organisation, err = st.OrganisationIdentity(ctx, out.Family.OrganisationID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Service) caseExport(ctx context.Context, st Store, familyID int64, parts ExportParts) (*ExportFile, error) {
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	out := &ExportFile{Viewer: ViewerCaseManager, Family: *f}
	deaths, err := st.DeathRecords(ctx, familyID)
	if err != nil {
		return nil, err
	}
	if len(deaths) > 0 {
		out.Death = &deaths[0]
	}
	if out.Members, err = st.Members(ctx, familyID); err != nil {
		return nil, err
	}
	if out.Network, err = st.Network(ctx, familyID); err != nil {
		return nil, err
	}
	if out.CaseManagers, err = st.FamilyCaseManagers(ctx, familyID); err != nil {
		return nil, err
	}
	if out.Episode, err = st.Episode(ctx, familyID); err != nil {
		return nil, err
	}
	if parts.Has(ExportContacts) {
		if out.Contacts, err = st.Contacts(ctx, familyID, 0, maxExportContacts); err != nil {
			return nil, err
		}
		slices.Reverse(out.Contacts)
	}
	if parts.Has(ExportTasks) {
		if out.Tasks, err = st.Tasks(ctx, familyID, TaskQuery{}); err != nil {
			return nil, err
		}
	}
	if parts.Has(ExportPlan) {
		if out.Plan, err = st.CarePlan(ctx, familyID); err != nil {
			return nil, err
		}
	}
	if parts.Has(ExportConsents) {
		if out.Consents, err = st.ConsentRecords(ctx, familyID, 0); err != nil {
			return nil, err
		}
	}
	if parts.Has(ExportStays) {
		if out.Stays, err = st.Stays(ctx, familyID); err != nil {
			return nil, err
		}
	}
	if parts.Has(ExportTransfers) {
		if out.Transfers, err = st.Transfers(ctx, familyID); err != nil {
			return nil, err
		}
	}
	if parts.Has(ExportMeetings) {
		if out.Meetings, err = st.Meetings(ctx, familyID); err != nil {
			return nil, err
		}
	}
	if err := readExportMore(ctx, st, familyID, parts, out); err != nil {
		return nil, err
	}
	if !parts.Has(ExportCoverage) {
		return out, nil
	}
	if out.Coverage, err = st.CoverageItems(ctx, familyID); err != nil {
		return nil, err
	}
	if !parts.Has(ExportDocumentContent) {
		return out, nil
	}
	// The documents attached to the plan go out with their content.
	for i := range out.Coverage {
		for j := range out.Coverage[i].Documents {
			d := &out.Coverage[i].Documents[j]
			full, err := st.Document(ctx, familyID, d.ID)
			if err != nil {
				return nil, err
			}
			d.Content = full.Content
		}
	}
	return out, nil
}

// providerExport is the provider's view and the care plan as a provider
// sees them: no BSN, no contacts, no consent records, and of the tasks and
// the plan's actions only the provider's own.
func (s *Service) providerExport(ctx context.Context, st Store, familyID int64, rel Relationship, parts ExportParts) (*ExportFile, error) {
	pf, err := providerFile(ctx, st, familyID, rel, s.now())
	if err != nil {
		return nil, err
	}
	out := &ExportFile{Viewer: ViewerProvider, Scope: pf.Scope, Family: pf.Family, Network: pf.Network, CaseManagers: pf.CaseManagers,
		Transfers: pf.Transfers}
	if pf.Stay != nil && parts.Has(ExportStays) {
		out.Stays = []Stay{*pf.Stay}
	}
	if !parts.Has(ExportTransfers) {
		out.Transfers = nil
	}
	out.CaseManagers.KCTReach, out.CaseManagers.ThuisReach = Reachability{}, Reachability{}
	// The plan's actions are filtered by the provider's own tasks, so the
	// plan takes them too.
	if (parts.Has(ExportTasks) || parts.Has(ExportPlan)) && pf.Shows(PartTasks) && rel.Link.NetworkMemberID != 0 {
		if out.Tasks, err = st.Tasks(ctx, familyID, TaskQuery{NetworkMemberID: rel.Link.NetworkMemberID}); err != nil {
			return nil, err
		}
	}
	// The coverage plan and the aids, under a consent that covers them, as
	// the provider's coverage page shows them: without the family's
	// documents and the notes about their applications.
	if ScopeCovers(pf.Scope, PartCoverage) {
		if parts.Has(ExportCoverage) {
			if out.Coverage, err = st.CoverageItems(ctx, familyID); err != nil {
				return nil, err
			}
			for i := range out.Coverage {
				out.Coverage[i].Documents = nil
				for j := range out.Coverage[i].Periods {
					out.Coverage[i].Periods[j].Note = ""
				}
			}
		}
		if parts.Has(ExportAids) {
			if out.Aids, err = st.Aids(ctx, familyID); err != nil {
				return nil, err
			}
			for i := range out.Aids {
				out.Aids[i].Documents, out.Aids[i].Note = nil, ""
			}
		}
	}
	// The history of the provider's own tasks, as their page shows it.
	if parts.Has(ExportTaskHistory) && len(out.Tasks) > 0 {
		events, err := st.TaskEvents(ctx, familyID, 0)
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			if slices.ContainsFunc(out.Tasks, func(t Task) bool { return t.ID == e.TaskID }) {
				out.TaskEvents = append(out.TaskEvents, e)
			}
		}
	}
	// The conversations the provider was added to, with their messages
	// and documents, as their pages show them.
	if parts.Has(ExportThreads) && len(pf.Threads) > 0 {
		all, err := exportThreads(ctx, st, familyID, parts.Has(ExportDocumentContent))
		if err != nil {
			return nil, err
		}
		for _, t := range all {
			if slices.ContainsFunc(pf.Threads, func(p Thread) bool { return p.ID == t.ID }) {
				out.Threads = append(out.Threads, t)
			}
		}
	}
	members, err := st.Members(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if (m.Kind == "parent" || m.Kind == "carer") && !m.Ended(s.now()) {
			out.Members = append(out.Members, Member{ID: m.ID, FamilyID: m.FamilyID, Kind: m.Kind, Name: m.Name,
				Relation: m.Relation, Custody: m.Custody, Phone: m.Phone, Email: m.Email})
		}
	}
	if !parts.Has(ExportPlan) {
		return out, nil
	}
	if out.Plan, err = st.CarePlan(ctx, familyID); err != nil || out.Plan == nil {
		return out, err
	}
	// The plan's actions of others stay out: only the provider's own tasks
	// are theirs to see.
	own := map[int64]bool{}
	for _, t := range out.Tasks {
		own[t.ID] = true
	}
	for i := range out.Plan.Sections {
		sec := &out.Plan.Sections[i]
		sec.Actions = slices.DeleteFunc(slices.Clone(sec.Actions), func(a PlanAction) bool { return !own[a.TaskID] })
	}
	out.Plan.SavedBy = Person{}
	return out, nil
}
