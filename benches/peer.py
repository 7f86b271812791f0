#!/usr/bin/env python3
"""`mynumber batch` against json-rules-engine, in one run, on the same generated profiles.

    cp -r ../shared/bench/peer target/peer && (cd target/peer/jre && npm ci)
    cargo build --profile dist --locked
    python3 benches/peer.py [--n 20000] [--rounds 3] [--sample 200] [--memory 10000,100000]

Runs, interleaved, `--rounds` times on the same N profiles (the peer's generate.py, today
2026-10-05, seed 1): the peer (node jre/bench.js, whole process), `mynumber batch --jobs 1`
with ids and dates only (`--dates-only`, and `--format csv`), and with full schema-1 JSON
Lines; then one `mynumber plan --format json` process per profile for a sample; then the peak
memory (max RSS) of `batch --jobs 1` for each size in `--memory`; then a batch of one row
against `plan --format json` for the same person (processor time). Prints a markdown table: medians of
profiles/s and the ratio to the peer. The machine is shared: only ratios from one run mean
anything.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

TODAY = "2026-10-05"


# The peer's generator writes a few profiles whose dates cannot all be true (a birth after the
# move-in, about 1 in 2,000): mynumber refuses those rows, reports them on stderr and exits 65
# (a data error) after planning the others. That exit is expected here.
EXPECTED = (0, 65)


def run(args, stdin=None, stdout=subprocess.DEVNULL, env=None):
    """Wall seconds and peak memory (MiB) of one process. The peak is measured by GNU time:
    a child forked from this Python process would count Python's own memory."""
    with tempfile.NamedTemporaryFile("r") as rss:
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name] + args, stdin=stdin,
                           stdout=stdout, stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - start
        if p.returncode not in EXPECTED:
            err = p.stderr.decode(errors="replace")
            raise SystemExit(f"{' '.join(args[:4])}… exited {p.returncode}: {err[-2000:]}")
        return wall, int(rss.read().split()[-1]) / 1024


def cpu(args, env=None):
    """Processor time (user + system, seconds) of one process: on a shared machine, what a run
    costs is steadier than how long it waited for a processor."""
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) not in EXPECTED:
        raise SystemExit(f"{' '.join(args[:4])}… failed")
    return usage.ru_utime + usage.ru_stime


def profiles(peer, n, path):
    if not os.path.exists(path):
        with open(path, "w") as out:
            subprocess.run([sys.executable, os.path.join(peer, "generate.py"), str(n)],
                           stdout=out, check=True)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--memory", default="10000,100000",
                    help="row counts to measure batch's peak memory at (comma-separated)")
    ap.add_argument("--peer", default="target/peer")
    ap.add_argument("--bin", default="target/dist/mynumber")
    a = ap.parse_args()

    if not os.path.exists(os.path.join(a.peer, "jre", "node_modules")):
        raise SystemExit(f"no peer in {a.peer}: cp -r ../shared/bench/peer {a.peer} && "
                         f"(cd {a.peer}/jre && npm ci)")
    if not os.path.exists(a.bin):
        raise SystemExit(f"no {a.bin}: cargo build --profile dist --locked")
    work = "target/bench"
    os.makedirs(work, exist_ok=True)
    data = profiles(a.peer, a.n, os.path.join(work, f"profiles-{a.n}.jsonl"))
    env = dict(os.environ, MYNUMBER_CONFIG_DIR=tempfile.mkdtemp(), NO_COLOR="1")
    mn = [a.bin, "--today", TODAY]
    contenders = {
        "peer": ["node", os.path.join(a.peer, "jre", "bench.js"), data, "--today", TODAY,
                 "--out", "/dev/null"],
        "dates": mn + ["batch", data, "--jobs", "1", "--dates-only"],
        "csv": mn + ["batch", data, "--jobs", "1", "--format", "csv"],
        "full": mn + ["batch", data, "--jobs", "1"],
    }
    walls = {k: [] for k in contenders}
    rss = {k: 0.0 for k in contenders}
    for r in range(a.rounds):
        for k, args in contenders.items():
            w, m = run(args, env=env)
            walls[k].append(w)
            rss[k] = max(rss[k], m)
            print(f"round {r + 1} {k}: {w:.2f} s, {a.n / w:,.0f} profiles/s, {m:.1f} MiB",
                  file=sys.stderr)

    # One `plan` process per profile, for a sample.
    with open(data) as f:
        lines = f.readlines()
    sample = random.Random(1).sample(lines, min(a.sample, len(lines)))
    plan_walls = []
    for line in sample:
        args = mn + ["plan", "--format", "json", "--no-input"]
        for k, v in json.loads(line).items():
            args += ["--answer", f"{k}={str(v).lower() if isinstance(v, bool) else v}"]
        plan_walls.append(run(args, env=env)[0])
    plan_rate = len(sample) / sum(plan_walls)

    # A batch of one row against `plan --format json` for the same person, alternately.
    one = os.path.join(work, "one.jsonl")
    with open(one, "w") as f:
        f.write(sample[0])
    plan_one = mn + ["plan", "--format", "json", "--no-input"]
    for k, v in json.loads(sample[0]).items():
        plan_one += ["--answer", f"{k}={str(v).lower() if isinstance(v, bool) else v}"]
    one_batch, one_plan = [], []
    for _ in range(max(a.sample // 2, 20)):
        one_batch.append(cpu(mn + ["batch", one], env=env))
        one_plan.append(cpu(plan_one, env=env))

    # Peak memory by number of rows.
    memory = []
    for n in [int(x) for x in a.memory.split(",") if x]:
        path = profiles(a.peer, n, os.path.join(work, f"profiles-{n}.jsonl"))
        w, m = run(mn + ["batch", path, "--jobs", "1", "--dates-only"], env=env)
        memory.append((n, m, n / w))

    peer = a.n / statistics.median(walls["peer"])
    print(f"\n{a.n} profiles, median of {a.rounds} interleaved rounds, whole processes\n")
    print("| what | profiles/s | × json-rules-engine | peak memory |")
    print("|---|---|---|---|")
    names = {
        "peer": "json-rules-engine 7.3.1 (Node), all steps",
        "dates": "`batch --jobs 1 --dates-only` (ids, statuses, dates)",
        "csv": "`batch --jobs 1 --format csv` (ids, statuses, dates)",
        "full": "`batch --jobs 1`, full schema-1 JSON Lines",
    }
    for k, label in names.items():
        rate = a.n / statistics.median(walls[k])
        print(f"| {label} | {rate:,.0f} | {rate / peer:.1f} | {rss[k]:.1f} MiB |")
    print(f"| one `plan --format json` process per profile ({len(sample)} sampled) | "
          f"{plan_rate:,.0f} | {plan_rate / peer:.2f} | |")
    print()
    print(f"One row, processor time: `batch` {statistics.median(one_batch) * 1000:.2f} ms, "
          f"`plan --format json` {statistics.median(one_plan) * 1000:.2f} ms (medians of "
          f"{len(one_batch)}, alternated).")
    print()
    print("| rows | `batch --jobs 1 --dates-only` peak memory | profiles/s |")
    print("|---|---|---|")
    for n, m, rate in memory:
        print(f"| {n:,} | {m:.1f} MiB | {rate:,.0f} |")


if __name__ == "__main__":
    main()
