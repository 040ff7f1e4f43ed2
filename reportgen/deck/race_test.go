//go:build race

package deck

const raceEnabled = true
