"""What RulePack.init computes from the built-in packs, computed at build time.

A port of three pieces of Swift, kept step for step so that the results are the same bytes:
Normalizer.key (Sources/POCLintCore/Text/Normalizer.swift), the pattern list of RulePack.init
(Sources/POCLintCore/Data/RulePack.swift) and PhraseAutomaton.init(patterns:)
(Sources/POCLintCore/Text/PhraseAutomaton.swift). scripts/embed-rules.py writes the results as
static tables; the built-in pack is built from them instead of at start-up. A test builds the
built-in pack both ways and compares every table: after changing one of those three, change
this file to match (the test says which table differs).
"""

# PhraseAutomaton.denseDepth
DENSE_DEPTH = 5


def _is_word_ascii(b):
    return 0x30 <= b <= 0x39 or 0x61 <= b <= 0x7A or 0x41 <= b <= 0x5A


def _is_separator_scalar(v):
    return v in (0xA0, 0xAB, 0xBB, 0xB7) or 0x2000 <= v <= 0x206F or v == 0x3000 or v == 0xFEFF


def normalize(data):
    """Normalizer.normalize: UTF-8 bytes -> ` word word ` bytes."""
    out = bytearray(b" ")
    last_was_sep = True
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            if _is_word_ascii(b):
                out.append(b | 0x20 if 0x41 <= b <= 0x5A else b)
                last_was_sep = False
            elif not last_was_sep:
                out.append(0x20)
                last_was_sep = True
            i += 1
            continue
        length = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
        v = 0
        if i + length <= n:
            if length == 2:
                v = (b & 0x1F) << 6 | (data[i + 1] & 0x3F)
            elif length == 3:
                v = (b & 0x0F) << 12 | (data[i + 1] & 0x3F) << 6 | (data[i + 2] & 0x3F)
            else:
                v = (b & 0x07) << 18 | (data[i + 1] & 0x3F) << 12 | (data[i + 2] & 0x3F) << 6 | (data[i + 3] & 0x3F)
        if _is_separator_scalar(v):
            if not last_was_sep:
                out.append(0x20)
                last_was_sep = True
        else:
            k = 0
            while k < length and i + k < n:
                out.append(data[i + k])
                k += 1
            last_was_sep = False
        i += length
    if not last_was_sep:
        out.append(0x20)
    return bytes(out)


def key(phrase):
    """Normalizer.key: the normalised form without the padding spaces (UTF-8 bytes)."""
    out = normalize(phrase.encode("utf-8"))
    return out[1:-1] if len(out) >= 2 else b""


# PatternKind, in declaration order (the generated tables store the case's position).
KINDS = ["phrase", "model", "family", "foreignModel", "foreignProvider", "service", "heading", "cue", "term"]


def patterns(profiles, phrases, models, providers, lexicon):
    """RulePack.init's patterns. `profiles`: [(components data)] in profile order; the others
    are the YAML data of the packs (lexicon: the merged term lists). Returns (keys, entries,
    term names, all components) with entries [(kind index, index)] per key."""
    all_components = [c["id"] for comps in profiles for c in comps["components"]]
    names = sorted(lexicon["terms"])
    if any(not n.isascii() for n in names):
        raise ValueError("term list names must be ASCII (Swift and Python sort them alike)")
    key_ids, keys, entries = {}, [], []

    def add(text, kind, index):
        k = key(text)
        if not k:
            return
        entry = (KINDS.index(kind), index)
        if k in key_ids:
            e = entries[key_ids[k]]
            if entry not in e:
                e.append(entry)
        else:
            key_ids[k] = len(keys)
            keys.append(k)
            entries.append([entry])

    for i, p in enumerate(phrases["phrases"]):
        add(p["phrase"], "phrase", i)
        for v in p.get("variants") or []:
            add(v, "phrase", i)
    for i, m in enumerate(models["models"]):
        add(m["display_name"], "model", i)
        for a in m["aliases"]:
            add(a, "model", i)
        if m.get("bedrock_model_id") is not None:
            add(m["bedrock_model_id"], "model", i)
    for i, f in enumerate(models["families"]):
        add(f["name"], "family", i)
        for a in f["aliases"]:
            add(a, "family", i)
    for group, kind in (("non_bedrock_models", "foreignModel"), ("non_bedrock_providers", "foreignProvider"),
                        ("services", "service")):
        for i, m in enumerate(providers[group]):
            add(m["name"], kind, i)
            for a in m["aliases"]:
                add(a, kind, i)
    for comps in profiles:
        for c in comps["components"]:
            ci = all_components.index(c["id"])
            for h in c["headings"]:
                add(h, "heading", ci)
            for q in c["cues"]:
                add(q, "cue", ci)
    for ti, name in enumerate(names):
        for w in lexicon["terms"][name] or []:
            add(w, "term", ti)
    return keys, entries, names, all_components


