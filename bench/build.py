"""Build a site of N synthetic records and, in the same run, a stock MkDocs + Material site of N pages.

    .venv/bin/python bench/build.py --records 1000

1. generates N exemplars with ``bench/make_records.py`` (or reuses them) under
   ``.cache/bench/records-N/``;
2. builds our site from them (a temporary ``mkdocs.yml`` with the repository's
   theme and plugins, ``records_dir`` pointing at that folder), then edits one
   record and builds again in the same process; edits it again and runs
   ``mkdocs build`` again (a new process); then, as under ``mkdocs serve``,
   tells the plugins so, builds once and edits twice more, building with
   another thread running (serve's server threads keep the build in one process);
   before those, edits it once more and builds in a new process into an empty
   site folder with the caches kept, as the hourly publishing build does after
   restoring its cache (``warm_s``);
3. builds a plain-Markdown site of N pages of about 500 words on stock MkDocs +
   Material (navigation limited to the home page, Material's search plugin on);
4. times share cards in isolation: the CPU time per card of up to 1,000 cards
   with the records' texts (``bench/cards.py`` compares it with the former card);
5. prints the figures, then one line of JSON with ``records``, ``build_s``,
   ``baseline_s``, ``ratio``, ``cpu_s`` and ``baseline_cpu_s`` (CPU seconds of each cold
   build, its forked process included), ``peak_mb``, ``page_kb``, ``search_kb``, ``rebuild_s`` (the
   slower of ``mkdocs build`` run again and the rebuilds under ``mkdocs serve``),
   ``warm_s`` and ``cards_ms``.

The headline figures are always those of the site as it is configured by
default (share cards on). ``--no-share-cards`` builds the site a second time,
cold, with share cards off, and adds that build's time as one more line (and
``no_cards_build_s`` in the JSON); it never replaces the headline.

Each build runs in a child process, which reports its own time, so the figures
of one build do not leak into the other. Peak memory is measured from outside:
every 200 ms this script adds up the proportional set size (PSS, from
``/proc/<pid>/smaps_rollup``) of the build process and of the process it forks,
so memory the two share is counted once (``ru_maxrss`` would count it twice).
Reading ``smaps_rollup`` walks the page tables of the process: a few milliseconds
at 100 MB, 45 ms at 2 GB, and meanwhile the process cannot map memory. So the
sampling is not denser (at 20 ms it slowed a 1,000-record build by a tenth), and
it spaces itself out as the processes grow: it waits at least nine times as long
as its last reading took, so it never takes more than a tenth of the time (at
50,000 records, sampling every 200 ms had slowed the build it measured by more).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

FIRST_QUERY = "nguyen van hung"
NOW = "2026-11-25T12:00"
PAGE_WORDS = 500
POSTS = 24

SITE_CONFIG = """\
site_name: Thi đua – Khen thưởng
site_url: https://thiduakhenthuong.example.gov.vn/
docs_dir: content
use_directory_urls: true
theme:
  name: material
  custom_dir: {theme}
  language: vi
  font: false
  features: [navigation.tabs, navigation.top, content.action.none]
plugins:
  - blog:
      blog_dir: tin-tuc
      post_date_format: dd/MM/yyyy
      post_url_date_format: yyyy/MM
      post_url_format: "{{date}}/{{slug}}"
      post_readtime: false
  - site_builder:
      records_dir: {records}
      page_size: 20
      build_time: "{now}"
      cache_dir: {cache}
      share_cards: {share_cards}
nav:
  - Trang chủ: index.md
  - Điển hình tiên tiến: dien-hinh/index.md
  - Lấy ý kiến nhân dân: lay-y-kien/index.md
  - Phong trào thi đua: phong-trao/index.md
  - Tin tức: tin-tuc/index.md
  - Tìm kiếm: tim-kiem/index.md
markdown_extensions: [toc, admonition, attr_list, sane_lists, tables]
"""

BASELINE_CONFIG = """\
site_name: Baseline
site_url: https://baseline.example.org/
docs_dir: docs
theme:
  name: material
  language: vi
  font: false
plugins:
  - search
nav:
  - Trang chủ: index.md
