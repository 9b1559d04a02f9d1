package care

import "context"

// ExportFileByBSN finds the child with the BSN among the families of the
// actor's own caseload and reads that file (its core and parts) for an
// export, audited as one search (S) of that family. Only case managers
// search by BSN (a provider's view has no BSN); a search that finds nothing, or finds more
// than one family, or that the actor may not make, is recorded as one
// search without a family and answers nil.
func (s *Service) ExportFileByBSN(ctx context.Context, actor Actor, bsn string, parts ExportParts) (*ExportFile, error) {
	if !MayListCaseload(actor) || !ValidBSN(bsn) {
		outcome := OutcomeDenied
		if MayListCaseload(actor) {
			outcome = OutcomeFailed
		}
		return nil, s.record(ctx, actor, "fhir", ActionSearch, Decision{Allowed: outcome != OutcomeDenied, Relationship: outcome != OutcomeDenied}, outcome)
	}
	var ids []int64
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		ids, err = st.CaseloadFamiliesByBSN(ctx, actor.AccountID, bsn)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(ids) != 1 {
		return nil, s.record(ctx, actor, "fhir", ActionSearch, Decision{Allowed: true, Relationship: true}, OutcomeSuccess)
	}
	return s.ExportFileParts(ctx, actor, ids[0], ActionSearch, parts)
}
