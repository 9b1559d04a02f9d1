package api

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Response bodies of the JSON API. They are written out member by member
// rather than marshalling care types, so a change in the domain never
// changes the API by accident. Dates are "YYYY-MM-DD", times RFC 3339 in
// UTC; an absent date or time is null and an empty list is [].

// apiDateOut formats a date; nil (null) when zero.
func apiDateOut(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.DateOnly)
	return &s
}

// apiTimeOut formats a time in UTC; nil (null) when zero.
func apiTimeOut(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// apiNullable returns nil for "", so an absent choice is null.
func apiNullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type apiPersonOut struct {
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
}

// apiPerson returns nil (null) for no one.
func apiPerson(p care.Person) *apiPersonOut {
	if p.AccountID == 0 {
		return nil
	}
	return &apiPersonOut{AccountID: p.AccountID, Name: p.Name}
}

// apiCaseloadOut is GET /api/v1/families.
type apiCaseloadOut struct {
	Families []apiCaseloadItemOut `json:"families"`
}

type apiCaseloadItemOut struct {
	ID            int64   `json:"id"`
	ChildName     string  `json:"child_name"`
	BirthDate     *string `json:"birth_date"`
	Unborn        bool    `json:"unborn"`
	Intensity     string  `json:"intensity"`
	NextContact   *string `json:"next_contact"`
	OpenTasks     int     `json:"open_tasks"`
	OverdueTasks  int     `json:"overdue_tasks"`
	EpisodeStatus *string `json:"episode_status"`
	Deceased      bool    `json:"deceased"`
	DeceasedOn    *string `json:"deceased_on"` // the date of death; null when not recorded
	// The care plan's review date; null without a plan.
	PlanReviewDue     *string `json:"plan_review_due"`
	PlanReviewOverdue bool    `json:"plan_review_overdue"`
	// The family member whose name the search q found, when not the child's.
	FoundVia *apiFoundViaOut `json:"found_via"`
	// What needs attention in the coverage plan: items ending within the
	// organisation's window, items lapsed, objections due, aids waiting
	// longer than six weeks.
	CoverageEnding int `json:"coverage_ending"`
	CoverageLapsed int `json:"coverage_lapsed"`
	ObjectionsDue  int `json:"objections_due"`
	AidsWaiting    int `json:"aids_waiting"`
	// Admitted: the child is in a hospital today.
	Admitted bool `json:"admitted"`
}

type apiFoundViaOut struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Relation string `json:"relation"`
}

func apiCaseload(items []care.CaseloadItem, now time.Time) apiCaseloadOut {
	out := apiCaseloadOut{Families: make([]apiCaseloadItemOut, 0, len(items))}
	for _, it := range items {
		var via *apiFoundViaOut
		if m := it.FoundVia; m != nil {
			via = &apiFoundViaOut{Name: m.Name, Kind: m.Kind, Relation: m.Relation}
		}
		out.Families = append(out.Families, apiCaseloadItemOut{FoundVia: via,
			ID: it.FamilyID, ChildName: it.ChildName, BirthDate: apiDateOut(it.BirthDate), Unborn: it.Unborn,
			Intensity: string(it.Intensity), NextContact: apiDateOut(it.NextContact),
			OpenTasks: it.OpenTasks, OverdueTasks: it.Overdue, EpisodeStatus: apiNullable(it.Status), Deceased: it.Deceased, DeceasedOn: apiDateOut(it.DeceasedOn),
			PlanReviewDue: apiDateOut(it.PlanReviewDue), PlanReviewOverdue: it.PlanReviewOverdue(now),
			CoverageEnding: it.Coverage.Ending, CoverageLapsed: it.Coverage.Lapsed,
			ObjectionsDue: it.Coverage.ObjectionsDue, AidsWaiting: it.Coverage.AidsWaiting, Admitted: it.Admitted(),
		})
	}
	return out
}

// apiFileOut is GET /api/v1/families/{id}: the family file, with the
// most recent contacts and closed tasks and how many there are in all.
type apiFileOut struct {
	Child        apiChildOut     `json:"child"`
	Members      []apiMemberOut  `json:"members"`
	CaseManagers apiCaseManagers `json:"case_managers"`
	Episode      *apiEpisodeOut  `json:"episode"`
	Network      []apiNetworkOut `json:"network"`
	// EarlierNetwork are the network members whose involvement ended.
	EarlierNetwork   []apiNetworkOut   `json:"earlier_network"`
	IntensityHistory []apiIntensityOut `json:"intensity_history"`
	Contacts         []apiContactOut   `json:"contacts"`
	ContactCount     int               `json:"contact_count"`
	Tasks            []apiTaskOut      `json:"tasks"`
	DoneTaskCount    int               `json:"done_task_count"`
}

// apiContactsOut is GET /api/v1/families/{id}/contacts: one page of the
// contacts, newest first, and where the next page starts (0: no more).
type apiContactsOut struct {
	Contacts   []apiContactOut `json:"contacts"`
	NextBefore int64           `json:"next_before"`
}

