package fhir

import "github.com/spil-zorg/spil/internal/care"

// Aids and adaptations: each aid is a DeviceRequest on Spil's own profile
// (nl-core has no profile for the request of an aid; its MedicalDevice
// profiles describe a device in use, not its application), the documents
// attached to it DocumentReferences about it, with their content as a
// Binary, as the coverage plan's.

// ProfileSpilDeviceRequest is Spil's profile for an aid or adaptation.
const ProfileSpilDeviceRequest = SpilBase + "StructureDefinition/spil-DeviceRequest"

var (
	sysAid    = SpilSystem("NamingSystem", "aid")
	csAidKind = SpilSystem("CodeSystem", "aid-kind")
)

// DeviceRequest is an aid or home adaptation: its request and how far it
// got.
type DeviceRequest struct {
	Base
	Identifier          []Identifier    `json:"identifier,omitempty"`
	Status              string          `json:"status"`
	Intent              string          `json:"intent"`
	CodeCodeableConcept CodeableConcept `json:"codeCodeableConcept"`
	Subject             Reference       `json:"subject"`
	AuthoredOn          string          `json:"authoredOn,omitempty"`
	Performer           *Reference      `json:"performer,omitempty"`
	Note                []Annotation    `json:"note,omitempty"`
}

// aidStatuses maps an aid's status to DeviceRequest.status: while it
// waits (requested, assessed, granted, ordered) it is active, once
// delivered completed, refused or cancelled revoked. Spil's own status
// travels in the extension aid-status.
var aidStatuses = map[string]string{
	care.AidRequested: "active", care.AidAssessed: "active", care.AidGranted: "active", care.AidOrdered: "active",
	care.AidDelivered: "completed", care.AidRefused: "revoked", care.AidCancelled: "revoked",
}

// aidIntent is how far the request went: an order once the aid was
// ordered (or delivered), a plan once granted, else a proposal (requested,
// assessed, and a request refused or cancelled before it was granted).
func aidIntent(a care.Aid) string {
	switch {
	case a.Status == care.AidOrdered || a.Status == care.AidDelivered || !a.Ordered.IsZero():
		return "order"
	case a.Status == care.AidGranted || !a.Granted.IsZero():
		return "plan"
	}
	return "proposal"
}

func aidID(fam string, id int64) string { return scopedID("aid-", fam, id) }

func (x *exporter) aids() {
	for _, a := range x.in.Aids {
		r := &DeviceRequest{Status: aidStatuses[a.Status], Intent: aidIntent(a), Subject: x.patientRef(),
			AuthoredOn: fmtDate(a.Requested)}
		if r.Status == "" {
			r.Status = "unknown"
		}
		r.Identifier = []Identifier{{System: sysAid, Value: itoa(a.ID)}}
		r.CodeCodeableConcept.Text = a.Description
		if a.Kind != "" {
			r.CodeCodeableConcept.Coding = []Coding{{System: csAidKind, Code: a.Kind}}
		}
		if a.Supplier != "" {
			r.Performer = &Reference{Display: a.Supplier}
		}
		if a.Note != "" {
			r.Note = []Annotation{{Text: a.Note}}
		}
		e := &exts{}
		e.code("aid-status", a.Status)
		e.code("aid-via", a.Via)
		e.date("assessed-on", a.Assessed)
		e.date("granted-on", a.Granted)
		e.date("ordered-on", a.Ordered)
		e.date("delivered-on", a.Delivered)
		e.date("replace-by", a.ReplaceBy)
		e.instant("created", a.CreatedAt)
		e.person("created-by", a.CreatedBy.AccountID, a.CreatedBy.Name)
		x.corrections(e, care.CorrectAid, a.ID)
		x.add(r, "DeviceRequest", aidID(x.fam, a.ID), ProfileSpilDeviceRequest, e)
		related := []Reference{refv("DeviceRequest", aidID(x.fam, a.ID))}
		for _, d := range a.Documents {
			x.document(d, related)
		}
	}
}

func (m *importer) deviceRequest(r *DeviceRequest) {
	e := m.ext(r)
	a := care.Aid{ID: m.scopedID("aid-", r.ID), FamilyID: m.in.Family.ID, Description: r.CodeCodeableConcept.Text,
		Requested: parseTime(r.AuthoredOn, &m.err), Status: e.code("aid-status"), Via: e.code("aid-via"),
		Assessed: e.date("assessed-on"), Granted: e.date("granted-on"), Ordered: e.date("ordered-on"),
		Delivered: e.date("delivered-on"), ReplaceBy: e.date("replace-by"), CreatedAt: e.instant("created")}
	if len(r.CodeCodeableConcept.Coding) > 0 {
		a.Kind = r.CodeCodeableConcept.Coding[0].Code
	}
	if r.Performer != nil {
		a.Supplier = r.Performer.Display
	}
	if len(r.Note) > 0 {
		a.Note = r.Note[0].Text
	}
	a.CreatedBy.AccountID, a.CreatedBy.Name = e.person("created-by")
	m.readCorrections(e, care.CorrectAid, a.ID)
	m.in.Aids = append(m.in.Aids, a)
}
