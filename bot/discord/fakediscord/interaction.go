package fakediscord

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// appPermissions are the bot's permissions in a channel, as interactions
// carry them: view channel, send messages, embed links, read history.
const appPermissions = 1<<10 | 1<<11 | 1<<14 | 1<<16

// StringOption is a string option of a slash command, as typed.
func StringOption(name, value string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
}

// IntegerOption is an integer option.
func IntegerOption(name string, value int64) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionInteger, Value: value}
}

// BooleanOption is a boolean option.
func BooleanOption(name string, value bool) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: value}
}

// UserOption is a user option: its value is the user's id, and the
// interaction resolves the user.
func UserOption(name, userID string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionUser, Value: userID}
}

// SubCommand is a sub-command with its options: /cfp submit title=... is
// the command cfp with SubCommand("submit", StringOption("title", ...)).
func SubCommand(name string, options ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: options}
}

// SubCommandGroup is a group of sub-commands, holding one of them.
func SubCommandGroup(name string, sub *discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommandGroup,
		Options: []*discordgo.ApplicationCommandInteractionDataOption{sub}}
}

// SlashCommand returns the interaction Discord sends when userID runs the
// slash command name with options in channelID: a guild channel (the
// interaction then has guild_id and member), a DM channel, or "" for the
// user's DM with the bot (it then has user). It carries the registered
// command's id when the bot has registered name. Send it with Interact,
// or post it with a Signer.
func (s *Server) SlashCommand(userID, channelID, name string, options ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.newInteraction(discordgo.InteractionApplicationCommand, userID, channelID)
	data := discordgo.ApplicationCommandInteractionData{Name: name, CommandType: discordgo.ChatApplicationCommand, Options: options}
	for _, c := range append(append([]*discordgo.ApplicationCommand(nil), s.global...), s.guildCmds...) {
		if c.Name == name && c.Type == discordgo.ChatApplicationCommand {
			data.ID = c.ID
		}
	}
	if data.ID == "" {
		data.ID = s.snowflake()
	}
	var resolve func([]*discordgo.ApplicationCommandInteractionDataOption)
	resolve = func(opts []*discordgo.ApplicationCommandInteractionDataOption) {
		for _, o := range opts {
			resolve(o.Options)
			if o.Type != discordgo.ApplicationCommandOptionUser {
				continue
			}
			id, _ := o.Value.(string)
			if data.Resolved == nil {
				data.Resolved = &discordgo.ApplicationCommandInteractionDataResolved{Users: map[string]*discordgo.User{}}
			}
			data.Resolved.Users[id] = s.discordUser(id)
			if i.GuildID != "" {
				if _, member := s.members[id]; member {
					if data.Resolved.Members == nil {
						data.Resolved.Members = map[string]*discordgo.Member{}
					}
					m := s.discordMember(id)
					m.User = nil // resolved members carry no user
					data.Resolved.Members[id] = m
				}
			}
		}
	}
	resolve(options)
	i.Data = data
	s.track(i)
	return i
}

// Press returns the interaction Discord sends when userID presses the
// button labelled label in message m (as Messages, DMs or Followups
// return it; its current version is used): a MESSAGE_COMPONENT
// interaction with the button's custom_id and the message.
func (s *Server) Press(userID string, m Message, label string) (*discordgo.Interaction, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur := s.messages[m.ID]; cur != nil {
		m = *cur
	}
	var rows []struct {
		Components []struct {
			component
			Disabled bool `json:"disabled"`
		} `json:"components"`
	}
	if len(m.Components) > 0 {
		if err := json.Unmarshal(m.Components, &rows); err != nil {
			return nil, fmt.Errorf("fakediscord: message %s: components: %w", m.ID, err)
		}
	}
	for _, row := range rows {
		for _, c := range row.Components {
			if c.Type != int(discordgo.ButtonComponent) || c.Label != label {
				continue
			}
			if c.Style == int(discordgo.LinkButton) {
				return nil, fmt.Errorf("fakediscord: button %q in message %s is a link, which sends no interaction", label, m.ID)
			}
			if c.Disabled {
				return nil, fmt.Errorf("fakediscord: button %q in message %s is disabled", label, m.ID)
			}
			i := s.newInteraction(discordgo.InteractionMessageComponent, userID, m.ChannelID)
			i.Data = discordgo.MessageComponentInteractionData{CustomID: c.CustomID, ComponentType: discordgo.ButtonComponent}
			var msg discordgo.Message
			raw, _ := json.Marshal(s.messageJSON(&m, false))
			if err := json.Unmarshal(raw, &msg); err != nil {
				return nil, fmt.Errorf("fakediscord: message %s: %w", m.ID, err)
			}
			i.Message = &msg
			s.track(i).message = m.ID
			return i, nil
		}
	}
	return nil, fmt.Errorf("fakediscord: no button %q in message %s", label, m.ID)
}

