package care

import (
	"slices"
	"strings"
	"time"
)

// The signal codes. Each rule is one line in docs/signals.md.
const (
	CodePlanReviewOverdue  = "plan_review_overdue"
	CodeNoCarePlan         = "no_care_plan"
	CodePlanNotDiscussed   = "plan_not_discussed"
	CodeNextContactPassed  = "next_contact_passed"
	CodeTasksOverdue       = "tasks_overdue"
	CodeCoverageEnding     = "coverage_ending"
	CodeCoverageLapsed     = "coverage_lapsed"
	CodeObjectionDue       = "objection_due"
	CodeAidWaiting         = "aid_waiting"
	CodeNoGP               = "no_gp"
	CodeOneCaseManager     = "one_case_manager"
	CodeNoAlwaysReachable  = "no_always_reachable"
	CodeProviderNoConsent  = "provider_without_consent"
	CodeConsentAgeNear     = "consent_age_near"
	CodeTransitionNear     = "transition_near"
	CodeAdmittedNoTransfer = "admitted_no_transfer"
	CodeMeetingNoMinutes   = "meeting_without_minutes"
	CodePlaceOfDeath       = "place_of_death_not_discussed"
	CodeAftercareDue       = "aftercare_contact_due"
	CodePossibleDuplicate  = "possible_duplicate"
	// CodeIntervisie is the case manager's own signal, not a family's.
	CodeIntervisie = "intervisie_low"
)

// Rule constants, named where a rule's boundary is set.
const (
	// NoPlanAfterDays: a file without a care plan this long after intake.
	NoPlanAfterDays = 28
	// PlanDiscussMonths: the plan is discussed with the family at least
	// this often.
	PlanDiscussMonths = 6
	// MeetingMinutesDays: minutes are written within a week of a meeting.
	MeetingMinutesDays = 7
	// IntervisieMin is how many peer-review sessions a case manager takes
	// part in a year.
	IntervisieMin = 6
)

// rules is every family rule, in the order docs/signals.md lists them.
var rules = []rule{
	{code: CodePlanReviewOverdue, find: planReviewOverdue},
	{code: CodeNoCarePlan, find: noCarePlan},
	{code: CodePlanNotDiscussed, find: planNotDiscussed},
	{code: CodeNextContactPassed, find: nextContactPassed},
	{code: CodeTasksOverdue, find: tasksOverdue},
	{code: CodeCoverageEnding, find: coverageState(StateEnding)},
	{code: CodeCoverageLapsed, find: coverageState(StateLapsed)},
	{code: CodeObjectionDue, find: objectionDue},
	{code: CodeAidWaiting, find: aidWaiting},
	{code: CodeNoGP, find: noGP},
	{code: CodeOneCaseManager, find: oneCaseManager},
	{code: CodeNoAlwaysReachable, find: noAlwaysReachable},
	{code: CodeProviderNoConsent, find: providerWithoutConsent},
	{code: CodeConsentAgeNear, find: consentAgeNear},
	{code: CodeTransitionNear, find: transitionNear},
	{code: CodeAdmittedNoTransfer, find: admittedNoTransfer},
	{code: CodeMeetingNoMinutes, find: meetingWithoutMinutes},
	{code: CodePlaceOfDeath, find: placeOfDeath},
	{code: CodeAftercareDue, afterDeath: true, find: aftercareDue},
	{code: CodePossibleDuplicate, find: possibleDuplicate},
}

func one(s Signal) []Signal { return []Signal{s} }

// intakeDate is when the file was opened.
func intakeDate(f *SignalFile) time.Time { return DateOf(f.Family.CreatedAt) }

func planReviewOverdue(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if f.Plan == nil || f.Plan.ReviewDue.IsZero() {
		return nil
	}
	due := f.Plan.ReviewDue.AddDate(0, 0, 1)
	if day.Before(due) {
		return nil
	}
	return one(Signal{Severity: SeverityWarning, Due: due, On: f.Plan.ReviewDue, Link: familyLink(f, "/careplan/review/edit")})
}

func noCarePlan(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if f.Plan != nil || f.Family.CreatedAt.IsZero() || f.Episode != nil && f.Episode.Status == "declined" {
		return nil
	}
	due := intakeDate(f).AddDate(0, 0, NoPlanAfterDays)
	if day.Before(due) {
		return nil
	}
	return one(Signal{Severity: SeverityWarning, Due: due, On: intakeDate(f), Link: familyLink(f, "/careplan")})
}

