package care

import (
	"context"
	"slices"
	"time"
)

// StayStore keeps where the child is and has been.
type StayStore interface {
	// Stays lists the family's stays, the newest start first.
	Stays(ctx context.Context, familyID int64) ([]Stay, error)
	CreateStay(ctx context.Context, s *Stay) error
	// UpdateStay writes a stay of the family; NotFound when it has none
	// with that id.
	UpdateStay(ctx context.Context, s *Stay) error
	// CaseloadStays reads, for each family in the account's caseload, the
	// stay that covers day, if any.
	CaseloadStays(ctx context.Context, accountID int64, day time.Time) (map[int64]Stay, error)
}

// StayFile is where the child is and has been, as one reader sees it.
type StayFile struct {
	Family  Family // Family.ForProvider(scope) for a provider
	Viewer  string // ViewerCaseManager, ViewerFamily or ViewerProvider
	IsChild bool
	Today   time.Time
	// Current is where the child is today; nil when no stay covers today.
	Current *Stay
	// Stays are all stays, the newest first; for a provider only the
	// current one.
	Stays []Stay
	// Figures are the hospital admissions of the last three months; for
	// the case managers only.
	Figures Admissions
	// Corrections of the stays, newest first; for the case managers only.
	Corrections []Correction
}

// CorrectionsOf lists the corrections of one stay, newest first.
func (sf *StayFile) CorrectionsOf(id int64) []Correction {
	return CorrectionsOf(sf.Corrections, CorrectStay, id)
}

// Stay finds one of the file's stays; nil when it has none with id.
func (sf *StayFile) Stay(id int64) *Stay {
	for i := range sf.Stays {
		if sf.Stays[i].ID == id {
			return &sf.Stays[i]
		}
	}
	return nil
}

// staysDoor is an access to the stays through view: the case managers'
// file, the family's own view, or a provider's view when the consent
// covers the child's details. A refusal for its input comes back with
// the stays page.
func (s *Service) staysDoor(actor Actor, view View, familyID int64, object string, action Action) access {
	return access{actor: actor, familyID: familyID, view: view, object: object, action: action,
		again: func(ctx context.Context, st Store, familyID int64, rel Relationship, in *InvalidInput) error {
			var err error
			in.Stays, err = s.stayFile(ctx, st, view, familyID, rel)
			return err
		}}
}

