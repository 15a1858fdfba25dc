package fakediscord_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/guildhall/guildhall/bot/discord/fakediscord"
)

// createMessage is the body guildhall sends: discordgo's MessageSend has
// no nonce or enforce_nonce, so the adapter sends its own.
type createMessage struct {
	Content      string                       `json:"content"`
	Components   []discordgo.MessageComponent `json:"components,omitempty"`
	Nonce        string                       `json:"nonce,omitempty"`
	EnforceNonce bool                         `json:"enforce_nonce,omitempty"`
}

func send(dg *discordgo.Session, channelID string, m createMessage) (*discordgo.Message, error) {
	endpoint := discordgo.EndpointChannelMessages(channelID)
	body, err := dg.RequestWithBucketID(http.MethodPost, endpoint, m, endpoint)
	if err != nil {
		return nil, err
	}
	var out *discordgo.Message
	return out, json.Unmarshal(body, &out)
}

func TestUsersAndAuth(t *testing.T) {
	fs := newFake(t, fakediscord.Options{})
	dg := newSession(t, fs)
	me, err := dg.User("@me")
	if err != nil || me.ID != fs.BotUserID() || !me.Bot || me.Username != fakediscord.BotName {
		t.Errorf("GET /users/@me = %+v, %v, want the bot", me, err)
	}
	if u, err := dg.User(ann); err != nil || u.Username != "ann" {
		t.Errorf("GET /users/ann = %+v, %v", u, err)
	}
	if _, err := dg.User("999"); restCode(err) != fakediscord.CodeUnknownUser {
		t.Errorf("GET an unknown user = %v, want 10013", err)
	}
	dg.Token = token // no "Bot " prefix: Discord refuses it
	if _, err := dg.User("@me"); restStatus(err) != http.StatusUnauthorized {
		t.Errorf("a bare token = %v, want 401", err)
	}
	if gw, err := dg.Gateway(); err != nil || gw != "ws://"+fs.Addr()+"/gateway/" {
		t.Errorf("GET /gateway = %q, %v, want the fake's websocket (discordgo adds the slash)", gw, err)
	}
}

func TestCommandsOverwrite(t *testing.T) {
	fs := newFake(t, fakediscord.Options{})
	dg := newSession(t, fs)
	cmds := []*discordgo.ApplicationCommand{
		{Name: "help", Description: "What I can do"},
		{Name: "cfp", Description: "Calls for proposals", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "submit", Description: "Submit a talk", Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "event", Description: "The event", Required: true},
				{Type: discordgo.ApplicationCommandOptionString, Name: "title", Description: "The talk's title"},
			}},
		}},
	}
	got, err := dg.ApplicationCommandBulkOverwrite(fs.ApplicationID(), fs.GuildID(), cmds)
	if err != nil || len(got) != 2 || got[0].ID == "" || got[1].GuildID != fs.GuildID() || got[1].ApplicationID != fs.ApplicationID() {
		t.Fatalf("overwrite = %+v, %v, want both commands with ids", got, err)
	}
	first := got[1].ID
	got, err = dg.ApplicationCommandBulkOverwrite(fs.ApplicationID(), fs.GuildID(), cmds[1:])
	if err != nil || len(got) != 1 || got[0].ID != first {
		t.Errorf("second overwrite = %+v, %v, want cfp alone, keeping its id %s", got, err, first)
	}
	if list, err := dg.ApplicationCommands(fs.ApplicationID(), fs.GuildID()); err != nil || len(list) != 1 || list[0].Name != "cfp" {
		t.Errorf("GET commands = %+v, %v, want the overwritten set", list, err)
	}
	if c := fs.Commands(); len(c) != 1 || c[0].Options[0].Options[0].Name != "event" {
		t.Errorf("Commands() = %+v", c)
	}
	if i := fs.SlashCommand(ann, general, "cfp"); i.ApplicationCommandData().ID != first {
		t.Errorf("SlashCommand carries command id %s, want %s", i.ApplicationCommandData().ID, first)
	}

	// What Discord refuses: an upper-case name, a description over 100
	// characters, a required option after an optional one.
	bad := []*discordgo.ApplicationCommand{
		{Name: "Help", Description: "x"},
		{Name: "event", Description: strings.Repeat("x", 101)},
		{Name: "cfp", Description: "x", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "a", Description: "a"},
			{Type: discordgo.ApplicationCommandOptionString, Name: "b", Description: "b", Required: true},
		}},
	}
	_, err = dg.ApplicationCommandBulkOverwrite(fs.ApplicationID(), "", bad)
	var re *discordgo.RESTError
	if !errors.As(err, &re) || restCode(err) != fakediscord.CodeInvalidFormBody {
		t.Fatalf("bad commands = %v, want 50035", err)
	}
	for _, want := range []string{`"0":{"name"`, `"1":{"description"`, `"2":{"options":{"1":{"required"`} {
		if !strings.Contains(string(re.ResponseBody), want) {
			t.Errorf("errors %s lack %s", re.ResponseBody, want)
		}
	}
}