func planNotDiscussed(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if f.Plan == nil {
		return nil
	}
	since := f.Plan.DiscussedOn
	if since.IsZero() {
		since = f.Plan.CreatedOn
	}
	if since.IsZero() {
		return nil
	}
	due := since.AddDate(0, PlanDiscussMonths, 0)
	if day.Before(due) {
		return nil
	}
	return one(Signal{Severity: SeverityInfo, Due: due, On: f.Plan.DiscussedOn, Link: familyLink(f, "/careplan/review/edit")})
}

// nextContactPassed: the planned next contact has passed; without a
// planned one, the organisation's interval for the family's intensity
// after the last contact (or the intake).
func nextContactPassed(f *SignalFile, day time.Time, set SignalSettings) []Signal {
	next := f.Family.NextContact
	planned := !next.IsZero()
	if !planned {
		last := f.LastContact
		if last.IsZero() {
			last = intakeDate(f)
		}
		if last.IsZero() {
			return nil
		}
		next = DateOf(last).AddDate(0, 0, set.contactDays(f.Family.Intensity))
	}
	due := DateOf(next).AddDate(0, 0, 1)
	if day.Before(due) {
		return nil
	}
	sev := SeverityWarning
	if f.Family.Intensity == Intensive {
		sev = SeverityUrgent
	}
	s := Signal{Severity: sev, Due: due, On: DateOf(next), Link: familyLink(f, "/contacts/new"), DetailKey: "signal.next_contact.planned"}
	if !planned {
		s.DetailKey = "signal.next_contact.default"
	}
	return one(s)
}

// tasksOverdue gives one signal per owner with tasks past their due
// date: a provider's or the family's overdue task is the case managers'
// signal too.
func tasksOverdue(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	type group struct {
		s   Signal
		ids []string
	}
	// A family's tasks have few owners: their groups are found in a
	// slice, in the order they first came.
	var groups []group
	for i := range f.Tasks {
		t := &f.Tasks[i]
		if !t.Overdue(day) {
			continue
		}
		subject := taskOwnerSubject(t)
		j := 0
		for j < len(groups) && groups[j].s.Subject != subject {
			j++
		}
		if j == len(groups) {
			groups = append(groups, group{s: Signal{Severity: SeverityWarning, Subject: subject, Detail: t.OwnerName, DetailKey: "task.owner." + t.OwnerKind,
				Link: familyLink(f, "#tasks"), Family: t.OwnerKind == OwnerFamily || t.OwnerKind == OwnerParent, Provider: t.NetworkMemberID}})
		}
		g := &groups[j]
		due := t.DueDate.AddDate(0, 0, 1)
		if g.s.Due.IsZero() || due.Before(g.s.Due) {
			g.s.Due, g.s.On = due, t.DueDate
		}
		g.s.Count++
		g.ids = append(g.ids, idKey(t.ID))
	}
	if len(groups) == 0 {
		return nil
	}
	out := make([]Signal, len(groups))
	for i := range groups {
		g := &groups[i]
		if day.Sub(g.s.Due) >= 14*24*time.Hour {
			g.s.Severity = SeverityUrgent
		}
		slices.Sort(g.ids)
		g.s.Cause = strings.Join(g.ids, ",")
		out[i] = g.s
	}
	return out
}

// taskOwnerSubject names a task's owner in a signal id.
func taskOwnerSubject(t *Task) string {
	switch {
	case t.OwnerAccountID != 0:
		return "cm-" + idKey(t.OwnerAccountID)
	case t.NetworkMemberID != 0:
		return "nm-" + idKey(t.NetworkMemberID)
	case t.OwnerMemberID != 0:
		return "fm-" + idKey(t.OwnerMemberID)
	}
	kind := t.OwnerKind
	if kind == "" {
		kind = "none"
	}
	return kind
}

// coverageState gives a signal per coverage item in state: ending within
// the window, or lapsed without a renewal. The family sees an ending
// item and who renews it.
func coverageState(state CoverageState) func(f *SignalFile, day time.Time, set SignalSettings) []Signal {
	return func(f *SignalFile, day time.Time, set SignalSettings) []Signal {
		var out []Signal
		for i := range f.Coverage {
			c := &f.Coverage[i]
			if c.StateOn(day, f.Family.BirthDate, set.WindowWeeks) != state {
				continue
			}
			end, _ := c.Current().EffectiveEnd(f.Family.BirthDate)
			s := Signal{Subject: idKey(c.ID), On: end, DetailKey: "coverage.kind." + c.Kind, Detail: c.Applicant,
				Link: familyLink(f, "/coverage/"+idKey(c.ID)+"/renew"), Family: true, Cause: idKey(c.Current().ID)}
			if state == StateEnding {
				s.Severity, s.Due = SeverityWarning, end.AddDate(0, 0, -7*set.WindowWeeks)
			} else {
				s.Severity, s.Due = SeverityUrgent, end.AddDate(0, 0, 1)
			}
			out = append(out, s)
		}
		return out
	}
}

