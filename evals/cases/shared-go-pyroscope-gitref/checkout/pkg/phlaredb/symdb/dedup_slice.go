package symdb

import (
	"sync"
	"unsafe"

	"github.com/cespare/xxhash/v2"
	"go.uber.org/atomic"

	profilev1 "github.com/grafana/pyroscope/api/gen/proto/go/google/v1"
	v1 "github.com/grafana/pyroscope/pkg/phlaredb/schemas/v1"
	"github.com/grafana/pyroscope/pkg/pprof"
	"github.com/grafana/pyroscope/pkg/slices"
	"github.com/grafana/pyroscope/pkg/util/zeropool"
)

// PartitionWriter holds the symbols of one partition of the head block in memory until
// the block is flushed: strings, mappings, functions and locations (each deduplicated),
// and the stack traces of every profile written to the partition.
type PartitionWriter struct {
	header      PartitionHeader
	stacktraces *stacktracesPartition
	strings     deduplicatingSlice[string, string, *stringsHelper]
	mappings    deduplicatingSlice[*v1.InMemoryMapping, mappingsKey, *mappingsHelper]
	functions   deduplicatingSlice[*v1.InMemoryFunction, functionsKey, *functionsHelper]
	locations   deduplicatingSlice[*v1.InMemoryLocation, locationsKey, *locationsHelper]
}

// WriteProfileSymbols ingests the symbols of a profile, rewriting its IDs into the
// partition's, and returns its samples: one InMemoryProfile per sample type. It is called
// once per profile ingested into the head block.
func (p *PartitionWriter) WriteProfileSymbols(profile *profilev1.Profile) []v1.InMemoryProfile {
	// The spans (exemplars) are read before the label strings are zeroed below.
	profile.DropFrames = 0
	// Sample label strings are not symbols: they are zeroed, not rewritten.
	spans := pprof.ProfileSpans(profile)
	pprof.ZeroLabelStrings(profile)
	rewrites := &rewriter{}
	p.strings.ingest(profile.StringTable, rewrites)
	mappings := make([]*v1.InMemoryMapping, len(profile.Mapping))
	for i, m := range profile.Mapping {
		mappings[i] = &v1.InMemoryMapping{
			Id:              m.Id,
			MemoryStart:     m.MemoryStart,
			MemoryLimit:     m.MemoryLimit,
			FileOffset:      m.FileOffset,
			Filename:        uint32(m.Filename),
			BuildId:         uint32(m.BuildId),
			HasFunctions:    m.HasFunctions,
			HasFilenames:    m.HasFilenames,
			HasLineNumbers:  m.HasLineNumbers,
			HasInlineFrames: m.HasInlineFrames,
		}
	}
	// Mappings refer to strings (the file name, the build ID): rewritten above.
	p.mappings.ingest(mappings, rewrites)
	funcs := make([]*v1.InMemoryFunction, len(profile.Function))
	for i, f := range profile.Function {
		funcs[i] = &v1.InMemoryFunction{
			Id:         f.Id,
			Name:       uint32(f.Name),
			SystemName: uint32(f.SystemName),
			Filename:   uint32(f.Filename),
			StartLine:  uint32(f.StartLine),
		}
	}
	// Functions refer to strings only.
	p.functions.ingest(funcs, rewrites)
	locs := make([]*v1.InMemoryLocation, len(profile.Location))
	for i, loc := range profile.Location {
		x := &v1.InMemoryLocation{
			Id:        loc.Id,
			Address:   loc.Address,
			MappingId: uint32(loc.MappingId),
			IsFolded:  loc.IsFolded,
		}
		x.Line = make([]v1.InMemoryLine, len(loc.Line))
		for j, line := range loc.Line {
			x.Line[j] = v1.InMemoryLine{
				FunctionId: uint32(line.FunctionId),
				Line:       int32(line.Line),
			}
		}
		locs[i] = x
	}
	// Locations refer to mappings and functions: rewritten above.
	p.locations.ingest(locs, rewrites)
	samples := p.convertSamples(rewrites, profile.Sample, spans)
	// The profile's symbols are no longer needed: only the partition's copies are kept.
	return samples
}

var (
	uint32SlicePool zeropool.Pool[[]uint32]
	int64SlicePool  zeropool.Pool[[]int64]
)

