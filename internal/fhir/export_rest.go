package fhir

func (x *exporter) contacts() {}
func (x *exporter) tasks()    {}
func (x *exporter) plan()     {}
func (x *exporter) consents() {}