func objectionDue(f *SignalFile, day time.Time, set SignalSettings) []Signal {
	var out []Signal
	for i := range f.Coverage {
		c := &f.Coverage[i]
		if !c.ObjectionDueWithin(day, set.WindowWeeks) {
			continue
		}
		p := c.Current()
		sev := SeverityWarning
		if p.ObjectionDue.Before(day) {
			sev = SeverityUrgent
		}
		out = append(out, Signal{Severity: sev, Subject: idKey(c.ID), Due: p.ObjectionDue.AddDate(0, 0, -7*set.WindowWeeks),
			On: p.ObjectionDue, DetailKey: "coverage.kind." + c.Kind, Link: familyLink(f, "/coverage/"+idKey(c.ID)+"/edit"),
			Cause: idKey(p.ID)})
	}
	return out
}

func aidWaiting(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	var out []Signal
	for i := range f.Aids {
		a := &f.Aids[i]
		if !a.WaitingTooLong(day) {
			continue
		}
		out = append(out, Signal{Severity: SeverityWarning, Subject: idKey(a.ID), Due: DateOf(a.Requested).AddDate(0, 0, AidWaitingDays+1),
			On: a.Requested, DetailKey: "coverage_view.aid_kind." + a.Kind, Link: familyLink(f, "/aids/"+idKey(a.ID)+"/edit"), Cause: a.Status})
	}
	return out
}

func noGP(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if day.Before(intakeDate(f)) {
		return nil
	}
	for _, n := range f.Network {
		if n.Role == "gp" {
			return nil
		}
	}
	return one(Signal{Severity: SeverityWarning, Due: intakeDate(f), Link: familyLink(f, "/network/new")})
}

func oneCaseManager(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if day.Before(intakeDate(f)) {
		return nil
	}
	missing := ""
	switch {
	case f.CaseManagers.KCT.AccountID == 0:
		missing = "kct"
	case f.CaseManagers.Thuis.AccountID == 0:
		missing = "thuis"
	default:
		return nil
	}
	return one(Signal{Severity: SeverityInfo, Subject: missing, Due: intakeDate(f), DetailKey: "signal.casemanager." + missing,
		Link: familyLink(f, "/casemanagers")})
}

func noAlwaysReachable(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if day.Before(intakeDate(f)) {
		return nil
	}
	for _, n := range f.Network {
		if n.AlwaysReachable {
			return nil
		}
	}
	return one(Signal{Severity: SeverityWarning, Due: intakeDate(f), Link: familyLink(f, "#network")})
}

func providerWithoutConsent(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if day.Before(intakeDate(f)) {
		return nil
	}
	var out []Signal
	for _, p := range f.Providers {
		st := EvaluateConsent(f.Family.BirthDate, day.Add(24*time.Hour-time.Nanosecond), p.Records)
		if st.Given() {
			continue
		}
		out = append(out, Signal{Severity: SeverityInfo, Subject: idKey(p.NetworkMemberID), Due: intakeDate(f), Detail: p.Name,
			Link: familyLink(f, "#network"), Cause: strings.Join(st.Missing, ",")})
	}
	return out
}

// consentAgeNear: the child turns 12 or 16 within a month, when whose
// consent counts changes.
func consentAgeNear(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if f.Family.Unborn || f.Family.BirthDate.IsZero() {
		return nil
	}
	for _, age := range []int{12, 16} {
		birthday := f.Family.BirthDate.AddDate(age, 0, 0)
		due := birthday.AddDate(0, -1, 0)
		if !day.Before(due) && day.Before(birthday) {
			return one(Signal{Severity: SeverityInfo, Subject: idKey(int64(age)), Due: due, On: birthday, Count: age,
				Link: familyLink(f, "#network")})
		}
	}
	return nil
}

