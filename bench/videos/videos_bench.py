#!/usr/bin/env python3
"""Throughput and latency of the video catalog's hot paths in bobine.jar, with many videos in the database.

Starts the jar on a fresh data directory (embedded H2, or PostgreSQL with --postgres-url), lets it create its
schema and the administrator's channel, stops it, adds --videos public videos (each with two tags and one
web-video file) straight into the database, starts it again, and then drives it with wrk (Debian's `wrk`) over
loopback:
  - GET /api/v1/ping                      the reference, measured in the same run (no database, no JSON to build);
  - GET /api/v1/videos/{id}               the detail of a video picked at random for each request;
  - GET /api/v1/videos?count=15           the first page of the default list (newest first).
Each is run --rounds times in turn, so that a noisy machine affects all alike; the medians of the rounds are
reported, with the ratio to ping. wrk and the instance share the machine's cores.

Usage: bench/videos/videos_bench.py [--jar distribution/target/bobine.jar] [--videos 10000] [--duration 10]
                                    [--rounds 3] [--connections 16] [--threads 2]
                                    [--postgres-url jdbc:postgresql://127.0.0.1:55432/bobine_test
                                     --postgres-user bobine --postgres-password bobine]
"""
import argparse
import glob
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
import uuid

PASSWORD = "benchmark password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(jar, data, port):
    environment = dict(os.environ, BOBINE_ROOT_PASSWORD=PASSWORD)
    process = subprocess.Popen(["java", "-jar", jar, "--data", data, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/api/v1/video-channels/root_channel",
                                        timeout=5) as response:
                if response.status == 200:
                    return process, response.read().decode()
        except OSError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("bobine.jar did not serve the administrator's channel in time")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()


def seed_sql(channel_id, count, base_url):
    """INSERT statements for count public, published videos of the channel, valid on H2 and PostgreSQL."""
    statements = []
    now = time.time()
    for i in range(1, count + 1):
        video_uuid = str(uuid.uuid4())
        published = time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(now - i * 60))
        statements.append(
            "INSERT INTO catalog_video (uuid, channel_id, is_local, url, name, description, support, category, "
            "licence, language, privacy, nsfw, comments_policy, download_enabled, wait_transcoding, state, "
            "duration, aspect_ratio, views, likes, dislikes, files_size, published_at, created_at, updated_at) "
            f"VALUES ('{video_uuid}', {channel_id}, TRUE, '{base_url}/videos/watch/{video_uuid}', "
            f"'Benchmark video {i}', 'A video made to measure the catalog, number {i}.', NULL, {1 + i % 18}, "
            f"{1 + i % 7}, 'en', 1, FALSE, 1, TRUE, FALSE, 1, {30 + i % 600}, 1.7778, {i * 7 % 1000}, "
            f"{i % 50}, {i % 5}, {1000000 + i}, TIMESTAMP WITH TIME ZONE '{published}', "
            f"TIMESTAMP WITH TIME ZONE '{published}', TIMESTAMP WITH TIME ZONE '{published}');")
        select = f"(SELECT id FROM catalog_video WHERE uuid = '{video_uuid}')"
        for tag in (f"tag{i % 100}", f"topic{i % 37}"):
            statements.append(f"INSERT INTO catalog_video_tag (video_id, name) VALUES ({select}, '{tag}');")
        statements.append(
            "INSERT INTO catalog_video_file (video_id, resolution, width, height, size, fps, extension, filename, "
            f"storage_key, created_at) VALUES ({select}, 720, 1280, 720, {1000000 + i}, 30, '.mp4', "
            f"'{uuid.uuid4()}-720.mp4', 'bench-{i}.mp4', TIMESTAMP WITH TIME ZONE '{published}');")
    return "\n".join(statements) + "\n"


def run_sql_h2(data, sql_file):
    jars = sorted(glob.glob(os.path.expanduser("~/.m2/repository/com/h2database/h2/2.5.*/h2-2.5.*.jar")))
    if not jars:
        raise RuntimeError("H2's jar is needed in ~/.m2 (mvn install fetches it)")
    url = "jdbc:h2:file:" + os.path.join(os.path.abspath(data), "db", "bobine")
    subprocess.run(["java", "-cp", jars[-1], "org.h2.tools.RunScript", "-url", url, "-user", "sa",
                    "-script", sql_file], check=True)