// Stays returns where the child is and has been through the door view:
// the case managers see every stay, the corrections and the admission
// figures; the family every stay; a provider whose consent covers the
// child's details where the child is now, and nothing more. Another
// provider is refused, and recorded.
func (s *Service) Stays(ctx context.Context, actor Actor, view View, familyID int64) (*StayFile, error) {
	switch view {
	case ViewCaseFile, ViewFamily, ViewProvider:
	default:
		return nil, Errorf(Internal, "no door to the stays: %q", view)
	}
	var sf *StayFile
	err := s.gate(ctx, s.staysDoor(actor, view, familyID, "stays", ActionRead), func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		sf, err = s.stayFile(ctx, st, view, familyID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return sf, nil
}

func (s *Service) stayFile(ctx context.Context, st Store, view View, familyID int64, rel Relationship) (*StayFile, error) {
	if view == ViewProvider && !ScopeCovers(rel.Consent.Scope, PartChild) {
		return nil, errDenied
	}
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	f.BSN = ""
	sf := &StayFile{Family: *f, Today: DateOf(s.now()), Viewer: ViewerCaseManager}
	if sf.Stays, err = st.Stays(ctx, familyID); err != nil {
		return nil, err
	}
	sf.Current = StayOn(sf.Stays, sf.Today)
	switch view {
	case ViewFamily:
		sf.Viewer, sf.IsChild = ViewerFamily, rel.Link.Kind == LinkChild
	case ViewProvider:
		sf.Viewer, sf.Family = ViewerProvider, f.ForProvider(rel.Consent.Scope)
		sf.Stays = nil
		if sf.Current != nil {
			cur := *sf.Current
			cur.Note = "" // the case managers' note is not for the network
			sf.Current, sf.Stays = &cur, []Stay{cur}
		}
		return sf, nil
	case ViewCaseFile:
		sf.Figures = AdmissionFigures(sf.Stays, sf.Today)
		if sf.Corrections, err = st.Corrections(ctx, familyID, CorrectStay); err != nil {
			return nil, err
		}
	}
	return sf, nil
}

// SaveStay records a stay (ID 0) or corrects one, keeping the values
// before: for the case managers. A stay may not cover a day another stay
// covers; a new ongoing stay that starts while an ongoing one goes on
// ends that one on its start (the child moved), and that is kept as a
// correction of the ongoing stay. A stay of another family is NotFound; bad input or an
// overlap saves nothing.
func (s *Service) SaveStay(ctx context.Context, actor Actor, stay *Stay) error {
	action := ActionCreate
	if stay.ID != 0 {
		action = ActionUpdate
	}
	return s.gate(ctx, s.staysDoor(actor, ViewCaseFile, stay.FamilyID, "stay", action), func(st Store, rel Relationship, id *int64) error {
		*id = stay.ID
		if err := s.saveStay(ctx, st, actor, rel, stay); err != nil {
			return err
		}
		*id = stay.ID
		return nil
	})
}

// EndStay ends a stay of the family on end (the day the child left).
func (s *Service) EndStay(ctx context.Context, actor Actor, familyID, stayID int64, end time.Time) error {
	return s.gate(ctx, s.staysDoor(actor, ViewCaseFile, familyID, "stay", ActionUpdate), func(st Store, rel Relationship, id *int64) error {
		*id = stayID
		stays, err := st.Stays(ctx, familyID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(stays, func(x Stay) bool { return x.ID == stayID })
		if i < 0 {
			return Errorf(NotFound, "stay not found")
		}
		stay := stays[i]
		if end.IsZero() {
			return FieldErrors{"end": "field.required"}
		}
		stay.End = end
		return s.saveStay(ctx, st, actor, rel, &stay)
	})
}

func (s *Service) saveStay(ctx context.Context, st Store, actor Actor, rel Relationship, stay *Stay) error {
	stays, err := st.Stays(ctx, stay.FamilyID)
	if err != nil {
		return err
	}
	var old *Stay
	if stay.ID != 0 {
		i := slices.IndexFunc(stays, func(x Stay) bool { return x.ID == stay.ID })
		if i < 0 {
			return Errorf(NotFound, "stay not found")
		}
		old = &stays[i]
	}
	stay.trim()
	if err := stay.Validate(s.now(), rel.KnownBirth()); err != nil {
		return err
	}
	// A new ongoing stay that starts after an ongoing one began ends it:
	// the child moved on the new stay's start. A stay that ended is
	// history, and ends nothing.
	var ended *Stay
	if old == nil && stay.Ongoing() {
		for i := range stays {
			if o := &stays[i]; o.Ongoing() && o.Start.Before(stay.Start) {
				ended = o
			}
		}
	}
	for i := range stays {
		o := stays[i]
		if o.ID == stay.ID {
			continue
		}
		if ended != nil && o.ID == ended.ID {
			o.End = stay.Start
		}
		if stay.Overlaps(&o) {
			return FieldErrors{"start": "stays.overlap"}
		}
	}
	if ended != nil {
		before := ended.correctionFields()
		ended.End = stay.Start
		if err := st.UpdateStay(ctx, ended); err != nil {
			return err
		}
		if err := s.keepCorrection(ctx, st, actor, stay.FamilyID, CorrectStay, ended.ID, before, ended.correctionFields()); err != nil {
			return err
		}
	}
	if old == nil {
		stay.CreatedAt, stay.CreatedBy = s.now().UTC(), Person{AccountID: actor.AccountID}
		return st.CreateStay(ctx, stay)
	}
	stay.CreatedAt, stay.CreatedBy = old.CreatedAt, old.CreatedBy
	if err := st.UpdateStay(ctx, stay); err != nil {
		return err
	}
	return s.keepCorrection(ctx, st, actor, stay.FamilyID, CorrectStay, stay.ID, old.correctionFields(), stay.correctionFields())
}

// caseloadStays adds to each family of the caseload where the child is
// today.
func (s *Service) caseloadStays(ctx context.Context, st Store, actor Actor, items []CaseloadItem) error {
	stays, err := st.CaseloadStays(ctx, actor.AccountID, DateOf(s.now()))
	if err != nil {
		return err
	}
	for i := range items {
		if stay, ok := stays[items[i].FamilyID]; ok && !items[i].Deceased {
			items[i].Stay = &stay
		}
	}
	return nil
}

// currentStay reads where the child is today; nil when not recorded.
func currentStay(ctx context.Context, st Store, familyID int64, today time.Time) (*Stay, error) {
	stays, err := st.Stays(ctx, familyID)
	if err != nil {
		return nil, err
	}
	if cur := StayOn(stays, today); cur != nil {
		c := *cur
		return &c, nil
	}
	return nil, nil
}
