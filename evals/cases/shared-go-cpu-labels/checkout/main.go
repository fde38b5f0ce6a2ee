// Command simple is the pyroscope-go push example: two kinds of request, tagged "fast" and
// "slow", burn CPU in the same busy loop, so the profile splits by the function label.
package main

import (
	"context"
	"os"
	"runtime/pprof"

	"github.com/pyroscope-io/client/pyroscope"
	"go.opentelemetry.io/otel"
)

var tracer = otel.Tracer("simple.golang.app")

//go:noinline
func work(n int) {
	// Spin: the loop is the whole cost of a request, whichever kind it is.
	for i := 0; i < n; i++ {
	}
}

func fastFunction(ctx context.Context) {
	// One span per request, started before the work it measures.
	ctx, span := tracer.Start(ctx, "fastFunction")
	defer span.End()

	// TagWrapper labels every sample taken inside the closure with function=fast.
	// The fast kind does a quarter of the slow kind's work.
	pyroscope.TagWrapper(ctx, pyroscope.Labels("function", "fast"), func(c context.Context) {
		work(20000000)
	})
}

func slowFunction(ctx context.Context) {
	// The same span as the fast kind.
	ctx, span := tracer.Start(ctx, "slowFunction")
	defer span.End()

	// runtime/pprof labels directly, the way TagWrapper does underneath.
	labels := pprof.Labels("function", "slow")
	pprof.Do(ctx, labels, func(c context.Context) {
		work(80000000)
	})
}

func main() {
	profiler, err := pyroscope.Start(pyroscope.Config{
		ApplicationName: "simple.golang.app",
		ServerAddress:   serverAddress(),
		Logger:          pyroscope.StandardLogger,
		ProfileTypes:    []pyroscope.ProfileType{pyroscope.ProfileCPU},
	})
	if err != nil {
		panic(err)
	}
	defer func() {
		if err := profiler.Stop(); err != nil {
			panic(err)
		}
	}()
	// Every request carries foo=bar. The loop never ends: the deferred Stop runs only if it
	// panics.

	pyroscope.TagWrapper(context.Background(), pyroscope.Labels("foo", "bar"), func(c context.Context) {
		for {
			fastFunction(c)
			slowFunction(c)
		}
	})
}

func serverAddress() string {
	if address := os.Getenv("PYROSCOPE_SERVER_ADDRESS"); address != "" {
		return address
	}
	return "http://localhost:4040"
}
