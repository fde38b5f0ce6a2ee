// Package roster holds contact lists.
package roster

// Roster maps a user to their contacts.
type Roster struct {
	users int64
}

// New returns the roster of users users.
func New(users int64) *Roster { return &Roster{users: users} }

// Contacts returns the contacts of user.
func (r *Roster) Contacts(user int64) []int64 {
	out := make([]int64, 0, 8)
	for i := int64(1); i <= 8; i++ {
		out = append(out, (user*31+i*7919)%r.users)
	}
	return out
}
