package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guildhall/guildhall/bot/console"
	"github.com/guildhall/guildhall/pkg/community"
	"github.com/guildhall/guildhall/pkg/guild"
)

const benchUsage = `guildhall bench measures guildhall as a whole process; see docs/PERFORMANCE.md.

  guildhall bench seed   [--members N] [--communities N]   fill --db with generated members and communities
  guildhall bench chat   [--runs N] [--members N] [--communities N]
        time 'guildhall chat' end to end against --db (seeded first if empty): median, p90, min, max
  guildhall bench memory [--members N] [--communities N]
        run the console bot on --db (seeded first if empty), drive it, and report its resident memory
  guildhall bench deliver [--messages N] [--members N] [--limit R]
        queue N messages to N members in a new --db and time one runner delivering them to a no-op sink,
        with no rate limit or at R messages per second: messages/s and the share of the limit achieved
  guildhall bench tick [--runs N] [--members N] [--communities N]
        time 'guildhall tick' end to end with nothing due, against --db (seeded first if empty)
  guildhall bench schedule [--talks N] [--rooms R] [--days D] [--seed S] [--iterations N]
        [--instance FILE] [--export FILE] [--out FILE] [--exact]
        generate (or read) a schedule instance and solve it: time to the first valid schedule and to the
        final overflow, hard violations, overflow against its lower bound, the soft goals, memory

Results are printed as JSON.`

// benchFlags are the bench subcommands' own flags.
type benchFlags struct {
	members, communities, runs int
	messages                   int
	limit                      float64
}

func runBench(ctx context.Context, cfg *config, args []string, stdout, stderr io.Writer) error {
	sub := first(args)
	if sub == "" || sub == "help" || sub == "-h" || sub == "--help" {
		fmt.Fprintln(stdout, benchUsage)
		return nil
	}
	if sub == "schedule" { // its own flags, parsed by benchSchedule
		return benchSchedule(cfg, args[1:], stdout, stderr)
	}
	fs := cfg.flagSet("bench "+sub, stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, benchUsage) }
	var bf benchFlags
	fs.IntVar(&bf.members, "members", 10000, "members to generate")
	fs.IntVar(&bf.communities, "communities", 200, "communities to generate")
	fs.IntVar(&bf.runs, "runs", 40, "runs of guildhall chat or tick")
	fs.IntVar(&bf.messages, "messages", 20000, "messages to deliver (bench deliver)")
	fs.Float64Var(&bf.limit, "limit", 0, "rate limit in messages per second, 0 for none (bench deliver)")
	if err := fs.Parse(args[1:]); err != nil {
		return usagef("bench %s: %v", sub, err)
	}
	if bf.members < 1 || bf.communities < 1 || bf.runs < 1 {
		return usagef("bench: --members, --communities and --runs must be at least 1")
	}
	var result any
	var err error
	switch sub {
	case "seed":
		result, err = benchSeed(ctx, cfg, bf, stderr)
	case "chat":
		result, err = benchChat(ctx, cfg, bf, stderr)
	case "memory":
		result, err = benchMemory(ctx, cfg, bf, stderr)
	case "deliver":
		if bf.members == 10000 {
			bf.members = 500 // recipients, unless --members says otherwise
		}
		result, err = benchDeliver(ctx, cfg, bf, stderr)
	case "tick":
		result, err = benchTick(ctx, cfg, bf, stderr)
	default:
		return usagef("bench takes seed, chat, memory, deliver, tick or schedule, not %q", sub)
	}
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(result)
}

// seedResult says what benchSeed made.
type seedResult struct {
	Database    string  `json:"database"`
	Members     int     `json:"members"`
	Communities int     `json:"communities"`
	Memberships int     `json:"memberships"`
	Seconds     float64 `json:"seconds"`
	AlreadyFull bool    `json:"already_seeded,omitempty"`
}