def automaton(pats):
    """PhraseAutomaton.init(patterns:) over normalised keys (bytes): its stored tables."""
    data = b"".join(pats)
    starts = [0]
    for p in pats:
        starts.append(starts[-1] + len(p))
    cls = [0] * 256
    nxt = 1
    if pats:
        cls[0x20] = 1
        nxt = 2
    for b in data:
        if cls[b] == 0:
            cls[b] = nxt
            nxt = (nxt + 1) & 0xFF
    if pats and nxt == 0:
        raise ValueError("more than 255 byte classes")
    nc = nxt
    count = len(pats)
    lengths = [starts[i + 1] - starts[i] + 2 for i in range(count)]
    longest = max(lengths, default=0)
    bucket = [0] * (longest + 2)
    for l in lengths:
        bucket[longest - l + 1] += 1
    for i in range(longest + 1):
        bucket[i + 1] += bucket[i]
    todo_len, todo_start, todo_state = [0] * count, [0] * count, [0] * count
    position = [0] * count
    for pi in range(count):
        slot = longest - lengths[pi]
        position[pi] = bucket[slot]
        todo_len[bucket[slot]] = lengths[pi]
        todo_start[bucket[slot]] = starts[pi]
        bucket[slot] += 1

    cap = len(data) + 2 * count + 1
    first_child, sibling, out, edge = [-1] * cap, [0] * cap, [-1] * cap, [0] * cap
    n = 1
    dense = dense_and_next = -1
    space = cls[0x20]
    for k in range(longest + 1):
        if k == DENSE_DEPTH:
            dense = n
        if k == DENSE_DEPTH + 1:
            dense_and_next = n
        for i in range(count):
            length = todo_len[i]
            if length <= k:
                break
            c = space if k == 0 or k == length - 1 else cls[data[todo_start[i] + k - 1]]
            s = todo_state[i]
            t = first_child[s]
            while t >= 0 and edge[t] != c:
                t = sibling[t]
            if t < 0:
                t = n
                first_child[n] = -1
                sibling[n] = first_child[s]
                edge[n] = c
                out[n] = -1
                first_child[s] = n
                n += 1
            todo_state[i] = t
    if dense < 0:
        dense = n
    if dense_and_next < 0:
        dense_and_next = n
    extra = {}
    for pi in range(count):
        s = todo_state[position[pi]]
        if out[s] < 0:
            out[s] = pi
        else:
            extra.setdefault(s, []).append(pi)
    sparse = n - dense
    sparse_edges = n - dense_and_next

    delta = [0] * (dense * nc)
    s_fail = [0] * sparse
    s_start = [0] * (sparse + 1)
    e_class = [0] * sparse_edges
    e_next = [0] * sparse_edges
    fail = [0] * n
    link = [-1] * n
    edges = 0
    for s in range(n):
        f = fail[s]
        if s < dense:
            if s > 0:
                delta[s * nc:(s + 1) * nc] = delta[f * nc:(f + 1) * nc]
        else:
            s_fail[s - dense] = f
            s_start[s - dense] = edges
        k = first_child[s]
        while k >= 0:
            c = edge[k]
            g = 0
            if s > 0:
                x = f
                while True:
                    if x < dense:
                        g = delta[x * nc + c] >> 1
                        break
                    i = x - dense
                    e, end = s_start[i], s_start[i + 1]
                    while e < end and e_class[e] != c:
                        e += 1
                    if e < end:
                        g = e_next[e] >> 1
                        break
                    x = s_fail[i]
            fail[k] = g
            link[k] = g if out[g] >= 0 else link[g]
            t = k << 1 | (1 if out[k] >= 0 or link[k] >= 0 else 0)
            if s < dense:
                delta[s * nc + c] = t
            else:
                e_class[edges] = c
                e_next[edges] = t
                edges += 1
            k = sibling[k]
    s_start[sparse] = edges
    return {
        "classes": cls, "classCount": nc, "denseCount": dense, "delta": delta, "sparseFail": s_fail,
        "edgeStart": s_start, "edgeClass": e_class, "edgeNext": e_next, "output": out[:n],
        "outputLink": link, "extraOutputs": extra, "patternLengths": lengths,
    }
