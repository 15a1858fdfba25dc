// Package templates holds every text the bot sends, as Go text templates
// embedded in the binary, and the typed views they are rendered from.
//
// Each file NAME.tmpl is rendered by Render("NAME", view). Rendering trims
// trailing spaces from every line, collapses runs of blank lines and trims
// the result, so templates can be laid out for reading. Golden files under
// testdata/ pin what each one renders.
//
// The web pages' HTML lives here too, in html/*.html, rendered with
// html/template by RenderHTML, so every word guildhall shows anyone is in
// this package.
package templates
