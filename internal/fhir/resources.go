package fhir

// Resource is a FHIR resource Spil emits.
type Resource interface {
	// Header is the part every resource has: type, id, meta, extensions.
	Header() *Base
}

// Base is what every resource Spil emits has. Binary, not a domain
// resource, leaves the extensions empty.
type Base struct {
	ResourceType      string      `json:"resourceType"`
	ID                string      `json:"id"`
	Meta              *Meta       `json:"meta,omitempty"`
	Extension         []Extension `json:"extension,omitempty"`
	ModifierExtension []Extension `json:"modifierExtension,omitempty"`
}

// Header returns the resource's Base.
func (b *Base) Header() *Base { return b }

// Patient is the child (nl-core-Patient).
type Patient struct {
	Base
	Identifier           []Identifier `json:"identifier,omitempty"`
	Name                 []HumanName  `json:"name,omitempty"`
	Gender               string       `json:"gender,omitempty"`
	GenderElement        *Element     `json:"_gender,omitempty"`
	BirthDate            string       `json:"birthDate,omitempty"`
	DeceasedBoolean      *bool        `json:"deceasedBoolean,omitempty"`
	DeceasedDateTime     string       `json:"deceasedDateTime,omitempty"`
	ManagingOrganization *Reference   `json:"managingOrganization,omitempty"`
}

// RelatedPerson is a family member (nl-core-ContactPerson).
type RelatedPerson struct {
	Base
	Identifier    []Identifier           `json:"identifier,omitempty"`
	Patient       Reference              `json:"patient"`
	Relationship  []CodeableConcept      `json:"relationship,omitempty"`
	Name          []HumanName            `json:"name,omitempty"`
	Telecom       []ContactPoint         `json:"telecom,omitempty"`
	BirthDate     string                 `json:"birthDate,omitempty"`
	Period        *Period                `json:"period,omitempty"`
	Communication []RelatedCommunication `json:"communication,omitempty"`
}

// RelatedCommunication is a language a related person speaks.
type RelatedCommunication struct {
	Language CodeableConcept `json:"language"`
}

// Practitioner is a health professional (nl-core-HealthProfessional-Practitioner).
type Practitioner struct {
	Base
	Identifier []Identifier `json:"identifier,omitempty"`
	Name       []HumanName  `json:"name,omitempty"`
}

// PractitionerRole is a professional in their role (nl-core-HealthProfessional-PractitionerRole).
type PractitionerRole struct {
	Base
	Identifier   []Identifier      `json:"identifier,omitempty"`
	Period       *Period           `json:"period,omitempty"`
	Practitioner *Reference        `json:"practitioner,omitempty"`
	Organization *Reference        `json:"organization,omitempty"`
	Code         []CodeableConcept `json:"code,omitempty"`
	Telecom      []ContactPoint    `json:"telecom,omitempty"`
	// AvailabilityExceptions is when and how to reach them, in words.
	AvailabilityExceptions string `json:"availabilityExceptions,omitempty"`
}

// Organization is a care organisation (nl-core-HealthcareProvider-Organization).
type Organization struct {
	Base
	Identifier []Identifier `json:"identifier,omitempty"`
	Name       string       `json:"name,omitempty"`
}

// CareTeam is the family's care team (nl-core-CareTeam).
type CareTeam struct {
	Base
	Identifier           []Identifier          `json:"identifier,omitempty"`
	Status               string                `json:"status,omitempty"`
	Name                 string                `json:"name,omitempty"`
	Subject              *Reference            `json:"subject,omitempty"`
	Participant          []CareTeamParticipant `json:"participant,omitempty"`
	ManagingOrganization []Reference           `json:"managingOrganization,omitempty"`
}

// CareTeamParticipant is one member of the care team.
type CareTeamParticipant struct {
	Role   []CodeableConcept `json:"role,omitempty"`
	Member *Reference        `json:"member,omitempty"`
	Period *Period           `json:"period,omitempty"`
}

// Condition is a diagnosis or a problem of the plan (nl-core-Problem).
type Condition struct {
	Base
	Identifier     []Identifier      `json:"identifier,omitempty"`
	ClinicalStatus *CodeableConcept  `json:"clinicalStatus,omitempty"`
	Category       []CodeableConcept `json:"category,omitempty"`
	Code           *CodeableConcept  `json:"code,omitempty"`
	Subject        Reference         `json:"subject"`
}

