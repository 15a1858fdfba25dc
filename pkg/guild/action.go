package guild

// Action is a button a message offers: pressing it runs Command as the
// person who pressed it, exactly as if they had typed it, so every check
// a typed command gets applies to it too. Platforms without buttons show
// the command to type.
type Action struct {
	// Label is the button's text, such as "Confirm".
	Label string `json:"label"`
	// Command is the command line it runs, such as "/cfp confirm #12".
	Command string `json:"command"`
	// Primary and Danger style the button.
	Primary bool `json:"primary,omitempty"`
	Danger  bool `json:"danger,omitempty"`
}
