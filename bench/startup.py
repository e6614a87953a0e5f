#!/usr/bin/env python3
"""Cold start to first paint, and resident memory of all processes, for the
RightsDesk app next to a bare Tauri window built the same way (release,
custom protocol) — the floor for this stack. Prints both and the ratios.

"First paint" for both is the moment the webview reports the page load as
finished (both binaries print the same marker then); the UI has mounted by
that point. Memory is measured 2 s later, over the app process and every
process it started (WebKitWebProcess, WebKitNetworkProcess): RSS (what
`top` shows, counts shared pages once per process) and PSS (shared pages
split fairly). Run under Xvfb and a keyring session: `make bench`.

Not a test: it asserts nothing, it prints figures.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
TARGETS = {
    "bare window": os.path.join(ROOT, "target/release/bare-window"),
    "RightsDesk": os.path.join(ROOT, "target/release/rightsdesk-app"),
}


def children(pid):
    """All descendants of pid, from /proc."""
    parent_of = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                parent_of[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                pass
    found, frontier = [], [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, parent in parent_of.items() if parent == p]
        found += kids
        frontier += kids
    return found


def memory_kib(pid):
    """(rss, pss) in KiB for one process."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def one_run(binary, data_dir):
    env = dict(os.environ, RIGHTSDESK_BENCH="1", RIGHTSDESK_DATA_DIR=data_dir)
    start = time.perf_counter()
    proc = subprocess.Popen([binary], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    first_paint = None
    try:
        for line in proc.stderr:
            if "bench: page-loaded" in line:
                first_paint = (time.perf_counter() - start) * 1000
                break
        if first_paint is None:
            raise RuntimeError(f"{binary} exited without painting (code {proc.wait()})")
        time.sleep(2.0)
        pids = [proc.pid] + children(proc.pid)
        mem = [memory_kib(p) for p in pids]
        names = []
        for p in pids:
            try:
                with open(f"/proc/{p}/comm") as f:
                    names.append(f.read().strip())
            except OSError:
                pass
        return first_paint, sum(m[0] for m in mem) / 1024, sum(m[1] for m in mem) / 1024, names
    finally:
        proc.kill()
        proc.wait()
        subprocess.run(["pkill", "-P", str(proc.pid)], check=False)


def main():
    for name, path in TARGETS.items():
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: build with `make app` and "
                     "`cargo build --release -p bare-window --features bare-window/custom-protocol`")
    if not os.environ.get("DISPLAY"):
        sys.exit("no DISPLAY: run under Xvfb (`make bench` does)")
    data_root = tempfile.mkdtemp(prefix="rightsdesk-bench.")
    results = {name: [] for name in TARGETS}
    try:
        # Alternate the two so both see the same machine state; the first
        # RightsDesk run also creates its database (a first start).
        for i in range(RUNS):
            for name, path in TARGETS.items():
                results[name].append(one_run(path, os.path.join(data_root, "data")))
    finally:
        shutil.rmtree(data_root, ignore_errors=True)

    print(f"Startup and memory, median of {RUNS} runs (first run in brackets)")
    print(f"{'':14} {'first paint ms':>16} {'RSS MiB':>10} {'PSS MiB':>10}  processes")
    med = {}
    for name, runs in results.items():
        paint = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        pss = statistics.median(r[2] for r in runs)
        med[name] = (paint, rss, pss)
        print(f"{name:14} {paint:9.0f} [{runs[0][0]:4.0f}] {rss:10.1f} {pss:10.1f}  {', '.join(runs[-1][3])}")
    b, a = med["bare window"], med["RightsDesk"]
    print(f"{'ratio':14} {a[0] / b[0]:16.2f} {a[1] / b[1]:10.2f} {a[2] / b[2]:10.2f}   (target: <= 1.30)")


if __name__ == "__main__":
    main()
