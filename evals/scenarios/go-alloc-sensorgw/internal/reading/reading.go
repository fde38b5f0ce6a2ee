// Package reading describes the aggregated readings of the field devices.
package reading

import "time"

// Reading is one device's aggregate of one metric over one reporting interval.
type Reading struct {
	Device   string    `json:"device"`
	Site     string    `json:"site"`
	Zone     string    `json:"zone"`
	Metric   string    `json:"metric"`
	Unit     string    `json:"unit"`
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	Samples  int       `json:"samples"`
	Min      float64   `json:"min"`
	Max      float64   `json:"max"`
	Mean     float64   `json:"mean"`
	Last     float64   `json:"last"`
	Quality  string    `json:"quality"`
	Firmware string    `json:"firmware"`
	Battery  float64   `json:"battery_pct"`
	RSSI     int       `json:"rssi_dbm"`
	Gateway  string    `json:"gateway"`
}