"""


# --- the two sites -------------------------------------------------------------

def records_folder(count: int, data: Path | None) -> Path:
    """Generate the records once; a marker file says the folder is complete."""
    from make_records import generate

    folder = data or REPO / ".cache" / "bench" / f"records-{count}"
    marker = folder / ".complete"
    if not marker.exists():
        started = time.perf_counter()
        counts = generate(count, folder)
        marker.write_text(json.dumps(counts), encoding="utf-8")
        print(f"generated {count} records in {time.perf_counter() - started:.1f} s → {folder}", flush=True)
    return folder


def write_our_site(work: Path, records: Path, share_cards: bool = True) -> Path:
    """A site like the repository's: home, news posts naming campaigns, the records."""
    site = work / "ours"
    content = site / "content"
    (content / "tin-tuc" / "posts").mkdir(parents=True)
    (content / "index.md").write_text("---\ntemplate: records/home.html\n---\n\n# Thi đua – Khen thưởng\n",
                                      encoding="utf-8")
    (content / "tin-tuc" / "index.md").write_text("# Tin tức\n", encoding="utf-8")
    campaigns = sorted(path.stem for path in (records / "campaigns").glob("*.yml"))
    for number in range(POSTS):
        day = f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}"
        body = _words(random.Random(number), 300)
        (content / "tin-tuc" / "posts" / f"tin-{number + 1}.md").write_text(
            f"---\ndate: {day}\ndescription: Tin hoạt động thi đua số {number + 1}.\n"
            f"campaigns: [{campaigns[number % len(campaigns)]}]\n---\n\n# Tin phong trào thi đua số {number + 1}\n\n"
            f"{body}\n", encoding="utf-8")
    config = SITE_CONFIG.format(theme=REPO / "theme", records=records, now=NOW, cache=work / "cache",
                                share_cards=str(share_cards).lower())
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    return site / "mkdocs.yml"


