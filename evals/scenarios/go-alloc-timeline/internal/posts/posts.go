// Package posts keeps the recent posts of every author, newest first.
package posts

import (
	"fmt"
	"math/rand"
)

// Post is one published post.
type Post struct {
	ID        int64
	Author    int
	CreatedMs int64
	Kind      string
	Title     string
	Likes     int
	Replies   int
	MediaURL  string
	Language  string
	Sensitive bool
}

// Store holds recent posts by author.
type Store struct {
	byAuthor [][]Post
}

// Generate returns a store with per posts for each of authors authors.
func Generate(authors, per int, seed int64) *Store {
	r := rand.New(rand.NewSource(seed))
	s := &Store{byAuthor: make([][]Post, authors)}
	id := int64(1)
	for a := range s.byAuthor {
		ps := make([]Post, per)
		t := int64(1768464000000)
		for i := range ps {
			t -= int64(r.Intn(3600000))
			ps[i] = Post{
				ID: id, Author: a, CreatedMs: t, Kind: "text", Title: fmt.Sprintf("post %d", id),
				Likes: r.Intn(500), Replies: r.Intn(40), Language: "en",
			}
			id++
		}
		s.byAuthor[a] = ps
	}
	return s
}

// Recent returns the recent posts of author, newest first.
func (s *Store) Recent(author int) []Post { return s.byAuthor[author] }
