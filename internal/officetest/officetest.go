// Package officetest runs LibreOffice and poppler for tests: recalculating
// a workbook as a spreadsheet application would, and reading a PDF's text.
// When a tool is missing the test is skipped with a message, unless
// ROIBOOK_REQUIRE_TOOLS is set (as .ci/run does), where it fails.
package officetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Need returns the path of tool, or skips (fails under ROIBOOK_REQUIRE_TOOLS) when absent.
func Need(tb testing.TB, tool string) string {
	tb.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("ROIBOOK_REQUIRE_TOOLS") != "" {
			tb.Fatalf("%s is required (ROIBOOK_REQUIRE_TOOLS is set) but not installed", tool)
		}
		tb.Skipf("%s not installed; install libreoffice-calc-nogui and poppler-utils to run this test", tool)
	}
	return p
}

// Recalc opens the workbook at path in LibreOffice headless, which
// computes every formula, and saves it as a new .xlsx whose cells carry the
// computed values. It returns the new file's path.
//
// LibreOffice's default is to show the values an .xlsx caches rather than
// recompute them; Recalc's profile tells it to recalculate every formula on
// load, so that a wrong cached value cannot pass for LibreOffice's result.
func Recalc(tb testing.TB, path string) string {
	tb.Helper()
	soffice := Need(tb, "soffice")
	out := tb.TempDir()
	profile := tb.TempDir()
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(alwaysRecalc), 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
		"--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, path)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	if b, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("soffice --convert-to xlsx %s: %v\n%s", path, err, b)
	}
	res := filepath.Join(out, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+".xlsx")
	if _, err := os.Stat(res); err != nil {
		tb.Fatalf("LibreOffice wrote no %s: %v", res, err)
	}
	return res
}

// alwaysRecalc is a LibreOffice profile setting: recalculate every formula
// of an .xlsx (OOXMLRecalcMode) or .ods (ODFRecalcMode) on load; 0 is
// "always", 1 "never" (the default for .xlsx), 2 "ask".
const alwaysRecalc = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// PDFText returns the text of page (1-based) of the PDF at path, from pdftotext.
func PDFText(tb testing.TB, path string, page int) string {
	tb.Helper()
	bin := Need(tb, "pdftotext")
	p := strconv.Itoa(page)
	b, err := exec.Command(bin, "-layout", "-f", p, "-l", p, path, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(b)
}
