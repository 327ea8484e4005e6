#!/usr/bin/env python3
"""Check src/profiles/forms.toml against regulations.toml and the decree texts (seeds).

    python3 test-vectors/check_forms.py [--seeds DIR] [-v]

Seeds: --seeds, else $QOLTANBA_SEEDS, else ../shared/seeds beside the repository.
Prints every failure and exits 1 if there is one; prints a summary and exits 0 otherwise.

What it checks (the conventions are documented in forms.toml's header):
  * every profile id of regulations.toml has a [forms."<id>"] entry and no other id does;
    its `seed` is the one [seeds] names for the profile's decree_ref, and the file exists;
  * every form table has the keys it must, and no unknown key; `lines` is "A-B" inside
    the seed; `printed` is a bool; `translated` names keys the table has;
  * every field: a unique snake_case name, kind among the allowed kinds, `required` a
    bool, `source` form | condition | step; the IIN/BIN fields follow the profile's
    identity rule (iin_only: `iin` kind iin required; iin_or_bin: `iin` and `bin`, both
    not required; none: no `bin`, an `iin` only as a not-required field);
  * body items have a kk/ru text or a fill (or both); a fill is snake_case;
  * every Kazakh value (keys *_kk, and `kk` of body items and signatories) and every
    Russian value (*_ru, `ru`) not listed in `translated` is found in the cited seed
    after folding: all whitespace removed, Latin look-alikes mapped to Cyrillic.
    A value is checked part by part around `{placeholders}`, `appendix_kk` part by part
    around ": " (the appendix line, then the form's heading); a value the table lists in
    `reordered` word by word (the seed prints it interrupted or with words moved). The content of a
    printed form (title, body, signatories, notes, labels of fields with source = "form")
    must be found inside the form's `lines`; other values anywhere in the seed.
"""
import argparse
import os
import re
import sys
import tomllib
from pathlib import Path

KINDS = {"iin", "bin", "text", "date", "year", "integer", "phone", "address", "text_list"}
SOURCES = {"form", "condition", "step"}
LOOKALIKES = str.maketrans({
    "i": "і", "I": "І", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О",
    "P": "Р", "T": "Т", "X": "Х",
})
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

FORM_KEYS = {
    "appendix_kk", "cited_kk", "printed", "lines", "note", "translated", "field",
    "title_kk", "title_ru", "body", "signatories", "barcode_note_kk", "barcode_note_ru",
    "law_note_kk", "law_note_ru", "free_form_kk", "free_form_ru", "reordered",
}
REQUEST_ONLY = {"field"}
DOC_ONLY = {"title_kk", "title_ru", "body", "signatories", "barcode_note_kk",
            "barcode_note_ru", "law_note_kk", "law_note_ru", "free_form_kk", "free_form_ru"}
FIELD_KEYS = {"name", "kind", "required", "label_kk", "label_ru", "source", "note"}
ENTRY_KEYS = {"seed", "lines", "note", "request", "output", "refusal", "more_requests", "more_outputs"}


def fold(s: str) -> str:
    return re.sub(r"\s+", "", s).translate(LOOKALIKES)


def parts_of(key: str, value: str):
    pieces = [value]
    if key == "appendix_kk":
        pieces = [p for v in pieces for p in v.split(": ")]
    pieces = [p for v in pieces for p in PLACEHOLDER.split(v)]
    return [p for p in (fold(p) for p in pieces) if p]


