#!/usr/bin/env python3
"""Measures kubectl-density against the baselines of SPEC §7 in one run and writes
BENCHMARKS.md.

    python3 bench/run.py            # builds the release binary and the emulator, then measures

1. lint of 10,000 VirtualMachine manifests vs parsing the same files with PyYAML's C loader
   (target: ≤ 0.1×);
2. `kubectl density --version` vs `kubectl version --client` (target: ≤ 0.1×);
3. live lint of 20,000 VMIs vs `kubectl get vmi -A -o json`, against the same emulator, wall
   time and peak memory (target: no slower, bounded memory);
4. `eviction` over 500 nodes with 50 ms per configz call, concurrency 16, vs the ideal
   500 × 50 ms ÷ 16 (target: within 1.2×), and vs a shell loop of `kubectl get --raw`.

Every number is the best of several runs (wall clock); peak memory is GNU time's %M. The
emulator serves on 127.0.0.1 only and stops when this script ends.
"""
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release-dist", "kubectl-density")
EMULATOR = os.path.join(ROOT, "target", "release", "examples", "emulator-server")


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def timed(cmd, runs=3, env=None):
    """Best wall time (s) and peak RSS (MiB) of `cmd` over `runs` runs."""
    best = None
    peak = 0.0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%M"] + cmd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
        rss_kb = int(proc.stderr.decode().strip().splitlines()[-1])
        peak = max(peak, rss_kb / 1024)
        best = elapsed if best is None else min(best, elapsed)
    return best, peak


def mean_startup(cmd, runs=30):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.mean(times)


