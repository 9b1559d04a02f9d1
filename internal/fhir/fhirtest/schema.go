// Package fhirtest checks FHIR R4 JSON as tests need it: against the
// official R4 JSON schema and against the bindings and rules of the
// profiles Spil's export follows. It reads only files under
// internal/fhir/testdata and needs no network. It does not import
// internal/fhir, so that package's own tests can use it.
package fhirtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaID is the id of the FHIR R4 JSON schema.
const SchemaID = "http://hl7.org/fhir/json-schema/4.0"

// testdata is internal/fhir/testdata, found from this source file so that
// tests of any package can use it.
func testdata(elem ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "testdata"}, elem...)...)
}

var schemas struct {
	once     sync.Once
	err      error
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	byType   map[string]*jsonschema.Schema
}

// loadSchema reads the vendored schema once per test binary and adds it
// to a compiler by its id.
func loadSchema() error {
	schemas.once.Do(func() {
		f, err := os.Open(testdata("schema", "fhir.schema.json"))
		if err != nil {
			schemas.err = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemas.err = fmt.Errorf("fhirtest: schema: %w", err)
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft6)
		if err := c.AddResource(SchemaID, doc); err != nil {
			schemas.err = fmt.Errorf("fhirtest: schema: %w", err)
			return
		}
		schemas.compiler, schemas.byType = c, map[string]*jsonschema.Schema{}
	})
	return schemas.err
}

// schemaFor returns the compiled #/definitions/<resourceType>.
func schemaFor(typ string) (*jsonschema.Schema, error) {
	if err := loadSchema(); err != nil {
		return nil, err
	}
	schemas.mu.Lock()
	defer schemas.mu.Unlock()
	if s, ok := schemas.byType[typ]; ok {
		return s, nil
	}
	s, err := schemas.compiler.Compile(SchemaID + "#/definitions/" + typ)
	if err != nil {
		return nil, fmt.Errorf("fhirtest: no schema for resource type %q: %w", typ, err)
	}
	schemas.byType[typ] = s
	return s, nil
}

// ValidateResource validates one resource's JSON against the FHIR R4
// schema's definition of its resourceType.
func ValidateResource(raw []byte) error {
	var head struct {
		ResourceType string `json:"resourceType"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return err
	}
	if head.ResourceType == "" {
		return fmt.Errorf("fhirtest: no resourceType")
	}
	s, err := schemaFor(head.ResourceType)
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	return s.Validate(v)
}
