package templates

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"
)

// The web pages are HTML templates, apart from the chat texts: each file
// html/NAME.html is rendered by RenderHTML(w, "NAME", view), with
// html/template escaping every value for where it lands.
//
//go:embed html/*.html
var htmlFiles embed.FS

var (
	htmlOnce sync.Once
	htmlSet  *template.Template
	htmlErr  error
	htmlHash string // the CSP hash of the pages' one <style> element
	htmlSum  string // a digest of every HTML template
	htmlBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}
)

// parseHTML parses the HTML templates once, and works out the hash of the
// style sheet the pages inline and the digest of the templates.
func parseHTML() (*template.Template, error) {
	htmlOnce.Do(func() {
		htmlSet, htmlErr = template.New("").Option("missingkey=error").ParseFS(htmlFiles, "html/*.html")
		if htmlErr != nil {
			return
		}
		// The hash is taken of the style sheet exactly as a page carries
		// it, inside <style>, where html/template would drop comments.
		var buf bytes.Buffer
		if htmlErr = htmlSet.ExecuteTemplate(&buf, "stylesheet", nil); htmlErr != nil {
			return
		}
		css, ok := strings.CutPrefix(buf.String(), "<style>")
		css, ok2 := strings.CutSuffix(css, "</style>")
		if !ok || !ok2 {
			htmlErr = fmt.Errorf("the stylesheet template must be one <style> element, got %.40q", buf.String())
			return
		}
		sum := sha256.Sum256([]byte(css))
		htmlHash = "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
		htmlSum, htmlErr = digestHTML()
	})
	return htmlSet, htmlErr
}

// digestHTML returns a short digest of every embedded HTML template.
func digestHTML() (string, error) {
	names, err := fs.Glob(htmlFiles, "html/*.html")
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := htmlFiles.ReadFile(n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)[:8]), nil
}

// RenderHTML renders the HTML template called name (html/NAME.html) with
// data to w. It writes nothing when rendering fails, so a page is never
// cut off halfway.
func RenderHTML(w io.Writer, name string, data any) error {
	t, err := parseHTML()
	if err != nil {
		return fmt.Errorf("templates: parse html: %w", err)
	}
	buf := htmlBufs.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); htmlBufs.Put(buf) }()
	if err := t.ExecuteTemplate(buf, name+".html", data); err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// StyleHash returns the Content-Security-Policy source that allows the
// pages' inline style sheet and nothing else, such as
// 'sha256-AbC…='; it panics if the embedded templates do not parse, which
// the tests rule out.
func StyleHash() string {
	if _, err := parseHTML(); err != nil {
		panic(err)
	}
	return "'" + htmlHash + "'"
}

// HTMLDigest returns a short digest of the HTML templates, which changes
// whenever a page's markup or style does: part of an ETag, so that a new
// build does not leave browsers with a stale page.
func HTMLDigest() string {
	if _, err := parseHTML(); err != nil {
		return ""
	}
	return htmlSum
}
