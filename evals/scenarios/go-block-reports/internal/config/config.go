// Package config holds the service settings.
package config

import "time"

// Config is the service configuration.
type Config struct {
	// MaxRenders bounds how many exports render at the same time.
	MaxRenders int
	// QueryTimeout bounds a data query.
	QueryTimeout time.Duration
	// PageRows is the number of table rows per page.
	PageRows int
}

// Default returns the default configuration.
func Default() Config {
	return Config{MaxRenders: 1, QueryTimeout: 2 * time.Second, PageRows: 40}
}
