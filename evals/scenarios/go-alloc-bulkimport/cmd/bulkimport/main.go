// Command bulkimport replays synthetic seller price-list uploads against a catalogue.
package main

import (
	"flag"
	"log"
	"math/rand"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/bulkimport/internal/catalog"
	"github.com/acme/bulkimport/internal/importer"
	"github.com/acme/bulkimport/internal/profiling"
)

const sellers = 8

var currencies = []string{"EUR", "USD", "GBP", "PLN", "SEK"}

// priceList renders one seller's price list of rows lines.
func priceList(r *rand.Rand, cat *catalog.Catalog, rows int) string {
	var b strings.Builder
	b.Grow(rows * 40)
	b.WriteString("sku,price,currency,quantity\n")
	for i := 0; i < rows; i++ {
		if r.Intn(200) == 0 {
			b.WriteString("SKU-999999,1.00,EUR,1\n") // delisted SKU
			continue
		}
		b.WriteString(cat.SKU(r.Intn(cat.Len())))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(1 + r.Intn(2500)))
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(10 + r.Intn(90)))
		b.WriteByte(',')
		b.WriteString(currencies[r.Intn(len(currencies))])
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(r.Intn(500)))
		b.WriteByte('\n')
	}
	return b.String()
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to replay uploads")
	workers := flag.Int("workers", 4, "concurrent import workers")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	cat := catalog.New(12000, sellers)
	r := rand.New(rand.NewSource(3))
	var uploads []importer.Upload
	for i := 0; i < 24; i++ {
		uploads = append(uploads, importer.Upload{Seller: i % sellers, Body: priceList(r, cat, 2000+r.Intn(4000))})
	}
	im := importer.New(cat, importer.Limits{MaxBytes: 8 << 20, MaxRows: 50000})

	var imported, rows, applied int64
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w)))
			for time.Now().Before(deadline) {
				u := uploads[r.Intn(len(uploads))]
				u.Seller = r.Intn(sellers)
				res, err := im.Import(&u)
				if err != nil {
					log.Fatal(err)
				}
				atomic.AddInt64(&imported, 1)
				atomic.AddInt64(&rows, int64(res.Rows))
				atomic.AddInt64(&applied, int64(res.Applied))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("imported %d uploads, %d rows, %d offers applied", imported, rows, applied)
}
