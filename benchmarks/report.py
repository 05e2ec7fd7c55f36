#!/usr/bin/env python3
"""Turns one result folder of benchmarks/run.sh into the Markdown tables of docs/benchmarks.md.

    python3 benchmarks/report.py RESULT_DIR > report.md

Reads RESULT_DIR/jmh-*.json (JMH's -rf json, any number of runs; the thread count comes from each record),
paired-*.json (PairedGetBenchmark, whose iterations alternate between two candidates), hitratio.json, heap.json, cullpause.json and machine.txt when present. Every ratio is computed from scores of the
same result folder; nothing is typed in by hand.
"""
import glob
import json
import os
import sys

DIRECT = ["locmem", "caffeine", "chm", "spring-concurrentmap"]
SPRING = ["spring-locmem", "spring-caffeine", "spring-concurrentmap"]
ORDER = ["locmem", "caffeine", "chm", "spring-concurrentmap", "spring-locmem", "spring-caffeine"]
WORKLOADS = [
    ("GetPutBenchmark.getUniform", "get hit, uniform"),
    ("GetPutBenchmark.getZipf", "get hit, zipfian"),
    ("GetPutBenchmark.putUniform", "put existing, uniform"),
    ("GetPutBenchmark.putZipf", "put existing, zipfian"),
    ("MixedBenchmark.mixed", "90/10 get/put, 8x keys, culling"),
]


def median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