func TestDirectMessages(t *testing.T) {
	fs := newFake(t, fakediscord.Options{})
	dg := newSession(t, fs)
	ch, err := dg.UserChannelCreate(ann)
	if err != nil || ch.Type != discordgo.ChannelTypeDM || len(ch.Recipients) != 1 || ch.Recipients[0].ID != ann {
		t.Fatalf("open DM = %+v, %v, want a DM with ann", ch, err)
	}
	if again, err := dg.UserChannelCreate(ann); err != nil || again.ID != ch.ID {
		t.Errorf("opening it again = %+v, %v, want the same channel", again, err)
	}
	confirm := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Confirm", Style: discordgo.SuccessButton, CustomID: "cfp:confirm:12"},
		discordgo.Button{Label: "Decline", Style: discordgo.DangerButton, CustomID: "cfp:decline:12"}}}
	m, err := send(dg, ch.ID, createMessage{Content: "Your talk is in", Components: []discordgo.MessageComponent{confirm}})
	if err != nil || m.ID == "" || m.ChannelID != ch.ID || m.Author.ID != fs.BotUserID() || len(m.Components) != 1 {
		t.Fatalf("message = %+v, %v", m, err)
	}
	dms := fs.DMs(ann)
	if len(dms) != 1 || dms[0].Content != "Your talk is in" {
		t.Fatalf("DMs(ann) = %+v", dms)
	}
	if _, err := dg.ChannelMessageEdit(ch.ID, m.ID, "Your talk is in!"); err != nil {
		t.Fatal(err)
	}
	if got := fs.DMs(ann)[0]; got.Content != "Your talk is in!" || !got.Edited {
		t.Errorf("after the edit: %+v", got)
	}

	// Pressing the button is an interaction with its custom_id and message.
	i, err := fs.Press(ann, dms[0], "Confirm")
	if err != nil {
		t.Fatal(err)
	}
	if d := i.MessageComponentData(); d.CustomID != "cfp:confirm:12" || i.Message.ID != m.ID || i.User.ID != ann {
		t.Errorf("press = %+v, data %+v", i, d)
	}
	raw, _ := fakediscord.Encode(i)
	var decoded discordgo.Interaction
	if err := json.Unmarshal(raw, &decoded); err != nil || len(decoded.Message.Components) != 1 {
		t.Errorf("encoded press = %s, %v, want the message's components", raw, err)
	}
	if v := fs.Visible(ann); len(v) != 1 || v[0].ID != m.ID || len(fs.Visible(sam)) != 0 {
		t.Errorf("Visible(ann) = %+v, Visible(sam) = %+v, want the DM for ann alone", v, fs.Visible(sam))
	}
	if _, err := fs.Press(ann, dms[0], "Maybe"); err == nil {
		t.Error("pressing a button that is not there succeeded")
	}

	// A button label over 80 characters is refused, as Discord does.
	long := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: strings.Repeat("x", 81), Style: discordgo.PrimaryButton, CustomID: "x"}}}
	if _, err := send(dg, ch.ID, createMessage{Content: "x", Components: []discordgo.MessageComponent{long}}); restCode(err) != fakediscord.CodeInvalidFormBody {
		t.Errorf("a long label = %v, want 50035", err)
	}
	if _, err := send(dg, ch.ID, createMessage{}); restCode(err) != fakediscord.CodeEmptyMessage {
		t.Errorf("an empty message = %v, want 50006", err)
	}

	// Closed DMs: 403 with 50007.
	fs.CloseDMs(sam)
	samDM, err := dg.UserChannelCreate(sam)
	if err != nil {
		t.Fatal(err)
	}
	_, err = send(dg, samDM.ID, createMessage{Content: "hello"})
	if restCode(err) != fakediscord.CodeCannotSendToUser || restStatus(err) != http.StatusForbidden {
		t.Errorf("a DM to a user who closed them = %v, want 403 with 50007", err)
	}
	if len(fs.DMs(sam)) != 0 {
		t.Errorf("DMs(sam) = %+v, want none", fs.DMs(sam))
	}
}

