// Package assets holds the resources bundled into DSP Desk: the application
// icon (and, later, the fonts the PDFs embed).
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed Icon.png
var iconPNG []byte

// Icon is the application icon, also named in FyneApp.toml.
var Icon = fyne.NewStaticResource("Icon.png", iconPNG)
