package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/fhir"
	"github.com/spil-zorg/spil/internal/httpx"
)

// The FHIR R4 read API under /fhir/R4: the family's file as the FHIR
// export writes it (internal/fhir), read through care.Service.ExportFile,
// the one door of the export, with the same session as the JSON API.
// Every answer is application/fhir+json; every error an OperationOutcome.
// docs/api.md describes it.

// fhirBase is the path of the FHIR API.
const fhirBase = "/fhir/R4"

// fhirContentType is the content type of every answer.
const fhirContentType = "application/fhir+json; charset=utf-8"

// FHIRHandler serves everything under /fhir/. The site puts the middleware
// every answer shares around it.
func (s *Server) FHIRHandler() http.Handler {
	mux := httpx.NewRouteMux()
	s.fhirRoutes(mux)
	return s.around(httpx.Serve(mux.ServeMux, func(w http.ResponseWriter, r *http.Request, status int) {
		if status == http.StatusMethodNotAllowed {
			s.fhirWriteError(w, r, apiErrorf(http.StatusMethodNotAllowed, "not-supported", "this method is not allowed here: the FHIR API only reads"))
			return
		}
		s.fhirWriteError(w, r, apiErrNotFound)
	}), s.fhirWriteError, s.fhirAnswerError)
}

// FHIRRoutes returns every route pattern of the FHIR API.
func (s *Server) FHIRRoutes() []string {
	mux := httpx.NewRouteMux()
	s.fhirRoutes(mux)
	return mux.Patterns()
}

func (s *Server) fhirRoutes(mux *httpx.RouteMux) {
	mux.Handle("GET "+fhirBase+"/metadata", s.fhirHandle(s.fhirMetadata))
	mux.Handle("GET "+fhirBase+"/{type}", s.fhirHandle(s.fhirSearch))
	mux.Handle("GET "+fhirBase+"/{type}/{id}", s.fhirHandle(s.fhirRead))
	mux.Handle("GET "+fhirBase+"/Patient/{id}/$everything", s.fhirHandle(s.fhirEverything))
}

// fhirHandle is apiHandle for the FHIR API: only fully logged-in requests
// get through, and errors are OperationOutcomes.
func (s *Server) fhirHandle(h apiHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := apiLoginError(r); err != nil {
			s.fhirWriteError(w, r, err)
			return
		}
		if err := h(w, r); err != nil {
			s.fhirWriteError(w, r, err)
		}
	})
}

// fhirRead answers one resource. The id names the family (see
// fhirIDFamily); the parts of the family's file the type is written from
// are read as the caller may see them and audited as one read (R), and a
// resource that is not in them is not found.
func (s *Server) fhirRead(w http.ResponseWriter, r *http.Request) error {
	typ, id := r.PathValue("type"), r.PathValue("id")
	if _, ok := fhirProfiles[typ]; !ok {
		return apiErrNotFound
	}
	fam, ok := fhirIDFamily(id)
	if !ok {
		return apiErrNotFound
	}
	b, err := s.fhirFile(r, fam, care.ActionRead, fhir.PartsFor(typ))
	if err != nil {
		return err
	}
	res := b.Find(typ, id)
	if res == nil {
		return apiErrNotFound
	}
	s.fhirWrite(w, r, http.StatusOK, res)
	return nil
}

// fhirEverything answers the whole file of the patient's family as a
// searchset, without the documents' content (fhirEverythingParts),
// audited as one export (E).
func (s *Server) fhirEverything(w http.ResponseWriter, r *http.Request) error {
	fam, ok := fhirFamilyIn(r.PathValue("id"), "child-", true)
	if !ok {
		return apiErrNotFound
	}
	actor, base := s.actor(r), s.fhirBaseURL(r)
	key := keptKey{family: fam, account: actor.AccountID, base: base}
	kept := s.kept.get(key)
	var known care.FileRevision
	if kept != nil {
		known = kept.rev
	}
	f, rev, err := s.care.ExportFileSince(r.Context(), actor, fam, care.ActionExport, fhirEverythingParts, known)
	if err != nil {
		return err
	}
	if f == nil {
		// The file is as it was when the kept answer was made.
		return kept.write(w, r, nil)
	}
	b, err := fhirEverythingEncode(f, base)
	if err != nil {
		return err
	}
	if s.kept == nil {
		writeFHIRBytes(w, http.StatusOK, b)
		return nil
	}
	gz, err := compress(b)
	if err != nil {
		return err
	}
	a := &keptAnswer{key: key, rev: rev, gz: gz, plain: len(b)}
	s.kept.put(a)
	return a.write(w, r, b)
}

// fhirEverythingParts are the parts of the file $everything reads: the
// whole file but the documents' content. Binary is not in FHIR's Patient
// compartment; each DocumentReference points at its Binary, which is read
// on its own.
const fhirEverythingParts = care.ExportAll &^ care.ExportDocumentContent

// fhirEverythingAnswer is the encoded answer of $everything for the
// family, read as the actor may see it and audited as one export (E);
// base is the server's FHIR base URL, for the entries' fullUrl.
func fhirEverythingAnswer(ctx context.Context, svc *care.Service, actor care.Actor, fam int64, base string) ([]byte, error) {
	f, err := svc.ExportFileParts(ctx, actor, fam, care.ActionExport, fhirEverythingParts)
	if err != nil {
		return nil, err
	}
	return fhirEverythingEncode(f, base)
}

// fhirEverythingEncode is the answer of $everything made of the file.
func fhirEverythingEncode(f *care.ExportFile, base string) ([]byte, error) {
	org := fhir.Organisation{ID: f.Organisation.ID, Name: f.Organisation.Name, URA: f.Organisation.URA}
	out := fhir.Export(fhir.InputOf(org, f)).Searchset()
	out.SetBase(base)
	return fhirEncode(out)
}

