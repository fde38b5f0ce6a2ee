// Package profiling writes pprof profiles.
package profiling

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// StartCPU starts CPU profiling into dir/cpu.pb.gz and returns a stop function.
func StartCPU(dir string) (func() error, error) {
	f, err := os.Create(filepath.Join(dir, "cpu.pb.gz"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

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
