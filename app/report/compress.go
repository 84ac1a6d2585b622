package report

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// errPDFLayout is a PDF whose objects are not laid out as gofpdf writes
// them (a programming error: compressPages reads only gofpdf's output).
var errPDFLayout = errors.New("report: the PDF is not laid out as expected")

// compressPages deflates the page contents of a PDF that gofpdf wrote
// uncompressed, with one compressor for every page, and writes the
// cross-reference table again for the objects' new places. gofpdf makes a
// new compressor (over half a megabyte of tables to clear) for each page,
// which was most of the time a long action plan took; the bytes are the
// ones gofpdf's own compression gives (tested).
func compressPages(raw []byte) ([]byte, error) {
	xrefAt, offsets, tail, err := readXref(raw)
	if err != nil {
		return nil, err
	}
	order := make([]int, 0, len(offsets))
	for j := 1; j < len(offsets); j++ {
		order = append(order, j)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	if len(order) == 0 || offsets[order[0]] <= 0 {
		return nil, errPDFLayout
	}
	out := bytes.NewBuffer(make([]byte, 0, len(raw)/3))
	out.Write(raw[:offsets[order[0]]])
	var data bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&data, zlib.BestSpeed) // a valid level: no error
	pages := pageContents(raw[:xrefAt])
	moved := make([]int, len(offsets))
	for i, j := range order {
		end := xrefAt
		if i+1 < len(order) {
			end = offsets[order[i+1]]
		}
		if end < offsets[j] {
			return nil, errPDFLayout
		}
		moved[j] = out.Len()
		obj := raw[offsets[j]:end]
		content, ok := plainStream(obj, j)
		if !ok || !pages[j] {
			out.Write(obj)
			continue
		}
		data.Reset()
		zw.Reset(&data)
		if _, err := zw.Write(content); err != nil {
			return nil, fmt.Errorf("report: compress a page: %w", err)
		}
		if err := zw.Close(); err != nil {
			return nil, fmt.Errorf("report: compress a page: %w", err)
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", j, data.Len())
		out.Write(data.Bytes())
		out.WriteString("\nendstream\nendobj\n")
	}
	newXref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for j := 1; j < len(offsets); j++ {
		fmt.Fprintf(out, "%010d 00000 n \n", moved[j])
	}
	out.Write(tail)
	fmt.Fprintf(out, "%d\n%%%%EOF\n", newXref)
	return out.Bytes(), nil
}

// readXref reads where the cross-reference table starts, each object's
// offset (index 0 is the free entry) and what follows the table up to and
// including "startxref\n".
func readXref(raw []byte) (at int, offsets []int, tail []byte, err error) {
	const start = "startxref\n"
	s := bytes.LastIndex(raw, []byte(start))
	if s < 0 {
		return 0, nil, nil, errPDFLayout
	}
	num, _, ok := bytes.Cut(raw[s+len(start):], []byte("\n"))
	if at, err = strconv.Atoi(string(num)); !ok || err != nil || at < 0 || at >= s {
		return 0, nil, nil, errPDFLayout
	}
	head, rest, ok := bytes.Cut(raw[at:], []byte("\n0000000000 65535 f \n"))
	n, err := strconv.Atoi(string(bytes.TrimPrefix(head, []byte("xref\n0 "))))
	if !ok || err != nil || n < 1 || !bytes.HasPrefix(head, []byte("xref\n0 ")) || len(rest) < 20*(n-1) {
		return 0, nil, nil, errPDFLayout
	}
	offsets = make([]int, n)
	for j := 1; j < n; j++ {
		e := rest[20*(j-1) : 20*j]
		if !bytes.HasSuffix(e, []byte(" 00000 n \n")) {
			return 0, nil, nil, errPDFLayout
		}
		if offsets[j], err = strconv.Atoi(string(e[:10])); err != nil || offsets[j] >= at {
			return 0, nil, nil, errPDFLayout
		}
	}
	from := len(raw) - len(rest) + 20*(n-1) // the trailer
	if from > s {
		return 0, nil, nil, errPDFLayout
	}
	return at, offsets, raw[from : s+len(start)], nil
}

// plainStream returns the data of object j when it is an uncompressed
// stream with no other keys ("<</Length n>>"): a page's contents as gofpdf
// writes them without compression.
func plainStream(obj []byte, j int) ([]byte, bool) {
	head := strconv.Itoa(j) + " 0 obj\n<</Length "
	if !bytes.HasPrefix(obj, []byte(head)) {
		return nil, false
	}
	num, rest, ok := bytes.Cut(obj[len(head):], []byte(">>\nstream\n"))
	n, err := strconv.Atoi(string(num))
	if !ok || err != nil || n < 0 || len(rest) < n || !bytes.Equal(rest[n:], []byte("\nendstream\nendobj\n")) {
		return nil, false
	}
	return rest[:n], true
}

// pageContents is the set of objects named as a page's contents.
func pageContents(raw []byte) map[int]bool {
	out := map[int]bool{}
	const key = "/Contents "
	for i := bytes.Index(raw, []byte(key)); i >= 0; {
		rest := raw[i+len(key):]
		num, _, _ := bytes.Cut(rest, []byte(" "))
		if n, err := strconv.Atoi(string(num)); err == nil {
			out[n] = true
		}
		next := bytes.Index(rest, []byte(key))
		if next < 0 {
			break
		}
		i += len(key) + next
	}
	return out
}