// fhirSearch answers a search by patient as a searchset, audited as one
// search (S). The parameters are checked before anything is read.
func (s *Server) fhirSearch(w http.ResponseWriter, r *http.Request) error {
	q, err := parseFHIRSearch(r.PathValue("type"), r.URL.RawQuery)
	var bad *fhirBadParam
	switch {
	case errors.Is(err, errFHIRNotSearchable):
		return apiErrNotFound
	case errors.As(err, &bad):
		e := apiErrorf(http.StatusBadRequest, "invalid", bad.Message)
		if bad.Param != "" {
			e.Fields = map[string]string{"parameter": bad.Param}
		}
		return e
	case err != nil:
		return err
	}
	var b fhir.Bundle
	if q.BSN != "" {
		b, err = s.fhirFileByBSN(r, q.BSN)
	} else {
		b, err = s.fhirFile(r, q.Family, care.ActionSearch, fhir.PartsFor(q.Type))
	}
	if err != nil {
		return err
	}
	out := q.filter(b).Searchset()
	out.SetBase(s.fhirBaseURL(r))
	out.Link = []fhir.BundleLink{{Relation: "self", URL: s.fhirBaseURL(r) + "/" + q.Type + "?" + r.URL.RawQuery}}
	s.fhirWrite(w, r, http.StatusOK, out)
	return nil
}

// fhirFile reads the family's file as the caller may see it, audited with
// action, as a FHIR Bundle: only the parts of the file in parts (a read or
// a search takes what its type is written from, see fhir.PartsFor), so
// the Bundle holds those types as the whole file would.
func (s *Server) fhirFile(r *http.Request, fam int64, action care.Action, parts care.ExportParts) (fhir.Bundle, error) {
	in, err := fhir.ReadFamilyParts(r.Context(), s.care, s.actor(r), fam, action, parts)
	if err != nil {
		return fhir.Bundle{}, err
	}
	return fhir.Export(in), nil
}

// fhirFileByBSN reads the file of the child with the BSN among the
// caller's own families, audited as one search (S); without a match the
// Bundle is empty.
func (s *Server) fhirFileByBSN(r *http.Request, bsn string) (fhir.Bundle, error) {
	f, err := s.care.ExportFileByBSN(r.Context(), s.actor(r), bsn, fhir.PartsFor("Patient"))
	if err != nil || f == nil {
		return fhir.Bundle{}, err
	}
	org := fhir.Organisation{ID: f.Organisation.ID, Name: f.Organisation.Name, URA: f.Organisation.URA}
	return fhir.Export(fhir.InputOf(org, f)), nil
}

// fhirBaseURL is the absolute base of the FHIR API, for fullUrl and links.
func (s *Server) fhirBaseURL(r *http.Request) string {
	scheme := "http"
	if s.cfg.Secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host + fhirBase
}

// fhirWrite encodes v into a buffer first, so that an encoding error
// never leaves half an answer behind.
func (s *Server) fhirWrite(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := fhirEncode(v)
	if err != nil {
		s.log.ErrorContext(r.Context(), "fhir encode failed", "route", r.Pattern, "err", err)
		s.fhirAnswerError(w, r, apiErrInternal)
		return
	}
	writeFHIRBytes(w, status, b)
}

// fhirEncode encodes v as the JSON of an answer, with its final newline.
func fhirEncode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// writeFHIRBytes writes an answer fhirEncode made, with its length (no
// chunked encoding for half a megabyte of $everything).
func writeFHIRBytes(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", fhirContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

// fhirWriteError answers err as an OperationOutcome; only server errors
// are logged (without user input).
func (s *Server) fhirWriteError(w http.ResponseWriter, r *http.Request, err error) {
	e := apiErrorOf(err)
	if e.Status >= 500 {
		s.log.ErrorContext(r.Context(), "fhir request failed", "method", r.Method, "route", r.Pattern, "err", err)
	}
	s.fhirAnswerError(w, r, e)
}

// fhirOutcome is an OperationOutcome, the FHIR answer to an error.
type fhirOutcome struct {
	ResourceType string             `json:"resourceType"`
	Issue        []fhirOutcomeIssue `json:"issue"`
}

type fhirOutcomeIssue struct {
	Severity    string   `json:"severity"`
	Code        string   `json:"code"`
	Diagnostics string   `json:"diagnostics,omitempty"`
	Expression  []string `json:"expression,omitempty"`
}

// fhirIssueCode maps a status to the issue type of FHIR's value set.
func fhirIssueCode(status int) string {
	switch status {
	case http.StatusNotFound:
		return "not-found"
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return "invalid"
	case http.StatusUnauthorized:
		return "login"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusMethodNotAllowed:
		return "not-supported"
	case http.StatusTooManyRequests:
		return "throttled"
	case http.StatusConflict:
		return "conflict"
	}
	return "exception"
}

// fhirAnswerError writes e as an OperationOutcome.
func (s *Server) fhirAnswerError(w http.ResponseWriter, r *http.Request, e *apiError) {
	issue := fhirOutcomeIssue{Severity: "error", Code: fhirIssueCode(e.Status), Diagnostics: e.Message}
	if p := e.Fields["parameter"]; p != "" && e.Status == http.StatusBadRequest {
		issue.Expression = []string{p}
	}
	b, _ := json.Marshal(fhirOutcome{ResourceType: "OperationOutcome", Issue: []fhirOutcomeIssue{issue}})
	w.Header().Set("Content-Type", fhirContentType)
	w.WriteHeader(e.Status)
	w.Write(b)
	w.Write([]byte("\n"))
}
