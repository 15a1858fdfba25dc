package event_test

import (
	"strings"
	"testing"

	"github.com/guildhall/guildhall/pkg/event"
	"github.com/guildhall/guildhall/pkg/guild"
)

func TestParseChannel(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"#devday", "devday"},
		{"devday", "devday"},
		{"  #devday ", "devday"},
		{"#DevDay", "devday"},
		{"#dev-day_2027", "dev-day_2027"},
		{"#" + strings.Repeat("a", 80), strings.Repeat("a", 80)},
		{strings.Repeat("é", 80), strings.Repeat("é", 80)},
		{"none", ""},
		{"NONE", ""},
		{" None ", ""},
	}
	for _, tt := range tests {
		got, err := event.ParseChannel(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseChannel(%q) = %q, %v, want %q, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseChannelErrors(t *testing.T) {
	tests := []struct {
		name, in string
		wantIn   []string
	}{
		{"empty", "", []string{"Name the channel", "#devday"}},
		{"only a hash", "#", []string{"Name the channel"}},
		{"spaces", "#dev day", []string{`"dev day" is not a channel`, "no spaces", "#devday"}},
		{"81 characters", strings.Repeat("a", 81), []string{"81 characters long", "the limit is 80"}},
		{"two hashes", "##devday", []string{`"#devday" is not a channel's name`}},
		{"an unfinished mention", "<#C0123", []string{`"<#c0123" is not a channel's name`}},
		{"a user", "@devday", []string{"is not a channel's name"}},
		{"control character", "dev\x07day", []string{"is not a channel's name"}},
		{"invalid UTF-8", "caf\xe9", []string{"not valid text"}},
	}
	for _, tt := range tests {
		got, err := event.ParseChannel(tt.in)
		if err == nil {
			t.Errorf("%s: ParseChannel(%q) = %q, want an error", tt.name, tt.in, got)
			continue
		}
		if code, field := guild.ErrorCode(err), guild.ErrorField(err); code != guild.EINVALID || field != "channel" {
			t.Errorf("%s: ParseChannel(%q) code, field = %q, %q, want %q, %q", tt.name, tt.in, code, field, guild.EINVALID, "channel")
		}
		msg := guild.ErrorMessage(err)
		for _, w := range tt.wantIn {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: ParseChannel(%q) message = %q, want it to contain %q", tt.name, tt.in, msg, w)
			}
		}
	}
}

func TestCheckChannel(t *testing.T) {
	for _, ok := range []string{"", "devday", "C0123ABC", "80351110224678912"} {
		if err := event.CheckChannel(ok); err != nil {
			t.Errorf("CheckChannel(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"#devday", "dev day", "<#C0123>", strings.Repeat("a", 81)} {
		if err := event.CheckChannel(bad); guild.ErrorField(err) != "channel" {
			t.Errorf("CheckChannel(%q) = %v, want an error on channel", bad, err)
		}
	}
}

func TestChannelRef(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"devday", "#devday"},
		{"2027", "#2027"},
		{"C0123ABC", "<#C0123ABC>"},
		{"80351110224678912", "<#80351110224678912>"},
	}
	for _, tt := range tests {
		if got := event.ChannelRef(tt.in); got != tt.want {
			t.Errorf("ChannelRef(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