def write_baseline(work: Path, pages: int) -> Path:
    """N plain Markdown pages of about 500 words, navigation limited to the home page."""
    docs = work / "baseline" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n\nTrang thử nghiệm.\n", encoding="utf-8")
    for number in range(1, pages):
        rng = random.Random(number)
        text = "\n\n".join(_words(rng, PAGE_WORDS // 5) for _ in range(5))
        (docs / f"trang-{number}.md").write_text(f"# Trang {number}\n\n## Mở đầu\n\n{text}\n", encoding="utf-8")
    (docs.parent / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    return docs.parent / "mkdocs.yml"


def _words(rng: random.Random, count: int) -> str:
    from make_records import SENTENCES

    words: list[str] = []
    while len(words) < count:
        sentence = rng.choice(SENTENCES).format(who="anh Hùng", unit="hợp tác xã", place="xã Hải Đông",
                                                n=rng.randint(2, 40), y1=2020, y2=2022)
        words.extend(sentence.split())
    return " ".join(words[:count])


# --- one build, in a child process ----------------------------------------------

def child(config_file: Path, site_dir: Path, edit: Path | None) -> dict:
    """Build once (cold), then, if ``edit`` is given, change that record and build again."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started, cpu_before = time.perf_counter(), _cpu_s()
    build(load_config(config_file=str(config_file), site_dir=str(site_dir)))
    figures = {"build_s": time.perf_counter() - started, "cpu_s": _cpu_s() - cpu_before, "rss_mb": _rss_mb()}
    _mark_phase()
    if edit is not None:
        original = edit.read_text(encoding="utf-8")
        try:
            _change(edit, original, "có rất nhiều thành tích")
            started = time.perf_counter()
            build(load_config(config_file=str(config_file), site_dir=str(site_dir)))
            figures["rebuild_s"] = time.perf_counter() - started
            figures["new_process_rebuild_s"] = _rebuild_in_a_new_process(config_file, site_dir, edit, original)
            figures["warm_s"] = _warm_build(config_file, site_dir, edit, original)
            figures["serve_rebuilds_s"] = _rebuilds_as_under_serve(config_file, site_dir, edit, original)
        finally:
            edit.write_text(original, encoding="utf-8")
    return figures


def _cpu_s() -> float:
    """CPU seconds (user and system) of this process and of the processes it forked and waited
    for (the build's second process): unlike the wall clock, hardly changed by what else the
    machine is running, so the growth from one size to another can be read on a busy machine."""
    own, forked = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + forked.ru_utime + forked.ru_stime


def _change(edit: Path, original: str, words: str) -> None:
    """One edit of the record: a phrase of its summary (each edit a different one)."""
    edit.write_text(original.replace("có nhiều thành tích", words, 1), encoding="utf-8")


def _rebuild_in_a_new_process(config_file: Path, site_dir: Path, edit: Path, original: str) -> float:
    """Another edit, built by ``mkdocs build`` run again (a new process: only the caches on disk help)."""
    _change(edit, original, "có nhiều thành tích (0)")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file),
                    "--site-dir", str(site_dir)], check=True)
    return time.perf_counter() - started


def _warm_build(config_file: Path, site_dir: Path, edit: Path, original: str) -> float:
    """Another edit, built as the hourly publishing build does: a new process, the caches
    restored (``cache_dir`` as the last build left it) but no site folder (a fresh checkout)."""
    _change(edit, original, "có nhiều thành tích (ấm)")
    shutil.rmtree(site_dir)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file),
                    "--site-dir", str(site_dir)], check=True)
    return time.perf_counter() - started


def _rebuilds_as_under_serve(config_file: Path, site_dir: Path, edit: Path, original: str) -> list[float]:
    """Two more edits, each built with another thread running, as under ``mkdocs serve``
    (its server's threads keep the build in one process: no fork while threads run).

    As ``mkdocs serve`` does, the plugins are told first, and the site is built once
    before the server starts (every page again: a served page allows the live-reload
    script); that build is not timed.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=False)  # MkDocs keeps these plugins for every build
    build(config)
    server = threading.Event()
    thread = threading.Thread(target=server.wait, daemon=True)
    thread.start()
    times = []
    try:
        for number in (1, 2):
            _change(edit, original, f"có nhiều thành tích ({number})")
            started = time.perf_counter()
            build(load_config(config_file=str(config_file), site_dir=str(site_dir)))
            times.append(time.perf_counter() - started)
    finally:
        server.set()
        thread.join()
    return times


def _rss_mb() -> float:
    """Peak resident memory of the build process alone (for comparison with the PSS figure)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _mark_phase() -> None:
    """Tell the sampling parent that the cold build is over (one line on stderr)."""
    sys.stderr.write(f"{PHASE_MARK}\n")
    sys.stderr.flush()


PHASE_MARK = "bench: cold build done"


class MemorySampler:
    """Peak of the summed PSS of a process and its descendants, sampled every ``interval`` s
    (or less often for large processes, see the module's docstring)."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid = pid
        self.interval = interval
        self.peaks: list[float] = [0.0]  # one per phase; a new phase starts with next_phase()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def next_phase(self) -> None:
        self.peaks.append(0.0)

    def stop(self) -> list[float]:
        self._stop.set()
        self._thread.join()
        return [peak / 1024 for peak in self.peaks]

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            total = sum(_pss_kb(pid) for pid in _family(self.pid))
            self.peaks[-1] = max(self.peaks[-1], total)
            # Reading costs more as the processes grow: keep it under a tenth of the time.
            self._stop.wait(max(self.interval, 9 * (time.perf_counter() - started)))


def _family(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue.extend(int(child) for child in task.read_text().split())
            except OSError:
                pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # the process has just ended
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def run_child(config_file: Path, site_dir: Path, edit: Path | None = None) -> dict:
    command = [sys.executable, __file__, "--child", str(config_file), "--site", str(site_dir)]
    if edit is not None:
        command += ["--edit", str(edit)]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stdout:
        process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, text=True,
                                   cwd=config_file.parent)
        sampler = MemorySampler(process.pid)
        errors: list[str] = []
        assert process.stderr is not None
        for line in process.stderr:  # read as it comes, so that the phases are told apart
            if line.strip() == PHASE_MARK:
                sampler.next_phase()
            else:
                errors.append(line)
        process.wait()
        peaks = sampler.stop()
        stdout.seek(0)
        output = stdout.read()
    if process.returncode != 0:
        sys.stderr.write("".join(errors)[-5000:])
        raise SystemExit(f"the build of {config_file} failed")
    figures = json.loads(output.strip().splitlines()[-1])
    figures["peak_mb"] = peaks[0]
    if len(peaks) > 1 and edit is not None:
        figures["peak_after_rebuild_mb"] = max(peaks)
    return figures


# --- figures ----------------------------------------------------------------------

def site_figures(site_dir: Path, records: Path) -> dict:
    from site_builder.search import StaticIndex, search
    from site_builder.search.query import worth_searching_while_typing

    files = [path for path in site_dir.rglob("*") if path.is_file()]
    record_ids = [path.stem for folder in ("ca-nhan", "tap-the") for path in (records / folder).glob("*.yml")]
    page_sizes = [(site_dir / "dien-hinh" / record_id / "index.html").stat().st_size for record_id in record_ids]
    index = StaticIndex.from_folder(site_dir / "search")
    results = search(index, FIRST_QUERY)
    typed = StaticIndex.from_folder(site_dir / "search")
    for end in range(1, len(FIRST_QUERY) + 1):  # as if every keystroke paused long enough to search
        if worth_searching_while_typing(FIRST_QUERY[:end]):
            search(typed, FIRST_QUERY[:end], typing=True)
    search(typed, FIRST_QUERY)  # then Enter
    search_files = [path for path in (site_dir / "search").rglob("*") if path.is_file()]
    return {
        "pages": sum(1 for path in files if path.name.endswith(".html")),
        "site_mb": sum(path.stat().st_size for path in files) / 1e6,
        "page_kb": statistics.median(page_sizes) / 1000,
        "search_kb": index.bytes_fetched / 1000,
        "search_gzip_kb": sum(len(gzip.compress((site_dir / "search" / path).read_bytes()))
                              for path in index.fetched) / 1000,
        "search_files": len(index.fetched),
        "search_results": results.total,
        "search_typed_kb": typed.bytes_fetched / 1000,
        "index_mb": sum(path.stat().st_size for path in search_files) / 1e6,
        "index_files": len(search_files),
    }


def card_cost_ms(records: Path, count: int = 1000, repeat: int = 3) -> float:
    """CPU time per share card, drawn and written as the build does, for the records' own texts."""
    from cards import per_card_ms

    from site_builder.site import cards

    paths = sorted(path for folder in ("ca-nhan", "tap-the") for path in (records / folder).glob("*.yml"))[:count]
    texts = [_card_texts(path) for path in paths]
    folder = Path(tempfile.mkdtemp(prefix="bench-cards-"))
    painter = [cards.CardPainter()]

    def draw(title: str, subtitle: str) -> None:
        cards.card(folder, title, subtitle, "Thi đua – Khen thưởng", "Điển hình tiên tiến").draw(painter[0])

    def fresh() -> None:  # each pass as a new build: nothing kept in memory
        painter[0] = cards.CardPainter()

    try:
        return per_card_ms(draw, texts, repeat, fresh)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _card_texts(path: Path) -> tuple[str, str]:
    """A record's name and what its card says under it (its position or kind, and its commune)."""
    import yaml

    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    return record["name"], f"{record.get('position', 'Tập thể')} · {record['place']['commune']}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--data", type=Path, help="records folder (default .cache/bench/records-N)")
    parser.add_argument("--keep", action="store_true", help="keep the built sites (their folder is printed)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the stock MkDocs build")
    parser.add_argument("--no-share-cards", action="store_true",
                        help="also build once with share cards off (one more line; the headline stays the default "
                             "configuration, cards on)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--site", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--edit", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.site, args.edit)))
        return
    report(args)


def report(args: argparse.Namespace) -> None:
    records = records_folder(args.records, args.data)
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        ours_config = write_our_site(work, records)
        edit = sorted((records / "ca-nhan").glob("*.yml"))[0]
        ours = run_child(ours_config, work / "ours" / "site", edit)
        ours.update(site_figures(work / "ours" / "site", records))
        baseline = {}
        if not args.no_baseline:
            baseline = run_child(write_baseline(work, args.records), work / "baseline" / "site")
        ours["cards_ms"] = card_cost_ms(records)
        if args.no_share_cards:  # an extra line; the headline stays the default configuration
            plain = work / "without-cards"
            plain_config = write_our_site(plain, records, share_cards=False)
            ours["no_cards_build_s"] = run_child(plain_config, plain / "ours" / "site")["build_s"]
        print_figures(args.records, ours, baseline)
    finally:
        if args.keep:
            print(f"sites kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def print_figures(count: int, ours: dict, baseline: dict) -> None:
    # From the rounded times printed in the JSON, so that its three figures agree.
    ratio = round(ours["build_s"], 2) / round(baseline["build_s"], 2) if baseline else None
    lines = [
        ("records", f"{count} exemplars + {count // 5} nominees"),
        ("pages", f"{ours['pages']} HTML pages"),
        ("cold build", f"{ours['build_s']:.1f} s ({1000 * ours['build_s'] / count:.2f} ms per record)"),
        ("its CPU time, both processes", f"{ours['cpu_s']:.1f} s ({1000 * ours['cpu_s'] / count:.2f} ms per record)"),
        ("rebuild after one edit", f"{ours['rebuild_s']:.1f} s (same process)"),
        ("the same, mkdocs build run again", f"{ours['new_process_rebuild_s']:.1f} s (a new process)"),
        ("warm build (cache restored)", f"{ours['warm_s']:.1f} s (a new process, no site folder, one edit)"),
        ("the same under mkdocs serve", " s, then ".join(f"{value:.1f}" for value in ours["serve_rebuilds_s"])
         + " s (one process)"),
        ("peak memory (PSS, both processes)", f"{ours['peak_mb']:.0f} MB (with the rebuild "
                                               f"{ours['peak_after_rebuild_mb']:.0f} MB; build process "
                                               f"alone, RSS: {ours['rss_mb']:.0f} MB)"),
        ("site size", f"{ours['site_mb']:.1f} MB"),
        ("median record page", f"{ours['page_kb']:.1f} KB"),
        ("search index", f"{ours['index_mb']:.1f} MB in {ours['index_files']} files"),
        (f"first query “{FIRST_QUERY}”", f"{ours['search_kb']:.1f} KB in {ours['search_files']} files "
                                         f"({ours['search_gzip_kb']:.1f} KB gzipped), {ours['search_results']} results"),
        ("same query typed key by key", f"{ours['search_typed_kb']:.1f} KB"),
        ("share card", f"{ours['cards_ms']:.2f} ms of CPU per card (drawn and written, in isolation)"),
    ]
    if baseline:
        lines += [("stock MkDocs + Material", f"{count} pages in {baseline['build_s']:.1f} s "
                                              f"({baseline['cpu_s']:.1f} s CPU), peak {baseline['peak_mb']:.0f} MB (PSS)"),
                  ("ratio", f"{ratio:.2f} (ours / stock)")]
        lines += [("warm build ratio", f"{ours['warm_s'] / baseline['build_s']:.2f} (ours warm / stock)")]
    if "no_cards_build_s" in ours:
        lines += [("extra: cold build, share cards off", f"{ours['no_cards_build_s']:.1f} s (not the headline)")]
    for label, value in lines:
        print(f"{label:>34}: {value}")
    extra = {"no_cards_build_s": round(ours["no_cards_build_s"], 2)} if "no_cards_build_s" in ours else {}
    print(json.dumps({
        "records": count, "build_s": round(ours["build_s"], 2), "cpu_s": round(ours["cpu_s"], 2),
        "baseline_s": round(baseline["build_s"], 2) if baseline else None,
        "baseline_cpu_s": round(baseline["cpu_s"], 2) if baseline else None,
        "ratio": round(ratio, 3) if ratio else None, "peak_mb": round(ours["peak_mb"], 1),
        "page_kb": round(ours["page_kb"], 1), "search_kb": round(ours["search_kb"], 1),
        # The slower of the two rebuilds the issue names: `mkdocs build` run again, `mkdocs serve`.
        "rebuild_s": round(max(ours["new_process_rebuild_s"], *ours["serve_rebuilds_s"]), 2),
        "warm_s": round(ours["warm_s"], 2), "cards_ms": round(ours["cards_ms"], 3), **extra,
    }))


if __name__ == "__main__":
    main()
