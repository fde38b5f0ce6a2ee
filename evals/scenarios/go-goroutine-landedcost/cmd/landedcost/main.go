// Command landedcost simulates checkout traffic asking for landed-cost quotes.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/landedcost/internal/quote"
	"github.com/acme/landedcost/internal/tariffs"
	"github.com/acme/landedcost/internal/tariffstub"
)

var destinations = map[string]quote.Destination{
	"GB": {Country: "GB", Currency: "GBP", VATPercent: 20, DeMinimis: 15000, ClearanceFee: 1150},
	"CH": {Country: "CH", Currency: "CHF", VATPercent: 8.1, DeMinimis: 6500, CIF: true, ClearanceFee: 1900},
	"NO": {Country: "NO", Currency: "NOK", VATPercent: 25, DeMinimis: 0, ClearanceFee: 1500},
	"US": {Country: "US", Currency: "USD", VATPercent: 0, DeMinimis: 0, ClearanceFee: 0},
	"CA": {Country: "CA", Currency: "CAD", VATPercent: 5, DeMinimis: 10000, CIF: true, ClearanceFee: 1250},
	"AU": {Country: "AU", Currency: "AUD", VATPercent: 10, DeMinimis: 0, ClearanceFee: 900},
}

var fx = map[string]float64{"GBP": 0.86, "CHF": 0.94, "NOK": 11.6, "USD": 1.09, "CAD": 1.48, "AUD": 1.66}

var catalogue = []quote.Item{
	{SKU: "TEE-ORG-M", HS: "610910", Cents: 2900}, {SKU: "JEANS-32", HS: "620342", Cents: 8900},
	{SKU: "HOOD-L", HS: "611020", Cents: 6400}, {SKU: "SNEAK-42", HS: "640411", Cents: 11900},
	{SKU: "CAP-BLK", HS: "650500", Cents: 2400}, {SKU: "BAG-TOTE", HS: "420222", Cents: 4500},
	{SKU: "BELT-LTH", HS: "420330", Cents: 3900}, {SKU: "SOCK-3PK", HS: "611595", Cents: 1500},
	{SKU: "JKT-RAIN", HS: "620193", Cents: 15900}, {SKU: "SCARF-WL", HS: "611710", Cents: 3500},
}

// startTariffService runs the stand-in tariff service in a child process (as
// the real one is a separate service) and returns its address.
func startTariffService() (addr string, stop func(), err error) {
	self, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(self, "-tariff-stub")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		return "", nil, fmt.Errorf("tariff stub: %w", err)
	}
	return strings.TrimSpace(line), func() { stdin.Close(); cmd.Wait() }, nil
}

// runStub is the child: serve until the parent closes our stdin.
func runStub() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(l.Addr().String())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	log.Fatal(tariffstub.Serve(l))
}

// snapshot writes the goroutine profile into dir/goroutine.pb.gz.
func snapshot(dir string) error {
	f, err := os.Create(filepath.Join(dir, "goroutine.pb.gz"))
	if err != nil {
		return err
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	shoppers := flag.Int("shoppers", 24, "concurrent checkout sessions")
	stub := flag.Bool("tariff-stub", false, "run as the stand-in tariff service")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()
	if *stub {
		runStub()
		return
	}

	addr, stop, err := startTariffService()
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	calc := &quote.Calculator{
		Tariffs:      &tariffs.Client{Addr: addr, Timeout: 2 * time.Second},
		Destinations: destinations,
		FX:           fx,
	}
	countries := []string{"GB", "CH", "NO", "US", "CA", "AU"}

	start := time.Now()
	deadline := start.Add(*dur)
	var quotes, errs, busy int64
	var wg sync.WaitGroup
	for s := 0; s < *shoppers; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(s) + 3))
			for time.Now().Before(deadline) {
				b := quote.Basket{To: countries[r.Intn(len(countries))], Shipping: int64(495 + 100*r.Intn(10))}
				for i := 0; i < 1+r.Intn(6); i++ {
					it := catalogue[r.Intn(len(catalogue))]
					it.Qty = 1 + r.Intn(3)
					b.Items = append(b.Items, it)
				}
				t0 := time.Now()
				if _, err := calc.Price(context.Background(), b); err != nil {
					atomic.AddInt64(&errs, 1)
				}
				atomic.AddInt64(&busy, int64(time.Since(t0)))
				atomic.AddInt64(&quotes, 1)
				time.Sleep(time.Duration(r.Intn(2000)) * time.Microsecond) // the shopper's next step
			}
		}(s)
	}
	if *profileDir != "" {
		// a snapshot of what the goroutines are doing under steady traffic
		time.Sleep(time.Until(start.Add(*dur * 4 / 5)))
		if err := snapshot(*profileDir); err != nil {
			log.Fatal(err)
		}
	}
	wg.Wait()
	calls, failed := calc.Tariffs.Stats()
	n := atomic.LoadInt64(&quotes)
	log.Printf("%d quotes (%d errors), mean %.1f ms; tariff calls %d, failed %d",
		n, errs, float64(busy)/float64(n)/1e6, calls, failed)
}