func apiContact(c care.Contact) apiContactOut {
	return apiContactOut{
		ID: c.ID, Date: apiDateOut(c.Date), Kind: c.Kind, With: c.With, Location: c.Location,
		DurationMin: c.DurationMin, TravelMin: c.TravelMin, RegistrationMin: c.RegistrationMin, Topics: c.Topics, FollowUp: c.FollowUp,
		CreatedAt: apiTimeOut(c.CreatedAt), CreatedBy: apiPerson(c.CreatedBy),
	}
}

type apiChildOut struct {
	ID                 int64             `json:"id"`
	ChildName          string            `json:"child_name"`
	BirthDate          *string           `json:"birth_date"`
	Unborn             bool              `json:"unborn"`
	Sex                string            `json:"sex"`
	BSN                *string           `json:"bsn"`
	Diagnosis          string            `json:"diagnosis"`
	ICD10              string            `json:"icd10"`
	SecondaryDiagnoses []apiDiagnosisOut `json:"secondary_diagnoses"`
	LivingSituation    string            `json:"living_situation"`
	CultureNotes       string            `json:"culture_notes"`
	Intensity          string            `json:"intensity"`
	NextContact        *string           `json:"next_contact"`
	Summary            string            `json:"summary"`
	Deceased           bool              `json:"deceased"`
	DeceasedOn         *string           `json:"deceased_on"`
	GPMissing          bool              `json:"gp_missing"`
	CreatedAt          *string           `json:"created_at"`
	UpdatedAt          *string           `json:"updated_at"`
}

type apiDiagnosisOut struct {
	ID          int64  `json:"id"`
	Description string `json:"description"`
	ICD10       string `json:"icd10"`
}

type apiMemberOut struct {
	ID        int64   `json:"id"`
	Kind      string  `json:"kind"`
	Name      string  `json:"name"`
	Relation  string  `json:"relation"`
	Custody   bool    `json:"custody"`
	Phone     string  `json:"phone"`
	Email     string  `json:"email"`
	Language  string  `json:"language"`
	BirthDate *string `json:"birth_date"`
	Notes     string  `json:"notes"`
}

type apiCaseManagers struct {
	KCT   *apiPersonOut `json:"kct"`
	Thuis *apiPersonOut `json:"thuis"`
}

type apiEpisodeOut struct {
	ReferralDate     *string `json:"referral_date"`
	ReferredBy       string  `json:"referred_by"`
	Reason           string  `json:"reason"`
	FactorWish       bool    `json:"factor_wish"`
	FactorComplexity bool    `json:"factor_complexity"`
	FactorCapacity   bool    `json:"factor_capacity"`
	SurpriseQuestion string  `json:"surprise_question"`
	Status           string  `json:"status"`
	StatusDate       *string `json:"status_date"`
	StatusNote       string  `json:"status_note"`
	DivisionOfTasks  string  `json:"division_of_tasks"`
}

type apiNetworkOut struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	Role             string `json:"role"`
	Organisation     string `json:"organisation"`
	Line             int    `json:"line"`
	Domain           string `json:"domain"`
	Phone            string `json:"phone"`
	Email            string `json:"email"`
	Reachability     string `json:"reachability"`
	AlwaysReachable  bool   `json:"always_reachable"`
	Responsibilities string `json:"responsibilities"`
	Bereavement      bool   `json:"bereavement"`
	// StartedOn and EndedOn are the period of involvement; null when not
	// known or not ended.
	StartedOn *string `json:"started_on"`
	EndedOn   *string `json:"ended_on"`
}

type apiIntensityOut struct {
	ID          int64         `json:"id"`
	Intensity   string        `json:"intensity"`
	NextContact *string       `json:"next_contact"`
	Reason      string        `json:"reason"`
	ChangedAt   *string       `json:"changed_at"`
	ChangedBy   *apiPersonOut `json:"changed_by"`
}

type apiContactOut struct {
	ID              int64         `json:"id"`
	Date            *string       `json:"date"`
	Kind            string        `json:"kind"`
	With            string        `json:"with"`
	Location        string        `json:"location"`
	DurationMin     int           `json:"duration_min"`
	TravelMin       int           `json:"travel_min"`
	RegistrationMin int           `json:"registration_min"`
	Topics          string        `json:"topics"`
	FollowUp        string        `json:"follow_up"`
	CreatedAt       *string       `json:"created_at"`
	CreatedBy       *apiPersonOut `json:"created_by"`
}

type apiTaskOut struct {
	ID        int64         `json:"id"`
	Title     string        `json:"title"`
	OwnerKind string        `json:"owner_kind"`
	OwnerName string        `json:"owner_name"`
	Owner     apiOwnerOut   `json:"owner"`
	DueDate   *string       `json:"due_date"`
	Status    string        `json:"status"`
	Overdue   bool          `json:"overdue"`
	DoneNote  string        `json:"done_note"`
	DoneAt    *string       `json:"done_at"`
	DoneBy    *apiPersonOut `json:"done_by"`
	CreatedAt *string       `json:"created_at"`
	CreatedBy *apiPersonOut `json:"created_by"`
}

// apiCreatedOut answers a create: the id of what was made.
type apiCreatedOut struct {
	ID int64 `json:"id"`
}

