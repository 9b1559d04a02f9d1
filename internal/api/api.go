// Package api serves Spil's JSON API under /api/v1. It goes through the
// same door to family data as the pages (care.Service, which authorises
// and audits every call) and uses the same session cookie, and it answers
// JSON only: one error shape for everything under /api/, including
// unknown paths, wrong methods, a missing login, a failed session lookup,
// refused cross-origin requests and panics; never a redirect or an HTML
// page. docs/api.md describes it.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Config is what the API needs to know.
type Config struct {
	// Secure is true when Spil is reached over HTTPS: the session cookie
	// has the __Host- prefix.
	Secure bool
	// Demo lets demo accounts skip the second factor.
	Demo bool
	// TrustProxy takes the client address from X-Forwarded-For (last hop).
	TrustProxy bool
	// FHIRKept is the memory, in bytes, for the answers of $everything kept
	// while their file is unchanged (compressed); 0 keeps none.
	FHIRKept int64
	Logger   *slog.Logger
	Now      func() time.Time
}

// Server holds everything the API's handlers share.
type Server struct {
	cfg      Config
	care     *care.Service
	sessions *httpx.Sessions
	log      *slog.Logger
	kept     *keptAnswers // nil: none kept
}

// New returns the API over careSvc, the one door to family data; authSvc
// finds the session of a request.
func New(cfg Config, authSvc *auth.Service, careSvc *care.Service) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Server{cfg: cfg, care: careSvc, log: cfg.Logger, kept: newKeptAnswers(cfg.FHIRKept),
		sessions: &httpx.Sessions{Auth: authSvc, Secure: cfg.Secure, Demo: cfg.Demo}}
}

// Handler serves everything under /api/. The site puts the middleware
// every answer shares (security headers, request log) around it.
func (s *Server) Handler() http.Handler {
	mux := httpx.NewRouteMux()
	s.routes(mux)
	return s.around(httpx.Serve(mux.ServeMux, func(w http.ResponseWriter, r *http.Request, status int) {
		if status == http.StatusMethodNotAllowed {
			s.apiWriteError(w, r, apiErrorf(http.StatusMethodNotAllowed, "method_not_allowed", "this method is not allowed here"))
			return
		}
		s.apiWriteError(w, r, apiErrNotFound)
	}), s.apiWriteError, s.apiAnswerError)
}

// around puts the API's own middleware around h: panics, cross-origin
// refusals and a session lookup that fails. write answers an error (and
// logs a server error); answer only answers one, in the surface's shape.
func (s *Server) around(next http.Handler, write func(http.ResponseWriter, *http.Request, error),
	answer func(http.ResponseWriter, *http.Request, *apiError)) http.Handler {
	h := s.sessions.Load(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := httpx.StateOf(r).Err; err != nil {
			write(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	}))
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		write(w, r, apiErrorf(http.StatusForbidden, "cross_origin",
			"a request from another site that changes something is refused"))
	}))
	h = cop.Handler(h)
	return httpx.Recover(s.log, func(w http.ResponseWriter, r *http.Request) {
		answer(w, r, apiErrInternal) // Recover has logged it
	}, h)
}

// Routes returns every route pattern of the API.
func (s *Server) Routes() []string {
	mux := httpx.NewRouteMux()
	s.routes(mux)
	return mux.Patterns()
}

// actor is who asks, for the policy and the audit trail; only call behind
// apiHandle.
func (s *Server) actor(r *http.Request) care.Actor { return httpx.Actor(r, s.cfg.TrustProxy) }

// apiMaxBody bounds every request body; larger ones get a 413.
const apiMaxBody = 64 << 10

// apiHandler is an API handler that returns an error; see (*Server).apiHandle.
type apiHandler func(w http.ResponseWriter, r *http.Request) error

