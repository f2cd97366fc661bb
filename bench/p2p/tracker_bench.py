#!/usr/bin/env python3
"""Throughput and memory of Bobine's BitTorrent trackers, with 10 000 peers in 100 swarms.

Three measurements, each run --rounds times in turn (a noisy machine affects all alike); medians are reported:

1. The WebSocket tracker's protocol in one process (bench/p2p/src/.../SignalTrackerBench.java, compiled against
   the P2P bundle's classes): --peers peers join --swarms swarms, then --threads threads announce for them in turn,
   without offers and with 5 offers each (relayed to 5 other peers). Reference, in the same process: Jackson
   reading the same message and writing a reply of the same shape. Also the heap the tracker keeps per peer.
2. bobine.jar over loopback (started on a fresh data directory with tracker.private false and
   tracker.max_announces_per_address 0, so that one address can load it):
   - GET /api/v1/ping with wrk: the reference (no database, no JSON to build);
   - GET /tracker/announce with wrk: random peers of the same 100 swarms, compact answers;
   - the WebSocket tracker with bench/p2p/WsLoad.java: --connections connections join --swarms-per-connection
     swarms each (10 000 peers), then announce in a closed loop, one announce in flight per connection; the live
     heap of bobine.jar (jcmd GC.class_histogram, after a full collection) before the connections and after the
     joins gives the memory per peer, its share of a connection included.
   The load generators share the machine's cores with the instance, so each rate is also given per CPU-second
   that bobine.jar spent during the measurement (from /proc), which the load generator's own cost does not
   lower.

Usage: bench/p2p/tracker_bench.py [--jar distribution/target/bobine.jar] [--rounds 3] [--duration 10]
       (build first: mvn -B -q verify -pl bundles/org.bobine.p2p,distribution -am -DskipTests)
"""
import argparse
import glob
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
import hashlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def classpath():
    m2 = os.path.expanduser("~/.m2/repository/com/fasterxml/jackson/core")
    jars = []
    for name in ("jackson-databind", "jackson-core", "jackson-annotations"):
        found = sorted(glob.glob(f"{m2}/{name}/2.23*/{name}-2.23*.jar"))
        if not found:
            raise SystemExit(f"{name} 2.23 is needed in ~/.m2 (the build fetches it)")
        jars.append(found[-1])
    classes = os.path.join(ROOT, "bundles/org.bobine.p2p/target/classes")
    if not os.path.isdir(classes):
        raise SystemExit("build the P2P bundle first")
    return ":".join([classes] + jars)


