package main

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// cpuTicks is CPU time in clock ticks (USER_HZ, 100 per second on Linux):
// busy time of the whole machine, of the server process, of the database
// server's processes and of this one. It lets the report say how busy the
// server was and whether anything else ran during a scenario. Zero where
// /proc cannot be read.
type cpuTicks struct {
	machine, server, db, self uint64
}

const ticksPerSecond = 100

func readCPU(serverPID, dbPID int) cpuTicks {
	var t cpuTicks
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		f := strings.Fields(line)
		// cpu user nice system idle iowait irq softirq steal ...
		if len(f) > 8 && f[0] == "cpu" {
			for _, i := range []int{1, 2, 3, 6, 7, 8} {
				n, _ := strconv.ParseUint(f[i], 10, 64)
				t.machine += n
			}
		}
	}
	_, t.self = processTicks("self")
	if serverPID > 0 {
		_, t.server = processTicks(strconv.Itoa(serverPID))
	}
	if dbPID > 0 {
		// The database server and its children: PostgreSQL's postmaster
		// with its backends and background workers. A child that ends
		// during the run takes its time with it, so this is a lower bound;
		// the connection pool keeps most backends alive.
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			if ppid, ticks := processTicks(e.Name()); pid == dbPID || ppid == dbPID {
				t.db += ticks
			}
		}
	}
	return t
}

// processTicks returns the parent of a process and its user and system time.
func processTicks(pid string) (int, uint64) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, 0
	}
	// pid (comm) state ppid ...: the name may hold spaces; the fields after
	// it are plain.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, 0
	}
	ppid, _ := strconv.Atoi(f[1])
	utime, _ := strconv.ParseUint(f[11], 10, 64)
	stime, _ := strconv.ParseUint(f[12], 10, 64)
	return ppid, utime + stime
}

// cores turns ticks used over wall seconds into cores busy on average.
func cores(ticks uint64, wallSeconds float64) float64 {
	if wallSeconds <= 0 {
		return 0
	}
	return float64(int(float64(ticks)/ticksPerSecond/wallSeconds*10+0.5)) / 10
}

// setCPU fills in the CPU use of a run from the readings before and after.
func (r *Result) setCPU(before, after cpuTicks) {
	if after.machine == 0 {
		return
	}
	delta := func(a, b uint64) uint64 {
		if b > a {
			return b - a
		}
		return 0
	}
	machine := delta(before.machine, after.machine)
	server := delta(before.server, after.server)
	db := delta(before.db, after.db)
	self := delta(before.self, after.self)
	rest := delta(server+db+self, machine)
	r.CPUServer, r.CPUDB = cores(server, r.WallSeconds), cores(db, r.WallSeconds)
	r.CPUClient, r.CPURest = cores(self, r.WallSeconds), cores(rest, r.WallSeconds)
}

// readRSS returns the resident memory of a process (VmRSS in
// /proc/<pid>/status) in kB.
func readRSS(pid int) (uint64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest) // "123456 kB"
			if len(f) > 0 {
				if kb, err := strconv.ParseUint(f[0], 10, 64); err == nil {
					return kb, true
				}
			}
		}
	}
	return 0, false
}

// sampleRSS reads the resident memory of a process every 20 ms until the
// returned function is called, which returns the first and the highest
// reading in MiB; 0 without a process.
func sampleRSS(pid int) func() (first, peak float64) {
	if pid <= 0 {
		return func() (float64, float64) { return 0, 0 }
	}
	var start, peak uint64
	read := func() {
		if kb, ok := readRSS(pid); ok {
			if start == 0 {
				start = kb
			}
			peak = max(peak, kb)
		}
	}
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-stop:
				read()
				return
			case <-t.C:
			}
		}
	}()
	mib := func(kb uint64) float64 { return float64(kb*10/1024) / 10 }
	return func() (float64, float64) {
		close(stop)
		<-done
		return mib(start), mib(peak)
	}
}
