// Package model defines the stored account record and its API views.
package model

import "time"

// Record is an account as stored.
type Record struct {
	ID          int64
	Email       string
	DisplayName string
	GivenName   string
	FamilyName  string
	Country     string
	Locale      string
	Timezone    string
	Plan        string
	Status      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	LastLogin   time.Time
	LoginCount  int
	Verified    bool
	MFAEnabled  bool
	Marketing   bool
	CreditCents int64
	PasswordRef string
	RiskScore   float64
}

// Summary is the list view of an account.
type Summary struct {
	ID          int64
	Email       string
	DisplayName string
	Country     string
	Plan        string
	Status      string
	CreatedAt   time.Time
	Verified    bool
}

// Detail is the detail view of an account.
type Detail struct {
	ID          int64
	Email       string
	DisplayName string
	GivenName   string
	FamilyName  string
	Country     string
	Locale      string
	Timezone    string
	Plan        string
	Status      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	LastLogin   time.Time
	LoginCount  int
	Verified    bool
	MFAEnabled  bool
	Marketing   bool
	CreditCents int64
}
