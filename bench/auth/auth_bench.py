#!/usr/bin/env python3
"""Cost of authentication in bobine.jar, over HTTP on loopback.

Starts the jar, logs in as root, then measures on one keep-alive connection:
  - the latency of GET /api/v1/ping (no authentication, the reference measured in the same run);
  - the latency of GET /api/v1/users/me with a bearer token (token validated, user loaded);
  - the latency of GET /api/v1/users/me with an unknown token (validation that fails);
and the latency of logins (POST /api/v1/users/token, password grant: bcrypt cost 10 dominates). Logins are
limited to 15 per address per 5 minutes, so at most 14 are timed. Reports medians and ratios to ping.

Usage: bench/auth/auth_bench.py [--jar distribution/target/bobine.jar] [--requests 3000] [--logins 12]
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.parse

PASSWORD = "benchmark password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(connection, method, path, body=None, headers=None):
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.read()


def wait_for_logins(port, deadline):
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("localhost", port, timeout=5)
            status, body = request(connection, "GET", "/api/v1/oauth-clients/local")
            if status == 200:
                client = json.loads(body)
                status, body = request(connection, "POST", "/api/v1/users/token", "grant_type=password",
                                       {"Content-Type": "application/x-www-form-urlencoded"})
                if b"invalid_client" in body:
                    return connection, client
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("bobine.jar did not accept logins in time")


def timed(connection, count, method, path, body=None, headers=None, expected=200):
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        status, _ = request(connection, method, path, body, headers)
        latencies.append((time.perf_counter() - started) * 1000)
        if status != expected:
            raise RuntimeError(f"{method} {path} answered {status}")
    return latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default="distribution/target/bobine.jar")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--logins", type=int, default=12)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="bobine-auth-bench-")
    port = free_port()
    environment = dict(os.environ, BOBINE_ROOT_PASSWORD=PASSWORD)
    process = subprocess.Popen(["java", "-jar", os.path.abspath(args.jar), "--data", data, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    try:
        connection, client = wait_for_logins(port, time.monotonic() + 120)
        form = urllib.parse.urlencode({"client_id": client["client_id"], "client_secret": client["client_secret"],
                                       "grant_type": "password", "username": "root", "password": PASSWORD})
        form_headers = {"Content-Type": "application/x-www-form-urlencoded"}
        logins = timed(connection, min(args.logins, 14), "POST", "/api/v1/users/token", form, form_headers)
        status, body = request(connection, "POST", "/api/v1/users/token", form, form_headers)
        token = json.loads(body)["access_token"]
        bearer = {"Authorization": "Bearer " + token}
        unknown = {"Authorization": "Bearer " + "0" * 40}
        # Warm-up, then alternate rounds so that drift on a noisy machine affects all three alike.
        timed(connection, args.requests // 3, "GET", "/api/v1/users/me", headers=bearer)
        timed(connection, args.requests // 3, "GET", "/api/v1/ping")
        ping, me, refused = [], [], []
        rounds = 10
        for _ in range(rounds):
            ping += timed(connection, args.requests // rounds, "GET", "/api/v1/ping")
            me += timed(connection, args.requests // rounds, "GET", "/api/v1/users/me", headers=bearer)
            refused += timed(connection, args.requests // rounds, "GET", "/api/v1/users/me", headers=unknown,
                             expected=401)
        reference = statistics.median(ping)
        print(f"java -jar bobine.jar, {os.cpu_count()} cores, {len(ping)} requests each, one keep-alive connection")
        print(f"GET /api/v1/ping (reference): median {reference:.3f} ms")
        for name, values in (("GET /api/v1/users/me, valid token", me),
                             ("GET /api/v1/users/me, unknown token", refused)):
            median = statistics.median(values)
            print(f"{name}: median {median:.3f} ms, {median / reference:.2f}x ping, "
                  f"+{median - reference:.3f} ms")
        print(f"login (password grant), {len(logins)} sequential: median {statistics.median(logins):.1f} ms "
              f"(min {min(logins):.1f}, max {max(logins):.1f}), {statistics.median(logins) / reference:.0f}x ping")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