class Emulator:
    def __init__(self, workdir, *args):
        self.kubeconfig = os.path.join(workdir, f"kubeconfig-{os.getpid()}-{len(os.listdir(workdir))}")
        self.proc = subprocess.Popen(
            [EMULATOR, "--kubeconfig", self.kubeconfig, "--seconds", "1800", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        line = self.proc.stdout.readline().decode().strip()
        if line != "ready":
            sys.exit(f"emulator did not start: {line!r}")

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    with open("/proc/meminfo") as handle:
        mem_kb = int(handle.readline().split()[1])
    return f"{os.cpu_count()} cores ({cpu}), {mem_kb / 1024 / 1024:.0f} GiB, {platform.system()} {platform.release()}"


def main():
    os.chdir(ROOT)
    print("building the shipped binary (release-dist: LTO) and the emulator …", flush=True)
    run(["cargo", "build", "--profile", "release-dist", "--locked", "--bin", "kubectl-density"])
    run(["cargo", "build", "--release", "--locked", "--example", "emulator-server"])
    kubectl = shutil.which("kubectl")
    if not kubectl:
        sys.exit("kubectl is not on the PATH")
    results = []
    with tempfile.TemporaryDirectory() as work:
        # 1. lint vs PyYAML
        corpus = os.path.join(work, "corpus")
        run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), "10000", corpus], stdout=subprocess.DEVNULL)
        size = sum(os.path.getsize(os.path.join(corpus, f)) for f in os.listdir(corpus))
        pyyaml = [sys.executable, "-c",
                  "import glob, sys, yaml\n"
                  "n = 0\n"
                  "for path in sorted(glob.glob(sys.argv[1] + '/*.yaml')):\n"
                  "    with open(path) as handle:\n"
                  "        n += sum(1 for _ in yaml.load_all(handle, Loader=yaml.CSafeLoader))\n",
                  corpus]
        py_time, _ = timed(pyyaml)
        lint_time, lint_rss = timed([BINARY, "lint", "-R", "-f", corpus, "-o", "json", "--fail-on", "never"])
        results.append(("lint of 10,000 VMs (%.0f MiB of YAML) vs PyYAML CSafeLoader parse" % (size / 2**20),
                        f"{lint_time:.3f} s", f"{py_time:.3f} s", lint_time / py_time, "≤ 0.1×"))

        # 2. start-up
        ours = mean_startup([BINARY, "--version"])
        theirs = mean_startup([kubectl, "version", "--client"])
        results.append(("`kubectl density --version` vs `kubectl version --client` (mean of 30)",
                        f"{ours * 1000:.1f} ms", f"{theirs * 1000:.1f} ms", ours / theirs, "≤ 0.1×"))

        # 3. live lint of 20,000 VMIs
        emulator = Emulator(work, "--vmis", "20000", "--namespaces", "20", "--nodes", "3")
        try:
            env = dict(os.environ, HOME=work, KUBECACHEDIR=os.path.join(work, "kube-cache"))
            ours_live, ours_rss = timed([BINARY, "lint", "-A", "-o", "json", "--fail-on", "never",
                                         "--kubeconfig", emulator.kubeconfig], env=env)
            kubectl_live, kubectl_rss = timed([kubectl, "--kubeconfig", emulator.kubeconfig,
                                               "get", "vmi", "-A", "-o", "json"], env=env)
        finally:
            emulator.stop()
        results.append(("live lint of 20,000 VMIs vs `kubectl get vmi -A -o json` (wall)",
                        f"{ours_live:.3f} s", f"{kubectl_live:.3f} s", ours_live / kubectl_live, "≤ 1×"))
        results.append(("… peak memory",
                        f"{ours_rss:.0f} MiB", f"{kubectl_rss:.0f} MiB", ours_rss / kubectl_rss, "bounded"))

        # 4. eviction over 500 nodes at 50 ms per configz
        emulator = Emulator(work, "--nodes", "500", "--configz-latency-ms", "50")
        try:
            evict_time, _ = timed([BINARY, "eviction", "--concurrency", "16", "-o", "json",
                                   "--kubeconfig", emulator.kubeconfig], runs=3, env=env)
            ideal = 500 * 0.050 / 16
            results.append(("`eviction` over 500 nodes, 50 ms per configz, --concurrency 16, vs ideal 500 × 50 ms ÷ 16",
                            f"{evict_time:.3f} s", f"{ideal:.3f} s", evict_time / ideal, "≤ 1.2×"))
            loop_nodes = 50
            loop = ["bash", "-c",
                    f'for i in $(seq -f "%04g" 0 {loop_nodes - 1}); do '
                    f'"{kubectl}" --kubeconfig "{emulator.kubeconfig}" get --raw /api/v1/nodes/node-$i/proxy/configz > /dev/null; done']
            loop_time, _ = timed(loop, runs=1, env=env)
            loop_500 = loop_time * 500 / loop_nodes
            results.append((f"… vs a shell loop of `kubectl get --raw` (measured over {loop_nodes} nodes, × 10)",
                            f"{evict_time:.3f} s", f"{loop_500:.3f} s", evict_time / loop_500, "—"))
        finally:
            emulator.stop()

    lines = [
        "# Benchmarks",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()},",
        f"`kubectl-density` {subprocess.run([BINARY, '--version'], capture_output=True, text=True).stdout.strip()} "
        f"(the `release-dist` build krew ships: LTO, stripped), `{subprocess.run([kubectl, 'version', '--client'], capture_output=True, text=True).stdout.splitlines()[0]}`,",
        f"Python {platform.python_version()} with PyYAML's C loader. Re-run with `python3 bench/run.py`",
        "(it rewrites this file). Times are the best of 3 runs (start-up: the mean of 30).",
        "",
        "| measurement | kubectl-density | baseline | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for name, ours, base, ratio, target in results:
        lines.append(f"| {name} | {ours} | {base} | {ratio:.2f}× | {target} |")
    lines.append("")
    notes_path = os.path.join(ROOT, "bench", "NOTES.md")
    if os.path.exists(notes_path):
        with open(notes_path) as handle:
            lines.append(handle.read().rstrip())
            lines.append("")
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
