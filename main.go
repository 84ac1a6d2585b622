// Command dspdesk is DSP Desk, the desktop app of the Dynamic Support Pathway
// team in Leicester, Leicestershire and Rutland.
package main

import (
	"flag"
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"dspdesk/app"
	"dspdesk/app/calendar"
	"dspdesk/assets"
	"dspdesk/forms"
)

// version matches FyneApp.toml (a test checks it); release builds may set it
// with -ldflags "-X main.version=...".
var version = "0.1.0"

// appID matches FyneApp.toml.
const appID = "uk.nhs.llr.dspdesk"

func main() {
	flags := flag.NewFlagSet("dspdesk", flag.ContinueOnError)
	showVersion := flags.Bool("version", false, "print the version and exit")
	flags.Usage = func() {
		fmt.Fprintf(flags.Output(), "DSP Desk %s: the Dynamic Support Pathway register, meetings and action plans.\n\nUsage: dspdesk [flags]\n\n", version)
		flags.PrintDefaults()
	}
	if err := flags.Parse(os.Args[1:]); err != nil {
		if err == flag.ErrHelp {
			return
		}
		os.Exit(2)
	}
	if *showVersion {
		fmt.Println("DSP Desk", version)
		return
	}

	a := fyneapp.NewWithID(appID)
	a.SetIcon(assets.Icon)
	w := forms.NewMainWindow(a, forms.Deps{
		Clock:    app.SystemClock{},
		Calendar: calendar.Default(),
		Settings: app.DefaultSettings(),
		Version:  version,
	})
	w.ShowAndRun()
}
