package care

import "context"

// ExportMore is the rest of the file an export takes out for the case
// managers: the aids and adaptations, the history of the intensity, the
// turning-18 checklist, the care plan's earlier versions and the death
// records in full. A provider's export holds none of it, as
// their view shows none of it (the coverage plan, with the aids, stays
// out of a provider's export as a whole).
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
		vs, err := st.CarePlanVersions(ctx, familyID)
		if err != nil {
			return err
		}
		// vs is newest first: the first is the current plan.
		for i := len(vs) - 1; i >= 1; i-- {
			p, err := st.CarePlanVersion(ctx, familyID, vs[i].Version)
			if err != nil {
				return err
			}
			out.PlanVersions = append(out.PlanVersions, *p)
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
	return nil
}