// apiFile converts a family file; today decides which tasks are overdue.
func apiFile(f *care.File, today time.Time) apiFileOut {
	fam := f.Family
	out := apiFileOut{
		Child: apiChildOut{
			ID: fam.ID, ChildName: fam.ChildName, BirthDate: apiDateOut(fam.BirthDate), Unborn: fam.Unborn, Sex: fam.Sex,
			BSN: apiNullable(fam.BSN), Diagnosis: fam.Diagnosis, ICD10: fam.ICD10,
			SecondaryDiagnoses: make([]apiDiagnosisOut, 0, len(fam.Secondary)),
			LivingSituation:    fam.LivingSituation, CultureNotes: fam.CultureNotes, Intensity: string(fam.Intensity),
			NextContact: apiDateOut(fam.NextContact), Summary: fam.Summary, Deceased: fam.Deceased, DeceasedOn: apiDateOut(fam.DeceasedOn), GPMissing: !f.HasGP(),
			CreatedAt: apiTimeOut(fam.CreatedAt), UpdatedAt: apiTimeOut(fam.UpdatedAt),
		},
		Members:          make([]apiMemberOut, 0, len(f.Members)),
		CaseManagers:     apiCaseManagers{KCT: apiPerson(f.CaseManagers.KCT), Thuis: apiPerson(f.CaseManagers.Thuis)},
		Network:          make([]apiNetworkOut, 0, len(f.Network)),
		EarlierNetwork:   make([]apiNetworkOut, 0, len(f.EarlierNetwork)),
		IntensityHistory: make([]apiIntensityOut, 0, len(f.Intensity)),
		Contacts:         make([]apiContactOut, 0, len(f.Contacts)),
		Tasks:            make([]apiTaskOut, 0, len(f.Tasks)),
	}
	for _, d := range fam.Secondary {
		out.Child.SecondaryDiagnoses = append(out.Child.SecondaryDiagnoses, apiDiagnosisOut{ID: d.ID, Description: d.Description, ICD10: d.ICD10})
	}
	for _, m := range f.Members {
		out.Members = append(out.Members, apiMemberOut{
			ID: m.ID, Kind: m.Kind, Name: m.Name, Relation: m.Relation, Custody: m.Custody, Phone: m.Phone,
			Email: m.Email, Language: m.Language, BirthDate: apiDateOut(m.BirthDate), Notes: m.Notes,
		})
	}
	if e := f.Episode; e != nil {
		out.Episode = &apiEpisodeOut{
			ReferralDate: apiDateOut(e.ReferralDate), ReferredBy: e.ReferredBy, Reason: e.Reason,
			FactorWish: e.FactorWish, FactorComplexity: e.FactorComplexity, FactorCapacity: e.FactorCapacity,
			SurpriseQuestion: e.SurpriseQuestion, Status: e.Status, StatusDate: apiDateOut(e.StatusDate),
			StatusNote: e.StatusNote, DivisionOfTasks: e.DivisionOfTasks,
		}
	}
	for _, n := range f.Network {
		out.Network = append(out.Network, apiNetwork(n))
	}
	for _, n := range f.EarlierNetwork {
		out.EarlierNetwork = append(out.EarlierNetwork, apiNetwork(n))
	}
	for _, c := range f.Intensity {
		out.IntensityHistory = append(out.IntensityHistory, apiIntensityOut{
			ID: c.ID, Intensity: string(c.Intensity), NextContact: apiDateOut(c.NextContact), Reason: c.Reason,
			ChangedAt: apiTimeOut(c.ChangedAt), ChangedBy: apiPerson(c.ChangedBy),
		})
	}
	for _, c := range f.Contacts {
		out.Contacts = append(out.Contacts, apiContact(c))
	}
	out.ContactCount, out.DoneTaskCount = f.ContactCount, f.DoneTaskCount
	for i := range f.Tasks {
		t := &f.Tasks[i]
		out.Tasks = append(out.Tasks, apiTaskOut{
			ID: t.ID, Title: t.Title, OwnerKind: t.OwnerKind, OwnerName: t.OwnerName, Owner: apiOwner(t), DueDate: apiDateOut(t.DueDate),
			Status: t.Status, Overdue: t.Overdue(today), DoneNote: t.DoneNote, DoneAt: apiTimeOut(t.DoneAt),
			DoneBy: apiPerson(t.DoneBy), CreatedAt: apiTimeOut(t.CreatedAt), CreatedBy: apiPerson(t.CreatedBy),
		})
	}
	return out
}

func apiNetwork(n care.NetworkMember) apiNetworkOut {
	return apiNetworkOut{
		ID: n.ID, Name: n.Name, Role: n.Role, Organisation: n.Organisation, Line: n.Line, Domain: n.Domain,
		Phone: n.Phone, Email: n.Email, Reachability: n.Reachability, AlwaysReachable: n.AlwaysReachable,
		Responsibilities: n.Responsibilities, Bereavement: n.Bereavement,
		StartedOn: apiDateOut(n.StartedOn), EndedOn: apiDateOut(n.EndedOn),
	}
}
