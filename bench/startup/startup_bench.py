#!/usr/bin/env python3
"""Start-up and idle-memory benchmark of bobine.jar.

Starts the jar repeatedly as a separate process, as an administrator does, and measures:
  - time from process start to the first 200 on /api/v1/ping (HTTP ready);
  - time from process start to the first 200 on /api/v1/oauth-clients/local, an endpoint whose component
    needs the database (database migrated, EntityManagerFactory built);
  - resident memory (VmRSS) after the instance has idled for a while.
Each is measured on a fresh data directory (first start) and on a restart over the same directory.
The reference, measured in the same run, is the JVM start-up of the same jar doing nothing
(`java -cp bobine.jar org.bobine.launcher.Main --version`), so that figures can be compared across machines
as ratios. Reports medians.

Usage: bench/startup/startup_bench.py [--jar distribution/target/bobine.jar] [--runs 5] [--idle 10]
                                     [--jvm-arg=-XX:+UseSerialGC ...]
"""
import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url, host=None):
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except Exception:
        return False


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def one_start(java, jvm_args, jar, data, idle):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    process = subprocess.Popen([java, *jvm_args, "-jar", jar, "--data", data, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ping = database = None
    try:
        deadline = started + 120
        while time.monotonic() < deadline and (ping is None or database is None):
            if process.poll() is not None:
                raise RuntimeError(f"bobine.jar exited with {process.returncode}")
            now = time.monotonic() - started
            if ping is None and answers(base + "/api/v1/ping"):
                ping = now
            if database is None and answers(base + "/api/v1/oauth-clients/local", f"localhost:{port}"):
                database = time.monotonic() - started
            time.sleep(0.01)
        if ping is None or database is None:
            raise RuntimeError("bobine.jar did not become ready within 120 s")
        time.sleep(idle)
        memory = rss_mb(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
    return ping, database, memory


def jvm_reference(java, jar):
    started = time.monotonic()
    subprocess.run([java, "-cp", jar, "org.bobine.launcher.Main", "--version"], check=True,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def describe(values, unit, digits=2):
    return (f"median {statistics.median(values):.{digits}f} {unit} "
            f"(min {min(values):.{digits}f}, max {max(values):.{digits}f}, n={len(values)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default="distribution/target/bobine.jar")
    parser.add_argument("--java", default=shutil.which("java") or "java")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10, help="seconds idle before reading the memory")
    parser.add_argument("--jvm-arg", action="append", default=[], dest="jvm_args",
                        help="a JVM option for the instance, e.g. --jvm-arg=-XX:+UseSerialGC (repeatable)")
    args = parser.parse_args()
    jar = os.path.abspath(args.jar)
    java_version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print(f"java: {java_version}; cores: {os.cpu_count()}; runs: {args.runs}; JVM options: {args.jvm_args}",
          flush=True)

    reference = [jvm_reference(args.java, jar) for _ in range(args.runs)]
    results = {"first start": ([], [], []), "restart": ([], [], [])}
    for run in range(args.runs):
        data = tempfile.mkdtemp(prefix="bobine-bench-")
        try:
            for kind in ("first start", "restart"):
                ping, database, memory = one_start(args.java, args.jvm_args, jar, data, args.idle)
                results[kind][0].append(ping)
                results[kind][1].append(database)
                results[kind][2].append(memory)
                print(f"run {run + 1} {kind}: ping {ping:.2f} s, database {database:.2f} s, RSS {memory:.0f} MB",
                      flush=True)
        finally:
            shutil.rmtree(data, ignore_errors=True)

    ref = statistics.median(reference)
    print()
    print(f"reference, JVM start of the same jar (--version): {describe(reference, 's')}")
    for kind, (ping, database, memory) in results.items():
        print(f"{kind}: first 200 on /api/v1/ping: {describe(ping, 's')}, "
              f"{statistics.median(ping) / ref:.1f}x the reference")
        print(f"{kind}: database ready: {describe(database, 's')}, "
              f"{statistics.median(database) / ref:.1f}x the reference")
        print(f"{kind}: RSS after {args.idle:.0f} s idle: {describe(memory, 'MB', 0)}")


if __name__ == "__main__":
    sys.exit(main())
