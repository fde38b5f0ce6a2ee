// Command claimphotos receives simulated photo uploads from the claims app.
package main

import (
	"encoding/binary"
	"flag"
	"hash/crc32"
	"log"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"

	"github.com/acme/claimphotos/internal/claims"
	"github.com/acme/claimphotos/internal/intake"
	"github.com/acme/claimphotos/internal/integrity"
	"github.com/acme/claimphotos/internal/profiling"
	"github.com/acme/claimphotos/internal/store"
)

var kinds = []string{"damage", "damage", "damage", "document", "odometer", "scene"}

// appCRC is the checksum as the app computes it (its platform's CRC-32C).
var appCRC = crc32.MakeTable(crc32.Castagnoli)

// shot is a photo in the app's upload queue: the image, and the CRC-32C of
// everything before its 16-byte capture trailer.
type shot struct {
	body   []byte
	prefix uint32
}

// camera makes photo bodies the way the app's camera roll would: a JPEG or PNG
// header, compressed image data, and a trailer with the capture stamp the app
// writes just before the upload.
func camera(rnd *rand.Rand, n int) []shot {
	photos := make([]shot, n)
	for i := range photos {
		size := 96<<10 + rnd.Intn(256<<10)
		b := make([]byte, size)
		rnd.Read(b)
		if i%4 == 3 {
			copy(b, []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
		} else {
			copy(b, []byte{0xff, 0xd8, 0xff, 0xe1})
		}
		photos[i] = shot{body: b, prefix: crc32.Checksum(b[:size-16], appCRC)}
	}
	return photos
}

func main() {
	dur := flag.Duration("duration", 5*time.Second, "how long to run")
	workers := flag.Int("workers", 4, "concurrent app uploads")
	nClaims := flag.Int("claims", 5000, "claims in the registry")
	profileDir := flag.String("profile-dir", "", "write pprof profiles to this directory")
	flag.Parse()

	rolls := make([][]shot, *workers)
	for w := range rolls {
		rolls[w] = camera(rand.New(rand.NewSource(int64(w)+100)), 24)
	}

	var stop func() error
	if *profileDir != "" {
		var err error
		if stop, err = profiling.StartCPU(*profileDir); err != nil {
			log.Fatal(err)
		}
	}

	reg, numbers := claims.Seed(rand.New(rand.NewSource(11)), *nClaims)
	photos := store.New()
	h := &intake.Handler{Claims: reg, Photos: photos, Now: time.Now}

	deadline := time.Now().Add(*dur)
	var accepted, rejected, dups, uploaded int64
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rnd := rand.New(rand.NewSource(int64(w) + 200))
			roll := rolls[w]
			var seq uint64
			for time.Now().Before(deadline) {
				s := roll[rnd.Intn(len(roll))]
				body, trailer := s.body, s.body[len(s.body)-16:]
				seq++
				// every upload carries its own capture time and sequence in the trailer
				binary.BigEndian.PutUint64(trailer, uint64(time.Now().UnixNano()))
				binary.BigEndian.PutUint64(trailer[8:], uint64(w)<<48|seq)
				u := intake.Upload{
					Claim:    numbers[rnd.Intn(len(numbers))],
					Kind:     kinds[rnd.Intn(len(kinds))],
					Checksum: integrity.Encode(crc32.Update(s.prefix, appCRC, trailer)),
					Body:     body,
				}
				r, err := h.Handle(u)
				atomic.AddInt64(&uploaded, int64(len(body)))
				switch {
				case err != nil:
					atomic.AddInt64(&rejected, 1)
				case r.Duplicate:
					atomic.AddInt64(&dups, 1)
				default:
					atomic.AddInt64(&accepted, 1)
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
	withPhotos, stored := photos.Stats()
	log.Printf("%d accepted, %d duplicates, %d rejected; %d MB uploaded, %d claims with photos (%d MB stored)",
		accepted, dups, rejected, uploaded>>20, withPhotos, stored>>20)
}
