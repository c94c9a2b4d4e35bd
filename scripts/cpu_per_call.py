#!/usr/bin/env python3
"""CPU time per timed call of every process a benchmark run keeps busy.

Usage: ./market up, then
    python3 scripts/cpu_per_call.py [market-bench options]      (default: --scenarios 10 --runs 1 --calls 2000)

Runs .build/release/market-bench once against the servers of `./market up` (ports 7001 and 7002
unless the options say otherwise) and reads the CPU time (user + system, /proc/<pid>/stat, Linux)
of every PostgreSQL process and of both servers before and after, and the benchmark's own from
its resource usage. Prints each one's CPU seconds, its microseconds per timed call and its share,
so a change can be judged by the CPU it saves rather than by throughput, which moves ±20 %
between runs on a shared machine. The set-up (account creation and login, which hash passwords
on purpose) is included; use enough calls that it does not matter, or compare like with like.
Loopback only, like market-bench itself.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_by_process():
    """CPU seconds so far of each PostgreSQL process and each server, keyed by (kind, pid)."""
    found = {}
    for folder in glob.glob("/proc/[0-9]*"):
        try:
            command = open(folder + "/cmdline").read().replace("\0", " ")
            fields = open(folder + "/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if os.path.basename(command.split(" ")[0]) == "postgres" or command.startswith("postgres:"):
            kind = "postgres"
        elif "seller-server" in command:
            kind = "seller-server"
        elif "buyer-server" in command:
            kind = "buyer-server"
        else:
            continue
        found[(kind, folder)] = (int(fields[11]) + int(fields[12])) / TICKS
    return found


def main():
    options = sys.argv[1:] or ["--scenarios", "10", "--runs", "1", "--calls", "2000"]
    output = tempfile.mkdtemp(prefix="market-cpu-")
    before = cpu_by_process()
    children = os.times()
    started = time.time()
    # The report goes to a folder of our own (an --output among the options is overridden: the last one wins).
    subprocess.run([os.path.join(ROOT, ".build/release/market-bench"), "--quiet"] + options + ["--output", output],
                   check=True, stdout=subprocess.DEVNULL)
    wall = time.time() - started
    children_after = os.times()
    after = cpu_by_process()

    used = {}
    for key, seconds in after.items():
        used[key[0]] = used.get(key[0], 0) + seconds - before.get(key, 0)  # new processes count from zero
    used["market-bench"] = (children_after.children_user - children.children_user) + (
        children_after.children_system - children.children_system)

    with open(os.path.join(output, "results.json")) as results:
        scenario = json.load(results)["scenarios"][-1]
    shutil.rmtree(output)
    calls = sum(run["operations"] for run in scenario["runs"])
    throughput = sum(run["throughput"] for run in scenario["runs"]) / len(scenario["runs"])
    total = sum(used.values())
    print(f"{calls:,} timed calls in {wall:.1f} s of wall-clock time (set-up included), {throughput:,.0f} calls/s in the runs")
    print("| Process | CPU (s) | µs per timed call | Share |")
    print("|---|---:|---:|---:|")
    for kind in sorted(used):
        print(f"| {kind} | {used[kind]:.2f} | {used[kind] / calls * 1e6:.0f} | {used[kind] / total * 100:.0f} % |")
    print(f"| **Total** | {total:.2f} | **{total / calls * 1e6:.0f}** | |")


if __name__ == "__main__":
    main()
