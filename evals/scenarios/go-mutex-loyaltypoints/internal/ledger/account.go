package ledger

import "time"

// Tier is a member's status level.
type Tier int

// Tiers, lowest first.
const (
	Green Tier = iota
	Silver
	Gold
)

func (t Tier) String() string {
	return [...]string{"green", "silver", "gold"}[t]
}

// thresholds are the points earned in the last year a tier needs.
var thresholds = [...]int64{Green: 0, Silver: 2500, Gold: 10000}

// recentEntries is how many ledger entries an account keeps inline.
const recentEntries = 48

// Entry is one earn or burn on an account.
type Entry struct {
	At     time.Time
	Points int64
	Ref    string
}

// Account is one member's points account.
type Account struct {
	Member  string
	Balance int64
	Tier    Tier
	recent  [recentEntries]Entry
	next    int
	count   int
}

func (a *Account) record(e Entry) {
	a.recent[a.next] = e
	a.next = (a.next + 1) % recentEntries
	if a.count < recentEntries {
		a.count++
	}
	a.Balance += e.Points
}

// earnedSince sums the points earned (not burnt) in the inline entries since t.
func (a *Account) earnedSince(t time.Time) int64 {
	var sum int64
	for i := 0; i < a.count; i++ {
		e := &a.recent[i]
		if e.Points > 0 && e.At.After(t) {
			sum += e.Points
		}
	}
	return sum
}

func (a *Account) retier(now time.Time) {
	earned := a.earnedSince(now.AddDate(-1, 0, 0))
	t := Green
	for i := len(thresholds) - 1; i > 0; i-- {
		if earned >= thresholds[i] {
			t = Tier(i)
			break
		}
	}
	if t > a.Tier {
		a.Tier = t // tiers only drop at the yearly review
	}
}