// convertSamples turns a profile's samples into one InMemoryProfile per sample type. The
// samples' stack traces (their rewritten location IDs) are appended to the partition's,
// which gives each one its ID.
//
// The values and stack trace IDs allocated here are kept: they stay in memory, in the head
// block, until it is flushed, one pair of slices per sample type of every profile. A heap
// profile has four sample types: four copies of the values and of the stack trace IDs,
// which are the same for all four.
// The scratch slices come from the pools above.
func (p *PartitionWriter) convertSamples(r *rewriter, samples []*profilev1.Sample, spans []uint64) []v1.InMemoryProfile {
	if len(samples) == 0 {
		return nil
	}
	// One profile per sample type, all with the same stack traces: the values and the
	// stack trace IDs are allocated here, once per sample type, and kept in the head
	// block until it is flushed.
	types := len(samples[0].Value)
	profiles := make([]v1.InMemoryProfile, types)
	for i := range profiles {
		// The slices are the profile's for as long as the head block lives: they are not
		// pooled, unlike the scratch slice of stack trace IDs below.
		profiles[i].Samples = v1.Samples{
			StacktraceIDs: make([]uint32, len(samples)),
			Values:        make([]uint64, len(samples)),
		}
		if len(spans) > 0 {
			profiles[i].Samples.Spans = make([]uint64, len(samples))
		}
	}
	for i, s := range samples {
		for j, v := range s.Value {
			profiles[j].Samples.Values[i] = uint64(v)
		}
		if len(spans) > 0 {
			for j := range profiles {
				profiles[j].Samples.Spans[i] = spans[i]
			}
		}
		for k, id := range s.LocationId {
			s.LocationId[k] = uint64(r.locations[id])
		}
	}
	// The stack traces are appended to the partition's, which returns their IDs; the
	// scratch slice of IDs goes back to its pool afterwards.
	stacktraces := slices.GrowLen(uint32SlicePool.Get(), len(samples))
	p.stacktraces.append(stacktraces, samples)
	for j := range profiles {
		copy(profiles[j].Samples.StacktraceIDs, stacktraces)
		profiles[j].Samples.StacktracePartition = p.header.Partition
	}
	// The profiles' totals, for the series index.
	for j := range profiles {
		var total uint64
		for _, v := range profiles[j].Samples.Values {
			total += v
		}
		profiles[j].TotalValue = total
	}
	uint32SlicePool.Put(stacktraces)
	return profiles
}

// rewriter maps the IDs of a profile's symbols to the partition's, as they are ingested:
// strings first, then mappings and functions (which refer to strings), then locations
// (which refer to mappings and functions).
type rewriter struct {
	strings   []int64
	mappings  []uint32
	functions []uint32
	locations []uint32
}

// helper is what a deduplicating slice needs to know about its elements: how to rewrite
// their references, key, copy and size them.
type helper[M any, K comparable] interface {
	key(M) K
	addToRewriter(*rewriter, map[int64]int64)
	rewrite(*rewriter, M) error
	size(M) uint64
	setID(oldID, newID uint64, element M) uint64
	clone(M) M
}

// deduplicatingSlice keeps one copy of each distinct symbol, in the order of first sight:
// the index of a symbol is its ID in the partition. ingest rewrites a profile's symbols
// into those IDs.
type deduplicatingSlice[M any, K comparable, H helper[M, K]] struct {
	slice  []M
	size   atomic.Uint64
	lock   sync.RWMutex
	lookup map[K]uint32
	h      H
}

// Size is the memory the slice's elements take, for the head block's size limit.
func (s *deduplicatingSlice[M, K, H]) Size() uint64 { return s.size.Load() }

// Len is the number of distinct elements.
func (s *deduplicatingSlice[M, K, H]) Len() int {
	s.lock.RLock()
	defer s.lock.RUnlock()
	return len(s.slice)
}

// Slice returns the elements, in ID order, for the flush.
func (s *deduplicatingSlice[M, K, H]) Slice() []M {
	s.lock.RLock()
	defer s.lock.RUnlock()
	return s.slice
}

// Append adds elements read back from a block (a partition reopened for compaction):
// they are known to be distinct already.
func (s *deduplicatingSlice[M, K, H]) Append(elems []M) {
	s.lock.Lock()
	defer s.lock.Unlock()
	for _, e := range elems {
		s.lookup[s.h.key(e)] = uint32(len(s.slice))
		s.slice = append(s.slice, e)
		s.size.Add(s.h.size(e))
	}
}

