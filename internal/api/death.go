package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The child's death and the aftercare, over the API: the death record
// with its history and the aftercare plan for the case managers; the
// family reads its aftercare plan. docs/api.md describes the shapes.

// apiDeathIn is POST /api/v1/families/{id}/death: the first record
// (corrects 0 or left out) or a correction of the record in force.
type apiDeathIn struct {
	DiedOn         string `json:"died_on"`
	DiedTime       string `json:"died_time"`
	Place          string `json:"place"`
	PlaceName      string `json:"place_name"`
	PreferredPlace string `json:"preferred_place"`
	PreferredMet   string `json:"preferred_met"`
	QualityNote    string `json:"quality_note"`
	Corrects       int64  `json:"corrects"`
	Reason         string `json:"reason"`
}

// apiDeathRecordOut is one death record.
type apiDeathRecordOut struct {
	ID             int64   `json:"id"`
	Corrects       *int64  `json:"corrects"`
	DiedOn         *string `json:"died_on"`
	DiedTime       *string `json:"died_time"`
	Place          string  `json:"place"`
	PlaceName      string  `json:"place_name"`
	PreferredKnown bool    `json:"preferred_known"`
	PreferredPlace *string `json:"preferred_place"`
	PreferredMet   *string `json:"preferred_met"`
	QualityNote    string  `json:"quality_note"`
	Reason         string  `json:"reason"`
	RecordedAt     *string `json:"recorded_at"`
	RecordedBy     string  `json:"recorded_by"`
}

// apiDeathOut is GET /api/v1/families/{id}/death: the record in force
// (null before the death is recorded), every record newest first, and
// the care plan's preferred place of death.
type apiDeathOut struct {
	Record            *apiDeathRecordOut  `json:"record"`
	History           []apiDeathRecordOut `json:"history"`
	PreferredFromPlan *string             `json:"preferred_from_plan"`
}

func apiDeathRecord(r *care.DeathRecord) apiDeathRecordOut {
	out := apiDeathRecordOut{ID: r.ID, DiedOn: apiDateOut(r.DiedOn), DiedTime: apiNullable(r.DiedTime), Place: r.Place,
		PlaceName: r.PlaceName, PreferredKnown: r.PreferredKnown(), PreferredPlace: apiNullable(r.PreferredPlace),
		PreferredMet: apiNullable(r.PreferredMet), QualityNote: r.QualityNote, Reason: r.Reason,
		RecordedAt: apiTimeOut(r.RecordedAt), RecordedBy: r.RecordedBy.Name}
	if r.Corrects != 0 {
		c := r.Corrects
		out.Corrects = &c
	}
	return out
}

// decodeDeathJSON reads POST /api/v1/families/{id}/death.
func decodeDeathJSON(b []byte) (care.DeathRecord, error) {
	var in apiDeathIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.DeathRecord{}, err
	}
	fe := care.FieldErrors{}
	r := care.DeathRecord{
		DiedOn: apiDate(fe, "died_on", in.DiedOn), DiedTime: strings.TrimSpace(in.DiedTime),
		Place: strings.TrimSpace(in.Place), PlaceName: strings.TrimSpace(in.PlaceName),
		PreferredPlace: strings.TrimSpace(in.PreferredPlace), PreferredMet: strings.TrimSpace(in.PreferredMet),
		QualityNote: strings.TrimSpace(in.QualityNote), Reason: strings.TrimSpace(in.Reason),
	}
	switch {
	case in.Corrects < 0:
		fe["corrects"] = "field.choose"
	default:
		r.Corrects = in.Corrects
	}
	return r, fe.OrNil()
}

// apiDeathRead is GET /api/v1/families/{id}/death.
func (s *Server) apiDeathRead(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	df, err := s.care.Death(r.Context(), s.actor(r), id)
	if err != nil {
		return err
	}
	out := apiDeathOut{History: make([]apiDeathRecordOut, 0, len(df.Records)), PreferredFromPlan: apiNullable(df.PlanPreferred)}
	for i := range df.Records {
		out.History = append(out.History, apiDeathRecord(&df.Records[i]))
	}
	if len(out.History) > 0 {
		out.Record = &out.History[0]
	}
	s.apiWriteJSON(w, r, http.StatusOK, out)
	return nil
}

// apiDeathCreate is POST /api/v1/families/{id}/death: the first record,
// or with corrects the id of the record in force, a correction. A second
// first record is refused (422); a correction of a record no longer in
// force is a conflict (409).
func (s *Server) apiDeathCreate(w http.ResponseWriter, r *http.Request) (int64, error) {
	return apiAdd(s, w, r, decodeDeathJSON, s.care.RecordDeath, func(x *care.DeathRecord) (*int64, *int64) { return &x.FamilyID, &x.ID })
}

