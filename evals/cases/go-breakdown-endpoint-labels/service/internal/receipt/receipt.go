// Package receipt renders the receipt a customer gets by e-mail.
package receipt

import (
	"strings"
	"text/template"

	"github.com/acme/checkout/internal/cart"
	"github.com/acme/checkout/internal/pricing"
)

const receiptText = `Receipt for {{.Cart.ID}} ({{.Cart.Customer}})
{{range .Cart.Lines}}  {{.SKU}} x{{.Quantity}}  {{cents .PriceCents}}
{{end}}Subtotal {{cents .Quote.SubtotalCents}}
Discount {{cents .Quote.DiscountCents}}
Tax      {{cents .Quote.TaxCents}}
Total    {{cents .Quote.TotalCents}}
`

var funcs = template.FuncMap{"cents": formatCents}

// receiptTmpl is parsed once at start-up.
var receiptTmpl = template.Must(template.New("receipt").Funcs(funcs).Parse(receiptText))

type view struct {
	Cart  cart.Cart
	Quote pricing.Quote
}

// Render returns the receipt text for a priced cart.
func Render(c cart.Cart, q pricing.Quote) string {
	var b strings.Builder
	if err := receiptTmpl.Execute(&b, view{Cart: c, Quote: q}); err != nil {
		return ""
	}
	return b.String()
}

func formatCents(v int64) string {
	digits := []byte{byte('0' + v/100%10), '.', byte('0' + v/10%10), byte('0' + v%10)}
	for v /= 1000; v > 0; v /= 10 {
		digits = append([]byte{byte('0' + v%10)}, digits...)
	}
	return "EUR " + string(digits)
}
