#!/usr/bin/env python3
"""Weight and server time of Bobine's web pages, over HTTP on loopback.

Starts bobine.jar, uploads a few videos through the API, then:
  - page weight: the bytes of HTML, CSS and JavaScript that the home page and the watch page of a video with a
    web-video file load (the files the page names: its style sheet, its scripts and the scripts those import),
    uncompressed and gzip-compressed as the server sends them to a browser that accepts gzip; hls.js is listed
    apart, since a page loads it only for a video with an HLS playlist;
  - server time: wrk (Debian's `wrk`) on GET /api/v1/ping (the reference, measured in the same run), on the home
    page and on a watch page, anonymous, for a few rounds; median requests per second and latency, and the
    ratio of each page to ping. wrk and the instance share the machine's cores.

Usage: bench/ui/ui_bench.py [--jar distribution/target/bobine.jar] [--videos 30] [--duration 8] [--rounds 3]
"""
import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import tempfile
import time
import uuid

PASSWORD = "benchmark password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("localhost", port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    result = response.status, dict((k.lower(), v) for k, v in response.getheaders()), data
    connection.close()
    return result


def box(kind, *payload):
    body = b"".join(payload)
    return struct.pack(">I", 8 + len(body)) + kind.encode("ascii") + body


def tiny_mp4(seconds=60, size=200_000):
    """An MP4 container the upload accepts (its header says 640x360, `seconds` long); its media is not playable,
    which page weight and server time do not need."""
    u32 = lambda v: struct.pack(">I", v)
    mvhd = box("mvhd", u32(0), u32(0), u32(0), u32(1000), u32(seconds * 1000), bytes(80))
    tkhd = box("tkhd", u32(3), u32(0), u32(0), u32(1), u32(0), u32(seconds * 1000), bytes(52), u32(640 << 16),
               u32(360 << 16))
    mdhd = box("mdhd", u32(0), u32(0), u32(0), u32(3000), u32(seconds * 3000), u32(0))
    hdlr = box("hdlr", u32(0), u32(0), b"vide", bytes(12), b"Video\0")
    stts = box("stts", u32(0), u32(1), u32(seconds * 30), u32(100))
    moov = box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", box("stbl", stts)))))
    return box("ftyp", b"isom", u32(512), b"isommp41") + moov + box("mdat", os.urandom(size))


def upload(port, token, channel, name):
    boundary = "----bobine" + uuid.uuid4().hex
    parts = []
    for key, value in (("name", name), ("channelId", str(channel)), ("privacy", "1"),
                       ("description", "A *benchmark* video with a [link](https://example.org).")):
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}\r\n".encode())
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"videofile\"; filename=\"v.mp4\"\r\n"
                 "Content-Type: video/mp4\r\n\r\n".encode() + tiny_mp4() + f"\r\n--{boundary}--\r\n".encode())
    status, _, body = request(port, "POST", "/api/v1/videos/upload", b"".join(parts),
                              {"Content-Type": "multipart/form-data; boundary=" + boundary,
                               "Authorization": "Bearer " + token})
    if status != 200:
        raise RuntimeError(f"upload answered {status}: {body[:200]}")
    return json.loads(body)["video"]


