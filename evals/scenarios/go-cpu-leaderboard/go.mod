module github.com/acme/leaderboard

go 1.19
