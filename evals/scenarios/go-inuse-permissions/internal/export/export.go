// Package export ships the audit trail to the compliance archive.
package export

import (
	"hash/crc32"

	"github.com/acme/permissions/internal/audit"
)

// Exporter ships trail entries in batches, remembering the last exported sequence number.
type Exporter struct {
	Trail *audit.Trail
	Batch int

	cursor   uint64
	Exported int64
	Checksum uint32
}

// Run ships everything recorded since the last run.
func (e *Exporter) Run() {
	for {
		batch := e.Trail.Since(e.cursor, e.Batch)
		if len(batch) == 0 {
			return
		}
		for _, en := range batch {
			e.Checksum = crc32.Update(e.Checksum, crc32.IEEETable, en.Context)
		}
		e.cursor = batch[len(batch)-1].Seq
		e.Exported += int64(len(batch))
	}
}
