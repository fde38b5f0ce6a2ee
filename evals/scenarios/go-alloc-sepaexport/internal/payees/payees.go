// Package payees holds the people a pay run pays and generates the synthetic pay runs.
package payees

import (
	"fmt"
	"math/rand"
	"time"
)

// Payee is one employee or contractor with their bank details.
type Payee struct {
	ID      string
	Name    string
	Street  string
	Town    string
	Country string
	IBAN    string
	BIC     string
}

// Payment is one line of a pay run.
type Payment struct {
	Payee       *Payee
	AmountCents int64
	Remittance  string
	EndToEnd    string
}

// Run is one tenant's pay run, paid from one debtor account on one date.
type Run struct {
	Tenant     string
	DebtorName string
	DebtorIBAN string
	DebtorBIC  string
	Execution  time.Time
	Payments   []Payment
}

var (
	given   = []string{"Jürgen", "Zoë", "François", "Łukasz", "Søren", "José", "Ágnes", "Mārtiņš", "Anna", "Björn", "Çağla", "Noël", "Michał", "Renée", "Tomáš", "Lena", "Sébastien", "Dörte", "Iñigo", "Paul"}
	family  = []string{"Müller", "O'Brien", "Nuñez-García", "Kowalczyk", "Þórsdóttir", "Dvořák", "Šimunović", "Groß", "Lefèvre", "Schmidt", "Öztürk", "Andersson", "Bianchi", "Ruiz & Söhne", "Zając", "Novák", "Hämäläinen", "de la Cruz", "Weiß", "Lindqvist"}
	streets = []string{"Königstraße", "Rue de l’Église", "ul. Żeromskiego", "Calle Mayor", "Hauptstraße", "Vasagatan", "Via Roma", "Šafaříkova", "Bahnhofstraße", "Kärntner Ring"}
	towns   = []string{"München", "Besançon", "Łódź", "Málaga", "Köln", "Göteborg", "Torino", "Brno", "Zürich", "Wien"}
	country = []string{"DE", "FR", "PL", "ES", "DE", "SE", "IT", "CZ", "CH", "AT"}
	memos   = []string{"Gehalt %s – Personalnr. %s", "Salaire %s / matricule %s", "Wynagrodzenie %s “premia” %s", "Nómina %s — empleado #%s", "Lön %s, anställd %s"}
)

// Directory generates n payees with realistic European names and addresses.
func Directory(n int, seed int64) []*Payee {
	r := rand.New(rand.NewSource(seed))
	out := make([]*Payee, n)
	for i := range out {
		t := r.Intn(len(towns))
		out[i] = &Payee{
			ID:      fmt.Sprintf("E%05d", 10000+i),
			Name:    given[r.Intn(len(given))] + " " + family[r.Intn(len(family))],
			Street:  fmt.Sprintf("%s %d", streets[r.Intn(len(streets))], 1+r.Intn(180)),
			Town:    fmt.Sprintf("%05d %s", 10000+r.Intn(89999), towns[t]),
			Country: country[t],
			IBAN:    fakeIBAN(r, country[t]),
			BIC:     fmt.Sprintf("%sBANK%s%d", "ACME", country[t], r.Intn(9)),
		}
	}
	return out
}

// NewRun builds a pay run for a tenant over a random subset of the directory.
func NewRun(r *rand.Rand, tenant string, dir []*Payee, size int, period string) Run {
	run := Run{
		Tenant:     tenant,
		DebtorName: tenant + " GmbH & Co. KG – Lohnkonto",
		DebtorIBAN: fakeIBAN(r, "DE"),
		DebtorBIC:  "ACMEDEFFXXX",
		Execution:  time.Date(2026, 1, 28, 0, 0, 0, 0, time.UTC),
		Payments:   make([]Payment, size),
	}
	for i := range run.Payments {
		p := dir[r.Intn(len(dir))]
		run.Payments[i] = Payment{
			Payee:       p,
			AmountCents: 150000 + r.Int63n(650000),
			Remittance:  fmt.Sprintf(memos[r.Intn(len(memos))], period, p.ID),
			EndToEnd:    fmt.Sprintf("%s-%s-%04d", tenant, period, i),
		}
	}
	return run
}

func fakeIBAN(r *rand.Rand, cc string) string {
	digits := make([]byte, 18)
	for i := range digits {
		digits[i] = byte('0' + r.Intn(10))
	}
	return cc + "00" + string(digits)
}
