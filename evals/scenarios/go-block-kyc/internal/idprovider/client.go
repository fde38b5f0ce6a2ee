// Package idprovider is the client of the identity-verification provider's API.
package idprovider

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Result is the provider's verdict on one identity document.
type Result struct {
	DocumentID string
	Authentic  bool
	Score      int
}

// Client calls the provider (simulated: each call takes Latency).
type Client struct {
	Latency time.Duration
}

// VerifyDocument submits the document image and waits for the provider's verdict.
func (c *Client) VerifyDocument(image []byte) (Result, error) {
	sum := sha256.Sum256(image)
	time.Sleep(c.Latency)
	return Result{DocumentID: hex.EncodeToString(sum[:8]), Authentic: sum[0] != 0, Score: int(sum[1]) % 100}, nil
}