// Reset drops the elements once the partition has been flushed; the slice is ready for
// the next head block.
func (s *deduplicatingSlice[M, K, H]) Reset() {
	s.lock.Lock()
	defer s.lock.Unlock()
	s.slice = nil
	s.size.Store(0)
	s.init()
}

// Lookup returns the ID of an element by its key, if the partition has it.
func (s *deduplicatingSlice[M, K, H]) Lookup(k K) (uint32, bool) {
	s.lock.RLock()
	defer s.lock.RUnlock()
	id, ok := s.lookup[k]
	return id, ok
}

// init prepares an empty slice: its lookup of keys, sized for a typical partition's
// symbols so that the first profiles do not grow it step by step, is made here; the
// elements themselves are appended by ingest.
// A partition lives as long as its head block.
func (s *deduplicatingSlice[M, K, H]) init() {
	s.lookup = make(map[K]uint32)
}

// ingest rewrites elems' references (with the rewriter), finds each one's ID in the
// partition, adding the new ones, and records the old-to-new IDs in the rewriter for the
// symbols that refer to these.
//
// Profiles are ingested concurrently: the first pass holds the read lock only, and the
// write lock is taken only when something is missing. Most profiles of a service repeat
// the symbols of the previous ones, so most ingests find everything in the first pass
// and never take the write lock.
// The rewriter is the profile's: it is not shared.
func (s *deduplicatingSlice[M, K, H]) ingest(elems []M, rewriter *rewriter) {
	var (
		rewritingMap = make(map[int64]int64)
		missing      = int64SlicePool.Get()
	)
	// First pass, under the read lock: the elements already known get their ID; the
	// others are remembered as missing.
	s.lock.RLock()
	for i := range elems {
		_ = s.h.rewrite(rewriter, elems[i])
		if x, ok := s.lookup[s.h.key(elems[i])]; ok {
			rewritingMap[int64(s.h.setID(uint64(i), uint64(x), elems[i]))] = int64(x)
			continue
		}
		missing = append(missing, int64(i))
	}
	s.lock.RUnlock()
	if len(missing) > 0 {
		s.lock.Lock()
		// Second pass, under the write lock: another profile may have added some of the
		// missing elements in between.
		posSlice := int64(len(s.slice))
		for _, i := range missing {
			e := elems[i]
			k := s.h.key(e)
			if x, ok := s.lookup[k]; ok {
				rewritingMap[int64(s.h.setID(uint64(i), uint64(x), e))] = int64(x)
				continue
			}
			// A new element: the partition keeps a copy of its own (the profile's goes
			// away with the profile), found by its key from now on.
			s.lookup[k] = uint32(posSlice)
			// The slice grows by appending: a partition's elements are reallocated and
			// copied as it grows, and the old arrays stay alive until the next GC.
			//
			// clone is the helper's: strings are shared, locations copy their lines.
			c := s.h.clone(e)
			s.slice = append(s.slice, c)
			rewritingMap[int64(s.h.setID(uint64(i), uint64(posSlice), e))] = posSlice
			s.size.Add(s.h.size(e))
			posSlice++
		}
		s.lock.Unlock()
	}
	// The profile's IDs of these elements are now the partition's: the rewriter maps them
	// for the symbols ingested next.
	int64SlicePool.Put(missing)
	if len(rewritingMap) > 0 {
		// Only symbols that others refer to (strings, mappings, functions) record theirs.
		s.h.addToRewriter(rewriter, rewritingMap)
	}
}

// stringsHelper is the helper of the strings' slice: a string is its own key.
type stringsHelper struct{}

func (*stringsHelper) key(s string) string { return s }

func (*stringsHelper) rewrite(*rewriter, string) error { return nil }

func (*stringsHelper) size(s string) uint64 { return uint64(len(s)) }

func (*stringsHelper) setID(oldID, _ uint64, _ string) uint64 { return oldID }

// clone does not copy: the profile's strings are not reused once it is ingested.
func (*stringsHelper) clone(s string) string { return s }

// PartitionHeader describes a partition in the block's symbols index.
type PartitionHeader struct {
	Partition   uint64
	Strings     uint32
	Mappings    uint32
	Functions   uint32
	Locations   uint32
	Stacktraces uint32
}

