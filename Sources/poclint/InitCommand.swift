import ArgumentParser
import Foundation
import POCLintCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a skeleton application with the sections to fill in.",
        discussion: """
        The POC skeleton has the five sections reviewers score, a budget table with the model's \
        price from the catalog, and guidance in HTML comments; --profile accelerator writes the \
        Generative AI Accelerator application's six sections with a 12-month consumption table. \
        Linting it untouched lists what remains to fill in (every TODO).
        """)

    @Argument(help: "The file to write.")
    var file: String = "application.md"

    @Option(name: .long, help: "The primary model (name, alias or id from the catalog).")
    var model: String = "Claude Sonnet 4"

    @Option(name: .long, help: "The POC window in days: 60 or 90.")
    var window: Int = 90

    @Option(name: .long, help: ArgumentHelp("The application to write: poc or accelerator.", valueName: "PROFILE"))
    var profile: String = "poc"

    @Flag(name: .long, help: "Overwrite the file if it exists.")
    var force = false

    mutating func validate() throws {
        if window != 60 && window != 90 { throw ValidationError("--window takes 60 or 90 (days)") }
        try ProfileOption.validate(profile)
    }

    func run() throws {
        let pack = RulePack.builtIn
        guard let m = pack.model(named: model) else {
            let names = pack.models.models.flatMap { [$0.display_name, $0.id] }
            throw CLIError("unknown model '\(model)'\(NearestNames.hint(model, among: names)); `poclint init --model \"Claude Sonnet 4\"`")
        }
        if FileManager.default.fileExists(atPath: file) && !force {
            throw CLIError("\(file) already exists; use --force to overwrite it")
        }
        let text = profile == "accelerator"
            ? Self.acceleratorSkeleton(model: m, asOf: m.as_of ?? pack.models.as_of)
            : Self.skeleton(model: m, asOf: m.as_of ?? pack.models.as_of, window: window)
        do {
            try AtomicWriter.write(Array(text.utf8), to: file)
        } catch {
            throw CLIError("\(file): cannot write: \(error)")
        }
        FileHandle.standardOutput.write(Data("""
        wrote \(file): the \(profile == "accelerator" ? "six sections of the accelerator application" : "five sections") with guidance in comments; replace every TODO.
        next: poclint lint \(file)

        """.utf8))
    }

    static func skeleton(model m: ModelsFile.Model, asOf: String, window: Int) -> String {
        let mid = window / 2
        let price = "\(Dollars.format(m.input_per_mtok)) / \(Dollars.format(m.output_per_mtok)) per million input / output tokens"
        return """
        # TODO company name: Bedrock POC credit application

        <!-- Written by `poclint init`. Replace every TODO, then run `poclint lint` on this file
             after each edit; `poclint explain RULE-ID` says what a finding means. Comments like
             this one are guidance: reviewers do not see them once you delete them. -->

        TODO: two sentences on the company: what it sells, to whom, and its traction (users,
        revenue, letters of intent). This application asks for TODO in Bedrock POC credits for
        a \(window)-day proof of concept.

        ## Use case

        <!-- One specific product or feature the Bedrock workload powers: who uses it, on what
             data, with what result. Specific: "Draft first-response replies to inbound warranty
             claims for our claims adjusters, from the claim form and the policy PDF." Vague:
             "Bring generative AI into our platform." Give today's baseline (minutes per task,
             error rate) and the target the POC must reach. -->

        TODO: who uses it, on what data, with what result; today's baseline and the target.

        ## Model selection rationale

        <!-- Name the model on Amazon Bedrock and say why, against the alternatives, with
             evidence: an eval delta on your labelled set, a cost ratio, latency. If you route
             between models, say which model takes which traffic, and name the fallback and
             what triggers it (latency, errors, cost). -->

        Primary model: \(m.display_name) on Amazon Bedrock. TODO: why this model over the
        alternatives you tried, with the evidence.

        ## Evaluation methodology

        <!-- A defined test set (size, source, who labelled it), a cadence (e.g. weekly), a
             primary metric (accuracy, F1, exact match, win rate, groundedness ...) with a
             numeric pass threshold, and regression tracking across model and prompt versions. -->

        - **Test set:** TODO (size, source, who labelled it)
        - **Primary metric:** TODO (the metric and its pass threshold)
        - **Cadence:** TODO
        - **Regression tracking:** TODO

        ## Budget projection

        <!-- Monthly cost by Bedrock service and supporting AWS infrastructure, with the volume
             behind each figure, and a total that adds up. Inference = million tokens a day x
             price per million tokens x 30 days. \(m.display_name) (catalog as of \(asOf)):
             \(price). `poclint cost --model "\(m.display_name)" --input 10M/day --output 2M/day`
             does the arithmetic. -->

        | Line item | Volume | Monthly cost |
        |---|---|---|
        | Bedrock inference: \(m.display_name) (\(price)) | TODO M input + TODO M output tokens per day | $TODO |
        | Bedrock Knowledge Bases or OpenSearch Serverless | TODO | $TODO |
        | AWS Lambda orchestration | TODO invocations | $TODO |
        | Amazon S3 prompt and output logging | TODO GB stored | $TODO |
        | **Total** | | **$TODO** |

        ## POC timeline (\(window) days)

        <!-- From credits applied to a production decision: milestones by day, a mid-point
             review against the evaluation threshold, and a go/no-go decision with its criteria
             (threshold met, cost validated, production readiness). -->

        | Day | Milestone |
        |---|---|
        | 1-14 | TODO |
        | \(mid) | Mid-point review: TODO metric against the TODO threshold |
        | \(window) | Go/no-go decision: TODO criteria |

        """
    }

    /// The Generative AI Accelerator application: the six sections its form asks for, with
    /// what reviewers screen on in the comments (docs/profiles/accelerator.md).
    static func acceleratorSkeleton(model m: ModelsFile.Model, asOf: String) -> String {
        let months = (1...12).map { "M\($0)" }
        let header = "| Workload | " + months.joined(separator: " | ") + " | Total |"
        let rule = "|---|" + String(repeating: "---|", count: 13)
        let todo = " $TODO |" + String(repeating: "  |", count: 11) + " $TODO |"
        return """
        # TODO company name: Generative AI Accelerator application

        <!-- Written by `poclint init --profile accelerator`. Replace every TODO, then run
             `poclint lint` on this file after each edit; `poclint explain RULE-ID` says what a
             finding means. The accelerator takes pre-Series-B startups; the $1M tier expects a
             Series A with an institutional lead, tens of thousands of users or $50K+ MRR, and
             $40K-$50K a month of Bedrock spend within 12 months. -->

        ## Company overview

        <!-- Founded when, where, how many people; the funding stage and the last round with its
             lead investor ("a $6M Series A led by TODO Ventures"); the team's AI/ML experience
             (roles, publications, models shipped); traction with numbers: users, MRR or ARR,
             signed letters of intent. -->

        TODO: the company, its funding stage and lead investor, the team's AI/ML experience, and
        traction with numbers (users, MRR, letters of intent).

        ## Product description

        <!-- Lead with what the AI does for the user: the product is the model's work, not a
             dashboard with an AI feature added. Then who uses it and the result. -->

        TODO: what the AI does for whom, in the first sentence; then the rest of the product.

        ## Current AI architecture

        <!-- What runs today: the models and providers (another cloud is fine: the plan below
             moves it), retrieval, orchestration, volumes. -->

        TODO: models, providers, retrieval and volumes today.

        ## Bedrock migration plan

        <!-- Commit: which workloads move to Bedrock and by when ("all production traffic by
             month 3"); the Bedrock model of each workload (\(m.display_name), catalog as of
             \(asOf)); retrieval (Knowledge Bases for Amazon Bedrock, the vector store); the
             fallback; the test set, metric and threshold each cut-over must meet. -->

        All production traffic moves to \(m.display_name) on Amazon Bedrock by month TODO. TODO:
        retrieval, the fallback, and the evaluation each cut-over must pass.

        ## Projected 12-month Bedrock consumption

        <!-- One row per workload of the migration plan, one column per month, with a Total
             column and row that add up. `poclint cost` does the token arithmetic. -->

        \(header)
        \(rule)
        | TODO workload (\(m.display_name)) |\(todo)
        | **Total** |\(todo)

        ## References

        <!-- Customers or partners reviewers may contact: name, role, company, and what they
             can speak to; letters of intent attached. -->

        - TODO: name, role, company, what they can speak to.

        """
    }
}
