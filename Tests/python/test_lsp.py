"""poclint lsp end to end, driven by a real LSP client (pytest-lsp over stdio).

Rules are still being added, so the tests assert on specific rules (`missing-component` above
all), never on a document's full list of findings.
"""
import asyncio
import re

import pytest
import pytest_lsp
from lsprotocol import types as t
from pygls.exceptions import JsonRpcMethodNotFound
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from conftest import POCLINT

SERVER = [POCLINT, "lsp"]

SECTIONS = [
    ("Use case", "Our claims adjusters get draft first-response replies to inbound warranty claims, "
                 "written from the claim form and the policy PDF."),
    ("Model choice", "Claude 3 Haiku: on our 300-example labelled set it scores within 2 points of "
                     "Claude Sonnet 4 at one twelfth of the price."),
    ("Evaluation plan", "A 300-example test set labelled by two senior adjusters, run weekly; primary "
                        "metric F1 with a pass threshold of 0.85, tracked per model and prompt version."),
    ("Budget", "Bedrock inference $150 a month (10M input + 2M output tokens a day on Claude 3 Haiku); "
               "S3 logging $10; Lambda $20; total $180 a month."),
    ("Timeline", "A 90-day POC: day 45 review against the F1 threshold; day 90 go/no-go on threshold "
                 "met, cost validated and production readiness."),
]


def joined(parts, nl="\n"):
    return (nl + nl).join(parts) + nl


def app_text(skip=(), title="Acme claims assistant", heading_prefix="", nl="\n"):
    parts = [f"# {title}"]
    for heading, body in SECTIONS:
        if heading not in skip:
            parts += [f"## {heading_prefix}{heading}", body]
    return joined(parts, nl)


# --- UTF-16 positions, computed independently of the server -------------------------------

_EOL = re.compile(r"\r\n|\r|\n")


def line_starts(text):
    return [0] + [m.end() for m in _EOL.finditer(text)]


def line_content(text, line):
    starts = line_starts(text)
    start = starts[line]
    m = _EOL.search(text, start)
    return text[start:m.start() if m else len(text)]


def u16(s):
    return len(s.encode("utf-16-le")) // 2


def index_of(text, pos):
    """Python string index of an LSP position (UTF-16 character)."""
    starts = line_starts(text)
    if pos.line >= len(starts):
        return len(text)
    content = line_content(text, pos.line)
    units = 0
    for i, ch in enumerate(content):
        if units >= pos.character:
            return starts[pos.line] + i
        units += u16(ch)
    return starts[pos.line] + len(content)


def position_of(text, index):
    """LSP position of a Python string index."""
    starts = line_starts(text)
    line = max(i for i, s in enumerate(starts) if s <= index)
    return t.Position(line, u16(text[starts[line]:index]))


def range_of(text, needle, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return t.Range(position_of(text, start), position_of(text, start + len(needle)))


def sliced(text, rng):
    return text[index_of(text, rng.start):index_of(text, rng.end)]


def apply_edits(text, edits):
    """Applies LSP text edits (ranges in the original text), last first."""
    spans = sorted(((index_of(text, e.range.start), index_of(text, e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


# --- documents --------------------------------------------------------------------------------

def open_doc(client, uri, text, version=1):
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)))


def change_doc(client, uri, version, *changes):
    """`changes`: (Range, text) for an incremental change, or a str for the whole text."""
    content = [t.TextDocumentContentChangeWholeDocument(text=c) if isinstance(c, str)
               else t.TextDocumentContentChangePartial(range=c[0], text=c[1]) for c in changes]
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=content))


def missing(diagnostics):
    """The component titles named by missing-component diagnostics."""
    out = []
    for d in diagnostics:
        if d.code == "missing-component":
            out.append(d.message.split("Missing component: ", 1)[1].split(".", 1)[0])
    return sorted(out)


