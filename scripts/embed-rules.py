#!/usr/bin/env python3
"""Embeds every rules/**/*.yml file into Sources/POCLintCore/Data/EmbeddedRules.swift, as Swift
values, and docs/rules/*.md into Sources/POCLintReport/EmbeddedDocs.swift.

The binary then works from any folder. `make` runs this before building; a test fails when
the generated file and rules/ disagree (`make embed` to refresh)."""
import datetime
import math
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "Sources/POCLintCore/Data/EmbeddedRules.swift"
rules_dir = root / "rules"
try:
    import yaml
except ImportError:
    sys.exit("scripts/embed-rules.py needs PyYAML: pip install pyyaml")


# The built-in packs become Swift values: typed initialiser calls of the structs of
# Sources/POCLintCore/Data/RuleData.swift, so the binary decodes nothing at start-up (decoding
# them with JSONDecoder was a fifth of the time of linting one file). The struct fields, in
# declaration order (the memberwise initialisers' order), are read from RuleData.swift itself.
# A test checks that these values equal the YAML files decoded as a user's file would be.
def read_schema(path):
    """{qualified struct name: [(field, type text)]} of the `public struct`s of a Swift file."""
    structs, stack, depth = {}, [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        code = line.split("//")[0]
        m = re.match(r"\s*public struct (\w+)", code)
        if m:
            stack.append((m.group(1), depth))
            structs[".".join(n for n, _ in stack)] = []
        f = re.match(r"\s*public (?:var|let) (`?\w+`?): ([^{=]+?)\s*$", code)
        if f and stack and depth == stack[-1][1] + 1:
            structs[".".join(n for n, _ in stack)].append((f.group(1).strip("`"), f.group(2)))
        depth += code.count("{") - code.count("}")
        while stack and depth <= stack[-1][1]:
            stack.pop()
    return structs


SCHEMA = read_schema(root / "Sources/POCLintCore/Data/RuleData.swift")
# Identifier types: RawRepresentable structs built from their raw value, and String enums
# whose case names are their raw values.
RAW_STRUCTS = {"Component", "Tier"}
ENUMS = {"Severity": {"info", "warning", "error"}}


def resolve(name, scope):
    """The qualified name of struct `name` seen from struct `scope` (innermost first)."""
    parts = scope.split(".")
    for i in range(len(parts), -1, -1):
        q = ".".join(parts[:i] + [name])
        if q in SCHEMA:
            return q
    return None


def split_top(text, sep):
    depth = 0
    for i, c in enumerate(text):
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == sep and depth == 0:
            return text[:i].strip(), text[i + 1:].strip()
    return None


def swift_string(s):
    out = ['"']
    for c in s:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 0x20 or ord(c) == 0x7F or 0xD800 <= ord(c) <= 0xDFFF:
            out.append("\\u{%X}" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


class PackError(Exception):
    pass


def value(t, v, scope, where, indent):
    """Swift source of value `v` (from PyYAML) of Swift type `t` (text) inside struct `scope`."""
    t = t.strip()
    if t.endswith("?"):
        return "nil" if v is None else value(t[:-1], v, scope, where, indent)
    if v is None:
        raise PackError(f"{where}: missing value (a {t})")
    if t.startswith("["):
        inner = t[1:-1]
        kv = split_top(inner, ":")
        pad = "    " * (indent + 1)
        if kv:
            if not isinstance(v, dict):
                raise PackError(f"{where}: expected a mapping, not {v!r}")
            if not v:
                return "[:]"
            items = [f"{swift_string(str(k))}: {value(kv[1], v[k], scope, f'{where}.{k}', indent + 1)}"
                     for k in sorted(v, key=str)]
        else:
            if not isinstance(v, list):
                raise PackError(f"{where}: expected a list, not {v!r}")
            if not v:
                return "[]"
            items = [value(inner, x, scope, f"{where}[{i}]", indent + 1) for i, x in enumerate(v)]
        flat = "[" + ", ".join(items) + "]"
        if "\n" not in flat and len(flat) + 4 * indent < 110:
            return flat
        if not any("\n" in x or x.endswith(")") for x in items):
            # Short scalars: as many a line as fit.
            lines, line = [], pad
            for x in items:
                if line != pad and len(line) + len(x) + 2 > 110:
                    lines.append(line.rstrip())
                    line = pad
                line += x + ", "
            lines.append(line.rstrip())
            return "[\n" + "\n".join(lines) + "\n" + "    " * indent + "]"
        return "[\n" + "".join(f"{pad}{x},\n" for x in items) + "    " * indent + "]"
    if t == "String":
        if isinstance(v, (datetime.date, datetime.datetime)):
            v = str(v)
        if not isinstance(v, str):
            raise PackError(f"{where}: expected a string, not {v!r}")
        return swift_string(v)
    if t == "Int":
        if isinstance(v, bool) or not isinstance(v, int):
            raise PackError(f"{where}: expected an integer, not {v!r}")
        return str(v)
    if t == "Double":
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise PackError(f"{where}: expected a number, not {v!r}")
        return repr(v)
    if t == "Bool":
        if not isinstance(v, bool):
            raise PackError(f"{where}: expected true or false, not {v!r}")
        return "true" if v else "false"
    if t in RAW_STRUCTS:
        if not isinstance(v, str):
            raise PackError(f"{where}: expected an id, not {v!r}")
        return f"{t}({swift_string(v)})"
    if t in ENUMS:
        if v not in ENUMS[t]:
            raise PackError(f"{where}: expected one of {', '.join(sorted(ENUMS[t]))}, not {v!r}")
        return "." + v
    q = resolve(t, scope)
    if q is None:
        raise PackError(f"{where}: scripts/embed-rules.py does not know the Swift type {t}")
    if not isinstance(v, dict):
        raise PackError(f"{where}: expected a mapping, not {v!r}")
    pad = "    " * (indent + 1)
    args = [f"{name}: {value(ft, v.get(name), q, f'{where}.{name}', indent + 1)}" for name, ft in SCHEMA[q]]
    flat = f"{q}(" + ", ".join(args) + ")"
    if "\n" not in flat and len(flat) + 4 * indent < 110:
        return flat
    return f"{q}(\n" + ",\n".join(pad + a for a in args) + ")"


# Every pack, keyed by its path under rules/ ("scoring.yml", "accelerator/scoring.yml"), and
# its type: the fixed files RulePack.load reads, and the files rules/profiles.yml names.
files = sorted(rules_dir.rglob("*.yml"))
data = {f.relative_to(rules_dir).as_posix(): yaml.safe_load(f.read_text(encoding="utf-8")) for f in files}
types = {"profiles.yml": "ProfilesFile", "lexicon.yml": "LexiconFile", "phrases.yml": "PhrasesFile",
         "models.yml": "ModelsFile", "providers.yml": "ProvidersFile"}
for p in (data.get("profiles.yml") or {}).get("profiles") or []:
    for key, t in (("components", "ComponentsFile"), ("scoring", "ScoringFile"), ("lexicon", "LexiconFile")):
        name = p.get(key)
        if name is None:
            continue
        if types.setdefault(name, t) != t:
            sys.exit(f"rules/{name}: read both as {types[name]} and as {t}")
for name in data:
    if name not in types:
        sys.exit(f"rules/{name}: no profile of rules/profiles.yml names this file")
for name in types:
    if name not in data:
        sys.exit(f"rules/{name}: missing (rules/profiles.yml names it)")


def ident(name):
    return re.sub(r"\W", "_", name.removesuffix(".yml"))


parts = [
    "// Generated by scripts/embed-rules.py from rules/**/*.yml. Do not edit: run `make embed`.\n",
    "// The built-in packs as Swift values (nothing is decoded at start-up); a test checks that\n",
    "// they equal the YAML files.\n",
    "enum EmbeddedRules {\n",
    "    /// The paths under rules/ of the built-in packs.\n",
    "    static let names: [String] = " + value("[String]", sorted(data), "", "names", 1) + "\n",
]
for name in sorted(data):
    try:
        body = value(types[name], data[name], "", name, 2)
    except PackError as e:
        sys.exit(f"rules/{e}")
    # In a function the optimiser leaves alone: optimising these initialisers added about 11 s
    # (40%) to POCLintCore's release build and gains nothing measurable (each runs once).
    parts.append(f"\n    static let {ident(name)}: {types[name]} = {ident(name)}_()\n")
    parts.append(f"    @_optimize(none) private static func {ident(name)}_() -> {types[name]} {{\n")
    parts.append(f"        {body}\n    }}\n")
parts.append("}\n")
for t in sorted(set(types.values())):
    parts.append(f"\nextension {t}: BuiltInPack {{\n")
    parts.append(f"    static func builtIn(_ file: String) -> {t}? {{\n        switch file {{\n")
    for name in sorted(n for n in data if types[n] == t):
        parts.append(f"        case {swift_string(name)}: EmbeddedRules.{ident(name)}\n")
    parts.append("        default: nil\n        }\n    }\n}\n")
new = "".join(parts)
if not out.exists() or out.read_text(encoding="utf-8") != new:
    out.write_text(new, encoding="utf-8")
    print(f"embedded {len(files)} rule files into {out.relative_to(root)}")

# What RulePack.init computes from the built-in packs (normalised keys, what each stands for,
# the two automata), as static C tables: the binary builds the built-in pack from them instead
# of at start-up (scripts/ruletables.py; a test checks both give the same pack). The packs are
# read as RulePack.load reads them: profiles in order, each profile's lexicon merged.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import ruletables  # noqa: E402


def plain(v):
    """The data as the Swift values hold it (dates as their text, as in `value`)."""
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        return str(v)
    return v


packs = {name: plain(v) for name, v in data.items()}
lexicon = {"terms": dict(packs["lexicon.yml"]["terms"])}
profile_components = []
for p in packs["profiles.yml"]["profiles"]:
    profile_components.append(packs[p["components"]])
    if p.get("lexicon"):
        for name, words in packs[p["lexicon"]]["terms"].items():
            if name in lexicon["terms"]:
                sys.exit(f"rules/{p['lexicon']}: term list '{name}' is already defined in lexicon.yml")
            lexicon["terms"][name] = words
keys, entries, _, _ = ruletables.patterns(profile_components, packs["phrases.yml"], packs["models.yml"],
                                          packs["providers.yml"], lexicon)
# Term-list words are scanned for on demand; everything else (cues included) in every text.
lazy_kinds = {ruletables.KINDS.index("term")}
lazy_ids = [i for i, e in enumerate(entries) if all(k in lazy_kinds for k, _ in e)]
eager_ids = [i for i, e in enumerate(entries) if not all(k in lazy_kinds for k, _ in e)]

c_out = root / "Sources/POCLintTables/BuiltInTables.c"
c = [
    "// Generated by scripts/embed-rules.py from rules/**/*.yml. Do not edit: run `make embed`.\n",
    "// What RulePack.init computes from the built-in packs (see include/POCLintTables.h).\n",
    '#include "POCLintTables.h"\n',
]


def c_array(name, ctype, values):
    values = list(values) or [0]
    lines = [", ".join(str(v) for v in values[i:i + 16]) for i in range(0, len(values), 16)]
    c.append(f"\nstatic const {ctype} {name}[{len(values)}] = {{\n    " + ",\n    ".join(lines) + ",\n};\n")
    return name


def c_string(b):
    out = []
    for x in b:
        ch = chr(x)
        if ch in '"\\?' or x < 0x20 or x >= 0x7F:
            out.append("\\%03o" % x)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


key_start = [0]
for k in keys:
    key_start.append(key_start[-1] + len(k))
c.append("\n// The normalised keys, one a line (UTF-8; offsets in key_start).\n")
c.append(f"static const uint8_t key_bytes[{max(key_start[-1], 1) + 1}] =\n")
c.append("".join(f"    {c_string(k)}\n" for k in keys) or '    ""\n')
c.append("    ;\n")
c_array("key_start", "uint32_t", key_start)
entry_start = [0]
for e in entries:
    entry_start.append(entry_start[-1] + len(e))
c_array("entry_start", "uint32_t", entry_start)
for e in entries:
    for _, index in e:
        if index >= 1 << 24:
            sys.exit("scripts/embed-rules.py: a pattern index does not fit the tables")
c_array("entries", "uint32_t", (kind << 24 | index for e in entries for kind, index in e))
c_array("eager_ids", "uint32_t", eager_ids)
c_array("lazy_ids", "uint32_t", lazy_ids)


def c_automaton(prefix, ids):
    a = ruletables.automaton([keys[i] for i in ids])
    extra = [x for s in sorted(a["extraOutputs"]) for p in a["extraOutputs"][s] for x in (s, p)]
    fields = [
        ("classes", c_array(prefix + "classes", "uint8_t", a["classes"])),
        ("classCount", a["classCount"]),
        ("denseCount", a["denseCount"]),
        ("delta", c_array(prefix + "delta", "uint32_t", a["delta"])),
        ("sparseCount", len(a["sparseFail"])),
        ("sparseFail", c_array(prefix + "sparse_fail", "uint32_t", a["sparseFail"])),
        ("edgeStart", c_array(prefix + "edge_start", "uint32_t", a["edgeStart"])),
        ("edgeCount", len(a["edgeClass"])),
        ("edgeClass", c_array(prefix + "edge_class", "uint8_t", a["edgeClass"])),
        ("edgeNext", c_array(prefix + "edge_next", "uint32_t", a["edgeNext"])),
        ("stateCount", len(a["output"])),
        ("output", c_array(prefix + "output", "int32_t", a["output"])),
        ("outputLink", c_array(prefix + "output_link", "int32_t", a["outputLink"])),
        ("extraCount", len(extra) // 2),
        ("extraOutputs", c_array(prefix + "extra_outputs", "int32_t", extra)),
        ("patternCount", len(a["patternLengths"])),
        ("patternLengths", c_array(prefix + "pattern_lengths", "int32_t", a["patternLengths"])),
    ]
    return "{\n" + "".join(f"        .{f} = {v},\n" for f, v in fields) + "    }"


eager = c_automaton("eager_", eager_ids)
lazy = c_automaton("lazy_", lazy_ids)
c.append(f"""
static const POCLintPackTables tables = {{
    .keyCount = {len(keys)},
    .keyBytes = key_bytes,
    .keyStart = key_start,
    .entryStart = entry_start,
    .entries = entries,
    .eagerCount = {len(eager_ids)},
    .eagerIDs = eager_ids,
    .lazyCount = {len(lazy_ids)},
    .lazyIDs = lazy_ids,
    .eager = {eager},
    .lazy = {lazy},
}};

const POCLintPackTables *poclint_builtin_tables(void) {{ return &tables; }}
""")
new_c = "".join(c)
if not c_out.exists() or c_out.read_text(encoding="utf-8") != new_c:
    c_out.write_text(new_c, encoding="utf-8")
    print(f"wrote the built-in pack's tables to {c_out.relative_to(root)}")

# The rule pages docs/rules/*.md, for `poclint explain` (a test compares them with the files).
docs_out = root / "Sources/POCLintReport/EmbeddedDocs.swift"
pages = sorted((root / "docs/rules").glob("*.md"))
parts = [
    "// Generated by scripts/embed-rules.py from docs/rules/*.md. Do not edit: run `make embed`.\n",
    "/// The rule pages, by rule id, as `poclint explain` prints them.\n",
    "public enum EmbeddedDocs {\n",
    "    public static let pages: [String: String] = [\n",
]
for f in pages:
    text = f.read_text(encoding="utf-8")
    if '"####' in text:
        sys.exit(f"{f}: contains the raw-string delimiter")
    # The newline before the closing delimiter is not part of a Swift multi-line string.
    parts.append(f'        "{f.stem}": ####"""\n{text}\n"""####,\n')
parts.append("    ]\n}\n")
new = "".join(parts)
if not docs_out.exists() or docs_out.read_text(encoding="utf-8") != new:
    docs_out.write_text(new, encoding="utf-8")
    print(f"embedded {len(pages)} rule pages into {docs_out.relative_to(root)}")
