package main

import (
	"os"
	"strconv"
	"strings"
)

// cpuTicks is CPU time in clock ticks (USER_HZ, 100 per second on Linux):
// busy time of the whole machine, of the server process and of this one.
// It lets the report say how busy the server was and whether anything else
// ran during a scenario. Zero where /proc cannot be read.
type cpuTicks struct {
	machine, server, self uint64
}

const ticksPerSecond = 100

func readCPU(serverPID int) cpuTicks {
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
	t.self = processTicks("self")
	if serverPID > 0 {
		t.server = processTicks(strconv.Itoa(serverPID))
	}
	return t
}

// processTicks is the user and system time of a process.
func processTicks(pid string) uint64 {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0
	}
	// The command name may hold spaces; the fields after it are plain.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseUint(f[11], 10, 64)
	stime, _ := strconv.ParseUint(f[12], 10, 64)
	return utime + stime
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
	machine := after.machine - before.machine
	server := after.server - before.server
	self := after.self - before.self
	rest := uint64(0)
	if machine > server+self {
		rest = machine - server - self
	}
	r.CPUServer, r.CPUClient, r.CPURest = cores(server, r.WallSeconds), cores(self, r.WallSeconds), cores(rest, r.WallSeconds)
}
