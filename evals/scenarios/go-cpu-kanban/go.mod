module github.com/acme/kanban

go 1.19
