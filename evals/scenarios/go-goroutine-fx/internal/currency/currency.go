// Package currency defines currency pairs.
package currency

// Pair is a currency pair such as EUR/USD.
type Pair struct {
	Base, Quote string
}

// String returns the pair as BASE/QUOTE.
func (p Pair) String() string { return p.Base + "/" + p.Quote }

// Supported are the pairs checkout converts.
var Supported = []Pair{
	{"EUR", "USD"}, {"EUR", "GBP"}, {"EUR", "CHF"}, {"EUR", "PLN"}, {"EUR", "SEK"},
	{"EUR", "JPY"}, {"USD", "CAD"}, {"GBP", "USD"}, {"EUR", "DKK"}, {"EUR", "CZK"},
}
