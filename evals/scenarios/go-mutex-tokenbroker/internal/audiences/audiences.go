// Package audiences lists the backend APIs a service calls.
package audiences

// Audience is one backend API.
type Audience struct {
	Name   string
	URL    string
	Scopes []string
}

// Default is the configured set of backend APIs.
var Default = []Audience{
	{"orders", "https://orders.internal", []string{"orders:read", "orders:write"}},
	{"payments", "https://payments.internal", []string{"payments:charge"}},
	{"inventory", "https://inventory.internal", []string{"stock:read"}},
	{"customers", "https://customers.internal", []string{"customers:read"}},
	{"shipping", "https://shipping.internal", []string{"labels:create"}},
	{"pricing", "https://pricing.internal", []string{"prices:read"}},
}
