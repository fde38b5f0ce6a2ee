// Package gateway is the send endpoint the job scheduler calls.
package gateway

import (
	"errors"
	"sync/atomic"
	"time"

	"github.com/acme/devicepush/internal/delivery"
	"github.com/acme/devicepush/internal/devices"
	"github.com/acme/devicepush/internal/payload"
)

// ErrUnknownDevice is returned for device ids not in the registry.
var ErrUnknownDevice = errors.New("gateway: unknown device")

// Gateway renders, sends and tracks notifications.
type Gateway struct {
	Devices *devices.Registry
	Tracker *delivery.Tracker
	nextID  uint64
}

// Result is what Send reports back to the scheduler.
type Result struct {
	MsgID     uint64
	Delivered bool
	Bytes     int
}

// Send renders the notification for the device, sends it once and tracks it until acked.
func (g *Gateway) Send(deviceID string, n *payload.Notification, link *devices.Link) (Result, error) {
	d, ok := g.Devices.Get(deviceID)
	if !ok {
		return Result{}, ErrUnknownDevice
	}
	frame, err := payload.Render(n, d.Locale, d.Firmware)
	if err != nil {
		return Result{}, err
	}
	id := atomic.AddUint64(&g.nextID, 1)
	g.Tracker.Track(id, d.ID, frame, time.Now())
	delivered := link.Deliver(d, frame)
	if delivered {
		g.Tracker.Ack(id)
	}
	return Result{MsgID: id, Delivered: delivered, Bytes: len(frame)}, nil
}

// Redeliver resends the frames whose acknowledgement timed out; returns how many were acked.
func (g *Gateway) Redeliver(link *devices.Link) int {
	acked := 0
	for _, f := range g.Tracker.Due(time.Now()) {
		d, ok := g.Devices.Get(f.DeviceID)
		if !ok {
			continue
		}
		if link.Deliver(d, f.Frame) && g.Tracker.Ack(f.MsgID) {
			acked++
		}
	}
	return acked
}
