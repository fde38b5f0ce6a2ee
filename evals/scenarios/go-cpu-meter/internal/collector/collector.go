// Package collector converts usage events into billable records.
package collector

import "github.com/acme/meter/internal/usage"

// SKUs maps a product to its billing SKU.
var SKUs = map[string]string{
	"search": "SKU-SRCH-001", "vision": "SKU-VIS-002", "storage": "SKU-STO-003", "translate": "SKU-TRN-004",
}

// Convert returns the billable record for ev.
func Convert(ev usage.Event) (usage.Record, bool) {
	sku, ok := SKUs[ev.Product]
	if !ok {
		return usage.Record{}, false
	}
	units := ev.Units
	if ev.Product == "storage" {
		units = (ev.Bytes + 1<<20 - 1) >> 20
	}
	return usage.Record{
		Tenant: ev.Tenant, SKU: sku, Units: units, Minute: ev.At.Unix() / 60,
		Region: ev.Region, Comment: ev.Metadata,
	}, true
}