def run_sql_postgres(url, user, password, sql_file):
    match = re.match(r"jdbc:postgresql://([^:/]+)(?::(\d+))?/([^?]+)", url)
    host, port, database = match.group(1), match.group(2) or "5432", match.group(3)
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user, "-d", database,
                    "-f", sql_file], check=True, env=dict(os.environ, PGPASSWORD=password),
                   stdout=subprocess.DEVNULL)


def reset_postgres(url, user, password):
    """Drops every table of the benchmark database, so that each run starts from an empty schema."""
    match = re.match(r"jdbc:postgresql://([^:/]+)(?::(\d+))?/([^?]+)", url)
    host, port, database = match.group(1), match.group(2) or "5432", match.group(3)
    subprocess.run(["psql", "-q", "-h", host, "-p", port, "-U", user, "-d", database, "-c",
                    "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"], check=True,
                   env=dict(os.environ, PGPASSWORD=password), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wrk(url, args, script=None):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = latency(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1))
    p99 = latency(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} requests failed")
    return rate, p50, p99


def latency(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default="distribution/target/bobine.jar")
    parser.add_argument("--videos", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--postgres-url")
    parser.add_argument("--postgres-user", default="bobine")
    parser.add_argument("--postgres-password", default="bobine")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    jar = os.path.abspath(args.jar)
    data = tempfile.mkdtemp(prefix="bobine-videos-bench-")
    port = free_port()
    if args.postgres_url:
        reset_postgres(args.postgres_url, args.postgres_user, args.postgres_password)
        with open(os.path.join(data, "bobine.yaml"), "w") as config:
            config.write(f"database:\n  url: {args.postgres_url}\n  username: {args.postgres_user}\n"
                         f"  password: {args.postgres_password}\n")
    process = None
    try:
        process, channel = start(jar, data, port)
        channel_id = int(re.search(r'"id"\s*:\s*(\d+)', channel).group(1))
        stop(process)
        sql_file = os.path.join(data, "seed.sql")
        with open(sql_file, "w") as sql:
            sql.write(seed_sql(channel_id, args.videos, f"http://localhost:{port}"))
        seeded = time.monotonic()
        if args.postgres_url:
            run_sql_postgres(args.postgres_url, args.postgres_user, args.postgres_password, sql_file)
        else:
            run_sql_h2(data, sql_file)
        print(f"seeded {args.videos} videos in {time.monotonic() - seeded:.0f} s")
        process, _ = start(jar, data, port)
        with urllib.request.urlopen(f"http://localhost:{port}/api/v1/videos?count=1", timeout=30) as response:
            body = response.read().decode()
        total = int(re.search(r'"total"\s*:\s*(\d+)', body).group(1))
        # The newest video is the first one inserted: the ids run from its id up.
        first = int(re.search(r'"id"\s*:\s*(\d+)', body).group(1))
        if total < args.videos:
            raise RuntimeError(f"only {total} videos listed")
        script = os.path.join(data, "random_video.lua")
        with open(script, "w") as lua:
            lua.write(f"math.randomseed(os.time())\nrequest = function()\n"
                      f"  return wrk.format(nil, \"/api/v1/videos/\" .. math.random({first}, "
                      f"{first + args.videos - 1}))\nend\n")
        base = f"http://127.0.0.1:{port}"
        targets = [("GET /api/v1/ping (reference)", base + "/api/v1/ping", None),
                   ("GET /api/v1/videos/{id} (random)", base + "/", script),
                   ("GET /api/v1/videos?count=15", base + "/api/v1/videos?count=15", None)]
        for name, url, lua_script in targets:
            wrk(url, argparse.Namespace(threads=1, connections=2, duration=3), lua_script)  # warm-up
        results = {name: [] for name, _, _ in targets}
        for _ in range(args.rounds):
            for name, url, lua_script in targets:
                results[name].append(wrk(url, args, lua_script))
        database = "PostgreSQL" if args.postgres_url else "H2 (embedded)"
        print(f"bobine.jar on {database}, {args.videos} videos, {os.cpu_count()} cores shared with wrk "
              f"(-t{args.threads} -c{args.connections}), {args.rounds} rounds of {args.duration} s, medians:")
        reference = statistics.median(r[0] for r in results[targets[0][0]])
        for name, _, _ in targets:
            rate = statistics.median(r[0] for r in results[name])
            p50 = statistics.median(r[1] for r in results[name])
            p99 = statistics.median(r[2] for r in results[name])
            print(f"{name}: {rate:.0f} req/s ({rate / reference:.2f}x ping), p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    finally:
        if process is not None:
            stop(process)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
