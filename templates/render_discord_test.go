package templates_test

import (
	"testing"

	"github.com/guildhall/guildhall/templates"
)

func discordCases() []renderCase {
	return []renderCase{
		{"discord_handled", "discord_handled", func(t *testing.T) any { return nil }},
		{"discord_form_late", "discord_form_late", func(t *testing.T) any { return nil }},
		{"discord_dm_consent", "discord_dm_consent", func(t *testing.T) any { return templates.DMConsent{User: "80351110224678912"} }},
	}
}
