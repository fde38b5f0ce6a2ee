// Package orders serves the order-status endpoint.
package orders

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/acme/partnerapi/internal/middleware"
)

// Order is a partner's order as the API returns it.
type Order struct {
	ID        string    `json:"id"`
	PartnerID string    `json:"partner_id"`
	Status    string    `json:"status"`
	Carrier   string    `json:"carrier,omitempty"`
	Tracking  string    `json:"tracking,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Book holds the orders by ID.
type Book struct {
	mu     sync.RWMutex
	orders map[string]Order
}

// NewBook returns an empty book.
func NewBook() *Book {
	return &Book{orders: make(map[string]Order)}
}

// Put stores or replaces an order.
func (b *Book) Put(o Order) {
	b.mu.Lock()
	b.orders[o.ID] = o
	b.mu.Unlock()
}

// Status handles GET /v1/orders/status?id=...
func (b *Book) Status(w http.ResponseWriter, r *http.Request) {
	key := middleware.KeyFrom(r.Context())
	id := r.URL.Query().Get("id")
	b.mu.RLock()
	o, ok := b.orders[id]
	b.mu.RUnlock()
	if !ok || key == nil || o.PartnerID != key.PartnerID {
		http.Error(w, "order not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(o)
}
