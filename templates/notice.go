package templates

import "github.com/guildhall/guildhall/cfp"

// Compose writes the message a call for proposals sends, from the
// template for its kind (cfp_notice_accepted, …). It is a cfp.Composer.
func Compose(n *cfp.Notice) (string, error) {
	return Render("cfp_notice_"+string(n.Kind), n)
}

var _ cfp.Composer = Compose
