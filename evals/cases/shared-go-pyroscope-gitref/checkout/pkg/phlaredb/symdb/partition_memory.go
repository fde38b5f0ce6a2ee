package symdb

import (
	"context"
	"errors"
	"sync"

	"github.com/cespare/xxhash/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	profilev1 "github.com/grafana/pyroscope/api/gen/proto/go/google/v1"
	schemav1 "github.com/grafana/pyroscope/pkg/phlaredb/schemas/v1"
	"github.com/grafana/pyroscope/pkg/slices"
)

// defaultStacktraceTreeSize is the number of nodes a partition's tree starts with: enough
// for the stack traces of a few profiles, so that the first ones do not grow it step by
// step.
const defaultStacktraceTreeSize = 10 << 10

// ResolveStacktraceLocations resolves the stack traces of a partition into their
// locations, for a query: every stack trace ID of the request is looked up in the
// partition's tree, chunk by chunk.
func (p *PartitionWriter) ResolveStacktraceLocations(ctx context.Context, dst StacktraceInserter, stacktraces []uint32) error {
	if len(stacktraces) == 0 {
		return nil
	}
	// The IDs must be sorted: the chunks are resolved in order.
	slices.Sort(stacktraces)
	return p.stacktraces.resolve(ctx, dst, stacktraces)
}

// StacktraceInserter receives the locations of each resolved stack trace.
type StacktraceInserter interface {
	InsertStacktrace(stacktraceID uint32, locations []int32)
}

// stacktracesPartition holds the stack traces of one partition in memory: a tree of their
// locations (each stack trace is a path of the tree, its ID the node of its leaf), and a
// hash map from the hash of a stack trace to its ID, so that a stack trace seen before is
// not inserted again.
//
// The tree only grows: a node per distinct location of every distinct stack trace
// prefix, until the head block is flushed.
type stacktracesPartition struct {
	m      sync.RWMutex
	hashed map[uint64]uint32
	tree   *stacktraceTree
	// maxNodes bounds the tree of one chunk; a new chunk starts when it is reached.
	maxNodes int64
	chunks   int
}

// newStacktracesPartition returns an empty partition of stack traces. The tree's first
// chunk is sized by maxNodes; the hash map is sized for the first profiles' stack traces.
//
// A partition is made per service and profile type of the head block, when the first
// profile of the pair arrives.
func newStacktracesPartition(maxNodesPerChunk uint32) *stacktracesPartition {
	p := stacktracesPartition{
		maxNodes: int64(maxNodesPerChunk),
		hashed:   make(map[uint64]uint32, defaultStacktraceTreeSize/2),
	}
	// The tree starts with its root (the empty stack trace, ID 0).
	p.tree = newStacktraceTree(defaultStacktraceTreeSize)
	return &p
}

// size is the number of distinct stack traces of the partition.
func (p *stacktracesPartition) size() uint64 {
	p.m.RLock()
	defer p.m.RUnlock()
	return uint64(len(p.hashed))
}

// maxID is the largest stack trace ID the partition has given out.
func (p *stacktracesPartition) maxID() uint32 {
	p.m.RLock()
	defer p.m.RUnlock()
	return uint32(len(p.tree.nodes))
}

// memorySize is what the partition's stack traces take: the tree's nodes and the hash
// map's entries.
func (p *stacktracesPartition) memorySize() uint64 {
	p.m.RLock()
	defer p.m.RUnlock()
	return uint64(len(p.tree.nodes))*stacktraceTreeNodeSize + uint64(len(p.hashed))*16
}

// stacktraceHash hashes a stack trace's location IDs: equal stack traces have equal hashes
// (collisions are not checked: 64 bits make them negligible). The IDs are the partition's,
// so equal stack traces of different profiles hash the same and keep one ID.
func stacktraceHash(locations []uint64) uint64 {
	var d xxhash.Digest
	var b [8]byte
	for _, l := range locations {
		for i := 0; i < 8; i++ {
			b[i] = byte(l >> (8 * i))
		}
		_, _ = d.Write(b[:])
	}
	return d.Sum64()
}

// stacktraceTreeNodeSize is what a node of the tree takes in memory.
const stacktraceTreeNodeSize = 16

