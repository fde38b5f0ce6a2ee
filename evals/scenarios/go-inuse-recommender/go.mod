module github.com/acme/recommender

go 1.19
