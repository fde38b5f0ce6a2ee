// Package export turns telemetry samples into data lake rows.
package export

import (
	"github.com/acme/fleetstats/internal/rows"
	"github.com/acme/fleetstats/internal/telemetry"
)

// Columns is the header of the exported table, in row order.
var Columns = []string{
	"vehicle_id", "seq", "at_ms", "lat", "lon", "speed_kph",
	"fuel_pct", "odometer_km", "engine_temp_c", "status",
}

// Exporter writes sample batches to a row writer.
type Exporter struct {
	W        rows.Writer
	Exported int64
	Skipped  int64
}

// Export writes every valid sample of batch as one row.
func (e *Exporter) Export(batch []telemetry.Sample) error {
	for i := range batch {
		s := &batch[i]
		if s.VehicleID == "" || s.Lat == 0 {
			e.Skipped++
			continue
		}
		row := []interface{}{
			s.VehicleID, s.Seq, s.At.UnixMilli(), s.Lat, s.Lon, s.SpeedKPH,
			s.FuelPct, s.OdometerKM, s.EngineTemp, s.Status.String(),
		}
		if err := e.W.WriteRow(row); err != nil {
			return err
		}
		e.Exported++
	}
	return nil
}