func TestNonceDedupe(t *testing.T) {
	clk := newClock()
	fs := newFake(t, fakediscord.Options{Now: clk.Now})
	dg := newSession(t, fs)
	first, err := send(dg, general, createMessage{Content: "Schedule published", Nonce: "outbox-41", EnforceNonce: true})
	if err != nil {
		t.Fatal(err)
	}
	again, err := send(dg, general, createMessage{Content: "Schedule published", Nonce: "outbox-41", EnforceNonce: true})
	if err != nil || again.ID != first.ID || len(fs.Messages(general)) != 1 {
		t.Errorf("the same nonce again = %+v, %v; %d messages; want the first message and no new one", again, err, len(fs.Messages(general)))
	}
	if fs.Messages(general)[0].Nonce != "outbox-41" {
		t.Errorf("recorded nonce = %q", fs.Messages(general)[0].Nonce)
	}
	if _, err := send(dg, general, createMessage{Content: "Without enforcing", Nonce: "outbox-41"}); err != nil || len(fs.Messages(general)) != 2 {
		t.Errorf("without enforce_nonce: %v, %d messages, want a new message", err, len(fs.Messages(general)))
	}
	clk.Advance(3 * time.Minute)
	if late, err := send(dg, general, createMessage{Content: "Schedule published", Nonce: "outbox-41", EnforceNonce: true}); err != nil || late.ID == first.ID {
		t.Errorf("after the window: %+v, %v, want a new message", late, err)
	}
	if _, err := send(dg, general, createMessage{Content: "x", Nonce: strings.Repeat("n", 26)}); restCode(err) != fakediscord.CodeInvalidFormBody {
		t.Errorf("a 26-character nonce = %v, want 50035", err)
	}

	// History is newest first and, as on Discord, shows no nonce.
	hist, err := dg.ChannelMessages(general, 2, "", "", "")
	if err != nil || len(hist) != 2 || hist[0].Content != "Schedule published" || hist[1].Content != "Without enforcing" {
		t.Fatalf("history = %+v, %v", hist, err)
	}
	body, _ := dg.Request(http.MethodGet, discordgo.EndpointChannelMessages(general)+"?limit=1", nil)
	if strings.Contains(string(body), "nonce") {
		t.Errorf("history %s shows a nonce; Discord's does not", body)
	}
	if older, err := dg.ChannelMessages(general, 10, hist[1].ID, "", ""); err != nil || len(older) != 1 || older[0].ID != first.ID {
		t.Errorf("before %s = %+v, %v, want the first message", hist[1].ID, older, err)
	}
}