// transitionNear: the 18th birthday is within a year and the turning-18
// checklist is not accepted; it stays while the checklist is shown.
func transitionNear(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if f.TransitionAccepted || f.Family.Unborn || f.Family.BirthDate.IsZero() {
		return nil
	}
	eighteenth := Eighteenth(f.Family.BirthDate)
	due := eighteenth.AddDate(-1, 0, 0)
	if day.Before(due) || !day.Before(f.Family.BirthDate.AddDate(19, 0, 0)) {
		return nil
	}
	sev := SeverityWarning
	if !day.Before(eighteenth.AddDate(0, -3, 0)) {
		sev = SeverityUrgent
	}
	return one(Signal{Severity: sev, Due: due, On: eighteenth, Link: familyLink(f, "#transition")})
}

func admittedNoTransfer(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if f.Stay == nil || !f.Stay.Hospital() || !f.Stay.Covers(day) {
		return nil
	}
	for i := range f.Transfers {
		if f.Transfers[i].Open() {
			return nil
		}
	}
	return one(Signal{Severity: SeverityInfo, Subject: idKey(f.Stay.ID), Due: DateOf(f.Stay.Start), On: DateOf(f.Stay.Start),
		Detail: f.Stay.Place, Link: familyLink(f, "/transfers")})
}

func meetingWithoutMinutes(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	var out []Signal
	for i := range f.UnreportedMeetings {
		m := &f.UnreportedMeetings[i]
		if m.HasReport() {
			continue
		}
		due := DateOf(m.Start).AddDate(0, 0, MeetingMinutesDays)
		if day.Before(due) {
			continue
		}
		out = append(out, Signal{Severity: SeverityWarning, Subject: idKey(m.ID), Due: due, On: DateOf(m.Start),
			Link: familyLink(f, "/meetings/"+idKey(m.ID)+"/minutes")})
	}
	return out
}

// placeOfDeath: the case managers would not be surprised if the child died
// within a year, and where the family would want that to happen has not
// been talked about. Silent when the family chose not to talk about it now.
func placeOfDeath(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if f.Episode == nil || f.Episode.SurpriseQuestion != "no" {
		return nil
	}
	if f.Plan != nil && f.Plan.PlaceOfDeath != "" && f.Plan.PlaceOfDeath != "not_discussed" {
		return nil
	}
	due := DateOf(f.Episode.StatusDate)
	if due.IsZero() {
		due = intakeDate(f)
	}
	if day.Before(due) {
		return nil
	}
	return one(Signal{Severity: SeverityInfo, Due: due, Link: familyLink(f, "/careplan/acp/edit")})
}

func aftercareDue(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	var out []Signal
	for _, a := range f.Aftercare {
		due := DateOf(a.Due)
		if day.Before(due) {
			continue
		}
		out = append(out, Signal{Severity: SeverityWarning, Subject: idKey(a.ID), Due: due, On: due,
			Link: familyLink(f, "/death#aftercare")})
	}
	return out
}

// possibleDuplicate: another family of the organisation has the same date
// of birth and a similar child's name. Who that is is not told: the case
// manager may not be one of its case managers.
func possibleDuplicate(f *SignalFile, day time.Time, _ SignalSettings) []Signal {
	if day.Before(intakeDate(f)) {
		return nil
	}
	var out []Signal
	for _, d := range f.Duplicates {
		if d.FamilyID == f.Family.ID || !SimilarNames(d.ChildName, f.Family.ChildName) {
			continue
		}
		out = append(out, Signal{Severity: SeverityInfo, Subject: idKey(d.FamilyID), Due: intakeDate(f), Link: familyLink(f, "/edit")})
	}
	return out
}

// Practice is what the case manager's own signals read of their practice.
type Practice struct {
	// IntervisieKnown says intervisie is registered at all; without it the
	// signal stays silent rather than count zero.
	IntervisieKnown bool
	// IntervisieLastYear is how many peer-review sessions the case
	// manager took part in during the last 12 months.
	IntervisieLastYear int
}

// PracticeSignals are the case manager's own signals: fewer than six
// peer-review sessions in the last 12 months.
func PracticeSignals(p Practice, day time.Time) []Signal {
	if !p.IntervisieKnown || p.IntervisieLastYear >= IntervisieMin {
		return nil
	}
	day = DateOf(day)
	s := Signal{Code: CodeIntervisie, Severity: SeverityInfo, Subject: "self", Due: day, Count: p.IntervisieLastYear,
		Link: "/account/intervision"}
	s.Cause = CodeIntervisie + "|" + idKey(int64(p.IntervisieLastYear))
	s.ID = "0." + CodeIntervisie + ".self"
	return []Signal{s}
}
