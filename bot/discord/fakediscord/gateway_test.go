package fakediscord_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/guildhall/guildhall/bot/discord/fakediscord"
)

// interactions collects the interactions a session receives.
func interactions(dg *discordgo.Session) chan *discordgo.Interaction {
	ch := make(chan *discordgo.Interaction, 16)
	dg.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) { ch <- ic.Interaction })
	return ch
}

func receive(t *testing.T, ch chan *discordgo.Interaction) *discordgo.Interaction {
	t.Helper()
	select {
	case i := <-ch:
		return i
	case <-timeout(t).Done():
		t.Fatal("no INTERACTION_CREATE arrived")
		return nil
	}
}

func TestGatewayInteractionAndCallbacks(t *testing.T) {
	clk := newClock()
	fs := newFake(t, fakediscord.Options{Now: clk.Now, HeartbeatInterval: 100 * time.Millisecond})
	ctx := timeout(t)
	dg := newSession(t, fs)
	// discordgo's state fills READY's guilds from GUILD_CREATE while
	// handlers run, so a handler must not read them (the race detector
	// says so); this one copies the rest.
	type readyInfo struct {
		session, user, app string
		bot                bool
		guilds             int
	}
	ready := make(chan readyInfo, 1)
	dg.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		ready <- readyInfo{session: r.SessionID, user: r.User.ID, bot: r.User.Bot, app: r.Application.ID, guilds: len(r.Guilds)}
	})
	got := interactions(dg)

	// An interaction made before the bot connects waits for it.
	early := fs.SlashCommand(ann, general, "help")
	if err := fs.Interact(early); err != nil {
		t.Fatal(err)
	}
	if err := dg.Open(); err != nil {
		t.Fatalf("Open = %v", err)
	}
	if err := fs.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	r := <-ready
	if r.session == "" || r.user != fs.BotUserID() || !r.bot || r.app != fs.ApplicationID() || r.guilds != 1 {
		t.Errorf("READY = %+v, want a session, the bot user, the application and the guild", r)
	}
	if i := receive(t, got); i.ID != early.ID {
		t.Errorf("first interaction = %s, want the one queued before connecting, %s", i.ID, early.ID)
	}
	var id struct {
		Token   string           `json:"token"`
		Intents discordgo.Intent `json:"intents"`
	}
	if ops := fs.GatewayOps(fakediscord.OpIdentify); len(ops) != 1 || json.Unmarshal(ops[0].Data, &id) != nil || id.Token != "Bot "+token {
		t.Errorf("IDENTIFY = %+v, want one with the bot token", ops)
	}

	// Heartbeats are acknowledged: discordgo would reconnect after five
	// intervals without an ACK.
	if _, err := fs.WaitGatewayOps(ctx, fakediscord.OpHeartbeat, 7); err != nil {
		t.Fatal(err)
	}
	dg.RLock()
	acked := dg.LastHeartbeatAck
	dg.RUnlock()
	if n := len(fs.GatewayOps(fakediscord.OpIdentify)) + len(fs.GatewayOps(fakediscord.OpResume)); n != 1 || time.Since(acked) > time.Second {
		t.Errorf("after 7 heartbeats: %d identifies and resumes, last ACK %v ago; want 1 and a recent ACK", n, time.Since(acked))
	}

	// A slash command with a sub-command arrives as discordgo parses it.
	cmd := fs.SlashCommand(ann, general, "cfp", fakediscord.SubCommand("submit",
		fakediscord.StringOption("event", "DevDay"), fakediscord.StringOption("title", "Go fakes")))
	if err := fs.Interact(cmd); err != nil {
		t.Fatal(err)
	}
	i := receive(t, got)
	data := i.ApplicationCommandData()
	if i.ID != cmd.ID || i.Member == nil || i.Member.User.ID != ann || i.GuildID != fs.GuildID() || i.ChannelID != general ||
		i.Version != 1 || i.AppID != fs.ApplicationID() || data.Name != "cfp" || len(data.Options) != 1 ||
		data.Options[0].Name != "submit" || data.Options[0].Options[1].StringValue() != "Go fakes" {
		t.Fatalf("interaction = %+v, data %+v, want /cfp submit by ann in #general", i, data)
	}

	// The first callback is recorded; a second is refused with 40060.
	if err := dg.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "Submitted #12", Flags: discordgo.MessageFlagsEphemeral}}); err != nil {
		t.Fatal(err)
	}
	cb, err := fs.WaitResponse(ctx, i.ID)
	if err != nil || cb.Type != discordgo.InteractionResponseChannelMessageWithSource || cb.Content != "Submitted #12" || cb.Flags != 64 {
		t.Errorf("response = %+v, %v, want an ephemeral message", cb, err)
	}
	if m, ok := fs.Original(i.ID); !ok || !m.Ephemeral() || m.InteractionUser != ann || len(fs.Messages(general)) != 0 {
		t.Errorf("original = %+v, %v; #general has %d messages; want an ephemeral message for ann only", m, ok, len(fs.Messages(general)))
	}
	err = dg.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	if restCode(err) != fakediscord.CodeAlreadyAcknowledged || restStatus(err) != 400 {
		t.Errorf("second callback = %v, want 400 with code 40060", err)
	}

	// A callback more than 3 s after the interaction is refused with 10062.
	late := fs.SlashCommand(sam, "", "help")
	if err := fs.Interact(late); err != nil {
		t.Fatal(err)
	}
	i = receive(t, got)
	if i.User == nil || i.User.ID != sam || i.Member != nil || i.GuildID != "" {
		t.Errorf("DM interaction has user %+v, member %+v, guild %q; want the user only", i.User, i.Member, i.GuildID)
	}
	clk.Advance(3*time.Second + time.Millisecond)
	err = dg.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	if restCode(err) != fakediscord.CodeUnknownInteraction || restStatus(err) != 404 {
		t.Errorf("late callback = %v, want 404 with code 10062", err)
	}
}