func TestDMOpenRate(t *testing.T) {
	clk := newClock()
	fs := newFake(t, fakediscord.Options{Now: clk.Now, DMOpenRate: 1, DMOpenBurst: 2})
	dg := newSession(t, fs)
	for _, u := range []string{ann, sam} {
		ch, err := dg.UserChannelCreate(u)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := send(dg, ch.ID, createMessage{Content: "hi"}); err != nil {
			t.Fatalf("DM to %s within the burst: %v", u, err)
		}
	}
	ch, err := dg.UserChannelCreate(olga)
	if err != nil {
		t.Fatal(err)
	}
	_, err = send(dg, ch.ID, createMessage{Content: "hi"})
	if restCode(err) != fakediscord.CodeOpeningDMsTooFast || restStatus(err) != http.StatusBadRequest {
		t.Errorf("a third new DM at once = %v, want 400 with 40003", err)
	}
	annDM, _ := dg.UserChannelCreate(ann)
	if _, err := send(dg, annDM.ID, createMessage{Content: "again"}); err != nil {
		t.Errorf("a DM already open = %v, want it sent", err)
	}
	clk.Advance(time.Second)
	if _, err := send(dg, ch.ID, createMessage{Content: "hi"}); err != nil {
		t.Errorf("a second later = %v, want it sent", err)
	}

	// Answered as a rate limit instead, discordgo sees a RateLimitError
	// that keeps the message but not the code.
	fs = newFake(t, fakediscord.Options{Now: clk.Now, DMOpenRate: 1, DMOpenStatus: http.StatusTooManyRequests})
	dg = newSession(t, fs)
	for k, u := range []string{ann, sam} {
		ch, err := dg.UserChannelCreate(u)
		if err != nil {
			t.Fatal(err)
		}
		_, err = send(dg, ch.ID, createMessage{Content: "hi"})
		var rl *discordgo.RateLimitError
		if k == 1 && (!errors.As(err, &rl) || rl.Message != "You are opening direct messages too fast." || rl.RetryAfter != time.Second) {
			t.Errorf("a second new DM at once = %v, want a RateLimitError of 1s saying so", err)
		}
	}
}

func TestMembersAndChannels(t *testing.T) {
	fs := newFake(t, fakediscord.Options{})
	dg := newSession(t, fs)
	var ids []string
	after := ""
	for range 10 {
		page, err := dg.GuildMembers(fs.GuildID(), after, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, m := range page {
			ids = append(ids, m.User.ID)
		}
		after = page[len(page)-1].User.ID
	}
	want := []string{ann, sam, olga, fs.BotUserID()} // in id order, as numbers
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("members by pages of 2 = %v, want %v", ids, want)
	}
	if cs, err := dg.GuildChannels(fs.GuildID()); err != nil || len(cs) != 1 || cs[0].Name != "general" || cs[0].Type != discordgo.ChannelTypeGuildText {
		t.Errorf("GET channels = %+v, %v, want #general", cs, err)
	}
	if m, err := dg.GuildMember(fs.GuildID(), sam); err != nil || m.User.Username != "sam" {
		t.Errorf("GET member sam = %+v, %v", m, err)
	}
	if _, err := dg.GuildMember(fs.GuildID(), "999"); restCode(err) != fakediscord.CodeUnknownMember {
		t.Errorf("GET an unknown member = %v, want 10007", err)
	}
	if _, err := dg.GuildMembers(fs.GuildID(), "", 1001); restCode(err) != fakediscord.CodeInvalidFormBody {
		t.Errorf("limit 1001 = %v, want 50035", err)
	}
}

func TestMembersNeedTheIntent(t *testing.T) {
	fs := newFake(t, fakediscord.Options{DisallowedIntents: discordgo.IntentsGuildMembers})
	if _, err := newSession(t, fs).GuildMembers(fs.GuildID(), "", 10); restCode(err) != fakediscord.CodeMissingAccess {
		t.Errorf("members without the intent = %v, want 403 50001", err)
	}
}