class Result:
    """One benchmark, thread count and parameter set; the median of its rounds when run.sh ran several."""

    def __init__(self, records):
        self.records = records
        self.rounds = len(records)
        self.score = median([r["primaryMetric"]["score"] for r in records])
        allocs = [r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score") for r in records]
        allocs = [a for a in allocs if a is not None]
        self.alloc = median(allocs) if allocs else None
        if self.rounds > 1:
            scores = [r["primaryMetric"]["score"] for r in records]
            self.spread = (min(scores), max(scores))
            self.error = None
        else:
            e = records[0]["primaryMetric"].get("scoreError")
            self.error = None if e is None or e != e else e  # NaN with one iteration
            self.spread = None


def jmh_records(folder, pattern):
    """Every record of the JMH JSON files of the folder matching pattern; a run that died leaves an empty file."""
    for path in sorted(glob.glob(os.path.join(folder, pattern))):
        with open(path) as f:
            text = f.read().strip()
        if text:
            yield from json.loads(text)


def load_jmh(folder):
    """{(benchmark, threads, size-or-distribution): {impl: Result}} from every jmh-*.json of the folder."""
    grouped = {}
    for rec in jmh_records(folder, "jmh-*.json"):
        bench = rec["benchmark"].replace("dev.locmem.benchmarks.", "")
        if bench.startswith("PairedGetBenchmark."):
            continue  # its score mixes two candidates; load_paired reads its iterations
        params = rec.get("params", {})
        if params.get("keys", "equal") != "equal":
            bench += "[keys=" + params["keys"] + "]"
        key = (bench, rec["threads"], params.get("size") or params.get("distribution"))
        grouped.setdefault(key, {}).setdefault(params.get("impl", "-"), []).append(rec)
    return {key: {impl: Result(recs) for impl, recs in row.items()} for key, row in grouped.items()}


class Paired:
    """PairedGetBenchmark for one distribution, thread count and pair of candidates, over every fork of the folder.

    Measurement iterations 2m and 2m+1 hold one iteration of each candidate (S R R S ... from the first warm-up
    iteration on); each such pair gives one ratio subject / reference."""

    def __init__(self):
        self.ratios = []      # every pair's ratio, all forks
        self.forks = []       # the median ratio of each fork
        self.subject = []     # the subject's iterations (ops/µs), all forks
        self.reference = []   # the reference's

    def add(self, rec):
        warmups = rec["warmupIterations"]
        for raw in rec["primaryMetric"]["rawData"]:
            fork = []
            for m in range(len(raw) // 2):
                a, b = raw[2 * m], raw[2 * m + 1]
                mine, theirs = (a, b) if (warmups + 2 * m) % 4 in (0, 3) else (b, a)
                self.subject.append(mine)
                self.reference.append(theirs)
                fork.append(mine / theirs)
            if fork:
                self.ratios.extend(fork)
                self.forks.append(median(fork))

    @property
    def ratio(self):
        return median(self.ratios)

    def quartiles(self):
        values = sorted(self.ratios)
        return values[len(values) // 4], values[(3 * len(values)) // 4]


def load_paired(folder, benchmark="PairedGetBenchmark"):
    """{(size, distribution, threads, subject, reference): Paired} from the paired-*.json of the folder that hold
    benchmark's records."""
    pairs = {}
    for rec in jmh_records(folder, "paired-*.json"):
        if not rec["benchmark"].endswith("." + benchmark + ".get"):
            continue
        params = rec["params"]
        key = (int(params.get("size", 65536)), params.get("distribution", "-"), rec["threads"], params["subject"],
               params["reference"])
        pairs.setdefault(key, Paired()).add(rec)
    return pairs


def score(rec):
    return rec.score if rec else None


def error(rec):
    return rec.error if rec else None


def alloc(rec):
    return rec.alloc if rec else None


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(x, digits=2):
    if x is None:
        return "n/a"
    return f"{x:.{digits}f}"


def fmt_score(rec):
    s = score(rec)
    if s is None:
        return "n/a"
    if rec.spread:
        return f"{s:.2f} ({rec.spread[0]:.2f}–{rec.spread[1]:.2f})"
    e = error(rec)
    return f"{s:.2f} ± {e:.2f}" if e is not None else f"{s:.2f}"


def load(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def near_report(folder):
    """The near-cache tables: get on a hit per backend and thread count, the ratios the issue asks for, and the
    staleness window between two JVMs."""
    scores = {}
    for rec in jmh_records(folder, "jmh-*.json"):
        if not rec["benchmark"].endswith(".NearCacheBenchmark.get"):
            continue
        metric = rec["primaryMetric"]
        scores[(rec["threads"], rec["params"]["backend"])] = (metric["score"], metric.get("scoreError"))
    def cell(value):
        if value is None:
            return "n/a"
        return "%.3f ± %.3f" % value if value[0] < 1 else "%.1f ± %.1f" % value
    def quotient(a, b):
        return a[0] / b[0] if a and b and b[0] else None
    out = ["| threads | near ops/us | locmem ops/us | redis ops/us | near / locmem | near / redis |",
           "|---|---|---|---|---|---|"]
    for threads in sorted({t for t, _ in scores}):
        near, locmem, redis = (scores.get((threads, b)) for b in ("near", "locmem", "redis"))
        out.append("| %d | %s | %s | %s | %s | %s |" % (threads, cell(near), cell(locmem), cell(redis),
                   fmt(quotient(near, locmem)), fmt(quotient(near, redis), 0)))
    paired = load_paired(folder, "PairedNearCacheBenchmark")
    if paired:
        out.append("")
        out.append("Paired (PairedNearCacheBenchmark: near and locmem take turns every 200 ms in each fork):")
        out.append("")
        out.append("| threads | near / locmem, median of the pairs | quartiles | pairs | each fork's median |")
        out.append("|---|---|---|---|---|")
        for (_, _, threads, _, _), pair in sorted(paired.items()):
            low, high = pair.quartiles()
            out.append("| %d | %s | %s–%s | %d | %s |" % (threads, fmt(pair.ratio), fmt(low), fmt(high),
                       len(pair.ratios), ", ".join(fmt(f) for f in pair.forks)))
    stale = load(folder, "staleness.json")
    if stale:
        out.append("")
        out.append("Staleness window, from a write in one JVM to the invalidation applied in another (%d writes, %d "
                   "seen): p50 %.0f us, p99 %.0f us, max %.0f us." % (stale["writes"], stale["seen"], stale["p50_us"],
                                                                      stale["p99_us"], stale["max_us"]))
        if "read_p50_us" in stale:
            out.append("")
            out.append("Until the new value was read there (the refill's round trip added): p50 %.0f us, p99 %.0f us, "
                       "max %.0f us." % (stale["read_p50_us"], stale["read_p99_us"], stale["read_max_us"]))
        if "reader_gc_count" in stale:
            out.append("")
            out.append("Collections during the measured writes (after %d unmeasured ones): reader %d (%d ms), writer "
                       "%d (%d ms)." % (stale["warm_up_writes"], stale["reader_gc_count"], stale["reader_gc_ms"],
                                       stale["writer_gc_count"], stale["writer_gc_ms"]))
    print("\n".join(out))


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--near":
        near_report(sys.argv[2])
        return
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    jmh = load_jmh(folder)
    pairs = load_paired(folder)
    out = []
    p = out.append
    targets = []  # (target, measured, met)

    machine = os.path.join(folder, "machine.txt")
    if os.path.exists(machine):
        p("### Machine and run\n")
        p("```")
        with open(machine) as f:
            p(f.read().rstrip())
        p("```\n")

    # Throughput.
    rounds = max((r.rounds for row in jmh.values() for r in row.values()), default=1)
    if rounds > 1:
        p(f"### Throughput (ops/µs, higher is better; median of {rounds} rounds, (min–max) of the rounds)\n")
    else:
        p("### Throughput (ops/µs, higher is better; ± is JMH's 99.9% error over the iterations of one fork)\n")
    p("| workload | threads | candidate | ops/µs | ÷ Caffeine | ÷ CHM | B/op |")
    p("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
    for bench, label in WORKLOADS:
        for threads in (1, 2):
            row = jmh.get((bench, threads, None))
            if not row:
                continue
            caf, chm = score(row.get("caffeine")), score(row.get("chm"))
            spring_caf = score(row.get("spring-caffeine"))
            for impl in ORDER:
                rec = row.get(impl)
                if not rec:
                    continue
                s = score(rec)
                base = spring_caf if impl.startswith("spring-") and impl != "spring-concurrentmap" else caf
                mark = "" if base is caf else " (vs CaffeineCache)"
                p(f"| {label} | {threads} | {impl} | {fmt_score(rec)} | {fmt(ratio(s, base))}{mark} "
                  f"| {fmt(ratio(s, chm))} | {fmt(alloc(rec), 1)} |")

    # Paired get on a hit.
    if pairs:
        p("\n### get on a hit, paired (PairedGetBenchmark: the two candidates take turns every 200 ms in one fork)\n")
        p("Ratio = LocMemCache's ops/µs ÷ the reference's in the neighbouring iteration; the median over every pair "
          "of every fork, the quartiles of the pairs, and the range of the forks' own medians.\n")
        p("| entries | keys | threads | reference | pairs | ratio (median) | quartiles | forks | LocMemCache ops/µs | "
          "reference ops/µs |")
        p("| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for (size, dist, threads, subject, reference), pr in sorted(pairs.items()):
            q1, q3 = pr.quartiles()
            p(f"| {size} | {dist} | {threads} | {reference} | {len(pr.ratios)} | {pr.ratio:.2f} | {q1:.2f}–{q3:.2f} "
              f"| {min(pr.forks):.2f}–{max(pr.forks):.2f} | {median(pr.subject):.2f} | {median(pr.reference):.2f} |")

    # Size scan.
    sizes = sorted({k[2] for k in jmh if k[0].startswith("SizeScanBenchmark") and k[2]}, key=int)
    growth = {}
    if sizes:
        p("\n### Size scan (ops/µs by entries held; uniform keys)\n")
        for bench in ("SizeScanBenchmark.get", "SizeScanBenchmark.put"):
            for threads in (1, 2):
                if not any((bench, threads, s) in jmh for s in sizes):
                    continue
                p(f"\n`{bench}`, {threads} thread(s); growth = cost at {sizes[-1]} ÷ cost at {sizes[0]}; "
                  f"added = ns per operation (of one thread) at {sizes[-1]} minus at {sizes[0]}\n")
                p("| candidate | " + " | ".join(sizes) + " | growth | added ns |")
                p("| --- | " + " | ".join("---:" for _ in sizes) + " | ---: | ---: |")
                for impl in DIRECT:
                    scores = [score(jmh.get((bench, threads, s), {}).get(impl)) for s in sizes]
                    if all(x is None for x in scores):
                        continue
                    g = ratio(scores[0], scores[-1])
                    added = (1000.0 * threads / scores[-1] - 1000.0 * threads / scores[0]
                             if scores[0] and scores[-1] else None)
                    growth[(bench, threads, impl)] = (g, added)
                    p(f"| {impl} | " + " | ".join(fmt(x) for x in scores) + f" | {fmt(g)}x | {fmt(added, 1)} |")

    # The replica of core 53cd445's read path, step by step (called HotPathBreakdownBenchmark in older result folders).
    steps = sorted({k for k in jmh
                    if k[0].startswith(("ReadPath53cd445Benchmark.", "HotPathBreakdownBenchmark."))})
    if steps:
        p("\n### Where a hit's time went on core 53cd445 (replica of that read path, built up step by step)\n")
        p("| step | threads | keys | ops/µs | ns/op | B/op |")
        p("| --- | ---: | --- | ---: | ---: | ---: |")
        for bench, threads, dist in sorted(steps, key=lambda k: (k[2], k[1], k[0])):
            rec = jmh[(bench, threads, dist)].get("-")
            s = score(rec)
            ns = 1000.0 * threads / s if s else None
            p(f"| {bench.split('.')[-1]} | {threads} | {dist} | {fmt_score(rec)} | {fmt(ns, 1)} | {fmt(alloc(rec), 1)} |")

    # Hit ratios.
    hit = load(folder, "hitratio.json")
    if hit:
        p(f"\n### Hit ratio (single thread; zipfian s={hit['zipfExponent']}, {hit['keySpace']} keys, bound "
          f"{hit['maxEntries']}, {hit['accessesMeasured']} accesses measured after one warm-up trace)\n")
        p("| candidate | demand fill (get, put on miss) | 90/10 trace (gets that hit) |")
        p("| --- | ---: | ---: |")
        for name, r in hit["results"].items():
            p(f"| {name} | {r['demand'] * 100:.1f}% | {r['mixed'] * 100:.1f}% |")

    # Heap.
    heap = load(folder, "heap.json")
    if heap:
        p(f"\n### Retained heap per entry at {heap['entries']} entries (bytes; mean of {heap['repeats']} fills, "
          "min–max)\n")
        r = heap["results"]
        p("| what | bytes/entry | min–max | without its key string |")
        p("| --- | ---: | ---: | ---: |")
        for name, v in r.items():
            key = None
            if name in DIRECT:
                key = r.get("made-keys-alone" if name == "locmem" else "keys-alone", {}).get("mean")
            own = v["mean"] - key if key is not None else None
            p(f"| {name} | {v['mean']:.1f} | {v['min']:.1f}–{v['max']:.1f} | {fmt(own, 1)} |")

    # Cull pause.
    cull = load(folder, "cullpause.json")
    if cull and "sizes" in cull:
        cull_pause_by_size(cull, p)
    elif cull:
        p(f"\n### Longest set at {cull['maxEntries']} entries (single thread, {cull['sets']} sets a round)\n")
        p("Times in µs; `GC` is the collector's time (ms) that fell inside the set.\n")
        p("| candidate | round | longest set | longest set without GC | p99.9 | median (ns) | sets that culled: µs (GC ms) "
          "| 3 longest sets: µs (GC ms) |")
        p("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
        for name, rounds in cull["results"].items():
            for i, rd in enumerate(rounds, 1):
                culls = ", ".join(f"{c['micros']} ({c['gcMillis']})" for c in rd.get("culls", [])) or "none"
                longest = ", ".join(f"{c['micros']} ({c['gcMillis']})" for c in rd.get("longest", [])[:3])
                p(f"| {name} | {i} | {rd['maxMicros']} | {rd['maxWithoutGcMicros']} | {rd['p999Micros']:.1f} "
                  f"| {rd['medianNanos']} | {culls} | {longest} |")

    # Targets.
    def round_by_round(row, other):
        """The ratio within each round (the two candidates ran minutes apart, not hours): its range and median."""
        mine, theirs = row.get("locmem"), row.get(other)
        if not mine or not theirs or mine.rounds < 2 or mine.rounds != theirs.rounds:
            return ""
        each = [a["primaryMetric"]["score"] / b["primaryMetric"]["score"]
                for a, b in zip(mine.records, theirs.records)]
        return f" (round by round {min(each):.2f}–{max(each):.2f}, median {median(each):.2f})"

    def get_target(bench, dist, label):
        """Judged on the paired benchmark when the folder has it (its ratios are a second apart, not minutes), and
        shown beside the ratio of the separate forks' medians either way."""
        for threads in (1, 2):
            row = jmh.get((bench, threads, None), {})
            lm = score(row.get("locmem"))
            for other, name, bar in (("caffeine", "Caffeine", 1.5), ("chm", "ConcurrentHashMap", 0.5)):
                separate = ratio(lm, score(row.get(other)))
                pr = pairs.get((65536, dist, threads, "locmem", other))
                if pr is None and separate is None:
                    continue
                shown = (f"separate forks {fmt(separate)}x{round_by_round(row, other)}" if separate is not None
                         else "separate forks not measured")
                judged = separate
                if pr is not None:
                    q1, q3 = pr.quartiles()
                    shown = (f"paired {pr.ratio:.2f}x (quartiles {q1:.2f}–{q3:.2f}, forks {min(pr.forks):.2f}–"
                             f"{max(pr.forks):.2f}, {len(pr.ratios)} pairs); " + shown)
                    judged = pr.ratio
                targets.append((f"{label}, {threads}T: ≥ {bar}x {name}", shown,
                                judged is not None and judged >= bar))

    get_target("GetPutBenchmark.getUniform", "uniform", "get hit uniform")
    get_target("GetPutBenchmark.getZipf", "zipf", "get hit zipfian")
    for bench, label, bar in (("GetPutBenchmark.putUniform", "put uniform", 1.2),
                              ("GetPutBenchmark.putZipf", "put zipfian", 1.2),
                              ("MixedBenchmark.mixed", "90/10 mixed with culling", 1.2)):
        for threads in (1, 2):
            row = jmh.get((bench, threads, None), {})
            r = ratio(score(row.get("locmem")), score(row.get("caffeine")))
            if row:
                targets.append((f"{label}, {threads}T: ≥ {bar}x Caffeine", f"{fmt(r)}x", r is not None and r >= bar))
    allocs = [alloc(jmh.get((b, t, None), {}).get("locmem")) for b in
              ("GetPutBenchmark.getUniform", "GetPutBenchmark.getZipf") for t in (1, 2)]
    allocs = [a for a in allocs if a is not None]
    if allocs:
        targets.append(("allocation per get hit: zero", f"max {max(allocs):.2f} B/op", max(allocs) < 1.0))
    if heap:
        lm, caf = heap["results"]["locmem"]["mean"], heap["results"]["caffeine"]["mean"]
        targets.append(("heap per entry ≤ Caffeine's", f"{lm:.1f} vs {caf:.1f} B", lm <= caf))
    for bench, label in (("GetPutBenchmark.getUniform", "uniform"), ("GetPutBenchmark.getZipf", "zipfian")):
        for threads in (1, 2):
            row = jmh.get((bench, threads, None), {})
            if "spring-caffeine" not in row:
                continue
            r = ratio(score(row.get("spring-locmem")), score(row.get("spring-caffeine")))
            targets.append((f"Spring Cache get hit {label}, {threads}T: ≥ 1.2x CaffeineCache",
                            f"{fmt(r)}x" if r else "not measured (adapter not available)",
                            None if r is None else r >= 1.2))
    for (bench, threads, impl), (g, added) in sorted(growth.items()):
        if impl != "locmem":
            continue
        gc, added_c = growth.get((bench, threads, "caffeine"), (None, None))
        name = f"{bench.split('.')[-1]} cost growth {sizes[0]}→{sizes[-1]}, {threads}T"
        # Two readings of "grows no faster": the ratio of the costs, and the cost added per operation.
        g_chm = growth.get((bench, threads, "chm"), (None, None))[0]
        targets.append((f"{name}, as a ratio: ≤ Caffeine's",
                        f"{fmt(g)}x vs {fmt(gc)}x (ConcurrentHashMap {fmt(g_chm)}x)",
                        g is not None and gc is not None and g <= gc))
        targets.append((f"{name}, as ns added per operation: ≤ Caffeine's",
                        f"{fmt(added, 1)} vs {fmt(added_c, 1)} ns",
                        added is not None and added_c is not None and added <= added_c))
    # Growth against each reference, paired: LocMemCache's ratio to it at the smallest size over the ratio at the
    # largest. At most 1 means LocMemCache's cost grows no faster than the reference's, measured a second apart.
    scanned = sorted({k[0] for k in pairs if k[1] == "uniform" and k[2] == 1 and k[0] != 65536})
    if len(scanned) >= 2:
        small, large = scanned[0], scanned[-1]
        for other, name in (("caffeine", "Caffeine"), ("chm", "ConcurrentHashMap")):
            a = pairs.get((small, "uniform", 1, "locmem", other))
            b = pairs.get((large, "uniform", 1, "locmem", other))
            if a is None or b is None:
                continue
            g = a.ratio / b.ratio
            targets.append((f"get cost growth {small}→{large}, 1T, paired: LocMemCache's ≤ {name}'s",
                            f"LocMemCache's growth ÷ {name}'s = {g:.2f} (LocMemCache {a.ratio:.2f}x {name} at "
                            f"{small}, {b.ratio:.2f}x at {large})", g <= 1.0))
        # The ceiling against Caffeine, from the same pairs: how a design that only looks a key up grows.
        pc = [pairs.get((size, "uniform", 1, "locmem", other))
              for size in (small, large) for other in ("caffeine", "chm")]
        if all(pc):
            g = (pc[0].ratio / pc[2].ratio) / (pc[1].ratio / pc[3].ratio)
            targets.append((f"(for reference) ConcurrentHashMap's get cost growth {small}→{large} ≤ Caffeine's",
                            f"ConcurrentHashMap's growth ÷ Caffeine's = {g:.2f}, from the same pairs", g <= 1.0))
    if targets:
        p("\n### Targets of issue 5\n")
        p("| target | measured | met |")
        p("| --- | --- | --- |")
        for t, m, ok in targets:
            p(f"| {t} | {m} | {'n/a' if ok is None else ('yes' if ok else '**no**')} |")

    print("\n".join(out))


def cull_pause_by_size(cull, p):
    """CullPause with sizes (issue 16): one writer filling past the bound, one reader beside it."""
    import statistics
    p(f"\n### Sets and gets during culls (CullPause: one writer, one reader; {cull['culls']} culls' worth of inserts "
      "past the bound)\n")
    p("Times in µs. *Culling set*: the longest set that culled (LocMemCache only), less its overlap with the "
      "collector's pauses; *set / get while full*: the longest once the cache was full, with and without GC; p99.9 "
      "of the sets while full; GC: the longest and the total pause of the round, ms.\n")
    p("| entries | candidate | round | culling set w/o GC | set while full | w/o GC | p99.9 set | get while full "
      "| w/o GC | GC longest / total ms |")
    p("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    summary = []
    for size, by_name in cull["results"].items():
        for name, rounds in by_name.items():
            for i, rd in enumerate(rounds, 1):
                culling = rd.get("longestCullWithoutGcMicros")
                p(f"| {size} | {name} | {i} | {culling if culling is not None else 'n/a'} "
                  f"| {rd['longestSetWhileFullMicros']} | {rd['longestSetWhileFullWithoutGcMicros']} "
                  f"| {rd['p999SetMicros']:.1f} | {rd['longestGetMicros']} | {rd['longestGetWithoutGcMicros']} "
                  f"| {rd['gcLongestMillis']} / {rd['gcTotalMillis']} |")
        lm, cf = by_name.get("locmem"), by_name.get("caffeine")
        if lm and cf:
            pairs = list(zip(lm, cf))
            p999 = statistics.median(a["p999SetMicros"] / b["p999SetMicros"] for a, b in pairs if b["p999SetMicros"])
            full = statistics.median(a["longestSetWhileFullWithoutGcMicros"] / max(1, b["longestSetWhileFullWithoutGcMicros"])
                                     for a, b in pairs)
            cullmax = max(a.get("longestCullWithoutGcMicros", 0) for a in lm)
            summary.append(f"| {size} | {cullmax} | {p999:.2f} | {full:.2f} |")
    if summary:
        p("\nLocMemCache against Caffeine, round by round (the median of the rounds' ratios):\n")
        p("| entries | longest culling set w/o GC, any round (µs) | p99.9 set ÷ Caffeine | longest set while full w/o GC ÷ Caffeine |")
        p("| ---: | ---: | ---: | ---: |")
        for line in summary:
            p(line)


if __name__ == "__main__":
    main()
