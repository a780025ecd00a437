package app

import (
	"archive/zip"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/athar-project/athar/internal/access"
	"github.com/athar-project/athar/internal/model"
)

// Downloads: the exports a signed-in account takes from the web UI. An
// export leaves Athar, and every showing of restricted or confidential
// material must be recorded item by item (the audit rule); a download is
// therefore cut at DownloadCeiling whatever the account's clearance, and
// what lies above it is exported from the command line, by whoever holds
// the data directory.

// DownloadCeiling is the most sensitive level a web download holds.
const DownloadCeiling = model.Internal

// Download kinds.
const (
	DownloadFtM           = "ftm"            // FtM entities, JSON lines
	DownloadStatementsCSV = "statements-csv" // FtM statements, FtM's CSV
	DownloadCSV           = "csv"            // Athar's CSV tables, zipped
	DownloadPublic        = "public"         // the public dataset, zipped
)

// DownloadKinds lists the kinds of download.
func DownloadKinds() []string {
	return []string{DownloadFtM, DownloadStatementsCSV, DownloadCSV, DownloadPublic}
}

// Download writes an export of kind for v to w, cut at DownloadCeiling;
// with partner named, an export to share with that partner (ForPartner:
// testimonies without consent to it left out). The public dataset takes no
// partner: it holds only what witnesses consented to publish.
func (a *App) Download(ctx context.Context, v access.Viewer, kind, partner string, w io.Writer) error {
	if v.Anonymous {
		return forbidden("sign in to download exports")
	}
	cut := v
	if cut.Clearance > DownloadCeiling {
		cut.Clearance = DownloadCeiling
	}
	var opt ExportOptions
	if kind != DownloadPublic {
		if err := a.ForPartner(ctx, &opt, partner); err != nil {
			return err
		}
	}
	switch kind {
	case DownloadFtM:
		return a.ExportFtM(ctx, cut, FtMEntities, opt, w)
	case DownloadStatementsCSV:
		return a.ExportFtM(ctx, cut, FtMStatementsCSV, opt, w)
	case DownloadCSV, DownloadPublic:
		dir, err := os.MkdirTemp("", "athar-download-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if kind == DownloadCSV {
			err = a.ExportCSV(ctx, cut, opt, dir)
		} else {
			err = a.ExportPublic(ctx, dir)
		}
		if err != nil {
			return err
		}
		return zipDir(dir, w)
	}
	return invalid("download %q: want ftm, statements-csv, csv or public", kind)
}

// zipDir writes every file under dir to w as a zip archive.
func zipDir(dir string, w io.Writer) error {
	zw := zip.NewWriter(w)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		out, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = io.Copy(out, f)
		return err
	})
	if err != nil {
		return err
	}
	return zw.Close()
}
