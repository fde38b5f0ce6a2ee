// Package record describes the log records collected from the local services.
package record

import "time"

// Facilities and severities of RFC 5424 section 6.2.1.
const (
	FacilityUser   = 1
	FacilityDaemon = 3
	FacilityLocal0 = 16

	SevError   = 3
	SevWarning = 4
	SevNotice  = 5
	SevInfo    = 6
	SevDebug   = 7
)

// Param is one structured-data parameter.
type Param struct {
	Name  string
	Value string
}

// Record is one log record of a local service.
type Record struct {
	Facility int
	Severity int
	Time     time.Time
	Host     string
	App      string
	PID      int
	MsgID    string
	SDID     string // structured-data element id, e.g. "req@32473"
	Params   []Param
	Msg      []byte // the message as the service wrote it
}