// routes lists every route of the API in one place. They live on a mux of
// their own, so that unknown paths and wrong methods under /api/ get JSON
// errors too. Every write goes through apiWrite, with the answer of its
// route: it takes an Idempotency-Key.
func (s *Server) routes(api *httpx.RouteMux) {
	created, createdAt := apiCreatedAnswer(""), apiCreatedAnswer("/api/v1/families/")
	api.Handle("GET /api/v1/families", s.apiHandle(s.apiFamilies))
	api.Handle("GET /api/v1/tasks", s.apiHandle(s.apiTasks))
	api.Handle("GET /api/v1/signals", s.apiHandle(s.apiSignalsRead))
	api.Handle("GET /api/v1/families/{id}/signals", s.apiHandle(s.apiFamilySignalsRead))
	api.Handle("POST /api/v1/signals/{signal}/snooze", s.apiHandle(s.apiWrite(s.apiSignalAck(care.AckSnooze), apiNoContentAnswer)))
	api.Handle("POST /api/v1/signals/{signal}/dismiss", s.apiHandle(s.apiWrite(s.apiSignalAck(care.AckDismiss), apiNoContentAnswer)))
	api.Handle("POST /api/v1/families", s.apiHandle(s.apiWrite(s.apiIntake, createdAt)))
	api.Handle("GET /api/v1/families/{id}", s.apiHandle(s.apiFile))
	api.Handle("PUT /api/v1/families/{id}", s.apiHandle(s.apiWrite(s.apiFamilyUpdate, apiNoContentAnswer)))
	api.Handle("POST /api/v1/families/{id}/members", s.apiHandle(s.apiWrite(s.apiMemberCreate, created)))
	api.Handle("POST /api/v1/families/{id}/network", s.apiHandle(s.apiWrite(s.apiNetworkCreate, created)))
	api.Handle("PUT /api/v1/families/{id}/network/{mid}", s.apiHandle(s.apiWrite(s.apiNetworkUpdate, apiNoContentAnswer)))
	api.Handle("DELETE /api/v1/families/{id}/network/{mid}", s.apiHandle(s.apiWrite(s.apiNetworkDelete, apiNoContentAnswer)))
	api.Handle("POST /api/v1/families/{id}/intensity", s.apiHandle(s.apiWrite(s.apiIntensityCreate, created)))
	api.Handle("GET /api/v1/families/{id}/contacts", s.apiHandle(s.apiContacts))
	api.Handle("POST /api/v1/families/{id}/contacts", s.apiHandle(s.apiWrite(s.apiContactCreate, created)))
	api.Handle("POST /api/v1/families/{id}/tasks", s.apiHandle(s.apiWrite(s.apiTaskCreate, created)))
	api.Handle("POST /api/v1/families/{id}/tasks/{tid}/done", s.apiHandle(s.apiWrite(s.apiTaskDone, apiNoContentAnswer)))
	api.Handle("PUT /api/v1/families/{id}/episode", s.apiHandle(s.apiWrite(s.apiEpisodeSave, apiNoContentAnswer)))
	api.Handle("GET /api/v1/families/{id}/access-log", s.apiHandle(s.apiAccessLog))
	api.Handle("GET /api/v1/families/{id}/careplan", s.apiHandle(s.apiCarePlan))
	api.Handle("GET /api/v1/families/{id}/careplan/versions", s.apiHandle(s.apiCarePlanVersions))
	api.Handle("GET /api/v1/families/{id}/careplan/versions/{n}", s.apiHandle(s.apiCarePlanVersion))
	api.Handle("GET /api/v1/me/families", s.apiHandle(s.apiMyFamilies))
	api.Handle("GET /api/v1/me/intervision", s.apiHandle(s.apiIntervisionRead))
	api.Handle("POST /api/v1/me/intervision", s.apiHandle(s.apiWrite(s.apiIntervisionCreate, created)))
	api.Handle("GET /api/v1/reports/registration", s.apiHandle(s.apiRegistrationReport))
	api.Handle("GET /api/v1/families/{id}/threads", s.apiHandle(s.apiThreads))
	api.Handle("POST /api/v1/families/{id}/threads", s.apiHandle(s.apiWrite(s.apiThreadCreate, created)))
	api.Handle("GET /api/v1/families/{id}/threads/{thread}/messages", s.apiHandle(s.apiMessages))
	api.Handle("POST /api/v1/families/{id}/threads/{thread}/messages", s.apiHandle(s.apiWrite(s.apiMessageCreate, created)))
	api.Handle("GET /api/v1/families/{id}/documents/{doc}", s.apiHandle(s.apiDocument))
	api.Handle("GET /api/v1/families/{id}/coverage", s.apiHandle(s.apiCoverageRead))
	api.Handle("POST /api/v1/families/{id}/coverage", s.apiHandle(s.apiWrite(s.apiCoverageCreate, created)))
	api.Handle("PUT /api/v1/families/{id}/coverage/{cid}", s.apiHandle(s.apiWrite(s.apiCoverageUpdate, apiNoContentAnswer)))
	api.Handle("POST /api/v1/families/{id}/coverage/{cid}/periods", s.apiHandle(s.apiWrite(s.apiCoverageRenew, created)))
	api.Handle("GET /api/v1/families/{id}/stays", s.apiHandle(s.apiStaysRead))
	api.Handle("POST /api/v1/families/{id}/stays", s.apiHandle(s.apiWrite(s.apiStayCreate, created)))
	api.Handle("PUT /api/v1/families/{id}/stays/{sid}", s.apiHandle(s.apiWrite(s.apiStayUpdate, apiNoContentAnswer)))
	api.Handle("GET /api/v1/families/{id}/timeline", s.apiHandle(s.apiTimelineRead))
	api.Handle("GET /api/v1/directory", s.apiHandle(s.apiDirectoryRead))
	api.Handle("GET /api/v1/families/{id}/transfers", s.apiHandle(s.apiTransfersRead))
	api.Handle("POST /api/v1/families/{id}/transfers", s.apiHandle(s.apiWrite(s.apiTransferCreate, created)))
	api.Handle("GET /api/v1/families/{id}/transfers/{trid}/handoff", s.apiHandle(s.apiHandoffRead))
	api.Handle("POST /api/v1/families/{id}/aids", s.apiHandle(s.apiWrite(s.apiAidCreate, created)))
	api.Handle("PUT /api/v1/families/{id}/aids/{aid}", s.apiHandle(s.apiWrite(s.apiAidUpdate, apiNoContentAnswer)))
	api.Handle("GET /api/v1/families/{id}/meetings", s.apiHandle(s.apiMeetingsRead))
	api.Handle("POST /api/v1/families/{id}/meetings", s.apiHandle(s.apiWrite(s.apiMeetingCreate, created)))
	api.Handle("PUT /api/v1/families/{id}/meetings/{mtg}", s.apiHandle(s.apiWrite(s.apiMeetingReport, apiNoContentAnswer)))
	api.Handle("GET /api/v1/families/{id}/death", s.apiHandle(s.apiDeathRead))
	api.Handle("POST /api/v1/families/{id}/death", s.apiHandle(s.apiWrite(s.apiDeathCreate, created)))
	api.Handle("GET /api/v1/families/{id}/aftercare", s.apiHandle(s.apiAftercareRead))
	api.Handle("PUT /api/v1/families/{id}/aftercare", s.apiHandle(s.apiWrite(s.apiAftercareUpdate, apiNoContentAnswer)))
}