func TestResponsesFollowupsAndModals(t *testing.T) {
	fs := newFake(t, fakediscord.Options{})
	dg := newSession(t, fs)
	ctx := timeout(t)

	// Deferred, then the original edited, then a follow-up.
	i := fs.SlashCommand(ann, general, "schedule", fakediscord.SubCommand("build", fakediscord.StringOption("event", "DevDay")))
	if err := dg.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatal(err)
	}
	if _, err := dg.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "first"}); err != nil {
		t.Fatal(err)
	}
	if m, ok := fs.Original(i.ID); !ok || m.Content != "first" || m.Flags&128 != 0 {
		t.Errorf("original after the first follow-up = %+v, want it filled, as Discord does after a deferral", m)
	}
	content := "Built: 12 talks in 3 rooms"
	if _, err := dg.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &content}); err != nil {
		t.Fatal(err)
	}
	m, err := fs.WaitOriginal(ctx, i.ID, func(m fakediscord.Message) bool { return m.Edited })
	if err != nil || m.Content != content || len(fs.Messages(general)) != 1 {
		t.Errorf("original = %+v, %v, want the edit in #general", m, err)
	}
	if got, err := dg.InteractionResponse(i); err != nil || got.Content != content {
		t.Errorf("GET @original = %+v, %v", got, err)
	}
	f, err := dg.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Content: "And a note", Flags: discordgo.MessageFlagsEphemeral})
	if err != nil || f.ID == m.ID {
		t.Fatalf("follow-up = %+v, %v", f, err)
	}
	if fu := fs.Followups(i.Token); len(fu) != 2 || !fu[1].Ephemeral() {
		t.Errorf("Followups = %+v, want the filled original and an ephemeral note", fu)
	}
	if _, err := dg.FollowupMessageCreate(fs.SlashCommand(ann, general, "help"), true, &discordgo.WebhookParams{Content: "x"}); restCode(err) != fakediscord.CodeUnknownWebhook {
		t.Errorf("a follow-up before any response = %v, want 10015", err)
	}

	// A modal, then its submission.
	open := fs.SlashCommand(ann, general, "community", fakediscord.SubCommand("create"))
	err = dg.InteractionRespond(open, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: "form:community create", Title: "Create a community",
		Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "name", Label: "Name", Style: discordgo.TextInputShort, Required: true}}},
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "about", Label: "About", Style: discordgo.TextInputParagraph}}},
		}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ModalSubmit(ann, "form:community create", map[string]string{"about": "x"}); err == nil {
		t.Error("submitting without the required name succeeded")
	}
	sub, err := fs.ModalSubmit(ann, "form:community create", map[string]string{"name": "Testers", "about": "We test"})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := fakediscord.Encode(sub)
	var decoded discordgo.Interaction
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	d := decoded.ModalSubmitData()
	row, _ := d.Components[0].(*discordgo.ActionsRow)
	if d.CustomID != "form:community create" || len(d.Components) != 2 || row == nil ||
		row.Components[0].(*discordgo.TextInput).Value != "Testers" || decoded.Member.User.ID != ann {
		t.Errorf("modal submit = %s", raw)
	}
	if err := dg.InteractionRespond(sub, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{CustomID: "x", Title: "x"}}); restCode(err) != fakediscord.CodeInvalidFormBody {
		t.Errorf("a modal in answer to a modal = %v, want 50035", err)
	}

	// A modal title over 45 characters is refused.
	bad := fs.SlashCommand(ann, general, "help")
	err = dg.InteractionRespond(bad, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: "f", Title: strings.Repeat("t", 46), Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "a", Label: "A", Style: discordgo.TextInputShort}}}}}})
	if restCode(err) != fakediscord.CodeInvalidFormBody {
		t.Errorf("a 46-character title = %v, want 50035", err)
	}
}

func TestFaults(t *testing.T) {
	fs := newFake(t, fakediscord.Options{})
	dg := newSession(t, fs)
	fs.Fail(fakediscord.RouteCreateMessage, 1, fakediscord.Fault{Status: http.StatusInternalServerError, Code: 0, Message: "500: Internal Server Error"})
	if _, err := send(dg, general, createMessage{Content: "x"}); restStatus(err) != http.StatusInternalServerError {
		t.Errorf("after an injected 500: %v", err)
	}
	fs.Fail(fakediscord.RouteCreateMessage, 1, fakediscord.Fault{Status: http.StatusTooManyRequests, RetryAfter: 120 * time.Millisecond})
	_, err := send(dg, general, createMessage{Content: "x"})
	var rl *discordgo.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 120*time.Millisecond {
		t.Errorf("after an injected 429: %v, want a RateLimitError of 120ms", err)
	}
	if _, err := send(dg, general, createMessage{Content: "x"}); err != nil {
		t.Errorf("after the faults: %v", err)
	}
	if cs := fs.Calls(fakediscord.RouteCreateMessage); len(cs) != 3 || cs[0].Status != 500 || cs[1].Status != 429 || cs[2].Status != 200 {
		t.Errorf("calls = %+v", cs)
	}
}
