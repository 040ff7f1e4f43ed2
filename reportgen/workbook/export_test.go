package workbook

// SetMaxDataRows sets how many rows one Data sheet holds, for tests that
// split the Data table without writing a million rows; it returns the
// function that restores the limit. Tests calling it must not run in
// parallel with other fills.
func SetMaxDataRows(n int) (restore func()) {
	old := maxDataRows
	maxDataRows = n
	return func() { maxDataRows = old }
}
