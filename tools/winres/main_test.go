package main

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func metadata(name, id, version string, build int) Metadata {
	var md Metadata
	md.Details.Name, md.Details.ID, md.Details.Version, md.Details.Build = name, id, version, build
	md.Details.Icon = "Icon.png"
	return md
}

func TestReadMetadata(t *testing.T) {
	tests := []struct {
		name    string
		toml    string
		wantErr string
	}{
		{"a complete file is read", `[Details]
Icon = "Icon.png"
Name = "DSP Desk"
ID = "uk.nhs.llr.dspdesk"
Version = "1.2.3"
Build = 4
`, ""},
		{"a two-part version is refused", "[Details]\nIcon = \"a.png\"\nName = \"N\"\nID = \"x.y\"\nVersion = \"1.2\"\n", "not MAJOR.MINOR.PATCH"},
		{"a pre-release version is refused", "[Details]\nIcon = \"a.png\"\nName = \"N\"\nID = \"x.y\"\nVersion = \"1.2.3-rc1\"\n", "not MAJOR.MINOR.PATCH"},
		{"a missing name is refused", "[Details]\nIcon = \"a.png\"\nID = \"x.y\"\nVersion = \"1.2.3\"\n", "needs Name, ID and Icon"},
		{"a build number Windows cannot hold is refused", "[Details]\nIcon = \"a.png\"\nName = \"N\"\nID = \"x.y\"\nVersion = \"1.2.3\"\nBuild = 70000\n", "not 0-65535"},
		{"a file that is not TOML is refused", "[Details\n", "read "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "FyneApp.toml")
			if err := os.WriteFile(file, []byte(tt.toml), 0o600); err != nil {
				t.Fatal(err)
			}
			md, err := readMetadata(file)
			if tt.wantErr == "" {
				if err != nil || md.Details.Version != "1.2.3" || md.Details.Build != 4 || md.Details.Name != "DSP Desk" {
					t.Errorf("got %+v, %v", md, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got error %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

func TestVersionInfoCarriesTheVersionExactly(t *testing.T) {
	vi := VersionInfo(metadata("DSP Desk", "uk.nhs.llr.dspdesk", "0.10.2", 7))
	s := vi.StringFileInfo
	if s.FileVersion != "0.10.2" || s.ProductVersion != "0.10.2" || s.ProductName != "DSP Desk" || s.OriginalFilename != "DSP Desk.exe" {
		t.Errorf("strings: %+v", s)
	}
	if v := vi.FixedFileInfo.FileVersion; v.Major != 0 || v.Minor != 10 || v.Patch != 2 || v.Build != 7 {
		t.Errorf("numeric file version %+v, want 0.10.2.7", v)
	}
	if vi.VarFileInfo.Translation.LangID != 0x0409 || vi.VarFileInfo.Translation.CharsetID != 1200 {
		t.Errorf("translation %+v, want US English, Unicode", vi.VarFileInfo.Translation)
	}
}

func TestManifestIsWellFormedXML(t *testing.T) {
	m := Manifest(metadata(`Tom & Jerry's <Desk>`, "uk.example.app", "1.2.3", 4))
	dec := xml.NewDecoder(strings.NewReader(m))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, m)
		}
	}
	for _, want := range []string{`name="uk.example.app" version="1.2.3.4"`, `level="asInvoker"`, "Tom &amp; Jerry&#39;s &lt;Desk&gt;"} {
		if !strings.Contains(m, want) {
			t.Errorf("manifest lacks %q:\n%s", want, m)
		}
	}
}

func TestEncodeICO(t *testing.T) {
	// given a 512 px picture, opaque red on the left half, transparent on the right
	src := image.NewNRGBA(image.Rect(0, 0, 512, 512))
	for y := 0; y < 512; y++ {
		for x := 0; x < 256; x++ {
			src.SetNRGBA(x, y, color.NRGBA{R: 255, A: 255})
		}
	}
	sizes := []int{16, 32, 256}

	// when
	var buf bytes.Buffer
	if err := EncodeICO(&buf, src, sizes); err != nil {
		t.Fatal(err)
	}

	// then the directory lists each size, and each entry's bytes lie where it says
	ico := buf.Bytes()
	le := binary.LittleEndian
	if le.Uint16(ico[0:]) != 0 || le.Uint16(ico[2:]) != 1 || int(le.Uint16(ico[4:])) != len(sizes) {
		t.Fatalf("ICONDIR % x", ico[:6])
	}
	end := 6 + 16*len(sizes)
	for i, s := range sizes {
		e := ico[6+16*i:]
		if w, h := int(e[0]), int(e[1]); w != s%256 || h != s%256 {
			t.Errorf("entry %d: %dx%d, want %d (0 means 256)", i, w, h, s%256)
		}
		if planes, bits := le.Uint16(e[4:]), le.Uint16(e[6:]); planes != 1 || bits != 32 {
			t.Errorf("entry %d: %d planes, %d bits", i, planes, bits)
		}
		size, offset := int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		if offset != end || offset+size > len(ico) {
			t.Fatalf("entry %d: %d bytes at %d, want them at %d within %d", i, size, offset, end, len(ico))
		}
		end = offset + size
		data := ico[offset:end]
		if s == 256 {
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil || img.Bounds().Dx() != 256 || img.Bounds().Dy() != 256 {
				t.Errorf("256 px entry is not a 256 px PNG: %v", err)
			}
			continue
		}
		if hs, w, h, bpp := le.Uint32(data), int32(le.Uint32(data[4:])), int32(le.Uint32(data[8:])), le.Uint16(data[14:]); hs != 40 || int(w) != s || int(h) != 2*s || bpp != 32 {
			t.Errorf("entry %d: bitmap header %d %dx%d %d bpp", i, hs, w, h, bpp)
		}
		if want := 40 + s*s*4 + (s+31)/32*4*s; len(data) != want {
			t.Errorf("entry %d: %d bytes, want %d", i, len(data), want)
		}
		// the bottom-left pixel (the first stored) is red and opaque, the
		// bottom-right one transparent
		if bgra := data[40:44]; bgra[2] < 250 || bgra[3] != 255 {
			t.Errorf("entry %d: bottom-left pixel BGRA % x, want opaque red", i, bgra)
		}
		if bgra := data[40+(s-1)*4 : 40+s*4]; bgra[3] != 0 {
			t.Errorf("entry %d: bottom-right pixel BGRA % x, want transparent", i, bgra)
		}
	}
	if end != len(ico) {
		t.Errorf("%d bytes after the last image", len(ico)-end)
	}

	t.Run("a size Windows cannot hold is refused", func(t *testing.T) {
		if err := EncodeICO(io.Discard, src, []int{512}); err == nil {
			t.Error("want an error")
		}
	})
}

func TestRunWritesAnAMD64ResourceObject(t *testing.T) {
	out := filepath.Join(t.TempDir(), "app_windows_amd64.syso")
	if err := run(filepath.Join("..", "..", "FyneApp.toml"), out, "amd64"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// a COFF object for x86-64 (machine 0x8664) with one .rsrc section
	if len(b) < 20 || binary.LittleEndian.Uint16(b) != 0x8664 || !bytes.Contains(b[20:60], []byte(".rsrc")) {
		t.Errorf("not an x86-64 COFF resource object: % x", b[:min(len(b), 60)])
	}
	// the version string is in it (UTF-16)
	if !bytes.Contains(b, []byte("F\x00i\x00l\x00e\x00V\x00e\x00r\x00s\x00i\x00o\x00n\x00")) {
		t.Error("no FileVersion string")
	}
}
