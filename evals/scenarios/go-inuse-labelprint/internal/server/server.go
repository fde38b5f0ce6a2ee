// Package server handles the print jobs of connected warehouse stations.
package server

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/acme/labelprint/internal/render"
	"github.com/acme/labelprint/internal/wire"
)

type jobKey struct{}

// JobFrom returns the job a request context belongs to (for logs and traces).
func JobFrom(ctx context.Context) *wire.Job {
	j, _ := ctx.Value(jobKey{}).(*wire.Job)
	return j
}

// ErrUnknownJob is returned by Abort for a job that is not rendering.
var ErrUnknownJob = errors.New("server: no such job in flight")

// Server owns the process-wide context; every station connection derives from it.
type Server struct {
	base     context.Context
	rendered int64
}

// New returns a server whose work is cancelled when base is.
func New(base context.Context) *Server { return &Server{base: base} }

// Rendered returns how many labels were rendered.
func (s *Server) Rendered() int64 { return atomic.LoadInt64(&s.rendered) }

// Station is one station's persistent connection. Its context lives as long as
// the connection, which for a packing line is the whole shift.
type Station struct {
	Name string
	srv  *Server
	ctx  context.Context
	stop context.CancelFunc

	mu       sync.Mutex
	inflight map[string]context.CancelFunc
}

// Connect registers a station connection.
func (s *Server) Connect(name string) *Station {
	ctx, stop := context.WithCancel(s.base)
	return &Station{Name: name, srv: s, ctx: ctx, stop: stop, inflight: make(map[string]context.CancelFunc)}
}

// Disconnect cancels everything the station still has in flight.
func (st *Station) Disconnect() { st.stop() }

// Handle decodes one job frame and renders its label. The job can be aborted
// with Abort while it renders.
func (st *Station) Handle(frame []byte) (string, error) {
	job, err := wire.Decode(frame)
	if err != nil {
		return "", err
	}
	ctx := context.WithValue(st.ctx, jobKey{}, job)
	ctx, abort := context.WithCancel(ctx)

	st.mu.Lock()
	st.inflight[job.JobID] = abort
	st.mu.Unlock()

	zpl, err := render.ZPL(ctx, job)

	st.mu.Lock()
	delete(st.inflight, job.JobID)
	st.mu.Unlock()
	if err != nil {
		abort()
		return "", err
	}
	atomic.AddInt64(&st.srv.rendered, 1)
	return zpl, nil
}

// Abort cancels a job that is still rendering.
func (st *Station) Abort(jobID string) error {
	st.mu.Lock()
	abort, ok := st.inflight[jobID]
	st.mu.Unlock()
	if !ok {
		return ErrUnknownJob
	}
	abort()
	return nil
}