// Encounter is a contact, a stay, a meeting or a proactive care planning
// conversation (nl-core-Encounter, ACP-Encounter).
type Encounter struct {
	Base
	Identifier      []Identifier              `json:"identifier,omitempty"`
	Status          string                    `json:"status"`
	Class           Coding                    `json:"class"`
	Type            []CodeableConcept         `json:"type,omitempty"`
	Subject         *Reference                `json:"subject,omitempty"`
	EpisodeOfCare   []Reference               `json:"episodeOfCare,omitempty"`
	Participant     []EncounterParticipant    `json:"participant,omitempty"`
	Period          *Period                   `json:"period,omitempty"`
	Length          *Duration                 `json:"length,omitempty"`
	Hospitalization *EncounterHospitalization `json:"hospitalization,omitempty"`
	Location        []EncounterLocation       `json:"location,omitempty"`
}

// EncounterHospitalization says where a move comes from and goes to.
type EncounterHospitalization struct {
	Origin      *Reference `json:"origin,omitempty"`
	Destination *Reference `json:"destination,omitempty"`
}

// EncounterLocation is where an encounter takes place; Spil names the
// place in words, as the reference's display.
type EncounterLocation struct {
	Location Reference `json:"location"`
	Period   *Period   `json:"period,omitempty"`
}

// EncounterParticipant is someone at an encounter.
type EncounterParticipant struct {
	Individual *Reference `json:"individual,omitempty"`
}

// EpisodeOfCare is the family's case management.
type EpisodeOfCare struct {
	Base
	Identifier           []Identifier      `json:"identifier,omitempty"`
	Status               string            `json:"status"`
	Type                 []CodeableConcept `json:"type,omitempty"`
	Patient              Reference         `json:"patient"`
	ManagingOrganization *Reference        `json:"managingOrganization,omitempty"`
	Period               *Period           `json:"period,omitempty"`
	CareManager          *Reference        `json:"careManager,omitempty"`
	Team                 []Reference       `json:"team,omitempty"`
}

// Task is a task of the file.
type Task struct {
	Base
	Identifier      []Identifier     `json:"identifier,omitempty"`
	BasedOn         []Reference      `json:"basedOn,omitempty"`
	Status          string           `json:"status"`
	StatusReason    *CodeableConcept `json:"statusReason,omitempty"`
	Intent          string           `json:"intent"`
	Code            *CodeableConcept `json:"code,omitempty"`
	Description     string           `json:"description,omitempty"`
	Focus           *Reference       `json:"focus,omitempty"`
	For             *Reference       `json:"for,omitempty"`
	ExecutionPeriod *Period          `json:"executionPeriod,omitempty"`
	AuthoredOn      string           `json:"authoredOn,omitempty"`
	LastModified    string           `json:"lastModified,omitempty"`
	Requester       *Reference       `json:"requester,omitempty"`
	Owner           *Reference       `json:"owner,omitempty"`
	Note            []Annotation     `json:"note,omitempty"`
	Restriction     *TaskRestriction `json:"restriction,omitempty"`
	Input           []TaskInput      `json:"input,omitempty"`
}

// TaskInput is a named value a task carries: what a proposal proposes.
type TaskInput struct {
	Type        CodeableConcept `json:"type"`
	ValueString string          `json:"valueString"`
}

// TaskRestriction holds the due date.
type TaskRestriction struct {
	Period *Period `json:"period,omitempty"`
}

// CarePlan is the individual care plan (IZP).
type CarePlan struct {
	Base
	// Contained holds an earlier version's problems, goals and proactive
	// care planning (see plan_versions.go).
	Contained      Contained          `json:"contained,omitempty"`
	Identifier     []Identifier       `json:"identifier,omitempty"`
	Replaces       []Reference        `json:"replaces,omitempty"`
	Status         string             `json:"status"`
	Intent         string             `json:"intent"`
	Category       []CodeableConcept  `json:"category,omitempty"`
	Title          string             `json:"title,omitempty"`
	Description    string             `json:"description,omitempty"`
	Subject        Reference          `json:"subject"`
	Created        string             `json:"created,omitempty"`
	Author         *Reference         `json:"author,omitempty"`
	CareTeam       []Reference        `json:"careTeam,omitempty"`
	Addresses      []Reference        `json:"addresses,omitempty"`
	SupportingInfo []Reference        `json:"supportingInfo,omitempty"`
	Goal           []Reference        `json:"goal,omitempty"`
	Activity       []CarePlanActivity `json:"activity,omitempty"`
}

// CarePlanActivity is an action (a Task) or an agreement of the plan.
type CarePlanActivity struct {
	Extension []Extension     `json:"extension,omitempty"`
	Reference *Reference      `json:"reference,omitempty"`
	Detail    *ActivityDetail `json:"detail,omitempty"`
}

// ActivityDetail is an agreement of the plan, in words.
type ActivityDetail struct {
	Status      string      `json:"status"`
	Performer   []Reference `json:"performer,omitempty"`
	Description string      `json:"description,omitempty"`
}

// Goal is a goal of the plan (nl-core-TreatmentObjective).
type Goal struct {
	Base
	Identifier      []Identifier    `json:"identifier,omitempty"`
	LifecycleStatus string          `json:"lifecycleStatus"`
	Description     CodeableConcept `json:"description"`
	Subject         Reference       `json:"subject"`
}