// ModalSubmit returns the interaction Discord sends when userID submits
// the last modal the bot opened for them with customID, with values keyed
// by each text input's custom_id. It refuses what Discord's client would
// not send: an unknown input, a required one left empty, a value outside
// the input's lengths.
func (s *Server) ModalSubmit(userID, customID string, values map[string]string) (*discordgo.Interaction, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var origin *interaction
	for k := len(s.callbacks) - 1; k >= 0 && origin == nil; k-- {
		cb := s.callbacks[k]
		if ia := s.interactions[cb.InteractionID]; cb.Type == discordgo.InteractionResponseModal && cb.CustomID == customID && ia.user == userID {
			origin = ia
		}
	}
	if origin == nil {
		return nil, fmt.Errorf("fakediscord: the bot opened no modal %q for %s", customID, userID)
	}
	inputs := origin.modal.inputs()
	known := map[string]bool{}
	var rows []discordgo.MessageComponent
	for _, in := range inputs {
		known[in.CustomID] = true
		v := values[in.CustomID]
		n := utf8.RuneCountInString(v)
		switch {
		case n == 0 && (in.Required == nil || *in.Required):
			return nil, fmt.Errorf("fakediscord: modal %q: %q (%s) is required", customID, in.CustomID, in.Label)
		case n > 0 && in.MinLength != nil && n < *in.MinLength:
			return nil, fmt.Errorf("fakediscord: modal %q: %q needs at least %d characters", customID, in.CustomID, *in.MinLength)
		case in.MaxLength != nil && n > *in.MaxLength:
			return nil, fmt.Errorf("fakediscord: modal %q: %q takes at most %d characters", customID, in.CustomID, *in.MaxLength)
		}
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: in.CustomID, Value: v}}})
	}
	for k := range values {
		if !known[k] {
			return nil, fmt.Errorf("fakediscord: modal %q has no text input %q", customID, k)
		}
	}
	i := s.newInteraction(discordgo.InteractionModalSubmit, userID, origin.channel)
	i.Data = discordgo.ModalSubmitInteractionData{CustomID: customID, Components: rows}
	if origin.built != nil && origin.built.Message != nil {
		i.Message = origin.built.Message
	}
	s.track(i).message = origin.message
	return i, nil
}

// Ping returns the PING interaction Discord sends to check an HTTP
// interactions endpoint; the bot answers PONG.
func (s *Server) Ping() *discordgo.Interaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.snowflake()
	i := &discordgo.Interaction{ID: id, AppID: DefaultApplicationID, Type: discordgo.InteractionPing,
		Token: "token." + id + "." + randomHex(16), Version: 1}
	s.track(i)
	return i
}

// newInteraction returns an interaction of typ by userID in channelID
// ("" for the user's DM), with its id, token and invoker. Called with s.mu
// held.
func (s *Server) newInteraction(typ discordgo.InteractionType, userID, channelID string) *discordgo.Interaction {
	if channelID == "" {
		channelID = s.dmFor(userID).id
	}
	c := s.channels[channelID]
	if c == nil {
		c = &channel{id: channelID, name: channelID}
		s.channels[channelID] = c
		s.channelOrder = append(s.channelOrder, channelID)
	}
	id := s.snowflake()
	i := &discordgo.Interaction{ID: id, AppID: DefaultApplicationID, Type: typ, ChannelID: channelID,
		AppPermissions: appPermissions, Locale: discordgo.EnglishUS, Token: "token." + id + "." + randomHex(16), Version: 1}
	if c.recipient != "" {
		i.User = s.discordUser(userID)
		return i
	}
	locale := discordgo.EnglishUS
	i.GuildID, i.GuildLocale = DefaultGuildID, &locale
	i.Member = s.discordMember(userID)
	return i
}

