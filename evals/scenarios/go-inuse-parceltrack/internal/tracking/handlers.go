// Package tracking serves the parcel tracking endpoints.
package tracking

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/acme/parceltrack/internal/carrier"
)

// API is the tracking HTTP API.
type API struct {
	Feed *carrier.Feed
}

// Routes returns the API's handler:
//
//	GET /v1/parcels/{number}           the parcel and its latest status
//	GET /v1/parcels/{number}/scans     its full scan history
//	GET /v1/depots/{code}/manifest     the depot's expected parcels (?size=N)
func (a *API) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/parcels/", a.parcel)
	mux.HandleFunc("/v1/depots/", a.manifest)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	return mux
}

type parcelView struct {
	TrackingNumber string         `json:"tracking_number"`
	Service        string         `json:"service"`
	Status         string         `json:"status"`
	LastDepot      string         `json:"last_depot"`
	Scans          []carrier.Scan `json:"scans,omitempty"`
}

func (a *API) parcel(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/v1/parcels/")
	number, sub, _ := strings.Cut(rest, "/")
	if sub != "" && sub != "scans" {
		http.NotFound(w, r)
		return
	}
	p, ok := a.Feed.Lookup(number)
	if !ok {
		http.Error(w, "unknown tracking number", http.StatusNotFound)
		return
	}
	last := p.Scans[len(p.Scans)-1]
	v := parcelView{TrackingNumber: p.TrackingNumber, Service: p.Service, Status: last.Status, LastDepot: last.Depot}
	if sub == "scans" {
		v.Scans = p.Scans
	}
	writeJSON(w, v)
}

func (a *API) manifest(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/v1/depots/")
	code, sub, _ := strings.Cut(rest, "/")
	if sub != "manifest" || len(code) != 4 {
		http.NotFound(w, r)
		return
	}
	size, err := strconv.Atoi(r.URL.Query().Get("size"))
	if err != nil || size <= 0 || size > 500 {
		size = 50
	}
	writeJSON(w, map[string]any{"depot": code, "parcels": a.Feed.Manifest(code, size)})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
