/// Which section was taken for a component, and why.
public struct ComponentAssignment: Sendable {
    public let component: Component
    /// Index into `document.sections`.
    public let section: Int
    public let reason: String
}

/// The result of classification: a section per component found, the duplicates, and for
/// every text run the component whose section holds it.
public struct ComponentMap: Sendable {
    public internal(set) var assignments: [Component: ComponentAssignment] = [:]
    /// Sections that name a component already taken by an earlier section.
    public internal(set) var duplicates: [(component: Component, section: Int)] = []
    /// For each text run, its component (nil: outside every component section).
    public internal(set) var runComponent: [Component?] = []
    /// Index of the section taken as the document's title, if any.
    public internal(set) var titleSection: Int?

    public subscript(_ c: Component) -> ComponentAssignment? { assignments[c] }

    /// Adds another part's map (component ids differ between profiles).
    public mutating func merge(_ other: ComponentMap) {
        for (c, a) in other.assignments where assignments[c] == nil { assignments[c] = a }
        duplicates += other.duplicates
        if runComponent.count < other.runComponent.count { runComponent += Array(repeating: nil, count: other.runComponent.count - runComponent.count) }
        for (i, c) in other.runComponent.enumerated() where c != nil && runComponent[i] == nil { runComponent[i] = c }
    }
}

