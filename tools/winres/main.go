// Command winres writes the Windows resources of DSP Desk's .exe into a .syso
// file that `go build` links in: the icon, the version information and an
// application manifest, all taken from FyneApp.toml (the one place the app's
// name, ID, version and icon are set).
//
// Usage (from the repository root; the Makefile's `windows` target runs it):
//
//	go -C tools run ./winres -app ../FyneApp.toml -o ../dspdesk_windows_amd64.syso
//
// It needs no C tool chain, so it works the same on Linux (cross-compiling)
// and on Windows.
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"html"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/BurntSushi/toml"
	"github.com/josephspurrier/goversioninfo"
	"golang.org/x/image/draw"
)

// Metadata is the part of FyneApp.toml that the resources use.
type Metadata struct {
	Details struct {
		Icon    string
		Name    string
		ID      string
		Version string
		Build   int
	}
}

func main() {
	appToml := flag.String("app", "FyneApp.toml", "the app's FyneApp.toml")
	out := flag.String("o", "", "the .syso file to write, named *_windows_amd64.syso so only Windows builds link it")
	arch := flag.String("arch", "amd64", "the Windows architecture: amd64 or arm64")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*appToml, *out, *arch); err != nil {
		fmt.Fprintln(os.Stderr, "winres:", err)
		os.Exit(1)
	}
}

func run(appToml, out, arch string) error {
	md, err := readMetadata(appToml)
	if err != nil {
		return err
	}
	iconFile := filepath.Join(filepath.Dir(appToml), filepath.FromSlash(md.Details.Icon))
	f, err := os.Open(iconFile)
	if err != nil {
		return fmt.Errorf("the icon FyneApp.toml names: %w", err)
	}
	defer f.Close()
	icon, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", iconFile, err)
	}

	tmp, err := os.MkdirTemp("", "winres-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	icoPath := filepath.Join(tmp, "app.ico")
	manifestPath := filepath.Join(tmp, "app.manifest")
	var ico bytes.Buffer
	if err := EncodeICO(&ico, icon, IconSizes); err != nil {
		return err
	}
	if err := os.WriteFile(icoPath, ico.Bytes(), 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(manifestPath, []byte(Manifest(md)), 0o600); err != nil {
		return err
	}

	vi := VersionInfo(md)
	vi.IconPath = icoPath
	vi.ManifestPath = manifestPath
	vi.Build()
	vi.Walk()
	if err := vi.WriteSyso(out, arch); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	return nil
}

var versionPattern = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)$`)

// readMetadata reads FyneApp.toml and checks what the resources need.
func readMetadata(file string) (Metadata, error) {
	var md Metadata
	if _, err := toml.DecodeFile(file, &md); err != nil {
		return md, fmt.Errorf("read %s: %w", file, err)
	}
	d := md.Details
	switch {
	case d.Name == "", d.ID == "", d.Icon == "":
		return md, fmt.Errorf("%s: [Details] needs Name, ID and Icon", file)
	case !versionPattern.MatchString(d.Version):
		return md, fmt.Errorf("%s: Version %q is not MAJOR.MINOR.PATCH", file, d.Version)
	case d.Build < 0 || d.Build > 65535:
		return md, fmt.Errorf("%s: Build %d is not 0-65535", file, d.Build)
	}
	return md, nil
}

// fourPart is MAJOR.MINOR.PATCH.BUILD, the form Windows keeps numerically.
func fourPart(md Metadata) goversioninfo.FileVersion {
	m := versionPattern.FindStringSubmatch(md.Details.Version)
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return goversioninfo.FileVersion{Major: n(m[1]), Minor: n(m[2]), Patch: n(m[3]), Build: md.Details.Build}
}

// VersionInfo is the VERSIONINFO resource: the strings Explorer shows in the
// file's Properties > Details (FileVersion and ProductVersion are
// FyneApp.toml's Version exactly) and the numeric MAJOR.MINOR.PATCH.BUILD.
func VersionInfo(md Metadata) *goversioninfo.VersionInfo {
	d := md.Details
	v := fourPart(md)
	vi := &goversioninfo.VersionInfo{}
	vi.FixedFileInfo.FileVersion = v
	vi.FixedFileInfo.ProductVersion = v
	vi.FixedFileInfo.FileFlagsMask = "3f"
	vi.FixedFileInfo.FileOS = "40004" // VOS_NT_WINDOWS32
	vi.FixedFileInfo.FileType = "01"  // VFT_APP
	vi.StringFileInfo = goversioninfo.StringFileInfo{
		FileDescription:  d.Name,
		FileVersion:      d.Version,
		InternalName:     d.ID,
		OriginalFilename: d.Name + ".exe",
		ProductName:      d.Name,
		ProductVersion:   d.Version,
	}
	vi.VarFileInfo.Translation = goversioninfo.Translation{LangID: goversioninfo.LngUSEnglish, CharsetID: goversioninfo.CsUnicode}
	return vi
}

// Manifest is the application manifest: who the program is, that it runs
// as the user who starts it (never asks to elevate), and which Windows
// versions it was written for. DPI awareness is left to GLFW, which sets it
// when it starts, as for every Fyne app.
func Manifest(md Metadata) string {
	d := md.Details
	v := fourPart(md)
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="%s" version="%d.%d.%d.%d" processorArchitecture="*"/>
  <description>%s</description>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security>
      <requestedPrivileges>
        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
      </requestedPrivileges>
    </security>
  </trustInfo>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
      <supportedOS Id="{1f676c76-80e1-4239-95bb-83d0f6d0da78}"/>
      <supportedOS Id="{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}"/>
      <supportedOS Id="{35138b9a-5d96-4fbd-8e2d-a2440225f93a}"/>
    </application>
  </compatibility>
</assembly>
`, html.EscapeString(d.ID), v.Major, v.Minor, v.Patch, v.Build, html.EscapeString(d.Name))
}

