package care

import (
	"cmp"
	"context"
	"slices"
)

// ExportMore is the rest of the file an export takes out for the case
// managers: the aids and adaptations, the history of the intensity, the
// turning-18 checklist, the care plan's earlier versions, the death
// records in full, the notes, the conversations with their messages and
// documents, the aftercare plan, the history of the tasks' owners and due
// dates, the corrections of members, network members, contacts, stays, aids
// and coverage items, and the family's proposals. Of it, a provider's
// export holds only what their pages show them: the history of their own
// tasks, the conversations they were added to, and under a consent that
// covers it the aids (as the coverage plan, without documents and notes).
type ExportMore struct {
	// Aids are the aids and adaptations with the documents attached to
	// them (their content with ExportDocumentContent), in the order they
	// were requested.
	Aids []Aid
	// Intensity is the history of the intensity, newest first.
	Intensity []IntensityChange
	// Transition is the turning-18 checklist's acceptance; nil while not
	// accepted.
	Transition *TransitionAcceptance
	// PlanVersions are the care plan's versions before the current one
	// (ExportFile.Plan), oldest first.
	PlanVersions []CarePlan
	// DeathRecords are the records of the child's death, oldest first: the
	// first record and each correction, in full; the last is the one in
	// force (ExportFile.Death).
	DeathRecords []DeathRecord
	// Notes are the notes from the family and providers, oldest first.
	Notes []Note
	// Threads are the conversations with their providers and messages
	// (each message's document in full, its content with
	// ExportDocumentContent), oldest first; Unread is not the export's.
	Threads []ExportThread
	// Aftercare is the aftercare plan after the child's death (for whom,
	// by whom, the follow-up contacts by date); nil when there is none.
	Aftercare *Aftercare
	// TaskEvents are the changes of the tasks' owners and due dates, by
	// task, then oldest first (with ExportTasks: a change goes with its
	// task).
	TaskEvents []TaskEvent
	// Corrections are the corrections of the family's members, network
	// members, contacts, stays, aids and coverage items, each with the
	// values it replaced, oldest first.
	Corrections []Correction
	// Proposals are the family's proposals for the care plan, and
	// FamilyProposals those for the network and for contact details, each
	// open, taken in or declined, oldest first.
	Proposals       []Proposal
	FamilyProposals []FamilyProposal
}

// CorrectionPart is, per kind of object a correction applies to, the part
// of the file the object is in: a correction goes with what it corrected
// (the members and the network are in every export's core).
var CorrectionPart = map[string]ExportParts{
	CorrectMember: ExportCore, CorrectNetworkMember: ExportCore, CorrectContact: ExportContacts,
	CorrectStay: ExportStays, CorrectAid: ExportAids, CorrectCoverageItem: ExportCoverage,
}

// correctionKinds are the kinds of CorrectionPart in a stable order.
var correctionKinds = []string{CorrectMember, CorrectNetworkMember, CorrectContact, CorrectStay, CorrectAid, CorrectCoverageItem}

// ExportThread is a conversation with its messages, oldest first.
type ExportThread struct {
	Thread
	Messages []Message
}

// readExportMore reads the parts of ExportMore in parts into out, each
// by the family's id.
func readExportMore(ctx context.Context, st Store, familyID int64, parts ExportParts, out *ExportFile) error {
	var err error
	if parts.Has(ExportAids) {
		if out.Aids, err = st.Aids(ctx, familyID); err != nil {
			return err
		}
		if parts.Has(ExportDocumentContent) {
			for i := range out.Aids {
				for j := range out.Aids[i].Documents {
					d := &out.Aids[i].Documents[j]
					full, err := st.Document(ctx, familyID, d.ID)
					if err != nil {
						return err
					}
					d.Content = full.Content
				}
			}
		}
	}
	if parts.Has(ExportIntensity) {
		if out.Intensity, err = st.IntensityChanges(ctx, familyID); err != nil {
			return err
		}
	}
	if parts.Has(ExportTransition) {
		if out.Transition, err = st.Transition(ctx, familyID); err != nil {
			return err
		}
	}
	if parts.Has(ExportPlanVersions) {
		if out.PlanVersions, err = st.EarlierCarePlans(ctx, familyID); err != nil {
			return err
		}
	}
	if parts.Has(ExportDeathRecords) {
		rs, err := st.DeathRecords(ctx, familyID)
		if err != nil {
			return err
		}
		// rs is newest first.
		for i := len(rs) - 1; i >= 0; i-- {
			out.DeathRecords = append(out.DeathRecords, rs[i])
		}
	}
	if parts.Has(ExportNotes) {
		ns, err := st.Notes(ctx, familyID)
		if err != nil {
			return err
		}
		// ns is newest first.
		for i := len(ns) - 1; i >= 0; i-- {
			out.Notes = append(out.Notes, ns[i])
		}
	}
	if parts.Has(ExportThreads) {
		if out.Threads, err = exportThreads(ctx, st, familyID, parts.Has(ExportDocumentContent)); err != nil {
			return err
		}
	}
	if parts.Has(ExportTaskHistory | ExportTasks) { // a change goes with its task
		if out.TaskEvents, err = st.TaskEvents(ctx, familyID, 0); err != nil {
			return err
		}
	}
	if parts.Has(ExportCorrections) {
		for _, kind := range correctionKinds {
			if !parts.Has(CorrectionPart[kind]) {
				continue
			}
			cs, err := st.Corrections(ctx, familyID, kind)
			if err != nil {
				return err
			}
			out.Corrections = append(out.Corrections, cs...)
		}
		slices.SortFunc(out.Corrections, func(a, b Correction) int { return cmp.Compare(a.ID, b.ID) })
	}
	if parts.Has(ExportProposals) {
		if out.Proposals, err = st.Proposals(ctx, familyID); err != nil {
			return err
		}
		if out.FamilyProposals, err = st.FamilyProposals(ctx, familyID); err != nil {
			return err
		}
	}
	if parts.Has(ExportAftercare) {
		a, err := st.Aftercare(ctx, familyID)
		if err != nil {
			return err
		}
		if len(a.People) > 0 || len(a.Contacts) > 0 {
			out.Aftercare = a
		}
	}
	return nil
}

// exportThreads reads the family's conversations, oldest first, each with
// its providers and messages, and each message's document in full.
func exportThreads(ctx context.Context, st Store, familyID int64, content bool) ([]ExportThread, error) {
	ts, err := st.Threads(ctx, familyID, 0, 0)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ts, func(a, b Thread) int { return cmp.Compare(a.ID, b.ID) })
	var out []ExportThread
	for _, t := range ts {
		full, err := st.Thread(ctx, familyID, t.ID, 0)
		if err != nil {
			return nil, err
		}
		et := ExportThread{Thread: *full}
		et.Unread = 0
		if et.Messages, err = st.Messages(ctx, familyID, t.ID); err != nil {
			return nil, err
		}
		for i := range et.Messages {
			m := &et.Messages[i]
			if m.Document == nil {
				continue
			}
			d, err := st.Document(ctx, familyID, m.Document.ID)
			if err != nil {
				return nil, err
			}
			if !content {
				d.Content = nil
			}
			m.Document = d
		}
		out = append(out, et)
	}
	return out, nil
}
