package care

import (
	"context"
	"slices"
	"time"
)

// FamilySignals are the signals of one family, most urgent first.
type FamilySignals struct {
	FamilyID  int64
	ChildName string
	Signals   []Signal
}

// Top is the family's most urgent signal.
func (f *FamilySignals) Top() *Signal { return &f.Signals[0] }

// AdmittedChild is a child of the caseload in a hospital today.
type AdmittedChild struct {
	FamilyID  int64
	ChildName string
	Stay      Stay
}

// Dashboard is the case manager's landing page: the signals across their
// families grouped by family, most urgent family first; their own
// signals; their tasks for today and this week; who is admitted now.
type Dashboard struct {
	Families []FamilySignals
	// Own are the case manager's own signals (their practice).
	Own []Signal
	// Acknowledged are the signals snoozed or dismissed, out of sight.
	Acknowledged int
	// Today are the first DashboardTasks of the case manager's open tasks
	// due today or before, oldest first, Week those of the tasks due in
	// the six days after; TodayCount and WeekCount count them all (the
	// worklist lists them).
	Today, Week           []WorklistItem
	TodayCount, WeekCount int
	Admitted              []AdmittedChild
	// Day is the day the dashboard was read.
	Day time.Time
}

// Count is how many signals the dashboard shows.
func (d *Dashboard) Count() int {
	n := len(d.Own)
	for _, f := range d.Families {
		n += len(f.Signals)
	}
	return n
}

// evaluate runs the rules over every file and sets each signal's
// acknowledgement in force; the files' children's names go with them.
// The signals of every file go into one slice, which the caller sorts.
func evaluate(files []SignalFile, acks []SignalAck, day time.Time, set SignalSettings) []Signal {
	byID := make(map[string]*SignalAck, len(acks))
	for i := range acks {
		byID[acks[i].SignalID] = &acks[i]
	}
	// A file of the national shape has three or four signals: room for
	// four each spares growing the slice again and again.
	out := make([]Signal, 0, 4*len(files))
	for i := range files {
		start := len(out)
		out = appendSignals(out, &files[i], DateOf(day), set)
		for j := start; j < len(out); j++ {
			s := &out[j]
			s.ChildName = files[i].Family.ChildName
			if a := byID[s.ID]; a.Holds(s, day) {
				s.Ack = a
			}
		}
	}
	return out
}

// Dashboard reads the case manager's dashboard in one read transaction
// over their caseload, with one audit record, as for the caseload.
func (s *Service) Dashboard(ctx context.Context, actor Actor) (*Dashboard, error) {
	if !MayListCaseload(actor) {
		if err := s.record(ctx, actor, "dashboard", ActionSearch, Decision{}, OutcomeDenied); err != nil {
			return nil, err
		}
		return nil, errNotFound
	}
	now := s.now()
	today := DateOf(now)
	d := &Dashboard{Day: today}
	err := s.store.Read(ctx, func(st Store) error {
		signals, files, err := s.caseloadSignals(ctx, st, actor, now)
		if err != nil {
			return err
		}
		d.Families, d.Acknowledged = groupSignals(signals)
		for i := range files {
			f := &files[i]
			if f.Stay != nil && f.Stay.Hospital() && !f.Family.Deceased {
				d.Admitted = append(d.Admitted, AdmittedChild{FamilyID: f.Family.ID, ChildName: f.Family.ChildName, Stay: *f.Stay})
			}
		}
		if d.Own, err = practiceSignals(ctx, st, actor, now); err != nil {
			return err
		}
		d.Today, d.TodayCount, d.Week, d.WeekCount = dashboardTasks(files, actor.AccountID, today)
		return nil
	})
	if err := s.listed(ctx, actor, "dashboard", err); err != nil {
		return nil, err
	}
	return d, nil
}

// groupSignals groups the signals not acknowledged by family, most
// urgent family first, keeping their order; the families' signals share
// one array. It counts the acknowledged ones.
func groupSignals(signals []Signal) ([]FamilySignals, int) {
	var families []FamilySignals
	var counts []int
	index := map[int64]int{}
	acknowledged := 0
	for i := range signals {
		sg := &signals[i]
		if sg.Ack != nil {
			acknowledged++
			continue
		}
		j, ok := index[sg.FamilyID]
		if !ok {
			j = len(families)
			index[sg.FamilyID] = j
			families = append(families, FamilySignals{FamilyID: sg.FamilyID, ChildName: sg.ChildName})
			counts = append(counts, 0)
		}
		counts[j]++
	}
	all := make([]Signal, len(signals)-acknowledged)
	start := 0
	for j, n := range counts {
		families[j].Signals = all[start : start : start+n]
		start += n
	}
	for i := range signals {
		if sg := &signals[i]; sg.Ack == nil {
			f := &families[index[sg.FamilyID]]
			f.Signals = append(f.Signals, *sg)
		}
	}
	return families, acknowledged
}