/// Decides which section holds each of the five components: heading synonyms first (longest
/// match, then the one ending last), a named model in a heading for the model rationale,
/// then content cues for sections no heading explains.
public enum ComponentClassifier {
    public static func classify(_ doc: Document, _ analysis: TextAnalysis, _ pack: RulePack,
                                profile: Profile? = nil, scope: SourceRange? = nil) -> ComponentMap {
        var map = ComponentMap()
        let profile = profile ?? pack.poc
        let sections = doc.sections
        // The sections of the part being classified (all of them without a scope).
        let inScope: (Int) -> Bool = { si in
            guard let scope else { return true }
            return sections[si].range.start >= scope.start && sections[si].range.start < scope.end
        }
        if let scope {
            // A part's first section is its title ("# Generative AI Accelerator application").
            if let first = sections.indices.first(where: inScope), sections[first].kind == .heading,
               sections[first].range.start == scope.start || pack.profile(namedBy: sections[first].title) != nil {
                map.titleSection = first
            }
        } else {
            let levelOnes = sections.filter { $0.kind == .heading && $0.level == 1 }.count
            if let first = sections.first, first.kind == .heading, first.level == 1, levelOnes == 1, sections.count > 1 {
                map.titleSection = 0
            }
        }
        let allComponents = pack.allComponents
        let ownComponents = Set(profile.componentIDs)

        // Heading candidates per section.
        var best: [(component: Component, synonym: String, score: (Int, Int))?] = Array(repeating: nil, count: sections.count)
        for (si, s) in sections.enumerated() where si != map.titleSection && inScope(si) {
            guard let ri = doc.blocks[s.block].text else { continue }
            let run = doc.texts[ri]
            let titleText = s.kind == .heading ? 0..<run.bytes.count : 0..<(run.sourceRange.start == s.titleRange.start ? titleLength(run, s) : 0)
            for m in analysis.matches[analysis.byRun[ri]] where m.textRange.upperBound <= titleText.upperBound {
                for e in pack.entries[m.pattern] {
                    let candidate: Component?
                    var length = m.textRange.count
                    switch e.kind {
                    case .heading: candidate = allComponents[e.index]
                    case .model, .family: candidate = .model; length = 1
                    default: candidate = nil
                    }
                    guard let c = candidate, ownComponents.contains(c) else { continue }
                    let score = (length, m.textRange.upperBound)
                    if best[si] == nil || score > best[si]!.score {
                        best[si] = (c, run.string(m.textRange), score)
                    }
                }
            }
        }

        func hasAssignedAncestor(_ si: Int) -> Bool {
            var p = sections[si].parent
            while let pi = p {
                if map.assignments.values.contains(where: { $0.section == pi }) { return true }
                p = sections[pi].parent
            }
            return false
        }

        for (si, cand) in best.enumerated() {
            guard let cand else { continue }
            if let existing = map.assignments[cand.component] {
                if !isAncestor(existing.section, of: si, sections) && !hasAssignedAncestor(si) {
                    map.duplicates.append((cand.component, si))
                }
                continue
            }
            let what = sections[si].kind == .heading ? "heading" : "lead-in label"
            let reason = cand.score.0 == 1 && cand.component == .model && pack.entries.isEmpty == false && !isSynonym(cand.synonym, profile)
                ? "\(what) '\(sections[si].title)' names the model \(cand.synonym)"
                : "\(what) '\(sections[si].title)' matches '\(cand.synonym)'"
            map.assignments[cand.component] = ComponentAssignment(component: cand.component, section: si, reason: reason)
        }

        // Content cues for the components no heading named.
        // Only in a document that headings already show to be an application: cues decide an
        // unnamed section, they do not turn any Markdown file into one.
        let missing = profile.componentIDs.filter { map.assignments[$0] == nil }
        if !missing.isEmpty && !map.assignments.isEmpty {
            let assignedSections = Set(map.assignments.values.map(\.section))
            for (si, s) in sections.enumerated() where best[si] == nil && si != map.titleSection && !assignedSections.contains(si) && inScope(si) {
                if s.level > 2 && s.kind == .heading { continue }
                if hasAssignedAncestor(si) { continue }
                var cues: [Component: Set<Int>] = [:]
                // Only the section's own text: a wrapper's subsections speak for themselves.
                // Sections are in document order: a first child, if any, is the next section.
                let firstChild = si + 1 < sections.count && sections[si + 1].parent == si ? si + 1 : nil
                let own = SourceRange(s.range.start, firstChild.map { sections[$0].range.start } ?? s.range.end)
                for ri in runIndices(in: own, doc) {
                    // Cues are in the eager automaton: no on-demand scan of the section.
                    for m in analysis.matches[analysis.byRun[ri]] {
                        for e in pack.entries[m.pattern] where e.kind == .cue && ownComponents.contains(allComponents[e.index]) {
                            cues[allComponents[e.index], default: []].insert(m.pattern)
                        }
                    }
                }
                let ranked = missing.filter { map.assignments[$0] == nil }
                    .map { ($0, cues[$0]?.count ?? 0) }
                    .filter { $0.1 >= profile.components.cue_threshold }
                    .sorted { $0.1 > $1.1 }
                if let (c, n) = ranked.first, ranked.count == 1 || ranked[1].1 < n {
                    let words = cues[c]!.map { pack.keys[$0] }.sorted().prefix(4).joined(separator: ", ")
                    map.assignments[c] = ComponentAssignment(
                        component: c, section: si,
                        reason: "no heading names it; section '\(s.title)' holds \(n) of its content cues (\(words))")
                }
            }
        }

        // Component of every text run: the innermost assigned section that holds it.
        let assigned = map.assignments.values.sorted { sections[$0.section].range.length > sections[$1.section].range.length }
        var runComponent = [Component?](repeating: nil, count: doc.texts.count)
        for a in assigned {
            for ri in runIndices(in: sections[a.section].range, doc) { runComponent[ri] = a.component }
        }
        map.runComponent = runComponent
        return map
    }

    /// Indices of the text runs whose block starts within `range` (runs are in document order).
    public static func runIndices(in range: SourceRange, _ doc: Document) -> Range<Int> {
        func firstRun(atOrAfter offset: Int) -> Int {
            var lo = 0
            var hi = doc.texts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if doc.blocks[doc.texts[mid].block].range.start < offset { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return firstRun(atOrAfter: range.start)..<firstRun(atOrAfter: range.end)
    }

    static func isSynonym(_ text: String, _ profile: Profile) -> Bool {
        let key = Normalizer.key(text)
        return profile.components.components.contains { $0.headings.contains { Normalizer.key($0) == key } }
    }

    static func isAncestor(_ a: Int, of b: Int, _ sections: [Section]) -> Bool {
        var p = sections[b].parent
        while let pi = p {
            if pi == a { return true }
            p = sections[pi].parent
        }
        return false
    }

    /// Length in text bytes of a lead-in label (the title at the start of the run).
    static func titleLength(_ run: TextRun, _ s: Section) -> Int {
        min(s.title.utf8.count, run.bytes.count)
    }
}
