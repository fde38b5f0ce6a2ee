// Package importer admits seller uploads and folds their rows into the catalogue.
package importer

import (
	"errors"
	"fmt"
	"strings"

	"github.com/acme/bulkimport/internal/catalog"
	"github.com/acme/bulkimport/internal/csvrow"
)

// Limits are the per-upload import limits of a seller plan.
type Limits struct {
	MaxBytes int
	MaxRows  int
}

// Upload is one CSV price list from a seller.
type Upload struct {
	Seller int
	Body   string
}

// Result summarises one import.
type Result struct {
	Rows     int
	Applied  int
	Unknown  int
	Rejected int
}

// The header every upload must start with.
const header = "sku,price,currency,quantity"

var currencies = map[string]bool{"EUR": true, "USD": true, "GBP": true, "PLN": true, "SEK": true}

// Errors returned by Import before any row is applied.
var (
	ErrTooLarge = errors.New("importer: upload exceeds the plan's size limit")
	ErrTooMany  = errors.New("importer: upload exceeds the plan's row limit")
	ErrHeader   = errors.New("importer: missing or unexpected header")
)

// Importer applies uploads to a catalogue.
type Importer struct {
	cat    *catalog.Catalog
	limits Limits
}

// New returns an importer for cat with the given plan limits.
func New(cat *catalog.Catalog, limits Limits) *Importer {
	return &Importer{cat: cat, limits: limits}
}

// admit checks an upload against the plan before anything is applied.
func (im *Importer) admit(u *Upload) error {
	if len(u.Body) > im.limits.MaxBytes {
		return ErrTooLarge
	}
	first := u.Body
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	if !strings.EqualFold(strings.TrimSpace(first), header) {
		return ErrHeader
	}
	rows := len(strings.Split(strings.TrimRight(u.Body, "\n"), "\n")) - 1
	if rows > im.limits.MaxRows {
		return fmt.Errorf("%w: %d rows, plan allows %d", ErrTooMany, rows, im.limits.MaxRows)
	}
	if rows == 0 {
		return fmt.Errorf("%w: no rows", ErrHeader)
	}
	return nil
}

// Import admits the upload and applies every valid row of it.
func (im *Importer) Import(u *Upload) (Result, error) {
	var res Result
	if err := im.admit(u); err != nil {
		return res, err
	}
	var fields [6]string
	first := true
	csvrow.Lines(u.Body, func(line string) bool {
		if first {
			first = false
			return true
		}
		res.Rows++
		if csvrow.Fields(line, fields[:]) != 4 {
			res.Rejected++
			return true
		}
		i, ok := im.cat.Lookup(fields[0])
		if !ok {
			res.Unknown++
			return true
		}
		cents, err := csvrow.Cents(fields[1])
		qty, qok := csvrow.Int(fields[3])
		if err != nil || !qok || !currencies[fields[2]] {
			res.Rejected++
			return true
		}
		im.cat.Set(i, u.Seller, cents, fields[2], qty)
		res.Applied++
		return true
	})
	return res, nil
}
