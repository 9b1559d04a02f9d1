package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// familyPost is a form of the case managers that adds one thing to the
// family in the path, or changes one: a member, a network member, a
// contact, a step in intensity, a task, the episode, a case manager, an
// invitation. postToFamily reads it, decodes it into a T, saves that
// through the care service and goes back to the family page; a form with
// errors is drawn again with what was typed and what is wrong.
type familyPost[T any] struct {
	title  string // catalog key of the form's heading
	anchor string // the section of the family page a saved form returns to
	// fill draws the form for this request; fixed(f) for most.
	fill func(r *http.Request) (familyForm, error)
	// decode reads the posted form.
	decode func(v url.Values) (T, Fields)
	// check, optional, runs the domain's checks on a form with errors, so
	// every problem shows at once; the service runs them anyway.
	check func(x *T, now time.Time) error
	// save saves x for the family through the care service.
	save func(ctx context.Context, actor care.Actor, familyID int64, x *T) error
	// saved, optional, answers a saved form; by default the family page
	// at anchor.
	saved func(w http.ResponseWriter, r *http.Request, familyID int64, x *T) error
}

// fixed fills the form of a familyPost the same way for every request.
func fixed(f familyForm) func(*http.Request) (familyForm, error) {
	return func(*http.Request) (familyForm, error) { return f, nil }
}

// postToFamily is the handler of p. A saved form is one call of the care
// service; a form the service refuses for its input comes back with the
// file as the service read it, so it is drawn again without a second read.
// Only a form the decoder refuses before anything is sent reads the file
// to be drawn again.
func postToFamily[T any](s *Server, p familyPost[T]) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := httpx.PathID(r, "id")
		if err != nil {
			return err
		}
		v, err := parseForm(w, r)
		if err != nil {
			return err
		}
		x, errs := p.decode(v)
		if len(errs) > 0 {
			if p.check != nil {
				mergeValidation(errs, p.check(&x, s.cfg.Now()))
			}
			file, err := s.care.FamilyForm(r.Context(), s.actor(r), id)
			if err != nil {
				return err
			}
			return drawAgain(s, w, r, p, file, v, errs)
		}
		err = p.save(r.Context(), s.actor(r), id, &x)
		var in *care.InvalidInput
		switch {
		case err == nil && p.saved != nil:
			return p.saved(w, r, id, &x)
		case err == nil:
			http.Redirect(w, r, familyURL(id, p.anchor), http.StatusSeeOther)
			return nil
		case errors.As(err, &in) && in.Form != nil:
			return drawAgain(s, w, r, p, in.Form, v, in.Fields)
		}
		return err
	}
}

// drawAgain draws p's form on file again with what was typed and what is
// wrong (status 422). The form is filled only now: a post that is saved
// needs none, and one the service refuses to whoever may not see the family
// has been refused, and recorded, before anything of the form is read.
func drawAgain[T any](s *Server, w http.ResponseWriter, r *http.Request, p familyPost[T], file *care.File, v url.Values, errs Fields) error {
	build, err := p.fill(r)
	if err != nil {
		return err
	}
	return s.renderFormAgain(w, r, file, p.title, v, errs, build)
}
