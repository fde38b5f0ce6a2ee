// Command manifests checks simulated manifest uploads from freight forwarders.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/manifests/internal/manifest"
	"github.com/acme/manifests/internal/profiling"
	"github.com/acme/manifests/internal/report"
	"github.com/acme/manifests/internal/rules"
)

var origins = []string{"CN", "CN", "CN", "VN", "IN", "DE", "US", "TR", "BD", "MX", "cn", "China", "KR", "TW"}

var goods = []string{
	"cotton t-shirts, knitted, men's",
	"stainless steel kitchen sinks",
	"lithium-ion battery packs for e-bikes",
	"ceramic floor tiles, glazed",
	"parts",
	"plastic storage boxes with lids",
	"LED panel lights 600x600",
	"goods",
	"bicycle tyres 28 inch",
	"samples",
	"wooden garden furniture sets",
	"printed circuit assemblies",
}

var countries = map[string]bool{
	"CN": true, "VN": true, "IN": true, "DE": true, "US": true, "TR": true,
	"BD": true, "MX": true, "KR": true, "TW": true, "NL": true, "GB": true,
}

// upload makes a forwarder's manifest export: a voyage header and one line per package.
func upload(rnd *rand.Rand, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "VOY %s%04d MAERSK %s\n", []string{"AE", "TP", "NE"}[rnd.Intn(3)], rnd.Intn(10000), time.Date(2026, 1, 1+rnd.Intn(28), 0, 0, 0, 0, time.UTC).Format("2006-01-02"))
	for i := 0; i < n; i++ {
		hb := fmt.Sprintf("HB%07d", rnd.Intn(n*4))
		hs := fmt.Sprintf("%04d.%02d", 3900+rnd.Intn(6000), rnd.Intn(100))
		if rnd.Intn(3) > 0 {
			hs += fmt.Sprintf(".%02d", rnd.Intn(100))
		}
		weight := fmt.Sprintf("%.1f kg", 0.5+rnd.Float64()*400)
		if rnd.Intn(9) == 0 {
			weight = fmt.Sprintf("%.0f lb", 1+rnd.Float64()*800)
		}
		consignee := fmt.Sprintf("Acme Retail Logistics GmbH, DC %d, Hamburg", 1+rnd.Intn(9))
		if rnd.Intn(40) == 0 {
			consignee = " "
		}
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s\n", hb, hs, goods[rnd.Intn(len(goods))], weight, origins[rnd.Intn(len(origins))], consignee)
	}
	return []byte(b.String())
}

// handle is the upload endpoint: parse, check, report.
func handle(src []byte, w io.Writer) (report.Report, error) {
	m, err := manifest.Parse(src)
	if err != nil {
		return report.Report{}, err
	}
	r := report.Build(m, rules.Check(m, countries))
	return r, json.NewEncoder(w).Encode(r)
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent forwarder uploads")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	files := make([][]byte, 32)
	rnd := rand.New(rand.NewSource(7))
	for i := range files {
		files[i] = upload(rnd, 600+rnd.Intn(2400))
	}

	var stop func() error
	if *profileDir != "" {
		var err error
		if stop, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}

	deadline := time.Now().Add(*dur)
	var checked, fileable, findings int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rnd := rand.New(rand.NewSource(int64(w) + 50))
			for time.Now().Before(deadline) {
				r, err := handle(files[rnd.Intn(len(files))], io.Discard)
				if err != nil {
					continue
				}
				atomic.AddInt64(&checked, 1)
				atomic.AddInt64(&findings, int64(len(r.Entries)))
				if r.Fileable {
					atomic.AddInt64(&fileable, 1)
				}
			}
		}(w)
	}
	wg.Wait()
	if stop != nil {
		if err := stop(); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%d manifests checked, %d fileable, %d findings", checked, fileable, findings)
}
