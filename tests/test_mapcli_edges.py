"""Small edges of the map and the command line: row numbers a user can find, one meaning per option, -o."""

from __future__ import annotations

import re
from html import unescape

import pytest
from common import run_cli

from avzone.cli import build_parser


def ok(*args: str) -> tuple[str, str]:
    """``avzone ARGS`` asserting exit 0; its stdout and stderr."""
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def help_of(command: str, lang: str = "en") -> str:
    """``avzone COMMAND --help`` in ``lang``."""
    result = run_cli(command, "--help", "--lang", lang)
    assert result.returncode == 0, result.stderr
    return result.stdout


# -- -o: every command that writes a file or folder takes it ---------------------------------------------------
@pytest.mark.parametrize(
    ("command", "long"),
    [
        ("locate", "--output FILE"),
        ("events", "--output FILE"),
        ("map", "--output FILE.html"),
        ("export", "--output FILE"),
        ("growth", "--output FILE.png"),
        ("demo", "--out DIR"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_command_that_writes_an_output_takes_o_for_it(command, long, lang):
    metavar = long.split()[1]
    assert f"-o {metavar}, {long}" in help_of(command, lang)


def test_o_is_output_in_locate_and_events_and_out_in_demo(tmp_path):
    src = tmp_path / "fixes.csv"
    src.write_text("vehicle,ts,lon,lat\na,2024-05-01 08:00:00,116.3975,39.9087\na,2024-05-01 08:05:00,116.50,39.79\n")
    ok("locate", "--input", str(src), "-o", str(tmp_path / "located.csv"))
    assert (tmp_path / "located.csv").read_text().splitlines()[0].startswith("vehicle,ts,lon,lat,")
    ok("events", "--input", str(src), "-o", str(tmp_path / "events.csv"))
    assert (tmp_path / "events.csv").read_text().startswith("id,")
    args = build_parser().parse_args(["demo", "-o", str(tmp_path / "demo")])
    assert args.out == str(tmp_path / "demo")


# -- --max-points: a sample in map, a refusal in serve, and each help says so ---------------------------------------
def test_map_and_serve_max_points_say_what_each_does():
    map_help = " ".join(help_of("map").split())
    serve_help = " ".join(help_of("serve").split())
    assert "a random sample of N when it has more" in map_help
    assert "unlike avzone serve --max-points" in map_help
    assert "--max-points N refuse (413) a POST /v1/locate of more than N points" in serve_help
    assert "nothing is sampled, unlike avzone map --max-points" in serve_help
    zh_map, zh_serve = help_of("map", "zh"), help_of("serve", "zh")
    assert "与avzoneserve的--max-points不同" in "".join(zh_map.split())
    assert "与avzonemap的--max-points不同" in "".join(zh_serve.split())


def test_serve_max_points_takes_no_all_as_its_help_says():
    result = run_cli("serve", "--max-points", "all")
    assert result.returncode == 2
    assert "argument --max-points: must be a whole number, got 'all'" in result.stderr


# -- avzone serve: why it cannot listen, in the user's language, the system's text kept as a detail ------------------
def listen_refusal(host: str, port: int = 8000) -> tuple[str, str]:
    """The refusal of ``host``:``port`` by the check serve makes (avzone serve's: options named as on the command
    line) in English and Chinese."""
    listen = pytest.importorskip("avzone.service.listen")
    from avzone.errors import InputError
    from avzone.i18n import error_text, options_named

    with pytest.raises(InputError) as caught, options_named("cli"):
        listen.listen_sockets(host, port)
    return str(caught.value), error_text(caught.value, "zh")


def test_a_host_no_resolver_knows_is_said_in_chinese(monkeypatch):
    import socket

    def unknown(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    en, zh = listen_refusal("BAD")
    assert en == (
        "--host 'BAD' is not an address this machine can listen on: no host of that name is known "
        "(the system says: [Errno -2] Name or service not known)"
    ).replace("-2", str(socket.EAI_NONAME))
    assert zh == (
        "--host 'BAD' 不是本机可以监听的地址：不知道叫这个名字的主机"
        "（系统的说明：[Errno -2] Name or service not known）"
    ).replace("-2", str(socket.EAI_NONAME))


@pytest.mark.parametrize(
    ("code", "system", "en_said", "zh_said"),
    [
        (
            "EAI_AGAIN",
            "Temporary failure in name resolution",
            "the name cannot be looked up now: try again, or give an IP address",
            "此刻无法查询这个名字：请重试，或给出 IP 地址（系统的说明：",
        ),
        (
            "EAI_FAIL",
            "Non-recoverable failure in name resolution",
            "the name look-up failed: give an IP address, or check this machine's DNS settings",
            "查询这个名字失败：请给出 IP 地址，或检查本机的 DNS 设置（系统的说明：",
        ),
    ],
)
def test_a_name_look_up_that_fails_is_said_in_both_languages(monkeypatch, code, system, en_said, zh_said):
    import socket

    def failing(*args, **kwargs):
        raise socket.gaierror(getattr(socket, code), system)

    monkeypatch.setattr(socket, "getaddrinfo", failing)
    en, zh = listen_refusal("some.host")
    assert en_said in en
    assert zh_said in zh
    assert zh.endswith(f"{system}）")


def test_a_name_no_host_can_have_is_said_in_both_languages():
    en, zh = listen_refusal("a..b")
    assert en.startswith(
        "--host 'a..b' is not an address this machine can listen on: not a valid host name: each part between "
        "dots must be 1 to 63 characters, letters, digits or hyphens (the system says: "
    )
    assert zh.startswith(
        "--host 'a..b' 不是本机可以监听的地址：不是有效的主机名：以点分隔的每一部分必须是 1 到 63 个字母、数字或连字符"
        "（系统的说明："
    )
    assert "idna" in en and "idna" in zh  # (the system's text, as it gives it)


def test_a_port_in_use_is_said_in_chinese_with_the_system_text():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        en, zh = listen_refusal("127.0.0.1", port)
    assert en == (
        f"cannot listen on 127.0.0.1:{port}: the port is already in use: stop the server listening there, or give "
        "another --port (the system says: Address already in use)"
    )
    assert zh == (
        f"无法在 127.0.0.1:{port} 上监听：端口已被占用：请停止在那里监听的服务，或给出另一个 --port"
        "（系统的说明：Address already in use）"
    )


def test_an_address_not_this_machine_s_is_said_in_chinese():
    en, zh = listen_refusal("192.0.2.1")  # (TEST-NET-1: documentation only, no machine's)
    assert en.startswith("cannot listen on 192.0.2.1:8000: the address is not one of this machine's")
    assert zh.startswith("无法在 192.0.2.1:8000 上监听：这个地址不是本机的地址：请给出本机的地址")
    assert zh.endswith("（系统的说明：Cannot assign requested address）")


def test_a_port_that_needs_privileges_is_said_in_chinese(monkeypatch):
    import errno
    import socket

    def denied(self, address):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(socket.socket, "bind", denied)
    en, zh = listen_refusal("127.0.0.1", 80)
    assert en == (
        "cannot listen on 127.0.0.1:80: permission denied: a port below 1024 needs administrator rights, so give a "
        "--port of 1024 or more (the system says: Permission denied)"
    )
    assert zh == (
        "无法在 127.0.0.1:80 上监听：没有权限：1024 以下的端口需要管理员权限，请给出 1024 或更大的 --port"
        "（系统的说明：Permission denied）"
    )


def test_another_system_error_is_the_system_s_text_under_a_chinese_lead(monkeypatch):
    import errno
    import socket

    def odd(self, address):
        raise OSError(errno.ENOBUFS, "No buffer space available")

    monkeypatch.setattr(socket.socket, "bind", odd)
    en, zh = listen_refusal("127.0.0.1", 8000)
    assert en == "cannot listen on 127.0.0.1:8000: the system says: No buffer space available"
    assert zh == "无法在 127.0.0.1:8000 上监听：系统的说明：No buffer space available"


def test_serve_says_a_bad_host_in_chinese_from_the_command_line(monkeypatch):
    import socket

    def unknown(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    result = run_cli("--lang", "zh", "serve", "--host", "BAD")
    assert result.returncode == 2
    assert "avzone: 错误：--host 'BAD' 不是本机可以监听的地址：不知道叫这个名字的主机（系统的说明：" in result.stderr


# -- map --track: the rows' numbers, said as what they are, and the rows not in a track found by them ---------------
#: What a CSV file's row numbers are (its header on line 1), and on which line of the file each row is.
EN_CSV_ROWS = (
    "row numbers count from 0: the file's first row of data is row 0, on line 2 of the file (below the header, "
    "line 1), and row N is on line N + 2 unless empty lines or quoted fields holding line breaks come before it; "
    "as in avzone events' row_before and row_after"
)
ZH_CSV_ROWS = (
    "行号从 0 起算：文件的第一行数据是第 0 行，位于文件第 2 行（在表头之下，表头是第 1 行），"
    "第 N 行数据位于文件第 N + 2 行，除非它之前有空行或含有换行的带引号字段；"
    "与 avzone events 的 row_before 和 row_after 相同"
)


@pytest.fixture
def track_csv(tmp_path):
    """Row 0, 1: a's track into the core; 2: a text lon; 3, 8: no id; 4: b's only fix; 5: a duplicate of row 1;
    6: no coordinates; 7, 9, 10, 11, 12, 13: no id (missing vehicle id: 8 rows, more than the rows named)."""
    lines = [
        "a,2024-05-01 08:00:00,116.3975,39.9087",
        "a,2024-05-01 08:30:00,116.50,39.79",
        "a,2024-05-01 08:40:00,abc,39.80",
        ",2024-05-01 08:03:00,116.5,39.8",
        "b,2024-05-01 08:04:00,116.5,39.8",
        "a,2024-05-01 08:30:00,116.50,39.79",
        "c,2024-05-01 08:05:00,,",
        *[f",2024-05-01 08:0{k}:00,116.5,39.8" for k in range(6)],
    ]
    src = tmp_path / "track.csv"
    src.write_text("vehicle,ts,lon,lat\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return src


def test_map_track_names_the_first_rows_of_each_status_on_stderr(tmp_path, track_csv):
    _, err = ok("map", "--track", str(track_csv), "-o", str(tmp_path / "m.html"), "--tiles", "none")
    lines = err.splitlines()
    head = next(i for i, line in enumerate(lines) if "are not in a track" in line)
    assert lines[head] == (f"11 of 13 rows of {track_csv} are not in a track ({EN_CSV_ROWS}):")
    assert lines[head + 1 :] == [
        "  7: missing vehicle id (the first: rows 3, 7, 8, 9, 10, on lines 5, 9, 10, 11, 12 of the file)",
        "  1: duplicate fix: same vehicle, time and position as an earlier row (not used) "
        "(row 5, on line 7 of the file)",
        "  1: lon not a number (row 2, on line 4 of the file)",
        "  1: missing lon; missing lat (row 6, on line 8 of the file)",
        "  1: the vehicle's only usable fix: no segment (row 4, on line 6 of the file)",
    ]  # (most rows first, then by status, as the file jobs' summaries list them)
    _, zh = ok("map", "--track", str(track_csv), "-o", str(tmp_path / "z.html"), "--tiles", "none", "--lang", "zh")
    assert (
        f"{track_csv} 的 13 行中有 11 行不在轨迹中（{ZH_CSV_ROWS}）：\n"
        "  7：缺少车辆编号（missing vehicle id），前几行：第 3、7、8、9、10 行，位于文件第 5、9、10、11、12 行\n"
    ) in zh
    assert "  1：经度不是数字（lon not a number），第 2 行，位于文件第 4 行\n" in zh


def test_the_rows_named_are_the_rows_events_annotates_with_that_status(tmp_path, track_csv):
    import pandas as pd

    ok("events", "--input", str(track_csv), "-o", str(tmp_path / "e.csv"), "--annotate", str(tmp_path / "a.csv"))
    annotated = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)
    _, err = ok("map", "--track", str(track_csv), "-o", str(tmp_path / "m.html"), "--tiles", "none")
    for status in ("missing vehicle id", "duplicate fix: same vehicle, time and position as an earlier row (not used)"):
        rows = annotated.index[annotated["status"] == status].tolist()  # (0-based, as read back: data rows)
        named = ", ".join(str(r) for r in rows[:5])
        which = "row" if len(rows) == 1 else "rows" if len(rows) <= 5 else "the first: rows"
        lines = ", ".join(str(r + 2) for r in rows[:5])  # (no empty line nor a quoted line break: row N, line N + 2)
        on = "line" if len(rows) == 1 else "lines"
        assert f"  {len(rows)}: {status} ({which} {named}, on {on} {lines} of the file)\n" in err


def test_the_map_s_popups_and_legend_say_what_the_row_numbers_are(tmp_path, track_csv):
    """The legend says how a CSV row's number gives its line; a marker's popup says each row's line itself."""
    for lang, popup, legend, item in [
        (
            "en",
            "<dt>Input rows (row numbers count from 0: the file's first row of data is row 0, as in avzone events' "
            "row_before and row_after)</dt><dd>0 (line 2) → 1 (line 3)</dd>",
            f"Rows not in a track ({EN_CSV_ROWS}):"
            '<ul class="avzone-foot-list"><li>missing vehicle id: 7 (the first: rows 3, 7, 8, 9, 10, on lines 5, '
            "9, 10, 11, 12 of the file)</li>",
            "<li>lon not a number: 1 (row 2, on line 4 of the file)</li>",
        ),
        (
            "zh",
            "<dt>输入行（行号从 0 起算：文件的第一行数据是第 0 行，与 avzone events 的 row_before 和 row_after 相同）"
            "</dt><dd>0（文件第 2 行） → 1（文件第 3 行）</dd>",
            f"不在轨迹中的行（{ZH_CSV_ROWS}）："
            '<ul class="avzone-foot-list"><li>缺少车辆编号（missing vehicle id）：7 行（前几行：第 3、7、8、9、10 行，'
            "位于文件第 5、9、10、11、12 行）</li>",
            "<li>经度不是数字（lon not a number）：1 行（第 2 行，位于文件第 4 行）</li>",
        ),
    ]:
        page = tmp_path / f"m-{lang}.html"
        ok("map", "--track", str(track_csv), "-o", str(page), "--tiles", "none", "--lang", lang)
        page_text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page.read_text("utf-8"))
        html = unescape(page_text).replace('\\"', '"')  # (the popups and legend as the page's JSON strings hold them)
        assert popup in html, lang
        assert legend in html and item in html, lang


def test_the_legend_lists_each_status_on_a_line_of_its_own(tmp_path, track_csv):
    """A status may hold "; " itself (missing lon; missing lat): the legend's statuses are items of a list, one
    line each, never joined by a separator a status could contain."""
    for lang, both in [
        ("en", "missing lon; missing lat: 1 (row 6, on line 8 of the file)"),
        ("zh", "缺少经度；缺少纬度（missing lon; missing lat）：1 行（第 6 行，位于文件第 8 行）"),
    ]:
        page = tmp_path / f"m-{lang}.html"
        ok("map", "--track", str(track_csv), "-o", str(page), "--tiles", "none", "--lang", lang)
        page_text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page.read_text("utf-8"))
        html = unescape(page_text).replace('\\"', '"')
        listed = re.search(r'<ul class="avzone-foot-list">(.*?)</ul>', html)
        assert listed is not None, lang
        items = re.findall(r"<li>(.*?)</li>", listed.group(1))
        assert len(items) == 5 and f"{both}" in items, (lang, items)


def test_a_csv_file_s_rows_are_found_by_their_lines_below_its_header(tmp_path):
    """A data row's number (from 0, as row_before) and its line in the file: the map says how one gives the other,
    the header's line counted as the reader found it (below an Excel sep= line here)."""
    src = tmp_path / "sep.csv"
    src.write_text(
        "sep=,\nvehicle,ts,lon,lat\na,2024-05-01 08:00:00,116.3975,39.9087\n,2024-05-01 08:03:00,116.5,39.8\n"
        "a,2024-05-01 08:30:00,116.50,39.79\n",
        encoding="utf-8",
    )
    lines = src.read_text("utf-8").splitlines()
    for lang, said, row in [
        (
            "en",
            "the file's first row of data is row 0, on line 3 of the file (below the header, line 2), and row N "
            "is on line N + 3",
            "  1: missing vehicle id (row 1, on line 4 of the file)",
        ),
        (
            "zh",
            "文件的第一行数据是第 0 行，位于文件第 3 行（在表头之下，表头是第 2 行），第 N 行数据位于文件第 N + 3 行",
            "  1：缺少车辆编号（missing vehicle id），第 1 行，位于文件第 4 行",
        ),
    ]:
        _, err = ok("map", "--track", str(src), "-o", str(tmp_path / f"{lang}.html"), "--tiles", "none", "--lang", lang)
        assert said in err and row in err.splitlines(), (lang, err)
    assert lines[1 + 3 - 1].startswith(",")  # (row 1 on line 1 + 3: the row without a vehicle id)
    # a Parquet file has no lines: its rows are said as they are numbered, no more
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(src, skiprows=1)
    parquet = tmp_path / "fixes.parquet"
    frame.to_parquet(parquet)
    _, err = ok("map", "--track", str(parquet), "-o", str(tmp_path / "p.html"), "--tiles", "none", "--lang", "en")
    assert "(row numbers count from 0: the file's first row of data is row 0, as in avzone events' row_before" in err
    assert "on line" not in err


def test_rows_named_below_empty_lines_and_quoted_line_breaks_are_said_on_their_true_lines(tmp_path):
    """Row N is on line N + 2 only when no empty line or quoted field holding line breaks comes before it: the rows
    named (stderr, legend) are found on their lines by reading the file again, and a row spanning lines says so."""
    src = tmp_path / "odd.csv"
    src.write_text(
        "vehicle,ts,lon,lat,note\n"
        "\n"  # line 2: empty, no row
        'a,2024-05-01 08:00:00,116.3975,39.9087,"two\nlines"\n'  # row 0 on lines 3-4
        "a,2024-05-01 08:30:00,116.50,39.79,\n"  # row 1, line 5
        "\n"  # line 6: empty
        ',2024-05-01 08:03:00,116.5,39.8,"a\n\nb"\n'  # row 2: no id, on lines 7-9
        "a,2024-05-01 08:40:00,abc,39.80,\n",  # row 3: a text lon, on line 10
        encoding="utf-8",
    )
    physical = src.read_text("utf-8").split("\n")
    assert physical[9].startswith("a,2024-05-01 08:40:00,abc") and physical[6].startswith(",2024")
    for lang, no_id, no_lon, legend in [
        (
            "en",
            "  1: missing vehicle id (row 2, on lines 7-9 of the file)",
            "  1: lon not a number (row 3, on line 10 of the file)",
            "<li>missing vehicle id: 1 (row 2, on lines 7-9 of the file)</li>",
        ),
        (
            "zh",
            "  1：缺少车辆编号（missing vehicle id），第 2 行，位于文件第 7-9 行",
            "  1：经度不是数字（lon not a number），第 3 行，位于文件第 10 行",
            "<li>缺少车辆编号（missing vehicle id）：1 行（第 2 行，位于文件第 7-9 行）</li>",
        ),
    ]:
        page = tmp_path / f"{lang}.html"
        _, err = ok("map", "--track", str(src), "-o", str(page), "--tiles", "none", "--lang", lang)
        assert no_id in err.splitlines() and no_lon in err.splitlines(), err
        page_text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), page.read_text("utf-8"))
        assert legend in unescape(page_text).replace('\\"', '"'), lang


def test_t_drive_rows_named_say_their_file_and_line(tmp_path):
    """T-Drive rows are numbered over the files in the order read: a row named says which file and line it is on
    (the second file's first line after an empty one here), not only its number over all files."""
    folder = tmp_path / "taxis"
    folder.mkdir()
    (folder / "1.txt").write_text(
        "1,2008-02-02 15:36:08,116.51172,39.92123\n1,2008-02-02 15:46:08,116.52,39.93\n", encoding="utf-8"
    )
    (folder / "2.txt").write_text(
        "\n2,2008-02-02 15:36:08,abc,39.92\n2,2008-02-02 15:46:08,116.52,39.93\n2,2008-02-02 15:56:08,116.53,39.94\n",
        encoding="utf-8",
    )
    for lang, said in [
        ("en", f"  1: lon not a number (row 2: {folder / '2.txt'} line 2)"),
        ("zh", f"  1：经度不是数字（lon not a number），第 2 行，即 {folder / '2.txt'} 第 2 行"),
    ]:
        args = ("map", "--track", str(folder), "--input-format", "tdrive", "--tiles", "none", "--lang", lang)
        _, err = ok(*args, "-o", str(tmp_path / f"{lang}.html"))
        assert said in err.splitlines(), err


def event_popups(page) -> list[str]:
    """The event markers' popups of a map page, as the browser shows their HTML."""
    from test_maps import geojson_features

    found = [f["properties"] for f in geojson_features(page.read_text("utf-8"))]
    return [unescape(p["popup_html"]) for p in found if "event" in p]


def test_an_event_popup_names_its_csv_rows_true_lines_below_empty_lines_and_quoted_line_breaks(tmp_path):
    """A marker's popup said its rows' numbers with the rule "row N is on line N + 2 unless empty lines or quoted
    fields holding line breaks come before it", which here would send a user to lines 4 and 5: it says each row's
    line (or lines) in the file, read again for the rows the popups name. A Parquet file has no lines: its
    popups keep the row numbers alone."""
    src = tmp_path / "odd.csv"
    src.write_text(
        "vehicle,ts,lon,lat,note\n"  # line 1
        "\n"  # line 2: empty
        'b,2024-07-01 07:50:00,116.30,39.90,"two\nlines"\n'  # row 0, lines 3-4 (b: outside, no event)
        "b,2024-07-01 07:51:00,116.301,39.90,\n"  # row 1, line 5
        "\n"  # line 6: empty
        "a,2024-07-01 08:00:00,116.44,39.79,\n"  # row 2, line 7: outside
        'a,2024-07-01 08:02:00,116.46,39.79,"in\nside"\n',  # row 3, lines 8-9: inside (a enters between them)
        encoding="utf-8",
    )
    physical = src.read_text("utf-8").split("\n")
    assert physical[6].startswith("a,2024-07-01 08:00") and physical[7].startswith("a,2024-07-01 08:02")
    for lang, said in [
        (
            "en",
            "<dt>Input rows (row numbers count from 0: the file's first row of data is row 0, as in avzone events' "
            "row_before and row_after)</dt><dd>2 (line 7) → 3 (lines 8-9)</dd>",
        ),
        (
            "zh",
            "<dt>输入行（行号从 0 起算：文件的第一行数据是第 0 行，与 avzone events 的 row_before 和 row_after 相同）"
            "</dt><dd>2（文件第 7 行） → 3（文件第 8-9 行）</dd>",
        ),
    ]:
        page = tmp_path / f"{lang}.html"
        ok("map", "--track", str(src), "-o", str(page), "--tiles", "none", "--lang", lang)
        (popup,) = event_popups(page)
        assert 'data-event="enter"' in popup and said in popup, popup
        assert "N + 2" not in popup, popup  # (no rule to work a line out by: the line itself)
    pd = pytest.importorskip("pandas")
    parquet = tmp_path / "odd.parquet"
    pd.read_csv(src).to_parquet(parquet)
    page = tmp_path / "parquet.html"
    ok("map", "--track", str(parquet), "-o", str(page), "--tiles", "none", "--lang", "en")
    (popup,) = event_popups(page)
    assert (
        "<dt>Input rows (row numbers count from 0: the file's first row of data is row 0, as in avzone events' "
        "row_before and row_after)</dt><dd>2 → 3</dd>"
    ) in popup


def test_an_event_popup_names_its_t_drive_rows_file_and_line(tmp_path):
    """T-Drive rows are numbered over the files in the order read: a marker's popup names each row's file and
    line (as stderr and the legend name a row), not only its number over all files (rows 2 and 3 here are lines 2
    and 3 of the second file)."""
    folder = tmp_path / "taxis"
    folder.mkdir()
    (folder / "1.txt").write_text(
        "1,2008-02-02 15:36:08,116.30,39.90\n1,2008-02-02 15:37:08,116.301,39.90\n", encoding="utf-8"
    )  # (outside: no event)
    (folder / "2.txt").write_text(
        "\n2,2008-02-02 15:36:08,116.44,39.79\n2,2008-02-02 15:38:08,116.46,39.79\n", encoding="utf-8"
    )  # (enters between its two fixes)
    second = folder / "2.txt"
    for lang, said in [
        (
            "en",
            "<dt>Input rows (row numbers count from 0 over the T-Drive files' lines in the order read, as in avzone "
            f"events' row_before and row_after)</dt><dd>2 ({second} line 2) → 3 ({second} line 3)</dd>",
        ),
        (
            "zh",
            "<dt>输入行（行号按读取顺序对 T-Drive 文件的各行从 0 起算，与 avzone events 的 row_before 和 row_after "
            f"相同）</dt><dd>2（{second} 第 2 行） → 3（{second} 第 3 行）</dd>",
        ),
    ]:
        page = tmp_path / f"{lang}.html"
        args = ("map", "--track", str(folder), "--input-format", "tdrive", "--tiles", "none", "--lang", lang)
        ok(*args, "-o", str(page))
        (popup,) = event_popups(page)
        assert 'data-event="enter"' in popup and said in popup, popup


def test_an_error_about_a_csv_row_names_its_line_in_the_file(tmp_path):
    """Already so: a row the reader refuses is named by its line in the file, said as a line, the header's given."""
    src = tmp_path / "ragged.csv"
    src.write_text("vehicle,ts,lon,lat\na,2024-05-01 08:00:00,116.3975,39.9087\na,2024-05-01 08:30:00,116.5\n")
    for lang, said in [
        ("en", f"avzone: error: {src}: the row on line 3 of the file (the header is line 1) has 3 fields"),
        ("zh", f"avzone: 错误：{src}：文件第 3 行（表头是第 1 行）有 3 个字段"),
    ]:
        result = run_cli("map", "--track", str(src), "-o", str(tmp_path / "m.html"), "--tiles", "none", "--lang", lang)
        assert result.returncode == 2 and result.stderr.startswith(said), result.stderr


def test_a_dataframe_s_rows_are_named_by_its_index_labels(model):
    import pandas as pd

    from avzone.maps import make_map

    fixes = pd.DataFrame(
        {
            "vehicle": ["a", "a", None],
            "ts": ["2024-05-01 08:00:00", "2024-05-01 08:30:00", "2024-05-01 08:40:00"],
            "lon": [116.3975, 116.50, 116.5],
            "lat": [39.9087, 39.79, 39.8],
        },
        index=[10, 20, 30],
    )
    html = make_map(model, tracks=fixes, lang="en").get_root().render()
    assert "Input rows (the labels of the DataFrame" in html
    assert "Rows not in a track (the labels of the DataFrame" in html
    assert "missing vehicle id: 1 (row 30)" in html


def test_map_help_says_how_the_rows_not_in_a_track_are_numbered():
    assert "with the numbers of the first rows of each (counted from 0: the file's first row of data is row 0)" in (
        " ".join(help_of("map").split())
    )
    assert "并给出每种状态前几行的行号（从0起算：文件的第一行数据是第0行）" in "".join(help_of("map", "zh").split())
