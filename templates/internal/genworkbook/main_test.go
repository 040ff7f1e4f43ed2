package main

import (
	"bytes"
	"os"
	"testing"
)

// The committed template is what the generator writes: edit the generator,
// then run `go generate ./templates`.
func TestBuild_MatchesCommittedTemplate(t *testing.T) {
	got, err := Build()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../workbook.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("templates/workbook.xlsx is stale: run go generate ./templates")
	}
	again, _ := Build()
	if !bytes.Equal(got, again) {
		t.Errorf("two builds of the template differ")
	}
}
