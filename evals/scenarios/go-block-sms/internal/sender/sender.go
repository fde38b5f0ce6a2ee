// Package sender sends notifications as SMS.
package sender

import (
	"github.com/acme/sms/internal/numbers"
	"github.com/acme/sms/internal/provider"
	"github.com/acme/sms/internal/throttle"
)

// Message is a notification to deliver.
type Message struct {
	To   string
	Text string
}

// Sender submits messages from the number pool, within the provider's rate limit.
type Sender struct {
	Pool     *numbers.Pool
	Provider *provider.Client
	pacer    *throttle.Pacer
}

// New returns a sender over pool and client.
func New(pool *numbers.Pool, client *provider.Client) *Sender {
	return &Sender{Pool: pool, Provider: client, pacer: throttle.NewPacer(numbers.PerNumberRate)}
}

// Send delivers m and returns the provider's message id.
func (s *Sender) Send(m Message) (string, error) {
	s.pacer.Wait()
	return s.Provider.Submit(s.Pool.Next(), m.To, m.Text)
}
