package bot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEReferencesEveryCommand keeps the README's command reference
// true: every registered command's usage must appear in it, as generated.
func TestREADMEReferencesEveryCommand(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	e := newEnv(t)
	rt := e.bot.Router()
	for _, name := range rt.Names() {
		for _, c := range rt.Commands(name) {
			// A pipe in a Markdown table cell must be escaped, even in code.
			usage := strings.ReplaceAll(c.Usage(), "|", `\|`)
			if row := "| `" + usage + "` | " + c.Summary + " |"; !strings.Contains(readme, row) {
				t.Errorf("README.md lacks the reference row\n%s", row)
			}
		}
	}
}