func TestGatewayResumeReplaysMissedDispatches(t *testing.T) {
	// A long interval: discordgo v0.28.1's heartbeat goroutine, when its
	// ticker fires during the second Close sleeps after a dropped
	// connection, closes the connection that replaced it (half the time
	// with a 100 ms interval, about 1 in 41 with Discord's).
	fs := newFake(t, fakediscord.Options{HeartbeatInterval: 20 * time.Second})
	ctx := timeout(t)
	dg := newSession(t, fs)
	got := interactions(dg)
	if err := dg.Open(); err != nil {
		t.Fatal(err)
	}
	if err := fs.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	session := fs.SessionID()

	// Dropped: what is dispatched meanwhile arrives after the resume.
	fs.DropSockets()
	missed := fs.SlashCommand(ann, general, "help")
	if err := fs.Interact(missed); err != nil {
		t.Fatal(err)
	}
	if err := fs.WaitConnected(ctx); err != nil {
		t.Fatalf("no reconnection after a drop: %v", err)
	}
	if i := receive(t, got); i.ID != missed.ID {
		t.Errorf("after resuming got %s, want the missed %s", i.ID, missed.ID)
	}
	var res struct {
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if ops := fs.GatewayOps(fakediscord.OpResume); len(ops) != 1 || json.Unmarshal(ops[0].Data, &res) != nil ||
		res.SessionID != session || res.Seq != 2 {
		t.Errorf("RESUME = %+v, want session %s from seq 2 (READY, GUILD_CREATE)", res, session)
	}
	if n := len(fs.GatewayOps(fakediscord.OpIdentify)); n != 1 {
		t.Errorf("%d identifies, want 1: the session was resumed", n)
	}

	// A session Discord forgot: RESUME gets INVALID_SESSION and discordgo
	// identifies again, receiving what was dispatched meanwhile.
	fs.InvalidateSession()
	fs.DropSockets()
	again := fs.SlashCommand(sam, general, "help")
	if err := fs.Interact(again); err != nil {
		t.Fatal(err)
	}
	if err := fs.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	if i := receive(t, got); i.ID != again.ID {
		t.Errorf("after identifying again got %s, want %s", i.ID, again.ID)
	}
	if n := len(fs.GatewayOps(fakediscord.OpIdentify)); n != 2 || fs.SessionID() == session {
		t.Errorf("%d identifies and session %s, want a second identify and a new session", n, fs.SessionID())
	}
}

// payload is a gateway payload as the fake writes it.
type payload struct {
	Op int             `json:"op"`
	S  *int64          `json:"s"`
	T  string          `json:"t"`
	D  json.RawMessage `json:"d"`
}

func TestGatewayHandshake(t *testing.T) {
	fs := newFake(t, fakediscord.Options{DisallowedIntents: discordgo.IntentsGuildMembers})
	u := "ws://" + fs.Addr() + "/gateway/?v=9&encoding=json"
	ws, _, err := websocket.DefaultDialer.Dial(u, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	var p payload
	if err := ws.ReadJSON(&p); err != nil || p.Op != fakediscord.OpHello || p.S != nil {
		t.Fatalf("first payload = %+v, %v, want HELLO", p, err)
	}
	ws.WriteMessage(websocket.TextMessage, []byte(`{"op":2,"d":{"token":"`+token+`","intents":513,"properties":{"os":"linux"}}}`))
	var ready struct {
		V                int    `json:"v"`
		SessionID        string `json:"session_id"`
		ResumeGatewayURL string `json:"resume_gateway_url"`
		User             struct {
			ID  string `json:"id"`
			Bot bool   `json:"bot"`
		} `json:"user"`
		Application struct {
			ID string `json:"id"`
		} `json:"application"`
		Guilds []struct {
			ID          string `json:"id"`
			Unavailable bool   `json:"unavailable"`
		} `json:"guilds"`
	}
	if err := ws.ReadJSON(&p); err != nil || p.Op != 0 || p.T != "READY" || p.S == nil || *p.S != 1 || json.Unmarshal(p.D, &ready) != nil {
		t.Fatalf("after IDENTIFY = %+v, %v, want READY with s 1", p, err)
	}
	if ready.V != 9 || ready.SessionID == "" || ready.ResumeGatewayURL != "ws://"+fs.Addr()+"/gateway" || !ready.User.Bot ||
		ready.Application.ID != fs.ApplicationID() || len(ready.Guilds) != 1 || !ready.Guilds[0].Unavailable {
		t.Errorf("READY = %+v", ready)
	}
	var guild struct {
		ID       string `json:"id"`
		Channels []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"channels"`
	}
	if err := ws.ReadJSON(&p); err != nil || p.T != "GUILD_CREATE" || *p.S != 2 || json.Unmarshal(p.D, &guild) != nil ||
		guild.ID != fs.GuildID() || len(guild.Channels) != 1 || guild.Channels[0].Name != "general" {
		t.Errorf("then %+v (%+v), %v, want GUILD_CREATE with #general", p, guild, err)
	}
	ws.WriteMessage(websocket.TextMessage, []byte(`{"op":1,"d":2}`))
	if err := ws.ReadJSON(&p); err != nil || p.Op != fakediscord.OpHeartbeatACK {
		t.Errorf("after a heartbeat: %+v, %v, want HEARTBEAT_ACK", p, err)
	}
}

func TestGatewayRefusesBadTokenAndIntents(t *testing.T) {
	fs := newFake(t, fakediscord.Options{DisallowedIntents: discordgo.IntentsGuildMembers})
	u := "ws://" + fs.Addr() + "/gateway?v=9&encoding=json"
	for _, tc := range []struct {
		identify string
		code     int
	}{
		{`{"op":2,"d":{"token":"Bot wrong","intents":513}}`, fakediscord.CloseAuthFailed},
		{`{"op":2,"d":{"token":"Bot ` + token + `","intents":3}}`, fakediscord.CloseDisallowedIntents},
		{`{"op":42}`, fakediscord.CloseUnknownOpcode},
	} {
		ws, _, err := websocket.DefaultDialer.Dial(u, nil)
		if err != nil {
			t.Fatal(err)
		}
		var hello struct {
			Op int `json:"op"`
			D  struct {
				HeartbeatInterval int `json:"heartbeat_interval"`
			} `json:"d"`
		}
		if err := ws.ReadJSON(&hello); err != nil || hello.Op != 10 || hello.D.HeartbeatInterval != 41250 {
			t.Errorf("HELLO = %+v, %v, want op 10 with the default 41250 ms", hello, err)
		}
		ws.WriteMessage(websocket.TextMessage, []byte(tc.identify))
		_, _, err = ws.ReadMessage()
		if !websocket.IsCloseError(err, tc.code) {
			t.Errorf("after %s: %v, want close code %d", tc.identify, err, tc.code)
		}
		ws.Close()
	}
}
