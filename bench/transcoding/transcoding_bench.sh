#!/bin/sh
# Transcodes a generated 1080p clip to the 720p/480p/360p ladder through Bobine's ffmpeg runner and through the
# ffmpeg command line with the same arguments, alternately, and prints the medians and their ratio
# (docs/benchmarks.md). Options as system properties: RUNS (default 3), BENCH_SECONDS (default 10), THREADS (0: FFmpeg's
# choice). Needs the transcoding bundle's dependencies in the local Maven repository.
set -e
cd "$(dirname "$0")/../.."
mvn -B -q -o test -pl bundles/org.bobine.transcoding -Dtest=TranscodingBenchmark \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbench.runs="${RUNS:-3}" -Dbench.seconds="${BENCH_SECONDS:-10}" \
    -Dbench.threads="${THREADS:-0}"
cat bundles/org.bobine.transcoding/target/transcoding-bench.txt
