package bot

import (
	"strconv"
	"strings"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/templates"
)

// page reads page=N, 1 when it is not given.
func page(r *Request) (int, error) {
	v, ok := r.Opt("page")
	if !ok {
		return 1, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return 0, guild.FieldErrorf("page", "page= takes a page number such as page=2, not %q.", v)
	}
	return n, nil
}

// pages returns how many pages of size per total items fill (at least
// one), or an error when page is past the last.
func pages(total, per, page int) (int, error) {
	n := max(1, (total+per-1)/per)
	if page > n {
		verb := "are"
		if n == 1 {
			verb = "is"
		}
		return 0, guild.FieldErrorf("page", "There %s only %s.", verb, templates.Plural(n, "page", "pages"))
	}
	return n, nil
}
