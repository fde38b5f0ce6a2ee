module github.com/acme/docconvert

go 1.19
