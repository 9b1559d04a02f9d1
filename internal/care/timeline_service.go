package care

import (
	"context"
	"time"
)

// TimelineStore reads what the timeline needs beyond the other
// capabilities' reads.
type TimelineStore interface {
	// IntensityChanges lists the family's changes of intensity, newest
	// first.
	IntensityChanges(ctx context.Context, familyID int64) ([]IntensityChange, error)
}

// TimelineFile is the child's journey as one reader sees it.
type TimelineFile struct {
	Family   Family // Family.ForProvider(scope) for a provider
	Viewer   string // ViewerCaseManager, ViewerFamily or ViewerProvider
	IsChild  bool
	Today    time.Time
	Timeline Timeline
}

// Timeline returns the child's journey through the door view: the case
// managers, the family (parents, carers, and the child with an account)
// and a provider whose consent covers the whole file; a provider with
// narrower consent is refused, and recorded. The family and a provider
// see the meetings they were invited to; the timeline holds no notes.
func (s *Service) Timeline(ctx context.Context, actor Actor, view View, familyID int64) (*TimelineFile, error) {
	switch view {
	case ViewCaseFile, ViewFamily, ViewProvider:
	default:
		return nil, Errorf(Internal, "no door to the timeline: %q", view)
	}
	var tf *TimelineFile
	a := access{actor: actor, familyID: familyID, view: view, object: "timeline", action: ActionRead}
	err := s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		tf, err = s.timelineFile(ctx, st, view, familyID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return tf, nil
}

func (s *Service) timelineFile(ctx context.Context, st Store, view View, familyID int64, rel Relationship) (*TimelineFile, error) {
	if view == ViewProvider && rel.Consent.Scope != ScopeFile {
		return nil, errDenied
	}
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	f.BSN = ""
	tf := &TimelineFile{Family: *f, Today: DateOf(s.now()), Viewer: ViewerCaseManager}
	switch view {
	case ViewFamily:
		tf.Viewer, tf.IsChild = ViewerFamily, rel.Link.Kind == LinkChild
	case ViewProvider:
		tf.Viewer, tf.Family = ViewerProvider, f.ForProvider(rel.Consent.Scope)
	}
	in := TimelineInput{Today: s.now(), BirthDate: f.BirthDate, Unborn: f.Unborn, Deceased: f.Deceased, Diagnosis: f.Diagnosis}
	if in.Episode, err = st.Episode(ctx, familyID); err != nil {
		return nil, err
	}
	if in.Stays, err = st.Stays(ctx, familyID); err != nil {
		return nil, err
	}
	if in.Coverage, err = st.CoverageItems(ctx, familyID); err != nil {
		return nil, err
	}
	if in.Plan, err = st.CarePlanVersions(ctx, familyID); err != nil {
		return nil, err
	}
	meetings, err := st.Meetings(ctx, familyID)
	if err != nil {
		return nil, err
	}
	for i := range meetings {
		if view == ViewCaseFile || invited(&meetings[i], view, rel) != nil {
			in.Meetings = append(in.Meetings, meetings[i])
		}
	}
	if in.Transfers, err = st.Transfers(ctx, familyID); err != nil {
		return nil, err
	}
	if in.Intensity, err = st.IntensityChanges(ctx, familyID); err != nil {
		return nil, err
	}
	in.DiedOn = f.DeceasedOn
	// The aftercare is for the family and the case managers; a provider
	// has no door to it.
	if f.Deceased && view != ViewProvider {
		a, err := st.Aftercare(ctx, familyID)
		if err != nil {
			return nil, err
		}
		in.Extra = append(in.Extra, AftercareMarks(a)...)
	}
	tf.Timeline = BuildTimeline(in)
	return tf, nil
}