// apiHandle adapts an API handler: only fully logged-in requests get
// through, and an error becomes a status and a JSON error body.
func (s *Server) apiHandle(h apiHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := apiLoginError(r); err != nil {
			s.apiWriteError(w, r, err)
			return
		}
		if err := h(w, r); err != nil {
			s.apiWriteError(w, r, err)
		}
	})
}

// apiLoginError is the 401 of a request without a complete login, or nil.
func apiLoginError(r *http.Request) *apiError {
	c := httpx.StateOf(r)
	switch {
	case c.LoggedIn():
		return nil
	case c.Account != nil:
		return apiErrorf(http.StatusUnauthorized, "unauthorized",
			"the second factor has not been given: complete the login first")
	case c.Expired:
		return apiErrorf(http.StatusUnauthorized, "unauthorized", "the session has ended: log in again")
	}
	return apiErrorf(http.StatusUnauthorized, "unauthorized", "log in first: no session")
}

// apiError is an error answered as it is: a status, a code a client can
// act on, an English message for developers and, for 422, the fields.
type apiError struct {
	Status    int
	Code      string
	Message   string
	Fields    map[string]string
	Duplicate *apiDuplicateOut // for possible_duplicate
}

// apiDuplicateOut is what a possible duplicate tells the caller: the
// matching families in their own caseload, and for others only whom to ask.
type apiDuplicateOut struct {
	Yours  []apiFamilyRefOut `json:"yours"`
	Others int               `json:"others"`
	Ask    []string          `json:"ask"`
}