def in_process(build, cp, args, offers):
    output = subprocess.run(["java", "-Xmx1g", "-cp", build + ":" + cp, "org.bobine.p2p.internal.SignalTrackerBench",
                             str(args.peers), str(args.swarms), str(args.threads), str(args.duration), str(offers)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def start(jar, data, port):
    with open(os.path.join(data, "bobine.yaml"), "w") as config:
        config.write("tracker:\n  private: false\n  max_announces_per_address: 0\n")
    process = subprocess.Popen(["java", "-jar", jar, "--data", data, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/tracker/announce?info_hash=x",
                                        timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("bobine.jar's tracker did not answer in time")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))


def cpu_seconds(pid):
    """User and system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def live_heap(pid):
    """Bytes of live objects in a JVM, after the full collection that a class histogram makes."""
    output = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], check=True, capture_output=True,
                            text=True).stdout
    return int(re.search(r"^Total\s+\d+\s+(\d+)", output, re.M).group(1))


def wrk(url, args, script=None, pid=None):
    """Requests per second, and requests per CPU-second of the server (pid) when given."""
    command = ["wrk", "-t1", f"-c{args.wrk_connections}", f"-d{args.duration}s"]
    if script:
        command += ["-s", script]
    cpu = cpu_seconds(pid) if pid else 0
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    cpu = cpu_seconds(pid) - cpu if pid else 0
    if "Non-2xx" in output or "Socket errors" in output:
        raise RuntimeError(f"{url}: errors\n{output}")
    total = int(re.search(r"(\d+) requests in", output).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), (total / cpu if cpu else 0)


def swarm_hashes(count):
    return [hashlib.sha1(f"swarm {i}".encode()).digest() for i in range(count)]


def ws_load(port, args):
    command = ["java", "-Xss512k", os.path.join(HERE, "WsLoad.java"), f"ws://127.0.0.1:{port}/tracker/socket",
               str(args.connections), str(args.swarms_per_connection), str(args.swarms), str(args.duration), "0"]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default=os.path.join(ROOT, "distribution/target/bobine.jar"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--peers", type=int, default=10000)
    parser.add_argument("--swarms", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--swarms-per-connection", type=int, default=10)
    parser.add_argument("--wrk-connections", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    work = tempfile.mkdtemp(prefix="bobine-tracker-bench-")
    cp = classpath()
    build = os.path.join(work, "classes")
    os.makedirs(build)
    subprocess.run(["javac", "-d", build, "-cp", cp] + glob.glob(os.path.join(HERE, "src/**/*.java"), recursive=True),
                   check=True)
    lua = os.path.join(work, "announce.lua")
    encoded = ["".join(f"%{b:02x}" for b in h) for h in swarm_hashes(args.swarms)]
    with open(lua, "w") as script:
        script.write("hashes = {" + ",".join(f'"{e}"' for e in encoded) + "}\n"
                     "math.randomseed(os.time())\n"
                     "request = function()\n"
                     f"  local p = math.random(0, {args.peers - 1})\n"
                     f"  return wrk.format(nil, \"/tracker/announce?info_hash=\" .. hashes[p % {args.swarms} + 1] .."
                     " \"&peer_id=-BB0001-\" .. string.format(\"%012d\", p) .."
                     " \"&port=\" .. (6881 + p % 1000) .. \"&uploaded=0&downloaded=0&left=1000&compact=1\")\n"
                     "end\n")
    results = {key: [] for key in ("inproc0", "inproc0_ref", "inproc5", "inproc5_ref", "heap_per_peer", "ping",
                                   "ping_cpu", "http_announce", "http_announce_cpu", "ws_announce", "ws_announce_cpu",
                                   "live_heap_per_peer")}
    try:
        for _ in range(args.rounds):
            for offers in (0, 5):
                r = in_process(build, cp, args, offers)
                results[f"inproc{offers}"].append(r["announces_per_s"])
                results[f"inproc{offers}_ref"].append(r["reference_per_s"])
                results["heap_per_peer"].append(r["heap_bytes_per_peer"])
            data = os.path.join(work, "data")
            shutil.rmtree(data, ignore_errors=True)
            os.makedirs(data)
            port = free_port()
            process = start(os.path.abspath(args.jar), data, port)
            try:
                base = f"http://127.0.0.1:{port}"
                with urllib.request.urlopen(base + "/tracker/announce?info_hash=" + encoded[0]
                                            + "&peer_id=-BB0001-000000000000&port=6881&left=1") as response:
                    body = response.read()
                if b"failure reason" in body:
                    raise RuntimeError(f"the tracker refuses the benchmark's announces: {body!r}")
                wrk(base + "/api/v1/ping", argparse.Namespace(wrk_connections=2, duration=3))  # warm-up
                rate, per_cpu = wrk(base + "/api/v1/ping", args, pid=process.pid)
                results["ping"].append(rate)
                results["ping_cpu"].append(per_cpu)
                rate, per_cpu = wrk(base + "/", args, lua, pid=process.pid)
                results["http_announce"].append(rate)
                results["http_announce_cpu"].append(per_cpu)
                time.sleep(2)
                before = live_heap(process.pid)
                load = ws_load(port, args)
                line = load.stdout.readline()
                if not line.startswith("joined"):
                    raise RuntimeError(f"WsLoad: {line}")
                peers = int(line.split()[1])
                results["live_heap_per_peer"].append((live_heap(process.pid) - before) / peers)
                load.stdin.write("\n")
                load.stdin.flush()
                if load.stdout.readline().strip() != "measuring":
                    raise RuntimeError("WsLoad did not start measuring")
                cpu = cpu_seconds(process.pid)
                started = time.monotonic()
                if load.stdout.readline().strip() != "measured":
                    raise RuntimeError("WsLoad did not finish measuring")
                cpu = cpu_seconds(process.pid) - cpu
                window = time.monotonic() - started
                outcome = json.loads(load.stdout.readline())
                load.wait(120)
                if outcome["failures"]:
                    raise RuntimeError(f"WsLoad: {outcome}")
                results["ws_announce"].append(outcome["announces_per_s"])
                results["ws_announce_cpu"].append(outcome["announces_per_s"] * window / cpu)
            finally:
                stop(process)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    m = {key: statistics.median(values) for key, values in results.items()}
    ping = m["ping"]
    print(f"{os.cpu_count()} cores, {args.rounds} rounds of {args.duration} s, medians (range):")
    def line(name, key, reference=None, unit="/s"):
        values = results[key]
        ratio = f", {m[key] / reference:.2f}x the reference" if reference else ""
        print(f"  {name}: {m[key]:,.0f}{unit} ({min(values):,.0f}-{max(values):,.0f}){ratio}")
    print(f"in one process, {args.peers} peers in {args.swarms} swarms, {args.threads} threads:")
    line("reference, JSON only, no offers", "inproc0_ref")
    line("WebSocket announces, no offers", "inproc0", m["inproc0_ref"])
    line("reference, JSON only, 5 offers", "inproc5_ref")
    line("WebSocket announces, 5 offers relayed", "inproc5", m["inproc5_ref"])
    line("tracker heap per peer", "heap_per_peer", unit=" B")
    print(f"bobine.jar over loopback (wrk -t1 -c{args.wrk_connections}; {args.connections} WebSocket connections x "
          f"{args.swarms_per_connection} swarms), per second of wall time and per CPU-second of bobine.jar:")
    line("GET /api/v1/ping (reference)", "ping")
    line("GET /tracker/announce", "http_announce", ping)
    line("WebSocket announces, no offers", "ws_announce", ping)
    line("GET /api/v1/ping (reference), per CPU-second", "ping_cpu")
    line("GET /tracker/announce, per CPU-second", "http_announce_cpu", m["ping_cpu"])
    line("WebSocket announces, per CPU-second", "ws_announce_cpu", m["ping_cpu"])
    line("live heap per WebSocket peer, its connection included", "live_heap_per_peer", unit=" B")

if __name__ == "__main__":
    main()
