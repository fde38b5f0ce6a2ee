// Package datasource runs report data queries.
package datasource

import (
	"fmt"
	"math/rand"
	"time"
)

// Row is one line of a report table.
type Row struct {
	Date        string
	Description string
	AmountCents int64
}

// Source queries report data from the warehouse replica.
type Source struct {
	Latency time.Duration
}

// Statement returns the statement rows of account for month.
func (s *Source) Statement(account int, month string) ([]Row, error) {
	time.Sleep(s.Latency)
	r := rand.New(rand.NewSource(int64(account)))
	rows := make([]Row, 60+r.Intn(120))
	for i := range rows {
		rows[i] = Row{Date: fmt.Sprintf("%s-%02d", month, 1+i%28), Description: fmt.Sprintf("Invoice %d-%d", account, i), AmountCents: int64(r.Intn(200000) - 50000)}
	}
	return rows, nil
}
