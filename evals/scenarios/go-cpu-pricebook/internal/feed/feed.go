// Package feed produces the supplier's price feed.
package feed

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math/rand"
)

// Nightly returns the supplier's feed for n articles as it arrives: zlib-compressed CSV
// with one "sku;currency;list_cents;tier_cents;pack" line per article.
func Nightly(n int, seed int64) ([]byte, error) {
	r := rand.New(rand.NewSource(seed))
	var csv bytes.Buffer
	csv.WriteString("sku;currency;list_cents;tier_cents;pack\n")
	for i := 0; i < n; i++ {
		list := 100 + r.Intn(50000)
		fmt.Fprintf(&csv, "%s;EUR;%d;%d;%d\n", SKU(i), list, list-r.Intn(list/5+1), []int{1, 6, 12, 24}[r.Intn(4)])
	}
	var out bytes.Buffer
	zw := zlib.NewWriter(&out)
	if _, err := zw.Write(csv.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// SKU returns the article number of the i-th article.
func SKU(i int) string { return fmt.Sprintf("WH-%06d", i) }
