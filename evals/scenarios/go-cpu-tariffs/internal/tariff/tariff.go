// Package tariff looks rates up in carrier tariff sheets.
package tariff

import (
	"encoding/csv"
	"errors"
	"strconv"
	"strings"

	"github.com/acme/tariffs/internal/feed"
)

// ErrNoRate is returned when the sheet has no band for a parcel.
var ErrNoRate = errors.New("tariff: no rate for parcel")

// Rate is the price of one parcel with one carrier.
type Rate struct {
	Carrier string
	Cents   int64
	Service string
}

// Carrier prices parcels from its published sheet.
type Carrier struct {
	Sheet feed.Sheet
}

// Price returns the rate for a parcel of grams to zone.
func (c *Carrier) Price(zone string, grams int, remote bool) (Rate, error) {
	rd := csv.NewReader(strings.NewReader(c.Sheet.CSV))
	rows, err := rd.ReadAll()
	if err != nil {
		return Rate{}, err
	}
	for _, row := range rows[1:] {
		if row[0] != zone {
			continue
		}
		lo, _ := strconv.Atoi(row[1])
		hi, _ := strconv.Atoi(row[2])
		if grams < lo || grams >= hi {
			continue
		}
		price, err := strconv.ParseFloat(row[3], 64)
		if err != nil {
			return Rate{}, err
		}
		fuel, _ := strconv.ParseFloat(row[4], 64)
		total := price * (1 + fuel/100)
		if remote {
			extra, _ := strconv.ParseFloat(row[5], 64)
			total += extra
		}
		return Rate{Carrier: c.Sheet.Carrier, Cents: int64(total*100 + 0.5), Service: row[6]}, nil
	}
	return Rate{}, ErrNoRate
}
