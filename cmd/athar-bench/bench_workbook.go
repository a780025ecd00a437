package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"
)

func init() { registerBench(workbookCmd) }

// workbookCmd writes a CSV file as an .xlsx workbook of one sheet, a row
// at a time (excelize's StreamWriter), for scripts/bench-import.sh's
// workbook imports.
func workbookCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "workbook IN.csv OUT.xlsx",
		Short: "Write a CSV file as an .xlsx workbook (input for import benchmarks)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := csvToWorkbook(args[0], args[1]); err != nil {
				return cannot(err)
			}
			return nil
		},
	}
}

func csvToWorkbook(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	wb := excelize.NewFile()
	defer wb.Close()
	sw, err := wb.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	for n := 1; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", in, err)
		}
		cells := make([]any, len(rec))
		for i, c := range rec {
			cells[i] = c
		}
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return wb.SaveAs(out)
}