type apiFamilyRefOut struct {
	ID        int64  `json:"id"`
	ChildName string `json:"child_name"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func apiErrorf(status int, code, message string) *apiError {
	return &apiError{Status: status, Code: code, Message: message}
}

var apiErrNotFound = apiErrorf(http.StatusNotFound, "not_found", "not found")

// apiFieldNames renames the few care field keys whose request member has
// another name in the API, so that every key in "fields" names a member of
// the request body.
var apiFieldNames = map[string]string{
	"secondary":    "secondary_diagnoses",
	"duration":     "duration_min",
	"travel":       "travel_min",
	"registration": "registration_min",
	"done_note":    "note",
}

// apiErrorOf turns any error into the answer the client gets. Statuses come
// from statusOf, except that field errors are 422 and a possible duplicate
// has a code of its own.
func apiErrorOf(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var fe care.FieldErrors
	if errors.As(err, &fe) {
		fields := make(map[string]string, len(fe))
		for k, v := range fe {
			if n, ok := apiFieldNames[k]; ok {
				k = n
			}
			fields[k] = v
		}
		return &apiError{Status: http.StatusUnprocessableEntity, Code: "invalid",
			Message: "some fields are invalid: see fields", Fields: fields}
	}
	switch {
	case errors.Is(err, care.ErrIdempotencyKeyReused):
		return apiErrorf(http.StatusUnprocessableEntity, "idempotency_key_reused",
			"this Idempotency-Key was used for another request: send a new key with a new request")
	case errors.Is(err, care.ErrIdempotencyKeyInFlight):
		return apiErrorf(http.StatusConflict, "idempotency_key_in_progress",
			"the first request with this Idempotency-Key has not finished: send it again in a moment")
	}
	if errors.Is(err, care.ErrPossibleDuplicate) {
		e := apiErrorf(http.StatusConflict, "possible_duplicate",
			"a family with the same date of birth and a similar name exists; send \"confirm_duplicate\": true to open the file anyway")
		var dup *care.DuplicateError
		if errors.As(err, &dup) {
			e.Duplicate = &apiDuplicateOut{Yours: []apiFamilyRefOut{}, Others: dup.Others, Ask: []string{}}
			for _, f := range dup.Yours {
				e.Duplicate.Yours = append(e.Duplicate.Yours, apiFamilyRefOut{ID: f.FamilyID, ChildName: f.ChildName})
			}
			e.Duplicate.Ask = append(e.Duplicate.Ask, dup.AskWhom...)
		}
		return e
	}
	if errors.Is(err, care.ErrStorageFull) {
		return apiErrStorageFull
	}
	status := httpx.StatusOf(care.ErrorCode(err))
	switch status {
	case http.StatusNotFound:
		return apiErrNotFound
	case http.StatusBadRequest:
		return apiErrorf(status, "bad_request", "the request cannot be handled")
	case http.StatusConflict:
		return apiErrorf(status, "conflict", "the request conflicts with the current state")
	case http.StatusUnauthorized:
		return apiErrorf(status, "unauthorized", "log in first")
	case http.StatusTooManyRequests:
		return apiErrorf(status, "too_many", "too many requests: try again later")
	}
	return apiErrInternal
}

// apiWriteError answers err in the one error shape; only server errors are
// logged (without user input).
func (s *Server) apiWriteError(w http.ResponseWriter, r *http.Request, err error) {
	e := apiErrorOf(err)
	switch {
	case e == apiErrStorageFull:
		// Said apart from other failures, so whoever reads the log looks
		// at the disk; the driver's text names no person.
		s.log.ErrorContext(r.Context(), "api request failed: the database storage is full", "method", r.Method, "route", r.Pattern, "err", err)
	case e.Status >= 500:
		s.log.ErrorContext(r.Context(), "api request failed", "method", r.Method, "route", r.Pattern, "err", err)
	}
	s.apiAnswerError(w, r, e)
}

// apiAnswerError writes e in the one error shape.
func (s *Server) apiAnswerError(w http.ResponseWriter, r *http.Request, e *apiError) {
	type body struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		Fields    map[string]string `json:"fields,omitempty"`
		Duplicate *apiDuplicateOut  `json:"duplicate,omitempty"`
	}
	s.apiWriteJSON(w, r, e.Status, struct {
		Error body `json:"error"`
	}{body{e.Code, e.Message, e.Fields, e.Duplicate}})
}

// apiErrStorageFull answers a write, or a read whose audit record could
// not be written, when the database's storage is full.
var apiErrStorageFull = apiErrorf(http.StatusServiceUnavailable, "storage_full",
	"the server's storage is full: nothing of this request was saved; try again later")

// apiErrInternal is the answer to any server error: it tells nothing.
var apiErrInternal = apiErrorf(http.StatusInternalServerError, "internal", "something went wrong on the server")

// apiWriteJSON encodes v into a buffer first, so an encoding error never
// leaves half an answer behind.
func (s *Server) apiWriteJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.log.ErrorContext(r.Context(), "api encode failed", "route", r.Pattern, "err", err)
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"something went wrong on the server"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// apiBody reads a JSON request body: application/json (UTF-8) only (415),
// at most apiMaxBody bytes (413).
func apiBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return nil, apiErrorf(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"send the body as Content-Type: application/json")
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return nil, apiErrorf(http.StatusUnsupportedMediaType, "unsupported_media_type", "send the body in UTF-8")
	}
	return apiRawBody(w, r)
}

// apiRawBody reads a request body of at most apiMaxBody bytes (413), as
// it is.
func apiRawBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, apiMaxBody)
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, apiErrorf(http.StatusRequestEntityTooLarge, "too_large",
				"the request body is larger than "+strconv.Itoa(apiMaxBody>>10)+" KB")
		}
		return nil, apiErrorf(http.StatusBadRequest, "bad_request", "the request body could not be read")
	}
	return b, nil
}

// apiDecodeObject decodes one JSON object into dst, refusing members dst
// does not have. Its errors are 400s with a message that says what is wrong
// in terms of the request, never of Go types.
func apiDecodeObject(b []byte, dst any) error {
	bad := func(msg string) error { return apiErrorf(http.StatusBadRequest, "bad_request", msg) }
	trimmed := bytes.TrimSpace(b)
	switch {
	case len(trimmed) == 0:
		return bad("the request body is empty: send a JSON object")
	case !utf8.Valid(b):
		return bad("the request body is not valid UTF-8")
	case trimmed[0] != '{':
		return bad("the request body must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return bad(apiDecodeMessage(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad("the request body must hold one JSON object and nothing after it")
	}
	if name := apiDuplicateMember(b); name != "" {
		return bad("member " + strconv.Quote(name) + " appears more than once: send each member once")
	}
	return nil
}

// apiDuplicateMember returns a member that one object of b (valid JSON)
// names twice, or "". Names are compared as the decoder matches them,
// without regard to case, so {"name":…,"Name":…} is a duplicate too: the
// decoder would silently keep the last.
func apiDuplicateMember(b []byte) string {
	type frame struct {
		object  bool
		wantKey bool
		keys    []string
	}
	var stack []*frame
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err != nil {
			return "" // the end, or invalid JSON, which the decoder reports
		}
		if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].wantKey {
			top := stack[n-1]
			if tok == json.Delim('}') {
				stack = stack[:n-1]
				valueDone()
				continue
			}
			key, _ := tok.(string)
			for _, k := range top.keys {
				if strings.EqualFold(k, key) {
					return key
				}
			}
			top.keys, top.wantKey = append(top.keys, key), false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, wantKey: true})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim(']'):
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			valueDone()
		}
	}
}

// apiDecodeMessage explains a decoding error.
func apiDecodeMessage(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return "the request body is not valid JSON (at byte " + strconv.FormatInt(syntax.Offset, 10) + ")"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the request body is not valid JSON (it ends too soon)"
	case errors.As(err, &typ):
		if typ.Field == "" {
			return "the request body must be a JSON object"
		}
		return "member " + strconv.Quote(typ.Field) + " must be " + apiKindName(typ.Type.Kind().String())
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		switch name {
		case `"id"`, `"family_id"`:
			return "unknown member " + name + ": ids come from the path, never from the body"
		}
		return "unknown member " + name + ": see the API documentation for the members of this request"
	}
	return "the request body could not be decoded"
}

// apiKindName names a Go kind as a JSON type.
func apiKindName(kind string) string {
	switch {
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "true or false"
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "a whole number within range"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "slice", kind == "array":
		return "an array"
	}
	return "an object"
}