// IconSizes are the square sizes the .ico holds: what Explorer, the task bar
// and Alt+Tab ask for at 100-200% scaling.
var IconSizes = []int{16, 20, 24, 32, 40, 48, 64, 128, 256}

// EncodeICO writes src scaled to each size as an .ico file: 256 px as PNG
// (as Windows expects), smaller sizes as 32-bit BGRA bitmaps, which every
// Windows version reads.
func EncodeICO(w io.Writer, src image.Image, sizes []int) error {
	if len(sizes) == 0 {
		return errors.New("ico: no sizes")
	}
	images := make([][]byte, len(sizes))
	for i, s := range sizes {
		if s < 1 || s > 256 {
			return fmt.Errorf("ico: size %d is not 1-256", s)
		}
		img := image.NewNRGBA(image.Rect(0, 0, s, s))
		draw.CatmullRom.Scale(img, img.Bounds(), src, src.Bounds(), draw.Src, nil)
		var buf bytes.Buffer
		if s == 256 {
			if err := png.Encode(&buf, img); err != nil {
				return err
			}
		} else {
			writeDIB(&buf, img)
		}
		images[i] = buf.Bytes()
	}

	var out bytes.Buffer
	le := func(v any) { _ = binary.Write(&out, binary.LittleEndian, v) }
	le([3]uint16{0, 1, uint16(len(sizes))}) // ICONDIR: reserved, type 1 = icon, count
	offset := 6 + 16*len(sizes)
	for i, s := range sizes {
		dim := uint8(s % 256) // 0 means 256
		out.Write([]byte{dim, dim, 0, 0})
		le([2]uint16{1, 32}) // colour planes, bits per pixel
		le([2]uint32{uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, b := range images {
		out.Write(b)
	}
	_, err := w.Write(out.Bytes())
	return err
}

// writeDIB writes img as an icon bitmap: a BITMAPINFOHEADER of twice the
// height, the BGRA rows bottom up, then an all-zero AND mask (the alpha
// channel does the masking).
func writeDIB(buf *bytes.Buffer, img *image.NRGBA) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	maskRow := (w + 31) / 32 * 4
	header := struct {
		Size          uint32
		Width, Height int32
		Planes, Bits  uint16
		Compression   uint32
		ImageSize     uint32
		XPels, YPels  int32
		Used, Import  uint32
	}{Size: 40, Width: int32(w), Height: int32(2 * h), Planes: 1, Bits: 32, ImageSize: uint32(w*h*4 + maskRow*h)}
	_ = binary.Write(buf, binary.LittleEndian, header)
	for y := h - 1; y >= 0; y-- {
		for x := 0; x < w; x++ {
			c := img.NRGBAAt(x, y)
			buf.Write([]byte{c.B, c.G, c.R, c.A})
		}
	}
	buf.Write(make([]byte, maskRow*h))
}
