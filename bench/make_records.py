"""Generate N realistic synthetic exemplar records, with campaigns and nomination batches.

    .venv/bin/python bench/make_records.py 10000 --output .cache/bench/records-10000

Writes into ``--output`` (never into the repository's ``exemplars/``):

- ``ca-nhan/<id>.yml`` and ``tap-the/<id>.yml``: N exemplars (about 70 % individuals),
  Vietnamese names as they are distributed in life (Nguyễn, Trần, Lê… with Văn and
  Thị), places from the real province list (``site_builder/places.py``; records
  before 1 July 2025 use the old names), stories of 300–800 words, 1–4 honours;
- ``campaigns/<id>.yml``: a few dozen campaigns;
- ``nominations/<id>.yml``: batches of 20 nominees, one nominee per 5 exemplars.

The output is deterministic for a given N and ``--seed``.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from site_builder.model.places import MERGERS, find_province  # noqa: E402
from site_builder.model.text import slugify  # noqa: E402

REORGANISED = date(2025, 7, 1)
NOMINEES_PER_BATCH = 20

# Family names with roughly their share of the population.
FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 3), ("Phan", 4),
          ("Vũ", 3), ("Võ", 2), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 1), ("Dương", 1),
          ("Lý", 1), ("Đinh", 1), ("Trịnh", 1), ("Lò", 1), ("Hà", 1), ("Mai", 1), ("Lương", 1)]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thanh", "Công", "Ngọc", "Duy"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim", "Phương"]
GIVEN_MALE = ["Hùng", "Hưng", "Dũng", "Cường", "Tuấn", "Nam", "Hải", "Long", "Sơn", "Thắng", "Quân", "Bình",
              "Phúc", "Khải", "Hiếu", "Toàn", "Trung", "Đức", "Tài", "Thịnh", "Lực", "Vinh", "Huy", "Anh",
              "Tú", "Quyết", "Thành", "Kiên", "Phong", "Hoàng", "Khánh", "Lâm", "Tâm", "Nghĩa", "Hòa"]
GIVEN_FEMALE = ["Hoa", "Hoà", "Lan", "Hương", "Hằng", "Mai", "Linh", "Thu", "Hà", "Nga", "Huyền", "Trang",
                "Thảo", "Nguyệt", "Xuân", "Diễm", "Yến", "Nhung", "Loan", "Vân", "Phương", "Hạnh", "Thủy",
                "Thuỷ", "Oanh", "Quyên", "Tuyết", "Dung", "Ngọc", "Anh", "Hồng", "Liên", "Hòa", "Hiền"]
PLACE_WORDS = ["Hải", "Đông", "Tây", "Nam", "Bắc", "Trung", "Phú", "Yên", "Hòa", "An", "Bình", "Thạnh", "Lộc",
               "Phước", "Tân", "Hưng", "Long", "Mỹ", "Quang", "Thanh", "Kim", "Sơn", "Lâm", "Hồng", "Vĩnh",
               "Thái", "Xuân", "Đức", "Minh", "Phong", "Giang", "Hà", "Cát", "Tiến", "Thịnh", "Mường"]
SECTORS = {
    "Nông nghiệp": (["Chủ nhiệm Hợp tác xã", "Nông dân", "Tổ trưởng tổ hợp tác", "Kỹ sư nông nghiệp"],
                    "Hợp tác xã Nông nghiệp {p}"),
    "Giáo dục": (["Giáo viên", "Hiệu trưởng", "Tổng phụ trách Đội"], "Trường Tiểu học {p}"),
    "Y tế": (["Bác sĩ", "Y sĩ", "Điều dưỡng trưởng", "Trưởng trạm y tế"], "Trạm Y tế xã {p}"),
    "Công nghiệp": (["Công nhân", "Tổ trưởng sản xuất", "Kỹ sư cơ khí"], "Công ty Cổ phần Cơ khí {p}"),
    "Doanh nghiệp": (["Giám đốc", "Trưởng phòng kỹ thuật", "Công nhân"], "Công ty TNHH {p}"),
    "Công an": (["Công an viên", "Trưởng Công an xã"], "Công an xã {p}"),
    "Quân sự": (["Chỉ huy trưởng Ban Chỉ huy quân sự", "Dân quân"], "Ban Chỉ huy quân sự xã {p}"),
    "Văn hóa": (["Nghệ nhân", "Cán bộ văn hóa xã"], "Trung tâm Văn hóa – Thể thao xã {p}"),
    "Hành chính": (["Công chức", "Chủ tịch UBND xã", "Viên chức"], "Ủy ban nhân dân xã {p}"),
    "Thủy sản": (["Thuyền trưởng", "Ngư dân"], "Tổ đoàn kết khai thác hải sản {p}"),
    "Xã hội": (["Chi hội trưởng", "Bí thư Chi đoàn", "Trưởng thôn"], "Hội Liên hiệp Phụ nữ xã {p}"),
}
COLLECTIVES = ["Hợp tác xã {p}", "Trường Trung học cơ sở {p}", "Trạm Y tế xã {p}", "Thôn {p}",
               "Tổ dân phố {p}", "Đội Thanh niên tình nguyện xã {p}", "Công ty Cổ phần {p}",
               "Ban Công tác Mặt trận khu dân cư {p}", "Chi hội Nông dân {p}", "Đồn Biên phòng {p}"]
AWARDS = [
    ("Giấy khen của Chủ tịch UBND huyện", None, "Chủ tịch UBND huyện", "QĐ-UBND", 30),
    ("Bằng khen của Chủ tịch UBND tỉnh", None, "Chủ tịch UBND tỉnh", "QĐ-UBND", 30),
    ("Chiến sĩ thi đua cơ sở", None, "Chủ tịch UBND huyện", "QĐ-UBND", 20),
    ("Chiến sĩ thi đua cấp tỉnh", None, "Chủ tịch UBND tỉnh", "QĐ-UBND", 10),
    ("Bằng khen của Thủ tướng Chính phủ", None, "Thủ tướng Chính phủ", "QĐ-TTg", 8),
    ("Chiến sĩ thi đua toàn quốc", None, "Thủ tướng Chính phủ", "QĐ-TTg", 2),
    ("Huân chương Lao động", "hạng Ba", "Chủ tịch nước", "QĐ-CTN", 3),
    ("Huân chương Lao động", "hạng Nhì", "Chủ tịch nước", "QĐ-CTN", 1),
    ("Cờ thi đua của UBND tỉnh", None, "Chủ tịch UBND tỉnh", "QĐ-UBND", 4),
    ("Cờ thi đua của Chính phủ", None, "Thủ tướng Chính phủ", "QĐ-TTg", 1),
    ("Kỷ niệm chương Vì sự nghiệp thi đua – khen thưởng", None, "Bộ trưởng Bộ Nội vụ", "QĐ-BNV", 1),
]
CAMPAIGNS = [
    "Cả nước chung sức xây dựng nông thôn mới",
    "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau",
    "Doanh nghiệp Việt Nam hội nhập và phát triển",
    "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19",
    "Đổi mới, sáng tạo trong dạy và học",
    "Thi đua chuyển đổi số",
    "Toàn dân bảo vệ an ninh Tổ quốc",
    "Dân vận khéo",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
]
PRIORITY = ["worker", "farmer", "direct_producer", "small_collective", "remote_area", "ethnic_minority", "courage"]
SENTENCES = [
    "{who} luôn gương mẫu đi đầu trong phong trào thi đua của {unit}.",
    "Trong giai đoạn {y1}–{y2}, {who} đã chủ động đề xuất {n} sáng kiến, cải tiến được áp dụng rộng rãi.",
    "Nhờ cách làm sáng tạo, thu nhập của người lao động tăng bình quân {n} phần trăm mỗi năm.",
    "{who} phối hợp với chính quyền địa phương vận động nhân dân hiến đất, góp công làm đường giao thông.",
    "Nhiều hộ gia đình ở {place} đã thoát nghèo bền vững nhờ mô hình do {who} hướng dẫn.",
    "Công việc không ít khó khăn, nhưng {who} chưa bao giờ nản lòng trước thử thách.",
    "Kết quả ấy được cấp ủy, chính quyền và nhân dân {place} ghi nhận, đánh giá cao.",
    "{who} thường xuyên kèm cặp, truyền kinh nghiệm cho lớp trẻ, xây dựng tập thể đoàn kết.",
    "Các hoạt động an sinh xã hội, giúp đỡ gia đình khó khăn được {who} duy trì đều đặn nhiều năm.",
    "Mô hình đã được nhân rộng ra {n} xã trong tỉnh và được báo chí địa phương giới thiệu.",
    "Trong đợt thiên tai năm {y2}, {who} đã kịp thời hỗ trợ người dân di dời, bảo vệ tài sản.",
    "Với những đóng góp đó, {who} nhiều năm liền hoàn thành xuất sắc nhiệm vụ được giao.",
    "Ứng dụng công nghệ thông tin vào quản lý giúp tiết kiệm thời gian và chi phí cho người dân.",
    "Phong trào thi đua được triển khai thiết thực, gắn với nhiệm vụ chính trị của địa phương.",
]
HEADINGS = ["Những ngày đầu khó khăn", "Cách làm sáng tạo", "Lan tỏa trong cộng đồng", "Kết quả nổi bật",
            "Gắn bó với người dân", "Đổi mới để phát triển"]


def weighted(rng: random.Random, choices: list[tuple[str, int]]) -> str:
    return rng.choices([name for name, _ in choices], weights=[weight for _, weight in choices])[0]


def person_name(rng: random.Random) -> tuple[str, str]:
    female = rng.random() < 0.45
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    name = f"{weighted(rng, FAMILY)} {middle} {given}"
    if rng.random() < 0.15:  # a second middle name
        name = name.replace(f" {middle} ", f" {middle} {rng.choice(MIDDLE_MALE[3:])} ")
    return name, ("Chị" if female else "Anh")


def place_name(rng: random.Random) -> str:
    return f"{rng.choice(PLACE_WORDS)} {rng.choice(PLACE_WORDS)}"


def province_at(rng: random.Random, when: date) -> str:
    current = rng.choice(sorted(MERGERS))
    return rng.choice(MERGERS[current]) if when < REORGANISED else current


def story(rng: random.Random, who: str, unit: str, place: str) -> str:
    """300–800 words in paragraphs under a few headings."""
    target = rng.randint(300, 800)
    words, paragraphs = 0, []
    while words < target:
        if len(paragraphs) % 3 == 1:
            paragraphs.append(f"## {rng.choice(HEADINGS)}")
        sentences = []
        for _ in range(rng.randint(3, 6)):
            year = rng.randint(2012, 2023)
            sentence = rng.choice(SENTENCES).format(who=who, unit=unit, place=place, n=rng.randint(2, 40),
                                                    y1=year, y2=year + rng.randint(1, 3))
            sentences.append(sentence[0].upper() + sentence[1:])
            words += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def honours(rng: random.Random, province: str, published: date) -> list[dict]:
    result = []
    for _ in range(rng.randint(1, 4)):
        award, grade, issuer, suffix, _w = rng.choices(AWARDS, weights=[a[4] for a in AWARDS])[0]
        when = published - timedelta(days=rng.randint(30, 2500))
        honour = {"award": award.replace("UBND tỉnh", f"UBND tỉnh {province}")}
        if grade:
            honour["grade"] = grade
        honour["decision"] = {"number": f"{rng.randint(100, 4999)}/{suffix}", "date": f"{when:%d/%m/%Y}",
                              "issued_by": issuer.replace("UBND tỉnh", f"UBND tỉnh {province}")}
        result.append(honour)
    return result


def exemplar(rng: random.Random, campaign_ids: list[str]) -> tuple[dict, str]:
    """One exemplar as YAML data, and the folder it goes into."""
    published = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3800))
    province = province_at(rng, published)
    local = place_name(rng)
    sector = rng.choice(sorted(SECTORS))
    positions, unit_pattern = SECTORS[sector]
    individual = rng.random() < 0.7
    if individual:
        name, pronoun = person_name(rng)
        unit = unit_pattern.format(p=local)
        record = {"kind": "individual", "name": name, "position": rng.choice(positions), "unit": unit}
        who = f"{pronoun.lower()} {name.split()[-1]}"
    else:
        name = rng.choice(COLLECTIVES).format(p=local)
        record = {"kind": "collective", "name": name}
        who, unit = "tập thể đơn vị", name
    record["place"] = {"province": province, "commune": f"xã {local}"}
    if published < REORGANISED and rng.random() < 0.6:
        record["place"]["district"] = f"huyện {place_name(rng)}"
    record["sector"] = sector
    if rng.random() < 0.4:
        record["priority_groups"] = sorted(rng.sample(PRIORITY, rng.randint(1, 2)))
    record["summary"] = (f"{name} có nhiều thành tích xuất sắc trong lĩnh vực {sector.lower()} tại xã {local}, "
                         f"tỉnh {province}, được nhân dân tin yêu và nhiều lần được khen thưởng.")
    record["story"] = story(rng, who, unit, f"xã {local}")
    record["honours"] = honours(rng, province, published)
    if rng.random() < 0.6:
        record["campaigns"] = sorted(rng.sample(campaign_ids, rng.randint(1, 2)))
    record["published"] = f"{published:%d/%m/%Y}"
    return record, "ca-nhan" if individual else "tap-the"


def campaign(number: int, name: str) -> dict:
    starts = date(2011 + number % 12, 1 + number % 12, 10)
    return {
        "name": name, "scope": "national" if number < len(CAMPAIGNS) else "province",
        "launched_by": "Thủ tướng Chính phủ" if number < len(CAMPAIGNS) else "Chủ tịch UBND tỉnh",
        "launch_document": {"number": f"{100 + number}/QĐ-TTg", "date": f"{starts:%d/%m/%Y}"},
        "starts": f"{starts:%d/%m/%Y}",
        "summary": f"Phong trào thi đua “{name}” nhằm động viên mọi tầng lớp nhân dân thi đua lập thành tích.",
        "description": f"Phong trào {name} được phát động trong cả nước.\n\nCác địa phương tổ chức thực hiện.",
        "goals": ["Phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến."],
    }


def batch(rng: random.Random, number: int, nominees: list[dict]) -> dict:
    opens = date(2026, 1, 5) + timedelta(days=7 * number)
    return {
        "title": f"Lấy ý kiến nhân dân đối với danh sách đề nghị tặng Huân chương Lao động (đợt {number + 1})",
        "award": "Huân chương Lao động",
        "proposed_by": "Ủy ban nhân dân tỉnh",
        "decided_by": "Chủ tịch nước",
        "legal_basis": ["Luật Thi đua, khen thưởng số 06/2022/QH15", "Nghị định số 98/2023/NĐ-CP, Điều 46"],
        "opens": f"{opens:%d/%m/%Y}",
        "closes_after_working_days": 10,
        "contact": {"email": "thiduakhenthuong@example.gov.vn", "phone": "0229 3871 000"},
        "nominees": nominees,
    }


def nominee(rng: random.Random, exemplar_id: str, record: dict) -> dict:
    entry = {"id": exemplar_id, "kind": record["kind"], "name": record["name"]}
    if record["kind"] == "individual":
        entry.update(position=record["position"], unit=record["unit"])
    current = find_province(record["place"]["province"]).current
    entry["place"] = {"province": current, "commune": record["place"]["commune"]}
    entry["award"] = f"Huân chương Lao động {rng.choice(['hạng Ba', 'hạng Ba', 'hạng Nhì'])}"
    entry["summary"] = record["summary"] + " Đề nghị khen thưởng vì thành tích xuất sắc giai đoạn 2021–2025."
    entry["exemplar"] = exemplar_id
    return entry


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text (stories) as literal blocks, the way staff write them."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def generate(count: int, output: Path, seed: int = 2026) -> dict[str, int]:
    """Write the records; returns how many of each kind were written."""
    if output.resolve() == (REPO / "exemplars").resolve() or (REPO / "exemplars").resolve() in output.resolve().parents:
        raise SystemExit("refusing to write synthetic records into the repository's exemplars/ folder")
    rng = random.Random(f"{seed}-{count}")
    names = CAMPAIGNS + [f"Thi đua xây dựng tỉnh {province} giàu đẹp, văn minh" for province in sorted(MERGERS)]
    campaign_ids = []
    for number, name in enumerate(names):
        campaign_ids.append(slugify(name)[:60].strip("-"))
        dump(output / "campaigns" / f"{campaign_ids[-1]}.yml", campaign(number, name))
    pending: list[dict] = []
    batches = 0
    for number in range(count):
        record, folder = exemplar(rng, campaign_ids)
        record_id = f"{slugify(record['name'])}-{number + 1}"
        dump(output / folder / f"{record_id}.yml", record)
        if number % 5 == 4:
            pending.append(nominee(rng, record_id, record))
        if len(pending) == NOMINEES_PER_BATCH or (number == count - 1 and pending):
            dump(output / "nominations" / f"dot-{batches + 1}.yml", batch(rng, batches, pending))
            batches, pending = batches + 1, []
    return {"exemplars": count, "campaigns": len(names), "batches": batches, "nominees": count // 5}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of exemplars")
    parser.add_argument("--output", type=Path, required=True, help="folder to write into (not exemplars/)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    print(generate(args.count, args.output, args.seed))


if __name__ == "__main__":
    main()
