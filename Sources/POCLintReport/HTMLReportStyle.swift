/// The report's only stylesheet, inline: system fonts, no imports, no URLs. Colours keep at
/// least 4.5:1 contrast for text; a print stylesheet lays the page out for PDF.
enum HTMLReportStyle {
    static let css = """

    :root { color-scheme: light; --ink: #1f2328; --muted: #4b5563; --line: #d0d7de; --paper: #ffffff; --soft: #f6f8fa;
      --error: #b42318; --error-bg: #ffe2df; --warning: #8a5300; --warning-bg: #fff1c2; --info: #1d4ed8; --info-bg: #dde8ff; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: var(--paper); color: var(--ink);
      font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
    header.top, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
    header.top { padding-top: 28px; }
    .kicker { margin: 0; color: var(--muted); font-size: .9rem; letter-spacing: .02em; }
    h1 { margin: .2em 0 .1em; font-size: 1.9rem; line-height: 1.2; overflow-wrap: anywhere; }
    .file { margin: 0 0 8px; color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
    h2 { font-size: 1.35rem; margin: 1.6em 0 .5em; padding-bottom: .25em; border-bottom: 1px solid var(--line); }
    h3 { font-size: 1.05rem; margin: 1.1em 0 .4em; }
    a { color: #0b57b8; }
    a:focus-visible { outline: 3px solid #0b57b8; outline-offset: 2px; }
    code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; }

    .outcome-grid { display: grid; grid-template-columns: minmax(260px, 330px) minmax(0, 1fr); gap: 28px; align-items: start; }
    .badge { display: inline-flex; flex-wrap: wrap; align-items: baseline; gap: .45em; margin: 0; padding: .45em .8em;
      border-radius: 10px; color: #fff; font-weight: 700; }
    .badge-label { font-size: .85rem; font-weight: 600; text-transform: uppercase; letter-spacing: .06em; }
    .badge-tier { font-size: 1.7rem; text-transform: uppercase; letter-spacing: .02em; }
    .badge-award { font-size: 1.7rem; }
    .badge.tier-ceiling, .ladder .current.tier-ceiling .here { background: #1e7b34; }
    .badge.tier-standard, .ladder .current.tier-standard .here { background: #1f5fb0; }
    .badge.tier-floor, .ladder .current.tier-floor .here { background: #8a5300; }
    .badge.tier-rejection-risk, .ladder .current.tier-rejection-risk .here { background: #b42318; }
    .score { margin: .5em 0 0; }
    .score-num { font-size: 2.2rem; font-weight: 700; }
    .score-of { color: var(--muted); }
    .counts { margin: .2em 0 .8em; color: var(--muted); }
    .ladder { list-style: none; margin: 0; padding: 0; border: 1px solid var(--line); border-radius: 8px; }
    .ladder li { padding: .4em .7em; border-top: 1px solid var(--line); font-size: .92rem; }
    .ladder li:first-child { border-top: 0; }
    .ladder-tier { font-weight: 600; }
    .ladder-award { color: var(--muted); }
    .ladder-meaning { display: block; color: var(--muted); font-size: .85rem; }
    .ladder .current { background: var(--soft); box-shadow: inset 4px 0 0 var(--ink); }
    .ladder .here { color: #fff; border-radius: 4px; padding: 0 .4em; font-size: .78rem; font-weight: 700; text-transform: uppercase; }
    .scorecard h3 { margin-top: 0; }
    svg.chart { display: block; max-width: 500px; height: auto; font-family: inherit; }
    .chart-legend { font-size: .88rem; color: var(--muted); margin: .4em 0 0; max-width: 500px; }
    .table-wrap { overflow-x: auto; margin: 1em 0; }
    table { border-collapse: collapse; }
    th, td { border: 1px solid var(--line); padding: .35em .6em; text-align: left; vertical-align: top; }
    thead th { background: var(--soft); }
    table.components { width: 100%; font-size: .92rem; }
    table.components td.num { white-space: nowrap; }
    table.components .band { color: var(--muted); }
    tr.band-missing .band, tr.band-weak .band { color: var(--error); font-weight: 600; }

    .explain { color: var(--muted); margin: 0 0 .5em; }
    .fixlist { list-style: none; margin: 0; padding: 0; }
    .fixlist li { display: flex; gap: .8em; align-items: flex-start; padding: .55em 0; border-top: 1px solid var(--line); }
    .fixlist li:first-child { border-top: 0; }
    .pts { flex: 0 0 auto; width: 3.6em; text-align: center; font-weight: 700; background: #e3f3e6; color: #14532d;
      border: 1px solid #86c595; border-radius: 6px; padding: .05em .4em; }
    .fix-body p { margin: 0; }
    .fixlist.compact li { padding: .3em 0; }
    .fixlist.compact .fix-meta { margin-left: .3em; }
    .fix-meta { color: var(--muted); font-size: .9rem; }
    .help { color: var(--ink); font-size: .92rem; }
    .help-label { font-weight: 600; }
    .runway-lines { margin: .3em 0; }

    .legend { color: var(--muted); font-size: .92rem; }
    mark.sample { padding: 0 .25em; }
    .doc { border: 1px solid var(--line); border-radius: 8px; padding: 8px 20px; }
    .unit { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 0 28px; border-top: 1px dashed #e4e7eb; }
    .unit:first-child { border-top: 0; }
    .unit > .md { grid-column: 1; min-width: 0; overflow-wrap: break-word; }
    .unit > .notes { grid-column: 2; }
    .md h3, .md h4, .md h5, .md h6 { margin: .8em 0 .3em; border: 0; }
    .md .md-h1 { font-size: 1.5rem; } .md .md-h2 { font-size: 1.25rem; } .md .md-h3 { font-size: 1.1rem; }
    .md .md-h4, .md .md-h5, .md .md-h6 { font-size: 1rem; }
    .md p { margin: .6em 0; }
    .md li > p { margin: .2em 0; }
    .md blockquote { margin: .6em 0; padding: 0 1em; border-left: 4px solid var(--line); color: #374151; }
    .md pre { background: var(--soft); padding: .7em .9em; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
    .md code { background: var(--soft); padding: .05em .25em; border-radius: 4px; }
    .md pre code { background: none; padding: 0; }
    .md .raw pre { background: #f3f4f6; color: #374151; border: 1px dashed #9ca3af; margin-top: 0; }
    .raw-label { font-size: .78rem; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; margin-top: .6em; }
    .md code.raw-inline { border: 1px dashed #9ca3af; }
    .md table { font-size: .93rem; }
    .md .img { color: var(--muted); font-style: italic; }
    .md .box { font-size: 1.05em; }
    .md hr { border: 0; border-top: 2px solid var(--line); margin: 1.2em 0; }
    .md .empty { color: var(--muted); }

    mark.hl { color: inherit; padding: .05em 0; border-radius: 2px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
    mark.sev-error { background: var(--error-bg); box-shadow: inset 0 -2px 0 var(--error); }
    mark.sev-warning { background: var(--warning-bg); box-shadow: inset 0 -2px 0 var(--warning); }
    mark.sev-info { background: var(--info-bg); box-shadow: inset 0 -2px 0 var(--info); }
    mark.marker { display: inline-block; min-width: 1.5em; text-align: center; font-size: .78rem; font-weight: 700; line-height: 1.4;
      border-radius: 9px; padding: 0 .35em; margin: 0 .15em; vertical-align: .1em; }
    mark.marker::before { content: "⚑ "; }
    mark.marker a { color: var(--ink); text-decoration: none; }
    sup.ref { font-size: .72rem; font-weight: 700; line-height: 0; margin-left: 1px; }
    sup.ref a { text-decoration: none; padding: 0 .15em; border-radius: 3px; background: var(--soft); color: #0b57b8; border: 1px solid var(--line); }
    :target { scroll-margin-top: 12px; }
    mark.finding:target, .note:target { outline: 3px solid #0b57b8; outline-offset: 2px; }

    .notes { list-style: none; margin: .6em 0; padding: 0; font-size: .88rem; }
    .note { display: flex; gap: .55em; margin: 0 0 .55em; padding: .45em .6em; border-left: 4px solid; border-radius: 0 6px 6px 0; background: var(--soft); }
    .note.sev-error { border-color: var(--error); }
    .note.sev-warning { border-color: var(--warning); }
    .note.sev-info { border-color: var(--info); }
    .note .num { flex: 0 0 auto; font-weight: 700; min-width: 1.6em; height: 1.6em; line-height: 1.6em; text-align: center; border-radius: 50%;
      background: #fff; border: 1px solid var(--line); text-decoration: none; color: var(--ink); }
    .note-body { min-width: 0; }
    .note-body p { margin: .15em 0 0; overflow-wrap: anywhere; }
    .note-head { overflow-wrap: anywhere; }
    .note .sev { font-weight: 700; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; }
    .note.sev-error .sev { color: var(--error); }
    .note.sev-warning .sev { color: var(--warning); }
    .note.sev-info .sev { color: var(--info); }
    .note .where, .note .related { color: var(--muted); }
    a.rule { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; }

    footer { margin-top: 2.5em; padding-bottom: 32px; color: var(--muted); font-size: .88rem; border-top: 1px solid var(--line); }

    @media (max-width: 980px) {
      .unit { display: block; }
      .notes { margin-top: 0; }
    }
    @media (max-width: 720px) {
      header.top, main, footer { padding: 0 14px; }
      header.top { padding-top: 18px; }
      h1 { font-size: 1.5rem; }
      .outcome-grid { grid-template-columns: minmax(0, 1fr); gap: 16px; }
      .doc { padding: 4px 12px; }
      .badge-tier, .badge-award { font-size: 1.4rem; }
      table.components, table.components tbody, table.components tr, table.components th, table.components td { display: block; width: auto; }
      table.components thead { display: none; }
      table.components tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 8px; }
      table.components th, table.components td { border: 0; padding: .2em .6em; }
      table.components td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
    }
    @media print {
      @page { margin: 16mm 14mm; }
      body { font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      header.top, main, footer { max-width: none; padding: 0; }
      h2 { break-after: avoid; page-break-after: avoid; }
      h3 { break-after: avoid; page-break-after: avoid; }
      .outcome-grid { grid-template-columns: 270px minmax(0, 1fr); gap: 18px; }
      .verdict, svg.chart, .ladder, tr, .fixlist li, .note, .md pre, .md .raw { break-inside: avoid; page-break-inside: avoid; }
      .badge-tier, .badge-award { font-size: 1.2rem; }
      .md h3, .md h4, .md h5, .md h6, .raw-label { break-after: avoid; page-break-after: avoid; }
      .unit:has(> .md > :is(h3, h4, h5, h6):last-child) { break-after: avoid; page-break-after: avoid; }
      .unit { display: block; }
      .doc { border: 0; padding: 0; }
      .table-wrap { overflow: visible; }
      a { color: inherit; }
      a.rule, .fix-meta a { color: #0b57b8; }
      .md pre { white-space: pre-wrap; }
    }

    """
}
