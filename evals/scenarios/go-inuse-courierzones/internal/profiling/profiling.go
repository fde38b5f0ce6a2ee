// Package profiling writes pprof profiles.
package profiling

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// WriteHeap writes the heap profile into dir/heap.pb.gz.
func WriteHeap(dir string) error {
	runtime.GC()
	return Write(dir, "heap")
}

// Write writes the named runtime profile (heap, mutex, block, goroutine) into dir/NAME.pb.gz.
func Write(dir, name string) error {
	f, err := os.Create(filepath.Join(dir, name+".pb.gz"))
	if err != nil {
		return err
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
