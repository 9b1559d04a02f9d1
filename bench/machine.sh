# Sourced by bench/run and bench/soak: machine_info DIR prints what a report
# says about the machine and the code it measured (DIR is where the output
# goes, for the disk it is on).
machine_info() {
	local root
	root=$(git rev-parse --show-toplevel 2>/dev/null || pwd)
	echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD -- internal cmd bench 2>/dev/null || echo ' (with uncommitted changes)')"
	echo "cpus:    $(nproc)"
	echo "cpu:     $(awk -F': *' '/^model name/ && !n {n=$2} /^cpu family/ && !f {f=$2} /^model\t/ && !m {m=$2} /^cpu MHz/ && !z {z=$2} END {printf "%s (family %s, model %s, %.0f MHz)", n, f, m, z}' /proc/cpuinfo)$(grep -qw hypervisor /proc/cpuinfo && echo ', virtual machine')"
	echo "memory:  $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
	echo "go:      $(go version)"
	echo "kernel:  $(uname -sr)"
	echo "disk:    $(df -hT "$1" | awk 'NR==2 {print $2 " on " $1}')"
	echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min, at start)"
}
