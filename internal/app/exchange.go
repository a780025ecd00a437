package app

import (
	"bytes"
	"context"
	"io"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/dataimport"
	"github.com/athar-project/athar/internal/export"
	"github.com/athar-project/athar/internal/model"
)

// Exports and imports. What an export holds is what its viewer may see (the
// read policy, applied by the store); the public dataset is what the
// anonymous public may see, whoever writes it. An import is made as its
// viewer — analysts and up — and places what it names with the process's
// resolver.

// ExportOptions tune an export.
type ExportOptions = export.Options

// ExportFormat is the form of an FtM export.
type ExportFormat int

// Export formats.
const (
	FtMEntities      ExportFormat = iota // FollowTheMoney entities, JSON lines
	FtMStatements                        // FtM statements, JSON lines
	FtMStatementsCSV                     // FtM statements, FtM's CSV
)

// ExportFtM writes what v may see as FollowTheMoney, in form f, to w.
func (a *App) ExportFtM(ctx context.Context, v access.Viewer, f ExportFormat, opt ExportOptions, w io.Writer) error {
	switch f {
	case FtMStatements:
		return export.WriteStatements(ctx, a.st, v, opt, w)
	case FtMStatementsCSV:
		return export.WriteStatementsCSV(ctx, a.st, v, opt, w)
	}
	return export.WriteFTM(ctx, a.st, v, opt, w)
}

// ExportCSV writes what v may see as CSV files into dir.
func (a *App) ExportCSV(ctx context.Context, v access.Viewer, opt ExportOptions, dir string) error {
	return export.WriteCSV(ctx, a.st, v, opt, dir)
}

// ExportPublic writes the public dataset into dir: what the anonymous public
// may see — confirmed statements of public level — whoever asks; nothing
// drawn from a testimony whose witness did not consent to publication, even
// one whose level someone lowered to public.
func (a *App) ExportPublic(ctx context.Context, dir string) error {
	withhold, err := a.WithoutConsent(ctx, model.UsePublication, "")
	if err != nil {
		return err
	}
	return export.PublicWithout(ctx, a.st, dir, withhold)
}

// Import options, results and spreadsheet mappings.
type (
	ImportOptions = dataimport.Options
	ImportResult  = dataimport.Result
	Mapping       = dataimport.Mapping
)

// ImportFtM imports a FollowTheMoney file (entities or statements) as v.
func (a *App) ImportFtM(ctx context.Context, v access.Viewer, data []byte, opt ImportOptions) (ImportResult, error) {
	return a.ImportFtMFile(ctx, v, bytes.NewReader(data), opt)
}

// ImportFtMFile is ImportFtM reading from f, which it reads more than once
// and never holds whole (dataimport.FtMFile).
func (a *App) ImportFtMFile(ctx context.Context, v access.Viewer, f io.ReadSeeker, opt ImportOptions) (ImportResult, error) {
	if err := a.importResolver(ctx, &opt); err != nil {
		return ImportResult{}, err
	}
	res, err := dataimport.FtMFile(ctx, a.st, v, f, opt)
	if err == nil && res.Source != "" {
		a.watch(ctx, []string{res.Source})
	}
	return res, err
}

// ImportSheet imports a spreadsheet (CSV or XLSX) by its mapping, as v.
func (a *App) ImportSheet(ctx context.Context, v access.Viewer, data []byte, m Mapping, opt ImportOptions) (ImportResult, error) {
	return a.ImportSheetFile(ctx, v, bytes.NewReader(data), m, opt)
}

// ImportSheetFile is ImportSheet reading from f, which it reads more than
// once and, for a CSV file (in UTF-8, or in a legacy encoding decoded as a
// stream) or a workbook read from its file, never holds whole
// (dataimport.CSVFile).
func (a *App) ImportSheetFile(ctx context.Context, v access.Viewer, f dataimport.File, m Mapping, opt ImportOptions) (ImportResult, error) {
	if err := a.importResolver(ctx, &opt); err != nil {
		return ImportResult{}, err
	}
	res, err := dataimport.CSVFile(ctx, a.st, v, f, m, opt)
	if err == nil && res.Source != "" {
		a.watch(ctx, []string{res.Source})
	}
	return res, err
}

// importResolver gives an import the process's resolver, so that what it
// places is known to the rest of the process.
func (a *App) importResolver(ctx context.Context, opt *ImportOptions) error {
	if opt.Resolver != nil {
		return nil
	}
	r, err := a.resolver(ctx)
	if err != nil {
		return err
	}
	opt.Resolver = r
	return nil
}