class Checker:
    def __init__(self, repo: Path, seeds: Path, verbose: bool):
        self.repo, self.seeds, self.verbose = repo, seeds, verbose
        self.failures = []
        self.checked_texts = 0
        self.seed_cache = {}

    def fail(self, where: str, msg: str):
        self.failures.append(f"{where}: {msg}")

    def seed(self, name):
        if name not in self.seed_cache:
            path = self.seeds / name
            lines = path.read_text(encoding="utf-8").split("\n")
            self.seed_cache[name] = lines
        return self.seed_cache[name]

    def run(self):
        regs = tomllib.loads((self.repo / "src/profiles/regulations.toml").read_text("utf-8"))
        forms_doc = tomllib.loads((self.repo / "src/profiles/forms.toml").read_text("utf-8"))
        unknown = set(forms_doc) - {"schema", "seeds", "forms"}
        if unknown:
            self.fail("forms.toml", f"unknown top-level keys {sorted(unknown)}")
        seeds_by_decree = forms_doc.get("seeds", {})
        for dref in regs.get("decrees", {}):
            if dref not in seeds_by_decree:
                self.fail("[seeds]", f"no seed for decree {dref}")
        forms = forms_doc.get("forms", {})
        ids = [p["id"] for p in regs["profile"]]
        for pid in ids:
            if pid not in forms:
                self.fail(pid, "no [forms] entry")
        for fid in forms:
            if fid not in ids:
                self.fail(fid, "a [forms] entry for no profile")
        for prof in regs["profile"]:
            pid = prof["id"]
            if pid in forms:
                self.check_entry(prof, forms[pid], seeds_by_decree)
        return ids, forms

    def check_entry(self, prof, entry, seeds_by_decree):
        pid = prof["id"]
        for k in set(entry) - ENTRY_KEYS:
            self.fail(pid, f"unknown key {k!r}")
        seed = entry.get("seed")
        want = seeds_by_decree.get(prof["decree_ref"])
        if seed != want:
            self.fail(pid, f"seed {seed!r}, but [seeds] gives {want!r} for {prof['decree_ref']}")
        if not seed or not (self.seeds / seed).is_file():
            self.fail(pid, f"seed file {seed!r} not found in {self.seeds}")
            return
        for must in ("request", "output", "refusal"):
            if must not in entry:
                self.fail(pid, f"no {must} table")
        tables = []
        if "request" in entry:
            tables.append(("request", entry["request"], True))
        for i, t in enumerate(entry.get("more_requests", [])):
            tables.append((f"more_requests.{i}", t, True))
        for name in ("output", "refusal"):
            if name in entry:
                tables.append((name, entry[name], False))
        for i, t in enumerate(entry.get("more_outputs", [])):
            tables.append((f"more_outputs.{i}", t, False))
        span = None
        lines = self.seed(seed)
        m = re.fullmatch(r"(\d+)-(\d+)", str(entry.get("lines", "")))
        if "lines" in entry and not (m and 1 <= int(m[1]) <= int(m[2]) <= len(lines)):
            self.fail(pid, f"bad lines {entry['lines']!r}")
        elif m:
            span = (int(m[1]), int(m[2]))
        if "lines" not in entry:
            self.fail(pid, "no `lines`: the regulation's span in the seed")
        for tname, t, is_request in tables:
            self.check_table(prof, seed, f"{pid}.{tname}", t, is_request, span)

    def check_table(self, prof, seed, where, t, is_request, span):
        lines = self.seed(seed)
        for k in set(t) - FORM_KEYS:
            self.fail(where, f"unknown key {k!r}")
        for k in (DOC_ONLY if is_request else REQUEST_ONLY) & set(t):
            self.fail(where, f"key {k!r} does not belong in this table")
        if not isinstance(t.get("printed"), bool):
            self.fail(where, "`printed` must be true or false")
        if "appendix_kk" not in t and "cited_kk" not in t:
            self.fail(where, "neither appendix_kk nor cited_kk: say where the decree gives the form")
        if t.get("printed") and "lines" not in t:
            self.fail(where, "a printed form needs `lines`")
        region = None
        if "lines" in t:
            m = re.fullmatch(r"(\d+)-(\d+)", str(t["lines"]))
            if not m or not (1 <= int(m[1]) <= int(m[2]) <= len(lines)):
                self.fail(where, f"bad lines {t['lines']!r} (the seed has {len(lines)} lines)")
            else:
                region = fold("\n".join(lines[int(m[1]) - 1:int(m[2])]))
        if span:
            a, b = span
            if "lines" in t and m and not (a <= int(m[1]) and int(m[2]) <= b):
                self.fail(where, f"lines {t['lines']} outside the regulation's lines {a}-{b}")
            whole = fold("\n".join(lines[a - 1:b]))
        else:
            whole = fold("\n".join(lines))
        reordered = t.get("reordered", [])
        translated = t.get("translated", [])
        if not isinstance(translated, list):
            self.fail(where, "`translated` must be an array")
            translated = []
        present = set()

        def text(key, value, in_form):
            present.add(key)
            if not isinstance(value, str) or not value.strip():
                self.fail(where, f"{key}: empty or not a string")
                return
            lang = "kk" if key.endswith("kk") else "ru"
            mixed = [w for w in re.findall(r"\w+", value)
                     if re.search(r"[A-Za-z]", w) and re.search(r"[\u0400-\u04FF]", w)]
            if mixed:
                self.fail(where, f"{key}: Latin letters inside Cyrillic words {mixed} (write і, not i)")
            if lang == "ru" and key in translated:
                return
            hay = region if (in_form and region is not None and t.get("printed") is True) else whole
            if key in reordered:
                # the seed's PDF extraction moved words: each word must be there
                words = [fold(w) for w in re.split(r"[\s,;\-–]+", PLACEHOLDER.sub(" ", value))]
                for w in (w for w in words if w):
                    self.checked_texts += 1
                    if w not in hay:
                        self.fail(where, f"{key} (reordered): word {w!r} not found")
                return
            for part in parts_of(key, value):
                self.checked_texts += 1
                if part not in hay:
                    inside = part in whole
                    why = ("found in the regulation but outside the form's `lines`" if inside
                           else "not found in the regulation's lines of the seed")
                    self.fail(where, f"{key} = {value!r}: part {part[:60]!r} {why}")

        for key in ("appendix_kk", "cited_kk"):
            if key in t:
                text(key, t[key], False)
        for key in ("title_kk", "title_ru", "barcode_note_kk", "barcode_note_ru",
                    "law_note_kk", "law_note_ru", "free_form_kk", "free_form_ru"):
            if key in t:
                text(key, t[key], True)
        for i, item in enumerate(t.get("body", [])):
            if not isinstance(item, dict) or set(item) - {"kk", "ru", "fill", "note"}:
                self.fail(where, f"body.{i}: keys are kk, ru, fill, note")
                continue
            if not ({"kk", "ru", "fill"} & set(item)):
                self.fail(where, f"body.{i}: neither text nor fill")
            if "fill" in item and not SNAKE.match(item["fill"]):
                self.fail(where, f"body.{i}.fill {item['fill']!r} is not snake_case")
            for lang in ("kk", "ru"):
                if lang in item:
                    text(f"body.{i}.{lang}", item[lang], True)
        for i, item in enumerate(t.get("signatories", [])):
            if not isinstance(item, dict) or set(item) - {"kk", "ru", "fill", "note"}:
                self.fail(where, f"signatories.{i}: keys are kk, ru, fill, note")
                continue
            for lang in ("kk", "ru"):
                if lang in item:
                    text(f"signatories.{i}.{lang}", item[lang], True)
        if is_request:
            self.check_fields(prof, where, t.get("field", []), text)
        for key in translated:
            if key not in present and not key.startswith("label_ru:"):
                self.fail(where, f"translated names {key!r}, which the table does not have")
            if not (key.endswith("_ru") or key.endswith(".ru") or key.startswith("label_ru:")):
                self.fail(where, f"translated names {key!r}: only Russian values may be translated")
        for key in reordered:
            if key not in present:
                self.fail(where, f"reordered names {key!r}, which the table does not have")
        for key in translated:
            if key.startswith("label_ru:") and key not in present:
                self.fail(where, f"translated names {key!r}, which the table does not have")

    def check_fields(self, prof, where, fields, text):
        names = []
        for i, f in enumerate(fields):
            fw = f"field.{i}"
            for k in set(f) - FIELD_KEYS:
                self.fail(where, f"{fw}: unknown key {k!r}")
            name = f.get("name", "")
            if not SNAKE.match(name):
                self.fail(where, f"{fw}: name {name!r} is not snake_case")
            if name in names:
                self.fail(where, f"{fw}: duplicate name {name!r}")
            names.append(name)
            if f.get("kind") not in KINDS:
                self.fail(where, f"{name}: kind {f.get('kind')!r} not in {sorted(KINDS)}")
            if not isinstance(f.get("required"), bool):
                self.fail(where, f"{name}: `required` must be true or false")
            if f.get("source") not in SOURCES:
                self.fail(where, f"{name}: source {f.get('source')!r} not in {sorted(SOURCES)}")
            if "label_kk" not in f and "label_ru" not in f:
                self.fail(where, f"{name}: no label")
            in_form = f.get("source") == "form"
            if "label_kk" in f:
                text(f"label_kk:{name}", f["label_kk"], in_form)
            if "label_ru" in f:
                key = f"label_ru:{name}"
                text(key, f["label_ru"], in_form)
        by = {f.get("name"): f for f in fields}
        ident = prof["identity"]
        iin, bin_ = by.get("iin"), by.get("bin")
        if iin and iin.get("kind") != "iin":
            self.fail(where, "field `iin` must have kind iin")
        if bin_ and bin_.get("kind") != "bin":
            self.fail(where, "field `bin` must have kind bin")
        for f in fields:
            if f.get("kind") in ("iin", "bin") and f.get("name") not in ("iin", "bin"):
                self.fail(where, f"{f.get('name')}: kind {f.get('kind')} is reserved for the compared `iin`/`bin` fields")
        if ident == "iin_only":
            if not iin or iin.get("required") is not True:
                self.fail(where, "identity iin_only: needs field `iin`, required = true")
            if bin_:
                self.fail(where, "identity iin_only: no `bin` field")
        elif ident == "iin_or_bin":
            if not iin or not bin_:
                self.fail(where, "identity iin_or_bin: needs fields `iin` and `bin`")
            elif iin.get("required") is not False or bin_.get("required") is not False:
                self.fail(where, "identity iin_or_bin: `iin` and `bin` are required = false (one of them is given)")
        elif ident == "none":
            if bin_:
                self.fail(where, "identity none: no `bin` field")
            if iin and iin.get("required") is not False:
                self.fail(where, "identity none: an `iin` field is not compared, so not required")
        else:
            self.fail(where, f"unknown identity {ident!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    repo = Path(__file__).resolve().parent.parent
    seeds = Path(args.seeds or os.environ.get("QOLTANBA_SEEDS") or repo.parent / "shared" / "seeds")
    if not seeds.is_dir():
        print(f"seeds directory not found: {seeds} (use --seeds or QOLTANBA_SEEDS)", file=sys.stderr)
        return 2
    c = Checker(repo, seeds, args.verbose)
    ids, forms = c.run()
    for f in c.failures:
        print("FAIL", f)
    if c.failures:
        print(f"{len(c.failures)} failure(s)")
        return 1
    print(f"ok: {len(ids)} profiles, {len(forms)} forms entries, {c.checked_texts} text parts found in the seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