// Consent is a treatment directive (ACP-TreatmentDirective) or a
// family's consent for one provider (patient-privacy).
type Consent struct {
	Base
	Identifier []Identifier      `json:"identifier,omitempty"`
	Status     string            `json:"status"`
	Scope      CodeableConcept   `json:"scope"`
	Category   []CodeableConcept `json:"category"`
	Patient    *Reference        `json:"patient,omitempty"`
	DateTime   string            `json:"dateTime,omitempty"`
	Performer  []Reference       `json:"performer,omitempty"`
	Policy     []ConsentPolicy   `json:"policy,omitempty"`
	Provision  *Provision        `json:"provision,omitempty"`
}

// ConsentPolicy names the law a consent follows.
type ConsentPolicy struct {
	URI string `json:"uri,omitempty"`
}

// Provision is what a consent permits or denies.
type Provision struct {
	Extension []Extension       `json:"extension,omitempty"`
	Type      string            `json:"type,omitempty"`
	Actor     []ProvisionActor  `json:"actor,omitempty"`
	Code      []CodeableConcept `json:"code,omitempty"`
}

// ProvisionActor is who a provision is about.
type ProvisionActor struct {
	Role      CodeableConcept `json:"role"`
	Reference Reference       `json:"reference"`
}

// Observation is a proactive care planning answer: the preferred place of
// death, specific care wishes, other important information.
type Observation struct {
	Base
	Identifier           []Identifier     `json:"identifier,omitempty"`
	Status               string           `json:"status"`
	Code                 CodeableConcept  `json:"code"`
	Subject              *Reference       `json:"subject,omitempty"`
	EffectiveDateTime    string           `json:"effectiveDateTime,omitempty"`
	ValueString          *string          `json:"valueString,omitempty"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
	DataAbsentReason     *CodeableConcept `json:"dataAbsentReason,omitempty"`
	Note                 []Annotation     `json:"note,omitempty"`
	Method               *CodeableConcept `json:"method,omitempty"`
}

// Communication is the minutes of a multidisciplinary meeting, a note
// or a message of a conversation.
type Communication struct {
	Base
	Identifier []Identifier           `json:"identifier,omitempty"`
	Status     string                 `json:"status"`
	Subject    *Reference             `json:"subject,omitempty"`
	Encounter  *Reference             `json:"encounter,omitempty"`
	Sent       string                 `json:"sent,omitempty"`
	Sender     *Reference             `json:"sender,omitempty"`
	Payload    []CommunicationPayload `json:"payload,omitempty"`
	// InReplyTo, Category and Topic: see notes.go and threads.go.
	InReplyTo []Reference       `json:"inResponseTo,omitempty"`
	Category  []CodeableConcept `json:"category,omitempty"`
	Topic     *CodeableConcept  `json:"topic,omitempty"`
}

// CommunicationPayload is one text of a communication.
type CommunicationPayload struct {
	ContentString string `json:"contentString"`
}

// Procedure is a proactive care planning conversation (ACP-Procedure).
type Procedure struct {
	Base
	Identifier      []Identifier    `json:"identifier,omitempty"`
	Status          string          `json:"status"`
	Code            CodeableConcept `json:"code"`
	Subject         Reference       `json:"subject"`
	Encounter       *Reference      `json:"encounter,omitempty"`
	PerformedPeriod *Period         `json:"performedPeriod,omitempty"`
	Note            []Annotation    `json:"note,omitempty"`
}

// Coverage is one indication or renewal of a piece of care or support:
// who pays for it, under which law, for how long.
type Coverage struct {
	Base
	Identifier  []Identifier     `json:"identifier,omitempty"`
	Status      string           `json:"status"`
	Type        *CodeableConcept `json:"type,omitempty"`
	Beneficiary Reference        `json:"beneficiary"`
	Period      *Period          `json:"period,omitempty"`
	Payor       []Reference      `json:"payor"`
}

// DocumentReference is a document of the file, without its content.
type DocumentReference struct {
	Base
	Identifier []Identifier      `json:"identifier,omitempty"`
	Status     string            `json:"status"`
	Subject    *Reference        `json:"subject,omitempty"`
	Date       string            `json:"date,omitempty"`
	Content    []DocumentContent `json:"content"`
	Context    *DocumentContext  `json:"context,omitempty"`
}

// DocumentContent describes the document's content.
type DocumentContent struct {
	Attachment Attachment `json:"attachment"`
}

// DocumentContext is what the document is about.
type DocumentContext struct {
	Related []Reference `json:"related,omitempty"`
}

// Binary is the content of a document.
type Binary struct {
	Base
	ContentType string `json:"contentType"`
	Data        []byte `json:"data,omitempty"`
}