// append sets dst[i] to the ID of the stack trace of samples[i], inserting the ones the
// partition has not seen into its tree.
//
// The first pass, under the read lock, looks every stack trace up by its hash; the second,
// under the write lock, inserts the missing ones. A profile's stack traces are mostly
// known already, but every new one adds nodes to the tree (and an entry to the hash map)
// that stay until the head block is flushed.
func (p *stacktracesPartition) append(dst []uint32, samples []*profilev1.Sample) {
	if len(samples) == 0 {
		return
	}
	var missing []int
	hashes := make([]uint64, len(samples))
	p.m.RLock()
	for i, s := range samples {
		hashes[i] = stacktraceHash(s.LocationId)
		if id, ok := p.hashed[hashes[i]]; ok {
			dst[i] = id
			continue
		}
		missing = append(missing, i)
	}
	p.m.RUnlock()
	if len(missing) == 0 {
		return
	}
	// Stack traces seen for the first time. Another profile may have inserted some of them
	// since the first pass: they are looked up again under the write lock.
	//
	// The tree's insert returns the ID of the stack trace's leaf node; the nodes of the
	// prefix it shares with stack traces already in the tree are not duplicated.
	//
	// The locations of the stack trace are the partition's IDs already (convertSamples
	// rewrote them): the tree stores them as they are.
	//
	// A profile of a busy service brings a few thousand new stack traces at first and a
	// handful later on: the partition's tree and map grow fast, then slowly, and neither
	// shrinks until the head block is flushed.
	//
	// The samples are inserted in the order of the profile; the IDs depend on it, which
	// does not matter: they are only the partition's.
	//
	// Locations are int32 in the tree: a partition never has more than 2^31 of them.
	p.m.Lock()
	defer p.m.Unlock()
	locations := make([]int32, 0, 64)
	for _, i := range missing {
		if id, ok := p.hashed[hashes[i]]; ok {
			dst[i] = id
			continue
		}
		locations = locations[:0]
		for _, l := range samples[i].LocationId {
			locations = append(locations, int32(l))
		}
		// The tree takes the locations root first, the profile has them leaf first:
		// they are reversed into the scratch slice, not in place (the caller reads the
		// sample's slice again).
		slices.Reverse(locations)
		if p.maxNodes > 0 && int64(len(p.tree.nodes)) >= p.maxNodes*int64(p.chunks+1) {
			// The tree has reached the size of a chunk: the stack traces inserted from
			// now on are resolved from the next chunk.
			p.chunks++
		}
		stacktracesInserted.Inc()
		id := p.tree.insert(locations)
		// The hash map's entry is the partition's way back from the stack trace to its ID.
		p.hashed[hashes[i]] = id
		dst[i] = id
	}
}

// stacktraceLocations is the pool of the resolver's slices of locations.
var stacktraceLocations = stacktraceLocationsPool{
	Pool: sync.Pool{
		New: func() any { return make([]int32, 0, 128) },
	},
}

// get returns an empty slice of locations from the pool.
func (p *stacktraceLocationsPool) get() []int32 {
	return p.Get().([]int32)[:0]
}

// put returns a slice of locations to the pool.
func (p *stacktraceLocationsPool) put(x []int32) { p.Put(x) }

// resolve looks the stack traces up in the partition's tree, for a query.
func (p *stacktracesPartition) resolve(ctx context.Context, dst StacktraceInserter, stacktraces []uint32) error {
	return p.forEachChunk(ctx, stacktraces, func(sr StacktracesRange) error {
		return p.ResolveChunk(dst, sr)
	})
}

// StacktracesRange is the stack traces of a request that fall in one chunk of the tree,
// in ID order.
type StacktracesRange struct {
	Chunk uint32
	IDs   []uint32
}

// ResolveChunk writes the locations of each stack trace of the range to dst. The
// partition's read lock is held for the whole range: ingestion waits for the resolution
// of a chunk, not of the whole request.
func (p *stacktracesPartition) ResolveChunk(dst StacktraceInserter, sr StacktracesRange) error {
	p.m.RLock()
	defer p.m.RUnlock()
	if int(sr.Chunk) > p.chunks {
		return ErrInvalidStacktraceRange
	}
	// An ID beyond the tree's nodes was not given out by this partition: the request is
	// for another block (or a corrupt one); it is refused rather than answered wrong.
	for _, id := range sr.IDs {
		if int(id) >= len(p.tree.nodes) {
			return ErrInvalidStacktraceRange
		}
	}
	// One slice of locations for the whole range: the inserter copies what it keeps.
	//
	// The tree's resolve walks from the leaf to the root: the locations come out leaf
	// first, the order a profile has them in.
	locations := stacktraceLocations.get()
	defer stacktraceLocations.put(locations)
	for _, id := range sr.IDs {
		locations = p.tree.resolve(locations, id)
		// The stack trace's locations, as the partition's location IDs.
		dst.InsertStacktrace(id, locations)
	}
	return nil
}

// ErrInvalidStacktraceRange is returned for stack trace IDs the partition did not give out.
var ErrInvalidStacktraceRange = errors.New("invalid range: stack traces can't be resolved")

// stacktracesInserted counts the stack traces new to their partition.
var stacktracesInserted = promauto.NewCounter(prometheus.CounterOpts{
	Namespace: "pyroscope",
	Name:      "head_stacktraces_inserted_total",
	Help:      "Stack traces added to the head block's partitions.",
})

// stacktraceLocationsPool pools the slices of locations the resolver fills.
type stacktraceLocationsPool struct{ sync.Pool }