def start(jar, data, port):
    environment = dict(os.environ, BOBINE_ROOT_PASSWORD=PASSWORD)
    process = subprocess.Popen(["java", "-jar", jar, "--data", data, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            status, _, body = request(port, "GET", "/api/v1/oauth-clients/local")
            if status == 200:
                client = json.loads(body)
                form = (f"client_id={client['client_id']}&client_secret={client['client_secret']}"
                        f"&grant_type=password&username=root&password={PASSWORD.replace(' ', '+')}")
                status, _, body = request(port, "POST", "/api/v1/users/token", form,
                                          {"Content-Type": "application/x-www-form-urlencoded"})
                if status == 200:
                    status, _, channel = request(port, "GET", "/api/v1/video-channels/root_channel")
                    if status == 200:
                        return process, json.loads(body)["access_token"], json.loads(channel)["id"]
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("bobine.jar did not start in time")


def weight(port, path):
    """(html raw, html gzip, css raw, css gzip, js raw, js gzip, hls raw, hls gzip) of a page."""
    gz = {"Accept-Encoding": "gzip"}
    status, headers, body = request(port, "GET", path, headers=gz)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    html = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
    sizes = {"html": [len(html), len(body)], "css": [0, 0], "js": [0, 0], "hls": [0, 0]}
    text = html.decode()
    files = [("css", p) for p in re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)]
    files += [("js", p) for p in re.findall(r'<script type="module" src="([^"]+)"', text)]
    seen = set()
    while files:
        kind, file = files.pop()
        if file in seen:
            continue
        seen.add(file)
        status, headers, body = request(port, "GET", file, headers=gz)
        raw = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
        if kind == "js":
            # Static imports load with the page; the dynamic import of hls.js only for HLS videos.
            for imported in re.findall(r'^import .* from [\'"](\./[^\'"]+)[\'"]', raw.decode(), re.M):
                files.append(("js", file.rsplit("/", 1)[0] + imported[1:]))
            for imported in re.findall(r'import\([\'"](\./[^\'"]+)[\'"]\)', raw.decode()):
                files.append(("hls", file.rsplit("/", 1)[0] + imported[1:]))
        sizes[kind][0] += len(raw)
        sizes[kind][1] += len(body)
    return sizes


def wrk(url, duration):
    output = subprocess.run(["wrk", "-t2", "-c16", f"-d{duration}s", "--latency", url], capture_output=True,
                            text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p50.group(2)]
    if re.search(r"Non-2xx or 3xx responses", output):
        raise RuntimeError(f"{url} answered errors:\n{output}")
    return rps, float(p50.group(1)) * factor


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default="distribution/target/bobine.jar")
    parser.add_argument("--videos", type=int, default=30)
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    data = tempfile.mkdtemp(prefix="bobine-ui-bench-")
    port = free_port()
    process, token, channel = start(os.path.abspath(args.jar), data, port)
    try:
        videos = [upload(port, token, channel, f"Benchmark video {i}") for i in range(args.videos)]
        watch = "/w/" + videos[-1]["shortUUID"]
        print(f"bobine.jar, {args.videos} videos, {os.cpu_count()} cores shared with wrk")
        print("\npage weight, bytes (uncompressed / gzip as served)")
        for name, path in (("home", "/"), ("watch", watch)):
            s = weight(port, path)
            total = [s["html"][i] + s["css"][i] + s["js"][i] for i in (0, 1)]
            print(f"  {name:5s}  HTML {s['html'][0]} / {s['html'][1]}   CSS {s['css'][0]} / {s['css'][1]}   "
                  f"JS {s['js'][0]} / {s['js'][1]}   total {total[0]} / {total[1]}   "
                  f"(+ hls.js {s['hls'][0]} / {s['hls'][1]} for HLS videos)")
        base = f"http://localhost:{port}"
        targets = (("ping", "/api/v1/ping"), ("home", "/"), ("watch", watch))
        for _, path in targets:
            wrk(base + path, 2)  # warm-up
        results = {name: [] for name, _ in targets}
        for _ in range(args.rounds):
            for name, path in targets:
                results[name].append(wrk(base + path, args.duration))
        ping = statistics.median(r[0] for r in results["ping"])
        print(f"\nserver time, wrk -t2 -c16 -d{args.duration}s, {args.rounds} rounds, medians (range)")
        for name, _ in targets:
            rps = [r[0] for r in results[name]]
            p50 = [r[1] for r in results[name]]
            print(f"  {name:5s}  {statistics.median(rps):9.0f} req/s ({min(rps):.0f}-{max(rps):.0f})   "
                  f"p50 {statistics.median(p50):.2f} ms   {statistics.median(rps) / ping:.2f}x ping")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
