// Package tariffs is the client of the tariff service.
package tariffs

import (
	"fmt"
	"strconv"
	"strings"
)

// Rate is the duty on one tariff code for one destination.
type Rate struct {
	HS      string
	Percent float64 // ad valorem duty, percent of the customs value
}

// FormatRequest renders a RATES request line.
func FormatRequest(country string, codes []string) string {
	return "RATES " + country + " " + strings.Join(codes, " ") + "\n"
}

// ParseRequest splits a RATES request line (used by the service side).
func ParseRequest(line string) (country string, codes []string, err error) {
	f := strings.Fields(line)
	if len(f) < 3 || f[0] != "RATES" {
		return "", nil, fmt.Errorf("tariffs: bad request %q", line)
	}
	return f[1], f[2:], nil
}

// FormatResponse renders the answer line for rates.
func FormatResponse(rates []Rate) string {
	var b strings.Builder
	b.WriteString("OK")
	for _, r := range rates {
		b.WriteByte(' ')
		b.WriteString(r.HS)
		b.WriteByte('=')
		b.WriteString(strconv.FormatFloat(r.Percent, 'f', 2, 64))
	}
	b.WriteByte('\n')
	return b.String()
}

// ParseResponse reads an answer line.
func ParseResponse(line string) (map[string]Rate, error) {
	line = strings.TrimSpace(line)
	if strings.HasPrefix(line, "ERR") {
		return nil, fmt.Errorf("tariffs: service: %s", strings.TrimSpace(strings.TrimPrefix(line, "ERR")))
	}
	f := strings.Fields(line)
	if len(f) == 0 || f[0] != "OK" {
		return nil, fmt.Errorf("tariffs: bad response %q", line)
	}
	out := make(map[string]Rate, len(f)-1)
	for _, kv := range f[1:] {
		i := strings.IndexByte(kv, '=')
		if i < 0 {
			return nil, fmt.Errorf("tariffs: bad rate %q", kv)
		}
		p, err := strconv.ParseFloat(kv[i+1:], 64)
		if err != nil {
			return nil, fmt.Errorf("tariffs: bad rate %q: %w", kv, err)
		}
		out[kv[:i]] = Rate{HS: kv[:i], Percent: p}
	}
	return out, nil
}
