// Command sepaexport writes simulated payroll payment files.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/sepaexport/internal/pain001"
	"github.com/acme/sepaexport/internal/payees"
	"github.com/acme/sepaexport/internal/profiling"
)

var tenants = []string{"NORDLICHT", "BAECKEREI-KRAUSE", "ALPENBAU", "RHEINLOGISTIK", "MEDIPLUS", "STADTWERKE-OST"}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent export jobs")
	runSize := flag.Int("run-size", 120, "payments per pay run")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	dir := payees.Directory(3000, 42)
	deadline := time.Now().Add(*dur)
	var files, payments, bytesOut, auditMismatch int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(w) + 7))
			writer := &pain001.Writer{InitiatingParty: "Acme Lohnbüro – Sammelauftrag"}
			for month := 0; time.Now().Before(deadline); month++ {
				tenant := tenants[r.Intn(len(tenants))]
				run := payees.NewRun(r, tenant, dir, *runSize/2+r.Intn(*runSize), fmt.Sprintf("2026-%02d", 1+month%12))
				f, err := writer.Write(run, time.Date(2026, 1, 27, 18, 0, 0, 0, time.UTC))
				if err != nil {
					log.Printf("%s: %v", tenant, err)
					continue
				}
				if pain001.Mod97(run.DebtorIBAN) != 1 {
					atomic.AddInt64(&auditMismatch, 1)
				}
				atomic.AddInt64(&files, 1)
				atomic.AddInt64(&payments, int64(f.Count))
				atomic.AddInt64(&bytesOut, int64(len(f.XML)))
			}
		}(w)
	}
	wg.Wait()
	if *profileDir != "" {
		if err := profiling.WriteHeap(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d files, %d payments, %d bytes, %d debtor IBANs flagged for audit", files, payments, bytesOut, auditMismatch)
}
