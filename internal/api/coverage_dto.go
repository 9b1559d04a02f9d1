package api

import (
	"errors"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// The coverage plan in the API: the request bodies and the answer of
// GET /api/v1/families/{id}/coverage. docs/api.md describes the shapes.

// apiMaxGoals bounds the care plan goals one item serves.
const apiMaxGoals = 50

// apiPeriodIn is a period of an item: its first with a new item, the
// current one with a correction, a new one with a renewal.
type apiPeriodIn struct {
	Law              string  `json:"law"`
	Form             string  `json:"form"`
	Status           string  `json:"status"`
	HoursPerWeek     float64 `json:"hours_per_week"`
	AmountCents      int64   `json:"amount_cents"`
	Reference        string  `json:"reference"`
	IndicatedBy      string  `json:"indicated_by"`
	Start            string  `json:"start"`
	End              string  `json:"end"`
	AppliedOn        string  `json:"applied_on"`
	DecidedOn        string  `json:"decided_on"`
	ObjectionFiledOn string  `json:"objection_filed_on"`
	ObjectionDue     string  `json:"objection_due"`
	Note             string  `json:"note"`
}

// apiCoverageIn is an item with its period, for a new item and a
// correction: the item's own members and those of the period, in one
// object.
type apiCoverageIn struct {
	Kind            string   `json:"kind"`
	Description     string   `json:"description"`
	NetworkMemberID int64    `json:"network_member_id"`
	ProviderName    string   `json:"provider_name"`
	Applicant       string   `json:"applicant"`
	Goals           []string `json:"goals"`
	apiPeriodIn
}

// apiAidIn is an aid or home adaptation, for a new aid and a correction.
type apiAidIn struct {
	Kind        string `json:"kind"`
	Description string `json:"description"`
	Via         string `json:"via"`
	Supplier    string `json:"supplier"`
	Status      string `json:"status"`
	Requested   string `json:"requested"`
	Assessed    string `json:"assessed"`
	Granted     string `json:"granted"`
	Ordered     string `json:"ordered"`
	Delivered   string `json:"delivered"`
	ReplaceBy   string `json:"replace_by"`
	Note        string `json:"note"`
}

// apiCoverageFieldNames renames the care field keys of the coverage plan
// whose request member has another name, so that every key in "fields"
// names a member of the request body.
var apiCoverageFieldNames = map[string]string{
	"hours":          "hours_per_week",
	"amount":         "amount_cents",
	"period_note":    "note",
	"network_member": "network_member_id",
}

// apiCoverageFields renames the field keys of err, when it has field
// errors, to the request's members; any other error is returned as it is.
func apiCoverageFields(err error) error {
	var fe care.FieldErrors
	if !errors.As(err, &fe) {
		return err
	}
	out := make(care.FieldErrors, len(fe))
	for k, v := range fe {
		if n, ok := apiCoverageFieldNames[k]; ok {
			k = n
		}
		out[k] = v
	}
	return out
}

func (in *apiPeriodIn) period(fe care.FieldErrors) care.CoveragePeriod {
	return care.CoveragePeriod{
		Law:              strings.TrimSpace(in.Law),
		Form:             strings.TrimSpace(in.Form),
		Status:           strings.TrimSpace(in.Status),
		HoursPerWeek:     in.HoursPerWeek,
		AmountCents:      in.AmountCents,
		Reference:        strings.TrimSpace(in.Reference),
		IndicatedBy:      strings.TrimSpace(in.IndicatedBy),
		Start:            apiDate(fe, "start", in.Start),
		End:              apiDate(fe, "end", in.End),
		AppliedOn:        apiDate(fe, "applied_on", in.AppliedOn),
		DecidedOn:        apiDate(fe, "decided_on", in.DecidedOn),
		ObjectionFiledOn: apiDate(fe, "objection_filed_on", in.ObjectionFiledOn),
		ObjectionDue:     apiDate(fe, "objection_due", in.ObjectionDue),
		Note:             strings.TrimSpace(in.Note),
	}
}

// decodeCoverageJSON reads POST /api/v1/families/{id}/coverage and
// PUT …/coverage/{cid}: the item and its period.
func decodeCoverageJSON(b []byte) (care.CoverageItem, care.CoveragePeriod, error) {
	var in apiCoverageIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.CoverageItem{}, care.CoveragePeriod{}, err
	}
	fe := care.FieldErrors{}
	c := care.CoverageItem{
		Kind:            strings.TrimSpace(in.Kind),
		Description:     strings.TrimSpace(in.Description),
		NetworkMemberID: in.NetworkMemberID,
		ProviderName:    strings.TrimSpace(in.ProviderName),
		Applicant:       strings.TrimSpace(in.Applicant),
	}
	if in.NetworkMemberID < 0 {
		fe["network_member_id"] = "field.choose"
	}
	if len(in.Goals) > apiMaxGoals {
		fe["goals"] = "field.too_long"
	} else {
		for _, g := range in.Goals {
			c.Goals = append(c.Goals, strings.TrimSpace(g))
		}
	}
	p := in.period(fe)
	return c, p, fe.OrNil()
}