async def wait_for_diagnostics(client, uri, predicate, timeout=10.0):
    """Waits until the diagnostics last published for `uri` satisfy `predicate`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        current = client.diagnostics.get(uri)
        if current is not None and predicate(current):
            return current
        left = deadline - loop.time()
        if left <= 0:
            raise AssertionError(f"diagnostics for {uri} never matched; last: {current!r}")
        try:
            await asyncio.wait_for(client.wait_for_notification(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), left)
        except asyncio.TimeoutError:
            pass


# --- a client that records every publication and registration --------------------------------

def recording_client():
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    features = dict(DEFAULT_CLIENT_FEATURES)

    def publish(client: LanguageClient, params: t.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    def register(client: LanguageClient, params: t.RegistrationParams):
        client.registrations.extend(params.registrations)

    features[t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[t.CLIENT_REGISTER_CAPABILITY] = register
    register_lsp_features(client, features)
    return client



CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    """A push client: VS Code 1.65 declares no pull diagnostics, so the server pushes."""
    lsp_client.init_result = await lsp_client.initialize_session(t.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def pull_client(lsp_client: LanguageClient):
    """A pull client: Neovim declares `textDocument.diagnostic`; here also workspace refresh."""
    capabilities = pytest_lsp.client_capabilities("neovim")
    assert capabilities.text_document.diagnostic is not None
    capabilities.workspace.diagnostics = t.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    await lsp_client.initialize_session(t.InitializeParams(capabilities=capabilities))
    yield
    await lsp_client.shutdown_session()


URI = "file:///project/acme.md"
FIVE = ["POC timeline", "budget projection", "evaluation methodology", "model selection rationale", "use case"]


async def pull(client, uri=URI, previous=None):
    return await client.text_document_diagnostic_async(t.DocumentDiagnosticParams(
        text_document=t.TextDocumentIdentifier(uri=uri), previous_result_id=previous))


# --- initialize ---------------------------------------------------------------------------------

async def test_initialize_advertises_what_the_server_does(client: LanguageClient):
    caps = client.init_result.capabilities
    assert caps.position_encoding == t.PositionEncodingKind.Utf16
    sync = caps.text_document_sync
    assert sync.open_close and sync.change == t.TextDocumentSyncKind.Incremental and sync.save is not None
    assert caps.diagnostic_provider.identifier == "poclint"
    assert not caps.diagnostic_provider.inter_file_dependencies
    assert not caps.diagnostic_provider.workspace_diagnostics
    assert list(caps.code_action_provider.code_action_kinds) == [t.CodeActionKind.QuickFix]
    assert caps.hover_provider
    assert client.init_result.server_info.name == "poclint"
    # VS Code can watch files for the server: it is asked to report .poclint.yml changes.
    for _ in range(100):
        if client.registrations:
            break
        await asyncio.sleep(0.05)
    [reg] = client.registrations
    assert reg.method == "workspace/didChangeWatchedFiles"
    assert reg.register_options["watchers"][0]["globPattern"] == "**/.poclint.yml"


# --- push diagnostics ---------------------------------------------------------------------------

async def test_a_title_alone_gets_five_missing_components(client: LanguageClient):
    open_doc(client, URI, "# Acme\n")
    diagnostics = await wait_for_diagnostics(client, URI, lambda ds: len(missing(ds)) == 5)
    assert missing(diagnostics) == FIVE
    for d in diagnostics:
        if d.code != "missing-component":
            continue
        assert d.source == "poclint"
        assert d.severity == t.DiagnosticSeverity.Error
        assert d.code_description.href.endswith("/missing-component.md")
        assert d.range == t.Range(t.Position(0, 0), t.Position(0, 6))
        assert d.data["fix"]["isSafe"] is True
    assert client.published[-1].version == 1


@pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])
async def test_ranges_count_utf16_units_after_emoji(client: LanguageClient, nl):
    parts = ["# 🚀 Acme 👍🏽"]
    for heading, body in SECTIONS:
        if heading == "Model choice":
            continue
        parts += [f"## 🚀 {heading}", body]
        if heading == "Budget":
            parts.append("🚀👍🏽 Hosting is TBD for now.")
    text = joined(parts, nl)
    open_doc(client, URI, text)
    diagnostics = await wait_for_diagnostics(client, URI, lambda ds: len(missing(ds)) == 1)
    [d] = [d for d in diagnostics if d.code == "missing-component"]
    # Reported at the next component's heading text: 🚀 is 2 UTF-16 units (1 code point, 4 bytes).
    line = 6  # title, use case heading, its body, then the evaluation heading (blank lines between)
    assert position_of(text, text.index("🚀 Evaluation plan")).line == line
    assert d.range == t.Range(t.Position(line, 3), t.Position(line, 3 + 2 + len(" Evaluation plan")))
    assert sliced(text, d.range) == "🚀 Evaluation plan"
    vague = [d for d in diagnostics if d.code == "vague-phrase" and "TBD" in sliced(text, d.range)]
    if vague:  # the rule is young: when it fires, its range is exact too
        assert vague[0].range.start.character >= u16("🚀👍🏽 Hosting is ")
        assert sliced(text, vague[0].range).strip() in ("TBD", "is TBD", "TBD for now")


async def test_lf_and_crlf_give_the_same_ranges(client: LanguageClient):
    lf, crlf = "file:///project/lf.md", "file:///project/crlf.md"
    text = joined(["# 🚀 Acme"] + [x for h, b in SECTIONS if h != "Budget" for x in (f"## 👍🏽 {h}", b)])
    open_doc(client, lf, text)
    open_doc(client, crlf, text.replace("\n", "\r\n"))
    a = await wait_for_diagnostics(client, lf, lambda ds: len(missing(ds)) == 1)
    b = await wait_for_diagnostics(client, crlf, lambda ds: len(missing(ds)) == 1)
    assert [(d.code, d.range) for d in a] == [(d.code, d.range) for d in b]


async def test_incremental_edits_add_and_clear_a_problem(client: LanguageClient):
    text = app_text()
    open_doc(client, URI, text)
    await wait_for_diagnostics(client, URI, lambda ds: client.published[-1].version == 1)
    assert missing(client.diagnostics[URI]) == []

    # Delete the evaluation section (heading and body): the component goes missing.
    start, end = text.index("## Evaluation plan"), text.index("## Budget")
    removed = text[start:end]
    change_doc(client, URI, 2, (t.Range(position_of(text, start), position_of(text, end)), ""))
    text = text[:start] + text[end:]
    await wait_for_diagnostics(client, URI, lambda ds: missing(ds) == ["evaluation methodology"])
    assert client.published[-1].version == 2

    # Two changes in one notification, each against the text the previous one left:
    # an emoji in the title, then the section back before the budget.
    title_end = position_of(text, text.index("\n"))
    text = text[:text.index("\n")] + " 🚀👍🏽" + text[text.index("\n"):]
    at = position_of(text, text.index("## Budget"))
    change_doc(client, URI, 3, (t.Range(title_end, title_end), " 🚀👍🏽"), (t.Range(at, at), removed))
    text = text.replace("## Budget", removed + "## Budget", 1)
    diagnostics = await wait_for_diagnostics(client, URI, lambda ds: missing(ds) == [])
    assert client.published[-1].version == 3

    # The server's text is the client's: the model section replaced in place by notes moves
    # the finding to exactly where the client computes it, and a pull agrees.
    start = text.index("Model choice")
    end = text.index(SECTIONS[1][1]) + len(SECTIONS[1][1])
    change_doc(client, URI, 4, (t.Range(position_of(text, start), position_of(text, end)), "Notes 🚀\n\nThanks to the team."))
    text = text[:start] + "Notes 🚀\n\nThanks to the team." + text[end:]
    diagnostics = await wait_for_diagnostics(client, URI, lambda ds: missing(ds) == ["model selection rationale"])
    [d] = [d for d in diagnostics if d.code == "missing-component"]
    assert d.range == range_of(text, "Evaluation plan")
    report = await pull(client)
    assert [(x.code, x.range) for x in report.items] == [(x.code, x.range) for x in diagnostics]


async def test_rapid_changes_publish_only_the_latest_state(client: LanguageClient):
    complete, incomplete = app_text(), app_text(skip=("Timeline",))
    open_doc(client, URI, complete)
    await wait_for_diagnostics(client, URI, lambda ds: client.published[-1].version == 1)
    state = {v: (incomplete if v % 2 == 0 else complete) for v in range(2, 12)}
    for v in range(2, 12):  # full-text changes, faster than the debounce
        change_doc(client, URI, v, state[v])
    await wait_for_diagnostics(client, URI, lambda ds: client.published[-1].version == 11)
    await asyncio.sleep(0.3)
    versions = [p.version for p in client.published if p.uri == URI]
    assert versions[-1] == 11 and versions == sorted(versions)
    assert len(versions) < 11, "changes inside the debounce window are coalesced"
    for p in client.published:
        if p.uri == URI and p.version in state:
            expected = [] if state[p.version] is complete else ["POC timeline"]
            assert missing(p.diagnostics) == expected, f"version {p.version}"


async def test_close_publishes_an_empty_set(client: LanguageClient):
    open_doc(client, URI, "# Acme\n")
    await wait_for_diagnostics(client, URI, lambda ds: len(missing(ds)) == 5)
    client.text_document_did_close(t.DidCloseTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=URI)))
    await wait_for_diagnostics(client, URI, lambda ds: len(ds) == 0)


async def test_save_and_configuration_changes_lint_again(client: LanguageClient):
    open_doc(client, URI, "# Acme\n")
    await wait_for_diagnostics(client, URI, lambda ds: len(missing(ds)) == 5)
    for notify in (
        lambda: client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings={})),
        lambda: client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(changes=[
            t.FileEvent(uri="file:///project/.poclint.yml", type=t.FileChangeType.Changed)])),
        lambda: client.text_document_did_save(t.DidSaveTextDocumentParams(text_document=t.TextDocumentIdentifier(uri=URI))),
    ):
        before = len(client.published)
        notify()
        for _ in range(200):
            if len(client.published) > before:
                break
            await asyncio.sleep(0.05)
        assert len(client.published) > before
        assert len(missing(client.diagnostics[URI])) == 5


# --- pull diagnostics ---------------------------------------------------------------------------

async def test_pull_client_gets_full_then_unchanged_and_no_push(pull_client: LanguageClient):
    client = pull_client
    open_doc(client, URI, "# Acme\n")
    first = await pull(client)
    assert first.kind == "full" and first.result_id
    assert missing(first.items) == FIVE
    again = await pull(client, previous=first.result_id)
    assert again.kind == "unchanged" and again.result_id == first.result_id

    text = "# Acme\n"
    change_doc(client, URI, 2, (t.Range(t.Position(1, 0), t.Position(1, 0)), "\n## Use case\n\n" + SECTIONS[0][1] + "\n"))
    after = await pull(client, previous=first.result_id)
    assert after.kind == "full" and after.result_id != first.result_id
    assert "use case" not in missing(after.items) and len(missing(after.items)) == 4

    await asyncio.sleep(0.3)
    assert URI not in client.diagnostics, "a client that pulls gets no push"
    assert text  # the document is still open; nothing was published for it


async def test_pull_reads_an_unopened_file_from_disk(pull_client: LanguageClient, tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("# Draft\n", encoding="utf-8")
    report = await pull(pull_client, uri=path.as_uri())
    assert report.kind == "full" and len(missing(report.items)) == 5


async def test_configuration_change_asks_a_pull_client_to_refresh(pull_client: LanguageClient):
    open_doc(pull_client, URI, "# Acme\n")
    first = await pull(pull_client)
    pull_client.workspace_did_change_configuration(t.DidChangeConfigurationParams(settings={}))
    for _ in range(200):
        if pull_client.diagnostic_refresh_count:
            break
        await asyncio.sleep(0.05)
    assert pull_client.diagnostic_refresh_count == 1
    again = await pull(pull_client, previous=first.result_id)
    assert again.kind == "full", "a new configuration invalidates earlier results"


# --- code actions -------------------------------------------------------------------------------

async def code_actions(client, rng, diagnostics, only=(t.CodeActionKind.QuickFix,)):
    return await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=URI), range=rng,
        context=t.CodeActionContext(diagnostics=list(diagnostics), only=list(only) if only is not None else None)))


async def test_quick_fix_inserts_the_missing_section(client: LanguageClient):
    text = app_text(skip=("Evaluation plan",))
    open_doc(client, URI, text)
    diagnostics = await wait_for_diagnostics(client, URI, lambda ds: missing(ds) == ["evaluation methodology"])
    [d] = [d for d in diagnostics if d.code == "missing-component"]
    [action] = await code_actions(client, d.range, [d])
    assert action.kind == t.CodeActionKind.QuickFix and action.is_preferred
    assert "Evaluation methodology" in action.title
    assert action.diagnostics[0].code == "missing-component" and action.diagnostics[0].range == d.range
    edits = action.edit.changes[URI]
    fixed = apply_edits(text, edits)
    assert "## Evaluation methodology" in fixed
    # Send the action's own edits as the change, as an editor applying it does.
    change_doc(client, URI, 2, *[(e.range, e.new_text) for e in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)])
    await wait_for_diagnostics(client, URI, lambda ds: missing(ds) == [])
    report = await pull(client)
    assert missing(report.items) == []


async def test_fixes_applied_one_by_one_complete_a_bare_title(client: LanguageClient):
    text, version = "# Acme 🚀\r\n", 1
    open_doc(client, URI, text)
    diagnostics = await wait_for_diagnostics(client, URI, lambda ds: len(missing(ds)) == 5)
    while missing(diagnostics):
        count = len(missing(diagnostics))
        d = next(d for d in diagnostics if d.code == "missing-component")
        actions = await code_actions(client, d.range, [d])
        action = next(a for a in actions if a.diagnostics[0].message == d.message)
        version += 1
        edits = action.edit.changes[URI]
        text = apply_edits(text, edits)
        change_doc(client, URI, version, *[(e.range, e.new_text) for e in edits])
        diagnostics = await wait_for_diagnostics(
            client, URI, lambda ds, v=version: client.published[-1].version == v)
        assert len(missing(diagnostics)) == count - 1
    assert text.count("## ") == 5


async def test_a_wrong_total_points_at_its_line_items_and_is_fixed(client: LanguageClient):
    budget = ("- Bedrock inference (Claude Sonnet 4, 10M input + 2M output tokens a day) 🚀: $1,800/month\n"
              "- Lambda: $40/month\n"
              "- Total: $1,900/month")
    parts = ["# Acme"]
    for heading, body in SECTIONS:
        parts += [f"## {heading}", budget if heading == "Budget" else body]
    text = joined(parts)
    open_doc(client, URI, text)
    diagnostics = await wait_for_diagnostics(client, URI, lambda ds: any(d.code == "budget-sum" for d in ds))
    [d] = [d for d in diagnostics if d.code == "budget-sum"]
    assert "1,900" in sliced(text, d.range)
    related = d.related_information
    assert [r.location.uri for r in related] == [URI, URI]
    assert "1,800" in sliced(text, related[0].location.range) and "40" in sliced(text, related[1].location.range)
    [action] = await code_actions(client, d.range, [d])
    assert action.is_preferred and "$1,840" in action.title
    [edit] = action.edit.changes[URI]
    fixed = apply_edits(text, [edit])
    assert "- Total: $1,840/month" in fixed
    change_doc(client, URI, 2, (edit.range, edit.new_text))
    await wait_for_diagnostics(client, URI, lambda ds: client.published[-1].version == 2)
    assert not [d for d in client.diagnostics[URI] if d.code == "budget-sum"]


async def test_code_actions_follow_range_and_only(client: LanguageClient):
    open_doc(client, URI, "# Acme\n")
    await wait_for_diagnostics(client, URI, lambda ds: len(missing(ds)) == 5)
    on_title = t.Range(t.Position(0, 2), t.Position(0, 2))
    assert len(await code_actions(client, on_title, [])) == 5  # no diagnostics sent: by range
    assert not await code_actions(client, on_title, [], only=[t.CodeActionKind.Refactor])
    assert len(await code_actions(client, on_title, [], only=None)) == 5
    assert not await code_actions(client, t.Range(t.Position(5, 0), t.Position(5, 0)), [])


# --- hover --------------------------------------------------------------------------------------

async def hover(client, line, character, uri=URI):
    return await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(line, character)))


async def test_hover_on_a_component_heading_says_why(client: LanguageClient):
    text = app_text()
    open_doc(client, URI, text)
    line = position_of(text, text.index("## Model choice")).line
    h = await hover(client, line, 5)
    assert h.contents.kind == t.MarkupKind.Markdown
    assert "model selection rationale" in h.contents.value
    assert "Model choice" in h.contents.value
    assert h.range.start.line == line and h.range.end.line == line

    assert re.search(r"Score: \*\*\d+(\.\d)?\*\*/100", h.contents.value), h.contents.value

    title = (await hover(client, 0, 4)).contents.value
    assert "Components found: 5 of 5" in title
    assert re.search(r"Predicted tier: \*\*(ceiling|standard|floor|rejection risk)\*\* \(\$\d+K?\)", title), title

    body_line = position_of(text, text.index(SECTIONS[1][1])).line
    assert await hover(client, body_line, 3) is None


async def test_hover_on_the_title_lists_the_missing_components(client: LanguageClient):
    open_doc(client, URI, app_text(skip=("Budget", "Timeline")))
    value = (await hover(client, 0, 3)).contents.value
    assert "Components found: 3 of 5" in value
    assert "budget projection: missing" in value and "POC timeline: missing" in value
    assert "Predicted tier: **rejection risk** ($0)" in value


async def test_an_accelerator_application_is_linted_and_hovered_with_its_profile(client: LanguageClient, tmp_path):
    # The profile comes from the configuration; the document has no title naming it.
    (tmp_path / ".poclint.yml").write_text("profile: accelerator\n", encoding="utf-8")
    uri = (tmp_path / "accelerator.md").as_uri()
    text = "# Acme\n\n## Company overview\n\nAcme raised a seed round in 2025.\n"
    open_doc(client, uri, text)
    diagnostics = await wait_for_diagnostics(client, uri, lambda ds: len(missing(ds)) == 5)
    assert "funding-stage-unstated" not in {d.code for d in diagnostics}
    value = (await hover(client, 0, 3, uri=uri)).contents.value
    assert "Generative AI Accelerator application" in value
    assert "Components found: 1 of 6" in value
    assert "Predicted tier: **rejection risk** ($0)" in value


# --- configuration ------------------------------------------------------------------------------

async def test_poclint_yml_applies_and_is_read_again_when_it_changes(client: LanguageClient, tmp_path):
    config = tmp_path / ".poclint.yml"
    config.write_text("rules:\n  missing-component: warning\n", encoding="utf-8")
    uri = (tmp_path / "app.md").as_uri()
    open_doc(client, uri, "# Acme\n")
    diagnostics = await wait_for_diagnostics(client, uri, lambda ds: len(missing(ds)) == 5)
    assert {d.severity for d in diagnostics if d.code == "missing-component"} == {t.DiagnosticSeverity.Warning}

    def changed():
        client.workspace_did_change_watched_files(t.DidChangeWatchedFilesParams(changes=[
            t.FileEvent(uri=config.as_uri(), type=t.FileChangeType.Changed)]))

    config.write_text("rules:\n  missing-component: off\n", encoding="utf-8")
    changed()
    await wait_for_diagnostics(client, uri, lambda ds: missing(ds) == [])

    # A broken file: the user is told, and the built-in configuration applies meanwhile.
    config.write_text("rules:\n  no-such-rule: error\n", encoding="utf-8")
    changed()
    diagnostics = await wait_for_diagnostics(client, uri, lambda ds: len(missing(ds)) == 5)
    assert {d.severity for d in diagnostics if d.code == "missing-component"} == {t.DiagnosticSeverity.Error}
    for _ in range(100):
        if client.messages:
            break
        await asyncio.sleep(0.05)
    assert any("no-such-rule" in m.message and m.type == t.MessageType.Warning for m in client.messages)


# --- errors -------------------------------------------------------------------------------------

async def test_unknown_request_is_method_not_found(client: LanguageClient):
    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("poclint/noSuchMethod", {})
    client.protocol.notify("poclint/noSuchNotification", {})  # ignored
    open_doc(client, URI, "# Acme\n")
    await wait_for_diagnostics(client, URI, lambda ds: len(missing(ds)) == 5)
