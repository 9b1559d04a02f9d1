package fhir

import (
	"context"
	"slices"

	"github.com/spil-zorg/spil/internal/care"
)

// typeParts are the parts of the file (besides its core) each resource
// type is written from: a read or search of the type reads those alone,
// and writes the type's resources exactly as the whole file does.
// TestPartsFor checks this on every demo family.
var typeParts = map[string]care.ExportParts{
	"Patient":          care.ExportIntensity | care.ExportTransition,
	"RelatedPerson":    care.ExportCorrections,
	"Practitioner":     care.ExportCore,
	"PractitionerRole": care.ExportCorrections,
	"Organization":     care.ExportCore,
	"CareTeam":         care.ExportCore,
	"EpisodeOfCare":    care.ExportCore,
	"Condition":        care.ExportPlan,
	"Goal":             care.ExportPlan,
	"Procedure":        care.ExportPlan,
	"Observation":      care.ExportPlan | care.ExportDeathRecords,
	"CarePlan":         care.ExportPlan | care.ExportTasks | care.ExportPlanVersions | care.ExportAftercare | care.ExportTaskHistory,
	"Task": care.ExportTasks | care.ExportPlan | care.ExportAftercare | care.ExportTaskHistory |
		care.ExportProposals,
	"Consent": care.ExportConsents | care.ExportPlan,
	"Encounter": care.ExportContacts | care.ExportStays | care.ExportTransfers | care.ExportMeetings |
		care.ExportPlan | care.ExportCorrections,
	"Communication":     care.ExportMeetings | care.ExportNotes | care.ExportThreads,
	"Coverage":          care.ExportCoverage | care.ExportCorrections,
	"DocumentReference": care.ExportCoverage | care.ExportAids | care.ExportThreads,
	"Binary":            care.ExportCoverage | care.ExportDocumentContent | care.ExportAids | care.ExportThreads,
	"DeviceRequest":     care.ExportAids | care.ExportCorrections,
}

// PartsFor returns the parts of the file the resources of typ are written
// from; the whole file for a type Export does not write.
func PartsFor(typ string) care.ExportParts {
	if p, ok := typeParts[typ]; ok {
		return p
	}
	return care.ExportAll
}

// ReadFamilyParts is ReadFamily reading only the core of the file and
// parts (see care.Service.ExportFileParts).
func ReadFamilyParts(ctx context.Context, svc *care.Service, actor care.Actor, familyID int64, action care.Action, parts care.ExportParts) (Input, error) {
	f, err := svc.ExportFileParts(ctx, actor, familyID, action, parts)
	if err != nil {
		return Input{}, err
	}
	return InputOf(Organisation{ID: f.Organisation.ID, Name: f.Organisation.Name, URA: f.Organisation.URA}, f), nil
}

// Only returns in with only its core and parts: what ReadFamilyParts
// would have read.
func (in Input) Only(parts care.ExportParts) Input {
	in.ExportMore = in.onlyMore(parts)
	if !parts.Has(care.ExportContacts) {
		in.Contacts = nil
	}
	if !parts.Has(care.ExportTasks) {
		in.Tasks = nil
	}
	if !parts.Has(care.ExportPlan) {
		in.Plan = nil
	}
	if !parts.Has(care.ExportConsents) {
		in.Consents = nil
	}
	if !parts.Has(care.ExportStays) {
		in.Stays = nil
	}
	if !parts.Has(care.ExportTransfers) {
		in.Transfers = nil
	}
	if !parts.Has(care.ExportMeetings) {
		in.Meetings = nil
	}
	if !parts.Has(care.ExportCoverage) {
		in.Coverage = nil
	} else if !parts.Has(care.ExportDocumentContent) {
		in.Coverage = slices.Clone(in.Coverage)
		for i := range in.Coverage {
			docs := slices.Clone(in.Coverage[i].Documents)
			for j := range docs {
				docs[j].Content = nil
			}
			in.Coverage[i].Documents = docs
		}
	}
	return in
}
