package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/roibook/roibook/reportgen/workbook"
	"github.com/roibook/roibook/templates"
)

// TemplateFile is the name ExportTemplate gives the default workbook
// template.
const TemplateFile = "roibook-template.xlsx"

// ExportTemplate writes the default workbook template to
// dir/roibook-template.xlsx, creating dir, for an agency to restyle and
// pass back with --template. It refuses to replace an existing file unless
// force is set; a replacement is written to a temporary file and renamed
// into place. It returns the path written.
func ExportTemplate(dir string, force bool) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, TemplateFile)
	if !force {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("%s: already exists; pass --force to replace it", path)
		}
		if err != nil {
			return "", err
		}
		if _, err := f.Write(templates.Workbook); err != nil {
			f.Close()
			os.Remove(path)
			return "", err
		}
		if err := f.Close(); err != nil {
			os.Remove(path)
			return "", err
		}
		return path, nil
	}
	tmp, err := os.CreateTemp(dir, ".roibook-template-*.xlsx")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // fails once renamed
	if _, err := tmp.Write(templates.Workbook); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	return path, nil
}

// CheckTemplate checks the workbook template in file as a report would
// before reading any data (sheets, table anchors, placeholders in cells,
// headers and footers) and describes it. The error joins every problem,
// each naming the file, the sheet and the cell.
func CheckTemplate(file string) (*workbook.Template, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return workbook.Inspect(b, file)
}