// PartitionStats are the sizes of a partition's symbols, for the head block's metrics.
type PartitionStats struct {
	StringsTotal     int
	MappingsTotal    int
	FunctionsTotal   int
	LocationsTotal   int
	StacktracesTotal int
}

// WriteStats fills s with the partition's sizes.
func (p *PartitionWriter) WriteStats(s *PartitionStats) {
	s.StringsTotal = p.strings.Len()
	s.MappingsTotal = p.mappings.Len()
	s.FunctionsTotal = p.functions.Len()
	s.LocationsTotal = p.locations.Len()
	s.StacktracesTotal = int(p.stacktraces.size())
}

// MemorySize is what the partition's symbols take, for the head block's size limit.
func (p *PartitionWriter) MemorySize() uint64 {
	return p.strings.Size() + p.mappings.Size() + p.functions.Size() + p.locations.Size() +
		p.stacktraces.memorySize()
}

// Header returns the partition's header, with its current sizes.
func (p *PartitionWriter) Header() PartitionHeader {
	h := p.header
	h.Strings = uint32(p.strings.Len())
	h.Mappings = uint32(p.mappings.Len())
	h.Functions = uint32(p.functions.Len())
	h.Locations = uint32(p.locations.Len())
	return h
}

// addToRewriter records the strings' new IDs, which every other symbol refers to: the
// rewriter's table of strings is indexed by the profile's string IDs.
func (*stringsHelper) addToRewriter(r *rewriter, m map[int64]int64) {
	var maxID int64
	for id := range m {
		if id > maxID {
			maxID = id
		}
	}
	r.strings = slices.GrowLen(r.strings, int(maxID)+1)
	for x, y := range m {
		r.strings[x] = y
	}
}

// mappingsKey is what makes two mappings the same: their addresses, file and build ID.
type mappingsKey struct {
	MemoryStart     uint64
	MemoryLimit     uint64
	FileOffset      uint64
	Filename        uint32
	BuildId         uint32
	HasFunctions    bool
	HasFilenames    bool
	HasLineNumbers  bool
	HasInlineFrames bool
}

// functionsKey is what makes two functions the same.
type functionsKey struct {
	Name       uint32
	SystemName uint32
	Filename   uint32
	StartLine  uint32
}

// locationsKey is what makes two locations the same: the mapping, the address, and a
// hash of their lines (a location with inlined frames has several).
type locationsKey struct {
	MappingId uint32
	Address   uint64
	LinesHash uint64
}

// hashLines hashes a location's lines for its key.
func hashLines(lines []v1.InMemoryLine) uint64 {
	if len(lines) == 0 {
		return 0
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&lines[0])), len(lines)*int(unsafe.Sizeof(lines[0])))
	return xxhash.Sum64(b)
}

// locationsHelper is the helper of the locations' slice.
type locationsHelper struct{}

func (*locationsHelper) key(l *v1.InMemoryLocation) locationsKey {
	return locationsKey{MappingId: l.MappingId, Address: l.Address, LinesHash: hashLines(l.Line)}
}

// rewrite points a location at the partition's mapping and functions.
func (*locationsHelper) rewrite(r *rewriter, l *v1.InMemoryLocation) error {
	l.MappingId = r.mappings[l.MappingId]
	for i := range l.Line {
		l.Line[i].FunctionId = r.functions[l.Line[i].FunctionId]
	}
	return nil
}

func (*locationsHelper) setID(_, newID uint64, l *v1.InMemoryLocation) uint64 {
	oldID := l.Id
	l.Id = newID
	return oldID
}

func (*locationsHelper) size(l *v1.InMemoryLocation) uint64 {
	return uint64(unsafe.Sizeof(*l)) + uint64(len(l.Line))*uint64(unsafe.Sizeof(v1.InMemoryLine{}))
}

// addToRewriter records the locations' new IDs, which the samples refer to.
func (*locationsHelper) addToRewriter(r *rewriter, m map[int64]int64) {
	r.locations = slices.GrowLen(r.locations, len(m)+1)
	for x, y := range m {
		if int(x) >= len(r.locations) {
			r.locations = slices.GrowLen(r.locations, int(x)+1)
		}
		r.locations[x] = uint32(y)
	}
}

// lines returns the functions of a location's lines, innermost first (for the resolver).
func (*locationsHelper) lines(l *v1.InMemoryLocation) []uint32 {
	ids := make([]uint32, len(l.Line))
	for i, line := range l.Line {
		ids[i] = line.FunctionId
	}
	return ids
}

