module github.com/acme/fraudscore

go 1.19
