// Package tariffstub is a local stand-in for the tariff service: same
// protocol, rates from a small table. Like the real service it keeps a
// connection open for further requests and closes it once it has been idle
// for IdleTimeout.
package tariffstub

import (
	"bufio"
	"hash/fnv"
	"net"
	"time"

	"github.com/acme/landedcost/internal/tariffs"
)

// IdleTimeout is how long a connection may sit without a request.
const IdleTimeout = 30 * time.Millisecond

// Serve answers RATES requests on l until it is closed.
func Serve(l net.Listener) error {
	for {
		conn, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(conn)
	}
}

func handle(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	for {
		conn.SetReadDeadline(time.Now().Add(IdleTimeout))
		line, err := r.ReadString('\n')
		if err != nil {
			return // idle, or the client went away
		}
		country, codes, err := tariffs.ParseRequest(line)
		if err != nil {
			conn.Write([]byte("ERR bad request\n"))
			continue
		}
		rates := make([]tariffs.Rate, len(codes))
		for i, hs := range codes {
			rates[i] = tariffs.Rate{HS: hs, Percent: rate(country, hs)}
		}
		conn.Write([]byte(tariffs.FormatResponse(rates)))
	}
}

// rate makes up a stable duty rate between 0 and 17 percent.
func rate(country, hs string) float64 {
	h := fnv.New32a()
	h.Write([]byte(country))
	h.Write([]byte(hs))
	return float64(h.Sum32()%35) / 2
}