// clone copies a location for the partition, lines included: the profile's slice of lines
// is not the partition's to keep, and would keep the whole profile's lines alive for as
// long as the head block lives.
//
// The copy's lines are the partition's own slice; the location's key was taken from the
// profile's lines, which are equal.
func (*locationsHelper) clone(l *v1.InMemoryLocation) *v1.InMemoryLocation {
	x := *l
	x.Line = make([]v1.InMemoryLine, len(l.Line))
	copy(x.Line, l.Line)
	return &x
}

// mappingsHelper is the helper of the mappings' slice.
type mappingsHelper struct{}

func (*mappingsHelper) key(m *v1.InMemoryMapping) mappingsKey {
	return mappingsKey{
		MemoryStart:     m.MemoryStart,
		MemoryLimit:     m.MemoryLimit,
		FileOffset:      m.FileOffset,
		Filename:        m.Filename,
		BuildId:         m.BuildId,
		HasFunctions:    m.HasFunctions,
		HasFilenames:    m.HasFilenames,
		HasLineNumbers:  m.HasLineNumbers,
		HasInlineFrames: m.HasInlineFrames,
	}
}

// rewrite points a mapping at the partition's strings.
func (*mappingsHelper) rewrite(r *rewriter, m *v1.InMemoryMapping) error {
	m.Filename = uint32(r.strings[m.Filename])
	m.BuildId = uint32(r.strings[m.BuildId])
	return nil
}

func (*mappingsHelper) setID(_, newID uint64, m *v1.InMemoryMapping) uint64 {
	oldID := m.Id
	m.Id = newID
	return oldID
}

func (*mappingsHelper) size(*v1.InMemoryMapping) uint64 {
	return uint64(unsafe.Sizeof(v1.InMemoryMapping{}))
}

// addToRewriter records the mappings' new IDs, which locations refer to.
func (*mappingsHelper) addToRewriter(r *rewriter, m map[int64]int64) {
	for x, y := range m {
		if int(x) >= len(r.mappings) {
			r.mappings = slices.GrowLen(r.mappings, int(x)+1)
		}
		r.mappings[x] = uint32(y)
	}
}

// clone copies a mapping for the partition. A mapping holds no slices, so the copy is
// shallow; its strings are the partition's already (rewritten before the copy). A profile
// has a handful of mappings, so this is rarely the cost of an ingest; locations and their
// lines are, and the samples' values and stack trace IDs, which convertSamples keeps
// for every sample type.
//
// The copy is the partition's: the profile's mapping goes away with the profile.
func (*mappingsHelper) clone(m *v1.InMemoryMapping) *v1.InMemoryMapping {
	x := *m
	return &x
}

// functionsHelper is the helper of the functions' slice.
type functionsHelper struct{}

func (*functionsHelper) key(f *v1.InMemoryFunction) functionsKey {
	return functionsKey{
		Name:       f.Name,
		SystemName: f.SystemName,
		Filename:   f.Filename,
		StartLine:  f.StartLine,
	}
}

// rewrite points a function at the partition's strings.
func (*functionsHelper) rewrite(r *rewriter, f *v1.InMemoryFunction) error {
	f.Name = uint32(r.strings[f.Name])
	f.SystemName = uint32(r.strings[f.SystemName])
	f.Filename = uint32(r.strings[f.Filename])
	return nil
}

func (*functionsHelper) setID(_, newID uint64, f *v1.InMemoryFunction) uint64 {
	oldID := f.Id
	f.Id = newID
	return oldID
}

func (*functionsHelper) size(*v1.InMemoryFunction) uint64 {
	return uint64(unsafe.Sizeof(v1.InMemoryFunction{}))
}

// addToRewriter records the functions' new IDs, which locations refer to.
func (*functionsHelper) addToRewriter(r *rewriter, m map[int64]int64) {
	for x, y := range m {
		if int(x) >= len(r.functions) {
			r.functions = slices.GrowLen(r.functions, int(x)+1)
		}
		r.functions[x] = uint32(y)
	}
}

// clone copies a function for the partition (it holds no slices).
func (*functionsHelper) clone(f *v1.InMemoryFunction) *v1.InMemoryFunction {
	x := *f
	return &x
}