// decodePeriodJSON reads POST /api/v1/families/{id}/coverage/{cid}/periods:
// a renewal.
func decodePeriodJSON(b []byte) (care.CoveragePeriod, error) {
	var in apiPeriodIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.CoveragePeriod{}, err
	}
	fe := care.FieldErrors{}
	p := in.period(fe)
	return p, fe.OrNil()
}

// decodeAidJSON reads POST /api/v1/families/{id}/aids and PUT …/aids/{aid}.
func decodeAidJSON(b []byte) (care.Aid, error) {
	var in apiAidIn
	if err := apiDecodeObject(b, &in); err != nil {
		return care.Aid{}, err
	}
	fe := care.FieldErrors{}
	a := care.Aid{
		Kind:        strings.TrimSpace(in.Kind),
		Description: strings.TrimSpace(in.Description),
		Via:         strings.TrimSpace(in.Via),
		Supplier:    strings.TrimSpace(in.Supplier),
		Status:      strings.TrimSpace(in.Status),
		Requested:   apiDate(fe, "requested", in.Requested),
		Assessed:    apiDate(fe, "assessed", in.Assessed),
		Granted:     apiDate(fe, "granted", in.Granted),
		Ordered:     apiDate(fe, "ordered", in.Ordered),
		Delivered:   apiDate(fe, "delivered", in.Delivered),
		ReplaceBy:   apiDate(fe, "replace_by", in.ReplaceBy),
		Note:        strings.TrimSpace(in.Note),
	}
	return a, fe.OrNil()
}

// apiCoverageOut is GET /api/v1/families/{id}/coverage.
type apiCoverageOut struct {
	WindowWeeks int                `json:"window_weeks"`
	Summary     apiCoverageSummary `json:"summary"`
	Items       []apiCoverageItem  `json:"items"`
	Aids        []apiAidOut        `json:"aids"`
}

type apiCoverageSummary struct {
	Ending        int `json:"ending"`
	Lapsed        int `json:"lapsed"`
	ObjectionsDue int `json:"objections_due"`
	AidsWaiting   int `json:"aids_waiting"`
}

type apiCoverageItem struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	Description string `json:"description"`
	// Law to Reference are the current period's.
	Law          string  `json:"law"`
	Form         string  `json:"form"`
	Status       string  `json:"status"`
	State        string  `json:"state"`
	Start        *string `json:"start"`
	End          *string `json:"end"`
	EndsAt18     bool    `json:"ends_at_18"`
	HoursPerWeek float64 `json:"hours_per_week"`
	HoursCut     bool    `json:"hours_cut"`
	AmountCents  int64   `json:"amount_cents"`
	Reference    string  `json:"reference"`
	IndicatedBy  *string `json:"indicated_by"`
	// ObjectionDue is set while an objection runs.
	ObjectionDue *string             `json:"objection_due"`
	Applicant    string              `json:"applicant"`
	Provider     apiCoverageProvider `json:"provider"`
	Goals        []apiCoverageGoal   `json:"goals"`
	Periods      []apiPeriodOut      `json:"periods"`
	CreatedAt    *string             `json:"created_at"`
	CreatedBy    *apiPersonOut       `json:"created_by"`
}

type apiCoverageProvider struct {
	Name            string `json:"name"`
	NetworkMemberID *int64 `json:"network_member_id"`
}

type apiCoverageGoal struct {
	ID string `json:"id"`
	// Text is null when the care plan no longer has the goal.
	Text *string `json:"text"`
}

type apiPeriodOut struct {
	ID               int64         `json:"id"`
	Law              string        `json:"law"`
	Form             string        `json:"form"`
	Status           string        `json:"status"`
	HoursPerWeek     float64       `json:"hours_per_week"`
	AmountCents      int64         `json:"amount_cents"`
	Reference        string        `json:"reference"`
	IndicatedBy      *string       `json:"indicated_by"`
	Start            *string       `json:"start"`
	End              *string       `json:"end"`
	AppliedOn        *string       `json:"applied_on"`
	DecidedOn        *string       `json:"decided_on"`
	ObjectionFiledOn *string       `json:"objection_filed_on"`
	ObjectionDue     *string       `json:"objection_due"`
	Note             string        `json:"note"`
	CreatedAt        *string       `json:"created_at"`
	CreatedBy        *apiPersonOut `json:"created_by"`
}

