import Foundation
import POCLintCore
import POCLintRules

/// Where the server gets the configuration for a document. Called on the lint queue only.
public protocol ConfigurationProvider: AnyObject, Sendable {
    /// The configuration for a document (`path` is nil for a document that is not a file),
    /// and a problem to show the user when the configuration could not be read (the
    /// returned configuration is then the built-in one).
    func configuration(forDocumentAt path: String?) -> (Configuration, problem: String?)
    /// Forgets everything read so far: `.poclint.yml` files changed.
    func invalidate()
    /// The workspace folder the client opened, if any (paths in messages are shown relative to it).
    func setWorkspaceRoot(_ path: String?)
}

/// The built-in configuration for every document.
public final class DefaultConfigurationProvider: ConfigurationProvider {
    public init() {}
    public func configuration(forDocumentAt path: String?) -> (Configuration, problem: String?) { (Configuration(), nil) }
    public func invalidate() {}
    public func setWorkspaceRoot(_ path: String?) {}
}

/// `.poclint.yml` as the CLI reads it: the nearest file from the document's folder upwards
/// (stopping at the repository root), with `extends` merged. Files are read once and cached
/// until `invalidate()`; a document that is not a file gets the file found from the workspace root.
public final class ConfigLoaderProvider: ConfigurationProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var root: String
    private var loader: ConfigLoader

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath) {
        root = workingDirectory
        loader = ConfigLoaderProvider.makeLoader(workingDirectory)
    }

    static func makeLoader(_ directory: String) -> ConfigLoader {
        ConfigLoader(rules: RuleRegistry.all.map(\.description) + SuppressionRules.all, workingDirectory: directory)
    }

    public func configuration(forDocumentAt path: String?) -> (Configuration, problem: String?) {
        lock.lock()
        defer { lock.unlock() }
        let directory = path.map { PathUtil.parent($0) } ?? root
        let file = loader.discover(forFileIn: directory)
        do throws(ConfigError) {
            return (try loader.configuration(file), nil)
        } catch {
            let fallback = (try? loader.configuration(nil)) ?? Configuration()
            return (fallback, "\(error.description) (linting with the built-in configuration until it is fixed)")
        }
    }

    public func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        loader = ConfigLoaderProvider.makeLoader(root)
    }

    public func setWorkspaceRoot(_ path: String?) {
        lock.lock()
        defer { lock.unlock() }
        root = path ?? FileManager.default.currentDirectoryPath
        loader = ConfigLoaderProvider.makeLoader(root)
    }
}