// apiAftercarePersonIO is one line of the aftercare plan: for the parents
// (member_id null) or a brother or sister.
type apiAftercarePersonIO struct {
	MemberID        *int64 `json:"member_id"`
	MemberName      string `json:"member_name,omitempty"`
	NetworkMemberID *int64 `json:"network_member_id"`
	Supporter       string `json:"supporter"`
	SupporterPhone  string `json:"supporter_phone,omitempty"`
	Wishes          string `json:"wishes"`
}

// apiAftercareContactIO is one follow-up contact.
type apiAftercareContactIO struct {
	ID     int64   `json:"id"`
	DueOn  *string `json:"due_on"`
	Note   string  `json:"note"`
	Done   bool    `json:"done"`
	DoneOn *string `json:"done_on,omitempty"`
}

// apiAftercareIO is GET and PUT /api/v1/families/{id}/aftercare; on
// reading, next_contact is the earliest open follow-up contact.
type apiAftercareIO struct {
	People      []apiAftercarePersonIO  `json:"people"`
	Contacts    []apiAftercareContactIO `json:"contacts"`
	NextContact *string                 `json:"next_contact,omitempty"`
}

func apiIDOut(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func apiAftercare(a *care.Aftercare) apiAftercareIO {
	out := apiAftercareIO{People: make([]apiAftercarePersonIO, 0, len(a.People)), Contacts: make([]apiAftercareContactIO, 0, len(a.Contacts))}
	for _, p := range a.People {
		out.People = append(out.People, apiAftercarePersonIO{MemberID: apiIDOut(p.MemberID), MemberName: p.MemberName,
			NetworkMemberID: apiIDOut(p.NetworkID), Supporter: p.Supporter, SupporterPhone: p.SupporterPhone, Wishes: p.Wishes})
	}
	for _, c := range a.Contacts {
		out.Contacts = append(out.Contacts, apiAftercareContactIO{ID: c.ID, DueOn: apiDateOut(c.DueOn), Note: c.Note, Done: c.Done(),
			DoneOn: apiDateOut(c.DoneOn)})
	}
	if next := a.NextOpen(); next != nil {
		out.NextContact = apiDateOut(next.DueOn)
	}
	return out
}

// decodeAftercareJSON reads PUT /api/v1/families/{id}/aftercare: the
// plan as a whole; a contact left out is taken out of the plan.
func decodeAftercareJSON(b []byte) (care.Aftercare, error) {
	var in apiAftercareIO
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Aftercare{}, err
	}
	fe := care.FieldErrors{}
	var a care.Aftercare
	if len(in.People) > 30 {
		fe["people"] = "field.too_long"
	}
	if len(in.Contacts) > care.MaxAftercareContacts {
		fe["contacts"] = "aftercare.too_many"
	}
	if len(fe) > 0 {
		return a, fe
	}
	for i, p := range in.People {
		x := care.AftercarePerson{Supporter: p.Supporter, Wishes: p.Wishes}
		if p.MemberID != nil {
			if *p.MemberID <= 0 {
				fe["people."+strconv.Itoa(i)+".member_id"] = "field.choose"
			}
			x.MemberID = *p.MemberID
		}
		if p.NetworkMemberID != nil {
			if *p.NetworkMemberID <= 0 {
				fe["people."+strconv.Itoa(i)+".network_member_id"] = "field.choose"
			}
			x.NetworkID = *p.NetworkMemberID
		}
		a.People = append(a.People, x)
	}
	for i, c := range in.Contacts {
		x := care.AftercareContact{ID: c.ID, Note: c.Note}
		if c.ID < 0 {
			fe["contacts."+strconv.Itoa(i)+".id"] = "field.choose"
		}
		if c.DueOn != nil {
			x.DueOn = apiDate(fe, "contacts."+strconv.Itoa(i)+".due_on", *c.DueOn)
		}
		if c.Done {
			x.DoneOn = x.DueOn // marks it done; the service sets the day
			if x.DoneOn.IsZero() && !fe.Has("contacts."+strconv.Itoa(i)+".due_on") {
				fe["contacts."+strconv.Itoa(i)+".due_on"] = "field.required"
			}
		}
		a.Contacts = append(a.Contacts, x)
	}
	return a, fe.OrNil()
}

// apiAftercareRead is GET /api/v1/families/{id}/aftercare: for the case
// managers and the family.
func (s *Server) apiAftercareRead(w http.ResponseWriter, r *http.Request) error {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return err
	}
	actor := s.actor(r)
	a, err := s.care.AftercarePlan(r.Context(), actor, apiView(actor), id)
	if err != nil {
		return err
	}
	s.apiWriteJSON(w, r, http.StatusOK, apiAftercare(a))
	return nil
}

// apiAftercareUpdate is PUT /api/v1/families/{id}/aftercare.
func (s *Server) apiAftercareUpdate(w http.ResponseWriter, r *http.Request) (int64, error) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	b, err := apiBody(w, r)
	if err != nil {
		return 0, err
	}
	a, err := decodeAftercareJSON(b)
	if err != nil {
		return 0, err
	}
	return id, s.care.SaveAftercare(r.Context(), s.actor(r), id, &a)
}
