package symdb

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"unsafe"
)

const sentinel, maxNodeSize = -1, 2 * binary.MaxVarintLen64 // maxNodeSize: two varints

// stacktraceTree stores stack traces as the paths of a tree of locations: a stack trace
// shares the nodes of the longest prefix it has in common with those inserted before, and
// its ID is the index of its last node.
type stacktraceTree struct {
	nodes []node
}

// node is a location of the tree: its parent, its first child and next sibling.
type node struct {
	p int32 // parent
	r int32 // location
	i int32 // first child
	n int32 // next sibling
}

// newStacktraceTree returns a tree with its root, room for size nodes.
func newStacktraceTree(size int) *stacktraceTree {
	if size < 1 {
		size = 1
	}
	t := stacktraceTree{nodes: make([]node, 1, size)}
	t.nodes[0] = node{p: sentinel, r: sentinel, i: sentinel, n: sentinel}
	return &t
}

// len is the number of nodes of the tree, the root included.
func (t *stacktraceTree) len() uint32 { return uint32(len(t.nodes)) }

// insert adds a stack trace (its locations, root first) to the tree and returns its ID:
// the index of the node of its last location.
//
// The nodes of a known prefix are reused; every location after it is a new node, appended
// to the tree's slice, which grows by reallocation: a partition's tree is one big slice.
func (t *stacktraceTree) insert(refs []int32) uint32 {
	var (
		n = &t.nodes[0]
		i = n.i
		x int32
	)
	for j := len(refs) - 1; j >= 0; {
		r := refs[j]
		if i == sentinel {
			// No child matches: the rest of the stack trace is new, node by node.
			ni := int32(len(t.nodes))
			n.i = ni
			t.nodes = append(t.nodes, node{r: r, p: x, i: sentinel, n: sentinel})
			x = ni
			n = &t.nodes[ni]
			i = sentinel
			j--
			continue
		}
		// Look for the location among the children of the current node.
		c := &t.nodes[i]
		if c.r == r {
			x, n, i = i, c, c.i
			j--
			continue
		}
		if c.n == sentinel {
			// Not among the children: a new sibling of the last child, and the rest of
			// the stack trace below it.
			ni := int32(len(t.nodes))
			c.n = ni
			t.nodes = append(t.nodes, node{r: r, p: x, i: sentinel, n: sentinel})
			x = ni
			n = &t.nodes[ni]
			i = sentinel
			j--
			continue
		}
		i = c.n
	}
	return uint32(x)
}

// resolve appends the locations of a stack trace to dst, leaf first: it walks the parents
// from the stack trace's last node up to the root, which it leaves out (it has no
// location).
func (t *stacktraceTree) resolve(dst []int32, id uint32) []int32 {
	dst = dst[:0]
	for i := int32(id); i > 0; i = t.nodes[i].p {
		dst = append(dst, t.nodes[i].r)
	}
	return dst
}

// Nodes returns a copy of the tree's nodes (for tests and the block's statistics).
func (t *stacktraceTree) Nodes() []node {
	nodes := make([]node, len(t.nodes))
	copy(nodes, t.nodes)
	return nodes
}

// depth is the length of the stack trace whose last node is id.
func (t *stacktraceTree) depth(id uint32) int {
	var d int
	for i := int32(id); i > 0; i = t.nodes[i].p {
		d++
	}
	return d
}

// WriteTo writes the tree in the block's format: one varint pair per node, parent first,
// so that a reader knows each node's parent when it reads the node; a writer of the block
// flushes the tree of every partition of the head block.
func (t *stacktraceTree) WriteTo(dst io.Writer) (int64, error) {
	e := treeEncoder{writeSize: 4 << 10}
	err := e.marshal(t, dst)
	return e.written, err
}

// parentPointerTree is the tree as read back from a block: each node keeps only its parent
// and location, which is all a stack trace's resolution needs. The children and siblings
// are only needed to insert, and a block's tree is never inserted into.
type parentPointerTree struct {
	nodes []pptNode
}

// pptNode is a node of a parentPointerTree: half the size of a node, which matters for a
// block's tree of millions of nodes.
type pptNode struct {
	p int32 // parent
	r int32 // location
}

// newParentPointerTree returns an empty tree with room for size nodes.
func newParentPointerTree(size uint32) *parentPointerTree {
	return &parentPointerTree{
		nodes: make([]pptNode, size),
	}
}

