#!/usr/bin/env python3
"""Regenerate data/pii/ from the research folder /work/shared/data/pii/.

Stdlib only. Every figure written here is a figure of the shared CSVs (or, for
the regional averages, of NOTES.md sections 3 and 10.2, with the URLs given
there); nothing is computed or filled in. Notes on confidence and
contradictions are taken from NOTES.md. Run from anywhere:

    python3 data/pii/build_from_shared.py [SHARED_DIR]

The output is committed; the Rust loader never reads the shared folder.
"""
import csv
import io
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/pii"


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def read(name):
    with open(os.path.join(SHARED, name), encoding="utf-8-sig", newline="") as f:
        return [{k: nfc(v or "") for k, v in row.items()} for row in csv.DictReader(f)]


def write(name, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    path = os.path.join(HERE, name)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    os.replace(tmp, path)


# ---------------------------------------------------------------- units
# Codes of the 63 provinces of 2023-2024 (ASCII, stable).
OLD_CODES = {
    "Hà Nội": "HN", "Vĩnh Phúc": "VP", "Bắc Ninh": "BN", "Quảng Ninh": "QN",
    "Hải Dương": "HD", "Hải Phòng": "HP", "Hưng Yên": "HY", "Thái Bình": "TB",
    "Hà Nam": "HNA", "Nam Định": "ND", "Ninh Bình": "NB", "Hà Giang": "HG",
    "Cao Bằng": "CB", "Bắc Kạn": "BK", "Tuyên Quang": "TQ", "Lào Cai": "LCA",
    "Yên Bái": "YB", "Thái Nguyên": "TN", "Lạng Sơn": "LS", "Bắc Giang": "BG",
    "Phú Thọ": "PT", "Điện Biên": "DB", "Lai Châu": "LCH", "Sơn La": "SL",
    "Hòa Bình": "HB", "Thanh Hóa": "TH", "Nghệ An": "NA", "Hà Tĩnh": "HT",
    "Quảng Bình": "QB", "Quảng Trị": "QT", "Thừa Thiên Huế": "HUE",
    "Đà Nẵng": "DNG", "Quảng Nam": "QNA", "Quảng Ngãi": "QNG", "Bình Định": "BDI",
    "Phú Yên": "PY", "Khánh Hòa": "KH", "Ninh Thuận": "NT", "Bình Thuận": "BTH",
    "Kon Tum": "KT", "Gia Lai": "GL", "Đắk Lắk": "DLK", "Đắk Nông": "DNO",
    "Lâm Đồng": "LD", "Bình Phước": "BP", "Tây Ninh": "TNI", "Bình Dương": "BD",
    "Đồng Nai": "DNA", "Bà Rịa - Vũng Tàu": "BRVT", "TP. Hồ Chí Minh": "HCM",
    "Long An": "LA", "Tiền Giang": "TG", "Bến Tre": "BTR", "Trà Vinh": "TV",
    "Vĩnh Long": "VL", "Đồng Tháp": "DT", "An Giang": "AG", "Kiên Giang": "KG",
    "Cần Thơ": "CT", "Hậu Giang": "HGI", "Sóc Trăng": "ST", "Bạc Liêu": "BL",
    "Cà Mau": "CM",
}

# Aliases people type (besides the unaccented English name).
ALIASES = {
    "HN": ["Hanoi", "Thành phố Hà Nội", "TP Hà Nội"],
    "HCM": ["TP HCM", "TP.HCM", "TP. HCM", "TP Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Hồ Chí Minh",
            "Ho Chi Minh", "HCMC", "hcm", "Sài Gòn", "Saigon"],
    "HUE": ["Thừa Thiên Huế", "Thua Thien Hue", "TT Huế", "Thành phố Huế", "Hue City"],
    "DNG": ["Danang", "TP Đà Nẵng"],
    "HP": ["Haiphong", "TP Hải Phòng"],
    "CT": ["TP Cần Thơ"],
    "BRVT": ["Bà Rịa Vũng Tàu", "Ba Ria Vung Tau", "Vũng Tàu"],
}


def unit_name_en(vi, en_from_csv):
    if vi == "TP. Hồ Chí Minh":
        return "Ho Chi Minh City"
    if vi == "Huế":
        return "Hue"
    return en_from_csv


def build_units():
    regions = {r["province_vi"]: r for r in read("regions.csv")}
    merger = read("merger_2025.csv")
    succ = {r["old_province_vi"]: r["new_province_vi"] for r in merger}
    members = {}
    for r in merger:
        members.setdefault(r["new_province_vi"], []).append(r["old_province_vi"])
    assert len(succ) == 63 and len(members) == 34, (len(succ), len(members))
    # A 2025 unit is "unchanged" when exactly one old province maps to it
    # (and nothing else does): it keeps its old code for all years.
    unchanged = {new: olds[0] for new, olds in members.items() if len(olds) == 1}
    new_code = {}
    for new, olds in members.items():
        if new in unchanged:
            new_code[new] = OLD_CODES[olds[0]]
        else:
            assert new in OLD_CODES, new  # every merged unit took an old name
            new_code[new] = OLD_CODES[new] + "25"
    rows = []
    old_rows = {}
    for r in read("regions.csv"):
        vi = r["province_vi"]
        code = OLD_CODES[vi]
        new = succ[vi]
        same = new in unchanged
        name_vi = new if same else vi  # Thừa Thiên Huế is shown as Huế (alias keeps the old name)
        en = unit_name_en(name_vi, r["province_en"])
        aliases = list(ALIASES.get(code, []))
        note = ""
        if same:
            note = ("unchanged by the 2025 merger (NQ 202/2025/QH15): one code for 2023-2025")
            if vi != new:
                note += f"; named {vi} until 2024"
            succ_code, last = "", ""
        else:
            succ_code, last = new_code[new], "2024"
            note = f"merged into {new} ({new_code[new]}) on 1/7/2025 (NQ 202/2025/QH15)"
        old_rows[vi] = [code, name_vi, en, ";".join(dict.fromkeys(aliases)), r["region"],
                        r["region_en"], "", last, succ_code,
                        r["source"] + " ; merger: " + merger_source(merger, vi), note]
        rows.append(old_rows[vi])
    for new, olds in members.items():
        if new in unchanged:
            continue
        code = new_code[new]
        base = OLD_CODES[new]
        en = unit_name_en(new, regions[new]["province_en"])
        aliases = list(ALIASES.get(base, []))
        note = ("formed on 1/7/2025 from " + ", ".join(olds) +
                "; no regional classification of the 34 units was published for PII 2025, so region is empty")
        rows.append([code, new, en, ";".join(dict.fromkeys(aliases)), "", "", "2025", "", "",
                     merger_source(merger, olds[0]), note])
    return rows, new_code, succ


def merger_source(merger, old_vi):
    for r in merger:
        if r["old_province_vi"] == old_vi:
            return r["source"]
    return ""


# ---------------------------------------------------------------- framework
SUB_CODES = {
    ("1", "Policy environment"): "P1.POL",
    ("1", "Business environment"): "P1.BUS",
    ("2", "Education"): "P2.EDU",
    ("2", "Research and development"): "P2.RD",
    ("6", "Knowledge creation"): "P6.KC",
    ("6", "Knowledge diffusion"): "P6.KD",
    ("6", "Intangible assets"): "P6.IA",
}
# Number of children in the full published framework, where a source states it.
CHILDREN = {
    "PII": ("2", "2 sub-indices (NOTES §4)"),
    "INPUT": ("5", "pillars 1-5 (NOTES §4)"),
    "OUTPUT": ("2", "pillars 6-7 (NOTES §4)"),
    "P1": ("2", "Khánh Hòa 2025 profile lists 2 sub-pillars"),
    "P2": ("2", "Education and R&D (2024, 2025)"),
    "P1.POL": ("3", "profile lists 3 indicators"),
    "P1.BUS": ("4", "profile lists 4 indicators"),
    "P2.EDU": ("3", "3 indicators (2024, 2025)"),
    "P2.RD": ("4", "4 indicators (2024, 2025); only the first is named"),
}


def build_framework():
    fw = read("framework.csv")
    rows = []
    header_note = "node names for the index and sub-indices are descriptive; pillar numbers 1-7 are published"
    rows.append(["PII", "", 5, 1, "", "", "", "Chỉ số Đổi mới sáng tạo cấp địa phương",
                 "Provincial Innovation Index", CHILDREN["PII"][0], "https://vista.gov.vn/vi/news/khoa-hoc-ky-thuat-va-cong-nghe/cong-bo-chi-so-doi-moi-sang-tao-cap-dia-phuong-nam-2024-10523.html", "index; 52 indicators, 7 pillars, 2 sub-indices in every year (NOTES §4)"])
    rows.append(["INPUT", "PII", 4, 1, "", "", "", "Chỉ số phụ đầu vào", "Input sub-index",
                 CHILDREN["INPUT"][0], "", header_note])
    rows.append(["OUTPUT", "PII", 4, 2, "", "", "", "Chỉ số phụ đầu ra", "Output sub-index",
                 CHILDREN["OUTPUT"][0], "", header_note])
    pillars = [r for r in fw if r["code"]]
    for r in pillars:
        n = int(r["pillar_no"])
        code = f"P{n}"
        parent = "INPUT" if n <= 5 else "OUTPUT"
        order = n if n <= 5 else n - 5
        rows.append([code, parent, 3, order, "", "", "", r["pillar_vi"], r["pillar_en"],
                     CHILDREN.get(code, ("", ""))[0], r["source"], r["notes"]])
    subs = [r for r in fw if not r["code"] and r["subpillar_en"] and not r["indicator_en"]]
    sub_order = {}
    for r in subs:
        code = SUB_CODES[(r["pillar_no"], r["subpillar_en"])]
        sub_order[r["pillar_no"]] = sub_order.get(r["pillar_no"], 0) + 1
        unit_note = f"{r['unit']}; " if r["unit"] else ""
        rows.append([code, f"P{r['pillar_no']}", 2, sub_order[r["pillar_no"]], "", "", "",
                     r["subpillar_vi"], r["subpillar_en"], CHILDREN.get(code, ("", ""))[0], r["source"],
                     unit_note + (r["notes"] + "; " if r["notes"] else "") + "sub-pillar code is ours (no official numbering)"])
    inds = [r for r in fw if r["indicator_en"]]
    ind_order = {}
    unplaced = 0
    by_name = {}
    for r in inds:
        if r["subpillar_en"]:
            parent = SUB_CODES[(r["pillar_no"], r["subpillar_en"])]
            ind_order[parent] = ind_order.get(parent, 0) + 1
            code = f"{parent}.{ind_order[parent]}"
            order = ind_order[parent]
        elif r["pillar_no"]:
            parent = f"P{r['pillar_no']}"
            ind_order[parent] = ind_order.get(parent, 0) + 1
            code = f"{parent}.X{ind_order[parent]}"
            order = 100 + ind_order[parent]
        else:
            parent = ""
            unplaced += 1
            code = f"I{unplaced:02d}"
            order = unplaced
        direction = {"": ""}.get(r["direction"], r["direction"])
        name_vi = r["indicator_vi"] or r["indicator_en"]
        note = r["notes"]
        if not r["indicator_vi"]:
            note = (note + "; " if note else "") + "no Vietnamese name published: English name repeated"
        rows.append([code, parent, 1, order, "", direction, r["unit"], name_vi, r["indicator_en"], "",
                     r["source"], note])
        by_name[name_vi] = code
    return rows, by_name, unplaced


# Indicator names in indicator_values.csv -> framework rows. A name maps only
# when it is the framework's Vietnamese name up to trivial wording, and the
# framework row's notes cite that very figure. Names the sources word
# differently (and NOTES calls unclear) get their own unplaced node.
IV_MAP = {
    "Tỷ lệ doanh nghiệp khởi nghiệp sáng tạo trong tổng số doanh nghiệp mới thành lập":
        "Tỷ lệ doanh nghiệp/dự án khởi nghiệp sáng tạo",
    "Tỷ lệ lao động có việc làm trong nền kinh tế trên tổng dân số":
        "Tỷ lệ lao động có việc làm trong nền kinh tế/tổng dân số",
    "Chi cho KH-CN/GRDP (%)": "Chi cho KH-CN/GRDP",
    "Vốn sản xuất kinh doanh bình quân hằng năm của doanh nghiệp":
        "Vốn sản xuất kinh doanh bình quân hàng năm của doanh nghiệp",
}
IV_OWN = {
    "Trình độ phát triển doanh nghiệp với đầu tư trực tiếp của nước ngoài (as worded in source; exact indicator unclear)":
        ("Trình độ phát triển doanh nghiệp với đầu tư trực tiếp của nước ngoài",
         "Business sophistication with foreign direct investment (as worded in source)",
         "as worded in the 2023 VnExpress source; exact indicator unclear (perhaps Foreign direct investment / GRDP)"),
    "Giá trị xuất khẩu (as worded in source)":
        ("Giá trị xuất khẩu", "Export value (as worded in source)",
         "as worded in the 2023 VnExpress source; perhaps Export value / GRDP (not stated)"),
    "Môi trường pháp lý (as worded in source; probably the PCI-based legal-institutions indicator)":
        ("Môi trường pháp lý", "Legal environment (as worded in source)",
         "as worded in the 2024 vneconomy source; probably the PCI-based legal-institutions indicator (not stated)"),
    "Tính năng động của chính quyền":
        ("Tính năng động của chính quyền", "Dynamism of the provincial government (as worded in source)",
         "as worded in the 2024 vneconomy source; the 2025 framework's P1 indicator is 'Tính năng động của chính quyền địa phương' (identity not stated)"),
}
PILLAR_PREFIX = "Pillar "
SUB_PREFIX = "Sub-pillar (P6) "


def iv_node(name, by_name, framework, unplaced):
    if name.startswith(PILLAR_PREFIX):
        return "P" + name[len(PILLAR_PREFIX)].strip(), None
    if name.startswith(SUB_PREFIX):
        sub = name[len(SUB_PREFIX):]
        for r in framework:
            if r[2] == 2 and r[7] == sub:
                return r[0], None
        raise SystemExit(f"unknown sub-pillar {sub}")
    if name in by_name:
        return by_name[name], None
    if name in IV_MAP:
        return by_name[IV_MAP[name]], f"name in source: {name}"
    if name in IV_OWN:
        vi, en, note = IV_OWN[name]
        code = None
        for r in framework:
            if r[7] == vi and r[1] == "" and r[2] == 1:
                code = r[0]
        if code is None:
            unplaced[0] += 1
            code = f"I{unplaced[0]:02d}"
            framework.append([code, "", 1, unplaced[0], "", "", "", vi, en, "", "indicator_values.csv",
                              note + "; node added so the figure keeps the source's wording"])
        return code, None
    raise SystemExit(f"indicator name not mapped: {name}")


# ---------------------------------------------------------------- notes
# (year, province as in the shared CSVs) -> note, from NOTES.md.
NOTES = {
    (2023, "Thừa Thiên Huế"): "medium confidence in the first pass (year inferred from a vneconomy paragraph); the second pass confirms 2023 (VnExpress 4743480, Lao Động JA) - NOTES §2, §10.2",
    (2023, "Nghệ An"): "vneconomy gives 36.52; Báo Nghệ An's 36.50 is used - NOTES §2",
    (2023, "Quảng Ngãi"): "rank not stated in the source; NOTES §10.3: with the corrected data only rank 26 fits (implied, not entered)",
    (2023, "Thanh Hóa"): "score 41.25 (vneconomy) removed: impossible at rank 30 given ranks 25-29; rank 30 kept - NOTES §10.3",
    (2023, "Tây Ninh"): "PII score cut off in the source excerpt; mean of input and output would be 34.89 (implied, not entered) - NOTES §10.2",
    (2023, "Sóc Trăng"): "medium confidence: copy of a Báo Sóc Trăng article on a mirror domain; (34.27+29.35)/2 = 31.81 and rank 48 fits - NOTES §10.2",
    (2023, "Ninh Bình"): "pillar scores from two sources; P4, P6, P7 not published",
    (2023, "Hà Nội"): "P4 77.81 (its highest pillar) from the German-language copy vrviet.vn - NOTES §10.2",
    (2023, "Hà Tĩnh"): "(44.18+23.35)/2 = 33.765 -> 33.76 - NOTES §2",
    (2023, "Gia Lai"): "Gia Lai also from Báo Gia Lai via baomoi",
    (2024, "Bình Định"): "first pass: low confidence (Báo Gia Lai's '8th' contradicts the ordering); second pass: rank 22 from Bình Định DOST (twice), input/output reproduce 37.88 - NOTES §2, §10.3",
    (2024, "Gia Lai"): "low confidence: Báo Gia Lai's '21/63' contradicts the published ordering (rank 21 is Lâm Đồng); rank left blank, must lie in 39-62 - NOTES §2, §10.3",
    (2024, "Thừa Thiên Huế"): "rank 13 from Lao Động Japanese edition - NOTES §10.2",
    (2024, "Lâm Đồng"): "1st in the Central Highlands; down 6 places on 2023 - NOTES §10.2",
    (2024, "Cà Mau"): "6/13 in the Mekong Delta; up 12 places on 2023 - NOTES §10.2",
    (2024, "Thanh Hóa"): "input, output, P1 and P6 from the same vneconomy article",
    (2025, "Phú Thọ"): "rank 15/34, no score published; DOST says 'up 2 places on 2024' (basis across the merger not explained) - NOTES §2",
    (2025, "Vĩnh Long"): "rank 17 from a second Thanh Niên article (3/6 in the Mekong Delta region) - NOTES §10.2",
    (2025, "Khánh Hòa"): "from a mirror of the VnExpress 'Hồ sơ PII' profile; sub-pillar values not assigned in the notes, so not entered",
    (2025, "Gia Lai"): "confirmed by its 2026 plan KH 20/KH-UBND (3/11 in the low-income group) - NOTES §10.2",
    (2025, "Huế"): "(51.50+47.23)/2 = 49.365 -> 49.37 - NOTES §2",
    (2025, "Bắc Ninh"): "input = mean(P1..P5) 53.058 -> 53.06; output = mean(P6, P7) 44.47 - NOTES §2",
}

SCORE_COLS = [("score", "PII"), ("input_score", "INPUT"), ("output_score", "OUTPUT")] + [
    (f"pillar{i}", f"P{i}") for i in range(1, 8)]


def main():
    units, new_code, succ = build_units()
    framework, by_name, unplaced_n = build_framework()
    unplaced = [unplaced_n]
    results = []
    for year in (2023, 2024, 2025):
        for r in read(f"scores_{year}.csv"):
            vi = r["province_vi"]
            code = new_code[vi] if year == 2025 else OLD_CODES[vi]
            src = r["source_url"]
            note = NOTES.pop((year, vi), "")
            note_node = None
            if note.startswith("P4 "):
                note_node = "P4"
            first = True
            for col, node in SCORE_COLS:
                score = r[col]
                rank = r["rank"] if node == "PII" else ""
                if not score and not rank:
                    continue
                here = (node == note_node) if note_node else first
                results.append([year, code, node, score, rank, "", src, note if here else ""])
                first = False
            if first and note:
                raise SystemExit(f"note for a row without figures: {year} {vi}")
    for r in read("indicator_values.csv"):
        year = int(r["year"])
        vi = r["province_vi"]
        code = new_code[vi] if year == 2025 else OLD_CODES[vi]
        node, note = iv_node(r["code_or_name"], by_name, framework, unplaced)
        extra = []
        if note:
            extra.append(note)
        if vi == "Quảng Trị" and "Tài sản vô hình" in r["code_or_name"]:
            extra.append("4th within its region (regional rank, not entered as a rank) - NOTES §10.2")
        if vi == "Sóc Trăng" and r["code_or_name"].startswith("Doanh nghiệp mới"):
            extra.append("national maximum 48.38; printed with a % sign in the source - NOTES §10.2")
        if vi == "Sóc Trăng" and r["code_or_name"].startswith("Chi cho"):
            extra.append("value in % of GRDP")
        if node.startswith("P") and node[1:].isdigit() and not r["score"]:
            extra.append("pillar rank among the 63 provinces")
        results.append([year, code, node, r["score"], r["rank"], r["value"], r["source_url"], "; ".join(extra)])
    if NOTES:
        raise SystemExit(f"unused notes: {NOTES}")
    # Every figure cell of the shared CSVs is here, and nothing else.
    shared = sum(1 for y in (2023, 2024, 2025) for r in read(f"scores_{y}.csv")
                 for k in ["rank"] + [c for c, _ in SCORE_COLS] if r[k])
    shared += sum(1 for r in read("indicator_values.csv") for k in ("value", "score", "rank") if r[k])
    ours = sum(1 for r in results for i in (3, 4, 5) if r[i] not in ("", None))
    assert shared == ours, (shared, ours)
    regions = build_regions()
    write("units.csv", ["code", "name_vi", "name_en", "aliases", "region", "region_en", "first_year",
                        "last_year", "successor", "source", "note"], units)
    write("framework.csv", ["code", "parent", "level", "order", "weight", "direction", "unit", "name_vi",
                            "name_en", "children", "source", "note"], framework)
    write("results.csv", ["year", "unit", "node", "score", "rank", "raw", "source", "note"], results)
    write("regions.csv", ["year", "region", "node", "score", "source", "note"], regions)
    print(f"units {len(units)}, nodes {len(framework)}, results {len(results)}, regions {len(regions)}")


SRC_2023_REG = ("https://baonghean.vn/fr/cong-bo-ket-qua-xep-hang-chi-so-doi-moi-sang-tao-cap-dia-phuong-nam-2023-10269502.html ; "
                "https://skhcn.hanam.gov.vn/Pages/cong-bo-ket-qua-chi-so-doi-moi-sang-tao-cap-dia-phuong-nam-2023.aspx")
SRC_2023_SGT = "https://english.thesaigontimes.vn/hanoi-hcmc-lead-in-provincial-innovation-rankings/"
SRC_2024_REG = "https://viet-jo.com/m/news/statistics/241231165538.html"
R_RRD, R_SE = "Đồng bằng sông Hồng", "Đông Nam Bộ"
R_NCC, R_MD = "Bắc Trung Bộ và duyên hải miền Trung", "Đồng bằng sông Cửu Long"
R_CH, R_NMM = "Tây Nguyên", "Trung du và miền núi phía Bắc"


def build_regions():
    swap = ("contradiction: The Saigon Times (EN) swaps the pair ({a} {x} / {b} {y}); the two "
            "Vietnamese-language sources (Báo Nghệ An, Hà Nam DOST) agree on this reading - NOTES §3")
    rows = [
        [2023, R_RRD, "PII", "45.17", SRC_2023_REG + " ; " + SRC_2023_SGT, "all sources agree - NOTES §3"],
        [2023, R_SE, "PII", "44.81", SRC_2023_REG + " ; " + SRC_2023_SGT, "all sources agree - NOTES §3"],
        [2023, R_NCC, "PII", "36.96", SRC_2023_REG, swap.format(a="NCC", x="36.36", b="Mekong Delta", y="36.96")],
        [2023, R_MD, "PII", "36.36", SRC_2023_REG, swap.format(a="NCC", x="36.36", b="Mekong Delta", y="36.96")],
        [2023, R_CH, "PII", "32.72", SRC_2023_REG, swap.format(a="Central Highlands", x="32.19", b="Northern Midlands and Mountains", y="32.72")],
        [2023, R_NMM, "PII", "32.19", SRC_2023_REG, swap.format(a="Central Highlands", x="32.19", b="Northern Midlands and Mountains", y="32.72")],
        [2024, R_SE, "PII", "43.10", SRC_2024_REG, "Đông Nam Bộ overtook ĐBSH as the highest regional average - NOTES §3, §10.2"],
        [2024, R_RRD, "PII", "42.77", SRC_2024_REG, "NOTES §10.2"],
        [2024, R_NCC, "PII", "35.64", SRC_2024_REG, "NOTES §10.2"],
        [2024, R_MD, "PII", "33.69", SRC_2024_REG, "NOTES §10.2"],
        [2024, R_NMM, "PII", "32.03", SRC_2024_REG, "printed with a '%' sign, evidently a typo - NOTES §10.2"],
        [2024, R_CH, "PII", "31.60", SRC_2024_REG, "NOTES §10.2"],
    ]
    return rows


if __name__ == "__main__":
    main()