// DashboardTasks is how many tasks of today and of this week the
// dashboard holds; the worklist has them all.
const DashboardTasks = 8

// dashboardTasks are the first DashboardTasks of the case manager's open
// tasks with a due date, of the families still in care, by due date:
// those due today or before, and those due in the six days after; and
// how many there are of each. Only the tasks shown are copied.
func dashboardTasks(files []SignalFile, accountID int64, today time.Time) (due []WorklistItem, dueCount int, week []WorklistItem, weekCount int) {
	weekEnd := today.AddDate(0, 0, SignalTaskDays)
	type ref struct {
		t *Task
		f *SignalFile
	}
	var dueRefs, weekRefs []ref
	for i := range files {
		f := &files[i]
		if f.Family.Deceased {
			continue
		}
		for j := range f.Tasks {
			t := &f.Tasks[j]
			mine := t.OwnerAccountID == accountID || t.OwnerAccountID == 0 && t.OwnerKind == OwnerCaseManager
			switch {
			case !mine || t.DueDate.IsZero():
			case !t.DueDate.After(today):
				dueRefs = append(dueRefs, ref{t, f})
			case t.DueDate.Before(weekEnd):
				weekRefs = append(weekRefs, ref{t, f})
			}
		}
	}
	first := func(refs []ref) []WorklistItem {
		slices.SortStableFunc(refs, func(a, b ref) int { return a.t.DueDate.Compare(b.t.DueDate) })
		refs = refs[:min(len(refs), DashboardTasks)]
		if len(refs) == 0 {
			return nil
		}
		out := make([]WorklistItem, len(refs))
		for i, r := range refs {
			out[i] = WorklistItem{Task: *r.t, ChildName: r.f.Family.ChildName}
		}
		return out
	}
	return first(dueRefs), len(dueRefs), first(weekRefs), len(weekRefs)
}

// caseloadSignals evaluates the rules over the actor's caseload: every
// signal, acknowledged ones marked, sorted most urgent first.
func (s *Service) caseloadSignals(ctx context.Context, st Store, actor Actor, now time.Time) ([]Signal, []SignalFile, error) {
	scope := SignalScope{AccountID: actor.AccountID}
	return scopeSignals(ctx, st, actor.OrganisationID, scope, now)
}

// practiceSignals are the case manager's own signals, from the
// intervision sessions they registered in the last 12 months.
func practiceSignals(ctx context.Context, st Store, actor Actor, now time.Time) ([]Signal, error) {
	if !MayRecordIntervision(actor.Role) {
		return nil, nil
	}
	list, err := st.IntervisionSessions(ctx, actor.AccountID, IntervisionSince(now))
	if err != nil {
		return nil, err
	}
	return PracticeSignals(Practice{IntervisieKnown: true, IntervisieLastYear: countIntervisions(list)}, now), nil
}

func scopeSignals(ctx context.Context, st Store, organisationID int64, scope SignalScope, now time.Time) ([]Signal, []SignalFile, error) {
	files, err := st.SignalFiles(ctx, scope, now)
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 {
		return nil, nil, nil
	}
	if organisationID == 0 {
		organisationID = files[0].Family.OrganisationID
	}
	set, err := st.SignalSettings(ctx, organisationID)
	if err != nil {
		return nil, nil, err
	}
	acks, err := st.SignalAcks(ctx, scope)
	if err != nil {
		return nil, nil, err
	}
	signals := evaluate(files, acks, now, set)
	SortSignals(signals)
	return signals, files, nil
}

// Signals lists the case manager's signals across their families, most
// urgent first, acknowledged ones included and marked; one audit record.
func (s *Service) Signals(ctx context.Context, actor Actor) ([]Signal, error) {
	if !MayListCaseload(actor) {
		if err := s.record(ctx, actor, "signals", ActionSearch, Decision{}, OutcomeDenied); err != nil {
			return nil, err
		}
		return nil, errNotFound
	}
	var out []Signal
	err := s.store.Read(ctx, func(st Store) error {
		now := s.now()
		var err error
		if out, _, err = s.caseloadSignals(ctx, st, actor, now); err != nil {
			return err
		}
		own, err := practiceSignals(ctx, st, actor, now)
		out = append(out, own...)
		return err
	})
	if err := s.listed(ctx, actor, "signals", err); err != nil {
		return nil, err
	}
	return out, nil
}

