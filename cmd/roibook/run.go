package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/roibook/roibook/engine"
	"github.com/roibook/roibook/kpi"
	"github.com/roibook/roibook/reportgen"
)

// Exit codes.
const (
	exitOK    = 0
	exitInput = 1 // bad input or a report that cannot be built
	exitUsage = 2
)

// inputError marks an error of the job itself (exit 1), as opposed to a
// usage error (exit 2).
type inputError struct{ error }

func (e inputError) Unwrap() error { return e.error }

// run is main without the process: it parses args, runs the command, prints
// an error once as "roibook: ..." and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := &cli.Command{
		Name:            "roibook",
		Usage:           "turn platform exports and cost sheets into a social-media ROI workbook and deck",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(context.Context, *cli.Command, error) {},
		OnUsageError: func(_ context.Context, _ *cli.Command, err error, _ bool) error {
			return err
		},
		Commands: []*cli.Command{reportCommand(stdout), inspectCommand(stdout), templateCommand(stdout)},
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.Args().Present() {
				return fmt.Errorf("unknown command %q; see roibook --help", cmd.Args().First())
			}
			// No command is a usage error (exit 2), after the help.
			if err := cli.ShowAppHelp(cmd); err != nil {
				return err
			}
			return errors.New("want a command: report, inspect or template")
		},
	}
	err := root.Run(ctx, args)
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "roibook: %v\n", err)
	var ie inputError
	if errors.As(err, &ie) {
		return exitInput
	}
	return exitUsage
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func usageOnError(_ context.Context, _ *cli.Command, err error, _ bool) error { return err }

func reportCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "build a client's workbook and deck",
		ArgsUsage: "PATH (a roibook.yaml, or a folder holding one)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "period", Usage: "report period, overriding the configuration: 2026-10 or 2026-10-01..2026-10-15"},
			&cli.StringFlag{Name: "out", Usage: "output folder (default: out/ beside the configuration)"},
			&cli.StringFlag{Name: "template", Usage: "a workbook template to fill instead of the default one"},
			&cli.BoolFlag{Name: "json", Usage: "print a JSON summary to standard output"},
			&cli.BoolFlag{Name: "workbook-only", Usage: "write only the workbook"},
			&cli.BoolFlag{Name: "deck-only", Usage: "write only the deck"},
		},
		OnUsageError: usageOnError,
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return errors.New("report: want one PATH, a roibook.yaml or a folder holding one")
			}
			if cmd.Bool("workbook-only") && cmd.Bool("deck-only") {
				return errors.New("report: --workbook-only and --deck-only exclude each other")
			}
			if s := cmd.String("period"); s != "" {
				if _, err := kpi.ParsePeriod(s); err != nil {
					return fmt.Errorf("--period: %w", err)
				}
			}
			res, err := engine.Report(ctx, engine.ReportOptions{
				Config: cmd.Args().First(), Period: cmd.String("period"), OutDir: cmd.String("out"),
				Template: cmd.String("template"), WorkbookOnly: cmd.Bool("workbook-only"), DeckOnly: cmd.Bool("deck-only"),
			})
			if err != nil {
				return inputError{err}
			}
			if cmd.Bool("json") {
				return writeJSON(stdout, reportgen.Summarize(res.Report, res.Workbook, res.Deck))
			}
			for _, w := range res.Report.Warnings {
				fmt.Fprintf(cmd.Root().ErrWriter, "warning: %s\n", w)
			}
			for _, p := range []string{res.Workbook, res.Deck} {
				if p != "" {
					fmt.Fprintf(stdout, "wrote %s\n", p)
				}
			}
			return nil
		},
	}
}

func inspectCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "inspect",
		Usage:     "show what roibook sees in export files, without writing anything",
		ArgsUsage: "FILE...",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
			&cli.StringFlag{Name: "period", Usage: "count rows outside this period: 2026-10 or 2026-10-01..2026-10-15"},
		},
		OnUsageError: usageOnError,
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() == 0 {
				return errors.New("inspect: want at least one FILE")
			}
			var period kpi.Period
			if s := cmd.String("period"); s != "" {
				p, err := kpi.ParsePeriod(s)
				if err != nil {
					return fmt.Errorf("--period: %w", err)
				}
				period = p
			}
			list, ierr := engine.Inspect(cmd.Args().Slice(), period)
			if cmd.Bool("json") {
				if err := writeJSON(stdout, list); err != nil {
					return err
				}
			} else if err := engine.WriteInspections(stdout, list); err != nil {
				return err
			}
			if ierr != nil {
				return inputError{ierr}
			}
			return nil
		},
	}
}

func templateCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:         "template",
		Usage:        "export the default workbook template for restyling, or check one",
		OnUsageError: usageOnError,
		Commands: []*cli.Command{
			{
				Name:      "export",
				Usage:     "write the default workbook template to DIR/" + engine.TemplateFile,
				ArgsUsage: "DIR",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "force", Usage: "replace an existing " + engine.TemplateFile},
				},
				OnUsageError: usageOnError,
				Action: func(_ context.Context, cmd *cli.Command) error {
					if cmd.Args().Len() != 1 {
						return errors.New("template export: want one DIR")
					}
					path, err := engine.ExportTemplate(cmd.Args().First(), cmd.Bool("force"))
					if err != nil {
						return inputError{err}
					}
					fmt.Fprintf(stdout, "wrote %s\n", path)
					return nil
				},
			},
			{
				Name:         "check",
				Usage:        "check a workbook template as a report would, before reading any data",
				ArgsUsage:    "FILE",
				OnUsageError: usageOnError,
				Action: func(_ context.Context, cmd *cli.Command) error {
					if cmd.Args().Len() != 1 {
						return errors.New("template check: want one FILE")
					}
					file := cmd.Args().First()
					t, err := engine.CheckTemplate(file)
					if err != nil {
						return inputError{err}
					}
					ps := make([]string, len(t.Placeholders))
					for i, p := range t.Placeholders {
						ps[i] = "{{" + p + "}}"
					}
					fmt.Fprintf(stdout, "ok: %s: sheets %s; placeholders %s\n", file, strings.Join(t.Sheets, ", "), strings.Join(ps, " "))
					return nil
				},
			},
		},
		Action: func(_ context.Context, cmd *cli.Command) error {
			if cmd.Args().Present() {
				return fmt.Errorf("template: unknown command %q; want export or check", cmd.Args().First())
			}
			return errors.New("template: want a command: export DIR or check FILE")
		},
	}
}