type apiAidOut struct {
	ID             int64         `json:"id"`
	Kind           string        `json:"kind"`
	Description    string        `json:"description"`
	Via            string        `json:"via"`
	Supplier       string        `json:"supplier"`
	Status         string        `json:"status"`
	Requested      *string       `json:"requested"`
	Assessed       *string       `json:"assessed"`
	Granted        *string       `json:"granted"`
	Ordered        *string       `json:"ordered"`
	Delivered      *string       `json:"delivered"`
	ReplaceBy      *string       `json:"replace_by"`
	WaitingDays    int           `json:"waiting_days"`
	WaitingTooLong bool          `json:"waiting_too_long"`
	Note           string        `json:"note"`
	CreatedAt      *string       `json:"created_at"`
	CreatedBy      *apiPersonOut `json:"created_by"`
}

// apiCoverage converts the coverage plan as the service gave it to the
// caller; states, ends and waiting are judged on the file's day.
func apiCoverage(cf *care.CoverageFile) apiCoverageOut {
	out := apiCoverageOut{
		WindowWeeks: cf.WindowWeeks,
		Summary: apiCoverageSummary{Ending: cf.Summary.Ending, Lapsed: cf.Summary.Lapsed,
			ObjectionsDue: cf.Summary.ObjectionsDue, AidsWaiting: cf.Summary.AidsWaiting},
		Items: make([]apiCoverageItem, 0, len(cf.Items)),
		Aids:  make([]apiAidOut, 0, len(cf.Aids)),
	}
	for i := range cf.Items {
		out.Items = append(out.Items, apiCoverageItemOut(cf, &cf.Items[i]))
	}
	for i := range cf.Aids {
		a := &cf.Aids[i]
		out.Aids = append(out.Aids, apiAidOut{
			ID: a.ID, Kind: a.Kind, Description: a.Description, Via: a.Via, Supplier: a.Supplier, Status: a.Status,
			Requested: apiDateOut(a.Requested), Assessed: apiDateOut(a.Assessed), Granted: apiDateOut(a.Granted),
			Ordered: apiDateOut(a.Ordered), Delivered: apiDateOut(a.Delivered), ReplaceBy: apiDateOut(a.ReplaceBy),
			WaitingDays: a.WaitingDays(cf.Today), WaitingTooLong: a.WaitingTooLong(cf.Today), Note: a.Note,
			CreatedAt: apiTimeOut(a.CreatedAt), CreatedBy: apiPerson(a.CreatedBy),
		})
	}
	return out
}

func apiCoverageItemOut(cf *care.CoverageFile, c *care.CoverageItem) apiCoverageItem {
	p := c.Current()
	out := apiCoverageItem{
		ID: c.ID, Kind: c.Kind, Description: c.Description,
		Law: p.Law, Form: p.Form, Status: p.Status, State: string(cf.StateOf(c)),
		Start: apiDateOut(p.Start), End: apiDateOut(cf.EndOf(c)), EndsAt18: cf.AtEighteen(c),
		HoursPerWeek: p.HoursPerWeek, HoursCut: c.HoursCut(), AmountCents: p.AmountCents, Reference: p.Reference,
		IndicatedBy: apiNullable(p.IndicatedBy), Applicant: c.Applicant,
		Provider:  apiCoverageProvider{Name: c.ProviderName},
		Goals:     make([]apiCoverageGoal, 0, len(c.Goals)),
		Periods:   make([]apiPeriodOut, 0, len(c.Periods)),
		CreatedAt: apiTimeOut(c.CreatedAt), CreatedBy: apiPerson(c.CreatedBy),
	}
	if p.Status == care.CoverageObjection {
		out.ObjectionDue = apiDateOut(p.ObjectionDue)
	}
	if c.NetworkMemberID != 0 {
		id := c.NetworkMemberID
		out.Provider.NetworkMemberID = &id
	}
	for _, g := range c.Goals {
		out.Goals = append(out.Goals, apiCoverageGoal{ID: g, Text: apiNullable(cf.GoalText(g))})
	}
	for _, q := range c.Periods {
		out.Periods = append(out.Periods, apiPeriodOut{
			ID: q.ID, Law: q.Law, Form: q.Form, Status: q.Status, HoursPerWeek: q.HoursPerWeek, AmountCents: q.AmountCents,
			Reference: q.Reference, IndicatedBy: apiNullable(q.IndicatedBy), Start: apiDateOut(q.Start), End: apiDateOut(q.End),
			AppliedOn: apiDateOut(q.AppliedOn), DecidedOn: apiDateOut(q.DecidedOn),
			ObjectionFiledOn: apiDateOut(q.ObjectionFiledOn), ObjectionDue: apiDateOut(q.ObjectionDue), Note: q.Note,
			CreatedAt: apiTimeOut(q.CreatedAt), CreatedBy: apiPerson(q.CreatedBy),
		})
	}
	return out
}
