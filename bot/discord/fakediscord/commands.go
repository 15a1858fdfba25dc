package fakediscord

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's caps on application commands.
const (
	maxCommands    = 100
	maxOptions     = 25
	maxChoices     = 25
	maxDescription = 100
	maxCommandText = 4000 // names, descriptions and choices of one command
)

// commandName is the pattern of command and option names; they must also
// be lower case where the letter has a case.
var commandName = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// putCommands answers the bulk overwrite of the application's global or
// guild commands: it checks them as Discord does, keeps the id of a
// command that has the same name and type as before, and returns them.
func (s *Server) putCommands(r *http.Request, body []byte) reply {
	if rep := s.checkCommandsPath(r); rep != nil {
		return *rep
	}
	var cmds []*discordgo.ApplicationCommand
	if rep := decode(body, &cmds); rep != nil {
		return *rep
	}
	if rep := validateCommands(cmds); rep != nil {
		return *rep
	}
	guild := r.PathValue("guild")
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range cmds {
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
		key := fmt.Sprintf("%s/%d/%s", guild, c.Type, c.Name)
		id := s.cmdIDs[key]
		if id == "" {
			id = s.snowflake()
			s.cmdIDs[key] = id
		}
		c.ID, c.ApplicationID, c.GuildID, c.Version = id, DefaultApplicationID, guild, s.snowflake()
		if c.DMPermission == nil && guild == "" {
			c.DMPermission = new(bool)
			*c.DMPermission = true
		}
	}
	if guild == "" {
		s.global = cmds
	} else {
		s.guildCmds = cmds
	}
	return ok(cmds)
}

// getCommands answers GET of the global or guild commands.
func (s *Server) getCommands(r *http.Request, _ []byte) reply {
	if rep := s.checkCommandsPath(r); rep != nil {
		return *rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds := s.global
	if r.PathValue("guild") != "" {
		cmds = s.guildCmds
	}
	if cmds == nil {
		cmds = []*discordgo.ApplicationCommand{}
	}
	return ok(cmds)
}

func (s *Server) checkCommandsPath(r *http.Request) *reply {
	if r.PathValue("app") != DefaultApplicationID {
		rep := errorReply(http.StatusForbidden, CodeMissingAccess, "Missing Access")
		return &rep
	}
	if g := r.PathValue("guild"); g != "" && g != DefaultGuildID {
		rep := notFound(CodeUnknownGuild, "Unknown Guild")
		return &rep
	}
	return nil
}

// validateCommands checks commands as Discord does: at most 100; names of
// 1 to 32 lower-case letters, digits, - and _, unique per type; slash
// commands with descriptions of 1 to 100 characters; up to 25 options,
// required before optional, sub-commands not mixed with other options, a
// sub-command group holding only sub-commands and a sub-command no
// sub-commands; up to 25 choices; and at most 4000 characters of names,
// descriptions and choices in all.
func validateCommands(cmds []*discordgo.ApplicationCommand) *reply {
	f := formErrors{}
	if len(cmds) > maxCommands {
		f.length(0, maxCommands, "_root")
	}
	seen := map[string]bool{}
	for i, c := range cmds {
		p := strconv.Itoa(i)
		validName(f, c.Name, p, "name")
		typ := c.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand
		}
		key := fmt.Sprintf("%d/%s", typ, c.Name)
		if seen[key] {
			f.add("APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique", p, "name")
		}
		seen[key] = true
		if typ != discordgo.ChatApplicationCommand {
			if c.Description != "" {
				f.add("APPLICATION_COMMAND_INVALID_DESCRIPTION", "Context menu commands cannot have description", p, "description")
			}
			continue
		}
		validDescription(f, c.Description, p, "description")
		validOptions(f, c.Options, 0, p)
		if n := commandText(c); n > maxCommandText {
			f.add("APPLICATION_COMMAND_TOO_LARGE", fmt.Sprintf("Command exceeds maximum size (%d)", maxCommandText), p)
		}
	}
	return f.reply()
}

func validName(f formErrors, name string, path ...string) {
	if !commandName.MatchString(name) {
		f.add("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid", path...)
	} else if strings.ToLower(name) != name {
		f.add("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid: it must be lower case", path...)
	}
}

func validDescription(f formErrors, d string, path ...string) {
	if n := utf8.RuneCountInString(d); n < 1 || n > maxDescription {
		f.length(1, maxDescription, path...)
	}
}

// validOptions checks the options of a command (depth 0), a sub-command
// group (1) or a sub-command.
func validOptions(f formErrors, opts []*discordgo.ApplicationCommandOption, depth int, path ...string) {
	at := func(rest ...string) []string { return append(append([]string{}, path...), rest...) }
	if len(opts) > maxOptions {
		f.length(0, maxOptions, at("options")...)
	}
	subs, optional := 0, false
	for i, o := range opts {
		p := at("options", strconv.Itoa(i))
		validName(f, o.Name, append(p, "name")...)
		validDescription(f, o.Description, append(p, "description")...)
		isSub := o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup
		switch {
		case o.Type == discordgo.ApplicationCommandOptionSubCommandGroup && depth > 0,
			o.Type == discordgo.ApplicationCommandOptionSubCommand && depth > 1:
			f.add("APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-commands nest at most two deep: a group, then its sub-commands", append(p, "type")...)
		case depth == 1 && !isSub:
			f.add("APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "A sub-command group may only hold sub-commands", append(p, "type")...)
		}
		if isSub {
			subs++
			if o.Required {
				f.add("APPLICATION_COMMAND_OPTION_REQUIRED_INVALID", "Sub-commands cannot be required", append(p, "required")...)
			}
			next := 2 // a sub-command's options
			if o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
				next = 1
			}
			validOptions(f, o.Options, next, p...)
			continue
		}
		if o.Required && optional {
			f.add("APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options", append(p, "required")...)
		}
		optional = optional || !o.Required
		if len(o.Choices) > maxChoices {
			f.length(0, maxChoices, append(p, "choices")...)
		}
		for j, ch := range o.Choices {
			if n := utf8.RuneCountInString(ch.Name); n < 1 || n > 100 {
				f.length(1, 100, append(p, "choices", strconv.Itoa(j), "name")...)
			}
		}
		if o.MaxLength > 6000 {
			f.add("NUMBER_TYPE_MAX", "int value should be less than or equal to 6000.", append(p, "max_length")...)
		}
	}
	if subs > 0 && subs != len(opts) {
		f.add("APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", "Sub-command and sub-command group option types are mutually exclusive to all other types", at("options")...)
	}
}

// commandText counts the characters of a command's names, descriptions
// and choices, as Discord's size cap does.
func commandText(c *discordgo.ApplicationCommand) int {
	n := utf8.RuneCountInString(c.Name) + utf8.RuneCountInString(c.Description)
	var walk func([]*discordgo.ApplicationCommandOption)
	walk = func(opts []*discordgo.ApplicationCommandOption) {
		for _, o := range opts {
			n += utf8.RuneCountInString(o.Name) + utf8.RuneCountInString(o.Description)
			for _, ch := range o.Choices {
				n += utf8.RuneCountInString(ch.Name) + utf8.RuneCountInString(fmt.Sprint(ch.Value))
			}
			walk(o.Options)
		}
	}
	walk(c.Options)
	return n
}
