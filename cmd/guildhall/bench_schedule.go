package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/guildhall/guildhall/pkg/guild"
	"github.com/guildhall/guildhall/schedule"
)

// scheduleResult reports benchSchedule.
type scheduleResult struct {
	Instance       string  `json:"instance"`
	Talks          int     `json:"talks"`
	Rooms          int     `json:"rooms"`
	Slots          int     `json:"slots"`
	Seed           int64   `json:"seed"`
	MsToValid      float64 `json:"ms_to_valid"`
	MsToOverflow   float64 `json:"ms_to_final_overflow"`
	MsTotal        float64 `json:"ms_total"`
	Iterations     int     `json:"iterations"`
	HardViolations int     `json:"hard_violations"`
	OverflowWorst  int     `json:"overflow_worst"`
	OverflowTotal  int     `json:"overflow_total"`
	LowerBound     int     `json:"lower_bound"`
	Gap            int     `json:"gap"`
	// AssignmentBound is computed only when Gap > 0: it shows how much of
	// the gap slot lengths and availability force.
	AssignmentBound *int                 `json:"assignment_bound,omitempty"`
	GapToAssign     *int                 `json:"gap_to_assignment_bound,omitempty"`
	TagParallel     int                  `json:"tag_parallel"`
	DeptParallel    int                  `json:"dept_parallel"`
	LightningLate   int                  `json:"lightning_late"`
	ClosingEarly    int                  `json:"closing_early"`
	FirstTimeLast   int                  `json:"first_time_last"`
	Soft            int                  `json:"soft"`
	PeakRSSMiB      float64              `json:"peak_rss_mib,omitempty"`
	AllocMiB        float64              `json:"total_alloc_mib"`
	Exact           *scheduleExactResult `json:"exact,omitempty"`
	Targets         string               `json:"targets"`
}

// scheduleExactResult reports schedule.Exact, run with --exact.
type scheduleExactResult struct {
	Ms             float64 `json:"ms"`
	Nodes          int     `json:"nodes"`
	Proven         bool    `json:"proven"`
	OverflowProven bool    `json:"overflow_proven"`
	HardViolations int     `json:"hard_violations"`
	OverflowTotal  int     `json:"overflow_total"`
	Soft           int     `json:"soft"`
	// VersusHeuristic is "agrees", "beats" or "worse".
	VersusHeuristic string `json:"versus_heuristic"`
}

// benchSchedule generates (or reads) a schedule instance, solves it and
// prints what the solver achieved and how fast. It parses its own flags.
func benchSchedule(cfg *config, args []string, stdout, stderr io.Writer) error {
	fs := cfg.flagSet("bench schedule", stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, benchUsage) }
	talks := fs.Int("talks", 120, "talks to generate")
	rooms := fs.Int("rooms", 4, "rooms to generate")
	days := fs.Int("days", 2, "days to generate")
	seed := fs.Int64("seed", 1, "seed of the generator and the solver")
	iterations := fs.Int("iterations", 0, "local search moves (0: the solver's default; -1: construction only)")
	instance := fs.String("instance", "", "read the instance from this JSON file instead of generating one")
	export := fs.String("export", "", "write the instance to this JSON file")
	out := fs.String("out", "", "write the solution to this JSON file")
	exact := fs.Bool("exact", false, "also run the exact branch and bound (at most 40 talks)")
	if err := fs.Parse(args); err != nil {
		return usagef("bench schedule: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("bench schedule takes only flags, not %q", fs.Arg(0))
	}
	if *talks < 0 || *rooms < 1 || *days < 1 {
		return usagef("bench schedule: --talks must be at least 0, --rooms and --days at least 1")
	}
	var in *schedule.Instance
	source := fmt.Sprintf("generated: %d talks, %d rooms, %d days, seed %d", *talks, *rooms, *days, *seed)
	if *instance != "" {
		f, err := os.Open(*instance)
		if err != nil {
			return usagef("bench schedule: --instance: %v", err)
		}
		in, err = schedule.ReadInstance(f)
		f.Close()
		if err != nil {
			return scheduleError(*instance, err)
		}
		source = *instance
	} else {
		in = schedule.Generate(*talks, *rooms, *days, *seed)
	}
	if *export != "" {
		if err := writeScheduleFile(*export, in.Write); err != nil {
			return err
		}
	}

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var valid, overflow time.Duration
	start := time.Now()
	res, err := schedule.Solve(in, schedule.Options{Seed: *seed, Iterations: *iterations, Progress: func(p schedule.Progress) {
		switch p.Stage {
		case schedule.StageValid:
			valid = time.Since(start)
			overflow = valid
		case schedule.StageOverflow:
			overflow = time.Since(start)
		}
	}})
	took := time.Since(start)
	if err != nil {
		return scheduleError(source, err)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if *out != "" {
		if err := writeScheduleFile(*out, res.Solution.Write); err != nil {
			return err
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	sc := res.Score
	r := &scheduleResult{
		Instance: source, Talks: len(in.Talks), Rooms: len(in.Rooms), Slots: len(in.Slots), Seed: *seed,
		MsToValid: ms(valid), MsToOverflow: ms(overflow), MsTotal: ms(took), Iterations: res.Iterations,
		HardViolations: schedule.Check(in, res.Solution).Total(),
		OverflowWorst:  sc.OverflowWorst, OverflowTotal: sc.OverflowTotal, LowerBound: res.LowerBound, Gap: res.Gap(),
		TagParallel: sc.TagParallel, DeptParallel: sc.DeptParallel, LightningLate: sc.LightningLate,
		ClosingEarly: sc.ClosingEarly, FirstTimeLast: sc.FirstTimeLast, Soft: sc.Soft,
		AllocMiB: float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20),
		Targets: "valid within 5 ms at 120 talks, 20 ms at 330, 250 ms at 1,000; overflow at the lower bound within 100 ms " +
			"up to 330 talks and 1 s at 1,000; memory under 100 MB at 1,000",
	}
	if res.Gap() > 0 {
		ab, err := schedule.AssignmentBound(in)
		if err != nil {
			return scheduleError(source, err)
		}
		gap := sc.OverflowTotal - ab
		r.AssignmentBound, r.GapToAssign = &ab, &gap
	}
	if runtime.GOOS == "linux" {
		if peak, _, err := procMemory(os.Getpid()); err == nil {
			r.PeakRSSMiB = peak
		}
	}
	if *exact {
		start := time.Now()
		ex, err := schedule.Exact(in, schedule.Options{Seed: *seed})
		if err != nil {
			return scheduleError(source, err)
		}
		e := &scheduleExactResult{Ms: ms(time.Since(start)), Nodes: ex.Iterations, Proven: ex.Proven, OverflowProven: ex.OverflowProven,
			HardViolations: schedule.Check(in, ex.Solution).Total(), OverflowTotal: ex.Score.OverflowTotal, Soft: ex.Score.Soft, VersusHeuristic: "agrees"}
		switch {
		case ex.Score.Better(res.Score):
			e.VersusHeuristic = "beats"
		case res.Score.Better(ex.Score):
			e.VersusHeuristic = "worse"
		}
		r.Exact = e
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// scheduleError turns the schedule package's user-facing errors into
// plain messages naming the instance.
func scheduleError(source string, err error) error {
	var ge *guild.Error
	if errors.As(err, &ge) {
		return fmt.Errorf("bench schedule: %s: %s", source, ge.Message)
	}
	return fmt.Errorf("bench schedule: %s: %w", source, err)
}

// writeScheduleFile creates path and writes to it with write.
func writeScheduleFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
