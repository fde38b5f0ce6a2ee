// Package index answers product lookups by attribute.
package index

import "strings"

// Node is one indexed product.
type Node struct {
	SKU   string
	Attrs map[string]string
	Next  *Node
}

// Index maps attribute tokens to chains of products.
type Index struct {
	heads map[string]*Node
}

// Build indexes n products, each with a few attributes.
func Build(n int) *Index {
	idx := &Index{heads: make(map[string]*Node)}
	for i := 0; i < n; i++ {
		color := colors[i%len(colors)]
		size := sizes[i%len(sizes)]
		node := &Node{SKU: sku(i), Attrs: map[string]string{"color": color, "size": size}}
		key := color + "/" + size
		node.Next = idx.heads[key]
		idx.heads[key] = node
	}
	return idx
}

var colors = []string{"red", "green", "blue", "black", "white", "grey", "navy"}
var sizes = []string{"xs", "s", "m", "l", "xl"}

func sku(i int) string {
	return "SKU-" + strings.Repeat("0", 6-len(itoa(i))) + itoa(i)
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// Lookup returns up to limit products matching the query "color size".
func (idx *Index) Lookup(query string, limit int) []*Node {
	var tokens []*string
	for _, t := range strings.Fields(query) {
		t := strings.ToLower(t)
		tokens = append(tokens, &t)
	}
	if len(tokens) != 2 {
		return nil
	}
	var out []*Node
	for n := idx.heads[*tokens[0]+"/"+*tokens[1]]; n != nil && len(out) < limit; n = n.Next {
		copied := &Node{SKU: n.SKU, Attrs: map[string]string{}}
		for k, v := range n.Attrs {
			copied.Attrs[k] = v
		}
		out = append(out, copied)
	}
	return out
}
