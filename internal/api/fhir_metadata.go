package api

import (
	"net/http"
	"slices"

	"github.com/spil-zorg/spil/internal/fhir"
)

// fhirProfiles are the resource types the FHIR API serves, with the
// profiles the export writes them on.
var fhirProfiles = map[string][]string{
	"Patient":           {fhir.ProfilePatient},
	"RelatedPerson":     {fhir.ProfileContactPerson},
	"Practitioner":      {fhir.ProfilePractitioner},
	"PractitionerRole":  {fhir.ProfilePractitionerRole},
	"Organization":      {fhir.ProfileOrganization},
	"CareTeam":          {fhir.ProfileCareTeam},
	"EpisodeOfCare":     {fhir.ProfileSpilEpisodeOfCare},
	"Condition":         {fhir.ProfileProblem},
	"Encounter":         {fhir.ProfileEncounter, fhir.ProfileACPEncounter},
	"Task":              {fhir.ProfileSpilTask, fhir.ProfileSpilAftercareContact, fhir.ProfileSpilPlanProposal, fhir.ProfileSpilFamilyProposal},
	"CarePlan":          {fhir.ProfileSpilCarePlan, fhir.ProfileSpilCarePlanVersion, fhir.ProfileSpilAftercarePlan},
	"Goal":              {fhir.ProfileTreatmentObj},
	"Procedure":         {fhir.ProfileACPProcedure},
	"Consent":           {fhir.ProfileSpilProviderConsent, fhir.ProfileACPTreatmentDirective},
	"Observation":       {fhir.ProfileACPPlaceOfDeath, fhir.ProfileACPCareWishes, fhir.ProfileACPOtherInfo},
	"Communication":     {fhir.ProfileSpilMinutes, fhir.ProfileSpilNote, fhir.ProfileSpilMessage},
	"Coverage":          {fhir.ProfileSpilCoverage},
	"DocumentReference": {fhir.ProfileSpilDocument},
	"Binary":            {fhir.ProfileSpilBinary},
	"DeviceRequest":     {fhir.ProfileSpilDeviceRequest},
}

// fhirParamTypes are the FHIR types of the search parameters.
var fhirParamTypes = map[string]string{"patient": "reference", "scope": "token", "category": "token", "code": "token", "identifier": "token"}

type fhirCapability struct {
	ResourceType string        `json:"resourceType"`
	Status       string        `json:"status"`
	Date         string        `json:"date"`
	Kind         string        `json:"kind"`
	Software     fhirSoftware  `json:"software"`
	FHIRVersion  string        `json:"fhirVersion"`
	Format       []string      `json:"format"`
	Rest         []fhirCapRest `json:"rest"`
}

type fhirSoftware struct {
	Name string `json:"name"`
}

type fhirCapRest struct {
	Mode     string            `json:"mode"`
	Resource []fhirCapResource `json:"resource"`
}

type fhirCapResource struct {
	Type             string         `json:"type"`
	SupportedProfile []string       `json:"supportedProfile"`
	Interaction      []fhirCapCode  `json:"interaction"`
	SearchParam      []fhirCapParam `json:"searchParam,omitempty"`
	Operation        []fhirCapOp    `json:"operation,omitempty"`
}

type fhirCapCode struct {
	Code string `json:"code"`
}

type fhirCapParam struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

type fhirCapOp struct {
	Name       string `json:"name"`
	Definition string `json:"definition"`
}

// fhirMetadata answers the CapabilityStatement: exactly the resource
// types, profiles, searches and the one operation the API serves. It
// reads no family and leaves no audit record.
func (s *Server) fhirMetadata(w http.ResponseWriter, r *http.Request) error {
	var types []string
	for t := range fhirProfiles {
		types = append(types, t)
	}
	slices.Sort(types)
	rest := fhirCapRest{Mode: "server"}
	for _, t := range types {
		res := fhirCapResource{Type: t, SupportedProfile: fhirProfiles[t], Interaction: []fhirCapCode{{"read"}}}
		if extra, ok := fhirSearchParams[t]; ok {
			res.Interaction = append(res.Interaction, fhirCapCode{"search-type"})
			for _, p := range append([]string{"patient"}, extra...) {
				res.SearchParam = append(res.SearchParam, fhirCapParam{Name: p, Type: fhirParamTypes[p]})
			}
		}
		if t == "Patient" {
			res.Interaction = append(res.Interaction, fhirCapCode{"search-type"})
			res.SearchParam = []fhirCapParam{{Name: "identifier", Type: "token"}}
			res.Operation = []fhirCapOp{{Name: "everything", Definition: "http://hl7.org/fhir/OperationDefinition/Patient-everything"}}
		}
		rest.Resource = append(rest.Resource, res)
	}
	s.fhirWrite(w, r, http.StatusOK, fhirCapability{
		ResourceType: "CapabilityStatement", Status: "active", Date: s.cfg.Now().UTC().Format("2006-01-02"), Kind: "instance",
		Software: fhirSoftware{Name: "Spil"}, FHIRVersion: "4.0.1", Format: []string{"application/fhir+json"},
		Rest: []fhirCapRest{rest},
	})
	return nil
}