// discordUser is the user with id in discordgo's type. Called with s.mu
// held.
func (s *Server) discordUser(id string) *discordgo.User {
	u := s.userOrStub(id)
	return &discordgo.User{ID: u.id, Username: u.name, Discriminator: "0", GlobalName: u.name, Bot: u.bot}
}

// discordMember is the guild member with user id. Called with s.mu held.
func (s *Server) discordMember(id string) *discordgo.Member {
	joined, ok := s.members[id]
	if !ok {
		joined = s.opts.Now()
	}
	return &discordgo.Member{User: s.discordUser(id), Roles: []string{}, JoinedAt: joined.UTC(),
		Permissions: discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionUseSlashCommands}
}

// track records i as sent, if it is not already, and returns the record.
// Called with s.mu held.
func (s *Server) track(i *discordgo.Interaction) *interaction {
	if ia := s.interactions[i.ID]; ia != nil {
		return ia
	}
	ia := &interaction{id: i.ID, token: i.Token, typ: i.Type, channel: i.ChannelID, created: s.opts.Now(), built: i}
	switch {
	case i.Member != nil && i.Member.User != nil:
		ia.user = i.Member.User.ID
	case i.User != nil:
		ia.user = i.User.ID
	}
	if i.Message != nil {
		ia.message = i.Message.ID
	}
	s.interactions[i.ID] = ia
	s.byToken[i.Token] = ia
	return ia
}

// Encode returns i as Discord sends it, over the gateway or to an HTTP
// endpoint. It fills in what discordgo's types do not marshal: the
// components of the message and of a modal submission.
func Encode(i *discordgo.Interaction) ([]byte, error) {
	raw, err := json.Marshal(i)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	dropEmpty(m)
	if i.Type == discordgo.InteractionPing {
		delete(m, "data")
	}
	if i.Message != nil {
		if m["message"], err = withField(m["message"], "components", i.Message.Components); err != nil {
			return nil, err
		}
	}
	switch d := i.Data.(type) {
	case discordgo.ModalSubmitInteractionData:
		if m["data"], err = withField(m["data"], "components", submitted(d.Components)); err != nil {
			return nil, err
		}
	case *discordgo.ModalSubmitInteractionData:
		if m["data"], err = withField(m["data"], "components", submitted(d.Components)); err != nil {
			return nil, err
		}
	}
	if data, ok := m["data"]; ok {
		var dm map[string]json.RawMessage
		if json.Unmarshal(data, &dm) == nil {
			dropEmpty(dm)
			m["data"], _ = json.Marshal(dm)
		}
	}
	return json.Marshal(m)
}

// dropEmpty deletes null fields and empty strings, which Discord omits.
func dropEmpty(m map[string]json.RawMessage) {
	for k, v := range m {
		if s := string(v); s == "null" || s == `""` {
			delete(m, k)
		}
	}
}

// withField sets field in the JSON object raw to v.
func withField(raw json.RawMessage, field string, v any) (json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	if string(b) == "null" {
		b = []byte("[]")
	}
	m[field] = b
	return json.Marshal(m)
}

// submitted is a modal submission's components as Discord sends them:
// rows of text inputs with only their type, custom_id and value.
func submitted(cs []discordgo.MessageComponent) []any {
	out := []any{}
	for _, c := range cs {
		switch v := c.(type) {
		case discordgo.ActionsRow:
			out = append(out, map[string]any{"type": 1, "components": submitted(v.Components)})
		case *discordgo.ActionsRow:
			out = append(out, map[string]any{"type": 1, "components": submitted(v.Components)})
		case discordgo.TextInput:
			out = append(out, map[string]any{"type": 4, "custom_id": v.CustomID, "value": v.Value})
		case *discordgo.TextInput:
			out = append(out, map[string]any{"type": 4, "custom_id": v.CustomID, "value": v.Value})
		default:
			out = append(out, c)
		}
	}
	return out
}