// benchSeed fills the database through the domain services: communities
// with charters and cadences, and members with profiles, each in three
// communities, "Community 0" holding everyone. It does nothing when the
// database already has communities.
func benchSeed(ctx context.Context, cfg *config, bf benchFlags, stderr io.Writer) (*seedResult, error) {
	a, err := cfg.open(stderr)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	res := &seedResult{Database: cfg.db, Members: bf.members, Communities: bf.communities}
	if _, n, err := a.bot.Communities.FindCommunities(ctx, community.Filter{Limit: 1}); err != nil {
		return nil, err
	} else if n > 0 {
		res.AlreadyFull, res.Communities = true, n
		return res, nil
	}
	start := time.Now()
	user := func(name string) (context.Context, error) {
		u, err := a.users.Resolve(ctx, ptr(console.Identity(name)))
		if err != nil {
			return nil, err
		}
		return guild.NewContextWithUser(ctx, u), nil
	}
	departments := []string{"Engineering", "Finance", "Risk", "Operations", "Marketing", "Legal", "People", "Data", "Design", "Sales", "Support", "Security"}
	roles := []string{"developer", "tester", "business analyst", "designer", "product manager", "data scientist", "architect", "engineering manager"}
	zones := []string{"Europe/London", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Sydney"}
	for i := range bf.communities {
		uctx, err := user(fmt.Sprintf("coordinator%d", i))
		if err != nil {
			return nil, err
		}
		c := &community.Community{Name: fmt.Sprintf("Community %d", i), About: "A community of practice for " + roles[i%len(roles)] + "s and anyone curious."}
		if err := a.bot.Communities.CreateCommunity(uctx, c); err != nil {
			return nil, err
		}
		goals := []string{"a shared reading list", "monthly show and tell", "a mentoring scheme"}
		principles := []string{"be kind", "share early", "everyone teaches"}
		why := "To share what works and learn from each other."
		if _, _, err := a.bot.Communities.UpdateCharter(uctx, c.Name, community.CharterUpdate{Why: &why, Goals: &goals, Principles: &principles}); err != nil {
			return nil, err
		}
		cad, err := community.ParseCadence(fmt.Sprintf("0 %d * * %d", 9+i%8, 1+i%5), zones[i%len(zones)])
		if err != nil {
			return nil, err
		}
		if _, err := a.bot.Communities.SetCadence(uctx, c.Name, cad); err != nil {
			return nil, err
		}
		res.Memberships++
	}
	for i := range bf.members {
		uctx, err := user(fmt.Sprintf("member%d", i))
		if err != nil {
			return nil, err
		}
		dept, role, tz := departments[i%len(departments)], roles[(i/3)%len(roles)], zones[i%len(zones)]
		team := fmt.Sprintf("Team %d", i%40)
		if _, err := a.users.UpdateProfile(uctx, guild.Profile{Department: &dept, Team: &team, Role: &role, TZ: &tz}); err != nil {
			return nil, err
		}
		joined := map[int]bool{}
		for _, k := range []int{0, 1 + i%(bf.communities), 1 + (i*7+3)%(bf.communities)} {
			k %= bf.communities
			if joined[k] {
				continue
			}
			joined[k] = true
			if _, err := a.bot.Communities.JoinCommunity(uctx, fmt.Sprintf("Community %d", k)); err != nil {
				return nil, err
			}
			res.Memberships++
		}
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

func ptr[T any](v T) *T { return &v }

// latency summarises timings in milliseconds.
type latency struct {
	Runs   int     `json:"runs"`
	Median float64 `json:"median_ms"`
	P90    float64 `json:"p90_ms"`
	Min    float64 `json:"min_ms"`
	Max    float64 `json:"max_ms"`
}

func summarise(d []time.Duration) latency {
	slices.Sort(d)
	ms := func(x time.Duration) float64 { return float64(x.Microseconds()) / 1000 }
	return latency{Runs: len(d), Median: ms(d[len(d)/2]), P90: ms(d[len(d)*9/10]), Min: ms(d[0]), Max: ms(d[len(d)-1])}
}

// chatResult reports benchChat.
type chatResult struct {
	Database string             `json:"database"`
	Seed     *seedResult        `json:"seed"`
	Commands map[string]latency `json:"commands"`
	Target   string             `json:"target"`
}

// benchChat times whole 'guildhall chat' processes, from start to exit,
// against an existing, seeded database.
func benchChat(ctx context.Context, cfg *config, bf benchFlags, stderr io.Writer) (*chatResult, error) {
	seed, err := benchSeed(ctx, cfg, bf, stderr)
	if err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	commands := []string{
		"/community list",
		`/community show "Community 7"`,
		`/community show "Community 0"`,
		"/profile",
		"/help community",
	}
	res := &chatResult{Database: cfg.db, Seed: seed, Commands: map[string]latency{}, Target: "median under 50 ms"}
	for _, line := range commands {
		var times []time.Duration
		for range bf.runs {
			cmd := exec.CommandContext(ctx, self, "--db", cfg.db, "chat", "--user", "member1", line)
			cmd.Stdout, cmd.Stderr = io.Discard, stderr
			start := time.Now()
			if err := cmd.Run(); err != nil {
				return nil, fmt.Errorf("bench chat: %s: %w", line, err)
			}
			times = append(times, time.Since(start))
		}
		res.Commands[line] = summarise(times)
	}
	return res, nil
}

// memoryResult reports benchMemory.
type memoryResult struct {
	Database   string      `json:"database"`
	Seed       *seedResult `json:"seed"`
	Commands   int         `json:"commands"`
	PeakRSSMiB float64     `json:"peak_rss_mib"`
	RSSMiB     float64     `json:"rss_mib"`
	Target     string      `json:"target"`
}

// benchMemory runs the console bot as a child process on a seeded
// database, drives it through every read command over every community,
// and reads its resident set size from /proc.
func benchMemory(ctx context.Context, cfg *config, bf benchFlags, stderr io.Writer) (*memoryResult, error) {
	if runtime.GOOS != "linux" {
		return nil, fmt.Errorf("bench memory reads /proc and runs on Linux only")
	}
	seed, err := benchSeed(ctx, cfg, bf, stderr)
	if err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, self, "--db", cfg.db, "--user", "member1")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer cmd.Wait()
	defer in.Close()

	// Every community shown, every page listed, joins and leaves, help.
	var script []string
	for i := range seed.Communities {
		script = append(script, fmt.Sprintf(`/community show "Community %d"`, i))
	}
	for p := 1; p <= (seed.Communities+9)/10; p++ {
		script = append(script, fmt.Sprintf("/community list page=%d", p))
	}
	for i := range 200 {
		script = append(script, fmt.Sprintf("/as member%d", i), `/community join "Community 9"`, `/community leave "Community 9"`, "/profile", "/help community")
	}
	const marker = "/help profile"
	script = append(script, marker)
	go func() {
		w := bufio.NewWriter(in)
		for _, line := range script {
			fmt.Fprintln(w, line)
		}
		w.Flush()
	}()
	// The marker's reply is the last; wait for it before reading memory.
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	found := false
	for sc.Scan() {
		if strings.Contains(sc.Text(), "show or set your department") {
			found = true
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("bench memory: the console ended before answering every command")
	}
	peak, rss, err := procMemory(cmd.Process.Pid)
	if err != nil {
		return nil, err
	}
	in.Close()
	go io.Copy(io.Discard, out)
	return &memoryResult{Database: cfg.db, Seed: seed, Commands: len(script), PeakRSSMiB: peak, RSSMiB: rss, Target: "under 40 MB"}, nil
}

// procMemory reads a process's peak and current resident set size, in MiB.
func procMemory(pid int) (peak, rss float64, err error) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		fields := strings.Fields(val)
		if len(fields) == 0 {
			continue
		}
		kb, _ := strconv.ParseFloat(fields[0], 64)
		switch key {
		case "VmHWM":
			peak = kb / 1024
		case "VmRSS":
			rss = kb / 1024
		}
	}
	return peak, rss, nil
}
