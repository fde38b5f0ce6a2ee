// Package wire produces raw HTTP/1.1 request heads.
package wire

import (
	"fmt"
	"math/rand"
)

var (
	hosts = []string{"shop.acme.example", "api.acme.example", "img.acme.example", "auth.acme.example"}
	paths = []string{"/", "/cart", "/api/v2/orders", "/api/v2/products?page=3", "/img/p/1234.webp", "/login"}
	extra = []string{
		"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
		"Accept-Language: de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7",
		"Accept-Encoding: gzip, deflate, br",
		"Cookie: session=8f14e45fceea167a5a36dedd4bea2543; cart=3; consent=all",
		"X-Forwarded-For: 203.0.113.7",
		"X-Debug-Token: 1b2c3d",
		"Cache-Control: no-cache",
		"Sec-Fetch-Mode: navigate",
		"Sec-Fetch-Site: same-origin",
		"Upgrade-Insecure-Requests: 1",
		"Proxy-Connection: keep-alive",
		"DNT: 1",
	}
)

// Synthetic returns n raw request heads.
func Synthetic(n int, seed int64) [][]byte {
	r := rand.New(rand.NewSource(seed))
	out := make([][]byte, n)
	for i := range out {
		h := fmt.Sprintf("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\r\n",
			paths[r.Intn(len(paths))], hosts[r.Intn(len(hosts))])
		for _, e := range extra {
			if r.Intn(4) != 0 {
				h += e + "\r\n"
			}
		}
		out[i] = []byte(h + "\r\n")
	}
	return out
}
