// Package rules holds the tenant subscriptions and the event-type routing rules.
package rules

import (
	"fmt"
	"strings"
)

// Rule sends events whose type starts with Prefix to Topic.
type Rule struct {
	Prefix string
	Topic  string
}

// Table is the routing configuration, loaded once at start-up.
type Table struct {
	rules   []Rule
	tenants map[string]map[string]bool // tenant -> topics it subscribed to
}

// Default returns the platform's routing rules with n synthetic tenants.
func Default(n int) *Table {
	t := &Table{
		rules: []Rule{
			{"order.created", "orders.new"},
			{"order.", "orders.changes"},
			{"shipment.", "logistics.shipments"},
			{"invoice.", "finance.invoices"},
			{"inventory.", "stock.levels"},
			{"return.", "logistics.returns"},
		},
		tenants: make(map[string]map[string]bool, n),
	}
	topics := []string{"orders.new", "orders.changes", "logistics.shipments",
		"finance.invoices", "stock.levels", "logistics.returns"}
	for i := 0; i < n; i++ {
		subs := make(map[string]bool)
		for j, topic := range topics {
			if (i+j)%4 != 0 {
				subs[topic] = true
			}
		}
		t.tenants[TenantID(i)] = subs
	}
	return t
}

// TenantID is the identifier of the i-th synthetic tenant.
func TenantID(i int) string { return fmt.Sprintf("tn_%05d", i) }

// Topic returns the topic an event type goes to, or "" when no rule matches.
func (t *Table) Topic(eventType string) string {
	for _, r := range t.rules {
		if strings.HasPrefix(eventType, r.Prefix) {
			return r.Topic
		}
	}
	return ""
}

// Subscribed reports whether the tenant wants the topic's events.
func (t *Table) Subscribed(tenant, topic string) bool {
	return t.tenants[tenant][topic]
}