// FamilySignals lists one family's signals for its case managers.
func (s *Service) FamilySignals(ctx context.Context, actor Actor, familyID int64) ([]Signal, error) {
	var out []Signal
	err := s.gate(ctx, caseFile(actor, familyID, "signals", ActionRead), func(st Store, _ Relationship, id *int64) error {
		*id = familyID
		var err error
		out, _, err = scopeSignals(ctx, st, 0, SignalScope{FamilyID: familyID}, s.now())
		return err
	})
	return out, err
}

// openSignals are a family's signals not acknowledged, for its case
// managers' family page.
func (s *Service) openSignals(ctx context.Context, st Store, familyID int64) ([]Signal, error) {
	all, _, err := scopeSignals(ctx, st, 0, SignalScope{FamilyID: familyID}, s.now())
	var out []Signal
	for _, sg := range all {
		if sg.Ack == nil {
			out = append(out, sg)
		}
	}
	return out, err
}

// familySignals are the signals a family sees of their own file, none
// acknowledged away by the case managers hidden from them: a snooze is
// the case managers' own bookkeeping.
func familySignals(ctx context.Context, st Store, familyID int64, now time.Time) ([]Signal, error) {
	files, err := st.SignalFiles(ctx, SignalScope{FamilyID: familyID}, now)
	if err != nil || len(files) == 0 {
		return nil, err
	}
	set, err := st.SignalSettings(ctx, files[0].Family.OrganisationID)
	if err != nil {
		return nil, err
	}
	var out []Signal
	for _, sg := range EvaluateSignals(&files[0], now, set) {
		if sg.Family {
			out = append(out, sg)
		}
	}
	return out, nil
}

// providerSignals are a provider's own signals on a family's file, from
// their own tasks as read for their page: their overdue tasks.
func providerSignals(familyID, networkMemberID int64, tasks []Task, day time.Time) []Signal {
	f := &SignalFile{Family: Family{ID: familyID}, Tasks: tasks}
	var out []Signal
	for _, sg := range tasksOverdue(f, DateOf(day), SignalSettings{}) {
		if sg.Provider == networkMemberID {
			sg.Code, sg.FamilyID = CodeTasksOverdue, familyID
			sg.ID = SignalID(familyID, sg.Code, sg.Subject)
			out = append(out, sg)
		}
	}
	return out
}

// AcknowledgeSignal snoozes or dismisses a signal of a family, for its
// case managers: the signal must hold today, and the acknowledgement
// keeps its cause. Audited as an update of the family's file.
func (s *Service) AcknowledgeSignal(ctx context.Context, actor Actor, a *SignalAck) error {
	familyID, _, _, ok := ParseSignalID(a.SignalID)
	if !ok {
		if err := s.record(ctx, actor, "signal", ActionUpdate, Decision{}, OutcomeFailed); err != nil {
			return err
		}
		return Errorf(NotFound, "signal not found")
	}
	a.FamilyID = familyID
	return s.gate(ctx, caseFile(actor, familyID, "signal", ActionUpdate), func(st Store, _ Relationship, _ *int64) error {
		now := s.now()
		signals, _, err := scopeSignals(ctx, st, 0, SignalScope{FamilyID: familyID}, now)
		if err != nil {
			return err
		}
		var found *Signal
		for i := range signals {
			if signals[i].ID == a.SignalID {
				found = &signals[i]
			}
		}
		if found == nil {
			return Errorf(NotFound, "signal not found")
		}
		if a.Kind == AckDismiss {
			a.Until = time.Time{}
		}
		if err := a.Validate(now); err != nil {
			return err
		}
		a.Cause, a.At, a.By = found.Cause, now.UTC(), Person{AccountID: actor.AccountID}
		return st.SaveSignalAck(ctx, a)
	})
}

// SignalSettings reads the organisation's settings for the signals, for
// its administrator.
func (s *Service) SignalSettings(ctx context.Context, actor Actor) (SignalSettings, error) {
	if actor.Role != RoleAdmin {
		return SignalSettings{}, errNotFound
	}
	var set SignalSettings
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		set, err = st.SignalSettings(ctx, actor.OrganisationID)
		return err
	})
	return set, err
}

// SetContactDays sets the organisation's days between contacts per
// intensity; for its administrator, and on record.
func (s *Service) SetContactDays(ctx context.Context, actor Actor, days map[Intensity]int) error {
	if actor.Role != RoleAdmin {
		if err := s.record(ctx, actor, "organisation_setting", ActionUpdate, Decision{}, OutcomeDenied); err != nil {
			return err
		}
		return errNotFound
	}
	if err := ValidateContactDays(days); err != nil {
		return err
	}
	return s.store.Atomic(ctx, func(st Store) error {
		if err := st.SetContactDays(ctx, actor.OrganisationID, days); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, "organisation_setting", actor.OrganisationID, ActionUpdate,
			Decision{Allowed: true}, OutcomeSuccess))
	})
}
