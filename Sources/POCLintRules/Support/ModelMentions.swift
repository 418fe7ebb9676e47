import POCLintCore

/// A model or provider named in the text.
struct ModelMention {
    enum Kind { case bedrock, family, foreignModel, foreignProvider }
    let kind: Kind
    /// Index into the pack's models, families, non-Bedrock models or providers.
    let index: Int
    let run: Int
    let textRange: Range<Int>
    let component: Component?
    /// Named as an alternative in a comparison ("compared with 0.86 for Nova Pro").
    let isAlternative: Bool
    /// Named in a sentence about a fallback (or under a "Fallback" label).
    let isFallback: Bool
    /// Named as something being moved away from ("instead of", "migrating from").
    let isReplaced: Bool
}

extension LintContext {
    /// Every model and provider mention of the document, leftmost-longest across all four kinds
    /// (so `openai.gpt-oss-120b` is a Bedrock model, not the OpenAI provider).
    var modelMentions: [ModelMention] {
        memo("models") {
            var out: [ModelMention] = []
            let kinds: [(PatternKind, ModelMention.Kind)] = [(.model, .bedrock), (.family, .family), (.foreignModel, .foreignModel), (.foreignProvider, .foreignProvider)]
            for ri in allRuns {
                var local: [(ModelMention.Kind, Int, Range<Int>)] = []
                for m in eagerMatches(inRun: ri) {
                    for e in pack.entries[m.pattern] {
                        if let k = kinds.first(where: { $0.0 == e.kind }) { local.append((k.1, e.index, m.textRange)) }
                    }
                }
                // Leftmost-longest in one sweep (matches come sorted by start, longest first).
                var kept: [(ModelMention.Kind, Int, Range<Int>)] = []
                var reach = -1
                for k in local {
                    if let last = kept.last, last.2 == k.2 { kept.append(k); continue }
                    if k.2.upperBound <= reach { continue }
                    kept.append(k)
                    reach = max(reach, k.2.upperBound)
                }
                // One mention per range: a Bedrock model beats a family beats a foreign name.
                var byRange: [Range<Int>: (ModelMention.Kind, Int)] = [:]
                for k in kept where byRange[k.2] == nil { byRange[k.2] = (k.0, k.1) }
                for (range, value) in byRange.sorted(by: { $0.key.lowerBound < $1.key.lowerBound }) {
                    let sentence = self.sentence(ri, around: range)
                    let before = sentence.lowerBound..<range.lowerBound
                    out.append(ModelMention(
                        kind: value.0, index: value.1, run: ri, textRange: range,
                        component: components.runComponent[ri],
                        isAlternative: hasTerm("comparison", run: ri, in: before, includeLabel: false),
                        isFallback: hasTerm("fallback", run: ri, in: sentence),
                        isReplaced: hasTerm("replacement", run: ri, in: before, includeLabel: false)))
                }
            }
            return out
        }
    }

    /// The model the application runs on: the first Bedrock model or family named in the model
    /// section that is neither an alternative nor a fallback (else the first one named at all).
    var primaryModel: ModelMention? {
        memo("primary") {
            let inSection = modelMentions.filter { $0.component == .model && ($0.kind == .bedrock || $0.kind == .family) }
            return inSection.first { !$0.isAlternative && !$0.isFallback } ?? inSection.first
        }
    }

    /// The catalog model whose price stands for a mention (a family's assumed model).
    func catalogModel(_ m: ModelMention) -> ModelsFile.Model? {
        switch m.kind {
        case .bedrock: return pack.models.models[m.index]
        case .family: return pack.model(id: pack.models.families[m.index].assumed)
        default: return nil
        }
    }

    /// The name of a mention as the catalog writes it.
    func displayName(_ m: ModelMention) -> String {
        switch m.kind {
        case .bedrock: return pack.models.models[m.index].display_name
        case .family: return pack.models.families[m.index].name
        case .foreignModel: return pack.providers.non_bedrock_models[m.index].name
        case .foreignProvider: return pack.providers.non_bedrock_providers[m.index].name
        }
    }

    /// Identity of the model a mention stands for (families resolve to their assumed model).
    func modelKey(_ m: ModelMention) -> String? {
        catalogModel(m)?.id
    }
}