// resolve appends the locations of a stack trace to dst, leaf first.
func (t *parentPointerTree) resolve(dst []int32, id uint32) []int32 {
	if id >= uint32(len(t.nodes)) {
		return dst
	}
	dst = dst[:0]
	n := t.nodes[id]
	for n.p >= 0 {
		dst = append(dst, n.r)
		n = t.nodes[n.p]
	}
	return dst
}

// Nodes is the number of nodes of the tree.
func (t *parentPointerTree) Nodes() int {
	return len(t.nodes)
}

// size is what the tree takes in memory: the block's reader counts it in its cache, which
// evicts the trees of the partitions queried least recently.
func (t *parentPointerTree) size() uint64 {
	return uint64(len(t.nodes)) * uint64(unsafe.Sizeof(pptNode{}))
}

// ReadFrom reads the tree written by WriteTo: the nodes arrive parent first, so each
// node's parent is known when it is read. The tree must have been made with the number of
// nodes the block's index gives for it.
func (t *parentPointerTree) ReadFrom(r io.Reader) (int64, error) {
	d := treeDecoder{
		bufSize:     4 << 10,
		peekSize:    4 << 10,
		groupBuffer: 1 << 10,
	}
	err := d.unmarshal(t, r)
	return d.read, err
}

// treeEncoder writes a tree's nodes as varints, in groups.
type treeEncoder struct {
	writeSize int
	written   int64
}

func (e *treeEncoder) marshal(t *stacktraceTree, w io.Writer) error {
	var b bytes.Buffer
	buf := make([]byte, maxNodeSize)
	for _, n := range t.nodes {
		m := binary.PutVarint(buf, int64(n.p))
		m += binary.PutVarint(buf[m:], int64(n.r))
		b.Write(buf[:m])
		if b.Len() >= e.writeSize {
			k, err := w.Write(b.Bytes())
			e.written += int64(k)
			if err != nil {
				return err
			}
			b.Reset()
		}
	}
	k, err := w.Write(b.Bytes())
	e.written += int64(k)
	return err
}

// errMalformedTree is returned for a tree whose nodes point at parents not read yet.
var errMalformedTree = fmt.Errorf("malformed tree: a node's parent is not before it")

// checkParent validates a node's parent against the nodes read so far.
func checkParent(p int64, read int) error {
	if p >= int64(read) {
		return errMalformedTree
	}
	return nil
}

// peekSize is how much of the input the decoder looks at at once: a multiple of the
// node's size, so that a group holds whole nodes but for the last one.
func (d *treeDecoder) peek() int {
	if d.peekSize < maxNodeSize {
		return maxNodeSize
	}
	return d.peekSize - d.peekSize%maxNodeSize
}

// treeDecoder reads a tree written by treeEncoder.
type treeDecoder struct {
	bufSize     int
	peekSize    int
	groupBuffer int
	read        int64
}

// unmarshal reads the nodes into t, a group at a time.
func (d *treeDecoder) unmarshal(t *parentPointerTree, r io.Reader) error {
	// The reader is buffered once; the nodes are read from its buffer with Peek, so that
	// a group of varints is decoded without copying.
	br := bufio.NewReaderSize(r, d.bufSize)
	var i int
	for i < len(t.nodes) {
		var b []byte
		var err error
		// A group of nodes, or what is left of the input: the last group may be short,
		// and io.EOF with bytes in hand is not an error.
		//
		// Each node is two varints: its parent and its location.
		//
		// A node that straddles the end of the peeked bytes is read in the next group:
		// only whole nodes are decoded from b.
		b, err = br.Peek(d.peekSize)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return fmt.Errorf("reading the tree: %w", err)
		}
		if len(b) == 0 {
			return fmt.Errorf("reading the tree: %d of %d nodes", i, len(t.nodes))
		}
		var off int
		for i < len(t.nodes) && off+maxNodeSize <= len(b) || (err == io.EOF && off < len(b) && i < len(t.nodes)) {
			p, n := binary.Varint(b[off:])
			off += n
			r, m := binary.Varint(b[off:])
			off += m
			t.nodes[i] = pptNode{p: int32(p), r: int32(r)}
			i++
		}
		if _, err = br.Discard(off); err != nil {
			return err
		}
		d.read += int64(off)
	}
	return nil
}
