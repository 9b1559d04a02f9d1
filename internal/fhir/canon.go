package fhir

// The profile versions the export follows. Both are beta: a new version
// is a new mapping, checked again against docs/fhir.md.
const (
	NLCoreVersion = "0.12.0-beta.4" // nictiz.fhir.nl.r4.nl-core
	PZPVersion    = "0.1.3-beta3"   // iknl.fhir.r4.pzp
)

// Profile canonicals of nl-core (Nictiz, zib 2020) and PZP (IKNL).
const (
	nictiz = "http://nictiz.nl/fhir/StructureDefinition/"
	iknl   = "https://fhir.iknl.nl/fhir/StructureDefinition/"

	ProfilePatient          = nictiz + "nl-core-Patient"
	ProfileContactPerson    = nictiz + "nl-core-ContactPerson"
	ProfilePractitioner     = nictiz + "nl-core-HealthProfessional-Practitioner"
	ProfilePractitionerRole = nictiz + "nl-core-HealthProfessional-PractitionerRole"
	ProfileOrganization     = nictiz + "nl-core-HealthcareProvider-Organization"
	ProfileCareTeam         = nictiz + "nl-core-CareTeam"
	ProfileProblem          = nictiz + "nl-core-Problem"
	ProfileEncounter        = nictiz + "nl-core-Encounter"
	ProfileTreatmentObj     = nictiz + "nl-core-TreatmentObjective"

	ProfileACPTreatmentDirective = iknl + "ACP-TreatmentDirective"
	ProfileACPPlaceOfDeath       = iknl + "ACP-PreferredPlaceOfDeath"
	ProfileACPProcedure          = iknl + "ACP-Procedure"
	ProfileACPEncounter          = iknl + "ACP-Encounter"
	ProfileACPCareWishes         = iknl + "ACP-SpecificCareWishes"
	ProfileACPOtherInfo          = iknl + "ACP-OtherImportantInformation"
)

// SpilBase is the one canonical base of everything Spil defines itself:
// extensions, profiles for resources no Dutch profile covers, naming
// systems for Spil's own ids and code systems for Spil's own choices.
const SpilBase = "https://spil-zorg.github.io/fhir/"

// Spil's own profiles, for the resources without an nl-core or PZP profile.
const (
	ProfileSpilEpisodeOfCare   = SpilBase + "StructureDefinition/spil-EpisodeOfCare"
	ProfileSpilTask            = SpilBase + "StructureDefinition/spil-Task"
	ProfileSpilCarePlan        = SpilBase + "StructureDefinition/spil-CarePlan"
	ProfileSpilProviderConsent = SpilBase + "StructureDefinition/spil-ProviderConsent"
	ProfileSpilMinutes         = SpilBase + "StructureDefinition/spil-MeetingMinutes"
	ProfileSpilCoverage        = SpilBase + "StructureDefinition/spil-Coverage"
	ProfileSpilDocument        = SpilBase + "StructureDefinition/spil-DocumentReference"
	ProfileSpilBinary          = SpilBase + "StructureDefinition/spil-Binary"
)

// SpilExt returns the canonical of Spil's extension name.
func SpilExt(name string) string { return SpilBase + "StructureDefinition/" + name }

// SpilSystem returns the naming or code system of Spil's name.
func SpilSystem(kind, name string) string { return SpilBase + kind + "/" + name }

// Naming systems of Spil's own identifiers.
var (
	sysFamily        = SpilSystem("NamingSystem", "family")
	sysMember        = SpilSystem("NamingSystem", "member")
	sysNetworkMember = SpilSystem("NamingSystem", "network-member")
	sysAccount       = SpilSystem("NamingSystem", "account")
	sysOrganisation  = SpilSystem("NamingSystem", "organisation")
	sysContact       = SpilSystem("NamingSystem", "contact")
	sysTask          = SpilSystem("NamingSystem", "task")
	sysPlanItem      = SpilSystem("NamingSystem", "plan-item")
	sysConsent       = SpilSystem("NamingSystem", "consent")
	sysStay          = SpilSystem("NamingSystem", "stay")
	sysTransfer      = SpilSystem("NamingSystem", "transfer")
	sysMeeting       = SpilSystem("NamingSystem", "meeting")
	sysCoverage      = SpilSystem("NamingSystem", "coverage-period")
	sysDocument      = SpilSystem("NamingSystem", "document")
)

// Code systems: Spil's own, and the ones the profiles bind.
var (
	csNetworkRole    = SpilSystem("CodeSystem", "network-role")
	csCaseManager    = SpilSystem("CodeSystem", "case-manager-kind")
	csContactKind    = SpilSystem("CodeSystem", "contact-kind")
	csDiagnosisRole  = SpilSystem("CodeSystem", "diagnosis-role")
	csStayKind       = SpilSystem("CodeSystem", "stay-kind")
	csEncounterKind  = SpilSystem("CodeSystem", "encounter-kind")
	csMeetingPurpose = SpilSystem("CodeSystem", "meeting-purpose")
	csCoverageLaw    = SpilSystem("CodeSystem", "coverage-law")
)

// External systems.
const (
	SystemBSN        = "http://fhir.nl/fhir/NamingSystem/bsn"
	SystemURA        = "http://fhir.nl/fhir/NamingSystem/ura"
	SystemICD10NL    = "http://hl7.org/fhir/sid/icd-10-nl"
	SystemSNOMED     = "http://snomed.info/sct"
	SystemNullFlavor = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor"
	SystemV3Gender   = "http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender"
	SystemRoleCode   = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
	SystemActCode    = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	SystemAbsent     = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
	SystemConsentScp = "http://terminology.hl7.org/CodeSystem/consentscope"
	SystemActReason  = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
	SystemPartType   = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
	SystemLOINC      = "http://loinc.org"
	SystemCondCat    = "http://terminology.hl7.org/CodeSystem/condition-category"
	SystemCondClin   = "http://terminology.hl7.org/CodeSystem/condition-clinical"
	SystemUCUM       = "http://unitsofmeasure.org"
	// SystemRolCodelijst is the zib RolCodelijst's system (contact person
	// roles); code 24 is the legal representative.
	SystemRolCodelijst = "urn:oid:2.16.840.1.113883.2.4.3.11.22.472"
)

// Extensions of the profiles.
const (
	ExtCodeSpecification  = "http://nictiz.nl/fhir/StructureDefinition/ext-CodeSpecification"
	ExtSpecificationOther = "http://nictiz.nl/fhir/StructureDefinition/ext-TreatmentDirective2.SpecificationOther"
	ExtComment            = "http://nictiz.nl/fhir/StructureDefinition/ext-Comment"
	ExtEncounterRef       = iknl + "ext-EncounterReference"
)
